package explore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/singlecheck/singlecheck/scheduler"
)

// Strategy decides which executions a search performs, and in them every
// decision. The search loop calls Begin, runs one execution asking Decide at
// each decision point, then calls End; it stops when Begin reports false,
// and reads Coverage for what the search covered.
//
// The contract is closed: everything a search needs to know of a strategy
// besides its decisions is in the one value Coverage returns, so a wrapper
// that forwards Coverage (amending what it adds) cannot drop a bound's cut
// or a seed.
type Strategy interface {
	// Begin prepares the next execution and reports whether there is one.
	Begin() bool
	// Decide picks one of the point's alternatives, by index.
	Decide(p *scheduler.Point) int
	// End is told how the execution went. An error stops the search.
	End(e *scheduler.Execution) error
	// Coverage says what the executions so far covered.
	Coverage() Coverage
}

// Coverage is what a strategy's executions covered, and how to reproduce
// them.
type Coverage struct {
	// Name is the strategy's name as a result reports it (a preemption
	// bound turns dpor into source-dpor's bounded variant, say).
	Name string
	// Exhaustive says that running out of executions covers every
	// behaviour, unless Cut says otherwise: only then may a search that
	// found nothing be called safe.
	Exhaustive bool
	// Cut says why running out of executions did not cover everything (a
	// preemption bound left executions out); empty if nothing was cut.
	Cut string
	// Traces is the number of distinct traces explored, under Equivalence;
	// 0 and Equivalence empty when the strategy does not count them.
	Traces      int
	Equivalence string
	// SleepBlocked counts executions a partial-order reduction abandoned
	// because every enabled process was asleep.
	SleepBlocked int
	// States is the number of states a stateful search stored, StateBytes
	// an estimate of the memory they take, and Pruned the executions it
	// abandoned at a state already explored (statecache.go); all 0 for a
	// stateless search.
	States, StateBytes, Pruned int
	// Symmetry says symmetry reduction was applied (see symmetry.go).
	Symmetry bool
	// Seeded says every execution is a function of Seed and its run index
	// alone (see ReplayRun).
	Seeded bool
	Seed   uint64
}

// EquivalenceTraces names the trace equivalence of Stats.Traces: Mazurkiewicz
// traces of the model's dependency relation (model/deps.go), which under TSO
// and PSO are the classes of reads-from and coherence order.
const EquivalenceTraces = "mazurkiewicz traces (reads-from and coherence under tso and pso)"

// strategies maps a strategy name to its constructor. Each strategy lives in
// its own file.
var strategies = map[string]func(c *Config) (Strategy, error){
	"dfs":         newDFSStrategy,
	"dpor":        func(c *Config) (Strategy, error) { return withPORReductions(newDPOR(true), c) },
	"source-dpor": func(c *Config) (Strategy, error) { return withPORReductions(newDPOR(false), c) },
	"random":      newRandomStrategy,
	"pct":         newPCTStrategy,
}

// StrategyNames lists the known strategy names, sorted.
func StrategyNames() []string {
	names := make([]string, 0, len(strategies))
	for n := range strategies {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewStrategy builds the strategy c names, with c's defaults filled in
// (see Config.Normalize). It does not change c.
func NewStrategy(c *Config) (Strategy, error) {
	cc := *c
	if err := cc.Normalize(); err != nil {
		return nil, err
	}
	mk, ok := strategies[cc.Strategy]
	if !ok {
		return nil, fmt.Errorf("unknown strategy %q: use one of %s", cc.Strategy, strings.Join(StrategyNames(), ", "))
	}
	return mk(&cc)
}
