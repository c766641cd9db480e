package explore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/singlecheck/singlecheck/scheduler"
)

// errTimeLimit is the cause of a search context whose Config.Timeout ran
// out, to tell it apart from a caller's cancellation.
var errTimeLimit = errors.New("the time limit")

// withTimeLimit turns c.Timeout into a deadline on ctx, so that one
// cancellation, polled between executions and inside them
// (scheduler.Options.Cancel), stops the search for either reason.
func withTimeLimit(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, timeout, errTimeLimit)
}

// stopReason says why ctx stopped a search after the executions in st; e,
// if not nil, is the execution it interrupted.
func stopReason(ctx context.Context, c Config, st Stats, e *scheduler.Execution) string {
	var why string
	switch cause := context.Cause(ctx); {
	case errors.Is(cause, errTimeLimit):
		why = fmt.Sprintf("stopped after %v (the time limit) and %s", c.Timeout, plural(st.Executions, "execution"))
	case cause == nil || errors.Is(cause, context.Canceled) || errors.Is(cause, context.DeadlineExceeded):
		why = fmt.Sprintf("interrupted after %s", plural(st.Executions, "execution"))
	default:
		why = fmt.Sprintf("interrupted (%v) after %s", cause, plural(st.Executions, "execution"))
	}
	if e != nil {
		why += fmt.Sprintf(", the last cut off after %d steps", e.Steps)
	}
	return why
}
