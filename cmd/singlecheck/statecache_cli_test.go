package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestStateCacheFlag: -state-cache gives the stateless search's verdict
// and kinds and reports the states it stored, in text and JSON.
func TestStateCacheFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-protocol", "dcl-atomic", "-memory", "tso", "-threads", "3"}, 0},
		{[]string{"-protocol", "dual-reset", "-threads", "2"}, 1},
	} {
		plain := runCmd(t, append([]string{"explore", "-quiet", "-format", "json", "-strategy", "dfs"}, tc.args...)...)
		cached := runCmd(t, append([]string{"explore", "-quiet", "-format", "json", "-strategy", "dfs", "-state-cache"}, tc.args...)...)
		require.Equal(t, tc.code, plain.code, plain.stderr)
		require.Equal(t, tc.code, cached.code, cached.stderr)
		var p, c struct {
			Verdict    string   `json:"verdict"`
			Violations []string `json:"violations"`
			Stats      struct {
				Executions int `json:"executions"`
				States     int `json:"states"`
				Pruned     int `json:"pruned"`
			} `json:"stats"`
		}
		require.NoError(t, json.Unmarshal([]byte(plain.stdout), &p))
		require.NoError(t, json.Unmarshal([]byte(cached.stdout), &c))
		require.Equal(t, p.Verdict, c.Verdict)
		require.ElementsMatch(t, p.Violations, c.Violations)
		require.Positive(t, c.Stats.States)
		require.Positive(t, c.Stats.Pruned)
		require.Less(t, c.Stats.Executions, p.Stats.Executions)
		require.Zero(t, p.Stats.States, "a stateless search stores no states")

		text := runCmd(t, append([]string{"explore", "-quiet", "-strategy", "dfs", "-state-cache"}, tc.args...)...)
		require.Contains(t, text.stdout, "states stored")
	}
}
