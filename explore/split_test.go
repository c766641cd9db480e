package explore

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// splitView is what a split search must agree on with the whole search:
// the verdict, the kinds, the traces and, without symmetry, the set of
// outcomes.
type splitView struct {
	Verdict    Verdict
	Complete   bool
	Violations []model.Kind
	Acceptable []model.Kind
	Traces     int
	Outcomes   map[uint64]struct{}
}

func viewOf(r *Result, outcomes bool) splitView {
	v := splitView{Verdict: r.Verdict, Complete: r.Complete, Violations: r.Violations, Acceptable: r.Acceptable, Traces: r.Stats.Traces}
	if outcomes {
		v.Outcomes = maps.Clone(r.part.outcomes)
	}
	return v
}

// determinism is everything of a result that must not depend on the
// number of workers: all of it but the wall time.
type determinism struct {
	View       splitView
	Executions int
	Steps      int
	Sleep      int
	Reason     string
	Shown      string
	Run        int
	ByKind     map[model.Kind]string
}

func determinismOf(r *Result) determinism {
	d := determinism{View: viewOf(r, true), Executions: r.Stats.Executions, Steps: r.Stats.Steps,
		Sleep: r.Stats.SleepBlocked, Reason: r.Reason, ByKind: map[model.Kind]string{}}
	if ce, k := r.Pick(""); ce != nil {
		d.Shown, d.Run = fmt.Sprintf("%s %s", k, ce.Schedule), ce.Run
	}
	for k, ce := range r.ByKind {
		d.ByKind[k] = fmt.Sprintf("%d %s", ce.Run, ce.Schedule)
	}
	return d
}

// TestParallelMatchesSequentialOnProtocols: on every built-in protocol at
// three threads, a search on 2 and on 4 workers gives the sequential
// search's verdict, kinds, trace count and (without symmetry) outcomes, and
// the two parallel results are identical in everything but time.
func TestParallelMatchesSequentialOnProtocols(t *testing.T) {
	configs := []Config{{Strategy: "dpor"}, {Strategy: "dpor", NoSymmetry: true}, {Strategy: "source-dpor", Memory: model.TSO}}
	for _, p := range protocols.All {
		for _, base := range configs {
			n := 3
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			name := fmt.Sprintf("%s/%s/%s/symmetry=%v", p.Name, base.Strategy, base.Memory, !base.NoSymmetry)
			t.Run(name, func(t *testing.T) {
				seq, err := Explore(context.Background(), prog, base)
				require.NoError(t, err)
				var par []determinism
				for _, w := range []int{2, 4} {
					c := base
					c.Workers = w
					r, err := Explore(context.Background(), prog, c)
					require.NoError(t, err)
					require.Empty(t, cmp.Diff(viewOf(seq, base.NoSymmetry), viewOf(r, base.NoSymmetry)), "workers %d", w)
					par = append(par, determinismOf(r))
				}
				require.Empty(t, cmp.Diff(par[0], par[1]), "2 workers against 4")
			})
		}
	}
}

// TestParallelDFSIsTheSequentialSearch: DFS's tree does not depend on the
// order of exploration, so the merged parts are the whole search,
// execution for execution, the counterexamples and their run indices too.
func TestParallelDFSIsTheSequentialSearch(t *testing.T) {
	for _, p := range protocols.All {
		prog := p.Program(protocols.Workload{Threads: 2, Calls: 1})
		for _, sym := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/symmetry=%v", p.Name, sym), func(t *testing.T) {
				c := Config{Strategy: "dfs", NoSymmetry: !sym}
				seq, err := Explore(context.Background(), prog, c)
				require.NoError(t, err)
				c.Workers = 3
				par, err := Explore(context.Background(), prog, c)
				require.NoError(t, err)
				require.Empty(t, cmp.Diff(determinismOf(seq), determinismOf(par)))
			})
		}
	}
}

// TestSplitOnGeneratedPrograms: on generated programs (every family of
// genFamilies, a random memory model), DFS and both DPOR variants split
// over 3 workers reach the sequential search's verdict, kinds, traces and
// outcomes (the sequential search is itself checked against DFS).
func TestSplitOnGeneratedPrograms(t *testing.T) {
	for _, fam := range genFamilies {
		t.Run(fam.name, func(t *testing.T) {
			checks := 40 // SINGLECHECK_LONG=1: the family's full sweep
			if long() {
				checks = fam.longCheck
			}
			withChecks(t, checks, func() {
				rapid.Check(t, func(rt *rapid.T) {
					spec := progs.Gen(fam.opts).Draw(rt, "program")
					prog := spec.Program()
					m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
					s := rapid.SampledFrom([]string{"dfs", "dpor", "source-dpor"}).Draw(rt, "strategy")
					c := Config{Strategy: s, Memory: m, MaxExecutions: 3000}
					seq, err := Explore(context.Background(), prog, c)
					require.NoError(rt, err)
					if !seq.Complete {
						rt.Skip("beyond the execution budget")
					}
					c.Workers = 3
					par, err := Explore(context.Background(), prog, c)
					require.NoError(rt, err)
					if !spec.MayPanic() {
						require.Empty(rt, cmp.Diff(viewOf(seq, true), viewOf(par, true)))
						return
					}
					// A panic (closing a channel, a Done below zero) is a
					// known gap of DPOR (see
					// TestDPORReachesWhatDFSReachesOnGeneratedPrograms): the
					// subtrees, each DPOR from a later state, may reach more
					// of DFS's outcomes (those of executions a panic cut
					// short), never fewer, and their trace count may differ
					// by a few.
					for h := range seq.part.outcomes {
						require.Contains(rt, par.part.outcomes, h)
					}
					require.Subset(rt, par.Violations, seq.Violations)
				})
			})
		})
	}
}

// TestParallelStopAtFirst: a part that stops at a violation ends the merge
// there, and the result is the same on any number of workers.
func TestParallelStopAtFirst(t *testing.T) {
	p, _ := protocols.Lookup("naive")
	prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
	var got []determinism
	for _, w := range []int{2, 4} {
		r, err := Explore(context.Background(), prog, Config{StopAtFirst: true, NoSymmetry: true, Workers: w})
		require.NoError(t, err)
		require.Equal(t, Violation, r.Verdict)
		require.False(t, r.Complete)
		require.Contains(t, r.Reason, "stopped at the first violation")
		got = append(got, determinismOf(r))
	}
	require.Empty(t, cmp.Diff(got[0], got[1]))
}

// TestSplitRefusesWhatCannotBeSplit: the sampling strategies and bounded
// DPOR are not splittable; with workers they run sequentially.
func TestSplitRefusesWhatCannotBeSplit(t *testing.T) {
	for _, c := range []Config{{Strategy: "random"}, {Strategy: "pct"}, {Strategy: "dpor", Preemptions: PreemptionBound(1)}} {
		require.False(t, Splittable(c), "%+v", c)
	}
	for _, c := range []Config{{Strategy: "dfs"}, {Strategy: "dpor"}, {Strategy: "source-dpor"}, {Strategy: "dfs", Preemptions: PreemptionBound(1)}} {
		require.True(t, Splittable(c), "%+v", c)
	}
	p, _ := protocols.Lookup("naive")
	prog := p.Program(protocols.Workload{Threads: 2, Calls: 1})
	c := Config{Strategy: "random", Runs: 20, Seed: 3}
	seq, err := Explore(context.Background(), prog, c)
	require.NoError(t, err)
	c.Workers = 4
	par, err := Explore(context.Background(), prog, c)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(determinismOf(seq), determinismOf(par)))
}
