package model

import "slices"

// Spin waits until cond returns true, as a spin loop does:
//
//	for !cond() {
//	}
//
// cond reads shared state through t (loads, atomic loads) and must not
// write it. An iteration that returns false is not repeated until some
// location it read holds, for t, a value other than the one it read: until
// then t waits (its next operation, an await, is disabled), as a
// deterministic cond would only return false again. So a spin-wait costs
// one iteration per way it can end, not one execution per iteration, and an
// execution in which every thread waits forever ends in a deadlock (a
// livelock of spinning threads) with its schedule. This is GenMC's
// spin-assume and Nidhugg's await (Kokologiannakis, Ou, Vafeiadis, "Model
// checking for weakly consistent libraries", PLDI 2019).
//
// An iteration that wrote is repeated as a plain loop would be.
func (t *Thread) Spin(cond func() bool) {
	for {
		ok, s := t.spinIteration(cond)
		if ok {
			return
		}
		if s.wrote || len(s.reads) == 0 {
			continue
		}
		t.do(Op{Kind: OpAwait, Loc: s.reads[0].loc, await: s.reads})
	}
}

// spinIteration runs one iteration of a Spin: cond, with what it reads
// recorded. A panic in cond leaves the thread recording nothing.
func (t *Thread) spinIteration(cond func() bool) (bool, *spinState) {
	s := &spinState{}
	t.spin = s
	defer func() { t.spin = nil }()
	return cond(), s
}

// spinState is what the current iteration of a Spin read.
type spinState struct {
	reads []spinRead
	wrote bool
}

type spinRead struct {
	loc int
	val Value
}

// noteSpin records, for a spinning thread, what the step ev did: a read
// (a load, an atomic load, a failed compare-and-swap) of a location and the
// value it returned, or anything else, which makes the iteration impure.
func (t *Thread) noteSpin(ev *Event) {
	s := t.spin
	switch {
	case ev.Op == OpLoad || ev.Op == OpAtomicLoad || ev.Op == OpCAS && !ev.OK:
		if r := (spinRead{ev.Loc, ev.Value}); !slices.Contains(s.reads, r) {
			s.reads = append(s.reads, r)
		}
	case ev.Op != OpChoose:
		s.wrote = true
	}
}

// An await is enabled once a location the failed iteration read holds
// another value for the thread; it reads those locations.
var awaitSpec = opSpec{
	name: "await",
	enabled: func(w *World, t *Thread, op *Op) bool {
		for _, r := range op.await {
			if w.load(t, r.loc) != r.val {
				return true
			}
		}
		return false
	},
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		for _, r := range op.await {
			acc = append(acc, w.loadAccess(t, r.loc))
		}
		return acc
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value { ev.await = op.await; return 0 },
}

// AwaitEnabledBefore reports whether op, an await pending for thread tid,
// would have been enabled just before event number ev: whether some
// location it waits on held another value for the thread then, from
// memory or from the thread's own buffered stores.
func (w *World) AwaitEnabledBefore(op Op, tid, ev int) bool {
	for _, r := range op.await {
		if w.visibleBefore(tid, r.loc, ev) != r.val {
			return true
		}
	}
	return false
}

// visibleBefore is the value thread tid would have loaded from loc just
// before event number ev: its newest store to loc still buffered then,
// else the last value written to memory.
func (w *World) visibleBefore(tid, loc, ev int) Value {
	mem, own, buffered := Nil, Nil, 0
	for _, e := range w.events[:ev] {
		if e.Loc != loc {
			continue
		}
		switch {
		case e.Op == OpFlush:
			mem = e.Value
			if e.Thread == tid {
				buffered--
			}
		case e.Buffered && e.Thread == tid:
			own, buffered = e.Value, buffered+1
		case e.Op == OpStore || e.Op == OpAtomicStore || e.Op == OpInit || e.Op == OpAtomicInit || (e.Op == OpCAS && e.OK) || e.Op.IsRMW():
			if !e.Buffered {
				mem = e.Value
			}
		}
	}
	if buffered > 0 {
		return own
	}
	return mem
}

// CASSucceedsBefore reports whether thread tid's compare-and-swap op would
// succeed if it ran just before event ev, in the memory the events before
// ev leave; known is false where the events do not determine that (a
// location of external memory, whose first value is the Go variable's).
func (w *World) CASSucceedsBefore(op Op, tid, ev int) (succeeds, known bool) {
	if op.Kind != OpCAS || op.Loc < 0 || op.Loc >= len(w.locs) || w.locs[op.Loc].ext != nil {
		return false, false
	}
	return w.visibleBefore(tid, op.Loc, ev) == op.Old, true
}
