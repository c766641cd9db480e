package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// ReplaySchedule parses a schedule's text form and replays it on prog
// strictly (see scheduler.Replay) under c's memory model, step bound and
// race detection. Errors wrap *scheduler.ParseError for malformed text,
// *scheduler.MismatchError for a schedule that does not fit prog, and
// scheduler.ErrNondeterministic for a model that is not deterministic, so
// that errors.As and errors.Is tell them apart.
func ReplaySchedule(prog model.Program, text string, c Config) (*scheduler.Execution, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	sched, err := scheduler.Parse(text)
	if err != nil {
		return nil, err
	}
	e, err := scheduler.Replay(prog, sched, c.schedulerOptions())
	if err != nil {
		return nil, fmt.Errorf("replaying %s on %s: %w", text, prog.Name, err)
	}
	return e, nil
}
