package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// The benchmark suite: every target (a built-in protocol, say) at every
// thread count, under every benchmark strategy, each run with a time limit.
// It measures what the reductions buy; `singlecheck bench` prints it and
// docs/BENCHMARKS.md records a run.

// suiteTarget is one program family of the suite.
type suiteTarget struct {
	Name string
	// Program builds the program with the given number of worker threads.
	Program func(threads int) model.Program
}

// suiteStrategy is one way of searching in the suite: a name for the table
// and the explore.Config fields it sets (Strategy, NoSymmetry, Preemptions).
type suiteStrategy struct {
	Name   string
	Config explore.Config
}

// suiteStrategies are the suite's strategies, in table order: plain DFS
// (the reference), DFS with symmetry, DPOR, and DPOR with symmetry.
var suiteStrategies = []suiteStrategy{
	{Name: "dfs", Config: explore.Config{Strategy: "dfs", NoSymmetry: true}},
	{Name: "dfs+symmetry", Config: explore.Config{Strategy: "dfs"}},
	{Name: "dpor", Config: explore.Config{Strategy: "dpor", NoSymmetry: true}},
	{Name: "dpor+symmetry", Config: explore.Config{Strategy: "dpor"}},
}

// suiteThreads are the suite's thread counts.
var suiteThreads = []int{2, 3, 4, 5, 6, 7, 8}

// defaultBenchLimit is the time limit of one case unless suiteOptions say
// otherwise: small enough for the whole suite to take a few minutes.
const defaultBenchLimit = 2 * time.Second

// suiteOptions configure runSuite. The zero value runs the whole suite
// under SC with defaultBenchLimit.
type suiteOptions struct {
	// Threads are the thread counts; nil means suiteThreads.
	Threads []int
	// Strategies are the names (from suiteStrategies) to run; nil means all.
	Strategies []string
	// Limit bounds the wall time of one case; 0 means defaultBenchLimit.
	Limit time.Duration
	// Memory is the memory model.
	Memory model.Memory
	// Row, if set, is called with each row as soon as it is measured.
	Row func(suiteRow)
}

// suiteRow is the result of one case.
type suiteRow struct {
	Target   string
	Threads  int
	Strategy string
	// Status is the verdict, "skipped" when a smaller thread count already
	// ran out of time (a larger one only takes longer), or "unavailable"
	// when the strategy is not built in.
	Status string
	// Limited is true if the case was cut off by the time limit.
	Limited bool
	Stats   explore.Stats
}

// Ratio is explored executions per distinct trace, or 0 if the strategy
// does not count traces.
func (r suiteRow) Ratio() float64 {
	if r.Stats.Traces == 0 {
		return 0
	}
	return float64(r.Stats.Executions) / float64(r.Stats.Traces)
}

// StepsPerSecond is the rate of modelled steps.
func (r suiteRow) StepsPerSecond() float64 {
	if r.Stats.Elapsed <= 0 {
		return 0
	}
	return float64(r.Stats.Steps) / r.Stats.Elapsed.Seconds()
}

// benchStrategies resolves names against suiteStrategies.
func pickStrategies(names []string) ([]suiteStrategy, error) {
	if names == nil {
		return suiteStrategies, nil
	}
	var out []suiteStrategy
	for _, n := range names {
		i := slices.IndexFunc(suiteStrategies, func(s suiteStrategy) bool { return s.Name == n })
		if i < 0 {
			all := make([]string, len(suiteStrategies))
			for j, s := range suiteStrategies {
				all[j] = s.Name
			}
			return nil, fmt.Errorf("unknown benchmark strategy %q: use one of %s", n, strings.Join(all, ", "))
		}
		out = append(out, suiteStrategies[i])
	}
	return out, nil
}

// runSuite runs the suite over targets and returns one row per case, in
// the order target, strategy, threads. A cancelled ctx stops it, returning
// the rows so far. It returns an error for options it cannot run, or for a
// model that is not deterministic.
func runSuite(ctx context.Context, targets []suiteTarget, opt suiteOptions) ([]suiteRow, error) {
	strats, err := pickStrategies(opt.Strategies)
	if err != nil {
		return nil, err
	}
	threads := opt.Threads
	if threads == nil {
		threads = suiteThreads
	}
	limit := opt.Limit
	if limit == 0 {
		limit = defaultBenchLimit
	}
	if limit < 0 {
		return nil, fmt.Errorf("time limit %v: must be positive", limit)
	}
	var rows []suiteRow
	for _, t := range targets {
		for _, s := range strats {
			timedOut := false
			for _, n := range threads {
				if ctx.Err() != nil {
					return rows, nil
				}
				row := suiteRow{Target: t.Name, Threads: n, Strategy: s.Name}
				switch known := slices.Contains(explore.StrategyNames(), s.Config.Strategy); {
				case !known:
					row.Status = "unavailable"
				case timedOut:
					row.Status = "skipped"
				default:
					c := s.Config
					c.Memory = opt.Memory
					c.Timeout = limit
					res, err := explore.Explore(ctx, t.Program(n), c)
					if err != nil {
						return rows, fmt.Errorf("%s with %d threads, %s: %w", t.Name, n, s.Name, err)
					}
					row.Status = string(res.Verdict)
					row.Stats = res.Stats
					// A search that found a violation goes on to find every kind, so
					// it too may run into the limit, without saying so in Reason.
					row.Limited = strings.Contains(res.Reason, "time limit") ||
						(res.Verdict == explore.Violation && res.Stats.Elapsed >= limit)
					timedOut = row.Limited
				}
				rows = append(rows, row)
				if opt.Row != nil {
					opt.Row(row)
				}
			}
		}
	}
	return rows, nil
}

// writeSuiteTable writes rows as an aligned text table.
func writeSuiteTable(w io.Writer, rows []suiteRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "protocol\tN\tstrategy\texecutions\tsleep-blocked\ttraces\texplored/traces\tsteps/s\ttime\tverdict\t")
	for _, r := range rows {
		if r.Status == "skipped" || r.Status == "unavailable" {
			fmt.Fprintf(tw, "%s\t%d\t%s\t-\t-\t-\t-\t-\t-\t%s\t\n", r.Target, r.Threads, r.Strategy, r.Status)
			continue
		}
		traces, ratio := "-", "-"
		if r.Stats.Traces > 0 {
			traces = fmt.Sprint(r.Stats.Traces)
			ratio = fmt.Sprintf("%.2f", r.Ratio())
		}
		status := r.Status
		if r.Limited {
			status += " (time limit)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%d\t%d\t%s\t%s\t%.0f\t%s\t%s\t\n", r.Target, r.Threads, r.Strategy,
			r.Stats.Executions, r.Stats.SleepBlocked, traces, ratio, r.StepsPerSecond(),
			suiteElapsed(r.Stats.Elapsed), status)
	}
	return tw.Flush()
}

// suiteElapsed prints a duration with three significant digits.
func suiteElapsed(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.1fms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%dµs", d.Microseconds())
}
