package model

import (
	"reflect"
	"unsafe"
)

// Channel operations over real Go channels, for a source rewriter that
// turns ch <- v, <-ch, v, ok := <-ch, close(ch), len(ch), cap(ch) and
// select statements of unmodified code into calls. The channel the code
// made (make(chan T, n)) is only an identity and a capacity: its model
// state is kept per execution, keyed by the channel's identity. Each
// goroutine's first use of a channel is a make-chan step: the first one
// in the execution makes the channel's location (it writes KeyAlloc, so
// locations are numbered in a deterministic order), a later one finds it
// (it reads the channel's KeyMem, so it follows the make). Values never
// go through the real channel. A nil channel blocks
// forever, as in Go; closing it panics.

// realChan is the location of real channel ch for t, made on first use.
func realChan(t *Thread, ch any) int {
	rv := reflect.ValueOf(ch)
	if rv.IsNil() {
		return -1
	}
	p := rv.UnsafePointer()
	cw := t.w.chanWorld()
	if loc, ok := cw.seen[t.id][p]; ok {
		return loc
	}
	// The thread's first use: a step, whatever other threads did, so that
	// what a thread does depends on its own past only.
	loc := int(t.do(Op{Kind: OpChanMake, Loc: -1, Arg: Value(rv.Cap()), box: p}))
	if cw.seen == nil {
		cw.seen = map[int]map[unsafe.Pointer]int{}
	}
	if cw.seen[t.id] == nil {
		cw.seen[t.id] = map[unsafe.Pointer]int{}
	}
	cw.seen[t.id][p] = loc
	return loc
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
