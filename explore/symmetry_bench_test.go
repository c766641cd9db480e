package explore

import (
	"context"
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// benchExplore runs one exhaustive search per iteration and reports the
// executions of the last one.
func benchExplore(b *testing.B, prog model.Program, c Config) {
	b.Helper()
	var res *Result
	for b.Loop() {
		var err error
		res, err = Explore(context.Background(), prog, c)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Stats.Executions), "executions")
	b.ReportMetric(float64(res.Stats.Steps)/b.Elapsed().Seconds()*float64(b.N), "steps/s")
}

// BenchmarkSymmetry compares plain DFS with DFS under symmetry reduction on
// the built-in protocols whose threads are identical.
func BenchmarkSymmetry(b *testing.B) {
	for _, p := range protocols.All {
		for _, n := range []int{2, 3, 4} {
			if p.Name == "naive" && n > 3 {
				continue
			}
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			for _, sym := range []bool{false, true} {
				b.Run(fmt.Sprintf("%s/N=%d/symmetry=%v", p.Name, n, sym), func(b *testing.B) {
					benchExplore(b, prog, Config{Strategy: "dfs", NoSymmetry: !sym})
				})
			}
		}
	}
}

// BenchmarkPreemptionBound measures DFS and bounded POR (dpor with a bound)
// under preemption bounds 0, 1 and 2 against the unbounded searches.
func BenchmarkPreemptionBound(b *testing.B) {
	for _, p := range protocols.All {
		prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
		for _, strategy := range []string{"dfs", "dpor"} {
			for _, k := range []int{0, 1, 2, -1} {
				c := Config{NoSymmetry: true, Strategy: strategy}
				name := "unbounded"
				if k >= 0 {
					c.Preemptions = PreemptionBound(k)
					name = fmt.Sprintf("bound=%d", k)
				}
				b.Run(fmt.Sprintf("%s/N=3/%s/%s", p.Name, strategy, name), func(b *testing.B) {
					benchExplore(b, prog, c)
				})
			}
		}
	}
}
