package explore_test

import (
	"flag"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// captureTB is a rapid.TB that records a failure instead of failing, so that
// a test can run rapid.Check on a property meant to fail and inspect what
// rapid shrank it to.
type captureTB struct {
	name   string
	failed bool
	out    strings.Builder
}

func (c *captureTB) Helper()                         {}
func (c *captureTB) Name() string                    { return c.name }
func (c *captureTB) Logf(format string, args ...any) { fmt.Fprintf(&c.out, format+"\n", args...) }
func (c *captureTB) Log(args ...any)                 { fmt.Fprintln(&c.out, args...) }
func (c *captureTB) Skipf(format string, args ...any) {
	c.Logf(format, args...)
}
func (c *captureTB) Skip(args ...any) { c.Log(args...) }
func (c *captureTB) SkipNow()         {}
func (c *captureTB) Errorf(format string, args ...any) {
	c.failed = true
	c.Logf(format, args...)
}
func (c *captureTB) Error(args ...any) { c.failed = true; c.Log(args...) }
func (c *captureTB) Fatalf(format string, args ...any) {
	c.Errorf(format, args...)
}
func (c *captureTB) Fatal(args ...any) { c.Error(args...) }
func (c *captureTB) FailNow()          { c.failed = true }
func (c *captureTB) Fail()             { c.failed = true }
func (c *captureTB) Failed() bool      { return c.failed }

// enoughChecks is the rapid.checks of the tests that expect rapid to find
// naive's bug from a random seed: rapid stops at the first failure, so a
// large count costs nothing when it is found, and -short's fifth of it
// (rapid divides the count by 5) still misses with negligible probability.
// At rapid's default 100, -short's 20 checks missed the bug on 4 of 100 runs
// of naive with 4 threads.
const enoughChecks = 1000

// setFlag sets a command-line flag of rapid's for the rest of the test.
func setFlag(t testing.TB, name, value string) {
	t.Helper()
	f := flag.Lookup(name)
	require.NotNil(t, f, name)
	old := f.Value.String()
	require.NoError(t, f.Value.Set(value))
	t.Cleanup(func() { _ = f.Value.Set(old) })
}

// rapidOutcome is what a rapid search for a counterexample did.
type rapidOutcome struct {
	// first is the number of executions up to and including the first
	// failing one; 0 if none failed.
	first int
	// firstAt is the wall time from the start to the first failure.
	firstAt time.Duration
	// executions is the number of executions in all, shrinking included.
	executions int
	// shrunk is the last failing execution: the one rapid shrank to.
	shrunk *scheduler.Execution
	tb     *captureTB
}

// rapidSearch runs rapid.Check with the property RapidCheck checks (one
// execution per test case, failing on a violation) and records the
// failures, writing no fail file. A seed other than 0 fixes rapid's seed.
func rapidSearch(t testing.TB, prog model.Program, seed uint64, opts ...explore.Option) rapidOutcome {
	t.Helper()
	setFlag(t, "rapid.nofailfile", "true")
	setFlag(t, "rapid.seed", fmt.Sprint(seed))
	setFlag(t, "rapid.checks", fmt.Sprint(enoughChecks))
	var o rapidOutcome
	o.tb = &captureTB{name: t.Name()}
	start := time.Now()
	rapid.Check(o.tb, func(rt *rapid.T) {
		o.executions++
		e := explore.RapidRun(rt, prog, opts...)
		if e != nil && len(e.Violations()) > 0 {
			if o.first == 0 {
				o.first = o.executions
				o.firstAt = time.Since(start)
			}
			o.shrunk = e
			rt.Fatalf("%s", e.Violations()[0])
		}
	})
	return o
}

// For naive with 4 threads, rapid shrinks a failing schedule to one with
// exactly one preemption, the fewest possible: no schedule without
// preemptions fails (checked below over every serial order).
func TestRapidShrinksNaiveToOnePreemption(t *testing.T) {
	prog := protocols.Naive.Program(protocols.Workload{Threads: 4, Calls: 1})
	c := explore.Config{NoSymmetry: true, NoRaces: true}

	for _, order := range permutations(4) {
		e := scheduler.Run(prog, &serial{order: order}, scheduler.Options{NoRaces: true})
		n, err := explore.CountPreemptions(prog, e.Schedule, c)
		require.NoError(t, err)
		require.Zero(t, n, "serial order %v", order)
		require.Empty(t, e.Violations(), "serial order %v fails, so the minimum is not 1", order)
	}

	start := time.Now()
	o := rapidSearch(t, prog, 0, explore.WithoutRaces())
	elapsed := time.Since(start)
	require.True(t, o.tb.failed, "rapid found no failing schedule:\n%s", o.tb.out.String())
	require.NotNil(t, o.shrunk)
	n, err := explore.CountPreemptions(prog, o.shrunk.Schedule, c)
	require.NoError(t, err)
	assert.Equal(t, 1, n, "shrunk to %s:\n%s", o.shrunk.Schedule, explore.FormatTrace(o.shrunk))
	t.Logf("rapid: first failure after %d executions, %d executions in all, shrunk in %v to %s",
		o.first, o.executions, elapsed, o.shrunk.Schedule)
}

// serial runs threads to completion one after the other, in order.
type serial struct{ order []int }

func (s *serial) Decide(p *scheduler.Point) int {
	want := p.Last
	for {
		for i, a := range p.Alternatives {
			if a.Kind == scheduler.ThreadDecision && a.Thread == want {
				return i
			}
		}
		want, s.order = s.order[0], s.order[1:]
	}
}

func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// A correct protocol passes RapidCheck.
func TestRapidCheckPassesMutex(t *testing.T) {
	prog := protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 2})
	rapid.Check(t, func(rt *rapid.T) {
		e := explore.RapidCheck(rt, prog, explore.WithMemory(rapid.SampledFrom(model.Memories).Draw(rt, "memory")))
		require.Equal(rt, scheduler.Finished, e.Status)
	})
}

// The rapid-driven decider replays: the schedule of an execution it drove
// replays strictly to the same events, with the preemptions counted alike.
func TestRapidRunReplays(t *testing.T) {
	prog := protocols.Naive.Program(protocols.Workload{Threads: 3, Calls: 2})
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
		e := explore.RapidRun(rt, prog, explore.WithMemory(m))
		again, err := explore.ReplaySchedule(prog, e.Schedule.String(), explore.Config{NoSymmetry: true, Memory: m})
		require.NoError(rt, err)
		require.True(rt, scheduler.SameEvents(e.World.Events(), again.World.Events()))
	})
}

// CountPreemptions against a hand-counted schedule, and a schedule that
// does not fit.
func TestCountPreemptions(t *testing.T) {
	prog := protocols.Naive.Program(protocols.Workload{Threads: 2, Calls: 1})
	c := explore.Config{NoSymmetry: true, NoRaces: true}
	e := scheduler.Run(prog, &serial{order: []int{1, 0}}, scheduler.Options{NoRaces: true})
	tests := []struct {
		sched string
		want  int
	}{
		{e.Schedule.String(), 0},
		// T0 loads, T1 preempts it and runs to the end, T0 finishes: one.
		{"0.1x5.0x4", 1},
		// T0 loads, T1 loads, T0 runs to the end, T1 finishes: two.
		{"0.1.0x4.1x4", 2},
	}
	for _, tc := range tests {
		s, err := scheduler.Parse(tc.sched)
		require.NoError(t, err)
		n, err := explore.CountPreemptions(prog, s, c)
		require.NoError(t, err, tc.sched)
		assert.Equal(t, tc.want, n, tc.sched)
	}
	s, _ := scheduler.Parse("0.2")
	_, err := explore.CountPreemptions(prog, s, c)
	assert.ErrorContains(t, err, "does not fit naive")
}

// RapidCheck fails the test case with the trace, the schedule and its
// preemptions, and rapid's report says how to reproduce it.
func TestRapidCheckReportsTheTrace(t *testing.T) {
	setFlag(t, "rapid.nofailfile", "true")
	setFlag(t, "rapid.checks", fmt.Sprint(enoughChecks))
	prog := protocols.Naive.Program(protocols.Workload{Threads: 2, Calls: 1})
	tb := &captureTB{name: t.Name()}
	rapid.Check(tb, func(rt *rapid.T) { explore.RapidCheck(rt, prog, explore.WithoutRaces()) })
	require.True(t, tb.failed)
	out := tb.out.String()
	assert.Contains(t, out, "naive: multiple-construction, divergent-instances")
	assert.Regexp(t, `← multiple-construction: T\d constructed T again`, out)
	assert.Regexp(t, `schedule: \S+ \(1 preemption\)`, out)
	assert.Contains(t, out, "-rapid.seed=")
}

// A RapidCheck failure prints a SINGLECHECK_REPLAY line for its test, and
// with it set RapidCheck replays that schedule instead of drawing one.
func TestRapidCheckPrintsAReplayLineThatReplays(t *testing.T) {
	setFlag(t, "rapid.nofailfile", "true")
	prog := protocols.Naive.Program(protocols.DefaultWorkload)
	tb := &captureTB{name: "TestNaiveRapid"}
	rapid.Check(tb, func(rt *rapid.T) { explore.RapidCheck(rt, prog) })
	require.True(t, tb.failed)
	m := regexp.MustCompile(`replay: SINGLECHECK_REPLAY='TestNaiveRapid=(\S+)' go test -run '\^TestNaiveRapid\$' github.com/singlecheck/singlecheck/explore\n`).
		FindStringSubmatch(tb.out.String())
	require.NotNil(t, m, "no replay line in:\n%s", tb.out.String())
	want, err := explore.ReplaySchedule(prog, m[1], explore.Config{})
	require.NoError(t, err)

	t.Setenv(explore.ReplayEnv, "TestNaiveRapid="+m[1])
	again := &captureTB{name: "TestNaiveRapid"}
	rapid.Check(again, func(rt *rapid.T) {
		e := explore.RapidCheck(rt, prog)
		require.NotNil(t, e)
		assert.Equal(t, want.Schedule, e.Schedule)
	})
	require.True(t, again.failed)
	assert.Contains(t, again.out.String(), "replayed schedule")
}
