package model

import (
	"fmt"
	"hash/maphash"
	"reflect"
	"unsafe"
)

// External memory: ordinary Go variables that the model checks without
// owning them. Read and Write take the variable's address; the first access
// in an execution makes the address a location of the World (named as the
// caller says), so the variable's loads and stores are steps like a Var's:
// store buffers under TSO and PSO, the race detector, the dependency
// relation. Under SC a store writes the variable at once; under TSO and PSO
// it waits in the writer's buffer, and the flush writes the variable.
//
// A location's Value, for comparisons (a spin's reads, a compare-and-swap,
// the nondeterminism check), is a key of the Go value: numbers and booleans
// as themselves, a pointer (map, channel, function, slice) by identity,
// numbered in the order the execution first saw it, a construction marked
// with Constructed as its object reference (so a trace prints it T#k), and
// other values by a hash.

// external is the Go variable behind a location.
type external struct {
	read  func() any
	write func(any)
	addr  uintptr // the variable's address (construct_fields.go)
}

// ptrBase tags the keys of pointers that are not constructions.
const ptrBase Value = 1 << 50

// externalLoc is the location of the Go variable at p, made on first use
// with the accessors mk returns (externalOf[T], which costs nothing when
// the location exists).
func (w *World) externalLoc(p unsafe.Pointer, name string, mk func(unsafe.Pointer) *external) int {
	if p == w.lastExt && p != nil {
		return w.lastExtLoc
	}
	if loc, ok := w.extLocs[p]; ok {
		w.lastExt, w.lastExtLoc = p, loc
		return loc
	}
	if w.extLocs == nil {
		w.extLocs = map[unsafe.Pointer]int{}
	}
	loc := w.newLoc(name, LocVar)
	ext := mk(p)
	ext.addr = uintptr(p)
	w.locs[loc].ext = ext
	w.locs[loc].val = w.keyOf(ext.read())
	w.extLocs[p] = loc
	w.lastExt, w.lastExtLoc = p, loc
	return loc
}

// externalOf is the accessors of a Go variable of type T at p.
func externalOf[T any](p unsafe.Pointer) *external {
	v := (*T)(p)
	return &external{read: func() any { return *v }, write: func(x any) { *v, _ = x.(T) }}
}

var keySeed = maphash.MakeSeed()

// keyOf is the Value that stands for the Go value x (see above).
func (w *World) keyOf(x any) Value {
	switch v := x.(type) {
	case nil:
		return Nil
	case bool:
		if v {
			return 1
		}
		return 0
	case int:
		return Value(v)
	case int8:
		return Value(v)
	case int16:
		return Value(v)
	case int32:
		return Value(v)
	case int64:
		return Value(v)
	case uint:
		return Value(v)
	case uint8:
		return Value(v)
	case uint16:
		return Value(v)
	case uint32:
		return Value(v)
	case uint64:
		return Value(v)
	case uintptr:
		return Value(v)
	case string:
		return Value(maphash.String(keySeed, v) >> 2)
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func, reflect.Slice:
		if rv.IsNil() {
			return Nil
		}
		p := rv.Pointer()
		if ref, ok := w.constructed[p]; ok {
			return ref
		}
		k, ok := w.ptrKeys[p]
		if !ok {
			if w.ptrKeys == nil {
				w.ptrKeys = map[uintptr]Value{}
			}
			k = ptrBase + Value(len(w.ptrKeys)+1)
			w.ptrKeys[p] = k
		}
		return k
	}
	return Value(maphash.String(keySeed, fmt.Sprintf("%#v", x)) >> 2)
}

// Read loads the Go variable at p, as a plain (non-atomic) load by the
// running modelled goroutine; name names the variable in traces the first
// time the execution touches it.
func Read[T any](p *T, name string) T {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: OpLoad, Loc: loc})
	v, _ := t.resultBox.(T)
	return v
}

// Write stores v into the Go variable at p, as a plain store by the
// running modelled goroutine (into its store buffer under TSO and PSO).
func Write[T any](p *T, v T, name string) {
	t := Current()
	loc := t.w.externalLoc(unsafe.Pointer(p), name, externalOf[T])
	t.do(Op{Kind: OpStore, Loc: loc, Arg: t.w.keyOf(v), box: v})
}

// Shared is a plain variable holding a Go value of type T, as a protocol
// written for the checker declares one: its zero value is ready to use,
// and every Load and Store is a step of the running modelled goroutine.
type Shared[T any] struct {
	v    T
	Name string // the name traces give it; "shared" if empty
}

// Load reads the variable.
func (s *Shared[T]) Load() T { return Read(&s.v, s.name()) }

// Store writes x to the variable.
func (s *Shared[T]) Store(x T) { Write(&s.v, x, s.name()) }

func (s *Shared[T]) name() string {
	if s.Name == "" {
		return "shared"
	}
	return s.Name
}

// Site is where in the source a modelled operation stands, for traces:
// instrumented code declares one per statement and calls At before the
// statement's operations.
type Site struct {
	// Pos is the position, "file.go:42".
	Pos string
	// Text is the statement's source text.
	Text string
}

// At makes site the source position of the running goroutine's next
// operations (Event.Site), until the next At.
func At(site *Site) { Current().site = site }
