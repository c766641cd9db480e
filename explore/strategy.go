package explore

import (
	"fmt"
	"sort"
	"strings"

	"github.com/singlecheck/singlecheck/scheduler"
)

// Strategy decides which executions a search performs, and in them every
// decision. The search loop calls Begin, runs one execution asking Decide at
// each decision point, then calls End; it stops when Begin reports false.
type Strategy interface {
	// Begin prepares the next execution and reports whether there is one.
	Begin() bool
	// Decide picks one of the point's alternatives, by index.
	Decide(p *scheduler.Point) int
	// End is told how the execution went. An error stops the search.
	End(e *scheduler.Execution) error
	// Exhaustive reports whether running out of executions means every
	// behaviour was covered: only then may a search that found nothing be
	// called safe.
	Exhaustive() bool
}

// strategies maps a strategy name to its constructor. Each strategy lives in
// its own file and adds itself here.
var strategies = map[string]func(c *Config) (Strategy, error){
	"dfs":         func(c *Config) (Strategy, error) { return withReductions(NewDFS(), c), nil },
	"dpor":        func(c *Config) (Strategy, error) { return withPORReductions(NewDPOR(c.Memory), c) },
	"source-dpor": func(c *Config) (Strategy, error) { return withPORReductions(NewSourceDPOR(c.Memory), c) },
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

// NewStrategy builds the strategy c names.
func NewStrategy(c *Config) (Strategy, error) {
	mk, ok := strategies[c.Strategy]
	if !ok {
		return nil, fmt.Errorf("unknown strategy %q: use one of %s", c.Strategy, strings.Join(StrategyNames(), ", "))
	}
	return mk(c)
}
