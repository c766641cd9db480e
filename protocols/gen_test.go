package protocols_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
)

// Generated workloads are valid, within the bounds asked, and survive the
// key/value form of save files.
func TestWorkloadGen(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		maxT := rapid.IntRange(-2, protocols.MaxThreads+5).Draw(rt, "maxThreads")
		maxC := rapid.IntRange(-2, 20).Draw(rt, "maxCalls")
		w := protocols.WorkloadGen(maxT, maxC).Draw(rt, "workload")
		require.NoError(rt, w.Validate())
		require.LessOrEqual(rt, w.Threads, max(maxT, 1))
		require.LessOrEqual(rt, w.Calls, max(maxC, 1))
		back, err := protocols.WorkloadFromKeyValues(protocols.WorkloadKeyValues(w))
		require.NoError(rt, err)
		require.Equal(rt, w, back)
	})
}

func TestWorkloadFromKeyValuesBadInput(t *testing.T) {
	tests := []struct {
		kv   map[string]string
		want string
	}{
		{map[string]string{"threads": "x"}, `workload threads = "x": not a number`},
		{map[string]string{"threads": "0"}, "workload: threads = 0: must be between 1 and 64"},
		{map[string]string{"calls": "5000"}, "workload: calls = 5000: must be between 1 and 1000"},
		{map[string]string{"resets": "2"}, `workload key "resets" is unknown to this version`},
	}
	for _, tc := range tests {
		_, err := protocols.WorkloadFromKeyValues(tc.kv)
		assert.ErrorContains(t, err, tc.want)
	}
	w, err := protocols.WorkloadFromKeyValues(nil)
	require.NoError(t, err)
	assert.Equal(t, protocols.DefaultWorkload, w)
}

// One property over programs and schedules together: the mutex protocol
// holds for every generated workload under every rapid-drawn schedule.
func TestMutexHoldsForGeneratedWorkloadsAndSchedules(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		w := protocols.WorkloadGen(4, 3).Draw(rt, "workload")
		explore.RapidCheck(rt, protocols.Mutex.Program(w))
	})
}
