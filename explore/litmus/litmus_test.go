package litmus_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/explore/litmus"
	"github.com/singlecheck/singlecheck/model"
)

// exhaustiveStrategies are the registered strategies that explore every
// trace: plain DFS, and DPOR once it is registered.
func exhaustiveStrategies(t *testing.T) []string {
	var out []string
	for _, name := range explore.StrategyNames() {
		c := explore.Config{NoSymmetry: true, Strategy: name}
		require.NoError(t, c.Normalize())
		s, err := explore.NewStrategy(&c)
		if err == nil && s.Coverage().Exhaustive && (name == "dfs" || name == "dpor") {
			out = append(out, name)
		}
	}
	require.Contains(t, out, "dfs")
	return out
}

func TestValidate(t *testing.T) {
	names := map[string]bool{}
	for _, tc := range litmus.All {
		require.NoError(t, tc.Validate(), tc.Name)
		assert.False(t, names[tc.Name], "duplicate %s", tc.Name)
		names[tc.Name] = true
		got, ok := litmus.Lookup(tc.Name)
		assert.True(t, ok)
		assert.Same(t, tc, got)
	}
	_, ok := litmus.Lookup("nope")
	assert.False(t, ok)

	bad := *litmus.SB
	bad.Forbidden = map[model.Memory][]string{model.SC: {"T0:r0=7"}}
	assert.ErrorContains(t, bad.Validate(), "not an observable value")
	bad.Forbidden = map[model.Memory][]string{model.SC: {"T0:r0"}}
	assert.ErrorContains(t, bad.Validate(), "not name=value")
}

func TestDerivedMatchesPublished(t *testing.T) {
	for _, strategy := range exhaustiveStrategies(t) {
		for _, tc := range litmus.All {
			for _, m := range model.Memories {
				t.Run(fmt.Sprintf("%s/%s/%s", strategy, tc.Name, m), func(t *testing.T) {
					d, err := litmus.Derive(context.Background(), tc, m, strategy)
					require.NoError(t, err)
					pub, err := tc.Published(m)
					require.NoError(t, err)
					assert.Empty(t, cmp.Diff(pub, d.Outcomes), "published (-) vs derived (+)")
				})
			}
		}
	}
}

// TestStrategiesAgree checks that every exhaustive strategy reaches the
// same outcomes and the same traces as plain DFS on every litmus test.
func TestStrategiesAgree(t *testing.T) {
	strategies := exhaustiveStrategies(t)
	if len(strategies) == 1 {
		t.Skip("only dfs is registered")
	}
	for _, tc := range litmus.All {
		for _, m := range model.Memories {
			ref, err := litmus.Derive(context.Background(), tc, m, "dfs")
			require.NoError(t, err)
			for _, s := range strategies[1:] {
				d, err := litmus.Derive(context.Background(), tc, m, s)
				require.NoError(t, err)
				assert.Empty(t, cmp.Diff(ref.Outcomes, d.Outcomes), "%s %s: outcomes dfs (-) vs %s (+)", tc.Name, m, s)
				assert.Empty(t, cmp.Diff(ref.Traces, d.Traces), "%s %s: traces dfs (-) vs %s (+)", tc.Name, m, s)
				assert.LessOrEqual(t, d.Stats.Executions, ref.Stats.Executions, "%s %s: %s", tc.Name, m, s)
			}
		}
	}
}

// TestCounts checks the scheduler's flush decisions and the trace
// fingerprint against counts derived by hand. Executions: DFS enumerates
// the linear extensions of the events' order (each thread's steps in
// program order; a buffered store before its flush; under TSO flushes in
// store order, under PSO per location). Traces: the orders of dependent
// pairs that are free of cycles.
func TestCounts(t *testing.T) {
	tests := []struct {
		test   *litmus.Test
		memory model.Memory
		execs  int
		traces int
	}{
		// SB under SC: C(4,2) interleavings; the pairs (st x, ld x) and
		// (st y, ld y) order 3 ways without a cycle.
		{litmus.SB, model.SC, 6, 3},
		// Under TSO and PSO each thread does st, then ld and its flush in
		// either order (2·2), merged: C(6,3) = 20. All four orders of
		// (flush x, ld x) and (flush y, ld y) are acyclic.
		{litmus.SB, model.TSO, 80, 4},
		{litmus.SB, model.PSO, 80, 4},
		// MP: under SC C(4,2). Under TSO T0's sx < {sy, fx} < fy: 2
		// orders, merged with T1's two loads: 2·C(6,2) = 30; flag-set-data-
		// unset is the one cyclic order of the 4. Under PSO T0 has 3
		// orders (fx anywhere after sx, fy after sy): 3·15 = 45, 4 traces.
		{litmus.MP, model.SC, 6, 3},
		{litmus.MP, model.TSO, 30, 3},
		{litmus.MP, model.PSO, 45, 4},
		// IRIW under TSO: four chains of two events: 8!/2⁴ = 2520.
		{litmus.IRIW, model.TSO, 2520, 15},
	}
	for _, tc := range tests {
		d, err := litmus.Derive(context.Background(), tc.test, tc.memory, "dfs")
		require.NoError(t, err)
		assert.Equal(t, tc.execs, d.Stats.Executions, "%s %s executions", tc.test.Name, tc.memory)
		assert.Len(t, d.Traces, tc.traces, "%s %s traces", tc.test.Name, tc.memory)
	}
}

func TestOutcome(t *testing.T) {
	got, err := litmus.SB.Outcome("x=1 y=1 T0: r0=0 T1: r1=1")
	require.NoError(t, err)
	assert.Equal(t, "x=1 y=1 T0:r0=0 T1:r1=1", got)

	_, err = litmus.SB.Outcome("x=1 T0: r0=0 T1: r1=1")
	assert.ErrorContains(t, err, "has no y")
	_, err = litmus.SB.Outcome("x=1 y=1 z=3 T0: r0=0 T1: r1=1")
	assert.ErrorContains(t, err, "does not observe: z")
}

func TestPublished(t *testing.T) {
	pub, err := litmus.SB.Published(model.SC)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"x=1 y=1 T0:r0=0 T1:r1=1",
		"x=1 y=1 T0:r0=1 T1:r1=0",
		"x=1 y=1 T0:r0=1 T1:r1=1",
	}, pub)
	pub, err = litmus.SB.Published(model.TSO)
	require.NoError(t, err)
	assert.Len(t, pub, 4)
	assert.True(t, slices.IsSorted(pub))
}

func TestConditionMatches(t *testing.T) {
	c, err := litmus.ParseCondition("T0:r0=0 x=2")
	require.NoError(t, err)
	assert.True(t, c.Matches("x=2 y=1 T0:r0=0"))
	assert.False(t, c.Matches("x=1 y=1 T0:r0=0"))
	assert.False(t, c.Matches("y=1 T0:r0=0"))
	_, err = litmus.ParseCondition("x=1 x=2")
	assert.ErrorContains(t, err, "twice")
	_, err = litmus.ParseCondition("x=one")
	assert.Error(t, err)
}

func TestRunAll(t *testing.T) {
	rows, err := litmus.RunAll(context.Background(), []*litmus.Test{litmus.SB, litmus.MP}, "")
	require.NoError(t, err)
	require.Len(t, rows, 6)
	for _, r := range rows {
		assert.True(t, r.Matches, "%s %s", r.Test, r.Memory)
		assert.Positive(t, r.Executions)
	}
	assert.Equal(t, []string{"SB", "SB", "SB", "MP", "MP", "MP"},
		[]string{rows[0].Test, rows[1].Test, rows[2].Test, rows[3].Test, rows[4].Test, rows[5].Test})

	// A wrong published set is reported as a mismatch, not hidden.
	wrong := *litmus.MP
	wrong.Forbidden = map[model.Memory][]string{}
	rows, err = litmus.RunAll(context.Background(), []*litmus.Test{&wrong}, "dfs")
	require.NoError(t, err)
	assert.False(t, rows[0].Matches, "SC must not reach MP's forbidden outcome")

	_, err = litmus.RunAll(context.Background(), []*litmus.Test{litmus.SB}, "nosuch")
	assert.ErrorContains(t, err, "unknown strategy")
}

func TestDeriveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := litmus.Derive(ctx, litmus.IRIW, model.PSO, "dfs")
	assert.ErrorContains(t, err, "did not finish")
}
