package explore

import (
	"slices"
	"time"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Verdict is the answer of a search.
type Verdict string

const (
	// Safe: an exhaustive search finished and found no violation (other
	// than kinds the program declares acceptable).
	Safe Verdict = "safe"
	// Violation: some execution broke the contract; see the counterexample.
	Violation Verdict = "violation"
	// Unknown: a limit was hit, or a sampling strategy found nothing. Never
	// read it as safe.
	Unknown Verdict = "unknown"
)

// Result is what a search found.
type Result struct {
	Program  string
	Memory   model.Memory
	Strategy string
	// Symmetry says symmetry reduction was applied: the search covered one
	// representative per class of executions equal up to a permutation of
	// the identical workers. Stats then count the representatives: their
	// executions, and the distinct outcomes among them (an outcome and its
	// renaming may both appear, or only one).
	Symmetry bool
	// Sampling says the strategy samples executions (random, pct): finding
	// nothing proves nothing.
	Sampling bool
	// Preemptions is the preemption bound the search ran under; nil if none.
	Preemptions *int
	Verdict     Verdict
	// Violations are the distinct kinds found that the program does not
	// declare acceptable, in the order of model.Kinds.
	Violations []model.Kind
	// Acceptable are the distinct kinds found that the program declares
	// acceptable.
	Acceptable []model.Kind
	// Counterexample is the first execution with a violation that is not
	// acceptable (or, if there is none, with an acceptable one); nil if no
	// execution had a violation.
	Counterexample *Counterexample
	// ByKind holds, for every kind found, the first execution in which it
	// was detected (the same *Counterexample as Counterexample where they
	// coincide), so that a report can show the most telling one.
	ByKind map[model.Kind]*Counterexample
	// Complete is whether the search covered every execution: an exhaustive
	// strategy ran out of executions, no limit cut it and no execution was
	// cut off by the step bound. Only then are Violations and Acceptable
	// every kind that can occur; a Violation verdict may be incomplete.
	Complete bool
	// Reason says why the search is not complete; empty if it is.
	Reason string
	Stats  Stats

	// part is what a merge of split searches needs (split_merge.go).
	part partData
}

// partData is what merging the results of a split search's subtrees needs
// beyond a Result's exported fields.
type partData struct {
	outcomes   map[uint64]struct{}
	signatures map[Signature]struct{} // nil where traces are not counted
	// stopped: the search stopped at its first violation (StopAtFirst).
	stopped bool
}

// Counterexample is one execution that broke the contract.
type Counterexample struct {
	Schedule  scheduler.Schedule
	Execution *scheduler.Execution
	// Run is the index of the execution in the search (0-based).
	Run int
	// Seed is the seed of a sampling strategy, if one was used.
	Seed uint64
}

// Violations are the violations of the counterexample's execution.
func (c *Counterexample) Violations() []model.Violation { return c.Execution.Violations() }

// Stats are a search's statistics.
type Stats struct {
	// Executions performed, including abandoned ones.
	Executions int
	// Steps performed over all executions.
	Steps int
	// Elapsed wall time.
	Elapsed time.Duration
	// Outcomes is the number of distinct final outcomes (model.World.Outcome).
	Outcomes int
	// StepBound counts executions cut off by the step bound.
	StepBound int
	// Traces counts the distinct traces explored, under Equivalence, where
	// the strategy computes them; Equivalence is empty (and Traces 0) where
	// it does not (DFS, the sampling strategies: wrap one in CountTraces).
	Traces      int
	Equivalence string
	// SleepBlocked counts executions a partial-order reduction abandoned
	// because every enabled thread was asleep.
	SleepBlocked int
	// States is the number of states a stateful search (Config.StateCache)
	// stored, StateBytes an estimate of their memory, and Pruned the
	// executions it abandoned at a state already explored; 0 otherwise.
	States, StateBytes, Pruned int
	// Found are the distinct violation kinds found so far, acceptable ones
	// included, in the order of model.Kinds: what a progress report shows
	// (a Result sorts them into Violations and Acceptable).
	Found []model.Kind
}

// strategyStats fills in what the strategy counts (traces, sleep-set
// blocked executions) and the kinds found, for a progress report or the
// result.
func strategyStats(st *Stats, s Strategy, found map[model.Kind]bool) {
	cov := s.Coverage()
	st.Traces, st.Equivalence, st.SleepBlocked = cov.Traces, cov.Equivalence, cov.SleepBlocked
	st.States, st.StateBytes, st.Pruned = cov.States, cov.StateBytes, cov.Pruned
	st.Found = nil
	for _, k := range model.Kinds {
		if found[k] {
			st.Found = append(st.Found, k)
		}
	}
}

// Pick chooses the counterexample a report shows, and the kind it shows it
// for: the first execution with kind want if one was found, else the first
// with the most serious kind found (in the order of model.Kinds, which puts
// the singleton contract before data races, and kinds the program does not
// declare acceptable before those it does), else the first counterexample.
// It returns nil and "" when no execution had a violation.
func (r *Result) Pick(want model.Kind) (*Counterexample, model.Kind) {
	if ce := r.ByKind[want]; want != "" && ce != nil {
		return ce, want
	}
	for _, ks := range [][]model.Kind{r.Violations, r.Acceptable} {
		for _, k := range model.Kinds {
			if ce := r.ByKind[k]; ce != nil && slices.Contains(ks, k) {
				return ce, k
			}
		}
	}
	if ce := r.Counterexample; ce != nil && len(ce.Violations()) > 0 {
		return ce, ce.Violations()[0].Kind
	}
	return r.Counterexample, ""
}

// Incomplete is the warning every report of an incomplete search carries
// (Complete false): the kinds it lists may not be all.
const Incomplete = "search incomplete: other kinds may exist"
