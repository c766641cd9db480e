package explore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// Progress reports carry the traces counted so far and the violation kinds
// found so far, not only the executions.
func TestProgressReportsTracesAndKindsSoFar(t *testing.T) {
	var reports []explore.Stats
	c := explore.Config{Progress: func(st explore.Stats) { reports = append(reports, st) }, ProgressEvery: time.Nanosecond}
	res, err := explore.Explore(context.Background(), protocols.Naive.Program(protocols.Workload{Threads: 3, Calls: 1}), c)
	require.NoError(t, err)
	require.NotEmpty(t, reports)
	last := reports[len(reports)-1]
	assert.Positive(t, last.Traces, "traces so far")
	assert.LessOrEqual(t, last.Traces, res.Stats.Traces)
	assert.Contains(t, last.Found, model.MultipleConstruction, "kinds so far")
	for i := 1; i < len(reports); i++ {
		assert.GreaterOrEqual(t, reports[i].Traces, reports[i-1].Traces, "traces only grow")
		for _, k := range reports[i-1].Found {
			assert.True(t, slices.Contains(reports[i].Found, k), "a kind found stays found")
		}
	}
	assert.Equal(t, res.Stats.Found, append(slices.Clone(res.Violations), res.Acceptable...))
}
