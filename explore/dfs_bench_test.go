package explore_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
)

// BenchmarkDFSMutex measures the engine: exhaustive DFS of mutex at N = 3,
// 4, 5, reporting scheduling steps per second and allocations per step.
//
//	go test ./explore -run '^$' -bench DFSMutex -benchmem
func BenchmarkDFSMutex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			prog := protocols.Mutex.Program(protocols.Workload{Threads: n, Calls: 1})
			steps := 0
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			b.ReportAllocs()
			for b.Loop() {
				res, err := explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Strategy: "dfs"})
				if err != nil || res.Verdict != explore.Safe {
					b.Fatalf("mutex N=%d: %v %v", n, err, res)
				}
				steps += res.Stats.Steps
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "steps/s")
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(steps), "allocs/step")
			b.ReportMetric(float64(steps)/float64(b.N), "steps/op")
		})
	}
}

// benchSizes are the N of BenchmarkDFSMutex; N=5 takes about half a minute
// per iteration.
var benchSizes = []int{3, 4, 5}
