package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// replayFlags are replay's flags beyond the workload. Exactly one source of
// the execution is given: -schedule, -run (with -strategy and -seed), or
// -file. A save file sets the protocol, workload and memory model, so the
// workload flags are refused with -file rather than checked against it.
type replayFlags struct {
	workloadFlags
	schedule string
	format   string
	// Regenerating a sampling strategy's run from its seed.
	strategy         string
	seed             uint64
	run, runs, depth int
	// Replaying a save file.
	file  string
	width int
}

func (f *replayFlags) register(fs *flag.FlagSet) {
	f.workloadFlags.register(fs)
	fs.StringVar(&f.schedule, "schedule", "", `the schedule to replay, as explore prints it (for example "0.1x3.0x4")`)
	fs.StringVar(&f.format, "format", "text", "output format: text, json, mermaid (a sequence diagram) or html (an interactive page, self-contained)")
	fs.StringVar(&f.strategy, "strategy", "", "with -seed and -run: the sampling strategy (random or pct) whose run to regenerate")
	fs.Uint64Var(&f.seed, "seed", 0, "with -strategy and -run: the seed of the search")
	fs.IntVar(&f.run, "run", -1, "with -strategy and -seed: the 0-based index of the run to regenerate")
	fs.IntVar(&f.runs, "runs", 0, "with -run: the number of runs of the search (0: the strategy's default)")
	fs.IntVar(&f.depth, "depth", 0, "with -run: the PCT depth of the search (0: the strategy's default)")
	fs.StringVar(&f.file, "file", "", "replay a counterexample saved by 'explore -save FILE' (it carries the protocol, workload and memory model)")
	registerWidth(fs, &f.width)
}

// mode checks that exactly one way of naming the execution was given.
func (f *replayFlags) mode(given map[string]bool) (string, error) {
	var modes []string
	if given["schedule"] {
		modes = append(modes, "schedule")
	}
	if given["run"] || given["seed"] || given["strategy"] {
		modes = append(modes, "run")
	}
	if given["file"] {
		modes = append(modes, "file")
	}
	switch {
	case len(modes) == 0:
		return "", errors.New("missing -schedule S: give the schedule explore printed (or -strategy, -seed and -run, or -file)")
	case len(modes) > 1:
		return "", fmt.Errorf("-%s and -%s both name an execution: give exactly one of -schedule, -run (with -strategy and -seed) and -file", modes[0], modes[1])
	}
	if modes[0] != "run" {
		for _, name := range []string{"runs", "depth"} {
			if given[name] {
				return "", fmt.Errorf("-%s is only meaningful with -run (regenerating a run of a sampling search)", name)
			}
		}
	}
	switch modes[0] {
	case "run":
		if given["depth"] && f.strategy != "pct" {
			return "", fmt.Errorf("-depth is only meaningful with -strategy pct, not %q", f.strategy)
		}
		if !given["run"] || !given["seed"] || !given["strategy"] {
			return "", errors.New("regenerating a run needs all of -strategy, -seed and -run")
		}
		if f.run < 0 {
			return "", fmt.Errorf("-run %d: the run index is 0 or more", f.run)
		}
		if f.runs < 0 || f.depth < 0 {
			return "", errors.New("-runs and -depth must not be negative (0 for the strategy's default)")
		}
		if f.depth > explore.MaxDepth {
			return "", fmt.Errorf("-depth %d: must be between 1 and %d (0 for the default %d)", f.depth, explore.MaxDepth, explore.DefaultDepth)
		}
	case "file":
		for _, name := range []string{"protocol", "threads", "calls", "memory", "races", "max-steps"} {
			if given[name] {
				return "", fmt.Errorf("-%s with -file: the file carries the protocol, workload and memory model", name)
			}
		}
	}
	return modes[0], nil
}

// fromFile loads a save file and resolves its protocol and workload.
func fromFile(path string) (*explore.SaveFile, workload, error) {
	sf, err := explore.LoadSaveFile(path)
	if err != nil {
		return nil, workload{}, fmt.Errorf("-file: %w", err)
	}
	p, err := lookupProtocol(sf.Protocol)
	if err != nil {
		return nil, workload{}, fmt.Errorf("-file %s: %w", path, err)
	}
	wl, err := protocols.WorkloadFromKeyValues(sf.Workload)
	if err != nil {
		return nil, workload{}, fmt.Errorf("-file %s: %w", path, err)
	}
	c, err := sf.Config()
	if err != nil {
		return nil, workload{}, fmt.Errorf("-file %s: %w", path, err)
	}
	return sf, workload{proto: p, wl: wl, memory: c.Memory, races: !c.NoRaces, steps: c.MaxSteps}, nil
}

// runReplay replays one schedule exactly and prints its trace.
func runReplay(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("replay")
	var f replayFlags
	f.register(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if err := checkFormat(f.format, "text", "json", "mermaid", "html"); err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	if f.width < 0 {
		return usageError(stderr, "replay", "-width %d: must not be negative (0 for the terminal's width)", f.width)
	}
	mode, err := f.mode(given)
	if err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	var w workload
	var e *scheduler.Execution
	switch mode {
	case "file":
		var sf *explore.SaveFile
		if sf, w, err = fromFile(f.file); err != nil {
			return usageError(stderr, "replay", "%v", err)
		}
		if e, err = sf.Replay(w.program()); err != nil {
			return replayError(stderr, w, sf.Schedule, err)
		}
	case "run":
		if w, err = f.resolve(); err != nil {
			return usageError(stderr, "replay", "%v", err)
		}
		c := w.config()
		c.Strategy, c.Seed, c.Runs, c.Depth = f.strategy, f.seed, f.runs, f.depth
		if e, err = explore.ReplayRun(w.program(), c, f.run); err != nil {
			if errors.Is(err, scheduler.ErrNondeterministic) {
				fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
				return exitUnknown
			}
			return usageError(stderr, "replay", "%v", err)
		}
	default:
		if w, err = f.resolve(); err != nil {
			return usageError(stderr, "replay", "%v", err)
		}
		if e, err = explore.ReplaySchedule(w.program(), f.schedule, w.config()); err != nil {
			return replayError(stderr, w, f.schedule, err)
		}
	}
	bad, ok := splitKinds(e.Violations(), w.proto.Acceptable)
	code := exitSafe
	verdict := "no-violation"
	if len(bad) > 0 {
		code, verdict = exitViolation, "violation"
	}
	switch f.format {
	case "json":
		r := replayReport{Protocol: w.proto.Name, Threads: w.wl.Threads, Calls: w.wl.Calls,
			Memory: w.memory.String(), RaceDetection: w.races, Verdict: verdict, Violations: bad, Acceptable: ok,
			Execution: execJSON(e, replayCommand(w, e.Schedule))}
		if err := writeJSON(stdout, r); err != nil {
			fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
			return exitUnknown
		}
	case "mermaid":
		buildDiagram(explore.Trace(e)).render(stdout)
	case "html":
		v := newView(w, e, replayCommand(w, e.Schedule))
		if err := v.write(stdout); err != nil {
			fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
			return exitUnknown
		}
	default:
		fmt.Fprintf(stdout, "protocol    %s (%s)\n", w.proto.Name, workloadText(w))
		fmt.Fprintf(stdout, "memory      %s\n", w.memory)
		if !w.races {
			fmt.Fprintf(stdout, "races       %s\n", racesOff)
		}
		fmt.Fprintf(stdout, "schedule    %s\n", e.Schedule)
		result := "no violation in this execution"
		if len(bad) > 0 {
			result = "violation: " + strings.Join(bad, ", ")
		}
		fmt.Fprintf(stdout, "result      %s\n", result)
		if len(ok) > 0 {
			fmt.Fprintf(stdout, "acceptable  %s (the protocol declares these harmless)\n", strings.Join(ok, ", "))
		}
		fmt.Fprintln(stdout)
		writeTable(stdout, explore.Trace(e), outputWidth(f.width, stdout))
		if msg := e.Message(); msg != "" {
			fmt.Fprintf(stdout, "\n%s\n", msg)
		}
		fmt.Fprintf(stdout, "\n%s\n", legend)
	}
	return code
}

// replayError explains why a schedule could not be replayed: malformed
// (bad input, with the position), not fitting the protocol and workload
// (bad input, with the step), or a model that is not deterministic.
func replayError(stderr io.Writer, w workload, text string, err error) int {
	var pe *scheduler.ParseError
	if errors.As(err, &pe) {
		hint := ""
		if pe.Beyond {
			steps := w.steps
			if steps == 0 {
				steps = defaultMaxSteps
			}
			hint = fmt.Sprintf(" (replaying %s with %s, -max-steps %d)", w.proto.Name, workloadText(w), steps)
		}
		return usageError(stderr, "replay", "-schedule %s: %v%s", quoteShort(text), pe, hint)
	}
	var me *scheduler.MismatchError
	if errors.As(err, &me) {
		return usageError(stderr, "replay", "-schedule does not fit %s with %s under %s: %v (check that -threads, -calls and -memory match the explore run that printed it)",
			w.proto.Name, workloadText(w), w.memory, me)
	}
	fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
	return exitUnknown
}

// quoteShort quotes s for a one-line message, eliding the middle of a long
// one (a schedule can be megabytes long).
func quoteShort(s string) string {
	const most = 60
	if len(s) <= most {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q…%q (%d bytes)", s[:most/2], s[len(s)-most/2:], len(s))
}
