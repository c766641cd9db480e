package explore_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// Getters written in ordinary Go over the model's plain memory
// (model.Shared) and mutex; each setup builds fresh state per execution and
// returns the getter and its instance variable.

// naiveSetup is check-then-create.
func naiveSetup() (func() *config, *model.Shared[*config]) {
	inst := &model.Shared[*config]{Name: "inst"}
	return func() *config {
		if c := inst.Load(); c != nil {
			return c
		}
		c := model.Constructed(&config{path: "/etc"})
		inst.Store(c)
		return c
	}, inst
}

// lockedSetup creates under a lock taken on every call: safe.
func lockedSetup() (func() *config, *model.Shared[*config]) {
	inst := &model.Shared[*config]{Name: "inst"}
	var mu model.Mutex
	made := false
	return func() *config {
		self := model.Current()
		if !made {
			mu, made = model.NewMutex(self.World(), "mu"), true
		}
		mu.Lock(self)
		defer mu.Unlock(self)
		if c := inst.Load(); c != nil {
			return c
		}
		c := model.Constructed(&config{path: "/etc"})
		inst.Store(c)
		return c
	}, inst
}

// singletonResult explores the harness's program of n callers of setup's
// getter (with a reset, overlapping the first phase's callers if overlap)
// with strategy, within bound preemptions if bound ≥ 0.
func singletonResult(t *testing.T, setup func() (func() *config, *model.Shared[*config]), n int, withReset, overlap bool, strategy string, bound int) *explore.Result {
	t.Helper()
	var inst *model.Shared[*config]
	var reset func()
	if withReset {
		reset = func() { inst.Store(nil) } // a ResetForTests without the lock
	}
	prog := explore.SingletonProgram(t.Name(), func() func() *config {
		get, s := setup()
		inst = s
		return get
	}, n, reset, overlap)
	c := explore.Config{Strategy: strategy}
	if bound >= 0 {
		c.Preemptions = explore.PreemptionBound(bound)
	}
	res, err := explore.Explore(context.Background(), prog, c)
	require.NoError(t, err)
	return res
}

// TestSingletonProgramVerdicts: the harness's phases and resets. A reset
// between phases is a new epoch; one that overlaps callers lets a second
// construction in (and races with them, having no lock). DPOR is checked
// against DFS where DFS finishes quickly (two phases of two callers take
// DFS past 200,000 executions).
//
// Two callers beside an overlapping reset take exhaustive DPOR 67,608
// executions, so that row runs with SINGLECHECK_LONG=1; the default run
// has the same program within one preemption (815 executions, DPOR
// against DFS under the bound), where the second construction, the
// divergent instances and the race are already found, and the one-caller
// row, which checks exhaustively that an overlapping reset adds the race
// and nothing else. That row's exhaustive DFS takes 55,146 executions
// (against DPOR's 540), so it runs with SINGLECHECK_LONG=1; the default
// run checks the row against exhaustive source DPOR instead, whose
// backtracking is built independently of optimal DPOR's.
func TestSingletonProgramVerdicts(t *testing.T) {
	race := []model.Kind{model.DataRace}
	all := []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.DataRace}
	tests := []struct {
		name           string
		setup          func() (func() *config, *model.Shared[*config])
		n              int
		reset, overlap bool
		withDFS        bool
		dfsLong        bool // DFS only with SINGLECHECK_LONG=1; source DPOR otherwise
		bound          int  // preemptions; -1 is unbounded (exhaustive)
		long           bool // only with SINGLECHECK_LONG=1
		verdict        explore.Verdict
		kinds          []model.Kind
	}{
		{"naive", naiveSetup, 2, false, false, true, false, -1, false, explore.Violation, all},
		{"locked", lockedSetup, 2, false, false, true, false, -1, false, explore.Safe, nil},
		{"locked, one caller, reset between phases", lockedSetup, 1, true, false, true, false, -1, false, explore.Safe, nil},
		{"locked, reset between phases", lockedSetup, 2, true, false, false, false, -1, false, explore.Safe, nil},
		{"locked, one caller, reset overlapping it", lockedSetup, 1, true, true, true, true, -1, false, explore.Violation, race},
		{"locked, reset overlapping callers, one preemption", lockedSetup, 2, true, true, true, false, 1, false, explore.Violation, all},
		{"locked, reset overlapping callers", lockedSetup, 2, true, true, false, false, -1, true, explore.Violation, all},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.long && os.Getenv(explore.LongEnv) == "" {
				t.Skipf("67,608 DPOR executions: set %s=1 (the default run has it within one preemption)", explore.LongEnv)
			}
			res := singletonResult(t, tt.setup, tt.n, tt.reset, tt.overlap, "dpor", tt.bound)
			assert.Equal(t, tt.verdict, res.Verdict)
			assert.Equal(t, tt.kinds, res.Violations)
			// Each bounded row's bound cuts executions off: the search
			// is not complete, whatever it found.
			assert.Equal(t, tt.bound < 0, res.Complete)
			if tt.withDFS && tt.dfsLong && os.Getenv(explore.LongEnv) == "" {
				src := singletonResult(t, tt.setup, tt.n, tt.reset, tt.overlap, "source-dpor", tt.bound)
				assert.Equal(t, src.Verdict, res.Verdict, "optimal against source DPOR")
				assert.Equal(t, src.Violations, res.Violations, "optimal against source DPOR")
				assert.Equal(t, src.Complete, res.Complete, "optimal against source DPOR")
			} else if tt.withDFS {
				dfs := singletonResult(t, tt.setup, tt.n, tt.reset, tt.overlap, "dfs", tt.bound)
				assert.Equal(t, dfs.Verdict, res.Verdict, "DPOR against DFS")
				assert.Equal(t, dfs.Violations, res.Violations, "DPOR against DFS")
				assert.Equal(t, dfs.Complete, res.Complete, "DPOR against DFS")
				assert.LessOrEqual(t, res.Stats.Executions, dfs.Stats.Executions)
			}
		})
	}
}

// The harness refuses what it cannot check, with the reason.
func TestCheckSingletonRefusesBadInput(t *testing.T) {
	getInt := func() func() int { return func() int { return 1 } }
	getPtr := func() func() *config { return func() *config { return nil } }
	tests := []struct {
		name string
		run  func(explore.TB)
		want string
	}{
		{"not a pointer", func(tb explore.TB) { explore.CheckSingleton(tb, getInt) }, "not a pointer"},
		{"nil setup", func(tb explore.TB) { explore.CheckSingleton[*config](tb, nil) }, "setup is nil"},
		{"no threads", func(tb explore.TB) { explore.CheckSingleton(tb, getPtr, explore.WithThreads(0)) }, "between 1 and"},
		{"absurd threads", func(tb explore.TB) { explore.CheckSingleton(tb, getPtr, explore.WithThreads(1000)) }, "between 1 and"},
		{"nil reset", func(tb explore.TB) { explore.CheckSingleton(tb, getPtr, explore.WithReset(nil)) }, "reset is nil"},
		{"harness option on Check", func(tb explore.TB) { explore.CheckFunc(tb, func() {}, explore.WithThreads(3)) }, "configure CheckSingleton"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{name: t.Name()}
			tt.run(rec)
			assert.True(t, rec.failed)
			assert.Contains(t, rec.out.String(), tt.want)
		})
	}
}

// A getter that returns nil is a nil-instance; CheckSingleton fails the
// test with the counterexample.
func TestCheckSingletonFailsOnNil(t *testing.T) {
	rec := &recorder{name: "TestNil"}
	res := explore.CheckSingleton(rec, func() func() *config { return func() *config { return nil } }, explore.WithThreads(1))
	require.NotNil(t, res)
	assert.True(t, rec.failed)
	assert.Equal(t, []model.Kind{model.NilInstance}, res.Violations)
	assert.Contains(t, rec.out.String(), "obtained no instance")
}
