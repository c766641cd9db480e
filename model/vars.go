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

// A plain load reads the location's memory (see loadAccess for a load of
// the thread's own store).
var loadSpec = opSpec{
	name: "load",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, w.loadAccess(t, op.Loc))
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value, ev.Box = w.loadBox(t, op.Loc)
		t.resultBox = ev.Box
		return ev.Value
	},
	check: func(w *World, t *Thread, op *Op, ev int) {
		if w.races {
			w.checkRead(t, op.Loc, ev)
		}
	},
}

// A plain store writes memory under SC, and its own buffered-store key
// under TSO and PSO (its flush writes memory).
var storeSpec = opSpec{
	name: "store",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return w.constructionAccess(t, op.Loc, append(acc, w.storeAccess(t, op.Loc)))
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value, ev.Box = op.Arg, op.box
		ev.Buffered = w.store(t, op.Loc, op.Arg, op.box)
		if w.goObjects != nil {
			var k Key
			if ev.Buffered {
				k = t.buf[len(t.buf)-1].key
			}
			w.noteConstructionStore(t, op.Loc, k)
		}
		return ev.Value
	},
	check: func(w *World, t *Thread, op *Op, ev int) {
		if w.races {
			w.checkWrite(t, op.Loc, ev)
		}
		if w.goObjects != nil {
			w.checkGoReinit(t, op.Loc)
		}
	},
}

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

// An atomic load reads memory and acquires what the last atomic write
// released.
var atomicLoadSpec = opSpec{
	name:  "atomic-load",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value, ev.Box = w.memValue(op.Loc)
		t.resultBox = ev.Box
		w.acquire(t, &w.locs[op.Loc])
		return ev.Value
	},
	check: checkAtomicRead,
}

// An atomic store writes memory. It observes nothing, so it acquires
// nothing.
var atomicStoreSpec = opSpec{
	name:  "atomic-store",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return w.memoryWrite(op.Loc, acc)
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.writeMemory(op.Loc, op.Arg, op.box)
		ev.Value = op.Arg
		w.releaseStore(t, &w.locs[op.Loc])
		return ev.Value
	},
	check: checkAtomicWrite,
}

// A compare-and-swap that succeeds writes memory; one that fails only
// reads it (it changes nothing, so it commutes with other reads). Either
// way it acquires, and a successful one continues the release sequence of
// the store it read from. The thread's call returns 1 on success, else 0.
var casSpec = opSpec{
	name:  "cas",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		if v, _ := w.memValue(op.Loc); v == op.Old {
			return w.memoryWrite(op.Loc, acc)
		}
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		w.acquire(t, l)
		ev.Old, ev.New = op.Old, op.Arg
		if v, _ := w.memValue(op.Loc); v == op.Old {
			w.writeMemory(op.Loc, op.Arg, op.box)
			ev.OK = true
			w.release(t, l)
		}
		ev.Value, ev.Box = w.memValue(op.Loc)
		t.resultBox = ev.Box
		if ev.OK {
			return 1
		}
		return 0
	},
	check: checkCAS,
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
