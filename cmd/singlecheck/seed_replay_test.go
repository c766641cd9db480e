package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// replayJSON runs a replay command and decodes its JSON report.
func replayJSON(t *testing.T, args []string) replayReport {
	t.Helper()
	r := runCmd(t, append(args, "-format", "json")...)
	require.Equal(t, exitViolation, r.code, "%v: %s", args, r.stderr)
	var rep replayReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	return rep
}

// TestSamplingCounterexampleReplaysFromItsSeedAndItsSchedule: the two
// commands explore prints after a sampling strategy's counterexample, by
// schedule and by seed and run index, reproduce the same execution.
func TestSamplingCounterexampleReplaysFromItsSeedAndItsSchedule(t *testing.T) {
	for _, args := range [][]string{
		{"-protocol", "naive", "-threads", "4", "-strategy", "pct", "-seed", "7"},
		{"-protocol", "naive", "-threads", "3", "-strategy", "random", "-seed", "11", "-runs", "50"},
		{"-protocol", "dcl", "-memory", "pso", "-strategy", "pct", "-seed", "3", "-depth", "2", "-kind", "partial-init"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runCmd(t, append([]string{"explore", "-format", "json"}, args...)...)
			require.Equal(t, exitViolation, r.code, r.stderr)
			var ex exploreReport
			require.NoError(t, json.Unmarshal([]byte(r.stdout), &ex))
			ce := ex.Counterexample
			require.NotNil(t, ce)
			require.NotNil(t, ce.Seed, "a sampling counterexample records its seed")
			require.NotNil(t, ce.Run)
			require.NotEmpty(t, ce.SeedReplay)

			bySchedule := replayJSON(t, splitCommand(t, ce.Replay))
			bySeed := replayJSON(t, splitCommand(t, ce.SeedReplay))
			if diff := cmp.Diff(ce.Steps, bySeed.Execution.Steps); diff != "" {
				t.Fatalf("the seed replay differs from the counterexample (-explore +replay):\n%s", diff)
			}
			assert.Equal(t, bySchedule.Execution.Steps, bySeed.Execution.Steps)
			assert.Equal(t, ce.Schedule, bySeed.Execution.Schedule)
		})
	}
}

// TestSaveFileRoundTrip: explore -save writes the counterexample shown, and
// replay -file performs the same execution.
func TestSaveFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ce.json")
	r := runCmd(t, "explore", "-protocol", "dcl", "-memory", "pso", "-kind", "partial-init", "-format", "json", "-save", path)
	require.Equal(t, exitViolation, r.code, r.stderr)
	assert.Contains(t, r.stderr, "saved to "+path)
	var ex exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ex))

	rep := replayJSON(t, []string{"replay", "-file", path})
	assert.Equal(t, "dcl", rep.Protocol)
	assert.Equal(t, "pso", rep.Memory)
	if diff := cmp.Diff(ex.Counterexample.Steps, rep.Execution.Steps); diff != "" {
		t.Fatalf("replay -file differs from the counterexample (-explore +replay):\n%s", diff)
	}
}

func TestSaveWithoutCounterexampleWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ce.json")
	r := runCmd(t, "explore", "-protocol", "mutex", "-save", path)
	assert.Equal(t, exitSafe, r.code)
	assert.Contains(t, r.stderr, "nothing was saved")
	assert.NoFileExists(t, path)
}

func TestReplayModesRejectBadInput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	r := runCmd(t, "explore", "-protocol", "naive", "-save", good)
	require.Equal(t, exitViolation, r.code, r.stderr)
	malformed := filepath.Join(dir, "malformed.json")
	require.NoError(t, os.WriteFile(malformed, []byte("{not json"), 0o644))
	future := filepath.Join(dir, "future.json")
	data, err := os.ReadFile(good)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(future, []byte(strings.Replace(string(data), `"version": 1`, `"version": 99`, 1)), 0o644))

	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"-protocol", "naive"}, "missing -schedule"},
		{[]string{"-protocol", "naive", "-schedule", "0", "-run", "1"}, "give exactly one of"},
		{[]string{"-protocol", "naive", "-schedule", "0", "-file", good}, "give exactly one of"},
		{[]string{"-protocol", "naive", "-strategy", "pct", "-seed", "1"}, "needs all of -strategy, -seed and -run"},
		{[]string{"-protocol", "naive", "-strategy", "pct", "-seed", "1", "-run", "-2"}, "the run index is 0 or more"},
		{[]string{"-protocol", "naive", "-strategy", "pct", "-seed", "1", "-run", "1000"}, "out of range"},
		{[]string{"-protocol", "naive", "-strategy", "pct", "-seed", "1", "-run", "0", "-runs", "-1"}, "must not be negative"},
		{[]string{"-protocol", "naive", "-strategy", "dfs", "-seed", "1", "-run", "0"}, "not seeded"},
		{[]string{"-protocol", "naive", "-strategy", "nope", "-seed", "1", "-run", "0"}, "unknown strategy"},
		{[]string{"-file", filepath.Join(dir, "missing.json")}, "no such file"},
		{[]string{"-file", malformed}, "malformed.json"},
		{[]string{"-file", future}, "version"},
		{[]string{"-file", good, "-threads", "3"}, "the file carries"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCmd(t, append([]string{"replay"}, tc.args...)...)
			assert.Equal(t, exitBadInput, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "one line: %q", r.stderr)
			assert.Contains(t, r.stderr, tc.msg)
		})
	}
}
