package model

import "reflect"

// Channel operations over real Go channels, for a source rewriter that
// turns ch <- v, <-ch, v, ok := <-ch, close(ch), len(ch), cap(ch) and
// select statements of unmodified code into calls. The channel the code
// made (make(chan T, n)) is only an identity and a capacity: its model
// state is kept per execution, keyed by the channel's identity, and made
// by a make-chan step of the first goroutine that uses it (a step that
// writes KeyAlloc, so channel locations are numbered in a deterministic
// order). Values never go through the real channel. A nil channel blocks
// forever, as in Go; closing it panics.

// realChan is the location of real channel ch for t, made on first use.
func realChan(t *Thread, ch any) int {
	rv := reflect.ValueOf(ch)
	if rv.IsNil() {
		return -1
	}
	p := rv.UnsafePointer()
	if cw := t.w.chanWorld(); cw.ids != nil {
		if loc, ok := cw.ids[p]; ok {
			return loc
		}
	}
	return int(t.do(Op{Kind: OpChanMake, Loc: -1, Arg: Value(rv.Cap()), box: p}))
}

// ChanSend is ch <- v.
func ChanSend[T any](ch chan<- T, v T) {
	t := Current()
	chanSend(t, realChan(t, ch), t.w.keyOf(v), v, "model.ChanSend")
}

// ChanRecv is v, ok := <-ch.
func ChanRecv[T any](ch <-chan T) (v T, ok bool) {
	t := Current()
	it, ok := chanRecv(t, realChan(t, ch))
	v, _ = it.box.(T)
	return v, ok
}

// ChanClose is close(ch).
func ChanClose[T any](ch chan<- T) {
	t := Current()
	chanClose(t, realChan(t, ch), "model.ChanClose")
}

// ChanLen is len(ch), for a channel of any direction and element type.
func ChanLen(ch any) int {
	t := Current()
	return chanLen(t, realChan(t, ch))
}

// ChanCap is cap(ch); it is not a step.
func ChanCap(ch any) int { return reflect.ValueOf(ch).Cap() }

// SendTo is the select case ch <- v over a real channel.
func SendTo[T any](ch chan<- T, v T) SelectCase {
	return SelectCase{resolve: func(t *Thread) int { return realChan(t, ch) }, send: true, box: v, key: keyPending}
}

// RecvFrom is the select case *dst, *ok = <-ch over a real channel (dst
// and ok may be nil).
func RecvFrom[T any](ch <-chan T, dst *T, ok *bool) SelectCase {
	return SelectCase{resolve: func(t *Thread) int { return realChan(t, ch) }, deliver: typedDeliver(dst, ok)}
}
