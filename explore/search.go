package explore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Explore searches the executions of prog as c says and returns what it
// found. It returns an error for a bad Config or a model that is not
// deterministic (wrapping scheduler.ErrNondeterministic); a cancelled ctx
// ends the search early with verdict Unknown and the statistics so far.
func Explore(ctx context.Context, prog model.Program, c Config) (*Result, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	c.Symmetry = c.Symmetry && prog.Identical
	s, err := NewStrategy(&c)
	if err != nil {
		return nil, err
	}
	return Search(ctx, prog, s, c)
}

// Search runs strategy s over prog: the search loop behind Explore, for a
// strategy built by hand.
func Search(ctx context.Context, prog model.Program, s Strategy, c Config) (*Result, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	if prog.Build == nil {
		return nil, errors.New("program has no Build function")
	}
	res := &Result{Program: prog.Name, Memory: c.Memory, Strategy: c.Strategy,
		Symmetry: c.Symmetry, Preemptions: c.Preemptions}
	start := time.Now()
	lastProgress := start
	outcomes := map[uint64]struct{}{}
	found := map[model.Kind]bool{}
	ctx, cancel := withTimeLimit(ctx, c.Timeout)
	defer cancel()
	opt := c.schedulerOptions()
	opt.Cancel = ctx.Done() // a time limit or an interrupt stops an execution too
	exhausted := false
	for {
		if res.Stats.Executions >= c.MaxExecutions {
			res.Reason = fmt.Sprintf("stopped after %d executions (the execution limit); raise it, or use a reduction", res.Stats.Executions)
			break
		}
		if ctx.Err() != nil {
			res.Reason = stopReason(ctx, c, res.Stats, nil)
			break
		}
		if !s.Begin() {
			exhausted = true
			break
		}
		e := scheduler.Run(prog, s, opt)
		if e.Status == scheduler.Interrupted { // counted, not shown: it has no end
			res.Stats.Executions++
			res.Stats.Steps += e.Steps
			res.Reason = stopReason(ctx, c, res.Stats, e)
			break
		}
		opt.SizeHint = max(opt.SizeHint, len(e.World.Events()), len(e.Schedule))
		if err := s.End(e); err != nil {
			return nil, err
		}
		st := &res.Stats
		st.Executions++
		st.Steps += e.Steps
		switch e.Status {
		case scheduler.StepBound:
			st.StepBound++
		case scheduler.Finished, scheduler.Deadlocked, scheduler.Panicked:
			outcomes[e.World.OutcomeHash()] = struct{}{}
		}
		bad := false
		for _, v := range e.Violations() {
			acceptable := slices.Contains(prog.Acceptable, v.Kind)
			bad = bad || !acceptable
			found[v.Kind] = true
		}
		if len(e.Violations()) > 0 {
			ce := &Counterexample{Schedule: e.Schedule, Execution: e, Run: st.Executions - 1}
			if sd, ok := s.(Seeded); ok {
				ce.Seed = sd.Seed()
			}
			if res.Counterexample == nil || (bad && res.Counterexample.acceptableOnly(prog)) {
				res.Counterexample = ce
			}
			for _, v := range e.Violations() {
				if res.ByKind[v.Kind] == nil {
					if res.ByKind == nil {
						res.ByKind = map[model.Kind]*Counterexample{}
					}
					res.ByKind[v.Kind] = ce
				}
			}
		}
		if c.Progress != nil && time.Since(lastProgress) >= c.ProgressEvery {
			lastProgress = time.Now()
			st.Elapsed = time.Since(start)
			st.Outcomes = len(outcomes)
			c.Progress(*st)
		}
		if bad && c.StopAtFirst {
			res.Reason = fmt.Sprintf("stopped at the first violation, after %d executions", st.Executions)
			break
		}
	}
	if tc, ok := s.(interface{ Traces() int }); ok {
		res.Stats.Traces = tc.Traces()
	}
	if sb, ok := s.(interface{ SleepBlocked() int }); ok {
		res.Stats.SleepBlocked = sb.SleepBlocked()
	}
	res.Stats.Elapsed = time.Since(start)
	res.Stats.Outcomes = len(outcomes)
	for _, k := range model.Kinds {
		if !found[k] {
			continue
		}
		if slices.Contains(prog.Acceptable, k) {
			res.Acceptable = append(res.Acceptable, k)
		} else {
			res.Violations = append(res.Violations, k)
		}
	}
	cut := incomplete(s)
	res.Complete = exhausted && s.Exhaustive() && res.Stats.StepBound == 0 && cut == ""
	switch {
	case !exhausted:
		// res.Reason names the limit that cut the search.
	case cut != "":
		res.Reason = cut
	case !s.Exhaustive() && len(res.Violations) == 0:
		res.Reason = fmt.Sprintf("strategy %s samples: %d executions found no violation, which does not prove there is none", c.Strategy, res.Stats.Executions)
	case !s.Exhaustive():
		res.Reason = fmt.Sprintf("strategy %s samples: %d executions, so other kinds of violation may exist", c.Strategy, res.Stats.Executions)
	case res.Stats.StepBound > 0:
		res.Reason = fmt.Sprintf("%d executions were cut off by the step bound: a thread may be spinning", res.Stats.StepBound)
	}
	switch {
	case len(res.Violations) > 0:
		res.Verdict = Violation
	case res.Complete:
		res.Verdict = Safe
	default:
		res.Verdict = Unknown
	}
	return res, nil
}

// acceptableOnly reports whether every violation of the counterexample is
// of a kind prog declares acceptable.
func (c *Counterexample) acceptableOnly(prog model.Program) bool {
	for _, v := range c.Violations() {
		if !slices.Contains(prog.Acceptable, v.Kind) {
			return false
		}
	}
	return true
}

// incomplete is the reason a strategy gives for not having covered every
// execution although it ran out of them (a preemption bound), or "".
func incomplete(s Strategy) string {
	if ic, ok := s.(interface{ Incomplete() string }); ok {
		return ic.Incomplete()
	}
	return ""
}
