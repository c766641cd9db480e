package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// exploreFlags are explore's flags beyond the workload.
type exploreFlags struct {
	workloadFlags
	strategy      string
	maxExecutions int
	timeout       time.Duration
	stopAtFirst   bool
	symmetry      bool
	stateCache    bool
	preemptions   int
	seed          uint64
	runs          int
	depth         int
	quiet         bool
	format        string
	kind          string
	save          string
	html          string
	width         int
	workers       int
	shard         string
	out           string
}

func (f *exploreFlags) register(fs *flag.FlagSet) {
	f.workloadFlags.register(fs)
	fs.StringVar(&f.strategy, "strategy", "", "search strategy: "+strings.Join(explore.StrategyNames(), ", ")+" (default: the exhaustive default)")
	fs.IntVar(&f.maxExecutions, "max-executions", 0, fmt.Sprintf("stop after this many executions, verdict unknown (0: the default %d)", explore.DefaultMaxExecutions))
	fs.DurationVar(&f.timeout, "timeout", 0, "stop after this long, verdict unknown (0: no limit)")
	fs.BoolVar(&f.stopAtFirst, "stop-at-first", false, "stop at the first violation instead of finding every kind")
	fs.BoolVar(&f.symmetry, "symmetry", true, "treat identical threads as interchangeable where the protocol's threads are identical")
	fs.BoolVar(&f.stateCache, "state-cache", false, "with -strategy dfs: store every state explored and cut an execution at a state already explored (stateful search)")
	fs.IntVar(&f.preemptions, "preemptions", -1, "bound the preemptions of an execution; -1 is unbounded")
	fs.Uint64Var(&f.seed, "seed", 0, "seed of a sampling strategy")
	fs.IntVar(&f.runs, "runs", 0, "executions of a sampling strategy (0: the strategy's default)")
	fs.IntVar(&f.depth, "depth", 0, "bug depth PCT targets (0: the strategy's default)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress line on stderr")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	fs.StringVar(&f.save, "save", "", "write the counterexample shown to this file, for 'singlecheck replay -file'")
	fs.StringVar(&f.kind, "kind", "", "show the first counterexample of this violation kind (default: the most serious kind found)")
	fs.StringVar(&f.html, "html", "", "also write the counterexample shown to this file as an interactive page (see replay -format html)")
	registerWidth(fs, &f.width)
	registerWorkers(fs, &f.workers)
	fs.StringVar(&f.shard, "shard", "", "explore only shard K/N of the search (1 ≤ K ≤ N) and write its partial result as JSON, to stdout or -out; 'singlecheck merge' combines the N files")
	fs.StringVar(&f.out, "out", "", "with -shard: write the partial result to this file and the shard's report to stdout")
}

// registerWidth registers -width, which explore and replay share.
func registerWidth(fs *flag.FlagSet, width *int) {
	fs.IntVar(width, "width", 0, "fit the table to this many columns (0: the terminal's width, no limit when the output is not a terminal)")
}

// config checks the flags (given holds the names of those on the command
// line) and builds the search's configuration.
func (f *exploreFlags) config(w workload, given map[string]bool) (explore.Config, error) {
	c := w.config()
	if f.strategy != "" && !slices.Contains(explore.StrategyNames(), f.strategy) {
		return c, fmt.Errorf("-strategy %q: unknown strategy%s; use one of %s", f.strategy,
			suggestion(f.strategy, explore.StrategyNames()), strings.Join(explore.StrategyNames(), ", "))
	}
	switch {
	case f.maxExecutions < 0:
		return c, fmt.Errorf("-max-executions %d: must not be negative (0 for the default)", f.maxExecutions)
	case f.timeout < 0:
		return c, fmt.Errorf("-timeout %v: must not be negative (0 for no limit)", f.timeout)
	case f.preemptions < -1:
		return c, fmt.Errorf("-preemptions %d: must be -1 (unbounded) or a bound of 0 or more", f.preemptions)
	case f.runs < 0:
		return c, fmt.Errorf("-runs %d: must not be negative (0 for the strategy's default)", f.runs)
	case f.depth < 0:
		return c, fmt.Errorf("-depth %d: must not be negative (0 for the strategy's default)", f.depth)
	case f.depth != 0 && f.strategy != "pct":
		return c, fmt.Errorf("-depth is the bug depth of -strategy pct; strategy %s would ignore it", strategyOrDefault(f.strategy))
	case f.width < 0:
		return c, fmt.Errorf("-width %d: must not be negative (0 for the terminal's width)", f.width)
	case f.workers < 0 || f.workers > explore.MaxWorkers:
		return c, fmt.Errorf("-workers %d: must be between 1 and %d (0 for the default)", f.workers, explore.MaxWorkers)
	case f.out != "" && f.shard == "":
		return c, fmt.Errorf("-out writes a shard's partial result: give -shard K/N too (-save writes a counterexample)")
	case f.preemptions > explore.MaxPreemptionBound:
		return c, fmt.Errorf("-preemptions %d: must be between 0 and %d (-1 for no bound)", f.preemptions, explore.MaxPreemptionBound)
	case f.depth > explore.MaxDepth:
		return c, fmt.Errorf("-depth %d: must be between 1 and %d (0 for the default %d)", f.depth, explore.MaxDepth, explore.DefaultDepth)
	}
	if err := f.checkMeaningful(given); err != nil {
		return c, err
	}
	if f.kind != "" && !slices.Contains(model.Kinds, model.Kind(f.kind)) {
		return c, fmt.Errorf("-kind %q: unknown violation kind%s; use one of %s", f.kind,
			suggestion(f.kind, kindStrings(model.Kinds)), kindList(model.Kinds, ""))
	}
	if err := checkFormat(f.format, "text", "json"); err != nil {
		return c, err
	}
	c.Strategy = f.strategy
	c.MaxExecutions = f.maxExecutions
	c.Timeout = f.timeout
	c.StopAtFirst = f.stopAtFirst
	c.NoSymmetry = !f.symmetry
	c.StateCache = f.stateCache
	if f.preemptions >= 0 {
		c.Preemptions = explore.PreemptionBound(f.preemptions)
	}
	c.Seed = f.seed
	c.Runs = f.runs
	c.Depth = f.depth
	c.Workers = f.workers
	if c.Workers == 0 {
		c.Workers = autoWorkers(strategyOrDefault(f.strategy))
	}
	if err := c.Normalize(); err != nil {
		return c, err
	}
	return c, nil
}

// checkMeaningful refuses a flag that the chosen strategy would ignore:
// -runs and -seed without a sampling strategy, a preemption bound with a
// sampling strategy (config refuses -depth without pct).
func (f *exploreFlags) checkMeaningful(given map[string]bool) error {
	strategy := strategyOrDefault(f.strategy)
	sampling := strategy == "random" || strategy == "pct"
	for _, name := range []string{"runs", "seed"} {
		if given[name] && !sampling {
			return fmt.Errorf("-%s is only meaningful with a sampling strategy (-strategy random or pct), not %s", name, strategy)
		}
	}
	if f.preemptions >= 0 && sampling {
		return fmt.Errorf("-preemptions bounds an exhaustive search (dfs, dpor, source-dpor); %s samples and would ignore it", strategy)
	}
	return nil
}

// runExplore searches a protocol's executions and prints the verdict, the
// statistics and a counterexample.
func runExplore(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("explore")
	var f exploreFlags
	f.register(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	w, err := f.resolve()
	if err != nil {
		return usageError(stderr, "explore", "%v", err)
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	c, err := f.config(w, given)
	if err != nil {
		return usageError(stderr, "explore", "%v", err)
	}
	if _, err := explore.NewStrategy(&c); err != nil {
		return usageError(stderr, "explore", "%v", err)
	}
	if f.shard != "" {
		return runShard(&f, w, c, stdout, stderr)
	}
	// Before the search, not after: its result must not be lost.
	for _, out := range []struct{ flag, path string }{{"save", f.save}, {"html", f.html}} {
		if out.path == "" {
			continue
		}
		if err := explore.CheckSavePath(out.path); err != nil {
			return usageError(stderr, "explore", "-%s %s: %v", out.flag, out.path, err)
		}
	}
	ctx, stop := interruptible()
	defer stop()
	p := newProgress(stderr, f.quiet, "")
	if p != nil {
		c.Progress = p.update
	}
	res, err := explore.Explore(ctx, w.program(), c)
	p.clear()
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck explore: %v\n", err)
		return exitUnknown
	}
	x := &exploration{w: w, res: res, cfg: c, sampling: res.Sampling, width: outputWidth(f.width, stdout)}
	x.shown, x.kind = res.Pick(model.Kind(f.kind))
	x.wanted = model.Kind(f.kind)
	if f.save != "" {
		x.save(f.save, stderr)
	}
	if f.html != "" {
		x.writeHTMLFile(f.html, stderr) // a failure is said on stderr; the result is printed all the same
	}
	if f.format == "json" {
		if err := writeJSON(stdout, x.report()); err != nil {
			fmt.Fprintf(stderr, "singlecheck explore: %v\n", err)
			return exitUnknown
		}
	} else {
		x.writeText(stdout)
	}
	return verdictCode(res.Verdict)
}

// strategyOrDefault names the strategy a -strategy flag selects.
func strategyOrDefault(name string) string {
	if name == "" {
		return explore.DefaultStrategy
	}
	return name
}

func verdictCode(v explore.Verdict) int {
	switch v {
	case explore.Safe:
		return exitSafe
	case explore.Violation:
		return exitViolation
	}
	return exitUnknown
}

func (x *exploration) writeText(w io.Writer) {
	res := x.res
	fmt.Fprintf(w, "protocol    %s (%s)\n", x.w.proto.Name, workloadText(x.w))
	fmt.Fprintf(w, "memory      %s\n", x.w.memory)
	if !x.w.races {
		fmt.Fprintf(w, "races       %s\n", racesOff)
	}
	strategy := res.Strategy
	if res.Preemptions != nil {
		strategy += fmt.Sprintf(", preemption bound %d", *res.Preemptions)
		if res.Strategy != "dfs" {
			strategy += " (bounded partial-order reduction)"
		}
	}
	fmt.Fprintf(w, "strategy    %s\n", strategy)
	verdict := string(res.Verdict)
	switch res.Verdict {
	case explore.Safe:
		verdict += ": every execution explored, no violation"
		if len(res.Acceptable) > 0 {
			verdict += " other than acceptable ones"
		}
		if !x.w.races {
			verdict += " (data races not checked)"
		}
	case explore.Unknown:
		verdict += ": " + res.Reason
	}
	fmt.Fprintf(w, "verdict     %s\n", verdict)
	if !res.Complete {
		note := explore.Incomplete
		if res.Verdict != explore.Unknown {
			note += " (" + res.Reason + ")"
		}
		fmt.Fprintf(w, "note        %s\n", note)
	}
	fmt.Fprintf(w, "violations  %s\n", kindList(res.Violations, "none"))
	acc := kindList(res.Acceptable, "none")
	if len(res.Acceptable) > 0 {
		acc += " (the protocol declares these harmless)"
	}
	fmt.Fprintf(w, "acceptable  %s\n", acc)
	fmt.Fprintf(w, "searched    %s\n", statsText(res.Stats))
	if x.shown == nil {
		return
	}
	ce := x.shown
	title := "Counterexample"
	if slices.Contains(x.w.proto.Acceptable, x.kind) {
		title = "Example of an acceptable violation"
	}
	fmt.Fprintf(w, "\n%s: the first execution found with %s (execution %d of %d", title, x.kind, ce.Run+1, res.Stats.Executions)
	if x.sampling {
		fmt.Fprintf(w, ", seed %d", ce.Seed)
	}
	fmt.Fprintf(w, ")\n")
	if x.wanted != "" && x.wanted != x.kind {
		fmt.Fprintf(w, "(no execution with %s was found, so this one is shown instead)\n", x.wanted)
	}
	fmt.Fprintln(w)
	writeTable(w, explore.Trace(ce.Execution), x.width)
	if msg := ce.Execution.Message(); msg != "" {
		fmt.Fprintf(w, "\n%s\n", msg)
	}
	fmt.Fprintf(w, "\n%s\n", legend)
	if x.sampling {
		fmt.Fprintf(w, "\nseed        %d\nrun         %d (0-based)\nschedule    %s\n", ce.Seed, ce.Run, ce.Schedule)
	}
	fmt.Fprintf(w, "\nReplay it (add -format html > FILE.html for an interactive viewer, -format mermaid for a sequence diagram):\n  %s\n", x.replayCommand())
	if x.sampling {
		fmt.Fprintf(w, "or regenerate it from its seed and run index:\n  %s\n", x.seedCommand())
	}
}

// saveFile writes a save file; tests replace it to make writing fail.
var saveFile = (*explore.SaveFile).Save

// save writes the counterexample shown to path as a save file, and says on
// stderr whether it did. A failure does not change the exit code: the
// result is printed all the same.
func (x *exploration) save(path string, stderr io.Writer) {
	if x.shown == nil {
		fmt.Fprintf(stderr, "singlecheck explore: no counterexample, so nothing was saved to %s\n", path)
		return
	}
	f := explore.NewSaveFile(x.w.proto.Name, protocols.WorkloadKeyValues(x.w.wl), x.cfg, x.shown)
	if err := saveFile(f, path); err != nil {
		fmt.Fprintf(stderr, "singlecheck explore: -save %s failed, the counterexample was not saved (the result is printed all the same): %v\n", path, err)
		return
	}
	fmt.Fprintf(stderr, "singlecheck explore: counterexample saved to %s (replay it with: %s replay -file %s)\n", path, tool, path)
}

func workloadText(w workload) string {
	return fmt.Sprintf("%s, %s each", plural(w.wl.Threads, "thread"), plural(w.wl.Calls, "call"))
}

func plural(n int, what string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", what)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// statsText prints a search's statistics in one line.
func statsText(st explore.Stats) string {
	parts := []string{plural(st.Executions, "execution"), plural(st.Steps, "step")}
	if st.Traces > 0 {
		parts = append(parts, plural(st.Traces, "distinct trace"))
	}
	if st.SleepBlocked > 0 {
		parts = append(parts, fmt.Sprintf("%d sleep-set blocked", st.SleepBlocked))
	}
	if st.States > 0 {
		parts = append(parts, fmt.Sprintf("%s stored (%s), %d cut at a stored state",
			plural(st.States, "state"), bytesText(st.StateBytes), st.Pruned))
	}
	parts = append(parts, plural(st.Outcomes, "distinct final state"))
	if st.StepBound > 0 {
		parts = append(parts, fmt.Sprintf("%d cut off by the step bound", st.StepBound))
	}
	return strings.Join(parts, ", ") + ", elapsed " + elapsedText(st.Elapsed)
}

// bytesText prints a byte count in the largest unit that keeps it above 1.
func bytesText(n int) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func elapsedText(d time.Duration) string {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(time.Microsecond).String()
}
