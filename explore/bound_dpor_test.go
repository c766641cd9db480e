package explore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// checkBoundedDPOR checks that bounded POR under bound k reaches exactly
// what DFS under bound k reaches, that it explores no more executions, and
// that it calls the program safe only when unbounded DFS finds nothing.
func checkBoundedDPOR(t require.TestingT, prog model.Program, mem model.Memory, k, budget int) (ref, got *reach) {
	ref = exploreReachWith(t, prog, Config{NoSymmetry: true, Strategy: "dfs", Memory: mem, Preemptions: PreemptionBound(k)}, budget+1, true)
	if ref == nil {
		return nil, nil
	}
	for _, s := range dporStrategies {
		got = exploreReachWith(t, prog, Config{NoSymmetry: true, Strategy: s, Memory: mem, Preemptions: PreemptionBound(k)}, budget+1, false)
		what := fmt.Sprintf("%s under bound %d", s, k)
		requireSameReach(t, ref, got, what)
		require.LessOrEqual(t, got.Stats.Executions, ref.Stats.Executions, "%s: more executions than bounded DFS", what)
		require.Zero(t, got.Stats.SleepBlocked, "%s: executions cut short", what)
	}
	if got.Verdict == Safe {
		// Nothing was cut: the search covered every trace.
		all := exploreReach(t, prog, "dpor", mem, 10*budget, false)
		requireSameReach(t, all, got, fmt.Sprintf("bound %d, called safe", k))
	}
	return ref, got
}

func TestBoundedDPORReachesWhatBoundedDFSReachesOnGeneratedPrograms(t *testing.T) {
	// Half of each family in the default run: the bounded search shares
	// its race handling with unbounded DPOR, which the full sweep checks.
	forGeneratedPrograms(t, 2, func(rt *rapid.T, spec progs.Spec, m model.Memory, budget int) bool {
		k := rapid.IntRange(0, 3).Draw(rt, "bound")
		ref, _ := checkBoundedDPOR(rt, spec.Program(), m, k, budget)
		return ref != nil
	})
}

// protocolBudget bounds the executions of bounded DFS on a protocol; under
// the race detector and -short the larger cases are skipped
// (SINGLECHECK_LONG=1 runs them).
func protocolBudget() int {
	if raceEnabled || testing.Short() {
		return dfsBudget
	}
	return 2 * dfsBudget
}

func TestBoundedDPORReachesWhatBoundedDFSReachesOnProtocols(t *testing.T) {
	// Programs written against *model.Thread: they run beside anything,
	// so the longest protocol sweeps share the cores at the end of the
	// package's run.
	t.Parallel()
	for _, p := range protocols.All {
		for _, n := range []int{2, 3} {
			for _, m := range model.Memories {
				if n == 3 && m != model.SC && !long() {
					// Most of these exceed the default budget at bound 2
					// and would be skipped after the work; the long run
					// has the budget for them.
					continue
				}
				t.Run(fmt.Sprintf("%s/n=%d/%s", p.Name, n, m), func(t *testing.T) {
					prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
					budget := protocolBudget()
					if long() {
						budget = 1_000_000
					}
					for k := range 3 {
						if !boundedDFSFits(t, p.Name, n, prog, m, k, budget) {
							t.Skipf("bounded DFS needs more than %d executions at bound %d", budget, k)
						}
						if ref, _ := checkBoundedDPOR(t, prog, m, k, budget); ref == nil {
							t.Skipf("bounded DFS needs more than %d executions at bound %d", budget, k)
						}
					}
				})
			}
		}
	}
}

// TestBoundedDPORWithSymmetry: bounded POR with symmetry reaches the trace
// orbits (under DPOR's dependency), outcome orbits and violation kinds of
// DFS under the same bound, on generated programs of identical threads and
// on the protocols whose threads are identical.
func TestBoundedDPORWithSymmetry(t *testing.T) {
	// Programs written against *model.Thread: they run beside anything,
	// so the longest protocol sweeps share the cores at the end of the
	// package's run.
	t.Parallel()
	t.Run("generated", func(t *testing.T) {
		rapid.Check(t, func(rt *rapid.T) {
			g := drawProgram(rt, true)
			mem := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
			k := rapid.IntRange(0, 2).Draw(rt, "bound")
			prog := g.program(true)
			ref := exploredSmall(rt, prog, Config{NoSymmetry: true, Memory: mem, Preemptions: PreemptionBound(k)}, porOrbitsOnly)
			if ref == nil {
				return
			}
			red := explored(rt, prog, Config{Strategy: "dpor", Memory: mem, Preemptions: PreemptionBound(k)})
			checkOrbitsOf(rt, fmt.Sprintf("%s bound %d", prog.Name, k), ref, red, true)
		})
	})
	for _, p := range protocols.All {
		if !p.Identical && p.Groups == nil {
			continue
		}
		for _, mem := range model.Memories {
			n := 3
			if mem != model.SC || p.Name == "naive" {
				n = 2
			}
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			name := fmt.Sprintf("%s/%d/%s", p.Name, n, mem)
			t.Run(name, func(t *testing.T) {
				budget := protocolBudget()
				for k := range 3 {
					if !boundedDFSFits(t, p.Name, n, prog, mem, k, budget) {
						t.Skipf("bounded DFS needs more than %d executions at bound %d", budget, k)
					}
					ref := exploredWith(t, prog, Config{NoSymmetry: true, Memory: mem, Preemptions: PreemptionBound(k), MaxExecutions: budget + 1}, porOrbitsOnly, true)
					if ref.executions > budget {
						t.Skipf("bounded DFS needs more than %d executions at bound %d", budget, k)
					}
					red := exploredWith(t, prog, Config{Strategy: "dpor", Memory: mem, Preemptions: PreemptionBound(k)}, porOrbitsOnly, false)
					checkOrbitsOf(t, fmt.Sprintf("%s bound %d", name, k), ref, red, true)
				}
			})
		}
	}
}

// TestBoundedDPORRegressions are programs on which earlier versions of
// bounded POR lost traces within the bound: a source-DPOR initial other
// than the racing thread, a preemption that only pays off inside a critical
// section (the preempting thread then blocks on the mutex, and the next
// switch is free), and the same inside an earlier run.
func TestBoundedDPORRegressions(t *testing.T) {
	op := func(k progs.Kind) progs.Op { return progs.Op{Kind: k} }
	cases := []struct {
		name string
		mem  model.Memory
		spec progs.Spec
	}{
		{"initial-other-than-racer", model.SC, progs.Spec{Vars: 1, Threads: [][]progs.Op{
			{op(progs.Lock), op(progs.AtomicLoad)}, {op(progs.CAS)}, {op(progs.AtomicLoad)}}}},
		{"store-before-unlock", model.SC, progs.Spec{Vars: 1, Threads: [][]progs.Op{
			{op(progs.Store), op(progs.Lock)}, {op(progs.Load), op(progs.Lock)},
			{op(progs.Load), op(progs.Lock), op(progs.Unlock), op(progs.Load)}}}},
		{"stores-while-held-pso", model.PSO, progs.Spec{Vars: 1, Threads: [][]progs.Op{
			{op(progs.Load), op(progs.Lock), op(progs.Unlock)}, {op(progs.Lock), op(progs.Unlock)},
			{op(progs.Store), op(progs.Store), op(progs.Lock)}}}},
		{"earlier-run", model.SC, progs.Spec{Vars: 1, Threads: [][]progs.Op{
			{{Kind: progs.Store, Val: 1}, op(progs.Lock), {Kind: progs.Store, Val: -1}, {Kind: progs.CAS, Old: 1, Val: 2}},
			{op(progs.Lock), op(progs.Unlock)},
			{{Kind: progs.CAS, Old: 1, Val: 2}, op(progs.Lock), op(progs.Unlock), op(progs.Lock)},
			{{Kind: progs.CAS, Old: 1, Val: 0}, op(progs.Load), op(progs.Lock)}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for k := range 3 {
				ref, _ := checkBoundedDPOR(t, c.spec.Program(), c.mem, k, 20_000)
				require.NotNil(t, ref, "bounded DFS did not finish")
			}
		})
	}
}

// TestBoundedDPORLargerPrograms goes beyond the program sizes: 3–4
// threads of up to 5 operations, or lock-heavy mixes (SINGLECHECK_LONG=1).
func TestBoundedDPORLargerPrograms(t *testing.T) {
	if !long() {
		t.Skipf("set %s=1 for the larger programs", LongEnv)
	}
	opts := []progs.Options{
		{MinThreads: 3, MaxThreads: 3, MaxOps: 5, MaxVars: 2},
		{MinThreads: 3, MaxThreads: 4, MaxOps: 4, MaxVars: 2, Kinds: []progs.Kind{progs.Lock, progs.Unlock, progs.Load, progs.Store, progs.CAS}},
		{MinThreads: 2, MaxThreads: 3, MaxOps: 6, MaxVars: 1, Kinds: []progs.Kind{progs.Lock, progs.Unlock, progs.Store, progs.AtomicLoad, progs.Choose}},
	}
	withChecks(t, 1000, func() {
		rapid.Check(t, func(rt *rapid.T) {
			o := rapid.SampledFrom(opts).Draw(rt, "options")
			spec := progs.Gen(o).Draw(rt, "program")
			m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
			k := rapid.IntRange(0, 3).Draw(rt, "bound")
			if ref, _ := checkBoundedDPOR(rt, spec.Program(), m, k, 20_000); ref == nil {
				rt.Skip("bounded DFS needs more than 20,000 executions")
			}
		})
	})
}
