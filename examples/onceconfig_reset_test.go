package examples_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/examples/onceconfig"
	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// Two callers beside an overlapping ResetForTests can obtain different
// configurations, as in Go: the first caller's Do builds one and returns
// it; the reset zeroes the Once and cfg; the second caller, whose Do had
// begun before the reset but loads the done flag after it, finds the
// fresh Once not done and builds another. That needs the flag read when
// the load runs (model/sync.Once). The exhaustive search takes some
// 365,000 executions (a minute or more), so it runs with SINGLECHECK_LONG=1, under
// SC (the other memory models add nothing to this path: Once's steps are
// fences).
func TestOnceconfigTwoCallersBesideAResetDiverge(t *testing.T) {
	if os.Getenv("SINGLECHECK_LONG") == "" {
		t.Skip("an exhaustive search of minutes: set SINGLECHECK_LONG=1")
	}
	prog := singletonOf(example{"onceconfig, two callers beside a reset", onceSetup, onceconfig.ResetForTests, 2, nil})
	res, err := explore.Explore(context.Background(), prog, explore.Config{Memory: model.SC})
	require.NoError(t, err)
	require.True(t, res.Complete, res.Reason)
	// The same four kinds as the random sample below (nil-instance and
	// multiple-construction are explained there).
	assert.Equal(t, []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.NilInstance, model.Panic}, res.Violations)
	t.Logf("%v in %d executions", res.Violations, res.Stats.Executions)
}

// With two callers beside the reset, a caller can return nil, as in Go:
// the reset lands while the first caller's Do holds the mutex; the second
// caller's Lock then takes the zeroed mutex, the first caller's deferred
// Unlock releases it (the second's hold) without a panic, and the first
// caller reads cfg after the reset cleared it and before the second
// caller's f set it again. A random sample of 2,000 executions (seed 1)
// finds it and every other kind the long search finds; each counterexample
// replays to the same violation.
func TestOnceconfigTwoCallersBesideAResetReturnNil(t *testing.T) {
	prog := singletonOf(example{"onceconfig, two callers beside a reset", onceSetup, onceconfig.ResetForTests, 2, nil})
	cfg := explore.Config{Strategy: "random", Runs: 2000, Seed: 1}
	res, err := explore.Explore(context.Background(), prog, cfg)
	require.NoError(t, err)
	assert.Equal(t, explore.Violation, res.Verdict)
	assert.Equal(t, []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.NilInstance, model.Panic}, res.Violations)
	for _, k := range res.Violations {
		ce := res.ByKind[k]
		require.NotNil(t, ce, k)
		e, err := explore.ReplaySchedule(prog, ce.Schedule.String(), cfg)
		require.NoError(t, err, k)
		var kinds []model.Kind
		for _, v := range e.Violations() {
			kinds = append(kinds, v.Kind)
		}
		assert.Contains(t, kinds, k, "replaying the %s counterexample", k)
	}
}
