package explore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// BenchmarkEngine measures the cost of a step under each exhaustive
// strategy and the reach of symmetry reduction, on the cases the engine is
// judged by. Run it once per case:
//
//	go test ./explore -run '^$' -bench Engine -benchtime 1x
//
// steps/s compares strategies per step; executions, traces and
// sleep-blocked are exact counts.
func BenchmarkEngine(b *testing.B) {
	type bcase struct {
		proto    *protocols.Protocol
		n        int
		strategy string
		symmetry bool
		memory   model.Memory
	}
	var cases []bcase
	for _, n := range []int{4, 5} {
		for _, s := range []string{"dfs", "dpor", "source-dpor"} {
			cases = append(cases, bcase{protocols.Mutex, n, s, false, model.SC})
		}
	}
	for _, p := range []*protocols.Protocol{protocols.Once, protocols.DCL, protocols.DCLAtomic} {
		for _, n := range []int{4, 6} {
			cases = append(cases, bcase{p, n, "dpor", true, model.SC})
		}
	}
	cases = append(cases, bcase{protocols.Naive, 5, "dpor", true, model.SC})
	for _, c := range cases {
		name := fmt.Sprintf("%s/N=%d/%s/%s", c.proto.Name, c.n, c.strategy, c.memory)
		if c.symmetry {
			name += "/symmetry"
		}
		b.Run(name, func(b *testing.B) {
			prog := c.proto.Program(protocols.Workload{Threads: c.n, Calls: 1})
			cfg := explore.Config{Strategy: c.strategy, Memory: c.memory, NoSymmetry: !c.symmetry}
			var res *explore.Result
			steps := 0
			for b.Loop() {
				var err error
				res, err = explore.Explore(context.Background(), prog, cfg)
				if err != nil || !res.Complete {
					b.Fatalf("%s: %v %+v", name, err, res)
				}
				steps += res.Stats.Steps
			}
			b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "steps/s")
			b.ReportMetric(float64(res.Stats.Executions), "executions")
			b.ReportMetric(float64(res.Stats.Traces), "traces")
			b.ReportMetric(float64(res.Stats.SleepBlocked), "sleep-blocked")
		})
	}
}
