package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// runBench is `singlecheck bench`: the benchmark suite (runSuite)
// over the built-in protocols, printed as a table. It exits 0 when the
// suite ran (whatever the verdicts), 2 on bad flags, and 3 when interrupted.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("bench")
	limit := fs.Duration("limit", defaultBenchLimit, "time limit of one case (protocol, threads, strategy); larger thread counts are skipped once one runs out of time")
	protoList := fs.String("protocols", "", "comma-separated protocols to run (default: all built-in)")
	stratList := fs.String("strategies", "", "comma-separated strategies: "+strings.Join(benchStrategyNames(), ", ")+" (default: all)")
	threads := fs.String("threads", "2-8", "thread counts: a range like 2-8 or a list like 2,4,8")
	memory := fs.String("memory", "sc", "memory model: sc, tso or pso")
	quiet := fs.Bool("quiet", false, "do not print each case on stderr as it finishes")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	mem, err := model.ParseMemory(*memory)
	if err != nil {
		return benchUsage(stderr, "%v", err)
	}
	ns, err := parseThreads(*threads)
	if err != nil {
		return benchUsage(stderr, "-threads %q: %v", *threads, err)
	}
	if *limit <= 0 {
		return benchUsage(stderr, "-limit %v: must be positive", *limit)
	}
	targets, err := benchTargets(*protoList)
	if err != nil {
		return benchUsage(stderr, "%v", err)
	}
	opt := suiteOptions{Threads: ns, Limit: *limit, Memory: mem, Strategies: splitList(*stratList)}
	if !*quiet {
		opt.Row = func(r suiteRow) {
			fmt.Fprintf(stderr, "bench: %s N=%d %s: %s (%d executions)\n", r.Target, r.Threads, r.Strategy, r.Status, r.Stats.Executions)
		}
	}
	ctx, stop := interruptible()
	defer stop()
	rows, err := runSuite(ctx, targets, opt)
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck bench: %v\n", err)
		if rows == nil {
			return exitBadInput
		}
		return exitUnknown
	}
	fmt.Fprintf(stdout, "memory %s, time limit %v per case\n\n", mem, *limit)
	if err := writeSuiteTable(stdout, rows); err != nil {
		fmt.Fprintf(stderr, "singlecheck bench: %v\n", err)
		return exitUnknown
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "singlecheck bench: interrupted; the table shows the cases that finished")
		return exitUnknown
	}
	return exitSafe
}

func benchUsage(stderr io.Writer, format string, args ...any) int {
	return usageError(stderr, "bench", "%s (run 'singlecheck bench -h' for the flags)", fmt.Sprintf(format, args...))
}

func benchStrategyNames() []string {
	names := make([]string, len(suiteStrategies))
	for i, s := range suiteStrategies {
		names[i] = s.Name
	}
	return names
}

// benchTargets turns a comma-separated list of protocol names ("" for all)
// into benchmark targets, each caller calling the getter once.
func benchTargets(list string) ([]suiteTarget, error) {
	ps := protocols.All
	if names := splitList(list); names != nil {
		ps = nil
		for _, n := range names {
			p, ok := protocols.Lookup(n)
			if !ok {
				all := make([]string, len(protocols.All))
				for i, q := range protocols.All {
					all[i] = q.Name
				}
				return nil, fmt.Errorf("unknown protocol %q: use one of %s", n, strings.Join(all, ", "))
			}
			ps = append(ps, p)
		}
	}
	targets := make([]suiteTarget, len(ps))
	for i, p := range ps {
		targets[i] = suiteTarget{Name: p.Name, Program: func(n int) model.Program {
			return p.Program(protocols.Workload{Threads: n, Calls: 1})
		}}
	}
	return targets, nil
}

func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseThreads reads "2-8" or "2,4,8" into thread counts within
// protocols' limits.
func parseThreads(s string) ([]int, error) {
	var out []int
	parts := strings.Split(s, ",")
	for _, part := range parts {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || !isDecimal(lo) || (isRange && !isDecimal(hi)) {
			where := ""
			if len(parts) > 1 {
				where = fmt.Sprintf("%q: ", part)
			}
			return nil, fmt.Errorf("%swant a thread count (1 to %d), a range such as 2-8 or a list such as 2,4,8", where, protocols.MaxThreads)
		}
		if a < 1 || b > protocols.MaxThreads || a > b {
			return nil, fmt.Errorf("want thread counts between 1 and %d, low to high", protocols.MaxThreads)
		}
		for n := a; n <= b; n++ {
			out = append(out, n)
		}
	}
	return out, nil
}
