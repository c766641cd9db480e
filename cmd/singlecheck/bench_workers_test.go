package main

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// workersView is what must not depend on -workers: the verdict, the
// kinds, the trace count and the kind of the counterexample shown; across
// parallel runs (2 and 4 workers), also the executions and the
// counterexample itself.
type workersView struct {
	Verdict    explore.Verdict
	Complete   bool
	Violations []model.Kind
	Acceptable []model.Kind
	Traces     int
	Kind       model.Kind
}

type parallelView struct {
	Executions int
	Steps      int
	Shown      string
}

// TestWorkersOnBenchmarkSuite: on every protocol of the benchmark suite
// under each of its strategies (DFS at 2 threads, DPOR at 3), searches on
// 1, 2 and 4 workers agree on verdict, kinds, traces and the kind shown,
// and the parallel ones on everything but time (-short: the strategies
// with symmetry).
func TestWorkersOnBenchmarkSuite(t *testing.T) {
	targets, err := benchTargets("")
	require.NoError(t, err)
	for _, tg := range targets {
		for _, s := range suiteStrategies {
			if testing.Short() && s.Config.NoSymmetry {
				continue // -short: the strategies with symmetry only
			}
			n := 3
			if s.Config.Strategy == "dfs" {
				n = 2
			}
			t.Run(fmt.Sprintf("%s/%s/%d", tg.Name, s.Name, n), func(t *testing.T) {
				var views []workersView
				var par []parallelView
				for _, w := range []int{1, 2, 4} {
					c := s.Config
					c.Workers = w
					res, err := explore.Explore(context.Background(), tg.Program(n), c)
					require.NoError(t, err)
					ce, k := res.Pick("")
					views = append(views, workersView{res.Verdict, res.Complete, res.Violations, res.Acceptable, res.Stats.Traces, k})
					if w > 1 {
						pv := parallelView{Executions: res.Stats.Executions, Steps: res.Stats.Steps}
						if ce != nil {
							pv.Shown = fmt.Sprintf("%d %s", ce.Run, ce.Schedule)
						}
						par = append(par, pv)
					}
				}
				require.Empty(t, cmp.Diff(views[0], views[1]), "1 against 2 workers")
				require.Empty(t, cmp.Diff(views[0], views[2]), "1 against 4 workers")
				require.Empty(t, cmp.Diff(par[0], par[1]), "2 against 4 workers")
			})
		}
	}
}
