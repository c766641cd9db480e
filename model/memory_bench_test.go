package model_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// BenchmarkMemoryModels measures what TSO and PSO cost against SC: for
// naive, mutex and dcl (when built in) at N = 2…4 threads, one exhaustive
// search with the default strategy per op, reporting the executions it ran
// (execs/op) and the time per execution (ns/exec). A search is cut at
// SINGLECHECK_BENCH_MAX executions (default 100000); complete is 1 if it
// finished, 0 if cut (its executions are then a lower bound).
//
//	go test ./model -run '^$' -bench MemoryModels -benchtime 1x
func BenchmarkMemoryModels(b *testing.B) {
	limit := 100_000
	if s := os.Getenv("SINGLECHECK_BENCH_MAX"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("SINGLECHECK_BENCH_MAX=%q: want a positive number of executions", s)
		}
		limit = n
	}
	for _, name := range []string{"naive", "mutex", "dcl"} {
		p, ok := protocols.Lookup(name)
		if !ok {
			continue
		}
		for n := 2; n <= 4; n++ {
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			for _, m := range model.Memories {
				b.Run(fmt.Sprintf("%s/N=%d/%s", name, n, m), func(b *testing.B) {
					var res *explore.Result
					for b.Loop() {
						var err error
						res, err = explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Memory: m, MaxExecutions: limit})
						if err != nil {
							b.Fatal(err)
						}
					}
					complete := 0.0
					if res.Stats.Executions < limit {
						complete = 1
					}
					b.ReportMetric(float64(res.Stats.Executions), "execs/op")
					b.ReportMetric(float64(res.Stats.Elapsed.Nanoseconds())/float64(res.Stats.Executions), "ns/exec")
					b.ReportMetric(complete, "complete")
				})
			}
		}
	}
}
