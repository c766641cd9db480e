package explore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// peterson is check-then-create guarded by Peterson's lock for two threads,
// with plain flags, the waiting loop written with Spin:
//
//	flag[i] = 1; turn = j
//	for flag[j] == 1 && turn == j {}
//	if inst == nil { inst = New() }
//	flag[i] = 0
//
// It is correct under SC; under TSO and PSO the stores to flag[i] and turn
// can wait in a buffer while the other thread reads the old values, so
// both enter and both construct.
func peterson() model.Program {
	return model.Program{Name: "peterson", Build: func(w *model.World) []model.Body {
		flag := []model.Var{model.NewVar(w, "flag0"), model.NewVar(w, "flag1")}
		turn := model.NewVar(w, "turn")
		inst := model.NewAtomic(w, "inst")
		class := model.NewAtomicClass(w, "T", "ready")
		body := func(i int) model.Body {
			j := 1 - i
			return func(t *model.Thread) {
				flag[i].Store(t, 1)
				turn.Store(t, model.Value(j))
				t.Spin(func() bool { return !(flag[j].Load(t) == 1 && turn.Load(t) == model.Value(j)) })
				r := inst.Load(t)
				if r == model.Nil {
					r = class.New(t)
					class.InitAll(t, r)
					inst.Store(t, r)
				}
				flag[i].Store(t, 0)
				t.Obtain(r)
			}
		}
		return []model.Body{body(0), body(1)}
	}}
}

// threeState is a lock-free init: the winner of a CAS 0→1 constructs and
// stores 2; losers wait for 2.
func threeState(threads int) model.Program {
	return model.Program{Name: "three-state", Identical: true, Build: func(w *model.World) []model.Body {
		state := model.NewAtomic(w, "state")
		inst := model.NewAtomic(w, "inst")
		class := model.NewAtomicClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			if state.CompareAndSwap(t, 0, 1) {
				r := class.New(t)
				class.InitAll(t, r)
				inst.Store(t, r)
				state.Store(t, 2)
				return r
			}
			t.Spin(func() bool { return state.Load(t) == 2 })
			return inst.Load(t)
		}
		bodies := make([]model.Body, threads)
		for i := range bodies {
			bodies[i] = func(t *model.Thread) { t.Obtain(get(t)) }
		}
		return bodies
	}}
}

func TestSpinLoopsEndInVerdicts(t *testing.T) {
	tests := []struct {
		prog model.Program
		mem  model.Memory
		want []model.Kind
	}{
		{peterson(), model.SC, nil},
		{peterson(), model.TSO, []model.Kind{model.MultipleConstruction, model.DivergentInstances}},
		{peterson(), model.PSO, []model.Kind{model.MultipleConstruction, model.DivergentInstances}},
		{threeState(2), model.SC, nil},
		{threeState(2), model.TSO, nil},
		{threeState(2), model.PSO, nil},
		{threeState(3), model.PSO, nil},
	}
	for _, tc := range tests {
		for _, s := range []string{"dpor", "source-dpor", "dfs"} {
			if s == "dfs" && tc.mem != model.SC {
				continue // DFS takes millions of executions of the flushes
			}
			t.Run(fmt.Sprintf("%s/%s/%s", tc.prog.Name, tc.mem, s), func(t *testing.T) {
				res, err := explore.Explore(context.Background(), tc.prog, explore.Config{Strategy: s, Memory: tc.mem, NoRaces: true})
				require.NoError(t, err)
				assert.True(t, res.Complete, "%s", res.Reason)
				assert.Equal(t, tc.want, res.Violations)
				assert.Zero(t, res.Stats.StepBound)
			})
		}
	}
}

// A spin that nobody ever ends is a deadlock, reported with its schedule.
func TestSpinForeverIsADeadlock(t *testing.T) {
	prog := model.Program{Name: "wait-forever", Build: func(w *model.World) []model.Body {
		x := model.NewAtomic(w, "x")
		return []model.Body{
			func(t *model.Thread) { t.Spin(func() bool { return x.Load(t) == 1 }) },
			func(t *model.Thread) { x.Store(t, 2) },
		}
	}}
	res, err := explore.Explore(context.Background(), prog, explore.Config{})
	require.NoError(t, err)
	assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations)
	assert.True(t, res.Complete)
	assert.Contains(t, res.ByKind[model.Deadlock].Violations()[0].Msg, "T0 spins on x forever")
}
