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
// found. It returns an error for a bad Config, a model that is not
// deterministic (wrapping scheduler.ErrNondeterministic) or checked code
// that starts a goroutine with a go statement (wrapping
// model.ErrUnmanagedGoroutine); a cancelled ctx
// ends the search early with verdict Unknown and the statistics so far.
func Explore(ctx context.Context, prog model.Program, c Config) (*Result, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	c.identical = prog.Identical || prog.Groups != nil
	if c.Workers > 1 && Splittable(c) && !symmetryOrderApplies(prog, c) {
		return exploreParallel(ctx, prog, c)
	}
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
	res := &Result{Program: prog.Name, Memory: c.Memory, Preemptions: c.Preemptions}
	start := time.Now()
	lastProgress := start
	outcomes := map[uint64]struct{}{}
	found := map[model.Kind]bool{}
	ctx, cancel := withTimeLimit(ctx, c.Timeout)
	defer cancel()
	opt := c.schedulerOptions()
	opt.Cancel = ctx.Done() // a time limit or an interrupt stops an execution too
	exhausted := false
	var spin spinCut // the first cut execution that ended with a thread spinning
	threads := 0     // the most threads an execution had
	var kinds []model.Kind
	for {
		if res.Stats.Executions >= c.MaxExecutions {
			res.Reason = fmt.Sprintf("stopped after %s (the execution limit); raise it, or use a reduction", plural(res.Stats.Executions, "execution"))
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
		if err := e.World.Unmanaged(); err != nil {
			return nil, fmt.Errorf("execution %d: %w", res.Stats.Executions+1, err)
		}
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
		threads = max(threads, len(e.World.Threads()))
		st := &res.Stats
		st.Executions++
		st.Steps += e.Steps
		switch e.Status {
		case scheduler.StepBound:
			st.StepBound++
			if tid, ok := e.Spinning(); ok && !spin.found {
				spin = spinCutOf(e, tid)
			}
		case scheduler.Finished, scheduler.Deadlocked, scheduler.Panicked:
			outcomes[e.World.OutcomeHash()] = struct{}{}
		}
		bad := false
		kinds = e.World.ViolationKinds(kinds[:0])
		for _, k := range kinds {
			acceptable := slices.Contains(prog.Acceptable, k)
			bad = bad || !acceptable
			found[k] = true
		}
		if len(kinds) > 0 {
			ce := &Counterexample{Schedule: e.Schedule, Execution: e, Run: st.Executions - 1}
			if cov := s.Coverage(); cov.Seeded {
				ce.Seed = cov.Seed
			}
			if res.Counterexample == nil || (bad && res.Counterexample.acceptableOnly(prog)) {
				res.Counterexample = ce
			}
			for _, k := range kinds {
				if res.ByKind[k] == nil {
					if res.ByKind == nil {
						res.ByKind = map[model.Kind]*Counterexample{}
					}
					res.ByKind[k] = ce
				}
			}
		}
		if c.Progress != nil && time.Since(lastProgress) >= c.ProgressEvery {
			lastProgress = time.Now()
			st.Elapsed = time.Since(start)
			st.Outcomes = len(outcomes)
			strategyStats(st, s, found)
			c.Progress(*st)
		}
		if bad && c.StopAtFirst {
			res.part.stopped = true
			res.Reason = fmt.Sprintf("stopped at the first violation, after %s", plural(st.Executions, "execution"))
			break
		}
	}
	strategyStats(&res.Stats, s, found)
	cov := s.Coverage()
	res.Strategy, res.Symmetry, res.Sampling = cov.Name, cov.Symmetry, !cov.Exhaustive
	res.Stats.Elapsed = time.Since(start)
	res.Stats.Outcomes = len(outcomes)
	res.part.outcomes = outcomes
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
	res.Complete = exhausted && cov.Exhaustive && res.Stats.StepBound == 0 && cov.Cut == ""
	switch {
	case !exhausted:
		// res.Reason names the limit that cut the search.
	case cov.Cut != "":
		res.Reason = cov.Cut
	case !cov.Exhaustive && len(res.Violations) == 0:
		res.Reason = fmt.Sprintf("strategy %s samples: %d executions found no violation, which does not prove there is none", cov.Name, res.Stats.Executions)
	case !cov.Exhaustive:
		res.Reason = fmt.Sprintf("strategy %s samples: %d executions, so other kinds of violation may exist", cov.Name, res.Stats.Executions)
	case res.Stats.StepBound > 0:
		res.Reason = stepBoundReason(res.Stats.StepBound, spin, opt.MaxSteps)
	}
	if !exhausted && threads > manyThreads && !res.part.stopped {
		res.Reason += fmt.Sprintf("; executions ran %d threads, and the interleavings grow exponentially with them, "+
			"while most concurrency bugs show with 2 or 3: check with fewer goroutines (a test of its own, or -getter with -threads)", threads)
	}
	if !exhausted && res.Stats.StepBound > 0 {
		// A limit stopped the search, and it had already cut executions
		// off: say so, the limit is rarely the first thing to fix then.
		res.Reason += "; before that, " + stepBoundReason(res.Stats.StepBound, spin, opt.MaxSteps)
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

// manyThreads is the thread count beyond which a search that a limit
// stopped suggests checking fewer. Of the real concurrency bugs Lu, Park,
// Seo and Zhou studied ("Learning from mistakes", ASPLOS 2008), 96% of
// the non-deadlock ones need only two threads.
const manyThreads = 8

// spinCut is where a thread spun when the step bound cut its execution.
type spinCut struct {
	found  bool
	thread string
	site   *model.Site // its last step's source position; nil if unknown
}

// spinCutOf describes thread tid, spinning at the end of e.
func spinCutOf(e *scheduler.Execution, tid int) spinCut {
	c := spinCut{found: true, thread: e.World.Threads()[tid].Name()}
	evs := e.World.Events()
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Thread == tid && evs[i].Op != model.OpFlush {
			c.site = evs[i].Site
			break
		}
	}
	return c
}

// stepBoundReason says how many executions the step bound cut off and
// why, as far as their last steps tell.
func stepBoundReason(n int, spin spinCut, maxSteps int) string {
	if maxSteps <= 0 {
		maxSteps = scheduler.DefaultMaxSteps
	}
	cut := fmt.Sprintf("%s cut off by the step bound", plural(n, "execution"))
	if !spin.found {
		return fmt.Sprintf("%s (no thread was repeating itself: one execution needed more than %d steps; raise the step limit, -max-steps)", cut, maxSteps)
	}
	at := ""
	if spin.site != nil {
		at = fmt.Sprintf(" at %s %q", spin.site.Pos, spin.site.Text)
	}
	return fmt.Sprintf("%s (%s was spinning%s: its last steps repeat the same reads of the same values; "+
		"make the loop a wait, Thread.Spin in a model or for cond { } with an empty body in Go code, or bound it)", cut, spin.thread, at)
}
