package explore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// A split search divides the search tree of an exhaustive strategy into
// disjoint subtrees, each named by the prefix of decisions its executions
// start with, explores each subtree on its own (on several goroutines,
// parallel.go, or on several machines, shard.go), and merges their results
// in the order of their prefixes (split_merge.go), so that the result does
// not depend on who explored what or when.
//
// The prefixes. Starting from the empty prefix, every prefix is extended,
// level by level, by each alternative the strategy would explore at the
// point it leads to (its branches, below), until there are at least
// splitTargetFor prefixes or they are splitMaxDepth decisions long; a prefix
// whose execution ends before its point is a subtree of one execution. The
// enumeration is a short execution per prefix (a probe) and depends only
// on the program, the configuration and the number of shards (at least one
// subtree per shard), never on the number of workers.
//
// Why the union of the subtrees covers what the whole search covers:
//
//   - DFS: its tree does not depend on the order of exploration. A subtree
//     is exactly the part of the whole search below its prefix: the union
//     is the whole search, execution for execution, and the subtrees in
//     prefix order are the whole search in its own order. Symmetry and a
//     preemption bound are filters on each decision (bound_wrap.go); they
//     see the prefix's decisions as in the whole search (a bound counts its
//     cuts in every subtree that passes through them).
//   - DPOR (optimal and source): the prefix frames are pinned
//     (dpor_split.go) and the subtree below a prefix is DPOR started from
//     the state after it, with an empty sleep set and no wakeup tree: it
//     explores at least one execution of every trace that has an execution
//     starting with that prefix (DPOR from a state covers every trace from
//     that state; the prefix's events precede every later one, so they lie
//     on no dependency chain between two later events and change no race
//     among them; a race with a prefix event is reversed at a pinned frame,
//     which would start another prefix: it is dropped, and that prefix is
//     among the subtrees). At each prefix level every process DPOR can
//     select is a branch, except threads symmetry hides, which have not
//     moved and whose representative has not either: the execution that
//     starts with a hidden thread is its representative's renamed
//     (dpor_symmetry.go), and the prefix before it, in which neither moved,
//     is unchanged by the renaming. Every execution starts with one of the
//     prefixes or is one of the short ones, so every trace has an execution
//     in some subtree: the union covers every trace, and a merged verdict
//     is sound. Without sleep sets across sibling subtrees, a trace that can
//     start with either of two independent steps is explored in both:
//     merged trace counts are the number of distinct trace signatures
//     (trace_signature.go) over all subtrees, not a sum, and equal the
//     whole search's where that counts every trace once per trace (optimal
//     DPOR without symmetry); executions are a sum and may exceed the whole
//     search's.
//   - Bounded partial-order reduction is not split: its conservative
//     backtrack points reach back across frames (dpor_bound.go), into what
//     would be pinned. The sampling strategies are not split either.
//
// Run indices of counterexamples count executions from the start of the
// first subtree, in prefix order; the first subtree is the whole search's
// first part (each prefix level puts the strategy's own first choice
// first), so a counterexample found there is the whole search's.

// splitter is a strategy that can explore one subtree of a split search.
type splitter interface {
	Strategy
	// pin makes every execution start with prefix and the strategy never
	// backtrack into it. It is called before the first Begin.
	pin(prefix scheduler.Schedule)
	// branches is, at a point just past the pinned prefix, the alternatives
	// a split search must branch on there, the strategy's own first choice
	// first. It may change the strategy's state: the execution ends there.
	branches(p *scheduler.Point) []scheduler.Decision
	// signatures is the set of trace signatures explored, nil where the
	// strategy does not count traces.
	signatures() map[Signature]struct{}
	// splittable reports whether the strategy, as configured, can be split.
	splittable() bool
}

// How far a split goes (see above): DFS's subtrees share no work, so many
// balance the load; DPOR's each repeat the traces their prefixes do not
// tell apart, so few keep the repeated work small (two, or one per shard).
const (
	splitTarget    = 16
	splitTargetPOR = 2
	splitMaxDepth  = 12
)

// splitTargetFor is the number of subtrees a split of c's search into
// shards aims at (1 for a parallel search).
func splitTargetFor(c Config, shards int) int {
	if c.Strategy == "dfs" {
		return max(splitTarget, shards)
	}
	return max(splitTargetPOR, shards)
}

// subtree is one part of a split search.
type subtree struct {
	prefix scheduler.Schedule
	// leaf: the prefix is a whole execution (it ended before a branch).
	leaf bool
}

// unitStrategy builds the strategy of one subtree (or of a probe), as
// Explore would build it for prog.
func unitStrategy(prog model.Program, c Config) (splitter, error) {
	c.identical = prog.Identical || prog.Groups != nil
	s, err := NewStrategy(&c)
	if err != nil {
		return nil, err
	}
	sp, ok := s.(splitter)
	if !ok || !sp.splittable() {
		return nil, fmt.Errorf("strategy %s cannot be split into subtrees (%w)", c.Strategy, ErrNotSplittable)
	}
	return sp, nil
}

// ErrNotSplittable is wrapped by the error of a parallel or sharded search
// whose strategy cannot be split: the sampling strategies, and DPOR under a
// preemption bound. Run such a search with one worker and no shards.
var ErrNotSplittable = fmt.Errorf("only dfs, and dpor and source-dpor without a preemption bound, can be split; use one worker and no -shard")

// Splittable reports whether a search configured by c can be split into
// subtrees (run with Config.Workers > 1, or as shards).
func Splittable(c Config) bool {
	if c.Normalize() != nil {
		return false
	}
	s, err := NewStrategy(&c)
	if err != nil {
		return false
	}
	sp, ok := s.(splitter)
	return ok && sp.splittable()
}

// symmetryOrderApplies reports whether c's search of prog uses DPOR's
// symmetry order (dpor_symmetry.go: DPOR with symmetry, no preemption
// bound, a program with interchangeable threads; under TSO and PSO in its
// buffered mode). That
// reduction does not split: the argument above needs hidden threads that
// have not moved, and subtrees without each other's sleep sets would
// explore different representatives of one orbit, so neither the coverage
// argument nor the trace count would carry over. Such a search runs on one
// worker and is not sharded.
func symmetryOrderApplies(prog model.Program, c Config) bool {
	c.identical = prog.Identical || prog.Groups != nil
	return c.symmetry() && c.Preemptions == nil &&
		(c.Strategy == "dpor" || c.Strategy == "source-dpor")
}

// ErrSymmetryOrderNotSplittable is wrapped by the error of a sharded search
// that symmetryOrderApplies to.
var ErrSymmetryOrderNotSplittable = errors.New("DPOR's symmetry reduction cannot be split into shards: shard with symmetry off (-symmetry=false), or run the search whole (with symmetry it is usually small)")

// splitTree enumerates the subtrees of prog's search under c, for a split
// into shards (1 for a parallel search), in the order the merge takes them.
func splitTree(ctx context.Context, prog model.Program, c Config, shards int) ([]subtree, error) {
	units := []subtree{{}}
	target := splitTargetFor(c, shards)
	for depth := 0; depth < splitMaxDepth && len(units) < target; depth++ {
		var next []subtree
		grew := false
		for _, u := range units {
			if u.leaf {
				next = append(next, u)
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			bs, reached, err := probe(prog, c, u.prefix)
			if err != nil {
				return nil, err
			}
			if !reached {
				next = append(next, subtree{prefix: u.prefix, leaf: true})
				continue
			}
			for _, b := range bs {
				next = append(next, subtree{prefix: append(slices.Clone(u.prefix), b)})
			}
			grew = true
		}
		units = next
		if !grew {
			break
		}
	}
	return units, nil
}

// probe runs prog along prefix and returns the branches at the point after
// it, or reached false if the execution ended first.
func probe(prog model.Program, c Config, prefix scheduler.Schedule) (bs []scheduler.Decision, reached bool, err error) {
	s, err := unitStrategy(prog, c)
	if err != nil {
		return nil, false, err
	}
	s.pin(prefix)
	if !s.Begin() {
		return nil, false, fmt.Errorf("probing subtree %s: the strategy has no execution", prefix)
	}
	pr := &prober{s: s, n: len(prefix)}
	e := scheduler.Run(prog, pr, c.schedulerOptions())
	if pr.reached {
		return pr.branches, true, nil
	}
	if err := s.End(e); err != nil {
		return nil, false, fmt.Errorf("probing subtree %s: %w", prefix, err)
	}
	if e.Status == scheduler.Abandoned || len(e.Schedule) < len(prefix) {
		return nil, false, fmt.Errorf("probing subtree %s: the execution did not follow it: %w", prefix, scheduler.ErrNondeterministic)
	}
	return nil, false, nil
}

// prober follows the pinned prefix, then asks for the branches and ends the
// execution.
type prober struct {
	s        splitter
	n        int
	branches []scheduler.Decision
	reached  bool
}

func (p *prober) Decide(pt *scheduler.Point) int {
	if pt.Index < p.n {
		return p.s.Decide(pt)
	}
	p.reached = true
	p.branches = p.s.branches(pt)
	return -1
}

// exploreSubtree searches one subtree; the result keeps what a merge needs
// (outcome hashes, trace signatures).
func exploreSubtree(ctx context.Context, prog model.Program, c Config, u subtree) (*Result, error) {
	s, err := unitStrategy(prog, c)
	if err != nil {
		return nil, err
	}
	s.pin(u.prefix)
	res, err := Search(ctx, prog, s, c)
	if err != nil {
		return nil, fmt.Errorf("subtree %s: %w", u.prefix, err)
	}
	res.part.signatures = s.signatures()
	return res, nil
}
