package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// verdictTable is what verdicts prints: every protocol explored under every
// memory model, beside its expectation. Its JSON field names are stable:
//
//	threads, calls  int     the workload
//	strategy        string  the strategy that ran
//	rows            []row:
//	    protocol    string
//	    match       bool    every result matches its expectation
//	    results     []result, one per memory model:
//	        memory      string   "sc", "tso", "pso"
//	        verdict     string   "safe", "violation", "unknown"
//	        found       []string every kind found, acceptable ones included, sorted
//	        acceptable  []string the kinds of found the protocol declares acceptable
//	        expected    []string the protocol's expectation, sorted
//	        match       bool     the search was complete and found == expected
//	        complete    bool     the search covered every execution
//	        executions  int
//	        reason      string   why the search is not complete ("" otherwise)
type verdictTable struct {
	Threads  int          `json:"threads"`
	Calls    int          `json:"calls"`
	Strategy string       `json:"strategy"`
	Rows     []verdictRow `json:"rows"`
}

type verdictRow struct {
	Protocol string          `json:"protocol"`
	Match    bool            `json:"match"`
	Results  []verdictResult `json:"results"`
}

type verdictResult struct {
	Memory     string   `json:"memory"`
	Verdict    string   `json:"verdict"`
	Found      []string `json:"found"`
	Acceptable []string `json:"acceptable"`
	Expected   []string `json:"expected"`
	Match      bool     `json:"match"`
	Complete   bool     `json:"complete"`
	Executions int      `json:"executions"`
	Reason     string   `json:"reason"`
}

type verdictFlags struct {
	threads, calls int
	strategy       string
	timeout        time.Duration
	maxExecutions  int
	protocols      string
	memories       string
	quiet          bool
	format         string
}

// runVerdicts explores every protocol under every memory model and prints
// the table of what was found beside what each protocol expects.
func runVerdicts(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("verdicts")
	var f verdictFlags
	fs.IntVar(&f.threads, "threads", protocols.DefaultWorkload.Threads, fmt.Sprintf("number of threads, 1 to %d", protocols.MaxThreads))
	fs.IntVar(&f.calls, "calls", protocols.DefaultWorkload.Calls, fmt.Sprintf("calls of the getter per thread, 1 to %d", protocols.MaxCalls))
	fs.StringVar(&f.strategy, "strategy", "", "exhaustive strategy: "+strings.Join(explore.ExhaustiveStrategyNames(), ", ")+" (default: "+explore.DefaultStrategy+")")
	fs.DurationVar(&f.timeout, "timeout", 0, "time limit of each search (0: none); a search cut off ends unknown")
	fs.IntVar(&f.maxExecutions, "max-executions", 0, "execution limit of each search (0: the default)")
	fs.StringVar(&f.protocols, "protocols", "", "comma-separated protocols to check (default: all)")
	fs.StringVar(&f.memories, "memory", "sc,tso,pso", "comma-separated memory models")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line on stderr")
	fs.StringVar(&f.format, "format", "markdown", "output format: markdown or json")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	list, mems, err := f.resolve()
	if err != nil {
		return usageError(stderr, "verdicts", "%v", err)
	}
	ctx, stop := interruptible()
	defer stop()
	wl := protocols.Workload{Threads: f.threads, Calls: f.calls}
	table := verdictTable{Threads: f.threads, Calls: f.calls}
	for _, p := range list {
		row := verdictRow{Protocol: p.Name, Match: true}
		for _, m := range mems {
			c := explore.Config{Strategy: f.strategy, Memory: m, Timeout: f.timeout, MaxExecutions: f.maxExecutions}
			pr := newProgress(stderr, f.quiet, fmt.Sprintf("%s under %s: ", p.Name, m))
			if pr != nil {
				c.Progress = pr.update
			}
			res, err := explore.Explore(ctx, p.Program(wl), c)
			pr.clear()
			if err != nil {
				fmt.Fprintf(stderr, "singlecheck verdicts: %s under %s: %v\n", p.Name, m, err)
				return exitUnknown
			}
			table.Strategy = res.Strategy
			r := verdictResult{
				Memory:     m.String(),
				Verdict:    string(res.Verdict),
				Found:      nonNil(kindStrings(append(slices.Clone(res.Violations), res.Acceptable...))),
				Acceptable: nonNil(kindStrings(res.Acceptable)),
				Expected:   nonNil(kindStrings(p.Expected(m, wl.Threads))),
				Executions: res.Stats.Executions,
				Reason:     res.Reason,
			}
			r.Complete = res.Complete
			r.Match = res.Complete && slices.Equal(r.Found, r.Expected)
			row.Match = row.Match && r.Match
			row.Results = append(row.Results, r)
		}
		table.Rows = append(table.Rows, row)
	}
	if f.format == "json" {
		if err := writeJSON(stdout, table); err != nil {
			fmt.Fprintf(stderr, "singlecheck verdicts: %v\n", err)
			return exitUnknown
		}
	} else {
		table.writeMarkdown(stdout, args)
	}
	return table.exitCode()
}

func (f *verdictFlags) resolve() ([]*protocols.Protocol, []model.Memory, error) {
	wl := protocols.Workload{Threads: f.threads, Calls: f.calls}
	if f.threads < 1 || f.threads > protocols.MaxThreads {
		return nil, nil, fmt.Errorf("-threads %d: must be between 1 and %d", f.threads, protocols.MaxThreads)
	}
	if err := wl.Validate(); err != nil {
		return nil, nil, fmt.Errorf("-calls %d: must be between 1 and %d", f.calls, protocols.MaxCalls)
	}
	if exh := explore.ExhaustiveStrategyNames(); f.strategy != "" && !slices.Contains(exh, f.strategy) {
		if slices.Contains(explore.StrategyNames(), f.strategy) {
			return nil, nil, fmt.Errorf("-strategy %s samples executions, so it cannot prove a verdict; the table needs an exhaustive one: %s", f.strategy, strings.Join(exh, ", "))
		}
		return nil, nil, fmt.Errorf("-strategy %q: unknown strategy%s; use one of %s", f.strategy,
			suggestion(f.strategy, exh), strings.Join(exh, ", "))
	}
	if f.timeout < 0 {
		return nil, nil, fmt.Errorf("-timeout %v: must not be negative (0 for no limit)", f.timeout)
	}
	if f.maxExecutions < 0 {
		return nil, nil, fmt.Errorf("-max-executions %d: must not be negative (0 for the default)", f.maxExecutions)
	}
	if err := checkFormat(f.format, "markdown", "json"); err != nil {
		return nil, nil, err
	}
	list := protocols.All
	if f.protocols != "" {
		list = nil
		for _, name := range strings.Split(f.protocols, ",") {
			p, err := lookupProtocol(strings.TrimSpace(name))
			if err != nil {
				return nil, nil, err
			}
			list = append(list, p)
		}
	}
	var mems []model.Memory
	for _, s := range strings.Split(f.memories, ",") {
		m, err := model.ParseMemory(strings.TrimSpace(s))
		if err != nil {
			return nil, nil, fmt.Errorf("-memory: %w", err)
		}
		if !slices.Contains(mems, m) {
			mems = append(mems, m)
		}
	}
	return list, mems, nil
}

// exitCode is 1 if some result contradicts its expectation, else 3 if some
// search did not finish, else 0.
// mismatch reports whether the result contradicts its expectation: it found
// a kind not expected, or a complete search found other kinds than expected.
// An incomplete search that found only expected kinds is not a mismatch,
// but not a match either.
func (r verdictResult) mismatch() bool {
	for _, k := range r.Found {
		if !slices.Contains(r.Expected, k) {
			return true
		}
	}
	return r.Complete && !r.Match
}

func (t verdictTable) exitCode() int {
	code := exitSafe
	for _, row := range t.Rows {
		for _, r := range row.Results {
			switch {
			case r.mismatch():
				return exitViolation
			case !r.Complete:
				code = exitUnknown
			}
		}
	}
	return code
}

// writeMarkdown prints the table as GitHub Markdown, followed by the command
// that regenerates it.
func (t verdictTable) writeMarkdown(w io.Writer, args []string) {
	if len(t.Rows) == 0 {
		return
	}
	var mems []string
	for _, r := range t.Rows[0].Results {
		mems = append(mems, r.Memory)
	}
	fmt.Fprintf(w, "| protocol | %s | expected | match |\n", strings.Join(mems, " | "))
	fmt.Fprintf(w, "|---|%s---|---|\n", strings.Repeat("---|", len(mems)))
	for _, row := range t.Rows {
		cells := []string{"`" + row.Protocol + "`"}
		for _, r := range row.Results {
			cells = append(cells, foundCell(r))
		}
		cells = append(cells, expectedCell(row.Results), matchCell(row.Results))
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	cmd := tool + " verdicts"
	if len(args) > 0 {
		cmd += " " + strings.Join(args, " ")
	}
	fmt.Fprintf(w, "\nExhaustive exploration with strategy %s, %s; regenerate with `%s`.\n",
		t.Strategy, workloadWords(t.Threads, t.Calls), cmd)
}

func workloadWords(threads, calls int) string {
	return fmt.Sprintf("%s, %s each", plural(threads, "thread"), plural(calls, "call"))
}

func foundCell(r verdictResult) string {
	if r.Verdict == string(explore.Unknown) && len(r.Found) == 0 {
		return "unknown"
	}
	if len(r.Found) == 0 {
		return "safe"
	}
	var out []string
	for _, k := range r.Found {
		if slices.Contains(r.Acceptable, k) {
			k += " (acceptable)"
		}
		out = append(out, k)
	}
	s := strings.Join(out, ", ")
	if !r.Complete {
		s += " (" + explore.Incomplete + ")"
	}
	return s
}

func expectedCell(rs []verdictResult) string {
	text := func(ks []string) string {
		if len(ks) == 0 {
			return "safe"
		}
		return strings.Join(ks, ", ")
	}
	same := true
	for _, r := range rs[1:] {
		same = same && slices.Equal(r.Expected, rs[0].Expected)
	}
	if same {
		return text(rs[0].Expected)
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Memory+": "+text(r.Expected))
	}
	return strings.Join(parts, "; ")
}

func matchCell(rs []verdictResult) string {
	var differ, unknown []string
	for _, r := range rs {
		switch {
		case r.mismatch():
			differ = append(differ, r.Memory)
		case !r.Complete:
			unknown = append(unknown, r.Memory)
		}
	}
	switch {
	case len(differ) > 0:
		return "**no** (" + strings.Join(differ, ", ") + ")"
	case len(unknown) > 0:
		return "unknown (" + strings.Join(unknown, ", ") + ")"
	}
	return "yes"
}
