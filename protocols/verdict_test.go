package protocols_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// FullEnv names the environment variable that lifts verdictBudget, so that
// every case of TestVerdicts is explored exhaustively (minutes, not
// seconds, with plain DFS: `SINGLECHECK_FULL=1 go test -run TestVerdicts
// -timeout 2h ./protocols`).
const FullEnv = "SINGLECHECK_FULL"

// verdictBudget bounds the executions of each case of TestVerdicts in an
// ordinary run, so that the package stays fast; FullEnv lifts it. A case cut
// off is checked for a subset of its expectation, then skipped with its
// reason. With plain DFS, 20,000 executions cover every protocol at two
// threads except naive under TSO and PSO; at three threads they cover mutex,
// eager and dual under every memory model and dcl, dcl-atomic and
// dcl-early-publish under SC. Under the
// race detector (CI) the budget is 4,000 at two threads, which cuts the
// same cases, and 1,000 at three, where only mutex under SC and eager
// finish: the race run is for the engine's own races, the plain run for the
// verdicts. A reducing default strategy covers more of them.
func verdictBudget(threads int) int {
	switch {
	case !raceEnabled:
		return 20_000
	case threads <= 2:
		return 4_000
	default:
		return 1_000
	}
}

// TestVerdicts derives every protocol's violation kinds by exhaustive
// exploration with explore.Explore's default strategy, at two and three
// threads under every memory model, and compares them with the
// descriptor's expectation. -short runs only the two-thread cases.
func TestVerdicts(t *testing.T) {
	full := os.Getenv(FullEnv) != ""
	for _, p := range protocols.All {
		for _, n := range []int{2, 3} {
			for _, m := range model.Memories {
				t.Run(fmt.Sprintf("%s/N=%d/%s", p.Name, n, m), func(t *testing.T) {
					if n > 2 && testing.Short() {
						t.Skip("three threads: skipped with -short")
					}
					c := explore.Config{NoSymmetry: true, Memory: m}
					if !full {
						c.MaxExecutions = verdictBudget(n)
					}
					res, err := explore.Explore(context.Background(), p.Program(protocols.Workload{Threads: n, Calls: 1}), c)
					require.NoError(t, err)
					found := foundKinds(res)
					want := p.Expected(m, n)
					// A search cut off by the execution bound ends unknown if it
					// found nothing, but violation if it found something: the
					// kinds it found may then be only some of them.
					if !res.Complete {
						for _, k := range found {
							assert.Contains(t, want, k, "found a kind the expectation does not list")
						}
						t.Skipf("not exhaustive (stopped after %d executions): found %v so far, expected %v; set %s=1 to explore it all",
							res.Stats.Executions, found, want, FullEnv)
					}
					if diff := cmp.Diff(want, found); diff != "" {
						t.Errorf("%s at N=%d under %s: derived kinds differ from the expectation (-want +derived), %d executions:\n%s",
							p.Name, n, m, res.Stats.Executions, diff)
					}
					wantVerdict := explore.Violation
					if p.ExpectedSafe(m, n) {
						wantVerdict = explore.Safe
					}
					assert.Equal(t, wantVerdict, res.Verdict)
					if res.Verdict == explore.Violation {
						require.NotNil(t, res.Counterexample)
						assert.NotEmpty(t, res.Counterexample.Violations())
					}
				})
			}
		}
	}
}

// foundKinds is every kind a search found, acceptable or not, in the order
// of model.Kinds.
func foundKinds(res *explore.Result) []model.Kind {
	ks := []model.Kind{}
	for _, k := range model.Kinds {
		if slices.Contains(res.Violations, k) || slices.Contains(res.Acceptable, k) {
			ks = append(ks, k)
		}
	}
	return ks
}
