package explore

import (
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/stretchr/testify/require"
)

// TestDPORSpawnOrdersTheChild: programs the generated-program sweeps found
// (progs.Spawning), where a started thread's first step conflicts with an
// earlier step that happens before its spawn (x0=0 of a child its parent
// waited for, then the load of a second child). The race analysis took
// the dependency clock before a thread's first step to be empty, so it
// saw a race there, and optimal DPOR inserted a wakeup sequence of the
// second child where that thread did not exist yet, then fell back on
// every enabled process. The clock before a started thread's first step
// is its spawn's (tstep.prev). Both DPOR variants must reach DFS's traces,
// outcomes and kinds, and optimal DPOR one execution per trace, with no
// fallback (exploreReach fails on one).
func TestDPORSpawnOrdersTheChild(t *testing.T) {
	for _, text := range []string{
		"go t3; wait t3; go t2; r0=x0 || r0=x0 || r0=x0 || x0=0",
		"go t2; r0=x0 || x0=1 || x0=2",
		"x0=1; go t1; join t1; r0=x0 || go t2; r0=x0 || x0=2",
	} {
		prog := progs.MustParse(text).Program()
		for _, m := range model.Memories {
			t.Run(text+"/"+m.String(), func(t *testing.T) {
				dfs := exploreReach(t, prog, "dfs", m, 100_000, false)
				for _, s := range dporStrategies {
					got := exploreReach(t, prog, s, m, 100_000, false)
					requireSameReach(t, dfs, got, s)
					if s == "dpor" {
						require.Equal(t, len(got.Traces), got.Stats.Executions, "optimal DPOR: executions per trace")
					}
				}
			})
		}
	}
}
