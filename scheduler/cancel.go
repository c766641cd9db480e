package scheduler

// pollSteps is how often, in steps, an execution polls Options.Cancel. A
// step costs from about a microsecond (DFS, few threads) to well over
// 100 µs (DPOR with 64 threads, a cost that grows with the execution), so
// polls come within a few milliseconds; a poll (a non-blocking receive,
// some 20 ns) every 64 steps adds well under 1% even to the cheapest
// steps, and between polls a step costs one compare, as before.
const pollSteps = 64

// nextLimit is the step count at which the runner next stops to look: the
// step bound, or the next poll of cancel if that comes first.
func (r *runner) nextLimit() int {
	if r.cancel == nil {
		return r.maxSteps
	}
	return min(r.maxSteps, r.steps+pollSteps)
}

// atLimit is called when the step count reaches r.limit: it reports
// StepBound at the bound, Interrupted if cancel is closed, and otherwise
// sets the next limit and reports Finished (go on).
func (r *runner) atLimit() Status {
	if r.steps >= r.maxSteps {
		return StepBound
	}
	select {
	case <-r.cancel:
		return Interrupted
	default:
	}
	r.limit = r.nextLimit()
	return Finished
}
