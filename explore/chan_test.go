package explore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// observe records v in the execution's outcome.
func observe(name string, v int) { model.Current().Observe(name, model.Value(v)) }

// chanCase is one channel program, with what Go's semantics say of it:
// the violation kinds every exhaustive search finds (nil: safe), and the
// number of distinct outcomes (what the goroutines observed).
type chanCase struct {
	name     string
	main     func()
	kinds    []model.Kind
	outcomes int
}

var chanCases = []chanCase{
	{name: "rendezvous hands over the value and orders both sides", main: func() {
		ch := model.NewChan[int](0)
		var before, after model.Shared[int]
		model.Go(func() {
			before.Store(1)
			ch.Send(42)
			model.Assert(after.Load() == 2, "the receiver's write before its receive is visible after the send")
		})
		after.Store(2)
		v := ch.Recv()
		model.Assert(v == 42 && before.Load() == 1, "got %d", v)
	}, outcomes: 1},
	{name: "buffered channel is FIFO", main: func() {
		ch := model.NewChan[int](2)
		model.Go(func() { ch.Send(1); ch.Send(2); ch.Send(3) })
		a, b, c := ch.Recv(), ch.Recv(), ch.Recv()
		model.Assert(a == 1 && b == 2 && c == 3, "received %d %d %d", a, b, c)
	}, outcomes: 1},
	{name: "receive on closed drains the buffer then gets zero, not ok", main: func() {
		ch := model.NewChan[int](1)
		ch.Send(7)
		ch.Close()
		v, ok := ch.Recv2()
		model.Assert(v == 7 && ok, "first receive: %d %v", v, ok)
		v, ok = ch.Recv2()
		model.Assert(v == 0 && !ok, "second receive: %d %v", v, ok)
	}, outcomes: 1},
	{name: "close wakes a waiting receiver with zero, not ok", main: func() {
		ch := model.NewChan[string](0)
		model.Go(func() {
			v, ok := ch.Recv2()
			model.Assert(v == "" && !ok, "got %q %v", v, ok)
		})
		ch.Close()
	}, outcomes: 1},
	{name: "send on closed channel panics", main: func() {
		ch := model.NewChan[int](1)
		ch.Close()
		ch.Send(1)
	}, kinds: []model.Kind{model.Panic}, outcomes: 1},
	{name: "a sender waiting when the channel is closed panics", main: func() {
		ch := model.NewChan[int](0)
		model.Go(func() { ch.Send(1) })
		ch.Close()
	}, kinds: []model.Kind{model.Panic}, outcomes: 1},
	{name: "double close panics", main: func() {
		ch := model.NewChan[int](0)
		ch.Close()
		ch.Close()
	}, kinds: []model.Kind{model.Panic}, outcomes: 1},
	{name: "close of nil channel panics", main: func() {
		var ch *model.Chan[int]
		ch.Close()
	}, kinds: []model.Kind{model.Panic}, outcomes: 1},
	{name: "unbuffered send with no receiver deadlocks", main: func() {
		model.NewChan[int](0).Send(1)
	}, kinds: []model.Kind{model.Deadlock}, outcomes: 1},
	{name: "receive from nil channel blocks forever", main: func() {
		var ch *model.Chan[int]
		ch.Recv()
	}, kinds: []model.Kind{model.Deadlock}, outcomes: 1},
	{name: "full buffered channel blocks the sender until a receive", main: func() {
		ch := model.NewChan[int](1)
		ch.Send(1)
		model.Go(func() { ch.Send(2) })
		a, b := ch.Recv(), ch.Recv()
		model.Assert(a == 1 && b == 2, "received %d %d", a, b)
	}, outcomes: 1},
	{name: "select explores every ready case", main: func() {
		a, b, c := model.NewChan[int](1), model.NewChan[int](1), model.NewChan[int](1)
		a.Send(1)
		b.Send(2)
		c.Send(3)
		var v int
		model.Select(model.RecvCase(a, &v, nil), model.RecvCase(b, &v, nil), model.RecvCase(c, &v, nil))
		observe("v", v)
	}, outcomes: 3},
	{name: "select takes default only when nothing is ready", main: func() {
		a := model.NewChan[int](1)
		i := model.Select(model.RecvCase(a, nil, nil), model.Default())
		observe("empty", i)
		a.Send(5)
		var v int
		i = model.Select(model.Default(), model.RecvCase(a, &v, nil))
		observe("full", i*10+v)
	}, outcomes: 1},
	{name: "select with default races a concurrent sender", main: func() {
		a := model.NewChan[int](1)
		model.Go(func() { a.Send(5) })
		observe("case", model.Select(model.RecvCase(a, nil, nil), model.Default()))
	}, outcomes: 2},
	{name: "blocked select is completed by the one channel that gets a value", main: func() {
		a, b := model.NewChan[int](0), model.NewChan[int](0)
		done := model.NewChan[bool](0)
		model.Go(func() {
			var v int
			i := model.Select(model.RecvCase(a, &v, nil), model.RecvCase(b, &v, nil))
			model.Assert(i == 1 && v == 9, "case %d got %d", i, v)
			done.Close()
		})
		b.Send(9)
		done.Recv()
	}, outcomes: 1},
	{name: "select send case meets a waiting receiver", main: func() {
		a, b := model.NewChan[int](0), model.NewChan[int](0)
		model.Go(func() { observe("a", a.Recv()) })
		model.Go(func() { observe("b", b.Recv()) })
		i := model.Select(model.SendCase(a, 1), model.SendCase(b, 2))
		if i == 0 {
			b.Send(2)
		} else {
			a.Send(1)
		}
	}, outcomes: 1},
	{name: "two selects meet each other", main: func() {
		a := model.NewChan[int](0)
		model.Go(func() { model.Select(model.SendCase(a, 3)) })
		var v int
		model.Select(model.RecvCase(a, &v, nil))
		model.Assert(v == 3, "got %d", v)
	}, outcomes: 1},
	{name: "publication by closing a channel is race-free", main: func() {
		ready := model.NewChan[struct{}](0)
		var cfg model.Shared[*config]
		model.Go(func() {
			cfg.Store(model.Constructed(&config{path: "/etc"}))
			ready.Close()
		})
		for range 2 {
			model.Go(func() {
				ready.Recv()
				c := cfg.Load()
				model.Obtain(c)
			})
		}
	}, outcomes: 1},
	{name: "publication without waiting for the close races", main: func() {
		ready := model.NewChan[struct{}](0)
		var flag model.Shared[int]
		model.Go(func() {
			flag.Store(1)
			ready.Close()
		})
		observe("len", ready.Len()+10*ready.Cap())
		observe("flag", flag.Load())
	}, kinds: []model.Kind{model.DataRace}, outcomes: 2},
	{name: "real channels through the function forms", main: func() {
		ch := make(chan int, 1)
		done := make(chan struct{})
		model.Go(func() {
			model.ChanSend(ch, 1)
			model.ChanSend(ch, 2)
			model.ChanClose(done)
		})
		a, _ := model.ChanRecv(ch)
		b, _ := model.ChanRecv(ch)
		_, ok := model.ChanRecv(done)
		var c int
		i := model.Select(model.RecvFrom(ch, &c, nil), model.Default())
		model.Assert(a == 1 && b == 2 && !ok && i == 1, "got %d %d %v %d", a, b, ok, i)
		observe("len", model.ChanLen(ch)+10*model.ChanCap(ch))
	}, outcomes: 1},
	{name: "real channels first used by the goroutines they connect", main: func() {
		a, b := make(chan int), make(chan int, 1)
		model.Go(func() { model.ChanSend(a, 1); model.ChanSend(b, 2) })
		model.Go(func() {
			v, _ := model.ChanRecv(b)
			w, _ := model.ChanRecv(a)
			observe("vw", 10*v+w)
		})
		model.Go(func() { model.ChanRecv(a) })
	}, kinds: []model.Kind{model.Deadlock}, outcomes: 1},
	{name: "real nil channel blocks forever", main: func() {
		var ch chan int
		model.ChanRecv(ch)
	}, kinds: []model.Kind{model.Deadlock}, outcomes: 1},
}

// Every exhaustive strategy agrees with Go's semantics on every case,
// under every memory model.
func TestChannelSemantics(t *testing.T) {
	for _, c := range chanCases {
		for _, mem := range model.Memories {
			for _, strat := range []string{"dfs", "source-dpor", "dpor"} {
				t.Run(c.name+"/"+mem.String()+"/"+strat, func(t *testing.T) {
					res, err := explore.Explore(context.Background(), explore.FuncProgram(c.name, c.main),
						explore.Config{Strategy: strat, Memory: mem})
					require.NoError(t, err)
					assert.True(t, res.Complete, "search complete")
					assert.Equal(t, c.kinds, res.Violations)
					assert.Equal(t, c.outcomes, res.Stats.Outcomes, "outcomes")
				})
			}
		}
	}
}

// Misuse panics say what Go's runtime says, and name the call.
func TestChannelMisuseMessages(t *testing.T) {
	for _, c := range []struct {
		name string
		main func()
		msg  string
	}{
		{"send on closed", func() { ch := model.NewChan[int](1); ch.Close(); ch.Send(1) }, "send on closed channel (Chan.Send on chan1)"},
		{"double close", func() { ch := model.NewChan[int](1); ch.Close(); ch.Close() }, "close of closed channel (Chan.Close on chan1)"},
		{"close nil", func() { var ch *model.Chan[int]; ch.Close() }, "close of nil channel (Chan.Close)"},
		{"real send on closed", func() { ch := make(chan int); model.ChanClose(ch); model.ChanSend(ch, 1) }, "send on closed channel (model.ChanSend on chan1)"},
		{"select send on closed", func() {
			ch := model.NewChan[int](0)
			ch.Close()
			model.Select(model.SendCase(ch, 1))
		}, "send on closed channel (Select case 0 on chan1)"},
		{"two defaults", func() { model.Select(model.Default(), model.Default()) }, "model.Select: more than one Default case"},
		{"negative capacity", func() { model.NewChan[int](-1) }, "model.NewChan(-1): makechan: size out of range"},
		{"deadlock names the channel", func() { model.NewChan[int](0).Recv() }, "T0 waits to chan-wait chan1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := explore.Explore(context.Background(), explore.FuncProgram(c.name, c.main), explore.Config{})
			require.NoError(t, err)
			require.NotNil(t, res.Counterexample)
			var msgs []string
			for _, v := range res.Counterexample.Violations() {
				msgs = append(msgs, v.Msg)
			}
			require.NotEmpty(t, msgs)
			assert.Contains(t, msgs[0], c.msg)
		})
	}
}

func TestChannelsOutsideACheckedFunctionPanic(t *testing.T) {
	assert.PanicsWithValue(t, model.ErrOutsideCheck, func() { model.NewChan[int](0) })
	assert.PanicsWithValue(t, model.ErrOutsideCheck, func() { model.ChanSend(make(chan int, 1), 1) })
	assert.PanicsWithValue(t, model.ErrOutsideCheck, func() { model.Select(model.Default()) })
}

// A protocol written against *Thread uses Channel; a blocked send is
// completed by a later receive, and the checker explores both orders of
// two senders.
func TestChannelForThreadPrograms(t *testing.T) {
	prog := model.Program{Name: "two senders", Build: func(w *model.World) []model.Body {
		ch := model.NewChannel(w, "ch", 0)
		return []model.Body{
			func(t *model.Thread) { ch.Send(t, 1) },
			func(t *model.Thread) { ch.Send(t, 2) },
			func(t *model.Thread) {
				a, _ := ch.Recv(t)
				b, _ := ch.Recv(t)
				t.Observe("first", a)
				t.Assert(a+b == 3 && ch.Len(t) == 0, "got %d and %d", a, b)
			},
		}
	}}
	for _, strat := range []string{"dfs", "dpor"} {
		res, err := explore.Explore(context.Background(), prog, explore.Config{Strategy: strat})
		require.NoError(t, err)
		assert.Equal(t, explore.Safe, res.Verdict, strat)
		assert.Equal(t, 2, res.Stats.Outcomes, strat)
	}
}
