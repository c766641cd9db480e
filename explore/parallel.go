package explore

import (
	"context"
	"sync"
	"time"

	"github.com/singlecheck/singlecheck/model"
)

// exploreParallel is a split search (split.go) whose subtrees c.Workers
// goroutines explore, each taking the next unexplored subtree in prefix
// order (a shared queue: a worker that finishes early takes more). The
// parts are merged in prefix order (split_merge.go), so the result is the
// same for any number of workers and any timing. Under StopAtFirst, a part
// that stops at a violation cancels the parts after it, never those before
// it, so the merge still sees every part up to the first that stopped.
//
// The workers share nothing but the program's Build function, which each
// execution calls afresh; programs that use the implicit running thread
// (model.Program.Implicit, ordinary Go code) run one execution at a time in
// a process whatever the number of workers (model/implicit.go).
func exploreParallel(ctx context.Context, prog model.Program, c Config) (*Result, error) {
	start := time.Now()
	ctx, cancel := withTimeLimit(ctx, c.Timeout)
	defer cancel()
	units, err := splitTree(ctx, prog, c, 1)
	if err != nil {
		if ctx.Err() != nil {
			return &Result{Program: prog.Name, Memory: c.Memory, Verdict: Unknown, Reason: stopReason(ctx, c, Stats{}, nil)}, nil
		}
		return nil, err
	}
	parts, err := runSubtrees(ctx, prog, c, units, start)
	if err != nil {
		return nil, err
	}
	res := mergeSubtrees(prog, c, units, parts, "")
	res.Stats.Elapsed = time.Since(start)
	return res, nil
}

// runSubtrees explores units on c.Workers goroutines and returns their
// results in order, up to and including the first that stopped at a
// violation (StopAtFirst).
func runSubtrees(ctx context.Context, prog model.Program, c Config, units []subtree, start time.Time) ([]*Result, error) {
	uc := c
	uc.Progress = nil
	var progress *progressSum
	if c.Progress != nil {
		progress = &progressSum{each: make([]Stats, len(units)), report: c.Progress, every: c.ProgressEvery, last: start, start: start}
	}
	parts := make([]*Result, len(units))
	errs := make([]error, len(units))
	ctxs := make([]context.Context, len(units))
	cancels := make([]context.CancelFunc, len(units))
	for i := range units {
		ctxs[i], cancels[i] = context.WithCancel(ctx)
		defer cancels[i]()
	}
	var mu sync.Mutex
	next, stop := 0, len(units) // stop: parts from here on are not wanted
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		if next >= stop {
			return -1
		}
		next++
		return next - 1
	}
	var wg sync.WaitGroup
	for range max(1, min(c.Workers, len(units))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := take(); i >= 0; i = take() {
				ucc := uc
				if progress != nil {
					ucc.Progress = func(st Stats) { progress.update(i, st) }
				}
				parts[i], errs[i] = exploreSubtree(ctxs[i], prog, ucc, units[i])
				if errs[i] == nil && parts[i].part.stopped {
					mu.Lock()
					if i+1 < stop {
						stop = i + 1
						for j := i + 1; j < len(units); j++ {
							cancels[j]()
						}
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs[:stop] {
		if err != nil {
			return nil, err
		}
	}
	return parts[:stop], nil
}

// progressSum adds up the progress of the parts of a parallel search and
// reports the sum about every ProgressEvery.
type progressSum struct {
	mu     sync.Mutex
	each   []Stats
	report func(Stats)
	every  time.Duration
	start  time.Time
	last   time.Time
}

func (p *progressSum) update(i int, st Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.each[i] = st
	if time.Since(p.last) < p.every {
		return
	}
	p.last = time.Now()
	var sum Stats
	found := map[model.Kind]bool{}
	for _, s := range p.each {
		sum.Executions += s.Executions
		sum.Steps += s.Steps
		sum.StepBound += s.StepBound
		sum.SleepBlocked += s.SleepBlocked
		sum.Traces += s.Traces // an upper bound: parts may share traces
		sum.Equivalence = max(sum.Equivalence, s.Equivalence)
		sum.Outcomes = max(sum.Outcomes, s.Outcomes)
		for _, k := range s.Found {
			found[k] = true
		}
	}
	for _, k := range model.Kinds {
		if found[k] {
			sum.Found = append(sum.Found, k)
		}
	}
	sum.Elapsed = time.Since(p.start)
	p.report(sum)
}
