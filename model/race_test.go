package model_test

import (
	"context"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// raceCase is a hand-written program and whether, by the Go memory model,
// some execution of it has a data race.
type raceCase struct {
	name  string
	racy  bool
	build func(w *model.World) []model.Body
}

var raceCases = []raceCase{
	{"write-read unsynchronized", true, func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { x.Load(t) },
		}
	}},
	{"write-write unsynchronized", true, func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { x.Store(t, 2) },
		}
	}},
	{"reads only", false, func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Load(t) },
			func(t *model.Thread) { x.Load(t) },
		}
	}},
	{"atomics only", false, func(w *model.World) []model.Body {
		a := model.NewAtomic(w, "a")
		return []model.Body{
			func(t *model.Thread) { a.Store(t, 1); a.CompareAndSwap(t, 1, 2) },
			func(t *model.Thread) { a.Load(t); a.Store(t, 3) },
		}
	}},
	{"mutex", false, func(w *model.World) []model.Body {
		x, m := model.NewVar(w, "x"), model.NewMutex(w, "m")
		body := func(t *model.Thread) { m.Lock(t); x.Store(t, x.Load(t)+1); m.Unlock(t) }
		return []model.Body{body, body, body}
	}},
	{"reentrant mutex", false, func(w *model.World) []model.Body {
		x, m := model.NewVar(w, "x"), model.NewRMutex(w, "m")
		body := func(t *model.Thread) {
			m.Lock(t)
			m.Lock(t)
			x.Store(t, 1)
			m.Unlock(t)
			x.Load(t)
			m.Unlock(t)
		}
		return []model.Body{body, body}
	}},
	{"write outside the mutex", true, func(w *model.World) []model.Body {
		x, m := model.NewVar(w, "x"), model.NewMutex(w, "m")
		return []model.Body{
			func(t *model.Thread) { m.Lock(t); x.Store(t, 1); m.Unlock(t) },
			func(t *model.Thread) { x.Store(t, 2) },
		}
	}},
	{"two different mutexes", true, func(w *model.World) []model.Body {
		x, m1, m2 := model.NewVar(w, "x"), model.NewMutex(w, "m1"), model.NewMutex(w, "m2")
		return []model.Body{
			func(t *model.Thread) { m1.Lock(t); x.Store(t, 1); m1.Unlock(t) },
			func(t *model.Thread) { m2.Lock(t); x.Load(t); m2.Unlock(t) },
		}
	}},
	{"atomic publication", false, func(w *model.World) []model.Body {
		x, flag := model.NewVar(w, "x"), model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); flag.Store(t, 1) },
			func(t *model.Thread) {
				if flag.Load(t) == 1 {
					x.Load(t)
				}
			},
		}
	}},
	{"CAS publication", false, func(w *model.World) []model.Body {
		x, flag := model.NewVar(w, "x"), model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); flag.CompareAndSwap(t, 0, 1) },
			func(t *model.Thread) {
				if flag.Load(t) == 1 {
					x.Load(t)
				}
			},
		}
	}},
	{"reader ignores the flag", true, func(w *model.World) []model.Body {
		x, flag := model.NewVar(w, "x"), model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); flag.Store(t, 1) },
			func(t *model.Thread) { flag.Load(t); x.Load(t) },
		}
	}},
	{"atomic stores do not synchronize", true, func(w *model.World) []model.Body {
		// T1's store to a observes nothing, so T0's write of x does not
		// happen before T1's read even when T0 stores to a first.
		x, a := model.NewVar(w, "x"), model.NewAtomic(w, "a")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); a.Store(t, 1) },
			func(t *model.Thread) { a.Store(t, 2); x.Load(t) },
		}
	}},
	{"overwritten flag does not publish", true, func(w *model.World) []model.Body {
		// T2 reads flag=2 from T1, which never synchronized with T0.
		x, flag := model.NewVar(w, "x"), model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); flag.Store(t, 1) },
			func(t *model.Thread) { flag.Store(t, 2) },
			func(t *model.Thread) {
				if flag.Load(t) != 0 {
					x.Load(t)
				}
			},
		}
	}},
	{"once", false, func(w *model.World) []model.Body {
		x, o := model.NewVar(w, "x"), model.NewOnce(w, "o")
		body := func(t *model.Thread) {
			o.Do(t, func() { x.Store(t, 1) })
			x.Load(t)
		}
		return []model.Body{body, body}
	}},
	{"init thread happens before workers", false, func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		w.SetInit(func(t *model.Thread) { x.Store(t, 1) })
		return []model.Body{
			func(t *model.Thread) { x.Load(t) },
			func(t *model.Thread) { x.Load(t) },
		}
	}},
	{"workers race after init", true, func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		w.SetInit(func(t *model.Thread) { x.Store(t, 1) })
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 2) },
			func(t *model.Thread) { x.Load(t) },
		}
	}},
	{"obtain reads unpublished fields", true, func(w *model.World) []model.Body {
		// T1 uses the object T0 built, through an atomic it read before
		// T0 published: nothing orders the field's init and its use.
		c, a := model.NewClass(w, "C", "f"), model.NewAtomic(w, "a")
		var ref model.Value
		w.SetInit(func(t *model.Thread) { ref = c.New(t) })
		return []model.Body{
			func(t *model.Thread) { c.Init(t, ref, 0); a.Store(t, 1) },
			func(t *model.Thread) { a.Load(t); t.Obtain(ref) },
		}
	}},
	{"obtain after publication", false, func(w *model.World) []model.Body {
		c, a := model.NewClass(w, "C", "f"), model.NewAtomic(w, "a")
		return []model.Body{
			func(t *model.Thread) { r := c.New(t); c.Init(t, r, 0); a.Store(t, r); t.Obtain(r) },
			func(t *model.Thread) {
				if r := a.Load(t); r != model.Nil {
					t.Obtain(r)
				}
			},
		}
	}},
}

func TestRaceDetectorTable(t *testing.T) {
	for _, tc := range raceCases {
		for _, m := range model.Memories {
			t.Run(tc.name+"/"+m.String(), func(t *testing.T) {
				prog := model.Program{Name: tc.name, Build: tc.build}
				res, err := explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Memory: m})
				require.NoError(t, err)
				require.NotEqual(t, explore.Unknown, res.Verdict, res.Reason)
				assert.Equal(t, tc.racy, slices.Contains(res.Violations, model.DataRace))

				// With the detector off, no execution reports a race.
				res, err = explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Memory: m, NoRaces: true})
				require.NoError(t, err)
				assert.NotContains(t, res.Violations, model.DataRace)
			})
		}
	}
}

func TestRaceNamesBothAccesses(t *testing.T) {
	prog := model.Program{Name: "wr", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { x.Load(t) },
		}
	}}
	// Under TSO: T0 stores (buffered), the buffer flushes, T1 loads.
	s, err := scheduler.Parse("0.f0:0.1")
	require.NoError(t, err)
	e, err := scheduler.Replay(prog, s, scheduler.Options{Memory: model.TSO})
	require.NoError(t, err)
	vs := e.Violations()
	require.Len(t, vs, 1)
	v := vs[0]
	assert.Equal(t, model.DataRace, v.Kind)
	require.NotNil(t, v.Race)
	assert.Equal(t, model.Race{
		Loc:    0,
		First:  model.MemAccess{Thread: 0, Event: 0, Write: true},
		Second: model.MemAccess{Thread: 1, Event: 2},
	}, *v.Race)
	assert.Equal(t, 2, v.Event)
	assert.Equal(t, 1, v.Thread)
	assert.Equal(t, "data-race: read of x by T1 at step 3 races with the write by T0 at step 1: neither happens before the other", v.String())
}

func TestAtomicSynchronizesOnlyByObservation(t *testing.T) {
	// T0 writes x and then stores to a; afterwards T1 touches a and reads x.
	// An atomic load observes T0's store and orders the accesses; an atomic
	// store observes nothing, so the read races with the write (Go memory
	// model: A is synchronized before B only if B observes A's effect).
	tests := []struct {
		name string
		op   func(a model.Atomic, t *model.Thread)
		racy bool
	}{
		{"load", func(a model.Atomic, t *model.Thread) { a.Load(t) }, false},
		{"cas", func(a model.Atomic, t *model.Thread) { a.CompareAndSwap(t, 1, 2) }, false},
		{"failed cas", func(a model.Atomic, t *model.Thread) { a.CompareAndSwap(t, 7, 2) }, false},
		{"store", func(a model.Atomic, t *model.Thread) { a.Store(t, 2) }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prog := model.Program{Name: tc.name, Build: func(w *model.World) []model.Body {
				x, a := model.NewVar(w, "x"), model.NewAtomic(w, "a")
				return []model.Body{
					func(t *model.Thread) { x.Store(t, 1); a.Store(t, 1) },
					func(t *model.Thread) { tc.op(a, t); x.Load(t) },
				}
			}}
			s, err := scheduler.Parse("0x2.1x2")
			require.NoError(t, err)
			e, err := scheduler.Replay(prog, s, scheduler.Options{})
			require.NoError(t, err)
			var races int
			for _, v := range e.Violations() {
				if v.Kind == model.DataRace {
					races++
				}
			}
			assert.Equal(t, tc.racy, races > 0)
		})
	}
}
