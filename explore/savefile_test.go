package explore_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Property: a save file written and read back is the same file.
func TestSaveFileRoundTrips(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		decisions := rapid.SliceOfN(rapid.Custom(func(rt *rapid.T) scheduler.Decision {
			kind := rapid.SampledFrom([]scheduler.DecisionKind{scheduler.ThreadDecision, scheduler.FlushDecision, scheduler.ChoiceDecision}).Draw(rt, "kind")
			d := scheduler.Decision{Kind: kind}
			if kind != scheduler.ChoiceDecision {
				d.Thread = rapid.IntRange(0, 63).Draw(rt, "thread")
			}
			if kind != scheduler.ThreadDecision {
				d.Arg = rapid.IntRange(0, 100).Draw(rt, "arg")
			}
			return d
		}), 0, 40).Draw(rt, "schedule")
		c := explore.Config{
			Strategy: rapid.SampledFrom(explore.StrategyNames()).Draw(rt, "strategy"),
			Memory:   rapid.SampledFrom(model.Memories).Draw(rt, "memory"),
			NoRaces:  rapid.Bool().Draw(rt, "noraces"),
			MaxSteps: rapid.OneOf(rapid.Just(0), rapid.IntRange(40, 1000)).Draw(rt, "maxsteps"), // the schedule fits
			Seed:     rapid.Uint64().Draw(rt, "seed"),
			Runs:     rapid.IntRange(0, 1<<20).Draw(rt, "runs"),
			Depth:    rapid.IntRange(0, explore.MaxDepth).Draw(rt, "depth"),
		}
		ce := &explore.Counterexample{Schedule: decisions, Seed: c.Seed, Run: rapid.IntRange(0, 1<<20).Draw(rt, "run")}
		wl := rapid.MapOf(rapid.StringMatching(`[a-z]{1,8}`), rapid.StringMatching(`[0-9a-z,_]{0,12}`)).Draw(rt, "workload")
		f := explore.NewSaveFile(rapid.StringMatching(`[a-z][a-z0-9-]{0,15}`).Draw(rt, "protocol"), wl, c, ce)

		var b bytes.Buffer
		require.NoError(rt, f.Write(&b))
		g, err := explore.ReadSaveFile(&b)
		require.NoError(rt, err)
		require.Empty(rt, cmp.Diff(f, g))
		got, err := g.Config()
		require.NoError(rt, err)
		require.Empty(rt, cmp.Diff(c, got, cmp.Comparer(func(a, b func(explore.Stats)) bool { return a == nil && b == nil }),
			cmpopts.IgnoreUnexported(explore.Config{})))
		s, err := scheduler.Parse(g.Schedule)
		require.NoError(rt, err)
		require.Equal(rt, ce.Schedule.String(), s.String())
	})
}

// A counterexample saved to a file replays to the same execution, and so
// does its seed.
func TestSavedCounterexampleReplays(t *testing.T) {
	wl := protocols.Workload{Threads: 3, Calls: 1}
	prog := protocols.Naive.Program(wl)
	c := explore.Config{NoSymmetry: true, Strategy: "pct", Seed: 9, Runs: 100, Memory: model.TSO, StopAtFirst: true}
	res, err := explore.Explore(context.Background(), prog, c)
	require.NoError(t, err)
	require.Equal(t, explore.Violation, res.Verdict)

	path := filepath.Join(t.TempDir(), "naive.json")
	require.NoError(t, explore.NewSaveFile("naive", protocols.WorkloadKeyValues(wl), c, res.Counterexample).Save(path))
	f, err := explore.LoadSaveFile(path)
	require.NoError(t, err)
	assert.Equal(t, "naive", f.Protocol)
	assert.Equal(t, map[string]string{"threads": "3", "calls": "1"}, f.Workload)
	assert.Equal(t, "tso", f.Memory)

	back, err := protocols.WorkloadFromKeyValues(f.Workload)
	require.NoError(t, err)
	e, err := f.Replay(protocols.Naive.Program(back))
	require.NoError(t, err)
	assert.Equal(t, explore.FormatTrace(res.Counterexample.Execution), explore.FormatTrace(e))

	fc, err := f.Config()
	require.NoError(t, err)
	fromSeed, err := explore.ReplayRun(protocols.Naive.Program(back), fc, f.Run)
	require.NoError(t, err)
	assert.Equal(t, explore.FormatTrace(e), explore.FormatTrace(fromSeed))
}

func TestSaveFileBadInput(t *testing.T) {
	good := `{"format": "singlecheck-counterexample", "version": 1, "tool": "0.1.0", "protocol": "naive",
		"workload": {"threads": "2", "calls": "1"}, "memory": "sc", "strategy": "pct", "seed": 3, "run": 7, "schedule": "0x3.1x5.0x2"}`
	_, err := explore.ReadSaveFile(strings.NewReader(good))
	require.NoError(t, err)
	tests := []struct {
		name, text, want string
	}{
		{"empty", ``, "not a singlecheck save file: it is empty"},
		{"blank", " \n", "not a singlecheck save file: it is empty"},
		{"not json", `schedule: 0.1`, "not a singlecheck save file (malformed JSON"},
		{"two values", good + good, "more than one JSON value"},
		{"other format", `{"format": "junit", "version": 1}`, `format is "junit", want "singlecheck-counterexample"`},
		{"newer version", strings.Replace(good, `"version": 1`, `"version": 2`, 1),
			"incompatible save file: it was written in save-file format version 2 (by singlecheck 0.1.0); this singlecheck 0.1.0 reads version 1 only: re-run the search"},
		{"no protocol", strings.Replace(good, `"protocol": "naive"`, `"protocol": ""`, 1), "names no protocol"},
		{"bad memory", strings.Replace(good, `"memory": "sc"`, `"memory": "arm"`, 1), `unknown memory model "arm"`},
		{"bad schedule", strings.Replace(good, `0x3.1x5.0x2`, `0x3..1`, 1), "malformed schedule at position 5"},
		{"negative run", strings.Replace(good, `"run": 7`, `"run": -7`, 1), "run -7: a run index is 0 or more"},
		{"bad seed", strings.Replace(good, `"seed": 3`, `"seed": -3`, 1), "malformed JSON"},
		{"seed too large", strings.Replace(good, `"seed": 3`, `"seed": 18446744073709551616`, 1), "malformed JSON"},
		{"unknown strategy", strings.Replace(good, `"strategy": "pct"`, `"strategy": "nosuch"`, 1), `"strategy": "nosuch": unknown strategy`},
		{"max steps too large", strings.Replace(good, `"seed": 3`, `"seed": 3, "max_steps": 99999999999`, 1), `"max_steps": 99999999999: it must be at most 10000000`},
		{"depth too large", strings.Replace(good, `"seed": 3`, `"seed": 3, "depth": 33`, 1), `"depth": 33: it must be at most 32`},
		{"schedule beyond the step bound", strings.Replace(good, `0x3.1x5.0x2`, strings.Repeat("0x1048576.", 15)+"0", 1),
			`"schedule": schedule does not fit at position 3: the schedule reaches 1048576 thread and flush decisions`},
		{"schedule beyond its own max steps", strings.Replace(good, `"seed": 3`, `"seed": 3, "max_steps": 5`, 1), "does not fit at position 7: the schedule reaches 8 thread and flush decisions here, more than an execution under the step bound of 5 steps"},
		{"larger than the limit", good + strings.Repeat(" ", explore.MaxSaveFileSize), "larger than 64 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := explore.ReadSaveFile(strings.NewReader(tc.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err = explore.ReadSaveFile(strings.NewReader(strings.Replace(good, `"version": 1`, `"version": 0`, 1)))
	assert.True(t, errors.Is(err, explore.ErrIncompatibleSaveFile))

	_, err = explore.LoadSaveFile(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)

	// A file that reads well but does not fit the program fails on replay:
	// a thread beyond any execution's bound before anything runs, a step it
	// cannot take where it stands.
	f, err := explore.ReadSaveFile(strings.NewReader(strings.Replace(good, `0x3.1x5.0x2`, `0.5000`, 1)))
	require.NoError(t, err)
	_, err = f.Replay(protocols.Naive.Program(protocols.DefaultWorkload))
	var pe *scheduler.ParseError
	require.ErrorAs(t, err, &pe)
	assert.True(t, pe.Beyond)
	assert.Equal(t, 3, pe.Pos)
	f, err = explore.ReadSaveFile(strings.NewReader(strings.Replace(good, `0x3.1x5.0x2`, `0.5`, 1)))
	require.NoError(t, err)
	_, err = f.Replay(protocols.Naive.Program(protocols.DefaultWorkload))
	var mm *scheduler.MismatchError
	assert.ErrorAs(t, err, &mm)
}

// A save file at the size limit is read (and refused for its content, not
// its size); one byte more is refused for its size, naming the limit.
func TestSaveFileSizeLimit(t *testing.T) {
	good := `{"format": "singlecheck-counterexample", "version": 1, "protocol": "naive", "memory": "sc", "strategy": "dfs", "schedule": "0"}`
	pad := strings.Repeat(" ", explore.MaxSaveFileSize-len(good))
	if !raceOn {
		_, err := explore.ReadSaveFile(strings.NewReader(good + pad))
		require.NoError(t, err)
	}
	_, err := explore.ReadSaveFile(strings.NewReader(good + pad + " "))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "larger than 64 MiB")
}

// Save replaces its file whole, through a temporary file in the same
// directory, and leaves nothing behind when it cannot.
func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	f := explore.NewSaveFile("naive", map[string]string{"threads": "2"}, explore.Config{Strategy: "dfs"},
		&explore.Counterexample{Schedule: scheduler.Schedule{{}}})
	path := filepath.Join(dir, "x.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
	require.NoError(t, explore.CheckSavePath(path))
	require.NoError(t, f.Save(path))
	g, err := explore.LoadSaveFile(path)
	require.NoError(t, err)
	assert.Equal(t, "0", g.Schedule)

	// The target is a directory holding a file: the rename fails, the
	// directory and its file stay, no temporary file is left.
	blocked := filepath.Join(dir, "blocked")
	require.NoError(t, os.MkdirAll(filepath.Join(blocked, "inside"), 0o755))
	require.Error(t, f.Save(blocked))
	assert.DirExists(t, filepath.Join(blocked, "inside"))
	err = explore.CheckSavePath(blocked)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is a directory")

	err = explore.CheckSavePath(filepath.Join(dir, "missing", "x.json"))
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"x.json", "blocked"}, names, "a temporary file was left behind")
}
