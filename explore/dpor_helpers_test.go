package explore

import (
	"context"
	"slices"
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
	"github.com/stretchr/testify/require"
)

// reach is what a search reached: its traces, final outcomes and violation
// kinds, as sets, and its statistics.
type reach struct {
	Traces   map[Signature]bool
	Outcomes map[string]bool
	Kinds    map[model.Kind]bool
	Stats    Stats
	Verdict  Verdict
	// Panicked counts the executions a panic ended (a send on a closed
	// channel, say): their violation kinds are in Kinds, but they are not
	// traces (the panic cut them short).
	Panicked int
}

// recorder wraps a strategy and records what each execution reached.
type recorder struct {
	Strategy
	r *reach
}

func (c *recorder) End(e *scheduler.Execution) error {
	if e.Status == scheduler.Finished || e.Status == scheduler.Deadlocked {
		c.r.Traces[TraceSignature(e)] = true
		c.r.Outcomes[e.World.Outcome()] = true
		for _, v := range e.Violations() {
			c.r.Kinds[v.Kind] = true
		}
	}
	if e.Status == scheduler.Panicked {
		c.r.Panicked++
		for _, v := range e.Violations() {
			c.r.Kinds[v.Kind] = true
		}
	}
	return c.Strategy.End(e)
}

// Coverage is the wrapped strategy's, with the traces the recorder saw.
func (c *recorder) Coverage() Coverage {
	cov := c.Strategy.Coverage()
	cov.Traces, cov.Equivalence = len(c.r.Traces), EquivalenceTraces
	return cov
}

// exploreReach runs strategy name on prog under mem to the end and returns
// what it reached. The search must finish within maxExec executions; if it
// does not, exploreReach returns nil when mayStop, and fails otherwise.
func exploreReach(t require.TestingT, prog model.Program, name string, mem model.Memory, maxExec int, mayStop bool) *reach {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	return exploreReachWith(t, prog, Config{NoSymmetry: true, Strategy: name, Memory: mem}, maxExec, mayStop)
}

// exploreReachWith is exploreReach with a whole Config (its MaxExecutions
// is set to maxExec).
func exploreReachWith(t require.TestingT, prog model.Program, c Config, maxExec int, mayStop bool) *reach {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	return exploreReachWrapped(t, prog, c, maxExec, mayStop, func(r *recorder) Strategy { return r })
}

// exploreReachWrapped is exploreReachWith searching with wrap(the
// recorder) as the strategy.
func exploreReachWrapped(t require.TestingT, prog model.Program, c Config, maxExec int, mayStop bool, wrap func(*recorder) Strategy) *reach {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	name := c.Strategy
	c.MaxExecutions = maxExec
	require.NoError(t, c.Normalize())
	c.identical = prog.Identical || prog.Groups != nil
	s, err := NewStrategy(&c)
	require.NoError(t, err)
	r := &reach{Traces: map[Signature]bool{}, Outcomes: map[string]bool{}, Kinds: map[model.Kind]bool{}}
	res, err := Search(context.Background(), prog, wrap(&recorder{s, r}), c)
	require.NoError(t, err)
	if mayStop && res.Stats.Executions >= maxExec {
		return nil
	}
	require.Less(t, res.Stats.Executions, maxExec, "%s: %s did not finish", prog.Name, name)
	if d, ok := s.(*dpor); ok {
		require.Zero(t, d.fallbacks, "%s: %s met a wakeup branch whose process is not enabled", prog.Name, name)
	}
	r.Stats, r.Verdict = res.Stats, res.Verdict
	return r
}

func sortedKinds(m map[model.Kind]bool) []model.Kind {
	var ks []model.Kind
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// checkRegressionPrograms checks minimised programs the sweeps found (in
// progs' text form) under every memory model: both DPOR variants reach
// DFS's traces, outcomes and kinds, with no fallback (exploreReach fails
// on one), and, if onePerTrace, optimal DPOR explores one execution per
// trace on each program that makes no choice and never panics.
func checkRegressionPrograms(t *testing.T, texts []string, onePerTrace bool) {
	t.Helper()
	for _, text := range texts {
		spec := progs.MustParse(text)
		prog := spec.Program()
		for _, m := range model.Memories {
			t.Run(text+"/"+m.String(), func(t *testing.T) {
				dfs := exploreReach(t, prog, "dfs", m, 100_000, false)
				for _, s := range dporStrategies {
					got := exploreReach(t, prog, s, m, 100_000, false)
					requireSameReach(t, dfs, got, s)
					if onePerTrace && s == "dpor" && !spec.HasChoose() && dfs.Panicked == 0 {
						require.Equal(t, len(got.Traces), got.Stats.Executions, "optimal DPOR: executions per trace")
					}
				}
			})
		}
	}
}
