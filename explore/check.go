package explore

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

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

// ReplayEnv names the environment variable that makes Check replay one
// schedule instead of searching: the command Check prints on failure sets it.
const ReplayEnv = "SINGLECHECK_REPLAY"

// Check explores prog and fails t if a violation is found, with the
// readable trace of the counterexample and the exact command that replays
// it. A search that ends unknown (a limit hit, a sampling strategy) does not
// fail t but is logged. If the environment variable SINGLECHECK_REPLAY holds
// a schedule, Check replays that schedule instead and fails t if it shows a
// violation. Check returns the search's result (nil after a replay).
func Check(t TB, prog model.Program, opts ...Option) *Result {
	t.Helper()
	c, err := newConfig(prog, opts)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	if text := os.Getenv(ReplayEnv); text != "" {
		e := Replay(t, prog, text, opts...)
		if e != nil && failing(prog, e.Violations()) {
			t.Fatalf("%s: replayed schedule shows a violation:\n%s", prog.Name, FormatTrace(e))
		}
		return nil
	}
	res, err := Explore(context.Background(), prog, c)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	switch res.Verdict {
	case Violation:
		ce := res.Counterexample
		t.Fatalf("%s: %s (%d executions)\n%s\nreplay: %s",
			prog.Name, strings.Join(kindNames(res.Violations), ", "), res.Stats.Executions,
			FormatTrace(ce.Execution), replayCommand(t, ce.Schedule))
	case Unknown:
		t.Logf("%s: verdict unknown after %d executions: %s", prog.Name, res.Stats.Executions, res.Reason)
	}
	return res
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

// replayCommand is the shell command that re-runs just this test with the
// schedule replayed.
func replayCommand(t TB, s scheduler.Schedule) string {
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return fmt.Sprintf("%s=%s go test -run '%s' .", ReplayEnv, s, strings.Join(parts, "/"))
}
