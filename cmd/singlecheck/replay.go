package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/scheduler"
)

// replayFlags are replay's flags beyond the workload.
type replayFlags struct {
	workloadFlags
	schedule string
	format   string
}

func (f *replayFlags) register(fs *flag.FlagSet) {
	f.workloadFlags.register(fs)
	fs.StringVar(&f.schedule, "schedule", "", `the schedule to replay, as explore prints it (for example "0.1x3.0x4")`)
	fs.StringVar(&f.format, "format", "text", "output format: text, json or mermaid")
}

// runReplay replays one schedule exactly and prints its trace.
func runReplay(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("replay")
	var f replayFlags
	f.register(fs)
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	w, err := f.resolve()
	if err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	if err := checkFormat(f.format, "text", "json", "mermaid"); err != nil {
		return usageError(stderr, "replay", "%v", err)
	}
	if f.schedule == "" {
		return usageError(stderr, "replay", "missing -schedule S: give the schedule explore printed")
	}
	e, err := explore.ReplaySchedule(w.program(), f.schedule, w.config())
	if err != nil {
		return replayError(stderr, w, f.schedule, err)
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
			Memory: w.memory.String(), Verdict: verdict, Violations: bad, Acceptable: ok,
			Execution: execJSON(e, replayCommand(w, e.Schedule))}
		if err := writeJSON(stdout, r); err != nil {
			fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
			return exitUnknown
		}
	case "mermaid":
		buildDiagram(explore.Trace(e)).render(stdout)
	default:
		fmt.Fprintf(stdout, "protocol    %s (%s)\n", w.proto.Name, workloadText(w))
		fmt.Fprintf(stdout, "memory      %s\n", w.memory)
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
		writeTable(stdout, explore.Trace(e))
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
		return usageError(stderr, "replay", "-schedule %q: %v", text, pe)
	}
	var me *scheduler.MismatchError
	if errors.As(err, &me) {
		return usageError(stderr, "replay", "-schedule does not fit %s with %s under %s: %v (check that -threads, -calls and -memory match the explore run that printed it)",
			w.proto.Name, workloadText(w), w.memory, me)
	}
	fmt.Fprintf(stderr, "singlecheck replay: %v\n", err)
	return exitUnknown
}
