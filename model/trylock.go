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

// TrySucceedsIn reports whether thread tid's try-lock op (TryLock of a
// Mutex, TryLock or TryRLock of an RWMutex) would succeed in a past state s
// of its object (as EnabledIn does for operations that block): partial-order
// reduction asks it of a try-lock that failed, moved before the event that
// made it fail.
func (w *World) TrySucceedsIn(op Op, tid int, s SyncState) bool {
	switch op.Kind {
	case OpTryLock:
		return mutexFree(w.locs[op.Loc].kind, tid, s)
	case OpTryWLock:
		return s.Owner < 0 && s.Count == 0
	case OpTryRLock:
		return s.Owner < 0
	}
	return false
}

// ReaderKey is the key of thread key's read holds on the RWMutex at loc
// (see rwmutex.go), which a successful TryRLock writes.
func ReaderKey(loc int, thread uint64) Key {
	return Key{Kind: KeyReader, Loc: int32(loc), Thread: thread}
}
