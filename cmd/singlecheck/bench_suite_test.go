package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

func suiteTargetOf(p *protocols.Protocol) suiteTarget {
	return suiteTarget{Name: p.Name, Program: func(n int) model.Program {
		return p.Program(protocols.Workload{Threads: n, Calls: 1})
	}}
}

func TestRunBenchRows(t *testing.T) {
	rows, err := runSuite(context.Background(), []suiteTarget{suiteTargetOf(protocols.Mutex)},
		suiteOptions{Threads: []int{2, 3}, Strategies: []string{"dfs", "dfs+symmetry"}, Limit: time.Minute})
	require.NoError(t, err)
	require.Len(t, rows, 4)
	byKey := map[string]suiteRow{}
	for _, r := range rows {
		assert.Equal(t, "mutex", r.Target)
		byKey[r.Strategy+"/"+string(rune('0'+r.Threads))] = r
	}
	for _, n := range []string{"2", "3"} {
		plain, sym := byKey["dfs/"+n], byKey["dfs+symmetry/"+n]
		// Each row is what explore.Explore reports for the same configuration.
		want, err := explore.Explore(context.Background(), protocols.Mutex.Program(protocols.Workload{Threads: int(n[0] - '0'), Calls: 1}), explore.Config{NoSymmetry: true, Strategy: "dfs"})
		require.NoError(t, err)
		assert.Equal(t, want.Stats.Executions, plain.Stats.Executions)
		assert.Equal(t, string(want.Verdict), plain.Status)
		assert.Equal(t, string(want.Verdict), sym.Status)
		assert.Less(t, sym.Stats.Executions, plain.Stats.Executions)
		assert.False(t, plain.Limited)
	}
	var b strings.Builder
	require.NoError(t, writeSuiteTable(&b, rows))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	assert.Len(t, lines, 5)
	assert.Equal(t, []string{"protocol", "N", "strategy", "executions", "sleep-blocked", "traces",
		"explored/traces", "steps/s", "time", "verdict"}, strings.Fields(lines[0]))
}

// TestRunBenchSkipsAfterTimeLimit: once a case runs out of time, the larger
// thread counts of the same protocol and strategy are skipped.
func TestRunBenchSkipsAfterTimeLimit(t *testing.T) {
	rows, err := runSuite(context.Background(), []suiteTarget{suiteTargetOf(protocols.Mutex)},
		suiteOptions{Threads: []int{6, 7}, Strategies: []string{"dfs"}, Limit: time.Millisecond})
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.True(t, rows[0].Limited)
	assert.Equal(t, "unknown", rows[0].Status)
	assert.Equal(t, "skipped", rows[1].Status)
}

func TestRunBenchBadOptions(t *testing.T) {
	_, err := runSuite(context.Background(), nil, suiteOptions{Strategies: []string{"bogus"}})
	assert.ErrorContains(t, err, "dfs+symmetry")
	_, err = runSuite(context.Background(), nil, suiteOptions{Limit: -time.Second})
	assert.Error(t, err)
}

func TestRunBenchUnavailableStrategy(t *testing.T) {
	saved := suiteStrategies
	t.Cleanup(func() { suiteStrategies = saved })
	suiteStrategies = []suiteStrategy{{Name: "nonesuch", Config: explore.Config{NoSymmetry: true, Strategy: "nonesuch"}}}
	rows, err := runSuite(context.Background(), []suiteTarget{suiteTargetOf(protocols.Mutex)}, suiteOptions{Threads: []int{2}})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "unavailable", rows[0].Status)
}
