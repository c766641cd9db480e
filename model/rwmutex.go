package model

import "fmt"

// RWMutex is a reader/writer mutual-exclusion lock with the semantics of
// Go's sync.RWMutex: any number of readers or one writer hold it; it is not
// associated with a thread (one thread may lock and another unlock); and a
// writer waiting in Lock blocks new readers, so a reader that takes the
// read lock again while a writer waits deadlocks, as in Go.
//
// Lock is two steps, as Go's is: the writer announces itself (OpWLock,
// blocked while another writer is announced or holds the lock; from then
// on RLock blocks), then waits for the readers that hold the lock to leave
// (OpWWait). Happens-before follows Go's memory model: an Unlock happens
// before every later RLock and Lock, and an RUnlock before the next Lock.
//
// Its state is the writer (location owner: the announced or holding
// writer's thread, -1 if none), the number of read holds (count) and the
// read holds of each thread (holds).
//
// Dependency rule (deps.go keys of the RWMutex at location L):
//   - RLock and a successful TryRLock read KeyMem(L) (the writer state) and
//     write KeyReader(L, t), the caller's own read holds; RUnlock by a
//     thread that holds a read lock writes KeyReader(L, t) only. So readers
//     of different threads commute with each other: their effects on the
//     count commute, and none can enable or disable another.
//   - An RUnlock by a thread with no read hold of its own (Go lets it
//     release another goroutine's) writes KeyMem(L) and reads KeyReaders(L):
//     it conflicts with every reader.
//   - The writer's steps write KeyMem(L), so they conflict with every
//     reader; its wait (OpWWait) also reads KeyReaders(L), which conflicts
//     with every KeyReader(L, ·) write. Unlock writes KeyMem(L).
//   - TryLock reads KeyReaders(L) and reads KeyMem(L) if it fails, writes
//     it if it succeeds. TryRLock reads KeyReaders(L) and KeyMem(L), and
//     writes KeyReader(L, t) if it succeeds (then it is a reader as
//     RLock, but does not commute with other readers' changes).
//
// TryRLock's read of KeyReaders(L) is not needed for the two orders of its
// effects to agree. A failed one needs it to keep what partial-order reduction
// relies on for blocking operations (explore/dpor_race.go): an event on L
// that races with a blocked operation conflicts with every later change of
// what that operation waits for (here a writer waiting for the readers
// waits for the read holds to go), so that the blocked operation could run
// in the event's place exactly when the state before the event allows it.
// A successful one has it so that its footprint in one order of a race
// covers its footprint in the other (as a compare-and-swap's does): with a
// read lock of another thread released between the two, optimal DPOR
// would otherwise reach a state where every enabled thread sleeps.
type RWMutex struct{ loc int }

// NewRWMutex creates a reader/writer mutex named name.
func NewRWMutex(w *World, name string) RWMutex { return RWMutex{w.newLoc(name, LocRWMutex)} }

// Loc is the mutex's location in its World.
func (m RWMutex) Loc() int { return m.loc }

// RLock takes a read lock, blocking while a writer holds the mutex or
// waits for it.
func (m RWMutex) RLock(t *Thread) { t.do(Op{Kind: OpRLock, Loc: m.loc}) }

// RUnlock releases one read lock. Without one it panics as Go's does.
func (m RWMutex) RUnlock(t *Thread) {
	if t.do(Op{Kind: OpRUnlock, Loc: m.loc}) != 0 {
		panic(fmt.Sprintf("sync: RUnlock of unlocked RWMutex (%s)", t.w.LocName(m.loc)))
	}
}

// Lock takes the write lock: it announces the writer (blocking while
// another writer is announced), then waits for the readers to leave. A
// resolver set for it (Thread.ResolveAtStep) finds the location of both
// steps.
func (m RWMutex) Lock(t *Thread) {
	late := t.late
	t.do(Op{Kind: OpWLock, Loc: m.loc})
	t.late = late
	t.do(Op{Kind: OpWWait, Loc: t.pending.Loc}) // where the first step ran
}

// Unlock releases the write lock. Unlocking a mutex no writer holds
// panics as Go's does.
func (m RWMutex) Unlock(t *Thread) {
	if t.do(Op{Kind: OpWUnlock, Loc: m.loc}) != 0 {
		panic(fmt.Sprintf("sync: Unlock of unlocked RWMutex (%s)", t.w.LocName(m.loc)))
	}
}

// TryLock takes the write lock if no writer and no reader holds it (or
// waits for it) now, and reports whether it did.
func (m RWMutex) TryLock(t *Thread) bool { return t.do(Op{Kind: OpTryWLock, Loc: m.loc}) == 1 }

// TryRLock takes a read lock if no writer holds it or waits for it now,
// and reports whether it did.
func (m RWMutex) TryRLock(t *Thread) bool { return t.do(Op{Kind: OpTryRLock, Loc: m.loc}) == 1 }

func readerKey(loc int, t *Thread) Key { return Key{Kind: KeyReader, Loc: int32(loc), Thread: t.key} }

func readersKey(loc int) Key { return Key{Kind: KeyReaders, Loc: int32(loc)} }

// hold adds d to t's read holds of l.
func (l *location) hold(t *Thread, d int) {
	for len(l.holds) <= t.id {
		l.holds = append(l.holds, 0)
	}
	l.holds[t.id] += d
	l.count += d
}

func (l *location) holdsOf(t *Thread) int {
	if t.id < len(l.holds) {
		return l.holds[t.id]
	}
	return 0
}

func noWriter(op *Op, tid int, s SyncState) bool { return s.Owner < 0 }

// readerAccess is the footprint of a reader's acquisition.
func readerAccess(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	return append(acc, Access{Key: memKey(op.Loc)}, Access{Key: readerKey(op.Loc, t), Write: true})
}

func (w *World) rAcquire(t *Thread, l *location) {
	l.hold(t, 1)
	w.acquire(t, l)
}

var rLockSpec = opSpec{
	name:      "rlock",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return w.locs[op.Loc].owner < 0 },
	enabledIn: noWriter,
	accesses:  readerAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.rAcquire(t, &w.locs[op.Loc])
		return 0
	},
}

// The thread's call returns 1 on a misuse (no read lock held).
var rUnlockSpec = opSpec{
	name:  "runlock",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		if w.locs[op.Loc].holdsOf(t) > 0 {
			return append(acc, Access{Key: readerKey(op.Loc, t), Write: true})
		}
		return append(acc, Access{Key: memKey(op.Loc), Write: true}, Access{Key: readersKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		switch {
		case l.holdsOf(t) > 0:
			l.hold(t, -1)
		case l.count > 0:
			// Another thread's read hold: Go's counter is not per goroutine.
			for i, h := range l.holds {
				if h > 0 {
					l.holds[i]--
					l.count--
					break
				}
			}
		default:
			ev.Value = 1
			return 1
		}
		if l.rclock == nil {
			l.rclock = make(VC, 0, len(t.clock))
		}
		l.rclock.Join(t.clock)
		return 0
	},
}

var wLockSpec = opSpec{
	name:      "wlock",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return w.locs[op.Loc].owner < 0 },
	enabledIn: noWriter,
	accesses:  mutexAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.locs[op.Loc].owner = t.id
		return 0
	},
}

// wAcquire makes t the holder of l's write lock: it acquires what the
// last Unlock and every RUnlock since released.
func (w *World) wAcquire(t *Thread, l *location) {
	l.owner = t.id
	w.acquire(t, l)
	if l.rclock != nil {
		t.clock.Join(l.rclock)
	}
}

var wWaitSpec = opSpec{
	name:      "wwait",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return w.locs[op.Loc].count == 0 },
	enabledIn: func(op *Op, tid int, s SyncState) bool { return s.Count == 0 },
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc), Write: true}, Access{Key: readersKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.wAcquire(t, &w.locs[op.Loc])
		return 0
	},
}

// The thread's call returns 1 on a misuse (no writer holds the mutex).
var wUnlockSpec = opSpec{
	name:     "wunlock",
	fence:    true,
	sync:     true,
	accesses: mutexAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		if l.owner < 0 {
			ev.Value = 1
			return 1
		}
		l.owner = -1
		w.release(t, l)
		return 0
	},
}

func tryWFree(w *World, op *Op) bool { l := &w.locs[op.Loc]; return l.owner < 0 && l.count == 0 }

var tryWLockSpec = opSpec{
	name:  "trywlock",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc), Write: tryWFree(w, op)}, Access{Key: readersKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		if !tryWFree(w, op) {
			return 0
		}
		w.wAcquire(t, &w.locs[op.Loc])
		ev.OK, ev.Value = true, 1
		return 1
	},
}

var tryRLockSpec = opSpec{
	name:  "tryrlock",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		acc = append(acc, Access{Key: readersKey(op.Loc)})
		if w.locs[op.Loc].owner < 0 {
			return readerAccess(w, t, op, acc)
		}
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		if l.owner >= 0 {
			return 0
		}
		w.rAcquire(t, l)
		ev.OK, ev.Value = true, 1
		return 1
	},
}
