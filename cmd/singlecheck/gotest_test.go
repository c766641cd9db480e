package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/explore/gotest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// corpusCase is one package of examples/plain checked by singlecheck test,
// with the verdict the package's code argues for.
type corpusCase struct {
	pkg   string   // directory under examples/plain
	args  []string // flags beyond -format json
	short bool     // part of the -short selection
	// verdict and the violation kinds that must be found, and kinds that
	// must not be.
	verdict string
	want    []string
	never   []string
	// src is the file the counterexample's steps must name (default
	// pkg.go).
	src string
}

// corpus: each verdict is read off the package's code, as the comment
// above it says. The kinds of the -reset cases are the ones plain DFS finds
// too (-strategy dfs -symmetry=false: oncereset 102,177 executions, isolated
// New 34,604, against optimal DPOR's 899 and 137); TestGoTestDPORMatchesDFS
// repeats that comparison on the cheaper cases.
var corpus = []corpusCase{
	// Two callers both see instance == nil and both allocate: two
	// constructions, two pointers, and the check and the store are plain,
	// unsynchronized accesses.
	{pkg: "naive", args: []string{"-getter", "Get"}, short: true, verdict: "violation",
		want: []string{"multiple-construction", "divergent-instances", "data-race"}},
	{pkg: "naive", args: []string{"-getter", "Get", "-memory", "pso"}, verdict: "violation",
		want: []string{"multiple-construction", "divergent-instances", "data-race"}},
	// The second check runs under mu, so one construction and one
	// pointer; the first check reads instance with no lock while the
	// constructor writes it under mu: a data race. Under SC (and TSO, whose
	// buffer keeps the stores in order) a caller that sees the pointer
	// sees p.Size = 8 too.
	{pkg: "dcl", args: []string{"-getter", "Get"}, verdict: "violation",
		want: []string{"data-race"}, never: []string{"multiple-construction", "divergent-instances", "partial-init"}},
	// Under PSO instance's store can leave the constructor's buffer before
	// p.Size's (a construction write: the constructor's store into the
	// object before anyone obtained it), so the unlocked caller obtains
	// the Pool while it cannot see Size = 8: partial-init.
	{pkg: "dcl", args: []string{"-getter", "Get", "-memory", "pso"}, verdict: "violation",
		want: []string{"partial-init", "data-race"}, never: []string{"multiple-construction", "divergent-instances"}},
	// Both checks are atomic loads, the store is an atomic store after
	// p.Size is written (release/acquire under every memory model), and the
	// construction runs under mu after a second check: safe.
	{pkg: "dclatomic", args: []string{"-getter", "Get", "-memory", "pso"}, verdict: "safe"},
	// Once.Do runs the function once, and every Do returns after it did
	// (happens-before): safe.
	{pkg: "once", args: []string{"-getter", "Get", "-memory", "pso"}, verdict: "safe"},
	// The reset runs beside the caller at every point: landing inside
	// Once.Do after instance was set, it zeroes the Once (and its mutex)
	// and instance; Do's deferred Unlock then unlocks the zeroed mutex (a
	// panic, as in Go) and its done.Store marks the fresh Once done, so the
	// caller, or the second phase's caller, gets nil forever. The reset's
	// plain writes race with Do's plain accesses.
	{pkg: "oncereset", args: []string{"-getter", "Get", "-reset", "ResetForTests"}, short: true, verdict: "violation",
		want: []string{"nil-instance", "panic", "data-race"}},
	// sync.OnceValue calls the function once and hands every caller its
	// result, after it returned: safe.
	{pkg: "oncevalue", args: []string{"-getter", "Get"}, verdict: "safe"},
	// The map is read under RLock and written under Lock after a second
	// lookup under Lock: one Client per key, no race.
	{pkg: "rwcache", args: []string{"-getter", "Get"}, verdict: "safe"},
	// The constructing goroutine writes instance, then closes ready; every
	// caller receives from ready (which the close happens before) before it
	// reads instance: one construction, published safely.
	{pkg: "chanpub", args: []string{"-getter", "Get"}, verdict: "safe"},
	// A caller whose comma-ok receive in a select finds ready closed
	// (which happens after instance was written) returns it; the nil stop
	// channel's case is never ready; the others take the default and
	// check again under mu with a second select, where only the first
	// locker builds and closes ready: one construction, published safely.
	{pkg: "selectpub", args: []string{"-getter", "Get", "-memory", "pso"}, verdict: "safe"},
	// The select's send fills a one-token semaphore: its holders take
	// turns (the token's receive happens before the next send completes),
	// so one construction; a caller finding it full takes the default and
	// returns instance at once: nil while the holder builds, and a plain
	// read unordered with the holder's write.
	{pkg: "selecttry", args: []string{"-getter", "Get"}, short: true, verdict: "violation",
		want: []string{"nil-instance", "data-race"}, never: []string{"multiple-construction", "divergent-instances"}},
	// Both callers may miss in Load and each allocates a Conn before
	// LoadOrStore: two constructions, but LoadOrStore keeps the first and
	// both return it (one instance per key), and the map is the drop-in's,
	// so no race.
	{pkg: "syncmap", args: []string{"-getter", "Get"}, verdict: "violation",
		want: []string{"multiple-construction"}, never: []string{"divergent-instances", "nil-instance", "data-race"}},
	// Get only calls state.Instance, where the naive check-then-create
	// is: with state instrumented beside helper (-instrument ./state), two
	// callers both see no instance and both build one, and state's plain
	// accesses race.
	{pkg: "helper", args: []string{"-getter", "Get", "-instrument", "./state"}, short: true, verdict: "violation", src: "state.go",
		want: []string{"multiple-construction", "divergent-instances", "data-race"}},
	// The caller whose compare-and-swap moves state from empty to
	// building writes instance, then stores ready; the others spin until
	// state leaves building. The spin-wait is the model's await, so three
	// callers under PSO finish in a handful of executions: one
	// construction, and each caller's read of instance follows its atomic
	// load of ready, which follows the write.
	{pkg: "spinwait", args: []string{"-getter", "Get", "-threads", "3", "-memory", "pso"}, short: true, verdict: "safe"},
	// Ready is stored before instance is written: a caller whose
	// compare-and-swap fails after the first store and before the second
	// returns nil, with a plain read unordered with the write.
	{pkg: "spinearly", args: []string{"-getter", "Get", "-threads", "3"}, verdict: "violation",
		want: []string{"nil-instance", "data-race"}, never: []string{"multiple-construction", "divergent-instances"}},
	// The builder's own call of Get finds state building and waits for
	// ready, which only the builder would store: no goroutine can move.
	{pkg: "spinreentrant", args: []string{"-getter", "Get", "-threads", "1"}, verdict: "violation",
		want: []string{"deadlock"}, never: []string{"multiple-construction", "nil-instance"}},
	// Package initialization (envInstance = New()) builds the instance
	// on the init thread, whose steps happen before every caller's: each
	// caller then sees instance != nil and initialized set (the Python
	// model's dual verdict).
	{pkg: "isolated", args: []string{"-getter", "New", "-threads", "3"}, verdict: "safe"},
	// The reset sets instance = nil beside the caller. Before the
	// caller's first check, the caller builds a second Env in the same
	// epoch as the init thread's (multiple-construction); after the check
	// and before e := instance, the caller gets nil (nil-instance). The
	// reset's plain write races with the caller's unlocked first check.
	// Divergent instances need two callers in one phase (-threads 2,
	// 190,443 executions, too many for this table).
	{pkg: "isolated", args: []string{"-getter", "New", "-reset", "ResetForTests"}, verdict: "violation",
		want: []string{"multiple-construction", "nil-instance", "data-race"}, never: []string{"divergent-instances"}},
	// After the reset, GetEnv sees envInstance != instance and calls New,
	// which builds a second Env in the init thread's epoch
	// (multiple-construction); GetEnv's plain reads of envInstance and
	// instance race with the reset's write. Never nil: New runs only once
	// the reset has run (until then the two variables are equal), and the
	// reset runs once, so nothing clears instance between New's
	// construction and its e := instance.
	{pkg: "isolated", args: []string{"-getter", "GetEnv", "-reset", "ResetForTests"}, verdict: "violation",
		want: []string{"multiple-construction", "data-race"}, never: []string{"nil-instance"}},
}

// TestCorpusVerdicts runs singlecheck test on each package of the corpus
// and compares the verdict with the expected one. The go command's build
// cache shares the builds between cases of one package.
func TestCorpusVerdicts(t *testing.T) {
	for _, c := range corpus {
		name := c.pkg + " " + strings.Join(c.args, " ")
		t.Run(name, func(t *testing.T) {
			if testing.Short() && !c.short {
				t.Skip("-short: only the cases marked short")
			}
			args := append([]string{"test", "-format", "json"}, c.args...)
			r := runCmd(t, append(args, "../../examples/plain/"+c.pkg)...)
			var rep testReport
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
			assert.Equal(t, c.verdict, rep.Verdict, "reason: %s, violations %v", rep.Reason, rep.Violations)
			assert.True(t, rep.Complete, "exhaustive: %s", rep.Reason)
			assert.Empty(t, rep.Limits, "no construct the checker cannot model")
			for _, k := range c.want {
				assert.Contains(t, rep.Violations, k)
			}
			for _, k := range c.never {
				assert.NotContains(t, rep.Violations, k)
			}
			assert.Equal(t, verdictCode(explore.Verdict(rep.Verdict)), r.code)
			if c.verdict == "violation" {
				require.NotNil(t, rep.Counterexample)
				src := c.src
				if src == "" {
					src = c.pkg + ".go"
				}
				assert.True(t, slices.ContainsFunc(rep.Counterexample.Steps, func(s gotest.Step) bool {
					return strings.HasPrefix(s.Pos, src+":")
				}), "the counterexample's steps name positions in the package's source")
			}
		})
	}
}

// TestCorpusReplay replays the counterexample of the naive getter from its
// schedule and gets the same violations.
func TestCorpusReplay(t *testing.T) {
	r := runCmd(t, "test", "-format", "json", "-getter", "Get", "../../examples/plain/naive")
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
	require.NotNil(t, rep.Counterexample)
	assert.Contains(t, rep.Replay, "-schedule "+rep.Counterexample.Schedule)
	re := runCmd(t, "test", "-format", "json", "-getter", "Get", "-schedule", rep.Counterexample.Schedule, "../../examples/plain/naive")
	var rp testReport
	require.NoError(t, json.Unmarshal([]byte(re.stdout), &rp), re.stderr)
	assert.Equal(t, "violation", rp.Verdict)
	assert.Equal(t, exitViolation, re.code)
	want := map[string]bool{}
	for _, s := range rep.Counterexample.Steps {
		for _, v := range s.Violations {
			want[v.Kind] = true
		}
	}
	for k := range want {
		assert.Contains(t, rp.Violations, k)
	}
	assert.Len(t, rp.Counterexample.Steps, len(rep.Counterexample.Steps))
}

// TestGoTestInstrument: without -instrument, helper's call into state
// (a package of the same module) runs natively, which is a limit that
// makes the verdict unknown, naming the flag to give; with it the
// counterexample's replay command names state, by import path, and
// replays to the same violations.
func TestGoTestInstrument(t *testing.T) {
	const dir = "../../examples/plain/helper"
	const state = "github.com/singlecheck/singlecheck/examples/plain/helper/state"
	alone := runCmd(t, "test", "-format", "json", "-getter", "Get", dir)
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(alone.stdout), &rep), alone.stderr)
	assert.Equal(t, "unknown", rep.Verdict)
	require.Len(t, rep.Limits, 1)
	assert.Equal(t, "helper.go:11", rep.Limits[0].Pos)
	assert.Contains(t, rep.Limits[0].What, "give -instrument "+state)

	r := runCmd(t, "test", "-format", "json", "-getter", "Get", "-instrument", "./state", dir)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
	require.NotNil(t, rep.Counterexample)
	assert.Contains(t, rep.Replay, "-instrument "+state+" ")
	re := runCmd(t, "test", "-format", "json", "-getter", "Get", "-instrument", state, "-schedule", rep.Counterexample.Schedule, dir)
	var rp testReport
	require.NoError(t, json.Unmarshal([]byte(re.stdout), &rp), re.stderr)
	assert.Equal(t, "violation", rp.Verdict)
	assert.Contains(t, rp.Violations, "multiple-construction")

	none := runCmd(t, "test", "-getter", "Get", "-instrument", "./nothere", dir)
	assert.Equal(t, exitBadInput, none.code)
	assert.Contains(t, none.stderr, "-instrument ./nothere matches no package")
}

// TestGoTestJSONSeveralPackages: -format json over several packages is
// one JSON document, an array of their reports in order, and the exit
// code is the worst verdict's.
func TestGoTestJSONSeveralPackages(t *testing.T) {
	r := runCmd(t, "test", "-format", "json", "-getter", "Get", "../../examples/plain/once", "../../examples/plain/naive")
	var reps []testReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &reps), "one document: %s\n%s", r.stdout, r.stderr)
	require.Len(t, reps, 2)
	assert.Equal(t, "github.com/singlecheck/singlecheck/examples/plain/once", reps[0].Package)
	assert.Equal(t, "safe", reps[0].Verdict)
	assert.Equal(t, "github.com/singlecheck/singlecheck/examples/plain/naive", reps[1].Package)
	assert.Equal(t, "violation", reps[1].Verdict)
	assert.Equal(t, exitViolation, r.code)
}

// TestGoTestSampling: the sampling strategies run on an instrumented
// package from the command line. On naive, random and pct sampling find
// its violations, with a counterexample schedule, the same for the same
// seed; on once, finding none is unknown, never safe (sampling proves
// nothing).
func TestGoTestSampling(t *testing.T) {
	sample := func(strategy, seed, pkg string) testReport {
		t.Helper()
		r := runCmd(t, "test", "-format", "json", "-strategy", strategy, "-seed", seed, "-runs", "60", "-getter", "Get", "../../examples/plain/"+pkg)
		var rep testReport
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
		assert.Equal(t, strategy, rep.Strategy)
		assert.False(t, rep.Complete, "sampling is never exhaustive")
		assert.Equal(t, verdictCode(explore.Verdict(rep.Verdict)), r.code)
		return rep
	}
	for _, s := range []string{"random", "pct"} {
		rep := sample(s, "5", "naive")
		assert.Equal(t, "violation", rep.Verdict, s)
		assert.Contains(t, rep.Violations, "multiple-construction", s)
		require.NotNil(t, rep.Counterexample, s)
		assert.Contains(t, rep.Replay, "-schedule "+rep.Counterexample.Schedule, s)
		if s == "random" {
			again := sample(s, "5", "naive")
			require.NotNil(t, again.Counterexample)
			assert.Equal(t, rep.Counterexample.Schedule, again.Counterexample.Schedule, "the same seed samples the same executions")
		}
	}
	safe := sample("random", "5", "once")
	assert.Equal(t, "unknown", safe.Verdict)
	assert.Empty(t, safe.Violations)
	assert.Nil(t, safe.Counterexample)
}

// TestGoTestBadInput: each kind of bad input to singlecheck test ends with
// exit 2 and a message saying what to do.
func TestGoTestBadInput(t *testing.T) {
	const user = "testdata/gotest/usermod"
	tests := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"does not build", []string{"-getter", "Get", "./testdata/gotest/broken"},
			[]string{"broken.go:4:26: undefined: undefined", "does not build"}},
		{"unknown getter lists candidates", []string{"-getter", "Nope", user}, []string{"no package-level function Nope", "candidates", "Count, Get"}},
		{"getter with parameters", []string{"-getter", "Named", user}, []string{"takes parameters (name string)"}},
		{"getter without result", []string{"-getter", "Reset", user}, []string{"returns nothing"}},
		{"getter returning no pointer", []string{"-getter", "Count", user}, []string{"returns int, which is not a pointer"}},
		{"neither getter nor run", []string{user}, []string{"give -getter NAME"}},
		{"bad memory", []string{"-getter", "Get", "-memory", "arm", user}, []string{"unknown memory model"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.name != "does not build" && tt.name != "unknown getter lists candidates" {
				t.Skip("-short")
			}
			r := runCmd(t, append([]string{"test"}, tt.args...)...)
			assert.Equal(t, exitBadInput, r.code, r.stderr)
			for _, w := range tt.want {
				assert.Contains(t, r.stderr, w)
			}
		})
	}
}

// TestGoTestOtherModule checks a package in a module that does not
// require singlecheck (a temporary go.mod replaces it with this source).
func TestGoTestOtherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a module of its own")
	}
	r := runCmd(t, "test", "-format", "json", "-getter", "Get", "testdata/gotest/usermod")
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
	assert.Equal(t, "violation", rep.Verdict)
	assert.Contains(t, rep.Violations, "multiple-construction")
	assert.Contains(t, rep.Violations, "data-race")
}

// treeHash hashes every file under dir, names and contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st, _ := d.Info()
		lines = append(lines, fmt.Sprintf("%s %x %v", p, sha256.Sum256(b), st.Mode()))
		return nil
	}))
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestGoTestLeavesTreeUnchanged: the user's tree is byte for byte the same
// after a run, after a replay, and after runs interrupted with Ctrl-C
// early (loading or building) and later (building or running).
func TestGoTestLeavesTreeUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the command")
	}
	dir := "testdata/gotest/usermod"
	before := treeHash(t, dir)
	runCmd(t, "test", "-getter", "Get", dir)
	runCmd(t, "test", "-getter", "Get", "-schedule", "0x4.1x9.0x5", dir)
	assert.Equal(t, before, treeHash(t, dir), "after a run")

	bin := binary(t)
	for _, delay := range []time.Duration{200 * time.Millisecond, 1500 * time.Millisecond} {
		cmd := exec.Command(bin, "test", "-getter", "Get", "-max-executions", "100000000", "-threads", "4", dir)
		require.NoError(t, cmd.Start())
		time.Sleep(delay)
		require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		_ = cmd.Wait()
		assert.Equal(t, before, treeHash(t, dir), "after a run interrupted after %v", delay)
	}
}

// TestGoTestRun checks mode 1: a test body of the package runs as the main
// modelled goroutine; its go statement starts a modelled goroutine, and its
// t.Errorf is an assertion violation.
func TestGoTestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a module of its own")
	}
	r := runCmd(t, "test", "-format", "json", "-run", "^TestTwoCallers$", "testdata/gotest/usermod")
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
	assert.Equal(t, "violation", rep.Verdict)
	assert.Contains(t, rep.Violations, "assertion")
	assert.Contains(t, rep.Violations, "data-race")
	assert.Equal(t, exitViolation, r.code)
	ce := rep.Counterexample
	require.NotNil(t, ce)
	assert.True(t, slices.ContainsFunc(ce.Steps, func(s gotest.Step) bool {
		return s.Operation == "go" && s.Pos == "lazy_test.go:9"
	}), "the go statement is a modelled step at its position")

	// An external test (package lazy_test) runs the same way, with the
	// package under test instrumented beside it.
	x := runCmd(t, "test", "-format", "json", "-run", "^TestExternalCallers$", "testdata/gotest/usermod")
	var xr testReport
	require.NoError(t, json.Unmarshal([]byte(x.stdout), &xr), x.stderr)
	assert.Equal(t, "example.com/usermod_test", xr.Package)
	assert.Equal(t, "violation", xr.Verdict)
	assert.Contains(t, xr.Violations, "assertion")
	assert.Contains(t, xr.Violations, "data-race")
	assert.Empty(t, x.stderr, "no package is said to have nothing to check")
	require.NotNil(t, xr.Counterexample)
	assert.True(t, slices.ContainsFunc(xr.Counterexample.Steps, func(s gotest.Step) bool {
		return strings.HasPrefix(s.Pos, "lazy.go:")
	}), "the package under test runs as modelled code")

	none := runCmd(t, "test", "-run", "^TestNothing$", "testdata/gotest/usermod")
	assert.Equal(t, exitBadInput, none.code)
	assert.Contains(t, none.stderr, "no test matches")
}

// TestGoTestDPORMatchesDFS: on instrumented packages, optimal DPOR finds
// the same violation kinds and final outcomes as plain DFS.
func TestGoTestDPORMatchesDFS(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: several builds")
	}
	cases := [][]string{
		{"-getter", "Get", "-memory", "pso", "../../examples/plain/naive"},
		{"-getter", "Get", "-memory", "tso", "../../examples/plain/naive"},
		{"-getter", "Get", "testdata/gotest/usermod"},
		{"-getter", "Get", "-memory", "pso", "../../examples/plain/dcl"},
		{"-getter", "Get", "../../examples/plain/syncmap"},
		{"-getter", "Get", "../../examples/plain/selecttry"},
		{"-run", "^TestTwoCallers$", "testdata/gotest/usermod"},
		{"-getter", "Get", "-memory", "pso", "../../examples/plain/spinearly"},
		{"-getter", "Get", "../../examples/plain/spinwait"},
	}
	if os.Getenv("SINGLECHECK_LONG") == "" {
		// Two builds a case: the default run keeps one case of each
		// kind of code (plain pointers under PSO, a sync.Map, a select,
		// a spin-wait, a test body); SINGLECHECK_LONG=1 runs them all. The test
		// body's exhaustive DFS takes 67,122 executions (DPOR: 418), so
		// the default run searches it within two preemptions (71
		// executions each), where both find the race and the failed
		// assertion and both report the bound's cut.
		cases = [][]string{cases[3], cases[4], cases[5], cases[7], {"-preemptions", "2", "-run", "^TestTwoCallers$", "testdata/gotest/usermod"}}
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			bounded := args[0] == "-preemptions"
			reports := map[string]testReport{}
			for _, s := range []string{"dfs", "dpor"} {
				r := runCmd(t, append([]string{"test", "-format", "json", "-symmetry=false", "-strategy", s}, args...)...)
				var rep testReport
				require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep), r.stderr)
				if bounded {
					require.False(t, rep.Complete, "%s: the bound cuts executions off: %s", s, rep.Reason)
					require.Contains(t, rep.Reason, "preemption bound", s)
				} else {
					require.True(t, rep.Complete, "%s: %s", s, rep.Reason)
				}
				reports[s] = rep
			}
			dfs, dpor := reports["dfs"], reports["dpor"]
			if bounded {
				require.NotEmpty(t, dfs.Violations, "the bound keeps the violations")
			}
			assert.ElementsMatch(t, dfs.Violations, dpor.Violations)
			if args[0] == "-getter" {
				// Pointers that are not constructions are numbered in
				// the order an execution first sees them, which two
				// equivalent interleavings may differ in: outcomes are
				// compared where every pointer is a construction.
				assert.Equal(t, dfs.Stats.Outcomes, dpor.Stats.Outcomes, "distinct final outcomes")
			}
			assert.LessOrEqual(t, dpor.Stats.Executions, dfs.Stats.Executions)
		})
	}
}

// TestGoTestSave: -save writes the counterexample, and -file replays it to
// the same violations.
func TestGoTestSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ce.json")
	r := runCmd(t, "test", "-getter", "Get", "-save", path, "../../examples/plain/naive")
	require.Equal(t, exitViolation, r.code, r.stderr)
	assert.Contains(t, r.stderr, "counterexample saved to "+path)
	re := runCmd(t, "test", "-format", "json", "-file", path)
	require.Equal(t, exitViolation, re.code, re.stderr)
	var rep testReport
	require.NoError(t, json.Unmarshal([]byte(re.stdout), &rep), re.stderr)
	assert.Equal(t, "replay", rep.Strategy)
	assert.Contains(t, rep.Violations, "multiple-construction")

	bad := runCmd(t, "test", "-file", path, "-threads", "3")
	assert.Equal(t, exitBadInput, bad.code)
	assert.Contains(t, bad.stderr, "give no other flags (but -format) or packages, not -threads")
}
