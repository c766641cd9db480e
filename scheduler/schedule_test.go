package scheduler_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/scheduler"
)

func decisionGen() *rapid.Generator[scheduler.Decision] {
	return rapid.Custom(func(t *rapid.T) scheduler.Decision {
		kind := scheduler.DecisionKind(rapid.IntRange(0, 2).Draw(t, "kind"))
		d := scheduler.Decision{Kind: kind}
		switch kind {
		case scheduler.ThreadDecision:
			d.Thread = rapid.IntRange(0, 70).Draw(t, "thread")
		case scheduler.FlushDecision:
			d.Thread = rapid.IntRange(0, 70).Draw(t, "thread")
			d.Arg = rapid.IntRange(0, 500).Draw(t, "loc")
		case scheduler.ChoiceDecision:
			d.Arg = rapid.IntRange(0, 9).Draw(t, "value")
		}
		return d
	})
}

func TestScheduleTextRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Few distinct decisions make long runs, which exercise "x<n>".
		pool := rapid.SliceOfN(decisionGen(), 1, 3).Draw(t, "pool")
		idx := rapid.SliceOf(rapid.IntRange(0, len(pool)-1)).Draw(t, "indexes")
		s := scheduler.Schedule{}
		for _, i := range idx {
			s = append(s, pool[i])
		}
		text := s.String()
		assert.Regexp(t, `^(-|[0-9a-z.:]+)$`, text, "text must be shell-safe")
		back, err := scheduler.Parse(text)
		require.NoError(t, err)
		if diff := cmp.Diff(s, back); diff != "" {
			t.Fatalf("round trip of %q (-want +got):\n%s", text, diff)
		}
	})
}

func TestScheduleTextExamples(t *testing.T) {
	s := scheduler.Schedule{
		{Kind: scheduler.ThreadDecision, Thread: 0}, {Kind: scheduler.ThreadDecision, Thread: 0},
		{Kind: scheduler.ThreadDecision, Thread: 0}, {Kind: scheduler.ThreadDecision, Thread: 1},
		{Kind: scheduler.ChoiceDecision, Arg: 1}, {Kind: scheduler.FlushDecision, Thread: 1, Arg: 4},
		{Kind: scheduler.ThreadDecision, Thread: 12},
	}
	assert.Equal(t, "0x3.1.c1.f1:4.12", s.String())
	assert.Equal(t, "-", scheduler.Schedule{}.String())
}

func TestParseRejectsMalformedTextWithItsPosition(t *testing.T) {
	tests := []struct {
		text string
		pos  int
	}{
		{"", 1},
		{".", 1},
		{"0.", 3},
		{"0..1", 3},
		{"q", 1},
		{"0.1q", 4},
		{"0x", 3},
		{"0x1", 3},
		{"0x0", 3},
		{"0x99999999", 3},
		{"f", 2},
		{"f1", 3},
		{"f1:", 4},
		{"c", 2},
		{"01", 1},
		{"0,1", 2},
		{"0 1", 2},
		{"99999999999999999999", 1},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			_, err := scheduler.Parse(tc.text)
			var pe *scheduler.ParseError
			require.True(t, errors.As(err, &pe), "Parse(%q) = %v, want a *ParseError", tc.text, err)
			assert.Equal(t, tc.pos, pe.Pos, "position in %q: %v", tc.text, err)
			assert.Contains(t, err.Error(), "position")
		})
	}
}
