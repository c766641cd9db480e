package model

import "unsafe"

// Channels, modelled as Go's runtime implements them (runtime/chan.go): a
// channel has a capacity, a FIFO buffer of at most that many values, a
// closed flag, and two FIFO queues of blocked parties, the senders waiting
// to hand over a value and the receivers waiting for one. Every channel
// operation is one step that completes at once when it can (a send to a
// waiting receiver or into free buffer space, a receive from the buffer, a
// waiting sender or a closed channel) and otherwise queues its thread and
// leaves it waiting: its next operation, a chan-wait, is disabled until a
// counterpart's step completes it. A select that has a ready case takes one
// of them (a choice decision when several are ready, so every ready case
// is explored), takes its default when none is ready, and otherwise queues
// its thread on every case's channel; the step that completes one of its
// cases takes it off all of them.
//
// Semantics, as Go's (https://go.dev/ref/spec#Send_statements,
// #Receive_operator, #Close):
//   - an unbuffered send and receive meet (a rendezvous); a buffered
//     channel is FIFO;
//   - a send on a closed channel panics ("send on closed channel"), also
//     one that was waiting when the channel was closed; closing a closed or
//     nil channel panics;
//   - a receive on a closed channel returns the buffered values, then the
//     zero value with ok false;
//   - every operation on a nil channel blocks forever (a select ignores
//     nil cases);
//   - len is the number of buffered values, cap the capacity.
//
// Happens-before (https://go.dev/ref/mem#chan), for the race detector: a
// send is synchronized before the completion of the receive that gets its
// value; a receive from an unbuffered channel before the completion of the
// corresponding send; the k-th receive on a channel of capacity C before
// the completion of the (k+C)-th send; a close before a receive that
// returns because the channel is closed. len does not synchronize.
//
// Every channel operation is a fence under TSO and PSO: it drains the
// thread's store buffer first, as Go's channel operations synchronize.
//
// Dependency rule (deps.go): every operation on a channel (make excepted)
// writes the channel's KeyMem, so operations on one channel never commute;
// len reads it. A select writes the KeyMem of every channel among its
// cases, whichever it takes. An operation that completes a queued select
// also writes the KeyMem of every channel that select waits on (it takes
// the select off them). Making a channel writes KeyAlloc (locations are
// numbered in allocation order); a goroutine's first use of a real
// channel another one made already reads the channel's KeyMem instead
// (chan_go.go). Completing a waiting thread writes that
// wait's KeyWake; the chan-wait reads it, so it follows the step that
// woke it, and is never reordered before it (a race with it is not
// reversed: see OpKind.IsWoken).

// chanItem is a value in transit: its key and Go value (box, nil for
// Value-only channels), and the clock of its sender.
type chanItem struct {
	key   Value
	box   any
	clock VC
}

// chanEntry is a party queued on a channel: a waiting sender (with the
// value it offers) or receiver, for case cas of its select (0 if plain).
type chanEntry struct {
	wake *chanWake
	cas  int
	item chanItem // a sender's value; for a receiver, only its clock
}

// chanWake is what a queued thread waits for.
type chanWake struct {
	tid   int
	ord   int   // its number among the thread's waits (for its KeyWake)
	chans []int // the channels it is queued on
	done  bool
	cas   int      // the case that completed (0 if plain)
	item  chanItem // what a receive got
	ok    bool     // a receive got a sent value (not a close)
	shut  bool     // a send was ended by a close: it panics
	clock VC       // what the thread acquires when it wakes
}

// chanState is one channel.
type chanState struct {
	cap    int
	buf    []chanItem
	closed bool
	shut   VC // the closer's clock
	sendq  []chanEntry
	recvq  []chanEntry
	// sent counts the values that entered the channel; recvs holds the
	// clock of every receive of a buffered channel, for the k-th receive
	// before the (k+C)-th send.
	sent  int
	recvs []VC
}

// chanResult is what a thread's last channel operation returned.
type chanResult struct {
	item chanItem
	ok   bool
	cas  int
	wake *chanWake // what a queued operation waits for
}

// chanWorld is the channel state of a World.
type chanWorld struct {
	states map[int]*chanState
	ids    map[unsafe.Pointer]int         // real Go channels (chan_go.go), by identity
	seen   map[int]map[unsafe.Pointer]int // per thread: the real channels it used
	wakes  map[int]*chanWake              // per thread: what it waits for
	waits  map[int]int                    // per thread: how many waits it had
	res    map[int]chanResult             // per thread: its last result
	made   int
}

func (w *World) chanWorld() *chanWorld {
	if w.chans == nil {
		w.chans = &chanWorld{states: map[int]*chanState{}, wakes: map[int]*chanWake{},
			waits: map[int]int{}, res: map[int]chanResult{}}
	}
	return w.chans
}

func (w *World) chanOf(loc int) *chanState { return w.chanWorld().states[loc] }

// newChan makes a channel location.
func (w *World) newChan(name string, capacity int) int {
	cw := w.chanWorld()
	cw.made++
	if name == "" {
		name = "chan" + itoa(cw.made)
	}
	loc := w.newLoc(name, LocChan)
	cw.states[loc] = &chanState{cap: capacity}
	return loc
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// The results of a channel step, as the thread's call sees them.
const (
	chanDone   Value = iota // completed
	chanQueued              // queued: a chan-wait follows
	chanPanic               // misuse: the call panics
)

func keyWake(t uint64, ord int) Key { return Key{Kind: KeyWake, Thread: t, Ord: int64(ord)} }

// chanAccess appends the write of channel loc's KeyMem and of the
// channels of the selects its queue heads belong to (the ones a step on
// loc may complete), and their KeyWakes; with all, of every queued party
// (a close completes them all).
func (w *World) chanAccess(loc int, all bool, acc Footprint) Footprint {
	acc = append(acc, Access{Key: memKey(loc), Write: true})
	c := w.chanOf(loc)
	for _, q := range [2][]chanEntry{c.sendq, c.recvq} {
		for i, e := range q {
			if i > 0 && !all {
				break
			}
			acc = append(acc, Access{Key: keyWake(w.threads[e.wake.tid].key, e.wake.ord), Write: true})
			for _, o := range e.wake.chans {
				if o != loc {
					acc = append(acc, Access{Key: memKey(o), Write: true})
				}
			}
		}
	}
	return acc
}

// pop takes the head of q off it, and the head's wake off every channel it
// is queued on.
func (w *World) pop(q []chanEntry) chanEntry {
	e := q[0]
	for _, loc := range e.wake.chans {
		c := w.chanOf(loc)
		c.sendq = dropWake(c.sendq, e.wake)
		c.recvq = dropWake(c.recvq, e.wake)
	}
	delete(w.chanWorld().wakes, e.wake.tid)
	return e
}

func dropWake(q []chanEntry, wk *chanWake) []chanEntry {
	out := q[:0]
	for _, e := range q {
		if e.wake != wk {
			out = append(out, e)
		}
	}
	return out
}

// sendReady and recvReady report whether a send or receive on c would
// complete now (a send on a closed channel completes by panicking).
func (c *chanState) sendReady() bool {
	return c.closed || len(c.recvq) > 0 || len(c.buf) < c.cap
}

func (c *chanState) recvReady() bool {
	return len(c.buf) > 0 || len(c.sendq) > 0 || c.closed
}

// enter counts a value entering buffered channel c by thread t's send, and
// makes the receive it must follow (the (k-C)-th) happen before it.
func (w *World) enter(t *Thread, c *chanState) {
	m := c.sent
	c.sent++
	if c.cap > 0 && m >= c.cap && m-c.cap < len(c.recvs) {
		t.clock.Join(c.recvs[m-c.cap])
	}
}

// trySend performs t's send of it on c if it can complete now; it reports
// whether it did, and whether the send panics.
func (w *World) trySend(t *Thread, c *chanState, it chanItem) (done, panics bool) {
	switch {
	case c.closed:
		return true, true
	case len(c.recvq) > 0:
		r := w.pop(c.recvq)
		wk := r.wake
		it.clock = t.clock.Clone()
		wk.done, wk.cas, wk.item, wk.ok = true, r.cas, it, true
		wk.clock = it.clock
		if c.cap == 0 {
			t.clock.Join(r.item.clock) // the receive before the send completes
		} else {
			w.enter(t, c)
			rc := r.item.clock.Clone()
			rc.Join(it.clock)
			c.recvs = append(c.recvs, rc)
		}
		return true, false
	case len(c.buf) < c.cap:
		w.enter(t, c)
		it.clock = t.clock.Clone()
		c.buf = append(c.buf, it)
		return true, false
	}
	return false, false
}

// tryRecv performs t's receive from c if it can complete now.
func (w *World) tryRecv(t *Thread, c *chanState) (it chanItem, ok, done bool) {
	switch {
	case len(c.buf) > 0:
		it = c.buf[0]
		c.buf = append(c.buf[:0], c.buf[1:]...)
		t.clock.Join(it.clock)
		c.recvs = append(c.recvs, t.clock.Clone())
		if len(c.sendq) > 0 { // a waiting sender's value takes the free place
			s := w.pop(c.sendq)
			wk := s.wake
			m := c.sent
			c.sent++
			s.item.clock = s.item.clock.Clone()
			c.buf = append(c.buf, s.item)
			wk.done, wk.cas = true, s.cas
			wk.clock = c.recvs[m-c.cap]
		}
		return it, true, true
	case len(c.sendq) > 0:
		s := w.pop(c.sendq)
		it = s.item
		t.clock.Join(it.clock)
		wk := s.wake
		wk.done, wk.cas, wk.clock = true, s.cas, t.clock.Clone()
		return it, true, true
	case c.closed:
		if c.shut != nil {
			t.clock.Join(c.shut)
		}
		return chanItem{}, false, true
	}
	return chanItem{}, false, false
}

// queue puts t on the queues of the channels of cases (as a sender or a
// receiver) and returns its wake.
func (w *World) queue(t *Thread, cases []selCase) *chanWake {
	cw := w.chanWorld()
	ord := cw.waits[t.id]
	cw.waits[t.id]++
	wk := &chanWake{tid: t.id, ord: ord}
	for i, sc := range cases {
		if sc.loc < 0 {
			continue
		}
		c := w.chanOf(sc.loc)
		e := chanEntry{wake: wk, cas: i, item: chanItem{key: sc.key, box: sc.box, clock: t.clock.Clone()}}
		if sc.send {
			c.sendq = append(c.sendq, e)
		} else {
			c.recvq = append(c.recvq, e)
		}
		wk.chans = append(wk.chans, sc.loc)
	}
	cw.wakes[t.id] = wk
	cw.res[t.id] = chanResult{wake: wk}
	return wk
}

// selCase is one case of a select as the operation carries it (Op.box):
// the channel (-1 for nil), a send's value, and the direction.
type selCase struct {
	loc  int
	send bool
	key  Value
	box  any
}

func casesOf(op *Op) []selCase {
	if cs, ok := op.box.([]selCase); ok {
		return cs
	}
	return nil
}

func (w *World) setResult(t *Thread, r chanResult) { w.chanWorld().res[t.id] = r }

func (w *World) result(t *Thread) chanResult { return w.chanWorld().res[t.id] }

// Make: Op.Arg is the capacity, Op.box a real channel's identity
// (unsafe.Pointer) or nil; the call returns the location. A real channel
// already made in this execution (by another thread's make) keeps its
// location: that make only reads the channel's KeyMem.
var chanMakeSpec = opSpec{
	name: "make-chan",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		if p, ok := op.box.(unsafe.Pointer); ok {
			if loc, ok := w.chanWorld().ids[p]; ok {
				return append(acc, Access{Key: memKey(loc)}) // finds it
			}
		}
		return append(acc, Access{Key: Key{Kind: KeyAlloc}, Write: true})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		cw := w.chanWorld()
		if p, ok := op.box.(unsafe.Pointer); ok {
			if loc, ok := cw.ids[p]; ok {
				ev.Loc, ev.Value = loc, Value(loc)
				return ev.Value
			}
			loc := w.newChan("", int(op.Arg))
			if cw.ids == nil {
				cw.ids = map[unsafe.Pointer]int{}
			}
			cw.ids[p] = loc
			ev.Loc, ev.Value = loc, Value(loc)
			return ev.Value
		}
		loc := w.newChan("", int(op.Arg))
		ev.Loc, ev.Value = loc, Value(loc)
		return ev.Value
	},
}

// chanEnabled: an operation on a nil channel (Loc -1) never runs.
func chanEnabled(w *World, t *Thread, op *Op) bool { return op.Loc >= 0 }

func chanOpAccess(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	if op.Loc < 0 {
		return acc
	}
	return w.chanAccess(op.Loc, false, acc)
}

// Send: Op.Arg is the value's key, Op.box its Go value.
var chanSendSpec = opSpec{
	name:     "send",
	fence:    true,
	enabled:  chanEnabled,
	accesses: chanOpAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		c := w.chanOf(op.Loc)
		ev.Value, ev.Box = op.Arg, op.box
		done, panics := w.trySend(t, c, chanItem{key: op.Arg, box: op.box})
		switch {
		case panics:
			return chanPanic
		case done:
			return chanDone
		}
		w.queue(t, []selCase{{loc: op.Loc, send: true, key: op.Arg, box: op.box}})
		return chanQueued
	},
}

var chanRecvSpec = opSpec{
	name:     "recv",
	fence:    true,
	enabled:  chanEnabled,
	accesses: chanOpAccess,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		c := w.chanOf(op.Loc)
		it, ok, done := w.tryRecv(t, c)
		if !done {
			w.queue(t, []selCase{{loc: op.Loc}})
			return chanQueued
		}
		ev.Value, ev.Box, ev.OK = it.key, it.box, ok
		w.setResult(t, chanResult{item: it, ok: ok})
		return chanDone
	},
}

// Close completes every queued party: receivers get the zero value, not
// ok; senders panic. Closing a nil (Loc -1) or closed channel panics.
var chanCloseSpec = opSpec{
	name:  "close",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		if op.Loc < 0 {
			return acc
		}
		return w.chanAccess(op.Loc, true, acc)
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		if op.Loc < 0 {
			return chanPanic
		}
		c := w.chanOf(op.Loc)
		if c.closed {
			return chanPanic
		}
		c.closed, c.shut = true, t.clock.Clone()
		for len(c.recvq) > 0 {
			r := w.pop(c.recvq)
			r.wake.done, r.wake.cas, r.wake.clock = true, r.cas, c.shut
		}
		for len(c.sendq) > 0 {
			s := w.pop(c.sendq)
			s.wake.done, s.wake.cas, s.wake.shut = true, s.cas, true
		}
		return chanDone
	},
}

// Len reads the channel: the number of buffered values.
var chanLenSpec = opSpec{
	name:  "len",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value = Value(len(w.chanOf(op.Loc).buf))
		return ev.Value
	},
}

// Wait: Op.Loc is the (first) channel the thread is queued on. It runs
// once a counterpart completed it, and returns chanPanic for a send ended
// by a close.
var chanWaitSpec = opSpec{
	name:  "chan-wait",
	woken: true,
	enabled: func(w *World, t *Thread, op *Op) bool {
		wk := w.chanWorld().wakes[t.id]
		return wk == nil // taken off the queues: completed
	},
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: keyWake(t.key, int(op.Arg))})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		wk := op.box.(*chanWake)
		if wk.clock != nil {
			t.clock.Join(wk.clock)
		}
		ev.Value, ev.Box, ev.OK = wk.item.key, wk.item.box, wk.ok
		w.setResult(t, chanResult{item: wk.item, ok: wk.ok, cas: wk.cas})
		if wk.shut {
			return chanPanic
		}
		return chanDone
	},
}
