package scheduler_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/internal/heap"
	"github.com/singlecheck/singlecheck/scheduler"
)

// A text asking for more decisions than an execution can make, or for a
// thread the program does not have, is refused where it does so, as a
// *ParseError with Beyond set.
func TestParseRefusesWhatTheExecutionCannotUse(t *testing.T) {
	huge := strings.Repeat("0x1048576.", 63) + "0x1048576"
	tests := []struct {
		name string
		text string
		lim  scheduler.Limits
		pos  int
	}{
		{"one huge repeat, default bound", "0x1048576", scheduler.Limits{}, 3},
		{"64 huge repeats", huge, scheduler.Limits{}, 3},
		{"a run one past the bound", "0x10001", scheduler.Limits{}, 3},
		{"the second run passes the bound", "0x6000.1x4001", scheduler.Limits{}, 10},
		{"a single token passes the bound", "0x9999.1.0", scheduler.Limits{}, 10},
		{"flushes count as steps", "0x5.f0:1x6", scheduler.Limits{MaxSteps: 10}, 10},
		{"choices are bounded apart", "0.c0x3", scheduler.Limits{MaxSteps: 2}, 6},
		{"a missing thread", "0.1.2", scheduler.Limits{Threads: 2}, 5},
		{"flushing a missing thread", "0.f7:1", scheduler.Limits{Threads: 2}, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scheduler.ParseWithin(tc.text, tc.lim)
			var pe *scheduler.ParseError
			require.True(t, errors.As(err, &pe), "ParseWithin(%q) = %v, want a *ParseError", tc.text, err)
			assert.Equal(t, tc.pos, pe.Pos, "%v", err)
			assert.True(t, pe.Beyond, "%v", err)
			assert.Contains(t, err.Error(), "does not fit at position")
			assert.Equal(t, err, scheduler.Check(tc.text, tc.lim), "Check and ParseWithin disagree")
		})
	}
}

// What fits is accepted, up to the limit exactly.
func TestParseAcceptsUpToTheLimits(t *testing.T) {
	tests := []struct {
		text string
		lim  scheduler.Limits
		n    int
	}{
		{"0x10000", scheduler.Limits{}, 10_000},
		{"0x6000.1x4000.c1x10000", scheduler.Limits{}, 20_000},
		{"0x5.f0:1x5", scheduler.Limits{MaxSteps: 10}, 10},
		{"0.1.f1:3", scheduler.Limits{Threads: 2}, 3},
		{"0x1048576.0", scheduler.Limits{MaxSteps: 1<<20 + 1}, 1<<20 + 1},
	}
	for _, tc := range tests {
		s, err := scheduler.ParseWithin(tc.text, tc.lim)
		require.NoError(t, err, tc.text)
		assert.Len(t, s, tc.n, tc.text)
		assert.NoError(t, scheduler.Check(tc.text, tc.lim), tc.text)
	}
}

// Refusing a short text that asks for billions of decisions costs memory
// in proportion to the text, not to what it asks for: the 64-token text
// that used to take gigabytes is refused at its first count.
func TestParseRefusalIsLinearInTheText(t *testing.T) {
	for _, n := range []int{1, 16, 64, 4096} {
		text := strings.Repeat("0x1048576.", n-1) + "0x1048576"
		var err error
		b := heap.Bytes(20, func() { _, err = scheduler.Parse(text) })
		require.Error(t, err)
		assert.LessOrEqual(t, b, uint64(4096), "refusing %d tokens allocated %d bytes", n, b)
	}
	// A long text of single tokens is refused at the first token past the
	// bound, having built no more than the bound allows.
	text := strings.Repeat("0.", 1<<20) + "0"
	var err error
	b := heap.Bytes(20, func() { _, err = scheduler.Parse(text) })
	require.Error(t, err)
	assert.LessOrEqual(t, b, uint64(24*scheduler.DefaultMaxSteps+4096), "allocated %d bytes", b)
	b = heap.Bytes(20, func() { err = scheduler.Check(text, scheduler.Limits{}) })
	require.Error(t, err)
	assert.LessOrEqual(t, b, uint64(4096), "Check allocated %d bytes", b)
}

// String writes a run longer than the largest repeat count as several runs,
// so that what it prints parses back: 2^20+1 equal decisions used to print
// as "0x1048577", which Parse refused.
func TestStringOfALongRunParsesBack(t *testing.T) {
	const maxRepeat = 1 << 20
	for _, n := range []int{maxRepeat - 1, maxRepeat, maxRepeat + 1, 2*maxRepeat + 3} {
		s := make(scheduler.Schedule, n)
		text := s.String()
		back, err := scheduler.ParseWithin(text, scheduler.Limits{MaxSteps: n})
		require.NoError(t, err, "n=%d: %s", n, text)
		require.Len(t, back, n)
		assert.Equal(t, text, back.String())
	}
	assert.Equal(t, "0x1048576.0", make(scheduler.Schedule, maxRepeat+1).String())
}

// Property: String and ParseWithin agree on every schedule, including runs
// around and beyond the largest repeat count.
func TestScheduleTextRoundTripsOverLongRuns(t *testing.T) {
	const maxRepeat = 1 << 20
	rapid.Check(t, func(t *rapid.T) {
		pool := rapid.SliceOfN(decisionGen(), 1, 3).Draw(t, "pool")
		runs := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 0, 8).Draw(t, "runs")
		// One schedule in eight has one long run (none under the race
		// detector, where TestStringOfALongRunParsesBack covers them): they
		// are slow to build.
		long := -1
		if len(runs) > 0 && !raceEnabled && rapid.IntRange(0, 7).Draw(t, "has a long run") == 0 {
			long = rapid.IntRange(0, len(runs)-1).Draw(t, "long run")
		}
		var s scheduler.Schedule
		for i, p := range runs {
			n := rapid.IntRange(1, 5).Draw(t, "length")
			if i == long {
				n = rapid.SampledFrom([]int{maxRepeat - 1, maxRepeat, maxRepeat + 1, 2*maxRepeat + 1}).Draw(t, "long length")
			}
			s = append(s, slices.Repeat([]scheduler.Decision{pool[p]}, n)...)
		}
		text := s.String()
		back, err := scheduler.ParseWithin(text, scheduler.Limits{MaxSteps: max(len(s), 1)})
		require.NoError(t, err, "%.80s", text)
		if len(s) == 0 {
			s = scheduler.Schedule{}
		}
		if !slices.Equal(s, back) { // cmp.Diff only on failure: it is slow on long runs
			t.Fatalf("round trip of %.80q (-want +got):\n%.2000s", text, cmp.Diff(s, back))
		}
	})
}
