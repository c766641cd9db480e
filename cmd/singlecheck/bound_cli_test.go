package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExploreNamesTheBound: under a preemption bound the strategy line says
// which search ran and under which bound, and a bound that cut something
// leaves the verdict unknown (exit 3).
func TestExploreNamesTheBound(t *testing.T) {
	tests := []struct {
		strategy string
		want     string
	}{
		{"dpor", "strategy    source-dpor, preemption bound 0 (bounded partial-order reduction)"},
		{"source-dpor", "strategy    source-dpor, preemption bound 0 (bounded partial-order reduction)"},
		{"dfs", "strategy    dfs, preemption bound 0"},
	}
	for _, tt := range tests {
		t.Run(tt.strategy, func(t *testing.T) {
			r := runCmd(t, "explore", "-protocol", "mutex", "-threads", "3", "-strategy", tt.strategy, "-preemptions", "0")
			require.Equal(t, 3, r.code, r.stderr)
			lines := strings.Split(r.stdout, "\n")
			require.Greater(t, len(lines), 3)
			assert.Equal(t, tt.want, lines[2])
			assert.Contains(t, lines[3], "verdict     unknown: the preemption bound 0")
		})
	}
}
