package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// ReplaySchedule parses a schedule's text form and replays it on prog
// strictly (see scheduler.Replay) under c's memory model, step bound and
// race detection. The text is refused before anything is built if it asks
// for more decisions than the step bound allows or a thread beyond the
// bound on threads (see scheduler.Limits). Errors wrap *scheduler.ParseError for
// malformed or oversized text,
// *scheduler.MismatchError for a schedule that does not fit prog, and
// scheduler.ErrNondeterministic for a model that is not deterministic, so
// that errors.As and errors.Is tell them apart.
func ReplaySchedule(prog model.Program, text string, c Config) (*scheduler.Execution, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	opt := c.schedulerOptions()
	sched, err := scheduler.ParseWithin(text, scheduler.LimitsOf(opt))
	if err != nil {
		return nil, err
	}
	e, err := scheduler.Replay(prog, sched, opt)
	if err != nil {
		return nil, fmt.Errorf("replaying %s on %s: %w", text, prog.Name, err)
	}
	return e, nil
}
