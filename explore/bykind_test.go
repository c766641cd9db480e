package explore_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// recordingDFS is DFS that remembers, in order, the kinds each execution
// found: an independent record of what the search saw.
type recordingDFS struct {
	explore.Strategy
	kinds [][]model.Kind
}

func (r *recordingDFS) End(e *scheduler.Execution) error {
	var ks []model.Kind
	for _, v := range e.Violations() {
		ks = append(ks, v.Kind)
	}
	r.kinds = append(r.kinds, ks)
	return r.Strategy.End(e)
}

// TestByKindHoldsTheFirstExecutionOfEachKind: every kind found has an
// entry, and it is the earliest execution of the search with that kind.
func TestByKindHoldsTheFirstExecutionOfEachKind(t *testing.T) {
	for _, m := range []model.Memory{model.SC, model.TSO} {
		c := explore.Config{NoSymmetry: true, Strategy: "dfs", Memory: m, MaxExecutions: 5000}
		dfs, err := explore.NewStrategy(&c)
		require.NoError(t, err)
		s := &recordingDFS{Strategy: dfs}
		res, err := explore.Search(context.Background(), protocols.Naive.Program(protocols.DefaultWorkload), s, c)
		require.NoError(t, err)
		found := append(slices.Clone(res.Violations), res.Acceptable...)
		require.NotEmpty(t, found)
		assert.Len(t, res.ByKind, len(found))
		for _, k := range found {
			ce := res.ByKind[k]
			require.NotNil(t, ce, "no counterexample for %s", k)
			first := slices.IndexFunc(s.kinds, func(ks []model.Kind) bool { return slices.Contains(ks, k) })
			assert.Equal(t, first, ce.Run, "%s under %s", k, m)
			assert.True(t, slices.ContainsFunc(ce.Violations(), func(v model.Violation) bool { return v.Kind == k }))
		}
	}
}

func TestReplayScheduleErrors(t *testing.T) {
	prog := protocols.Naive.Program(protocols.DefaultWorkload)
	_, err := explore.ReplaySchedule(prog, "0.x", explore.Config{NoSymmetry: true})
	var pe *scheduler.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 3, pe.Pos)

	_, err = explore.ReplaySchedule(prog, "0.3", explore.Config{NoSymmetry: true})
	var me *scheduler.MismatchError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, 1, me.Index)

	_, err = explore.ReplaySchedule(prog, "0", explore.Config{NoSymmetry: true, MaxSteps: -1})
	require.Error(t, err)
	assert.False(t, errors.As(err, &me) || errors.As(err, &pe))
}

// TestReplayScheduleReproducesEveryCounterexample: the schedule of each
// kind's counterexample replays to the same events.
func TestReplayScheduleReproducesEveryCounterexample(t *testing.T) {
	prog := protocols.Naive.Program(protocols.DefaultWorkload)
	c := explore.Config{NoSymmetry: true, Memory: model.PSO, MaxExecutions: 3000}
	res, err := explore.Explore(context.Background(), prog, c)
	require.NoError(t, err)
	require.NotEmpty(t, res.ByKind)
	for k, ce := range res.ByKind {
		e, err := explore.ReplaySchedule(prog, ce.Schedule.String(), c)
		require.NoError(t, err, "%s", k)
		assert.True(t, scheduler.SameEvents(ce.Execution.World.Events(), e.World.Events()), "%s", k)
	}
}
