package explore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// benchSeeds is the number of seeds each median is taken over.
const benchSeeds = 20

// benchCap bounds the executions of one search in the benchmark; a search
// that reaches it counts as not finding the bug (reported as the cap).
const benchCap = 200_000

// buggyProtocols are the built-in protocols expected to fail under m.
func buggyProtocols(m model.Memory) []*protocols.Protocol {
	var ps []*protocols.Protocol
	for _, p := range protocols.All {
		if len(p.Expect[m]) > 0 {
			ps = append(ps, p)
		}
	}
	return ps
}

// BenchmarkTimeToFirstViolation measures, for every buggy protocol at N =
// 2, 4 and 8 threads (one call each, SC, race detector off so that the
// contract's own violations are what is found), the executions and the wall
// time each strategy needs to find the first violation: medians over 20
// seeds for the sampling strategies and rapid, one search for DFS (which
// has no seed). Run with -benchtime 1x:
//
//	go test -run '^$' -bench TimeToFirstViolation -benchtime 1x ./explore
func BenchmarkTimeToFirstViolation(b *testing.B) {
	type strat struct {
		name  string
		c     explore.Config
		seeds int
	}
	strats := []strat{
		{"random", explore.Config{Strategy: "random"}, benchSeeds},
		{"pct-d2", explore.Config{Strategy: "pct", Depth: 2}, benchSeeds},
		{"pct-d3", explore.Config{Strategy: "pct", Depth: 3}, benchSeeds},
		{"dfs", explore.Config{Strategy: "dfs"}, 1},
	}
	for _, p := range buggyProtocols(model.SC) {
		for _, n := range []int{2, 4, 8} {
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			for _, s := range strats {
				b.Run(fmt.Sprintf("%s/N=%d/%s", p.Name, n, s.name), func(b *testing.B) {
					for range b.N {
						var execs []float64
						var times []time.Duration
						found := 0
						for seed := range s.seeds {
							c := s.c
							c.Seed = uint64(seed) + 1
							c.Runs = benchCap
							c.MaxExecutions = benchCap
							c.NoRaces = true
							c.StopAtFirst = true
							res, err := explore.Explore(context.Background(), prog, c)
							if err != nil {
								b.Fatal(err)
							}
							if res.Verdict == explore.Violation {
								found++
							}
							execs = append(execs, float64(res.Stats.Executions))
							times = append(times, res.Stats.Elapsed)
						}
						b.ReportMetric(median(execs), "execs")
						b.ReportMetric(float64(medianDuration(times).Microseconds()), "µs")
						b.ReportMetric(float64(found)/float64(s.seeds), "found")
					}
				})
			}
			b.Run(fmt.Sprintf("%s/N=%d/rapid", p.Name, n), func(b *testing.B) {
				for range b.N {
					var execs []float64
					var times []time.Duration
					found := 0
					for seed := range benchSeeds {
						o := rapidSearch(b, prog, uint64(seed)+1, explore.WithoutRaces())
						if o.first > 0 {
							found++
						}
						execs = append(execs, float64(o.first))
						times = append(times, o.firstAt)
					}
					b.ReportMetric(median(execs), "execs")
					b.ReportMetric(float64(medianDuration(times).Microseconds()), "µs")
					b.ReportMetric(float64(found)/benchSeeds, "found")
				}
			})
		}
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func medianDuration(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
