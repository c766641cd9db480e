package explore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

type config struct{ path string }

// naiveGet is check-then-create over a model.Shared pointer: two goroutines
// that both see nil both construct.
func naiveMain() {
	var inst model.Shared[*config]
	get := func() *config {
		if c := inst.Load(); c != nil {
			return c
		}
		c := model.Constructed(&config{path: "/etc"})
		inst.Store(c)
		return c
	}
	done := model.Shared[int]{Name: "done"}
	for range 2 {
		model.Go(func() {
			model.Obtain(get())
			done.Store(done.Load() + 1)
		})
	}
}

func TestFuncProgramFindsTheConstructionRace(t *testing.T) {
	res, err := explore.Explore(context.Background(), explore.FuncProgram("naive", naiveMain), explore.Config{})
	require.NoError(t, err)
	assert.Equal(t, explore.Violation, res.Verdict)
	assert.Equal(t, []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.DataRace}, res.Violations)
	dfs, err := explore.Explore(context.Background(), explore.FuncProgram("naive", naiveMain), explore.Config{Strategy: "dfs"})
	require.NoError(t, err)
	assert.Equal(t, dfs.Violations, res.Violations)
	assert.LessOrEqual(t, res.Stats.Executions, dfs.Stats.Executions)
}

func TestModelPrimitivesOutsideACheckedFunctionPanic(t *testing.T) {
	var s model.Shared[int]
	assert.PanicsWithValue(t, model.ErrOutsideCheck, func() { s.Load() })
	assert.PanicsWithValue(t, model.ErrOutsideCheck, func() { model.Go(func() {}) })
}

// State kept between executions is reported as nondeterminism.
func TestFuncProgramWithLeakedStateIsNondeterministic(t *testing.T) {
	var leaked model.Shared[int] // outside main: kept between executions
	calls := 0
	main := func() {
		calls++
		if calls%2 == 0 {
			model.Go(func() { leaked.Store(1) })
		}
		model.Go(func() { leaked.Store(2) })
		model.Go(func() { leaked.Store(3) })
	}
	_, err := explore.Explore(context.Background(), explore.FuncProgram("leak", main), explore.Config{Strategy: "dfs"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "deterministic")
}
