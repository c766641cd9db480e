package explore

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// passThrough is the smallest wrapper a user could write: it embeds the
// strategy and overrides one method. The closed contract means it keeps
// everything Coverage says.
type passThrough struct{ Strategy }

func (p passThrough) End(e *scheduler.Execution) error { return p.Strategy.End(e) }

// TestWrappersKeepTheCoverage: every strategy, alone and inside every
// wrapper (trace counting, a user's pass-through, the test recorder, and
// each nested in another), gives the same verdict, reason, completeness and
// counterexample seed. A preemption bound's cut and a sampling seed were
// once lost by a wrapper.
func TestWrappersKeepTheCoverage(t *testing.T) {
	wrappers := map[string]func(Strategy) Strategy{
		"count-traces": CountTraces,
		"pass-through": func(s Strategy) Strategy { return passThrough{s} },
		"recorder": func(s Strategy) Strategy {
			return &recorder{s, &reach{Traces: map[Signature]bool{}, Outcomes: map[string]bool{}, Kinds: map[model.Kind]bool{}}}
		},
		"nested": func(s Strategy) Strategy { return passThrough{CountTraces(passThrough{s})} },
	}
	configs := []Config{
		{Strategy: "dfs"}, {Strategy: "dpor"}, {Strategy: "source-dpor"},
		{Strategy: "dfs", Preemptions: PreemptionBound(0)},
		{Strategy: "dpor", Preemptions: PreemptionBound(0)},
		{Strategy: "random", Seed: 7, Runs: 50}, {Strategy: "pct", Seed: 7, Runs: 50},
	}
	prog := protocols.Naive.Program(protocols.Workload{Threads: 3, Calls: 1})
	for _, c := range configs {
		c.identical = prog.Identical
		name := c.Strategy
		if c.Preemptions != nil {
			name += "/bounded"
		}
		t.Run(name, func(t *testing.T) {
			s, err := NewStrategy(&c)
			require.NoError(t, err)
			want, err := Search(context.Background(), prog, s, c)
			require.NoError(t, err)
			for wname, wrap := range wrappers {
				s, err := NewStrategy(&c)
				require.NoError(t, err)
				got, err := Search(context.Background(), prog, wrap(s), c)
				require.NoError(t, err)
				assert.Equal(t, want.Verdict, got.Verdict, wname)
				assert.Equal(t, want.Reason, got.Reason, wname)
				assert.Equal(t, want.Complete, got.Complete, wname)
				assert.Equal(t, want.Strategy, got.Strategy, wname)
				assert.Equal(t, want.Counterexample.Seed, got.Counterexample.Seed, wname)
			}
		})
	}
	// The case that once answered safe: a bound of 0 cuts naive at N = 3.
	c := Config{Strategy: "dpor", Preemptions: PreemptionBound(0), identical: true}
	s, err := NewStrategy(&c)
	require.NoError(t, err)
	res, err := Search(context.Background(), prog, CountTraces(s), c)
	require.NoError(t, err)
	assert.False(t, res.Complete)
	assert.NotEqual(t, Safe, res.Verdict)
}

// TestConfigAndCommandLineDefaultsAgree: the zero Config and the command
// line's defaults (symmetry on, the default strategy) explore the same
// number of executions on every built-in protocol at N = 3.
func TestConfigAndCommandLineDefaultsAgree(t *testing.T) {
	for _, p := range protocols.All {
		t.Run(p.Name, func(t *testing.T) {
			prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
			zero, err := Explore(context.Background(), prog, Config{})
			require.NoError(t, err)
			cli, err := Explore(context.Background(), prog, Config{Strategy: DefaultStrategy, NoSymmetry: false})
			require.NoError(t, err)
			assert.Equal(t, cli.Stats.Executions, zero.Stats.Executions)
			assert.Equal(t, p.Identical, zero.Symmetry, "symmetry applies exactly where the threads are identical")
		})
	}
}

// equivalence programs: counts of traces under the reads-from equivalence
// (the published counts of Abdulla et al.'s TSO/PSO DPOR for such programs).
func TestTracesAreReadsFromClasses(t *testing.T) {
	storeLoad := model.Program{Name: "store-load", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{func(t *model.Thread) { x.Store(t, 1); x.Load(t) }}
	}}
	failedCAS := model.Program{Name: "failed-cas", Build: func(w *model.World) []model.Body {
		x := model.NewAtomic(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.CompareAndSwap(t, 1, 2) },
			func(t *model.Thread) { x.Load(t) },
		}
	}}
	tests := []struct {
		prog   model.Program
		mem    model.Memory
		traces int
	}{
		{storeLoad, model.SC, 1}, {storeLoad, model.TSO, 1}, {storeLoad, model.PSO, 1},
		{failedCAS, model.SC, 1}, {failedCAS, model.TSO, 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s", tc.prog.Name, tc.mem), func(t *testing.T) {
			res, err := Explore(context.Background(), tc.prog, Config{Memory: tc.mem})
			require.NoError(t, err)
			assert.Equal(t, tc.traces, res.Stats.Traces)
			assert.Equal(t, tc.traces, res.Stats.Executions, "optimal DPOR: one execution per trace")
			dfs := exploreReach(t, tc.prog, "dfs", tc.mem, 1000, false)
			assert.Len(t, dfs.Traces, tc.traces)
		})
	}
}
