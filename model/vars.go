package model

// Var is a plain, non-atomic variable. Its accesses are not synchronization:
// two of them conflict unless ordered by happens-before, and under TSO and
// PSO its stores wait in the writer's store buffer.
type Var struct{ loc int }

// NewVar creates a plain variable named name, holding Nil.
func NewVar(w *World, name string) Var { return Var{w.newLoc(name, LocVar)} }

// Loc is the variable's location in its World.
func (v Var) Loc() int { return v.loc }

// Load reads the variable: t's own newest buffered store to it, else memory.
func (v Var) Load(t *Thread) Value { return t.do(Op{Kind: OpLoad, Loc: v.loc}) }

// Store writes x to the variable (into t's store buffer under TSO and PSO).
func (v Var) Store(t *Thread, x Value) { t.do(Op{Kind: OpStore, Loc: v.loc, Arg: x}) }

// Atomic is a sequentially consistent atomic variable, as Go's sync/atomic:
// its operations drain the caller's store buffer and synchronize.
type Atomic struct{ loc int }

// NewAtomic creates an atomic variable named name, holding Nil.
func NewAtomic(w *World, name string) Atomic { return Atomic{w.newLoc(name, LocAtomic)} }

// Loc is the variable's location in its World.
func (a Atomic) Loc() int { return a.loc }

// Load atomically reads the variable.
func (a Atomic) Load(t *Thread) Value { return t.do(Op{Kind: OpAtomicLoad, Loc: a.loc}) }

// Store atomically writes x.
func (a Atomic) Store(t *Thread, x Value) { t.do(Op{Kind: OpAtomicStore, Loc: a.loc, Arg: x}) }

// CompareAndSwap atomically replaces old by x and reports whether it did.
func (a Atomic) CompareAndSwap(t *Thread, old, x Value) bool {
	return t.do(Op{Kind: OpCAS, Loc: a.loc, Old: old, Arg: x}) == 1
}

// NewPointerVar creates a plain variable named name that holds references
// (a *T in Go): it behaves as NewVar's, and a trace prints its zero as nil
// even in an execution where it never holds an object.
func NewPointerVar(w *World, name string) Var {
	v := NewVar(w, name)
	w.locs[v.loc].refs = true
	return v
}

// NewAtomicPointer creates an atomic variable named name that holds
// references (an atomic.Pointer in Go); see NewPointerVar.
func NewAtomicPointer(w *World, name string) Atomic {
	a := NewAtomic(w, name)
	w.locs[a.loc].refs = true
	return a
}

// HoldsRefs reports whether location l was declared to hold references
// (NewPointerVar, NewAtomicPointer).
func (w *World) HoldsRefs(l int) bool { return l >= 0 && l < len(w.locs) && w.locs[l].refs }
