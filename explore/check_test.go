package explore_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// recorder is an explore.TB that records instead of failing.
type recorder struct {
	name   string
	failed bool
	out    strings.Builder
}

func (r *recorder) Helper()      {}
func (r *recorder) Name() string { return r.name }
func (r *recorder) Logf(format string, args ...any) {
	fmt.Fprintf(&r.out, format+"\n", args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(&r.out, format+"\n", args...)
}

// replayLine matches the replay command Check prints for TestNaive/two
// threads: the test named in the variable and in -run, and the package by
// import path, so that it works from any directory of the module.
var replayLine = regexp.MustCompile(`replay: SINGLECHECK_REPLAY='TestNaive/two threads=(\S+)' go test -run '\^TestNaive\$/\^two threads\$' (\S+)`)

func TestCheckFailsWithTheTraceAndTheReplayCommand(t *testing.T) {
	rec := &recorder{name: "TestNaive/two threads"}
	res := explore.Check(rec, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithStrategy("dfs"), explore.WithoutRaces())
	require.True(t, rec.failed)
	require.NotNil(t, res)
	out := rec.out.String()
	assert.Contains(t, out, "multiple-construction")
	assert.Contains(t, out, "← multiple-construction: T1 constructed T again")
	m := replayLine.FindStringSubmatch(out)
	require.NotNil(t, m, "no replay command in:\n%s", out)
	ce, _ := res.Pick("")
	assert.Equal(t, ce.Schedule.String(), m[1])
	assert.Equal(t, "github.com/singlecheck/singlecheck/explore", m[2])

	// The printed command replays the counterexample: same trace.
	t.Setenv(explore.ReplayEnv, rec.name+"="+m[1])
	again := &recorder{name: rec.name}
	explore.Check(again, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithoutRaces())
	require.True(t, again.failed)
	assert.Contains(t, again.out.String(), explore.FormatTrace(ce.Execution))
}

// The package the replay command names is one the go command finds from
// the module's root, not only from the package's directory.
func TestCheckReplayCommandNamesAPackageFoundFromTheModuleRoot(t *testing.T) {
	rec := &recorder{name: "TestNaive/two threads"}
	explore.Check(rec, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithoutRaces())
	m := replayLine.FindStringSubmatch(rec.out.String())
	require.NotNil(t, m, rec.out.String())
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cmd := exec.Command(gobin, "list", m[2])
	cmd.Dir = ".."
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go list %s from the module root: %s", m[2], out)
	assert.Equal(t, m[2], strings.TrimSpace(string(out)))
}

// SINGLECHECK_REPLAY replays in the test it names and in no other, and a
// value that names no test says how to write one.
func TestCheckReplayEnvIsScopedToOneTest(t *testing.T) {
	prog := protocols.Mutex.Program(protocols.DefaultWorkload)
	t.Setenv(explore.ReplayEnv, "TestOther=0x5")
	rec := &recorder{name: "TestMutex"}
	res := explore.Check(rec, prog)
	assert.False(t, rec.failed, rec.out.String())
	require.NotNil(t, res, "another test's schedule must not replace the search")
	assert.Equal(t, explore.Safe, res.Verdict)

	t.Setenv(explore.ReplayEnv, "0x5")
	rec = &recorder{name: "TestMutex"}
	assert.Nil(t, explore.Check(rec, prog))
	assert.True(t, rec.failed)
	assert.Contains(t, rec.out.String(), "SINGLECHECK_REPLAY='TestMutex=0x5'")

	// A name with '=' in it (a subtest "n=2") still splits at the last '='.
	naive := protocols.Naive.Program(protocols.DefaultWorkload)
	t.Setenv(explore.ReplayEnv, "TestNaive/n=2=0x3.1x5.0x2")
	rec = &recorder{name: "TestNaive/n=2"}
	assert.Nil(t, explore.Check(rec, naive))
	assert.True(t, rec.failed)
	assert.Contains(t, rec.out.String(), "replayed schedule")
}

// Check shows the most serious kind found, as the CLI does: for naive a
// multiple-construction, not the data race found first; WithKind picks
// another.
func TestCheckShowsTheMostSeriousKind(t *testing.T) {
	prog := protocols.Naive.Program(protocols.DefaultWorkload)
	rec := &recorder{name: "TestNaive"}
	res := explore.Check(rec, prog)
	require.True(t, rec.failed)
	require.Equal(t, model.DataRace, res.Counterexample.Violations()[0].Kind, "the search finds a race first")
	assert.Contains(t, rec.out.String(), "the first execution found with multiple-construction")
	ce, kind := res.Pick("")
	assert.Equal(t, model.MultipleConstruction, kind)
	assert.Contains(t, rec.out.String(), explore.FormatTrace(ce.Execution))

	rec = &recorder{name: "TestNaive"}
	explore.Check(rec, prog, explore.WithKind(model.DataRace))
	assert.Contains(t, rec.out.String(), "the first execution found with data-race")
}

// A violation found by a search cut short says the search is incomplete.
func TestCheckSaysWhenTheSearchIsIncomplete(t *testing.T) {
	rec := &recorder{name: "TestNaive"}
	res := explore.Check(rec, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithMaxExecutions(2))
	require.Equal(t, explore.Violation, res.Verdict)
	require.False(t, res.Complete)
	assert.Contains(t, rec.out.String(), explore.Incomplete+" (stopped after 2 executions")

	rec = &recorder{name: "TestNaive"}
	explore.Check(rec, protocols.Naive.Program(protocols.DefaultWorkload))
	assert.NotContains(t, rec.out.String(), explore.Incomplete)
}

// A passing Check logs one line (shown by go test -v): the verdict, the
// executions, the traces and the time.
func TestCheckPassesASafeProtocolAndLogsOneLine(t *testing.T) {
	rec := &recorder{name: "TestMutex"}
	res := explore.Check(rec, protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 1}), explore.WithSymmetry(false))
	assert.False(t, rec.failed, rec.out.String())
	assert.Equal(t, explore.Safe, res.Verdict)
	want := fmt.Sprintf("mutex: safe (%d executions, %d traces, ", res.Stats.Executions, res.Stats.Traces)
	assert.True(t, strings.HasPrefix(rec.out.String(), want), "log %q, want it to start with %q", rec.out.String(), want)
	assert.Equal(t, 1, strings.Count(rec.out.String(), "\n"))
}

func TestPackageOf(t *testing.T) {
	tests := []struct{ function, dir, want string }{
		{"github.com/a/b.TestX", "/x", "github.com/a/b"},
		{"github.com/a/b_test.TestX.func1", "/x", "github.com/a/b"},
		{"gopkg.in/yaml%2ev3.TestX", "/x", "gopkg.in/yaml.v3"},
		{"main.TestX", "/nowhere/without/a/module", "/nowhere/without/a/module"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, explore.PackageOf(tt.function, tt.dir), tt.function)
	}
	dir, err := filepath.Abs("../cmd/singlecheck")
	require.NoError(t, err)
	assert.Equal(t, "github.com/singlecheck/singlecheck/cmd/singlecheck", explore.PackageOf("main.TestX", dir))
}

func TestCheckLogsAnUnknownVerdictWithoutFailing(t *testing.T) {
	rec := &recorder{name: "TestMutex"}
	res := explore.Check(rec, protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 1}),
		explore.WithMaxExecutions(3), explore.WithSymmetry(false))
	assert.False(t, rec.failed)
	assert.Equal(t, explore.Unknown, res.Verdict)
	assert.Contains(t, rec.out.String(), "verdict unknown")
}

func TestReplayFailsOnABadSchedule(t *testing.T) {
	for _, text := range []string{"0.q", "7", "0"} {
		rec := &recorder{name: "TestReplay"}
		e := explore.Replay(rec, protocols.Naive.Program(protocols.DefaultWorkload), text)
		assert.Nil(t, e)
		assert.True(t, rec.failed, text)
	}
}
