package explore

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// checkOrbits checks that the reduced search covers the same trace orbits,
// outcome orbits and violation kinds as the reference, and no more
// executions.
func checkOrbits(t tb, name string, ref, red *summary) {
	t.Helper()
	checkOrbitsOf(t, name, ref, red, false)
}

// checkOrbitsOf is checkOrbits; por compares trace orbits under DPOR's
// dependency relation only (DPOR explores one execution per trace of its
// own, coarser relation, so the finer orbits need not all be reached).
func checkOrbitsOf(t tb, name string, ref, red *summary, por bool) {
	t.Helper()
	if diff := cmp.Diff(sortedKeys(ref.porOrbits), sortedKeys(red.porOrbits)); diff != "" {
		t.Fatalf("%s: trace orbits (DPOR's dependency) differ (-reference +reduced):\n%s", name, diff)
	}
	if diff := cmp.Diff(sortedKeys(ref.orbits), sortedKeys(red.orbits)); !por && diff != "" {
		t.Fatalf("%s: trace orbits differ (-reference +reduced):\n%s", name, diff)
	}
	if diff := cmp.Diff(sortedKeys(ref.outcomes), sortedKeys(red.outcomes)); diff != "" {
		t.Fatalf("%s: outcome orbits differ (-reference +reduced):\n%s", name, diff)
	}
	assert.ElementsMatch(t, keys(ref.kinds), keys(red.kinds), "%s: violation kinds", name)
	if !por {
		assert.LessOrEqual(t, red.executions, ref.executions, "%s: the reduction explored more", name)
	}
	// Under a bound, a reduction that never had to cut an alternative it
	// explored has covered every trace (it is then an unbounded search) and
	// may say safe where DFS, which meets more interleavings, was cut.
	boundNeverCut := red.res.Preemptions != nil && ref.res.Verdict == Unknown && red.res.Verdict == Safe
	if !boundNeverCut {
		assert.Equal(t, ref.res.Verdict, red.res.Verdict, "%s: verdict", name)
	}
}

func TestSymmetryKeepsOrbitsOfProtocols(t *testing.T) {
	// Programs written against *model.Thread: they run beside anything,
	// so the longest protocol sweeps share the cores at the end of the
	// package's run.
	t.Parallel()
	for _, p := range protocols.All {
		if !p.Identical && p.Groups == nil {
			continue
		}
		for _, mem := range []model.Memory{model.SC, model.TSO, model.PSO} {
			n := 3
			if mem != model.SC || p.Name == "naive" {
				n = 2
			}
			if p.Name == "naive" && mem != model.SC && !longTests() {
				continue // 85,628 executions and more: set SINGLECHECK_LONG=1
			}
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			name := fmt.Sprintf("%s/%d/%s", p.Name, n, mem)
			t.Run(name, func(t *testing.T) {
				skipLarge(t, prog, mem)
				plain := explored(t, prog, Config{NoSymmetry: true, Memory: mem})
				sym := explored(t, prog, Config{Memory: mem})
				checkOrbits(t, name, plain, sym)
				t.Logf("%s: %d executions without symmetry, %d with (×%.2f), %d trace orbits",
					name, plain.executions, sym.executions, float64(plain.executions)/float64(sym.executions), len(plain.orbits))
				for k := range 2 {
					bp := explored(t, prog, Config{NoSymmetry: true, Memory: mem, Preemptions: PreemptionBound(k)})
					bs := explored(t, prog, Config{Memory: mem, Preemptions: PreemptionBound(k)})
					checkOrbits(t, fmt.Sprintf("%s bound %d", name, k), bp, bs)
				}
			})
		}
	}
}

func TestSymmetryGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := drawProgram(rt, true)
		mem := rapid.SampledFrom([]model.Memory{model.SC, model.TSO, model.PSO}).Draw(rt, "memory")
		if mem != model.SC && len(g.threads) > 2 {
			mem = model.SC
		}
		prog := g.program(true)
		c := Config{NoSymmetry: true, Memory: mem}
		if rapid.Bool().Draw(rt, "bounded") {
			c.Preemptions = PreemptionBound(rapid.IntRange(0, 2).Draw(rt, "bound"))
		}
		plain := exploredSmall(rt, prog, c, allOrbits)
		if plain == nil {
			return
		}
		c.NoSymmetry = false
		sym := explored(rt, prog, c)
		checkOrbits(rt, prog.Name, plain, sym)
	})
}

// TestSymmetryCriticalSections: n identical threads whose whole body is one
// critical section (lock, store, unlock) have n! executions, the serial
// orders, and all of them are one orbit: renaming the threads maps any
// order to any other. Symmetry must explore exactly one.
func TestSymmetryCriticalSections(t *testing.T) {
	fact := 1
	for n := 1; n <= 5; n++ {
		fact *= n
		g := genProgram{atomic: []bool{false}, threads: make([][]genOp, n)}
		for i := range g.threads {
			g.threads[i] = []genOp{{kind: 3}, {kind: 1, val: 1}, {kind: 3}}
		}
		plain, err := Explore(context.Background(), g.program(true), Config{NoSymmetry: true, Strategy: "dfs"})
		require.NoError(t, err)
		assert.Equal(t, fact, plain.Stats.Executions, "n = %d", n)
		sym, err := Explore(context.Background(), g.program(true), Config{Strategy: "dfs"})
		require.NoError(t, err)
		assert.Equal(t, 1, sym.Stats.Executions, "n = %d", n)
		assert.True(t, sym.Symmetry)
	}
}

func TestSymmetryIgnoredWithoutIdentical(t *testing.T) {
	g := genProgram{atomic: []bool{false}, threads: [][]genOp{{{kind: 1, val: 1}}, {{kind: 1, val: 1}}}}
	plain, err := Explore(context.Background(), g.program(false), Config{NoSymmetry: true, Strategy: "dfs"})
	require.NoError(t, err)
	sym, err := Explore(context.Background(), g.program(false), Config{Strategy: "dfs"})
	require.NoError(t, err)
	assert.False(t, sym.Symmetry)
	assert.Equal(t, plain.Stats.Executions, sym.Stats.Executions)
}

// TestSymmetryWithDPOR: DPOR (optimal and source) with symmetry reaches the
// same trace orbits, outcome orbits and violation kinds as plain DFS.
func TestSymmetryWithDPOR(t *testing.T) {
	for _, p := range protocols.All {
		if !p.Identical && p.Groups == nil {
			continue
		}
		for _, mem := range []model.Memory{model.SC, model.TSO, model.PSO} {
			n := 3
			if mem != model.SC || p.Name == "naive" {
				n = 2
			}
			if p.Name == "naive" && mem != model.SC && !longTests() {
				continue
			}
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			name := fmt.Sprintf("%s/%d/%s", p.Name, n, mem)
			t.Run(name, func(t *testing.T) {
				skipLarge(t, prog, mem)
				plain := explored(t, prog, Config{NoSymmetry: true, Memory: mem})
				for _, s := range []string{"dpor", "source-dpor"} {
					red := explored(t, prog, Config{Memory: mem, Strategy: s})
					checkOrbitsOf(t, name+" "+s, plain, red, true)
				}
			})
		}
	}
}

func TestSymmetryWithDPORGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := drawProgram(rt, true)
		mem := rapid.SampledFrom([]model.Memory{model.SC, model.TSO, model.PSO}).Draw(rt, "memory")
		if mem != model.SC && len(g.threads) > 2 {
			mem = model.SC
		}
		prog := g.program(true)
		checkDPORSymmetryOrbits(rt, prog, mem)
	})
}

// TestGroupSymmetryKeepsOrbits: symmetry over groups of identical threads
// (the dual family's callers of one entry point, beside the fixture that
// resets) reaches the trace orbits, outcome orbits and kinds of plain DFS,
// with DFS and with DPOR, and explores fewer executions.
func TestGroupSymmetryKeepsOrbits(t *testing.T) {
	get, ctor, cm := protocols.EntryAccessor, protocols.EntryConstructor, protocols.EntryClassMethod
	for _, tc := range []struct {
		p    *protocols.Protocol
		wl   protocols.Workload
		long bool // plain DFS takes tens of seconds
	}{
		{protocols.DualReset, protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{get, get}}, false},
		{protocols.DualReset, protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{ctor, ctor}}, true},
		{protocols.DualSelfHeal, protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{get, get}}, false},
		{protocols.Dual, protocols.Workload{Threads: 3, Calls: 1, Entries: []protocols.Entry{get, ctor, ctor}}, false},
		// get_instance() is cls(): its callers share the constructor's group.
		{protocols.Dual, protocols.Workload{Threads: 3, Calls: 1, Entries: []protocols.Entry{get, ctor, cm}}, false},
		{protocols.DualSelfHeal, protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{ctor, cm}}, true},
		{protocols.DualReset, protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{ctor, cm}}, false},
	} {
		prog := tc.p.Program(tc.wl)
		t.Run(fmt.Sprintf("%s/%v", tc.p.Name, tc.wl.Entries), func(t *testing.T) {
			if tc.long && !longTests() {
				t.Skip("plain DFS takes tens of seconds: set SINGLECHECK_LONG=1")
			}
			require.NotNil(t, prog.SymmetryGroups(len(prog.Groups)), "the workload has interchangeable callers")
			plain := explored(t, prog, Config{NoSymmetry: true, Strategy: "dfs"})
			for _, s := range []string{"dfs", "dpor", "source-dpor"} {
				sym := explored(t, prog, Config{Strategy: s})
				assert.True(t, sym.res.Symmetry, s)
				checkOrbits(t, tc.p.Name+"/"+s, plain, sym)
				if s == "dfs" {
					assert.Less(t, sym.executions, plain.executions, "group symmetry reduces DFS")
				}
			}
		})
	}
}
