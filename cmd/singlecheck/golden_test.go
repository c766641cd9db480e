package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// normalize removes what changes from run to run: elapsed times.
func normalize(s string) string {
	s = regexp.MustCompile(`elapsed [0-9.]+[a-zµ]+`).ReplaceAllString(s, "elapsed <elapsed>")
	s = regexp.MustCompile(`"elapsed_ms": [0-9]+`).ReplaceAllString(s, `"elapsed_ms": 0`)
	return s
}

// golden compares got with testdata/name.golden, or rewrites the file when
// the test runs with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	got = normalize(got)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run 'go test ./cmd/singlecheck -update' to create it")
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs from %s (-want +got); if the change is intended, run 'go test ./cmd/singlecheck -update':\n%s", name, path, diff)
	}
}

// TestGolden pins the output of every subcommand in every format.
func TestGolden(t *testing.T) {
	naive := schedule(t, "naive", "sc")
	naiveTSO := schedule(t, "naive", "tso", "-stop-at-first")
	tests := []struct {
		name string
		args []string
	}{
		{"help", []string{"help"}},
		{"explore-help", []string{"explore", "-h"}},
		{"list", []string{"list"}},
		{"describe-naive", []string{"describe", "naive"}},
		{"describe-mutex", []string{"describe", "mutex"}},
		{"explore-naive", []string{"explore", "-protocol", "naive"}},
		{"explore-naive-json", []string{"explore", "-protocol", "naive", "-format", "json"}},
		{"explore-naive-tso", []string{"explore", "-protocol", "naive", "-memory", "tso", "-stop-at-first"}},
		{"explore-mutex", []string{"explore", "-protocol", "mutex"}},
		{"explore-mutex-json", []string{"explore", "-protocol", "mutex", "-format", "json"}},
		{"explore-mutex-unknown", []string{"explore", "-protocol", "mutex", "-strategy", "dfs", "-max-executions", "3"}},
		{"replay-naive", []string{"replay", "-protocol", "naive", "-schedule", naive}},
		{"replay-naive-json", []string{"replay", "-protocol", "naive", "-schedule", naive, "-format", "json"}},
		{"replay-naive-mermaid", []string{"replay", "-protocol", "naive", "-schedule", naive, "-format", "mermaid"}},
		{"replay-naive-tso", []string{"replay", "-protocol", "naive", "-memory", "tso", "-schedule", naiveTSO}},
		{"replay-naive-tso-mermaid", []string{"replay", "-protocol", "naive", "-memory", "tso", "-schedule", naiveTSO, "-format", "mermaid"}},
		{"verdicts", []string{"verdicts", "-protocols", "naive,mutex", "-memory", "sc"}},
		{"verdicts-json", []string{"verdicts", "-protocols", "naive,mutex", "-memory", "sc", "-format", "json"}},
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

// schedule is the schedule of the counterexample explore prints for
// protocol under memory, read from its JSON output.
func schedule(t *testing.T, protocol, memory string, extra ...string) string {
	t.Helper()
	r := runCmd(t, append([]string{"explore", "-protocol", protocol, "-memory", memory, "-format", "json"}, extra...)...)
	require.Equal(t, exitViolation, r.code, r.stderr)
	var rep exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.NotNil(t, rep.Counterexample)
	return rep.Counterexample.Schedule
}
