package model

import "fmt"

// Enabled reports whether thread tid can perform its pending operation now:
// it has not finished, and if it waits for a mutex, the mutex is free or
// (reentrant) already its own.
func (w *World) Enabled(tid int) bool {
	t := w.threads[tid]
	if t.done {
		return false
	}
	if t.pending.Kind == OpLock {
		l := &w.locs[t.pending.Loc]
		return l.owner < 0 || (l.owner == tid && l.kind == LocRMutex)
	}
	return true
}

// Step applies the pending operation of thread tid, which must be enabled,
// records its event and runs the oracles. choice is the value a pending
// Choose takes; it is ignored by other operations. The thread's coroutine
// must then be resumed to read the result and announce its next operation.
func (w *World) Step(tid int, choice int) {
	t := w.threads[tid]
	op := t.pending
	if op.Kind.isFence() {
		// The fence's flushes come first, each as if scheduled on its own
		// just before the step: they carry the clock of t's previous step.
		w.drain(t)
	}
	t.clock[tid]++
	ev := Event{Thread: tid, Op: op.Kind, Loc: op.Loc}
	switch op.Kind {
	case OpLoad:
		ev.Value = w.load(t, op.Loc)
	case OpStore:
		ev.Value = op.Arg
		ev.Buffered = w.store(t, op.Loc, op.Arg)
	case OpAtomicLoad:
		l := &w.locs[op.Loc]
		ev.Value = l.val
		w.acquire(t, l)
	case OpAtomicStore:
		l := &w.locs[op.Loc]
		l.val = op.Arg
		ev.Value = op.Arg
		w.releaseStore(t, l) // a store observes nothing: it acquires nothing
	case OpCAS:
		l := &w.locs[op.Loc]
		w.acquire(t, l)
		ev.Old, ev.New = op.Old, op.Arg
		if l.val == op.Old {
			l.val = op.Arg
			ev.OK = true
			w.release(t, l)
		}
		ev.Value = l.val
	case OpLock:
		l := &w.locs[op.Loc]
		l.owner = tid
		l.count++
		w.acquire(t, l)
	case OpUnlock:
		l := &w.locs[op.Loc]
		if l.owner != tid {
			ev.Value = 1 // not held: Unlock panics, as sync.Mutex and RLock do
		} else {
			l.count--
			if l.count == 0 {
				l.owner = -1
			}
			w.release(t, l)
		}
	case OpNew:
		ev.Value = w.allocate(op.Loc)
	case OpInit:
		ev.Value = 1
		ev.Buffered = w.store(t, op.Loc, 1)
	case OpAtomicInit:
		l := &w.locs[op.Loc]
		l.val = 1
		ev.Value = 1
		w.releaseStore(t, l)
	case OpChoose:
		ev.Value = Value(choice)
	case OpObtain:
		ev.Value = op.Arg
	default:
		panic(fmt.Sprintf("model: thread %s has no operation to step (%s)", t.Name(), op.Kind))
	}
	ev.Clock = w.snapshotClock(t.clock)
	w.events = append(w.events, ev)
	t.result = ev.Value
	if w.races {
		w.checkRaces(t, op, len(w.events)-1)
	}
	switch op.Kind {
	case OpCAS:
		t.result = 0
		if ev.OK {
			t.result = 1
		}
	case OpNew:
		w.checkConstruction(t, op.Loc)
	case OpInit, OpAtomicInit:
		w.checkInit(t, op.Old, op.Loc)
	case OpObtain:
		w.checkObtain(t, op.Arg)
	}
}
