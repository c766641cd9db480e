package model

import "fmt"

// Mutex is a mutual-exclusion lock.
//
// A plain Mutex (NewMutex) is Go's sync.Mutex: it is not associated with a
// thread, so one thread may lock it and another unlock it; a thread that
// locks it again while it is held blocks (a deadlock if nobody else unlocks
// it). A reentrant one (NewRMutex, Python's threading.RLock) belongs to the
// thread that holds it: its owner may lock it again and must unlock it as
// many times, and only the owner may unlock it.
//
// Unlocking a mutex that is not locked (or, reentrant, that the thread does
// not hold) panics, as sync.Mutex ("sync: unlock of unlocked mutex") and
// RLock ("cannot release un-acquired lock") do, and the checker reports the
// panic as a violation. An unlock happens before the next lock of the same
// mutex, whoever performs it.
type Mutex struct{ loc int }

// NewMutex creates a plain mutex named name.
func NewMutex(w *World, name string) Mutex { return Mutex{w.newLoc(name, LocMutex)} }

// NewRMutex creates a reentrant mutex named name.
func NewRMutex(w *World, name string) Mutex { return Mutex{w.newLoc(name, LocRMutex)} }

// Loc is the mutex's location in its World.
func (m Mutex) Loc() int { return m.loc }

// Lock acquires the mutex, blocking while it is held (by another thread,
// for a reentrant mutex).
func (m Mutex) Lock(t *Thread) { t.do(Op{Kind: OpLock, Loc: m.loc}) }

// Unlock releases the mutex (one level of it, if reentrant).
func (m Mutex) Unlock(t *Thread) {
	if t.do(Op{Kind: OpUnlock, Loc: m.loc}) != 0 {
		what := "which is not locked"
		if t.w.locs[m.loc].kind == LocRMutex {
			what = "which " + t.Name() + " does not hold"
		}
		panic(fmt.Sprintf("unlock of %s, %s", t.w.LocName(m.loc), what))
	}
}

// mutexFree reports whether thread tid may lock a mutex of kind k in state
// s: it is free, or reentrant and tid's own.
func mutexFree(k LocKind, tid int, s SyncState) bool {
	return s.Count == 0 || (k == LocRMutex && s.Owner == tid)
}

// Every operation on a mutex writes it: no two commute.
func mutexAccess(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	return append(acc, Access{Key: memKey(op.Loc), Write: true})
}

var lockSpec = opSpec{
	name:  "lock",
	fence: true,
	sync:  true,
	enabled: func(w *World, t *Thread, op *Op) bool {
		l := &w.locs[op.Loc]
		return mutexFree(l.kind, t.id, SyncState{Owner: l.owner, Count: l.count})
	},
	enabledIn: func(op *Op, tid int, s SyncState) bool {
		// A reentrant mutex records its owner; a plain one has none.
		return s.Count == 0 || (s.Owner >= 0 && s.Owner == tid)
	},
	accesses: mutexAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		if l.kind == LocRMutex {
			l.owner = t.id
		}
		l.count++
		w.acquire(t, l)
		return 0
	},
}

// The thread's call returns 1 if the unlock is a misuse, which Unlock
// turns into a panic.
var unlockSpec = opSpec{
	name:     "unlock",
	fence:    true,
	sync:     true,
	accesses: mutexAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		if l.count == 0 || (l.kind == LocRMutex && l.owner != t.id) {
			ev.Value = 1
			return 1
		}
		l.count--
		if l.count == 0 {
			l.owner = -1
		}
		w.release(t, l)
		return 0
	},
}
