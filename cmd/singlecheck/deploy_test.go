package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestDeployCommands: every singlecheck command line in deploy/ (shell
// continuations joined, the shard number and file names substituted) is
// one the command accepts: its explore lines run a small search as shard
// 1 of 4, and its merge lines name four files.
func TestDeployCommands(t *testing.T) {
	files, err := filepath.Glob("../../deploy/*.y*ml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	subst := strings.NewReplacer(`"$K/4"`, "1/4", "${{ matrix.shard }}", "1", `"/results/shard-$K.json"`, "SHARD.json",
		"|| code=$?", "", `\`+"\n", " ")
	line := regexp.MustCompile(`singlecheck (explore|merge) [^\n]*`)
	dir := t.TempDir()
	seen := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		text := subst.Replace(string(b))
		require.True(t, !strings.Contains(f, "indexed-job") || strings.Contains(text, "JOB_COMPLETION_INDEX"))
		for _, cmd := range line.FindAllString(text, -1) {
			args := strings.Fields(cmd)[1:]
			seen[args[0]]++
			for i, a := range args {
				switch {
				case a == "SHARD.json" || strings.HasPrefix(a, "shard-") && strings.HasSuffix(a, ".json"):
					args[i] = filepath.Join(dir, "shard.json")
				case a == "-threads":
					args[i+1] = "2" // the same flags, a smaller search
				}
			}
			if args[0] == "merge" {
				require.Len(t, args[1:], 4, "%s: %s: merge names every shard's file", f, cmd)
				continue
			}
			r := runCmd(t, args...)
			require.Contains(t, []int{exitSafe, exitViolation}, r.code, "%s: %s: %s", f, cmd, r.stderr)
			_, err := os.Stat(filepath.Join(dir, "shard.json"))
			require.NoError(t, err, "%s: %s writes the shard's file", f, cmd)
		}
	}
	require.Positive(t, seen["explore"])
	require.Positive(t, seen["merge"])
}
