package explore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// BenchmarkReduction compares dfs, source-dpor and dpor on the built-in
// protocols: executions per search, distinct traces, sleep-set blocked
// executions and explored/traces.
//
//	go test ./explore -run '^$' -bench Reduction -benchtime 1x
func BenchmarkReduction(b *testing.B) {
	cases := []struct {
		n   int
		mem model.Memory
	}{{2, model.SC}, {3, model.SC}, {4, model.SC}, {2, model.TSO}, {2, model.PSO}, {3, model.PSO}}
	for _, p := range protocols.All {
		for _, c := range cases {
			for _, s := range []string{"dfs", "source-dpor", "dpor"} {
				if s == "dfs" && (c.n > 2 || c.mem != model.SC) && p != protocols.Mutex {
					continue // DFS takes from seconds to hours there
				}
				b.Run(fmt.Sprintf("%s/N=%d/%s/%s", p.Name, c.n, c.mem, s), func(b *testing.B) {
					prog := p.Program(protocols.Workload{Threads: c.n, Calls: 1})
					cfg := explore.Config{NoSymmetry: true, Strategy: s, Memory: c.mem}
					var res *explore.Result
					for b.Loop() {
						st, err := explore.NewStrategy(&cfg)
						if err != nil {
							b.Fatal(err)
						}
						res, err = explore.Search(context.Background(), prog, explore.CountTraces(st), cfg)
						if err != nil || res.Verdict == explore.Unknown {
							b.Fatalf("%v %v", err, res.Reason)
						}
					}
					st := res.Stats
					b.ReportMetric(float64(st.Executions), "executions")
					b.ReportMetric(float64(st.Traces), "traces")
					b.ReportMetric(float64(st.SleepBlocked), "sleep-blocked")
					b.ReportMetric(float64(st.Executions)/float64(st.Traces), "explored/trace")
				})
			}
		}
	}
}
