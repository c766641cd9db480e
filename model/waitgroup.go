package model

import "fmt"

// WaitGroup waits for a collection of threads to finish, as Go's
// sync.WaitGroup: Add changes a counter, Wait blocks until it is zero.
// Every Add with a negative delta (a Done) happens before the return of
// every Wait that sees the counter at zero after it. A counter that would
// go negative panics, as Go's does.
//
// Dependency rule (deps.go keys of the WaitGroup at location L): Add
// writes KeyMem(L); Wait reads it, so Waits commute with each other and
// not with any Add.
type WaitGroup struct{ loc int }

// NewWaitGroup creates a wait group named name, its counter 0.
func NewWaitGroup(w *World, name string) WaitGroup { return WaitGroup{w.newLoc(name, LocWaitGroup)} }

// Loc is the wait group's location in its World.
func (g WaitGroup) Loc() int { return g.loc }

// Add adds delta to the counter. A negative counter panics with Go's
// message ("sync: negative WaitGroup counter"); the counter is unchanged.
func (g WaitGroup) Add(t *Thread, delta int) {
	if t.do(Op{Kind: OpWGAdd, Loc: g.loc, Arg: Value(delta)}) != 0 {
		panic(fmt.Sprintf("sync: negative WaitGroup counter (Add(%d) on %s)", delta, t.w.LocName(g.loc)))
	}
}

// Wait blocks until the counter is zero.
func (g WaitGroup) Wait(t *Thread) { t.do(Op{Kind: OpWGWait, Loc: g.loc}) }

// The thread's call returns 1 if the counter would go negative.
var wgAddSpec = opSpec{
	name:  "wg-add",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc), Write: true})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		n := l.count + int(op.Arg)
		ev.Old, ev.New = Value(l.count), Value(n)
		if n < 0 {
			ev.Value = 1
			return 1
		}
		l.count = n
		if op.Arg < 0 {
			w.release(t, l)
		}
		return 0
	},
}

var wgWaitSpec = opSpec{
	name:      "wg-wait",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return w.locs[op.Loc].count == 0 },
	enabledIn: func(op *Op, tid int, s SyncState) bool { return s.Count == 0 },
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.acquire(t, &w.locs[op.Loc])
		return 0
	},
}
