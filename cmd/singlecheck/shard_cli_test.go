package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestShardProcessesMerge runs four real shard processes of a search
// (-shard k/4 -out FILE, as a Kubernetes Indexed Job or a CI matrix would)
// and merges their files with 'merge': the merged verdict, kinds and trace
// count are the unsharded search's. Without one shard's file the merge is
// unknown and names the missing shard.
func TestShardProcessesMerge(t *testing.T) {
	bin := binary(t)
	dir := t.TempDir()
	search := []string{"explore", "-protocol", "dual-reset", "-threads", "3", "-symmetry=false", "-quiet"}
	var files []string
	for k := 1; k <= 4; k++ {
		file := filepath.Join(dir, fmt.Sprintf("shard-%d.json", k))
		cmd := exec.Command(bin, append(search, "-shard", fmt.Sprintf("%d/4", k), "-out", file)...)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if err != nil {
			require.ErrorAs(t, err, &ee, "%s", out)
		}
		require.Contains(t, []int{exitSafe, exitViolation}, cmd.ProcessState.ExitCode(), "%s", out)
		files = append(files, file)
	}
	whole := runCmd(t, append(search, "-format", "json", "-workers", "1")...)
	merged := runCmd(t, append([]string{"merge", "-format", "json"}, files...)...)
	require.Equal(t, whole.code, merged.code, merged.stderr)
	var w, m exploreReport
	require.NoError(t, json.Unmarshal([]byte(whole.stdout), &w))
	require.NoError(t, json.Unmarshal([]byte(merged.stdout), &m))
	require.Equal(t, w.Verdict, m.Verdict)
	require.Equal(t, w.Violations, m.Violations)
	require.Equal(t, w.Acceptable, m.Acceptable)
	require.Equal(t, w.Complete, m.Complete)
	require.NotNil(t, m.Stats.Traces)
	require.Equal(t, *w.Stats.Traces, *m.Stats.Traces)
	require.NotNil(t, m.Counterexample)
	require.Equal(t, w.Counterexample.Kind, m.Counterexample.Kind)

	missing := runCmd(t, append([]string{"merge", "-format", "json"}, files[1:]...)...)
	var x exploreReport
	require.NoError(t, json.Unmarshal([]byte(missing.stdout), &x))
	require.False(t, x.Complete)
	require.Contains(t, x.Reason, "shard 1 of 4 is missing")
}

// TestShardSafeNeedsEveryShard: on a safe protocol, the merge of every
// shard says safe (exit 0); without one, or with an unreadable file in
// its place, unknown (exit 3), never safe.
func TestShardSafeNeedsEveryShard(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for k := 1; k <= 3; k++ {
		file := filepath.Join(dir, fmt.Sprintf("s%d.json", k))
		r := runCmd(t, "explore", "-protocol", "mutex", "-threads", "3", "-symmetry=false", "-quiet", "-shard", fmt.Sprintf("%d/3", k), "-out", file)
		require.Equal(t, exitSafe, r.code, r.stderr)
		require.Contains(t, r.stdout, "verdict     unknown: shard")
		files = append(files, file)
	}
	require.Equal(t, exitSafe, runCmd(t, append([]string{"merge"}, files...)...).code)
	r := runCmd(t, "merge", files[0], files[2])
	require.Equal(t, exitUnknown, r.code)
	require.Contains(t, r.stdout, "shard 2 of 3 is missing")
	bad := filepath.Join(dir, "broken.json")
	require.NoError(t, os.WriteFile(bad, []byte("{"), 0o644))
	r = runCmd(t, "merge", files[0], bad, files[2])
	require.Equal(t, exitUnknown, r.code)
	require.Contains(t, r.stdout, "broken.json is not a shard's result")
}

// TestShardJSONOnStdout: without -out the partial result is JSON on
// stdout, the one-line summary on stderr.
func TestShardJSONOnStdout(t *testing.T) {
	r := runCmd(t, "explore", "-protocol", "once", "-threads", "2", "-memory", "tso", "-symmetry=false", "-quiet", "-shard", "1/2")
	require.Equal(t, exitSafe, r.code, r.stderr)
	var sh struct {
		Format string `json:"format"`
		Shard  int    `json:"shard"`
		Shards int    `json:"shards"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sh))
	require.Equal(t, "singlecheck-shard/1", sh.Format)
	require.Equal(t, [2]int{1, 2}, [2]int{sh.Shard, sh.Shards})
	require.Contains(t, r.stderr, "shard 1/2")
}

// TestShardBadInput: bad shard specifications and what cannot be sharded
// are refused with exit 2 and one line.
func TestShardBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-shard", "5/4"}, "want K/N"},
		{[]string{"-shard", "x"}, "want K/N"},
		{[]string{"-shard", "1/2", "-strategy", "random"}, "cannot be split"},
		{[]string{"-shard", "1/2", "-preemptions", "1"}, "cannot be split"},
		{[]string{"-shard", "1/2"}, "-symmetry=false"},
		{[]string{"-out", "x.json"}, "give -shard K/N too"},
		{[]string{"-workers", "-1"}, "-workers -1"},
	} {
		r := runCmd(t, append([]string{"explore", "-protocol", "naive"}, tc.args...)...)
		require.Equal(t, exitBadInput, r.code, "%v: %s", tc.args, r.stderr)
		require.Contains(t, r.stderr, tc.want)
	}
	r := runCmd(t, "merge")
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "no files")
}
