package model

// Cond is a condition variable as the Go runtime implements sync.Cond: a
// ticket list. Wait is three parts (the caller's lock is released and
// retaken around the middle one, as sync.Cond.Wait does): take a ticket
// (Enqueue), then wait until that ticket has been signalled (Sleep).
// Signal marks the oldest unsignalled ticket, Broadcast all of them: a
// Signal wakes the waiters in the order they took their tickets (FIFO),
// which is what Go's runtime does (notifyListNotifyOne wakes the ticket
// after the last one notified), so the checker needs no choice to model
// it. A Signal or Broadcast with no waiter does nothing.
//
// Cond adds no happens-before edge of its own: the waiter retakes the
// caller's lock, which orders it after whatever the signaller did under
// that lock.
//
// Its state is the number of tickets signalled (count) and taken (aux).
//
// Dependency rule (deps.go keys of the Cond at location L): Enqueue,
// Signal and Broadcast write KeyMem(L); Sleep reads it, so sleepers
// commute with each other.
type Cond struct{ loc int }

// NewCond creates a condition variable named name.
func NewCond(w *World, name string) Cond { return Cond{w.newLoc(name, LocCond)} }

// Loc is the condition variable's location in its World.
func (c Cond) Loc() int { return c.loc }

// Enqueue takes the next ticket, the first part of a Wait.
func (c Cond) Enqueue(t *Thread) int { return int(t.do(Op{Kind: OpCondEnqueue, Loc: c.loc})) }

// Sleep blocks until ticket has been signalled, the second part of a Wait.
func (c Cond) Sleep(t *Thread, ticket int) {
	t.do(Op{Kind: OpCondSleep, Loc: c.loc, Arg: Value(ticket)})
}

// Signal wakes the waiter with the oldest unsignalled ticket, if any.
func (c Cond) Signal(t *Thread) { t.do(Op{Kind: OpCondSignal, Loc: c.loc}) }

// Broadcast wakes every waiter.
func (c Cond) Broadcast(t *Thread) { t.do(Op{Kind: OpCondBroadcast, Loc: c.loc}) }

func condWrite(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	return append(acc, Access{Key: memKey(op.Loc), Write: true})
}

var condEnqueueSpec = opSpec{
	name:     "cond-enqueue",
	fence:    true,
	sync:     true,
	accesses: condWrite,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		ev.Value = Value(l.aux)
		l.aux++
		return ev.Value
	},
}

// A sleep's event records its ticket as Value (Event.PendingOp).
var condSleepSpec = opSpec{
	name:      "cond-wait",
	fence:     true,
	sync:      true,
	enabled:   func(w *World, t *Thread, op *Op) bool { return int(op.Arg) < w.locs[op.Loc].count },
	enabledIn: func(op *Op, tid int, s SyncState) bool { return int(op.Arg) < s.Count },
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value { ev.Value = op.Arg; return 0 },
}

var condSignalSpec = opSpec{
	name:     "cond-signal",
	fence:    true,
	sync:     true,
	accesses: condWrite,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		if l := &w.locs[op.Loc]; l.count < l.aux {
			l.count++
		}
		return 0
	},
}

var condBroadcastSpec = opSpec{
	name:     "cond-broadcast",
	fence:    true,
	sync:     true,
	accesses: condWrite,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		l.count = l.aux
		return 0
	},
}
