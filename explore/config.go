package explore

import (
	"errors"
	"fmt"
	"time"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Config configures a search. The zero Config, after Normalize, is an
// exhaustive search by optimal DPOR under SC with default limits.
type Config struct {
	// Strategy names the strategy (see StrategyNames); "" means
	// DefaultStrategy.
	Strategy string
	// Memory is the memory model.
	Memory model.Memory
	// MaxExecutions bounds the executions; 0 means DefaultMaxExecutions.
	// A search cut off by it ends unknown, never safe.
	MaxExecutions int
	// Timeout bounds the wall time; 0 means no bound. A search cut off by it
	// ends unknown.
	Timeout time.Duration
	// MaxSteps bounds the steps of one execution; 0 means
	// scheduler.DefaultMaxSteps.
	MaxSteps int
	// StopAtFirst ends the search at the first execution with a violation
	// that is not acceptable. By default the search goes on, so that every
	// kind of violation reachable in the explored space is reported.
	StopAtFirst bool
	// NoRaces turns the data-race detector off.
	NoRaces bool
	// NoSymmetry turns symmetry reduction off. By default (here as on the
	// command line) an exhaustive strategy treats the identical worker
	// threads of a program that declares them (model.Program.Identical, or
	// each of its model.Program.Groups) as interchangeable: it explores one representative of each class of
	// executions equal up to a permutation of those threads (see
	// symmetry.go). Violations, outcomes and traces are kept up to that
	// permutation; Stats count the representatives.
	NoSymmetry bool
	// Preemptions bounds the preemptions of an execution (CHESS-style, see
	// bound.go for what counts as one). nil, the zero value, means
	// unbounded; PreemptionBound(k) bounds to k ≥ 0. A search that the bound
	// cut short and that finds nothing ends unknown, never safe.
	Preemptions *int
	// Seed seeds a sampling strategy; a seed and a run index reproduce one
	// execution exactly.
	Seed uint64
	// Runs is the number of executions of a sampling strategy.
	Runs int
	// Depth is the bug depth PCT targets.
	Depth int
	// Kind is the violation kind whose counterexample Check shows (see
	// Result.Pick); "" shows the most serious kind found. It does not change
	// the search.
	Kind model.Kind
	// StateCache makes DFS stateful: it stores a fingerprint of every state
	// it reaches and abandons an execution at a state already explored
	// (statecache.go). With symmetry, states equal up to a permutation of
	// interchangeable threads are one state. It applies to strategy dfs
	// without a preemption bound; states it cannot fingerprint (channels,
	// ordinary Go code) are explored as plain DFS explores them.
	StateCache bool
	// Workers is the number of goroutines that explore disjoint subtrees of
	// the search at once (parallel.go); 0 and 1 run today's sequential
	// search. The result of a parallel search does not depend on Workers
	// (above 1) or on timing; its verdict, kinds and trace counts are the
	// sequential search's, its executions may be more (split.go says why).
	// A strategy that cannot be split (random, pct, DPOR under a
	// preemption bound), or DPOR with its symmetry order (symmetry under SC
	// on a program with interchangeable threads, split.go), runs
	// sequentially whatever Workers says.
	// MaxExecutions then bounds each subtree's executions.
	Workers int
	// Progress, if set, is called from the search loop about every
	// ProgressEvery with the statistics so far.
	Progress      func(Stats)
	ProgressEvery time.Duration

	// identical says the program declares interchangeable workers
	// (Identical or Groups), which Explore fills in.
	identical bool
	// singleton holds the options of CheckSingleton's harness.
	singleton singletonOptions
}

// symmetry reports whether a strategy built from c applies symmetry
// reduction.
func (c *Config) symmetry() bool { return !c.NoSymmetry && c.identical }

// DefaultStrategy is the exhaustive strategy a Config without one uses:
// optimal DPOR, which explores one execution per Mazurkiewicz trace and is
// checked against DFS in the tests.
const DefaultStrategy = "dpor"

// DefaultMaxExecutions bounds a search unless the Config says otherwise.
const DefaultMaxExecutions = 10_000_000

// Limits on what a Config may ask for; beyond them the request is almost
// surely a mistake.
const (
	MaxMaxSteps = 10_000_000
	// MaxPreemptionBound bounds a preemption bound: beyond a few preemptions
	// a bounded search costs as much as an unbounded one.
	MaxPreemptionBound = 10_000
	// MaxWorkers bounds Config.Workers.
	MaxWorkers = 1024
)

// PreemptionBound returns a bound of k preemptions for Config.Preemptions.
func PreemptionBound(k int) *int { return &k }

// Normalize fills in defaults and rejects absurd values with an error that
// says what to do.
func (c *Config) Normalize() error {
	if c.Strategy == "" {
		c.Strategy = DefaultStrategy
	}
	if c.MaxExecutions < 0 {
		return fmt.Errorf("max executions %d: must be positive (0 for the default %d)", c.MaxExecutions, DefaultMaxExecutions)
	}
	if c.MaxExecutions == 0 {
		c.MaxExecutions = DefaultMaxExecutions
	}
	if c.Timeout < 0 {
		return fmt.Errorf("timeout %v: must be positive (0 for none)", c.Timeout)
	}
	if c.MaxSteps < 0 || c.MaxSteps > MaxMaxSteps {
		return fmt.Errorf("max steps %d: must be between 1 and %d (0 for the default %d)", c.MaxSteps, MaxMaxSteps, scheduler.DefaultMaxSteps)
	}
	if p := c.Preemptions; p != nil && (*p < 0 || *p > MaxPreemptionBound) {
		return fmt.Errorf("preemption bound %d: must be between 0 and %d (leave it unset for no bound)", *p, MaxPreemptionBound)
	}
	switch c.Strategy {
	case "random", "pct":
		if c.Preemptions != nil { // it would be ignored, and the result would name it
			return fmt.Errorf("a preemption bound applies to the exhaustive strategies (dfs, dpor, source-dpor), not to %s, which samples", c.Strategy)
		}
		if c.Runs < 0 {
			return fmt.Errorf("runs %d: must be positive (0 for the default %d)", c.Runs, DefaultRuns)
		}
		if c.Runs == 0 {
			c.Runs = DefaultRuns
		}
	}
	if c.Strategy == "pct" {
		if c.Depth < 0 || c.Depth > MaxDepth {
			return fmt.Errorf("depth %d: must be between 1 and %d (0 for the default %d)", c.Depth, MaxDepth, DefaultDepth)
		}
		if c.Depth == 0 {
			c.Depth = DefaultDepth
		}
	}
	if c.StateCache && c.Strategy != "dfs" {
		return fmt.Errorf("state caching applies to strategy dfs, not %s: use -strategy dfs", c.Strategy)
	}
	if c.StateCache && c.Preemptions != nil {
		return errors.New("state caching does not combine with a preemption bound: how many preemptions a path to a state took decides what may follow it; drop one of them")
	}
	if c.Workers < 0 || c.Workers > MaxWorkers {
		return fmt.Errorf("workers %d: must be between 1 and %d (0 for one)", c.Workers, MaxWorkers)
	}
	if c.ProgressEvery <= 0 {
		c.ProgressEvery = 200 * time.Millisecond
	}
	return nil
}

func (c *Config) schedulerOptions() scheduler.Options {
	return scheduler.Options{Memory: c.Memory, MaxSteps: c.MaxSteps, NoRaces: c.NoRaces}
}

// Option changes a Config; the go test entry points take them.
type Option func(*Config)

// newConfig is the normalized Config that opts describe, for a search of
// prog.
func newConfig(prog model.Program, opts []Option) (Config, error) {
	var c Config
	for _, o := range opts {
		o(&c)
	}
	if prog.Build == nil {
		return c, errors.New("program has no Build function")
	}
	if c.singleton.set && !c.singleton.harness {
		return c, errors.New("WithThreads, WithReset and WithOverlappingReset configure CheckSingleton's callers; Check and CheckFunc start their own goroutines")
	}
	return c, c.Normalize()
}

// WithStrategy selects a strategy by name.
func WithStrategy(name string) Option { return func(c *Config) { c.Strategy = name } }

// WithMemory selects the memory model.
func WithMemory(m model.Memory) Option { return func(c *Config) { c.Memory = m } }

// WithMaxExecutions bounds the number of executions.
func WithMaxExecutions(n int) Option { return func(c *Config) { c.MaxExecutions = n } }

// WithTimeout bounds the wall time of the search.
func WithTimeout(d time.Duration) Option { return func(c *Config) { c.Timeout = d } }

// WithMaxSteps bounds the steps of one execution.
func WithMaxSteps(n int) Option { return func(c *Config) { c.MaxSteps = n } }

// StopAtFirst ends the search at the first violation.
func StopAtFirst() Option { return func(c *Config) { c.StopAtFirst = true } }

// WithPreemptionBound bounds the preemptions of every execution to k.
func WithPreemptionBound(k int) Option { return func(c *Config) { c.Preemptions = PreemptionBound(k) } }

// WithSymmetry turns symmetry reduction on or off (it only applies to
// programs whose workers are identical).
func WithSymmetry(on bool) Option { return func(c *Config) { c.NoSymmetry = !on } }

// WithKind makes Check show a counterexample of kind k, if one was found,
// instead of one of the most serious kind.
func WithKind(k model.Kind) Option { return func(c *Config) { c.Kind = k } }

// WithoutRaces turns the data-race detector off.
func WithoutRaces() Option { return func(c *Config) { c.NoRaces = true } }
