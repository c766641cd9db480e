package model_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// explored is every violation kind and final outcome of a program, found by
// exhaustive DFS without the race detector.
func explored(t *testing.T, build func(w *model.World) []model.Body) *explore.Result {
	t.Helper()
	res, err := explore.Explore(context.Background(), model.Program{Name: t.Name(), Build: build},
		explore.Config{NoSymmetry: true, Strategy: "dfs", NoRaces: true})
	require.NoError(t, err)
	return res
}

func TestOnceRunsItsFunctionExactlyOnce(t *testing.T) {
	res := explored(t, func(w *model.World) []model.Body {
		once := model.NewOnce(w, "once")
		class := model.NewClass(w, "T", "ready")
		inst := model.NewVar(w, "inst")
		body := func(t *model.Thread) {
			once.Do(t, func() {
				r := class.New(t)
				class.InitAll(t, r)
				inst.Store(t, r)
			})
			t.Obtain(inst.Load(t))
		}
		return []model.Body{body, body}
	})
	assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	assert.Greater(t, res.Stats.Executions, 10, "Once's own steps are interleaved")
}

func TestOnceCountsAPanickingFunctionAsDone(t *testing.T) {
	res := explored(t, func(w *model.World) []model.Body {
		once := model.NewOnce(w, "once")
		ran := model.NewAtomic(w, "ran")
		body := func(t *model.Thread) {
			func() {
				defer func() {
					if r := recover(); r != nil && model.IsAbort(r) {
						panic(r)
					}
				}()
				once.Do(t, func() {
					ran.Store(t, ran.Load(t)+1)
					panic("init failed")
				})
			}()
			once.Do(t, func() { ran.Store(t, ran.Load(t)+1) })
		}
		return []model.Body{body}
	})
	assert.Equal(t, explore.Safe, res.Verdict)
	assert.Equal(t, 1, res.Stats.Outcomes)
	assert.Equal(t, 1, res.Stats.Executions)
}

func TestReentrantMutex(t *testing.T) {
	res := explored(t, func(w *model.World) []model.Body {
		r := model.NewRMutex(w, "rlock")
		body := func(t *model.Thread) {
			r.Lock(t)
			r.Lock(t)
			r.Unlock(t)
			r.Unlock(t)
		}
		return []model.Body{body, body}
	})
	assert.Equal(t, explore.Safe, res.Verdict, "an RLock's owner may lock it again")

	res = explored(t, func(w *model.World) []model.Body {
		m := model.NewMutex(w, "mu")
		return []model.Body{func(t *model.Thread) { m.Lock(t); m.Lock(t) }}
	})
	assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations, "a plain mutex locked twice deadlocks")

	res = explored(t, func(w *model.World) []model.Body {
		r := model.NewRMutex(w, "rlock")
		return []model.Body{
			func(t *model.Thread) { r.Lock(t); r.Lock(t); r.Unlock(t) }, // keeps one level
			func(t *model.Thread) { r.Lock(t); r.Unlock(t) },
		}
	})
	assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations, "an RLock held once more than released stays held")
}

func TestOraclesOnObtainedInstances(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *model.World) []model.Body
		want  []model.Kind
	}{
		{"nil", func(w *model.World) []model.Body {
			return []model.Body{func(t *model.Thread) { t.Obtain(model.Nil) }}
		}, []model.Kind{model.NilInstance}},
		{"published before initialized", func(w *model.World) []model.Body {
			c := model.NewClass(w, "T", "a", "b")
			inst := model.NewAtomic(w, "inst")
			return []model.Body{
				func(t *model.Thread) { r := c.New(t); inst.Store(t, r); c.InitAll(t, r) },
				func(t *model.Thread) {
					if r := inst.Load(t); r != model.Nil {
						t.Obtain(r)
					}
				},
			}
		}, []model.Kind{model.PartialInit}},
		{"two constructions, two instances", func(w *model.World) []model.Body {
			c := model.NewClass(w, "T")
			body := func(t *model.Thread) { t.Obtain(c.New(t)) }
			return []model.Body{body, body}
		}, []model.Kind{model.MultipleConstruction, model.DivergentInstances}},
		{"initialized again after hand-out", func(w *model.World) []model.Body {
			c := model.NewClass(w, "T", "a")
			return []model.Body{func(t *model.Thread) {
				r := c.New(t)
				c.InitAll(t, r)
				t.Obtain(r)
				c.InitAll(t, r)
			}}
		}, []model.Kind{model.Reinitialization}},
		{"assertion", func(w *model.World) []model.Body {
			x := model.NewAtomic(w, "x")
			return []model.Body{func(t *model.Thread) { t.Assert(x.Load(t) == 1, "x is %d", x.Load(t)) }}
		}, []model.Kind{model.Assertion}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := explored(t, tc.build)
			if diff := cmp.Diff(tc.want, res.Violations); diff != "" {
				t.Errorf("violations (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChooseExploresEveryValue(t *testing.T) {
	res := explored(t, func(w *model.World) []model.Body {
		x := model.NewAtomic(w, "x")
		return []model.Body{func(t *model.Thread) { x.Store(t, model.Value(t.Choose(3))) }}
	})
	assert.Equal(t, 3, res.Stats.Executions)
	assert.Equal(t, 3, res.Stats.Outcomes)
}

func TestCompareAndSwap(t *testing.T) {
	res := explored(t, func(w *model.World) []model.Body {
		x := model.NewAtomic(w, "x")
		won := model.NewAtomic(w, "won")
		body := func(t *model.Thread) {
			if x.CompareAndSwap(t, 0, model.Value(t.ID()+1)) {
				won.Store(t, won.Load(t)+1)
			}
		}
		return []model.Body{body, body}
	})
	// Exactly one CAS wins in every execution: x ends 1 or 2, won ends 1.
	assert.Equal(t, 2, res.Stats.Outcomes)
	assert.Equal(t, explore.Safe, res.Verdict)
}

func TestEventsCarryHappensBeforeClocks(t *testing.T) {
	var w *model.World
	res, err := explore.Explore(context.Background(), model.Program{Name: "mp", Build: func(world *model.World) []model.Body {
		w = world
		data, flag := model.NewVar(w, "data"), model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) { data.Store(t, 1); flag.Store(t, 1) },
			func(t *model.Thread) {
				if flag.Load(t) == 1 {
					data.Load(t)
				}
			},
		}
	}}, explore.Config{NoSymmetry: true, Strategy: "dfs", StopAtFirst: true})
	require.NoError(t, err)
	assert.Equal(t, explore.Safe, res.Verdict, "message passing through an atomic flag is race-free")
	evs := w.Events() // the last execution: T1 ran first and saw the flag unset
	require.NotEmpty(t, evs)
	for _, ev := range evs {
		assert.Len(t, ev.Clock, 2)
	}
}

func TestAtomicClassFieldsNeverRaceNorWaitInABuffer(t *testing.T) {
	build := func(atomic bool) func(w *model.World) []model.Body {
		return func(w *model.World) []model.Body {
			newClass := model.NewClass
			if atomic {
				newClass = model.NewAtomicClass
			}
			c := newClass(w, "T", "a")
			inst := model.NewAtomic(w, "inst")
			return []model.Body{
				func(t *model.Thread) { r := c.New(t); inst.Store(t, r); c.InitAll(t, r) },
				func(t *model.Thread) {
					if r := inst.Load(t); r != model.Nil {
						t.Obtain(r)
					}
				},
			}
		}
	}
	for _, m := range model.Memories {
		plain, err := explore.Explore(context.Background(), model.Program{Name: "plain", Build: build(false)}, explore.Config{NoSymmetry: true, Strategy: "dfs", Memory: m})
		require.NoError(t, err)
		assert.Equal(t, []model.Kind{model.PartialInit, model.DataRace}, plain.Violations, "plain fields race under %s", m)

		atomic, err := explore.Explore(context.Background(), model.Program{Name: "atomic", Build: build(true)}, explore.Config{NoSymmetry: true, Strategy: "dfs", Memory: m})
		require.NoError(t, err)
		assert.Equal(t, []model.Kind{model.PartialInit}, atomic.Violations, "atomic fields do not race under %s", m)
		sc, err := explore.Explore(context.Background(), model.Program{Name: "atomic", Build: build(true)}, explore.Config{NoSymmetry: true, Strategy: "dfs"})
		require.NoError(t, err)
		assert.Equal(t, sc.Stats.Executions, atomic.Stats.Executions, "no flush decisions under %s: nothing is buffered", m)
	}
}
