package main

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// TestReplayReproducesCounterexample: for every built-in protocol under
// every memory model, the schedule explore prints replays to the same
// steps, with the same violations at the same steps, through the replay
// command explore prints.
func TestReplayReproducesCounterexample(t *testing.T) {
	for _, p := range protocols.All {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", p.Name, m), func(t *testing.T) {
				// The first counterexample is enough here, and a bound keeps
				// the test fast for protocols whose search is large.
				args := []string{"explore", "-protocol", p.Name, "-memory", m.String(), "-format", "json",
					"-stop-at-first", "-max-executions", "2000"}
				r := runCmd(t, args...)
				require.NotEqual(t, exitBadInput, r.code, r.stderr)
				var ex exploreReport
				require.NoError(t, json.Unmarshal([]byte(r.stdout), &ex))
				if ex.Counterexample == nil {
					assert.NotEqual(t, exitViolation, r.code)
					return
				}
				replayArgs := splitCommand(t, ex.Counterexample.Replay)
				rr := runCmd(t, append(replayArgs, "-format", "json")...)
				require.NotEqual(t, exitBadInput, rr.code, rr.stderr)
				var rep replayReport
				require.NoError(t, json.Unmarshal([]byte(rr.stdout), &rep))
				if diff := cmp.Diff(ex.Counterexample.Steps, rep.Execution.Steps); diff != "" {
					t.Fatalf("replay differs from the counterexample (-explore +replay):\n%s", diff)
				}
				assert.Equal(t, ex.Counterexample.Schedule, rep.Execution.Schedule)
				wantCode := exitSafe
				if len(rep.Violations) > 0 {
					wantCode = exitViolation
				}
				assert.Equal(t, wantCode, rr.code)
				assert.Subset(t, append(ex.Violations, ex.Acceptable...), append(rep.Violations, rep.Acceptable...))
			})
		}
	}
}

// TestNaiveCounterexampleIsAConstructionRace pins what a newcomer running
// the default command sees: a counterexample in which both threads load nil
// before either stores, so both construct. The expectation is derived from
// the code of naive, not from the tool: two loads of nil, two news.
func TestNaiveCounterexampleIsAConstructionRace(t *testing.T) {
	r := runCmd(t, "explore", "-protocol", "naive", "-format", "json")
	require.Equal(t, exitViolation, r.code)
	var ex exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ex))
	require.NotNil(t, ex.Counterexample)
	loadsOfNil := map[string]bool{}
	news := map[string]bool{}
	for _, s := range ex.Counterexample.Steps {
		if s.Operation == "load" && s.Value == "nil" {
			loadsOfNil[s.Thread] = true
		}
		if s.Operation == "new" {
			news[s.Thread] = true
		}
	}
	assert.Len(t, loadsOfNil, 2, "both threads must read nil")
	assert.Len(t, news, 2, "both threads must construct")
	assert.Contains(t, ex.Violations, "multiple-construction")
	assert.Contains(t, ex.Violations, "divergent-instances")
	assert.Equal(t, "multiple-construction", ex.Counterexample.Kind)
}

// splitCommand turns a printed "singlecheck replay …" command into the
// arguments of run; the command has no quoting (schedules need none).
func splitCommand(t *testing.T, cmd string) []string {
	t.Helper()
	var args []string
	word := ""
	for _, r := range cmd + " " {
		if r == ' ' {
			if word != "" {
				args = append(args, word)
			}
			word = ""
			continue
		}
		require.NotContains(t, `'"\$`, string(r), "the replay command needs no quoting")
		word += string(r)
	}
	require.Equal(t, "singlecheck", args[0])
	return args[1:]
}

// TestJSONFieldNames pins the documented field names of the JSON output:
// renaming one breaks users' scripts.
func TestJSONFieldNames(t *testing.T) {
	r := runCmd(t, "explore", "-protocol", "naive", "-format", "json")
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &top))
	assert.ElementsMatch(t, []string{"protocol", "threads", "calls", "memory", "race_detection", "strategy", "verdict",
		"violations", "acceptable", "reason", "complete", "warning", "counterexample", "stats"}, keys(top))
	var ce map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(top["counterexample"], &ce))
	assert.ElementsMatch(t, []string{"kind", "schedule", "status", "run", "replay", "steps"}, keys(ce))
	var steps []map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(ce["steps"], &steps))
	withViolation := false
	for _, s := range steps {
		want := []string{"step", "thread", "operation", "location", "value", "buffered"}
		if _, ok := s["violation"]; ok {
			want = append(want, "violation")
			withViolation = true
		}
		assert.ElementsMatch(t, want, keys(s))
	}
	assert.True(t, withViolation)
	var stats map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(top["stats"], &stats))
	assert.ElementsMatch(t, []string{"executions", "steps", "elapsed_ms", "traces", "equivalence", "sleep_blocked",
		"outcomes", "step_bound"}, keys(stats))

	// DFS does not count traces: the field is absent, not 0.
	r = runCmd(t, "explore", "-protocol", "naive", "-strategy", "dfs", "-format", "json")
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &top))
	stats = nil
	require.NoError(t, json.Unmarshal(top["stats"], &stats))
	assert.NotContains(t, keys(stats), "traces")
}

func keys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
