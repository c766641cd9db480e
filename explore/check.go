package explore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// TB is the part of testing.TB the go test entry points use.
type TB interface {
	Helper()
	Name() string
	Logf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// ReplayEnv names the environment variable that makes one test's Check or
// RapidCheck replay one schedule instead of searching. Its value is
// "TEST=SCHEDULE", TEST the full name of the test (t.Name(), subtests
// included); every other test searches as usual. The command Check prints
// on failure sets it.
const ReplayEnv = "SINGLECHECK_REPLAY"

// Check explores prog and fails t if a violation is found, with the
// readable trace of a counterexample of the most serious kind found (or of
// the kind WithKind asks for), a warning if the search was incomplete, and
// the exact command that replays it. A search that ends unknown (a limit
// hit, a sampling strategy) does not fail t but is logged; so is a safe
// one, in one line (verdict, executions, traces, time), shown with -v. If
// SINGLECHECK_REPLAY names t (see ReplayEnv), Check replays that schedule
// instead and fails t if it shows a violation. Check returns the search's
// result (nil after a replay).
func Check(t TB, prog model.Program, opts ...Option) *Result {
	t.Helper()
	c, err := newConfig(prog, opts)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	text, replay, err := replayRequest(t)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	if replay {
		replayRequested(t, prog, text, opts)
		return nil
	}
	res, err := Explore(context.Background(), prog, c)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	switch res.Verdict {
	case Violation:
		ce, kind := res.Pick(c.Kind)
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s (%s)\n", prog.Name, strings.Join(kindNames(res.Violations), ", "), searchSummary(res, false))
		if !res.Complete {
			fmt.Fprintf(&b, "%s (%s)\n", Incomplete, res.Reason)
		}
		fmt.Fprintf(&b, "the first execution found with %s (execution %d):\n", kind, ce.Run+1)
		b.WriteString(FormatTrace(ce.Execution))
		fmt.Fprintf(&b, "\nreplay: %s", replayCommand(t, ce.Schedule))
		t.Fatalf("%s", b.String())
	case Unknown:
		t.Logf("%s: verdict unknown (%s): %s", prog.Name, searchSummary(res, true), res.Reason)
	default:
		t.Logf("%s: %s (%s)", prog.Name, res.Verdict, searchSummary(res, true))
	}
	return res
}

// replayRequested replays the schedule SINGLECHECK_REPLAY gave t and fails
// t if the execution breaks the contract.
func replayRequested(t TB, prog model.Program, text string, opts []Option) *scheduler.Execution {
	t.Helper()
	e := Replay(t, prog, text, opts...)
	if e != nil && failing(prog, e.Violations()) {
		t.Fatalf("%s: replayed schedule (%s) shows a violation:\n%s", prog.Name, ReplayEnv, FormatTrace(e))
	}
	return e
}

// searchSummary is a search's size in words: executions, traces where
// counted, and the time if withTime.
func searchSummary(res *Result, withTime bool) string {
	s := plural(res.Stats.Executions, "execution")
	if res.Stats.Traces > 0 {
		s += ", " + plural(res.Stats.Traces, "trace")
	}
	if withTime {
		s += ", " + res.Stats.Elapsed.Round(time.Microsecond).String()
	}
	return s
}

// plural is "1 execution", "2 executions".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Replay replays schedule text on prog strictly (see scheduler.Replay) and
// returns the execution; a malformed or mismatched schedule or a model that
// is not deterministic fails t.
func Replay(t TB, prog model.Program, text string, opts ...Option) *scheduler.Execution {
	t.Helper()
	c, err := newConfig(prog, opts)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	opt := c.schedulerOptions()
	sched, err := scheduler.ParseWithin(text, scheduler.LimitsOf(opt))
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	e, err := scheduler.Replay(prog, sched, opt)
	if err != nil {
		t.Fatalf("%s: replaying %s: %v", prog.Name, text, err)
		return nil
	}
	return e
}

func failing(prog model.Program, vs []model.Violation) bool {
	for _, v := range vs {
		if !slices.Contains(prog.Acceptable, v.Kind) {
			return true
		}
	}
	return false
}

func kindNames(ks []model.Kind) []string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return s
}
