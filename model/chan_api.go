package model

import "fmt"

// The calls every channel API goes through: thread t performs a channel
// operation on location loc (-1 for a nil channel); call names the API
// call in panics.

// chanWait waits, after an operation that queued t, until a counterpart
// completes it; it returns the operation's outcome.
func chanWait(t *Thread, loc int) Value {
	wk := t.w.result(t).wake
	return t.do(Op{Kind: OpChanWait, Loc: loc, Arg: Value(wk.ord), box: wk})
}

func chanSend(t *Thread, loc int, key Value, box any, call string) {
	r := t.do(Op{Kind: OpChanSend, Loc: loc, Arg: key, box: box})
	if r == chanQueued {
		r = chanWait(t, loc)
	}
	if r == chanPanic {
		panic(fmt.Sprintf("send on closed channel (%s on %s)", call, t.w.LocName(loc)))
	}
}

func chanRecv(t *Thread, loc int) (chanItem, bool) {
	if t.do(Op{Kind: OpChanRecv, Loc: loc}) == chanQueued {
		chanWait(t, loc)
	}
	r := t.w.result(t)
	return r.item, r.ok
}

func chanClose(t *Thread, loc int, call string) {
	if t.do(Op{Kind: OpChanClose, Loc: loc}) == chanPanic {
		if loc < 0 {
			panic(fmt.Sprintf("close of nil channel (%s)", call))
		}
		panic(fmt.Sprintf("close of closed channel (%s on %s)", call, t.w.LocName(loc)))
	}
}

func chanLen(t *Thread, loc int) int {
	if loc < 0 {
		return 0 // len of a nil channel is 0, and no step
	}
	return int(t.do(Op{Kind: OpChanLen, Loc: loc}))
}

func chanCapOf(w *World, loc int) int {
	if loc < 0 {
		return 0
	}
	return w.chanOf(loc).cap
}

// Channel is a channel of Values for a protocol written against *Thread
// (a World's Build makes it; the threads pass themselves), with Go's
// semantics (see chan.go): Send, Recv, Close and Len are steps; a send
// on a closed channel, and closing a closed channel, panic as Go's do.
// The zero Channel is not a nil channel: use NilChannel for that.
type Channel struct{ loc int }

// NewChannel makes a channel of capacity capacity (0: unbuffered) named
// name. It panics if capacity is negative, as make does.
func NewChannel(w *World, name string, capacity int) Channel {
	if capacity < 0 {
		panic(fmt.Sprintf("NewChannel(%q, %d): makechan: size out of range", name, capacity))
	}
	return Channel{w.newChan(name, capacity)}
}

// NilChannel is the nil channel: every operation on it blocks forever,
// and closing it panics.
var NilChannel = Channel{loc: -1}

// Loc is the channel's location in its World (-1 for NilChannel).
func (c Channel) Loc() int { return c.loc }

// Send sends v, waiting for a receiver (unbuffered) or for buffer space.
func (c Channel) Send(t *Thread, v Value) { chanSend(t, c.loc, v, nil, "Channel.Send") }

// Recv receives a value; ok is false if the channel is closed and empty
// (v is then 0).
func (c Channel) Recv(t *Thread) (v Value, ok bool) {
	it, ok := chanRecv(t, c.loc)
	return it.key, ok
}

// Close closes the channel.
func (c Channel) Close(t *Thread) { chanClose(t, c.loc, "Channel.Close") }

// Len is the number of values buffered.
func (c Channel) Len(t *Thread) int { return chanLen(t, c.loc) }

// SendCase is a select case sending v on c.
func (c Channel) SendCase(v Value) SelectCase {
	loc := c.loc
	return SelectCase{resolve: func(*Thread) int { return loc }, send: true, key: v}
}

// RecvCase is a select case receiving from c into *dst, and whether it
// got a sent value into *ok (either may be nil).
func (c Channel) RecvCase(dst *Value, ok *bool) SelectCase {
	loc := c.loc
	return SelectCase{resolve: func(*Thread) int { return loc }, deliver: func(it chanItem, got bool) {
		if dst != nil {
			*dst = it.key
		}
		if ok != nil {
			*ok = got
		}
	}}
}

// Chan is a channel of T for ordinary Go code run by a checked function
// (it finds its goroutine with Current): Go's chan T, with the same
// semantics (see chan.go). A nil *Chan is the nil channel.
type Chan[T any] struct{ loc int }

// NewChan makes a channel of T with capacity capacity (0: unbuffered), as
// make(chan T, capacity) does: a step of the running goroutine. It panics
// if capacity is negative.
func NewChan[T any](capacity int) *Chan[T] {
	if capacity < 0 {
		panic(fmt.Sprintf("model.NewChan(%d): makechan: size out of range", capacity))
	}
	t := Current()
	return &Chan[T]{loc: int(t.do(Op{Kind: OpChanMake, Loc: -1, Arg: Value(capacity)}))}
}

func (c *Chan[T]) location() int {
	if c == nil {
		return -1
	}
	return c.loc
}

// Send sends v (ch <- v).
func (c *Chan[T]) Send(v T) {
	t := Current()
	chanSend(t, c.location(), t.w.keyOf(v), v, "Chan.Send")
}

// Recv receives a value (<-ch): the zero value once the channel is closed
// and empty.
func (c *Chan[T]) Recv() T {
	v, _ := c.Recv2()
	return v
}

// Recv2 receives a value and whether it was sent (v, ok := <-ch): ok is
// false, and v the zero value, once the channel is closed and empty.
func (c *Chan[T]) Recv2() (v T, ok bool) {
	it, ok := chanRecv(Current(), c.location())
	v, _ = it.box.(T)
	return v, ok
}

// Close closes the channel (close(ch)).
func (c *Chan[T]) Close() { chanClose(Current(), c.location(), "Chan.Close") }

// Len is the number of values buffered (len(ch)): a step, since it reads
// the channel.
func (c *Chan[T]) Len() int { return chanLen(Current(), c.location()) }

// Cap is the channel's capacity (cap(ch)); it is not a step.
func (c *Chan[T]) Cap() int { return chanCapOf(Current().w, c.location()) }

// SelectCase is one case of a Select: a send, a receive or the default.
// Make one with SendCase, RecvCase, Default, Channel.SendCase,
// Channel.RecvCase, or (over real Go channels) SendTo and RecvFrom.
type SelectCase struct {
	// resolve is the case's channel location (-1: nil), nil for the default.
	resolve func(*Thread) int
	send    bool
	key     Value
	box     any
	deliver func(chanItem, bool) // a receive's destination, if any
}

// SendCase is the case ch <- v.
func SendCase[T any](c *Chan[T], v T) SelectCase {
	return SelectCase{resolve: func(t *Thread) int { return c.location() }, send: true, box: v, key: keyPending}
}

// RecvCase is the case *dst, *ok = <-c (dst and ok may be nil).
func RecvCase[T any](c *Chan[T], dst *T, ok *bool) SelectCase {
	return SelectCase{resolve: func(t *Thread) int { return c.location() }, deliver: typedDeliver(dst, ok)}
}

func typedDeliver[T any](dst *T, ok *bool) func(chanItem, bool) {
	return func(it chanItem, got bool) {
		if dst != nil {
			*dst, _ = it.box.(T)
		}
		if ok != nil {
			*ok = got
		}
	}
}

// keyPending marks a send case whose value's key is computed when the
// select runs (the World's keys are per execution).
const keyPending Value = -1 << 62

// Default is the default case: Select takes it when no other case is ready.
func Default() SelectCase { return SelectCase{} }

// Select runs a select statement on the running goroutine: it returns the
// index of the case it took. If some cases are ready, it takes one of
// them, and the checker explores each; otherwise it takes the Default
// case if there is one, or waits until a case can proceed (forever, if
// all channels are nil). A receive case stores what it got. Select panics
// if more than one Default is given, or if the send case it takes is on a
// closed channel.
func Select(cases ...SelectCase) int { return Current().Select(cases...) }

// Select is Select for a protocol written against *Thread.
func (t *Thread) Select(cases ...SelectCase) int {
	op := Op{Kind: OpSelect, Loc: -1}
	scs := make([]selCase, len(cases))
	for i, c := range cases {
		if c.resolve == nil {
			if op.Arg == 1 {
				panic("model.Select: more than one Default case")
			}
			op.Arg = 1
			scs[i] = selCase{loc: -1}
			continue
		}
		sc := selCase{loc: c.resolve(t), send: c.send, key: c.key, box: c.box}
		if sc.key == keyPending {
			sc.key = t.w.keyOf(c.box)
		}
		if op.Loc < 0 {
			op.Loc = sc.loc
		}
		scs[i] = sc
	}
	op.box = scs
	r := t.do(op)
	if r == chanQueued {
		r = chanWait(t, op.Loc)
	}
	res := t.w.result(t)
	if res.cas < 0 {
		for i, c := range cases {
			if c.resolve == nil {
				return i
			}
		}
	}
	if r == chanPanic {
		panic(fmt.Sprintf("send on closed channel (Select case %d on %s)", res.cas, t.w.LocName(scs[res.cas].loc)))
	}
	if d := cases[res.cas].deliver; d != nil {
		d(res.item, res.ok)
	}
	return res.cas
}
