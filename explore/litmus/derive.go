package litmus

import (
	"context"
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Derived is what exhaustive exploration of a test under one memory model
// found.
type Derived struct {
	// Outcomes are the reachable outcomes, sorted.
	Outcomes []string
	// Traces are the fingerprints (see Fingerprint) of the explored
	// executions, sorted and without duplicates.
	Traces []string
	// Stats are the search's statistics.
	Stats explore.Stats
}

// collector wraps a strategy and records every finished execution's
// outcome and trace fingerprint.
type collector struct {
	explore.Strategy
	test     *Test
	outcomes map[string]bool
	traces   map[string]bool
}

func (c *collector) End(e *scheduler.Execution) error {
	if err := c.Strategy.End(e); err != nil {
		return err
	}
	if e.Status != scheduler.Finished {
		if e.Status == scheduler.Abandoned {
			return nil // a reduction gave up on a redundant execution
		}
		return fmt.Errorf("test %s: an execution ended %s: %s", c.test.Name, e.Status, e.Message())
	}
	o, err := c.test.Outcome(e.World.Outcome())
	if err != nil {
		return err
	}
	c.outcomes[o] = true
	c.traces[Fingerprint(e.World)] = true
	return nil
}

// Derive explores every execution of test under memory m with the named
// strategy ("" for the default) and returns the outcomes reached. The
// strategy must be exhaustive; a search cut short (by ctx) is an error, as
// its outcome set could be incomplete. Data-race detection is off: litmus
// tests race by design.
func Derive(ctx context.Context, test *Test, m model.Memory, strategy string) (*Derived, error) {
	cfg := explore.Config{Strategy: strategy, Memory: m, NoRaces: true}
	if err := cfg.Normalize(); err != nil {
		return nil, err
	}
	s, err := explore.NewStrategy(&cfg)
	if err != nil {
		return nil, err
	}
	if !s.Coverage().Exhaustive {
		return nil, fmt.Errorf("strategy %s samples executions: litmus outcomes need an exhaustive strategy such as dfs", cfg.Strategy)
	}
	c := &collector{Strategy: s, test: test, outcomes: map[string]bool{}, traces: map[string]bool{}}
	res, err := explore.Search(ctx, test.Program(), c, cfg)
	if err != nil {
		return nil, fmt.Errorf("litmus test %s under %s: %w", test.Name, m, err)
	}
	if res.Verdict == explore.Unknown {
		return nil, fmt.Errorf("litmus test %s under %s: exploration did not finish (%s), so its outcome set may be incomplete", test.Name, m, res.Reason)
	}
	d := &Derived{Stats: res.Stats}
	for o := range c.outcomes {
		d.Outcomes = append(d.Outcomes, o)
	}
	for tr := range c.traces {
		d.Traces = append(d.Traces, tr)
	}
	slices.Sort(d.Outcomes)
	slices.Sort(d.Traces)
	return d, nil
}

// Result is one row of the litmus table: a test under a memory model.
type Result struct {
	Test      string   `json:"test"`
	Memory    string   `json:"memory"`
	Reachable []string `json:"reachable"`
	Published []string `json:"published"`
	// Matches is whether the reachable outcomes are exactly the published.
	Matches bool `json:"matches_published"`
	// Executions is the number of executions the search ran.
	Executions int `json:"executions"`
}

// RunAll derives every test of tests under every memory model with the
// named strategy and compares each with its published set.
func RunAll(ctx context.Context, tests []*Test, strategy string) ([]Result, error) {
	var out []Result
	for _, t := range tests {
		if err := t.Validate(); err != nil {
			return nil, err
		}
		for _, m := range model.Memories {
			d, err := Derive(ctx, t, m, strategy)
			if err != nil {
				return nil, err
			}
			pub, err := t.Published(m)
			if err != nil {
				return nil, err
			}
			out = append(out, Result{
				Test: t.Name, Memory: m.String(),
				Reachable: d.Outcomes, Published: pub,
				Matches:    slices.Equal(d.Outcomes, pub),
				Executions: d.Stats.Executions,
			})
		}
	}
	return out, nil
}
