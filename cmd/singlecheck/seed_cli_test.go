package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
)

// printedCommands reads the two replay commands explore's text output
// prints for a sampling counterexample: by schedule and from the seed.
func printedCommands(t *testing.T, out string) (bySchedule, bySeed string) {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "Replay it"):
			require.Less(t, i+1, len(lines))
			bySchedule = strings.TrimSpace(lines[i+1])
		case strings.HasPrefix(l, "or regenerate it from its seed"):
			require.Less(t, i+1, len(lines))
			bySeed = strings.TrimSpace(lines[i+1])
		}
	}
	require.NotEmpty(t, bySchedule, "no schedule replay command in:\n%s", out)
	require.NotEmpty(t, bySeed, "no seed replay command in:\n%s", out)
	return bySchedule, bySeed
}

// replayPrinted runs a printed replay command with -format json.
func replayPrinted(t *testing.T, cmd string) (replayReport, int) {
	t.Helper()
	r := runCmd(t, append(splitCommand(t, cmd), "-format", "json")...)
	require.NotEqual(t, exitBadInput, r.code, r.stderr)
	require.Empty(t, r.stderr)
	var rep replayReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	return rep, r.code
}

// sampledSearches are sampling searches that find a violation, with a runs
// count that differs from the default (so -runs must be printed) or not.
var sampledSearches = []struct {
	name string
	args []string
}{
	{"random", []string{"-protocol", "naive", "-strategy", "random", "-seed", "3", "-runs", "40"}},
	{"random default runs", []string{"-protocol", "naive", "-threads", "3", "-strategy", "random", "-seed", "11", "-stop-at-first"}},
	{"pct", []string{"-protocol", "naive", "-strategy", "pct", "-seed", "7", "-runs", "50"}},
	{"pct depth 2", []string{"-protocol", "naive", "-threads", "3", "-strategy", "pct", "-seed", "5", "-runs", "60", "-depth", "2"}},
	{"pct tso", []string{"-protocol", "naive", "-memory", "tso", "-strategy", "pct", "-seed", "1", "-runs", "30"}},
}

// TestSeedReplayMatchesScheduleReplay: the two replay commands explore
// prints for a sampling counterexample, run as printed, give the same
// schedule, the same trace and the same violations, and that schedule is
// the one explore printed.
func TestSeedReplayMatchesScheduleReplay(t *testing.T) {
	for _, tt := range sampledSearches {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, append([]string{"explore", "-quiet"}, tt.args...)...)
			require.Equal(t, exitViolation, r.code, r.stderr)
			bySchedule, bySeed := printedCommands(t, r.stdout)
			assert.Contains(t, r.stdout, "\nseed        ")
			assert.Contains(t, r.stdout, "\nrun         ")
			a, codeA := replayPrinted(t, bySchedule)
			b, codeB := replayPrinted(t, bySeed)
			assert.Equal(t, codeA, codeB)
			assert.Equal(t, exitViolation, codeB, "the counterexample replays to a violation")
			if diff := cmp.Diff(a, b); diff != "" {
				t.Errorf("seed replay differs from schedule replay (-schedule +seed):\n%s", diff)
			}
			assert.Contains(t, r.stdout, "\nschedule    "+b.Execution.Schedule+"\n")

			// The JSON output carries the same seed, run and schedule.
			j := runCmd(t, append([]string{"explore", "-format", "json"}, tt.args...)...)
			var ex exploreReport
			require.NoError(t, json.Unmarshal([]byte(j.stdout), &ex))
			require.NotNil(t, ex.Counterexample)
			require.NotNil(t, ex.Counterexample.Seed)
			require.NotNil(t, ex.Counterexample.Run)
			assert.Equal(t, b.Execution.Schedule, ex.Counterexample.Schedule)
			assert.Equal(t, bySeed, ex.Counterexample.SeedReplay)
			assert.Contains(t, bySeed, " -run "+itoa(*ex.Counterexample.Run))
			assert.Contains(t, bySeed, " -seed "+utoa(*ex.Counterexample.Seed))
		})
	}
}

// TestSeedCommandFlags: -depth is printed for pct only, and the search's
// runs always (the run index must be below them).
func TestSeedCommandFlags(t *testing.T) {
	for _, tt := range sampledSearches {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, append([]string{"explore", "-quiet"}, tt.args...)...)
			_, bySeed := printedCommands(t, r.stdout)
			args := strings.Join(tt.args, " ")
			assert.Equal(t, strings.Contains(args, "pct"), strings.Contains(bySeed, " -depth "))
			assert.Contains(t, bySeed, " -runs ")
		})
	}
}

// TestExhaustivePrintsNoSeedCommand: an exhaustive search has no seed, so
// only the schedule command is printed and the JSON has no seed fields.
func TestExhaustivePrintsNoSeedCommand(t *testing.T) {
	r := runCmd(t, "explore", "-protocol", "naive")
	assert.NotContains(t, r.stdout, "regenerate it from its seed")
	j := runCmd(t, "explore", "-protocol", "naive", "-format", "json")
	var ex exploreReport
	require.NoError(t, json.Unmarshal([]byte(j.stdout), &ex))
	assert.Nil(t, ex.Counterexample.Seed)
	assert.Empty(t, ex.Counterexample.SeedReplay)
}

// TestSaveReplayFileRoundTrip: explore -save writes what explore showed,
// and replay -file gives the same output as replay -schedule with the
// printed workload.
func TestSaveReplayFileRoundTrip(t *testing.T) {
	searches := append([]struct {
		name string
		args []string
	}{
		{"dfs", []string{"-protocol", "naive", "-threads", "3", "-stop-at-first"}},
		{"dfs pso", []string{"-protocol", "naive", "-memory", "pso", "-stop-at-first", "-races=false"}},
	}, sampledSearches...)
	for _, tt := range searches {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ce.json")
			r := runCmd(t, append([]string{"explore", "-quiet", "-save", path}, tt.args...)...)
			require.Equal(t, exitViolation, r.code, r.stderr)
			assert.Equal(t, "singlecheck explore: counterexample saved to "+path+" (replay it with: singlecheck replay -file "+path+")\n", r.stderr)
			bySchedule, _ := printedCommands0(t, r.stdout)

			f, err := explore.LoadSaveFile(path)
			require.NoError(t, err)
			j := runCmd(t, append([]string{"explore", "-format", "json"}, tt.args...)...)
			var ex exploreReport
			require.NoError(t, json.Unmarshal([]byte(j.stdout), &ex))
			assert.Equal(t, ex.Counterexample.Schedule, f.Schedule)
			assert.Equal(t, ex.Strategy, f.Strategy)
			assert.Equal(t, ex.Memory, f.Memory)
			assert.Equal(t, *ex.Counterexample.Run, f.Run)
			if ex.Counterexample.Seed != nil {
				assert.Equal(t, *ex.Counterexample.Seed, f.Seed)
			}

			for _, format := range []string{"text", "json", "mermaid"} {
				want := runCmd(t, append(splitCommand(t, bySchedule), "-format", format)...)
				got := runCmd(t, "replay", "-file", path, "-format", format)
				assert.Equal(t, want, got, format)
			}
		})
	}
}

// printedCommands0 reads the schedule replay command, which every
// counterexample has.
func printedCommands0(t *testing.T, out string) (string, bool) {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "Replay it") && i+1 < len(lines) {
			return strings.TrimSpace(lines[i+1]), true
		}
	}
	t.Fatalf("no replay command in:\n%s", out)
	return "", false
}

// TestSaveWithoutCounterexample: a search with nothing to show writes no
// file and says so.
func TestSaveWithoutCounterexample(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		path := filepath.Join(t.TempDir(), "ce.json")
		r := runCmd(t, "explore", "-protocol", "mutex", "-save", path, "-format", format)
		assert.Equal(t, exitSafe, r.code)
		assert.Equal(t, "singlecheck explore: no counterexample, so nothing was saved to "+path+"\n", r.stderr)
		assert.NoFileExists(t, path)
	}
}

// TestGoldenSeed pins the sampling outputs: explore with a seed in both
// formats, and the replays from the seed and from a saved file.
func TestGoldenSeed(t *testing.T) {
	pct := []string{"-protocol", "naive", "-strategy", "pct", "-seed", "7", "-runs", "50"}
	path := filepath.Join(t.TempDir(), "ce.json")
	saved := runCmd(t, append([]string{"explore", "-quiet", "-save", path}, pct...)...)
	require.Equal(t, exitViolation, saved.code, saved.stderr)
	tests := []struct {
		name string
		args []string
	}{
		{"explore-naive-pct", append([]string{"explore"}, pct...)},
		{"explore-naive-pct-json", append([]string{"explore", "-format", "json"}, pct...)},
		{"explore-naive-random", []string{"explore", "-protocol", "naive", "-strategy", "random", "-seed", "3", "-runs", "40"}},
		{"replay-naive-seed", []string{"replay", "-protocol", "naive", "-strategy", "pct", "-seed", "7", "-run", "1", "-runs", "50", "-depth", "3"}},
		{"replay-naive-file", []string{"replay", "-file", path}},
		{"replay-help", []string{"replay", "-h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, tt.args...)
			require.NotEqual(t, exitBadInput, r.code, r.stderr)
			require.Empty(t, r.stderr)
			golden(t, tt.name, r.stdout)
		})
	}
}

// TestReplaySeedBadInput: every bad combination of replay's sources, bad
// seeds, run indexes and save files ends with exit 2, nothing on stdout
// and exactly one line on stderr.
func TestReplaySeedBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	good := filepath.Join(dir, "good.json")
	r := runCmd(t, "explore", "-protocol", "naive", "-quiet", "-save", good)
	require.Equal(t, exitViolation, r.code, r.stderr)
	goodText, err := os.ReadFile(good)
	require.NoError(t, err)
	edit := func(name, from, to string) string {
		require.Contains(t, string(goodText), from)
		return write(name, strings.Replace(string(goodText), from, to, 1))
	}
	var gf map[string]any
	require.NoError(t, json.Unmarshal(goodText, &gf))
	sched := gf["schedule"].(string)

	naive := []string{"replay", "-protocol", "naive"}
	with := func(args ...string) []string { return append(append([]string{}, naive...), args...) }
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no source", naive, "missing -schedule"},
		{"schedule and run", with("-schedule", "0", "-run", "0", "-strategy", "pct", "-seed", "1"), "-schedule and -run both name an execution"},
		{"schedule and file", with("-schedule", "0", "-file", good), "-schedule and -file both name an execution"},
		{"run and file", []string{"replay", "-run", "0", "-file", good}, "-run and -file both name an execution"},
		{"empty schedule", with("-schedule", ""), "malformed schedule at position 1"},
		{"seed without run", with("-schedule", "0", "-seed", "3"), "-schedule and -run both name an execution"},
		{"strategy without run", with("-schedule", "0", "-strategy", "pct"), "-schedule and -run both name an execution"},
		{"depth without run", with("-schedule", "0", "-depth", "2"), "-depth is only meaningful with -run"},
		{"runs without run", with("-schedule", "0", "-runs", "2"), "-runs is only meaningful with -run"},
		{"run without seed", with("-run", "0", "-strategy", "pct"), "needs all of -strategy, -seed and -run"},
		{"run without strategy", with("-run", "0", "-seed", "1"), "needs all of -strategy, -seed and -run"},
		{"run negative", with("-run", "-1", "-strategy", "pct", "-seed", "1"), "-run -1: the run index is 0 or more"},
		{"run past the default runs", with("-run", "1000", "-strategy", "random", "-seed", "1"), "run 1000 out of range: a search of 1000 runs"},
		{"run equal to runs", with("-run", "50", "-runs", "50", "-strategy", "pct", "-seed", "1"), "run 50 out of range: a search of 50 runs has runs 0 to 49"},
		{"run not a number", with("-run", "x", "-strategy", "pct", "-seed", "1"), `invalid value "x" for flag -run`},
		{"runs negative", with("-run", "0", "-runs", "-5", "-strategy", "pct", "-seed", "1"), "must not be negative"},
		{"depth negative", with("-run", "0", "-depth", "-2", "-strategy", "pct", "-seed", "1"), "must not be negative"},
		{"depth too large", with("-run", "0", "-depth", "1000000", "-strategy", "pct", "-seed", "1"), "depth 1000000"},
		{"depth with random", with("-run", "0", "-depth", "2", "-strategy", "random", "-seed", "1"), "-depth is only meaningful with -strategy pct"},
		{"seed negative", with("-run", "0", "-strategy", "pct", "-seed", "-1"), `invalid value "-1" for flag -seed`},
		{"seed not a number", with("-run", "0", "-strategy", "pct", "-seed", "abc"), `invalid value "abc" for flag -seed`},
		{"seed too large", with("-run", "0", "-strategy", "pct", "-seed", "18446744073709551616"), "for flag -seed"},
		{"strategy not seeded", with("-run", "0", "-strategy", "dfs", "-seed", "1"), "not seeded"},
		{"strategy unknown", with("-run", "0", "-strategy", "pcx", "-seed", "1"), "pcx"},
		{"run without protocol", []string{"replay", "-run", "0", "-strategy", "pct", "-seed", "1"}, "missing -protocol"},
		{"file missing", []string{"replay", "-file", filepath.Join(dir, "nope.json")}, "no such file"},
		{"file empty path", []string{"replay", "-file", ""}, "-file"},
		{"file is a directory", []string{"replay", "-file", dir}, "-file"},
		{"file malformed", []string{"replay", "-file", write("bad.json", "{not json")}, "malformed JSON"},
		{"file not a save file", []string{"replay", "-file", write("other.json", `{"format":"other"}`)}, `format is "other"`},
		{"file incompatible version", []string{"replay", "-file", edit("v9.json", `"version": 1`, `"version": 9`)}, "version 9"},
		{"file unknown protocol", []string{"replay", "-file", edit("proto.json", `"protocol": "naive"`, `"protocol": "nave"`)}, `unknown protocol "nave": did you mean "naive"?`},
		{"file unknown workload key", []string{"replay", "-file", edit("key.json", `"calls": "1"`, `"callz": "1"`)}, `workload key "callz"`},
		{"file bad workload value", []string{"replay", "-file", edit("val.json", `"threads": "2"`, `"threads": "0"`)}, "threads"},
		{"file bad memory", []string{"replay", "-file", edit("mem.json", `"memory": "sc"`, `"memory": "arm"`)}, "arm"},
		{"file malformed schedule", []string{"replay", "-file", edit("sched.json", `"schedule": "`+sched, `"schedule": "x`+sched)}, "schedule"},
		{"file schedule does not fit", []string{"replay", "-file", edit("fit.json", `"threads": "2"`, `"threads": "1"`)}, "does not fit"},
		{"file negative run", []string{"replay", "-file", edit("run.json", `"run": `, `"run": -`)}, "run -"},
		{"file with protocol", []string{"replay", "-file", good, "-protocol", "naive"}, "-protocol with -file"},
		{"file with threads", []string{"replay", "-file", good, "-threads", "2"}, "-threads with -file"},
		{"file with memory", []string{"replay", "-file", good, "-memory", "sc"}, "-memory with -file"},
		{"file with seed", []string{"replay", "-file", good, "-seed", "1"}, "-run and -file both name an execution"},
		{"save to a missing directory", []string{"explore", "-protocol", "naive", "-save", filepath.Join(dir, "no", "such", "dir", "ce.json")}, "cannot write a file in "},
		{"save to a directory", []string{"explore", "-protocol", "naive", "-save", dir}, "is a directory: give the name of a file to write"},
		{"file unknown strategy", []string{"replay", "-file", edit("strategy.json", `"strategy": "dpor"`, `"strategy": "nosuch"`)}, `strategy.json: save file has "strategy": "nosuch": unknown strategy`},
		{"file max steps too large", []string{"replay", "-file", edit("steps.json", `"seed": 0`, `"seed": 0, "max_steps": 99999999999`)}, `steps.json: save file has "max_steps": 99999999999: it must be at most 10000000`},
		{"file larger than the limit", []string{"replay", "-file", write("big.json", string(goodText)+strings.Repeat(" ", 64<<20))}, "big.json: save file larger than 64 MiB"},
		{"file schedule beyond the step bound", []string{"replay", "-file", edit("long.json", `"schedule": "`+sched, `"schedule": "`+strings.Repeat("0x1048576.", 63)+"0x1048576")}, `long.json: save file has "schedule": schedule does not fit at position 3`},
		{"file with run given twice", []string{"replay", "-file", good, "-file", good}, "-file given 2 times"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, tt.args...)
			assert.Equal(t, exitBadInput, r.code)
			assert.Empty(t, r.stdout)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "exactly one line: %q", r.stderr)
			assert.True(t, strings.HasSuffix(r.stderr, "\n"))
			assert.Contains(t, r.stderr, tt.want)
		})
	}
}

func itoa(n int) string    { return strconv.Itoa(n) }
func utoa(n uint64) string { return strconv.FormatUint(n, 10) }
