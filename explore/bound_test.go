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

// filterBound keeps the schedules of plain DFS with at most k preemptions.
func filterBound(all map[string]int, k int) map[string]int {
	out := map[string]int{}
	for s, p := range all {
		if p <= k {
			out[s] = p
		}
	}
	return out
}

// checkBoundedDFS checks that DFS under bound k covers exactly the
// executions of plain DFS with at most k preemptions, and that its verdict
// is unknown exactly when the bound cut something off.
func checkBoundedDFS(t tb, prog model.Program, mem model.Memory, plain *summary, k int) {
	t.Helper()
	bounded := exploredWith(t, prog, Config{NoSymmetry: true, Memory: mem, Preemptions: PreemptionBound(k)}, noOrbits, false)
	want := filterBound(plain.schedules, k)
	if diff := cmp.Diff(want, bounded.schedules); diff != "" {
		t.Fatalf("%s %s bound %d: bounded DFS ≠ DFS filtered to ≤ %d preemptions (-want +got):\n%s", prog.Name, mem, k, k, diff)
	}
	cut := len(want) < len(plain.schedules)
	if len(bounded.res.Violations) == 0 {
		assert.Equal(t, cut, bounded.res.Verdict == Unknown, "%s bound %d: verdict %s (%s)", prog.Name, k, bounded.res.Verdict, bounded.res.Reason)
	}
}

func TestBoundedDFSEqualsFilteredDFS(t *testing.T) {
	for _, p := range protocols.All {
		for _, mem := range []model.Memory{model.SC, model.TSO} {
			n := 3
			if mem != model.SC || p.Name == "naive" {
				n = 2 // keep plain DFS small
			}
			if p.Name == "naive" && mem != model.SC && !longTests() {
				continue // 85,628 executions: set SINGLECHECK_LONG=1
			}
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			t.Run(fmt.Sprintf("%s/%d/%s", p.Name, n, mem), func(t *testing.T) {
				skipLarge(t, prog, mem)
				plain := exploredWith(t, prog, Config{NoSymmetry: true, Memory: mem}, noOrbits, false)
				for k := range 3 {
					checkBoundedDFS(t, prog, mem, plain, k)
				}
			})
		}
	}
}

func TestBoundedDFSGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		g := drawProgram(rt, false)
		mem := rapid.SampledFrom([]model.Memory{model.SC, model.TSO, model.PSO}).Draw(rt, "memory")
		if mem != model.SC && len(g.threads) > 2 {
			mem = model.SC // flushes multiply the executions; keep the check fast
		}
		k := rapid.IntRange(0, 3).Draw(rt, "bound")
		prog := g.program(false)
		plain := exploredSmall(rt, prog, Config{NoSymmetry: true, Memory: mem}, noOrbits)
		if plain == nil {
			return
		}
		checkBoundedDFS(rt, prog, mem, plain, k)
	})
}

// TestBoundZeroIsSerial: with no preemption allowed and no store buffers,
// the executions of n threads that never block are the n! serial orders.
func TestBoundZeroIsSerial(t *testing.T) {
	fact := 1
	for n := 1; n <= 4; n++ {
		fact *= n
		prog := genProgram{atomic: []bool{true}, threads: make([][]genOp, n)}
		for i := range prog.threads {
			prog.threads[i] = []genOp{{kind: 0}, {kind: 1, val: 1}, {kind: 0}}
		}
		res, err := Explore(context.Background(), prog.program(false), Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(0)})
		require.NoError(t, err)
		assert.Equal(t, fact, res.Stats.Executions, "n = %d", n)
	}
}

func TestBoundedVerdictAndReason(t *testing.T) {
	prog := protocols.Mutex.Program(protocols.Workload{Threads: 2, Calls: 1})
	res, err := Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(0)})
	require.NoError(t, err)
	assert.Equal(t, Unknown, res.Verdict)
	assert.Contains(t, res.Reason, "preemption bound 0")
	require.NotNil(t, res.Preemptions)
	assert.Equal(t, 0, *res.Preemptions)

	// A bound no execution reaches cuts nothing: the verdict is safe.
	res, err = Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(100)})
	require.NoError(t, err)
	assert.Equal(t, Safe, res.Verdict, res.Reason)

	// A violation found under a bound is a violation.
	res, err = Explore(context.Background(), protocols.Naive.Program(protocols.DefaultWorkload), Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(1)})
	require.NoError(t, err)
	assert.Equal(t, Violation, res.Verdict)
}

func TestPreemptionBoundValidation(t *testing.T) {
	for _, k := range []int{-1, MaxPreemptionBound + 1} {
		c := Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(k)}
		assert.Error(t, c.Normalize(), "bound %d", k)
	}
	for _, k := range []int{0, 3, MaxPreemptionBound} {
		c := Config{NoSymmetry: true, Strategy: "dfs", Preemptions: PreemptionBound(k)}
		assert.NoError(t, c.Normalize(), "bound %d", k)
	}
	var c Config
	require.NoError(t, c.Normalize())
	assert.Nil(t, c.Preemptions, "the zero Config is unbounded")
}

// TestBoundedDPORIsBoundedPOR: a bound with either DPOR variant runs
// bounded POR on source-DPOR, says so, and ends unknown when the bound left
// a backtrack point unexplored.
func TestBoundedDPORIsBoundedPOR(t *testing.T) {
	prog := protocols.Mutex.Program(protocols.Workload{Threads: 2, Calls: 1})
	for _, s := range []string{"dpor", "source-dpor"} {
		res, err := Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: s, Preemptions: PreemptionBound(0)})
		require.NoError(t, err)
		assert.Equal(t, "source-dpor", res.Strategy)
		assert.Equal(t, Unknown, res.Verdict)
		assert.Contains(t, res.Reason, "preemption bound 0")

		res, err = Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: s, Preemptions: PreemptionBound(100)})
		require.NoError(t, err)
		assert.Equal(t, Safe, res.Verdict, res.Reason)
	}
}
