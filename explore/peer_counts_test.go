package explore

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// peerPrograms are all the retold programs of Nidhugg's unit tests (see
// peer_programs_test.go).
func peerPrograms() []peerProg {
	return slices.Concat(peerSC, peerTSO, peerPSO, inTSOAndPSO(peerTSOAndPSO))
}

// peerDFSBudget bounds the DFS executions of a peer program; DFS is
// compared only on the programs within it: most of them by default, fewer
// under the race detector, and all of them in long mode.
func peerDFSBudget() int {
	switch {
	case long():
		return 200_000
	case raceEnabled:
		return 1_000
	}
	return 2_000
}

// peerMaxExec bounds the DPOR executions of a peer program: far above the
// largest published count, so a search that does not finish fails.
const peerMaxExec = 20_000

// ownCoverage is a recorder that reports the strategy's own coverage, with
// its own trace count (recorder reports the signatures it saw).
type ownCoverage struct{ *recorder }

func (o ownCoverage) Coverage() Coverage { return o.Strategy.Coverage() }

// peerReach runs DPOR variant name on p's program under the memory model
// p is written for, without symmetry and race detection (Nidhugg counts
// every thread apart and does not look for races), and returns what it
// reached, with the strategy's own statistics, and the reads-from and
// coherence classes of its executions.
func peerReach(t *testing.T, p peerProg, name string) (*reach, map[string]bool) {
	t.Helper()
	classes := map[string]bool{}
	wrap := func(r *recorder) Strategy {
		return endHook{ownCoverage{r}, func(e *scheduler.Execution) {
			if e.Status == scheduler.Finished || e.Status == scheduler.Deadlocked {
				classes[rfcoClass(e)] = true
			}
		}}
	}
	return exploreReachWrapped(t, p.program(), peerConfig(p, name), peerMaxExec, false, wrap), classes
}

// peerDFS is what DFS reaches on p's program, nil if it needs more than
// peerDFSBudget executions.
func peerDFS(t *testing.T, p peerProg) *reach {
	t.Helper()
	return exploreReachWith(t, p.program(), peerConfig(p, "dfs"), peerDFSBudget()+1, true)
}

func peerConfig(p peerProg, strategy string) Config {
	return Config{Strategy: strategy, Memory: p.mem, NoSymmetry: true, NoRaces: true}
}

// TestPeerTraceCounts holds the engine to the trace counts Nidhugg's unit
// tests publish for their programs, under the memory model each test is
// written for. The published counts are facts from Nidhugg's sources (the
// test each subtest names); the programs are retold in
// peer_programs_*_test.go. For every program:
//
//   - optimal DPOR's executions fall into exactly the published number of
//     reads-from and coherence classes (rfcoClass, Nidhugg's equivalence);
//   - optimal DPOR explores one execution per trace of the model's
//     relation (executions = traces counted = distinct signatures), none
//     sleep-set blocked, and that is the published number;
//   - source-DPOR reaches the same traces, classes, outcomes and violation
//     kinds, and DFS, where it finishes within peerDFSBudget, the same
//     traces, outcomes and violation kinds;
//   - no assertion fails (the tests say the programs have no error).
func TestPeerTraceCounts(t *testing.T) {
	withDFS := 0
	for _, p := range peerPrograms() {
		id := p.suite + "/" + p.test
		t.Run(id, func(t *testing.T) {
			opt, classes := peerReach(t, p, "dpor")
			assert.Equal(t, p.traces, len(classes), "reads-from and coherence classes reached, against the published number of traces")
			assert.Equal(t, opt.Stats.Executions, opt.Stats.Traces, "optimal DPOR: executions per trace")
			assert.Equal(t, opt.Stats.Traces, len(opt.Traces), "optimal DPOR: traces counted against distinct signatures")
			assert.Zero(t, opt.Stats.SleepBlocked, "optimal DPOR: sleep-set blocked executions")
			assert.Zero(t, opt.Stats.StepBound, "optimal DPOR: executions cut by the step bound")
			assert.NotContains(t, sortedKinds(opt.Kinds), model.Assertion, "the test says the program has no error")
			assert.Equal(t, p.traces, opt.Stats.Executions, "optimal DPOR: executions, against the published number of traces")

			src, srcClasses := peerReach(t, p, "source-dpor")
			requireSameReach(t, opt, src, "source-DPOR against optimal DPOR")
			assert.Empty(t, cmp.Diff(classes, srcClasses), "source-DPOR: reads-from and coherence classes")

			if dfs := peerDFS(t, p); dfs != nil {
				withDFS++
				requireSameReach(t, opt, dfs, "DFS against optimal DPOR")
			} else {
				t.Logf("not compared with DFS: it needs more than %d executions", peerDFSBudget())
			}
		})
	}
	t.Logf("%d programs, %d also compared with DFS (within %d executions)", len(peerPrograms()), withDFS, peerDFSBudget())
	require.Positive(t, withDFS, "no program within the DFS budget: the DFS comparison tests nothing")
}

// TestPeerProgramsAreDistinctTests: every retold program names a
// different test of Nidhugg's, with a published count.
func TestPeerProgramsAreDistinctTests(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range peerPrograms() {
		id := p.suite + "/" + p.test
		assert.False(t, seen[id], "%s is listed twice", id)
		seen[id] = true
		assert.Positive(t, p.traces, "%s: published count", id)
		assert.NotNil(t, p.build, "%s: program", id)
	}
}
