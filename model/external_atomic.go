package model

import "unsafe"

// Atomic operations on ordinary Go variables, by address, for the drop-in
// package model/sync/atomic: the variable at p is the same location as
// Read and Write of p use (externalLoc), so one variable may be accessed
// both plainly and atomically, as Go allows; an atomic access that is not
// ordered with a plain one is a data race (race_mixed.go). Each is one
// step of the running modelled goroutine and panics with ErrOutsideCheck
// outside a checked function. name names the variable in traces the first
// time the execution touches it.
//
// Values are kept as Go values; the model compares them by their keys
// (external.go): numbers and booleans as themselves, pointers by identity.
// A compare-and-swap of values of other types (strings, structs, in a
// Value) compares hashes of them, which two different values share with
// negligible probability.

// Integer is the types Go's atomic Add, And and Or act on.
type Integer interface {
	~int32 | ~int64 | ~uint32 | ~uint64 | ~uintptr
}

// AtomicLoad atomically loads the Go variable at p.
func AtomicLoad[T any](p *T, name string) T {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: OpAtomicLoad, Loc: loc})
	v, _ := t.resultBox.(T)
	return v
}

// AtomicStore atomically stores v into the Go variable at p.
func AtomicStore[T any](p *T, v T, name string) {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: OpAtomicStore, Loc: loc, Arg: t.w.keyOf(v), box: v})
}

// AtomicSwap atomically stores v into the Go variable at p and returns the
// value it held.
func AtomicSwap[T any](p *T, v T, name string) (old T) {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: OpSwap, Loc: loc, Arg: t.w.keyOf(v), box: v})
	old, _ = t.resultBox.(T)
	return old
}

// AtomicCompareAndSwap atomically replaces the Go variable at p by v if it
// holds old, and reports whether it did.
func AtomicCompareAndSwap[T any](p *T, old, v T, name string) bool {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	return t.do(Op{Kind: OpCAS, Loc: loc, Old: t.w.keyOf(old), Arg: t.w.keyOf(v), box: v}) == 1
}

// AtomicAdd atomically adds delta to the Go variable at p (wrapping around
// as T does) and returns the new value, as Go's AddInt64 does.
func AtomicAdd[T Integer](p *T, delta T, name string) T {
	return atomicRMW(OpAdd, p, delta, name, addOf[T]{}) + delta
}

// AtomicAnd atomically replaces the Go variable at p by its bitwise and
// with mask and returns the old value, as Go's AndInt64 does.
func AtomicAnd[T Integer](p *T, mask T, name string) (old T) {
	return atomicRMW(OpAnd, p, mask, name, andOf[T]{})
}

// AtomicOr atomically replaces the Go variable at p by its bitwise or with
// mask and returns the old value, as Go's OrInt64 does.
func AtomicOr[T Integer](p *T, mask T, name string) (old T) {
	return atomicRMW(OpOr, p, mask, name, orOf[T]{})
}

// atomicRMW performs read-modify-write kind on the Go variable at p with
// argument x; f computes the value written from the one found and x.
func atomicRMW[T Integer](kind OpKind, p *T, x T, name string, f rmwFunc) (old T) {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: kind, Loc: loc, Arg: Value(x), box: x, rmw: f})
	old, _ = t.resultBox.(T)
	return old
}

// rmwFunc computes the Go value a read-modify-write of external memory
// writes from the one it found and its argument. The implementations are
// empty structs, so that passing one costs no allocation.
type rmwFunc interface{ apply(old, x any) any }

type (
	addOf[T Integer] struct{}
	andOf[T Integer] struct{}
	orOf[T Integer]  struct{}
)

func (addOf[T]) apply(old, x any) any {
	o, _ := old.(T)
	return o + x.(T)
}

func (andOf[T]) apply(old, x any) any {
	o, _ := old.(T)
	return o & x.(T)
}

func (orOf[T]) apply(old, x any) any {
	o, _ := old.(T)
	return o | x.(T)
}
