package explore

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// stateCacheBudget bounds the plain DFS a default protocol comparison may
// take; larger cases are skipped (SINGLECHECK_LONG=1 raises it).
func stateCacheBudget() int {
	if long() {
		return 1_000_000
	}
	return 5_000
}

// requireStatefulAgrees checks the stateful search against the plain DFS
// reference: the same verdict, violation kinds and outcomes (raw without
// symmetry, orbits with it), and every kind's counterexample replays to
// an execution with that kind.
func requireStatefulAgrees(t tb, prog model.Program, mem model.Memory, symmetric bool, dfs *summary) *summary {
	t.Helper()
	got := exploredWith(t, prog, Config{Memory: mem, Strategy: "dfs", StateCache: true, NoSymmetry: !symmetric}, noOrbits, false)
	what := fmt.Sprintf("stateful dfs (symmetry %v)", symmetric)
	require.Equal(t, dfs.res.Verdict, got.res.Verdict, "%s: verdict", what)
	require.True(t, got.res.Complete, "%s: %s", what, got.res.Reason)
	require.Empty(t, cmp.Diff(sortedKinds(dfs.kinds), sortedKinds(got.kinds)), "%s: violation kinds", what)
	if symmetric {
		require.Empty(t, cmp.Diff(dfs.outcomes, got.outcomes), "%s: outcome orbits", what)
	} else {
		require.Empty(t, cmp.Diff(dfs.rawOutputs, got.rawOutputs), "%s: outcomes", what)
	}
	for k, ce := range got.res.ByKind {
		e, err := ReplaySchedule(prog, ce.Schedule.String(), Config{Memory: mem})
		require.NoError(t, err, "%s: replaying the %s counterexample", what, k)
		require.Contains(t, kindsOf(e.Violations()), k, "%s: the %s counterexample replays without it", what, k)
	}
	return got
}

func kindsOf(vs []model.Violation) []model.Kind {
	var out []model.Kind
	for _, v := range vs {
		out = append(out, v.Kind)
	}
	return out
}

// TestStateCacheKeepsProtocolResults: on every protocol at N = 2 (and 3
// where plain DFS fits the budget) under every memory model, the stateful
// search with and without symmetry finds what plain DFS finds.
func TestStateCacheKeepsProtocolResults(t *testing.T) {
	t.Parallel()
	pruned := 0
	for _, p := range protocols.All {
		for _, n := range []int{2, 3} {
			for _, m := range model.Memories {
				t.Run(fmt.Sprintf("%s/n=%d/%s", p.Name, n, m), func(t *testing.T) {
					prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
					c := Config{Memory: m, Strategy: "dfs", NoSymmetry: true, MaxExecutions: stateCacheBudget()}
					dfs := exploredWith(t, prog, c, noOrbits, true)
					if !dfs.res.Complete {
						t.Skipf("plain DFS needs more than %d executions", stateCacheBudget())
					}
					for _, sym := range []bool{false, true} {
						got := requireStatefulAgrees(t, prog, m, sym, dfs)
						pruned += got.res.Stats.Pruned
						require.LessOrEqual(t, got.res.Stats.Executions, dfs.res.Stats.Executions, "a stateful search explores no more than DFS")
					}
				})
			}
		}
	}
	require.Positive(t, pruned, "no execution was cut at a stored state: the comparison tests nothing")
}

// TestStateCacheMatchesDFSOnGeneratedPrograms: the same comparison on the
// generated programs of every family (explore/internal/progs), with
// symmetry where a program's threads are identical.
func TestStateCacheMatchesDFSOnGeneratedPrograms(t *testing.T) {
	t.Parallel()
	forGeneratedPrograms(t, 2, func(rt *rapid.T, spec progs.Spec, m model.Memory, budget int) bool {
		prog := spec.Program()
		c := Config{Memory: m, Strategy: "dfs", NoSymmetry: true, MaxExecutions: budget + 1}
		dfs := exploredWith(rt, prog, c, noOrbits, true)
		if dfs.executions > budget {
			return false
		}
		requireStatefulAgrees(rt, prog, m, false, dfs)
		requireStatefulAgrees(rt, prog, m, true, dfs)
		return true
	})
}

// TestStateCacheWithSymmetryOnIdenticalThreads: rapid draws programs of
// identical threads (plain and atomic variables, a mutex, CAS), where
// symmetric keys merge states; outcome orbits and kinds equal plain DFS's
// under every memory model.
func TestStateCacheWithSymmetryOnIdenticalThreads(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(rt *rapid.T) {
		g := drawProgram(rt, true)
		m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
		prog := g.program(true)
		dfs := exploredSmall(rt, prog, Config{Memory: m, NoSymmetry: true}, noOrbits)
		if dfs == nil {
			rt.Skip("plain DFS above the budget")
		}
		requireStatefulAgrees(rt, prog, m, true, dfs)
	})
}

// TestStateCacheRefusesWhatItCannotKeep: the options that decide what may
// follow a state from the path to it are refused, with a reason.
func TestStateCacheRefusesWhatItCannotKeep(t *testing.T) {
	for _, c := range []Config{
		{Strategy: "dpor", StateCache: true},
		{Strategy: "random", StateCache: true},
		{Strategy: "dfs", StateCache: true, Preemptions: PreemptionBound(1)},
	} {
		require.Error(t, c.Normalize(), "%+v", c)
	}
}
