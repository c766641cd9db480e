package explore

import (
	"errors"
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// ErrNotSeeded is returned by ReplayRun for a strategy whose executions a
// seed does not determine (an exhaustive one): replay its schedule instead.
var ErrNotSeeded = errors.New("the strategy is not seeded: replay the counterexample's schedule instead")

// ReplayRun regenerates run `run` (0-based) of the sampling search that c
// describes (c.Strategy, c.Seed, c.Runs, c.Depth, c.Memory…) and returns the
// same execution, with the same schedule and trace, as the search performed.
// The execution is then replayed strictly from its schedule and the two are
// compared, so that a model that is not deterministic gives
// scheduler.ErrNondeterministic rather than a trace that differs from the
// search's.
//
// run must be in [0, c.Runs) (c.Runs 0 is the strategy's default). A random
// walk jumps to the run; PCT re-performs the runs before it, since its
// estimate of an execution's length is learnt from them.
func ReplayRun(prog model.Program, c Config, run int) (*scheduler.Execution, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	if prog.Build == nil {
		return nil, errors.New("program has no Build function")
	}
	s, err := NewStrategy(&c)
	if err != nil {
		return nil, err
	}
	if !s.Coverage().Seeded {
		return nil, fmt.Errorf("strategy %s: %w", c.Strategy, ErrNotSeeded)
	}
	if run < 0 || run >= c.Runs {
		return nil, fmt.Errorf("run %d out of range: a search of %d runs has runs 0 to %d (the run index is 0-based; set the runs to the search's if they differ)",
			run, c.Runs, c.Runs-1)
	}
	opt := c.schedulerOptions()
	if sk, ok := s.(interface{ skipTo(int) }); ok {
		sk.skipTo(run)
	} else {
		for range run {
			if !s.Begin() {
				return nil, fmt.Errorf("strategy %s ended before run %d", c.Strategy, run)
			}
			if err := s.End(scheduler.Run(prog, s, opt)); err != nil {
				return nil, err
			}
		}
	}
	if !s.Begin() {
		return nil, fmt.Errorf("strategy %s ended before run %d", c.Strategy, run)
	}
	e := scheduler.Run(prog, s, opt)
	if err := s.End(e); err != nil {
		return nil, err
	}
	again, err := scheduler.Replay(prog, e.Schedule, opt)
	if err != nil {
		return nil, fmt.Errorf("run %d of %s seed %d does not replay from its schedule %s: %w", run, c.Strategy, c.Seed, e.Schedule, err)
	}
	if !scheduler.SameEvents(e.World.Events(), again.World.Events()) {
		return nil, fmt.Errorf("run %d of %s seed %d: %w", run, c.Strategy, c.Seed, scheduler.ErrNondeterministic)
	}
	return e, nil
}
