package model

import "fmt"

// WaitGroup waits for a collection of threads to finish, as Go's
// sync.WaitGroup: Add changes a counter, Wait blocks until it is zero.
// Every Add with a negative delta (a Done) happens before the return of
// every Wait that sees the counter at zero after it. A counter that would
// go negative panics, as Go's does.
//
// Wait is Go's two parts: a Wait that finds the counter at zero returns
// (one step); one that finds it above zero waits for the end of that
// round, the Add that takes the counter to zero (a second step, Sleep).
// Woken, it finds the counter still at zero, or panics as Go's does ("sync:
// WaitGroup is reused before previous Wait has returned"): an Add that
// started a new round came between the end of the round and the waiter's
// return. (Go's other misuse panic, "Add called concurrently with Wait",
// needs an Add inside the Done that ends a round, which is one step here:
// the checker never reports it.)
//
// Its state is the counter (count) and the number of rounds ended (aux).
//
// Dependency rule (deps.go keys of the WaitGroup at location L): Add
// writes KeyMem(L); Wait and Sleep read it, so Waits commute with each
// other and not with any Add.
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

// Wait blocks until the counter is zero. It panics, as Go's does, if an
// Add starts a new round after the round it waited for ended and before it
// returns.
func (g WaitGroup) Wait(t *Thread) {
	round := t.do(Op{Kind: OpWGWait, Loc: g.loc})
	if round < 0 {
		return
	}
	// It sleeps on the group whose round it took (the first step's, which
	// a resolver may have found when it ran: Thread.ResolveAtStep).
	loc := t.pending.Loc
	if t.do(Op{Kind: OpWGSleep, Loc: loc, Arg: round}) != 0 {
		panic(fmt.Sprintf("sync: WaitGroup is reused before previous Wait has returned (%s)", t.w.LocName(loc)))
	}
}

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
		if n == 0 && l.count > 0 {
			l.aux++ // the round ends: its waiters wake
		}
		l.count = n
		if op.Arg < 0 {
			w.release(t, l)
		}
		return 0
	},
}

func wgRead(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	return append(acc, Access{Key: memKey(op.Loc)})
}

// A Wait returns -1 if the counter is zero (it is done), else the number
// of the round it waits for the end of, as its event's Value.
var wgWaitSpec = opSpec{
	name:     "wg-wait",
	fence:    true,
	sync:     true,
	accesses: wgRead,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		if l.count == 0 {
			w.acquire(t, l)
			ev.Value = -1
			return -1
		}
		ev.Value = Value(l.aux)
		return ev.Value
	},
}

// A Sleep waits until round Arg has ended; its event records the round as
// Value (Event.PendingOp) and whether the WaitGroup was reused (the thread
// panics) as OK = false. The thread's call returns 1 if it was.
var wgSleepSpec = opSpec{
	name:      "wg-sleep",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return int(op.Arg) < w.locs[op.Loc].aux },
	enabledIn: func(op *Op, tid int, s SyncState) bool { return int(op.Arg) < s.Aux },
	accesses:  wgRead,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		w.acquire(t, l)
		ev.Value, ev.OK = op.Arg, l.count == 0
		if !ev.OK {
			return 1
		}
		return 0
	},
}
