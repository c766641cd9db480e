package explore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// spinForever is a program whose one execution only the step bound ends:
// two threads spin on a flag nobody sets.
var spinForever = model.Program{Name: "spin", Build: func(w *model.World) []model.Body {
	flag := model.NewAtomic(w, "flag")
	body := func(t *model.Thread) {
		for flag.Load(t) == 0 {
		}
	}
	return []model.Body{body, body}
}}

// A time limit or a cancellation stops the search in the middle of an
// execution that would take ten million steps: the verdict is unknown, the
// reason names the cause, and the statistics count the execution cut off
// and its steps (which are far fewer than the step bound).
func TestStopInTheMiddleOfAnExecution(t *testing.T) {
	const bound = explore.MaxMaxSteps
	cancelled := func() context.Context {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(20*time.Millisecond, cancel)
		return ctx
	}
	withCause := func() context.Context {
		ctx, cancel := context.WithCancelCause(context.Background())
		time.AfterFunc(20*time.Millisecond, func() { cancel(errors.New("terminated")) })
		return ctx
	}
	tests := []struct {
		name    string
		ctx     func() context.Context
		timeout time.Duration
		reason  string
	}{
		{"time limit", context.Background, 20 * time.Millisecond, "stopped after 20ms (the time limit) and 1 execution, the last cut off after"},
		{"cancelled", cancelled, 0, "interrupted after 1 execution, the last cut off after"},
		{"cancelled with a cause", withCause, 0, "interrupted (terminated) after 1 execution, the last cut off after"},
	}
	for _, tc := range tests {
		for _, strategy := range []string{"dfs", "dpor", "random", "pct"} {
			t.Run(tc.name+"/"+strategy, func(t *testing.T) {
				res, err := explore.Explore(tc.ctx(), spinForever,
					explore.Config{Strategy: strategy, MaxSteps: bound, Timeout: tc.timeout})
				require.NoError(t, err)
				assert.Equal(t, explore.Unknown, res.Verdict)
				assert.Contains(t, res.Reason, tc.reason)
				assert.Equal(t, 1, res.Stats.Executions)
				assert.Zero(t, res.Stats.StepBound, "the execution ran to its step bound")
				assert.Positive(t, res.Stats.Steps)
				assert.Less(t, res.Stats.Steps, bound)
				assert.False(t, res.Complete)
			})
		}
	}
}
