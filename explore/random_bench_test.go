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

// buggyCase is a program that fails, under the strongest memory model
// under which it fails.
type buggyCase struct {
	name   string
	memory model.Memory
	prog   func(threads int) model.Program
}

// buggyCases are the built-in protocols expected to fail under some memory
// model, each under the first of SC, TSO, PSO where it does, and the buggy
// lazy-config of the examples.
func buggyCases() []buggyCase {
	var cs []buggyCase
	for _, p := range protocols.All {
		for _, m := range model.Memories {
			if slices.ContainsFunc(p.Expect[m], func(k model.Kind) bool { return k != model.DataRace }) {
				cs = append(cs, buggyCase{p.Name, m, func(n int) model.Program {
					return p.Program(protocols.Workload{Threads: n, Calls: 1})
				}})
				break
			}
		}
	}
	cs = append(cs, buggyCase{"lazy-config", model.SC, func(n int) model.Program { return lazyConfig(false, n) }})
	return cs
}

// BenchmarkTimeToFirstViolation measures, for every buggy protocol at N =
// 2, 4 and 8 threads (one call each, under the strongest memory model where
// it fails, race detector off so that the
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
		{"random", explore.Config{NoSymmetry: true, Strategy: "random"}, benchSeeds},
		{"pct-d2", explore.Config{NoSymmetry: true, Strategy: "pct", Depth: 2}, benchSeeds},
		{"pct-d3", explore.Config{NoSymmetry: true, Strategy: "pct", Depth: 3}, benchSeeds},
		{"dfs", explore.Config{NoSymmetry: true, Strategy: "dfs"}, 1},
	}
	for _, p := range buggyCases() {
		for _, n := range []int{2, 4, 8} {
			prog := p.prog(n)
			for _, s := range strats {
				b.Run(fmt.Sprintf("%s/%s/N=%d/%s", p.name, p.memory, n, s.name), func(b *testing.B) {
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
							c.Memory = p.memory
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
			b.Run(fmt.Sprintf("%s/%s/N=%d/rapid", p.name, p.memory, n), func(b *testing.B) {
				setFlag(b, "rapid.checks", fmt.Sprint(benchCap))
				for range b.N {
					var execs []float64
					var times []time.Duration
					found := 0
					for seed := range benchSeeds {
						o := rapidSearch(b, prog, uint64(seed)+1, explore.WithoutRaces(), explore.WithMemory(p.memory))
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
