package explore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// straightLine is k threads, thread i doing lens[i] stores to its own
// variable: every interleaving is a distinct execution.
func straightLine(lens []int) model.Program {
	return model.Program{Name: "straight-line", Build: func(w *model.World) []model.Body {
		bodies := make([]model.Body, len(lens))
		for i, n := range lens {
			v := model.NewVar(w, fmt.Sprintf("v%d", i))
			bodies[i] = func(t *model.Thread) {
				for j := range n {
					v.Store(t, model.Value(j+1))
				}
			}
		}
		return bodies
	}}
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

// multinomial is (Σn)! / Π n!, computed as a product of binomials.
func multinomial(lens []int) int {
	total, result := 0, 1
	for _, n := range lens {
		for i := 1; i <= n; i++ {
			total++
			result = result * total / i
		}
	}
	return result
}

func TestDFSEnumeratesEveryInterleaving(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// At most 9 steps in all, so that the count stays in the thousands.
		lens := rapid.SliceOfN(rapid.IntRange(0, 4), 1, 4).
			Filter(func(l []int) bool { return sum(l) <= 9 }).Draw(t, "lens")
		res, err := explore.Explore(context.Background(), straightLine(lens), explore.Config{NoSymmetry: true, Strategy: "dfs"})
		require.NoError(t, err)
		assert.Equal(t, explore.Safe, res.Verdict)
		assert.Equal(t, multinomial(lens), res.Stats.Executions, "threads of lengths %v", lens)
	})
}

func TestMultinomial(t *testing.T) {
	assert.Equal(t, 1, multinomial([]int{5}))
	assert.Equal(t, 6, multinomial([]int{2, 2}))
	assert.Equal(t, 90, multinomial([]int{2, 2, 2}))
	assert.Equal(t, 1260, multinomial([]int{4, 3, 2}))
}

func explorePlain(t *testing.T, p *protocols.Protocol, n int, opts ...func(*explore.Config)) *explore.Result {
	t.Helper()
	c := explore.Config{NoSymmetry: true, Strategy: "dfs", NoRaces: true}
	for _, o := range opts {
		o(&c)
	}
	res, err := explore.Explore(context.Background(), p.Program(protocols.Workload{Threads: n, Calls: 1}), c)
	require.NoError(t, err)
	return res
}

func TestNaiveConstructsTwice(t *testing.T) {
	res := explorePlain(t, protocols.Naive, 2)
	assert.Equal(t, explore.Violation, res.Verdict)
	assert.Equal(t, []model.Kind{model.MultipleConstruction, model.DivergentInstances}, res.Violations)

	// The counterexample replays to the same violations.
	ce := res.Counterexample
	require.NotNil(t, ce)
	e, err := scheduler.Replay(protocols.Naive.Program(protocols.DefaultWorkload), ce.Schedule, scheduler.Options{NoRaces: true})
	require.NoError(t, err)
	assert.Equal(t, kindsOf(ce.Violations()), kindsOf(e.Violations()))
	assert.Contains(t, kindsOf(e.Violations()), model.MultipleConstruction)
}

func TestMutexIsSafe(t *testing.T) {
	for n := 2; n <= 4; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			res := explorePlain(t, protocols.Mutex, n, func(c *explore.Config) { c.NoRaces = false })
			assert.Equal(t, explore.Safe, res.Verdict)
			assert.Empty(t, res.Violations)
			assert.Nil(t, res.Counterexample)
			assert.Equal(t, 1, res.Stats.Outcomes, "every execution ends the same way")
		})
	}
}

func TestLimitsMakeTheVerdictUnknownNeverSafe(t *testing.T) {
	res := explorePlain(t, protocols.Mutex, 3, func(c *explore.Config) { c.MaxExecutions = 5 })
	assert.Equal(t, explore.Unknown, res.Verdict)
	assert.Equal(t, 5, res.Stats.Executions)
	assert.Contains(t, res.Reason, "execution limit")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := explore.Explore(ctx, protocols.Mutex.Program(protocols.DefaultWorkload), explore.Config{NoSymmetry: true})
	require.NoError(t, err)
	assert.Equal(t, explore.Unknown, res.Verdict)
	assert.Contains(t, res.Reason, "interrupted")
}

func TestStepBoundMakesTheVerdictUnknown(t *testing.T) {
	spin := model.Program{Name: "spin", Build: func(w *model.World) []model.Body {
		flag := model.NewAtomic(w, "flag")
		return []model.Body{
			func(t *model.Thread) {
				for flag.Load(t) == 0 {
				}
			},
			func(t *model.Thread) { flag.Store(t, 1) },
		}
	}}
	res, err := explore.Explore(context.Background(), spin, explore.Config{NoSymmetry: true, Strategy: "dfs", MaxSteps: 8})
	require.NoError(t, err)
	assert.Equal(t, explore.Unknown, res.Verdict)
	assert.Positive(t, res.Stats.StepBound)
	assert.Contains(t, res.Reason, "spinning")
}

// TestStepBoundReasonNamesTheSpinningLoop: the reason names the spinning
// thread and the source position of its loop, also when a limit stopped
// the search after the step bound had cut executions off.
func TestStepBoundReasonNamesTheSpinningLoop(t *testing.T) {
	site := &model.Site{Pos: "wait.go:7", Text: "for flag == 0 {"}
	prog := explore.FuncProgram("spin", func() {
		var flag int32
		model.Go(func() {
			model.At(site)
			for model.AtomicLoad(&flag, "flag") == 0 {
			}
		})
		model.AtomicStore(&flag, 1, "flag")
	})
	cfg := explore.Config{Strategy: "dfs", MaxSteps: 12}
	full, err := explore.Explore(context.Background(), prog, cfg)
	require.NoError(t, err)
	cfg.MaxExecutions = full.Stats.Executions - 1 // the last one is not the first cut
	stopped, err := explore.Explore(context.Background(), prog, cfg)
	require.NoError(t, err)
	assert.Contains(t, stopped.Reason, "the execution limit")
	for _, res := range []*explore.Result{full, stopped} {
		assert.Equal(t, explore.Unknown, res.Verdict)
		require.Positive(t, res.Stats.StepBound)
		assert.Contains(t, res.Reason, "cut off by the step bound")
		assert.Contains(t, res.Reason, `T1 was spinning at wait.go:7 "for flag == 0 {"`)
	}
}

// TestLimitedSearchOfManyThreadsSuggestsFewer: a limit that stops the
// search of a program with many goroutines says how many there were; one
// with few does not.
func TestLimitedSearchOfManyThreadsSuggestsFewer(t *testing.T) {
	callers := func(n int) model.Program {
		return explore.FuncProgram("callers", func() {
			var x int
			for range n {
				model.Go(func() { model.Write(&x, model.Read(&x, "x")+1, "x") })
			}
		})
	}
	for _, tt := range []struct {
		goroutines int
		hint       bool
	}{{2, false}, {12, true}} {
		res, err := explore.Explore(context.Background(), callers(tt.goroutines), explore.Config{MaxExecutions: 2})
		require.NoError(t, err)
		require.Contains(t, res.Reason, "the execution limit")
		if tt.hint {
			assert.Contains(t, res.Reason, fmt.Sprintf("executions ran %d threads", tt.goroutines+1))
		} else {
			assert.NotContains(t, res.Reason, "threads")
		}
	}
}

func TestDFSDetectsANondeterministicModel(t *testing.T) {
	calls := 0
	prog := model.Program{Name: "nondet", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		calls++
		bodies := []model.Body{func(t *model.Thread) { x.Load(t); x.Load(t) }}
		if calls%2 == 1 { // a thread that exists only every other execution
			bodies = append(bodies, func(t *model.Thread) { x.Load(t) })
		}
		return bodies
	}}
	_, err := explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Strategy: "dfs"})
	require.ErrorIs(t, err, scheduler.ErrNondeterministic)
}

func TestBadConfigIsAnError(t *testing.T) {
	for _, c := range []explore.Config{
		{Strategy: "nope"},
		{MaxExecutions: -1},
		{Timeout: -1},
		{MaxSteps: -3},
	} {
		_, err := explore.Explore(context.Background(), protocols.Naive.Program(protocols.DefaultWorkload), c)
		assert.Error(t, err, "%+v", c)
	}
}

func kindsOf(vs []model.Violation) []model.Kind {
	var ks []model.Kind
	for _, v := range vs {
		ks = append(ks, v.Kind)
	}
	return ks
}

func TestDFSFindsALockOrderInversionWithItsSchedule(t *testing.T) {
	prog := model.Program{Name: "inversion", Build: func(w *model.World) []model.Body {
		a, b := model.NewMutex(w, "a"), model.NewMutex(w, "b")
		take := func(x, y model.Mutex) model.Body {
			return func(t *model.Thread) { x.Lock(t); y.Lock(t); y.Unlock(t); x.Unlock(t) }
		}
		return []model.Body{take(a, b), take(b, a)}
	}}
	res, err := explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Strategy: "dfs"})
	require.NoError(t, err)
	assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations)
	ce := res.Counterexample
	require.NotNil(t, ce)
	assert.Equal(t, "0.1", ce.Schedule.String(), "each thread takes its first lock")
	assert.Equal(t, scheduler.Deadlocked, ce.Execution.Status)
	e, err := scheduler.Replay(prog, ce.Schedule, scheduler.Options{})
	require.NoError(t, err)
	assert.Equal(t, []model.Kind{model.Deadlock}, kindsOf(e.Violations()))
}

func TestACutSearchIsIncompleteEvenWithAViolation(t *testing.T) {
	res := explorePlain(t, protocols.Naive, 3, func(c *explore.Config) { c.MaxExecutions = 50 })
	assert.Equal(t, explore.Violation, res.Verdict)
	assert.False(t, res.Complete)
	assert.Contains(t, res.Reason, "execution limit")

	res = explorePlain(t, protocols.Naive, 2)
	assert.True(t, res.Complete)
	assert.Empty(t, res.Reason)
}

func TestStopAtFirstSaysTheSearchIsIncomplete(t *testing.T) {
	res := explorePlain(t, protocols.Naive, 2, func(c *explore.Config) { c.StopAtFirst = true })
	assert.Equal(t, explore.Violation, res.Verdict)
	assert.False(t, res.Complete)
	assert.Contains(t, res.Reason, "stopped at the first violation")
	full := explorePlain(t, protocols.Naive, 2)
	assert.Less(t, res.Stats.Executions, full.Stats.Executions)
}
