package explore_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
)

// recorder is an explore.TB that records instead of failing.
type recorder struct {
	name   string
	failed bool
	out    strings.Builder
}

func (r *recorder) Helper()      {}
func (r *recorder) Name() string { return r.name }
func (r *recorder) Logf(format string, args ...any) {
	fmt.Fprintf(&r.out, format+"\n", args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(&r.out, format+"\n", args...)
}

func TestCheckFailsWithTheTraceAndTheReplayCommand(t *testing.T) {
	rec := &recorder{name: "TestNaive/two threads"}
	res := explore.Check(rec, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithStrategy("dfs"), explore.WithoutRaces())
	require.True(t, rec.failed)
	require.NotNil(t, res)
	out := rec.out.String()
	assert.Contains(t, out, "multiple-construction")
	assert.Contains(t, out, "← multiple-construction: T1 constructed T again")
	m := regexp.MustCompile(`replay: SINGLECHECK_REPLAY=(\S+) go test -run '\^TestNaive\$/\^two threads\$' \.`).FindStringSubmatch(out)
	require.NotNil(t, m, "no replay command in:\n%s", out)
	assert.Equal(t, res.Counterexample.Schedule.String(), m[1])

	// The printed command replays the counterexample: same trace.
	t.Setenv(explore.ReplayEnv, m[1])
	again := &recorder{name: rec.name}
	explore.Check(again, protocols.Naive.Program(protocols.DefaultWorkload), explore.WithoutRaces())
	require.True(t, again.failed)
	assert.Contains(t, again.out.String(), explore.FormatTrace(res.Counterexample.Execution))
}

func TestCheckPassesASafeProtocol(t *testing.T) {
	rec := &recorder{name: "TestMutex"}
	res := explore.Check(rec, protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 1}))
	assert.False(t, rec.failed, rec.out.String())
	assert.Equal(t, explore.Safe, res.Verdict)
}

func TestCheckLogsAnUnknownVerdictWithoutFailing(t *testing.T) {
	rec := &recorder{name: "TestMutex"}
	res := explore.Check(rec, protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 1}),
		explore.WithMaxExecutions(3), explore.WithSymmetry(false))
	assert.False(t, rec.failed)
	assert.Equal(t, explore.Unknown, res.Verdict)
	assert.Contains(t, rec.out.String(), "verdict unknown")
}

func TestReplayFailsOnABadSchedule(t *testing.T) {
	for _, text := range []string{"0.q", "7", "0"} {
		rec := &recorder{name: "TestReplay"}
		e := explore.Replay(rec, protocols.Naive.Program(protocols.DefaultWorkload), text)
		assert.Nil(t, e)
		assert.True(t, rec.failed, text)
	}
}
