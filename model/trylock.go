package model

// TryLock tries to lock the mutex without blocking and reports whether it
// succeeded: it succeeds exactly when Lock would not block now.
//
// Dependency rule: a successful TryLock is a lock (it writes the mutex's
// KeyMem); a failed one only reads KeyMem: it changes nothing, so it
// commutes with other reads of the mutex but not with the lock or unlock
// that made it fail, nor with the one that would have let it succeed.
func (m Mutex) TryLock(t *Thread) bool { return t.do(Op{Kind: OpTryLock, Loc: m.loc}) == 1 }

// Release unlocks the mutex as Unlock does, but reports a misuse (an
// unlock of a mutex that is not locked, or that the thread does not hold
// if reentrant) by returning false instead of panicking, so that a
// caller can panic with its own message (model/sync panics as Go's does).
func (m Mutex) Release(t *Thread) bool { return t.do(Op{Kind: OpUnlock, Loc: m.loc}) == 0 }

func tryLockFree(w *World, t *Thread, op *Op) bool {
	l := &w.locs[op.Loc]
	return mutexFree(l.kind, t.id, SyncState{Owner: l.owner, Count: l.count})
}

var tryLockSpec = opSpec{
	name:  "trylock",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc), Write: tryLockFree(w, t, op)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		if !tryLockFree(w, t, op) {
			return 0
		}
		l := &w.locs[op.Loc]
		if l.kind == LocRMutex {
			l.owner = t.id
		}
		l.count++
		w.acquire(t, l)
		ev.OK, ev.Value = true, 1
		return 1
	},
}
