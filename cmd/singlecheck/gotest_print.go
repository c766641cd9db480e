package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"golang.org/x/tools/go/packages"

	"github.com/singlecheck/singlecheck/cmd/singlecheck/internal/rewrite"
	"github.com/singlecheck/singlecheck/explore/gotest"
)

// testReport is singlecheck test -format json: the run's report with the
// package, the limits found and the replay command.
type testReport struct {
	Package string          `json:"package"`
	Limits  []rewrite.Limit `json:"limits"`
	Replay  string          `json:"replay,omitempty"`
	*gotest.Report
}

// flushJSON writes the -format json reports collected as one document:
// the report of the one job checked, or an array of them in the order
// checked when there were several (packages, or tests matching -run).
func (f *testFlags) flushJSON(w io.Writer) {
	switch len(f.reports) {
	case 0:
	case 1:
		_ = writeJSON(w, f.reports[0])
	default:
		_ = writeJSON(w, f.reports)
	}
	f.reports = nil
}

// print writes the result of one job (with -format json, collects it for
// flushJSON).
func (f *testFlags) print(w io.Writer, pkg *packages.Package, j job, r *gotest.Report, limits []rewrite.Limit) {
	replay := ""
	if r.Counterexample != nil && f.schedule == "" {
		replay = f.replayCommand(pkg, r.Counterexample.Schedule)
	}
	if f.format == "json" {
		if limits == nil {
			limits = []rewrite.Limit{}
		}
		f.reports = append(f.reports, testReport{Package: pkg.PkgPath, Limits: limits, Replay: replay, Report: r})
		return
	}
	what := fmt.Sprintf("getter %s (%s)", j.name, plural(f.threads, "goroutine"))
	if f.run != "" {
		what = "test " + j.name
	}
	if f.reset != "" {
		what += ", reset " + f.reset + " interleaved"
	}
	fmt.Fprintf(w, "package     %s\n", pkg.PkgPath)
	fmt.Fprintf(w, "checking    %s\n", what)
	fmt.Fprintf(w, "memory      %s\n", r.Memory)
	if r.Strategy != "" {
		fmt.Fprintf(w, "strategy    %s\n", r.Strategy)
	}
	verdict := r.Verdict
	if r.Reason != "" {
		verdict += ": " + r.Reason
	}
	fmt.Fprintf(w, "verdict     %s\n", verdict)
	fmt.Fprintf(w, "violations  %s\n", listOrNone(r.Violations))
	if r.Stats.Executions > 0 {
		cut := ""
		if r.Stats.StepBound > 0 {
			cut = fmt.Sprintf(", %d cut off by the step bound", r.Stats.StepBound)
		}
		fmt.Fprintf(w, "searched    %s, %s%s, elapsed %dms\n", plural(r.Stats.Executions, "execution"), plural(r.Stats.Steps, "step"), cut, r.Stats.ElapsedMS)
	}
	for i, l := range limits {
		head := "limits"
		if i > 0 {
			head = ""
		}
		fmt.Fprintf(w, "%-11s %s: %s\n", head, l.Pos, l.What)
	}
	ce := r.Counterexample
	if ce == nil {
		fmt.Fprintln(w)
		return
	}
	if f.schedule != "" {
		fmt.Fprintf(w, "\nThe execution of schedule %s (%s):\n\n", ce.Schedule, ce.Status)
	} else {
		fmt.Fprintf(w, "\nCounterexample: the first execution found with %s (execution %d)\n\n", ce.Kind, ce.Run+1)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "step\tthread\top\tlocation\tvalue\tat\tsource\n")
	for _, s := range ce.Steps {
		val := s.Value
		if s.Buffered {
			val += " (buffered)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Step, s.Thread, s.Operation, s.Location, val, s.Pos, s.Source)
		for _, v := range s.Violations {
			fmt.Fprintf(tw, "\t\t\t\t\t\t>> %s: %s\n", v.Kind, oneLine(v.Message))
		}
	}
	tw.Flush()
	if ce.Message != "" {
		fmt.Fprintf(w, "\n%s\n", ce.Message)
	}
	if replay != "" {
		fmt.Fprintf(w, "\nReplay it:\n  %s\n", replay)
	}
	fmt.Fprintln(w)
}

func oneLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// replayCommand is the command line that replays schedule.
func (f *testFlags) replayCommand(pkg *packages.Package, schedule string) string {
	parts := []string{tool, "test"}
	for _, a := range f.replayArgs(pkg, schedule) {
		parts = append(parts, shellWord(a))
	}
	return strings.Join(parts, " ")
}

// replayArgs are singlecheck test's arguments that replay schedule.
func (f *testFlags) replayArgs(pkg *packages.Package, schedule string) []string {
	var parts []string
	if f.getter != "" {
		parts = append(parts, "-getter", f.getter, "-threads", fmt.Sprint(f.threads))
	} else {
		parts = append(parts, "-run", f.run)
	}
	if f.reset != "" {
		parts = append(parts, "-reset", f.reset)
	}
	if f.constructor != "" {
		parts = append(parts, "-constructor", f.constructor)
	}
	if len(f.helperPaths) > 0 {
		parts = append(parts, "-instrument", strings.Join(f.helperPaths, ","))
	}
	parts = append(parts, "-memory", f.memory)
	if !f.races {
		parts = append(parts, "-races=false")
	}
	if f.maxSteps != 0 {
		parts = append(parts, "-max-steps", fmt.Sprint(f.maxSteps))
	}
	return append(parts, "-schedule", schedule, packageArg(pkg))
}

// packageArg names pkg's directory for a command line: relative to the
// current directory when it is below it, so that the command can be copied.
func packageArg(pkg *packages.Package) string {
	if len(pkg.GoFiles) == 0 {
		return pkg.PkgPath
	}
	dir := filepath.Dir(pkg.GoFiles[0])
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, dir); err == nil && !strings.HasPrefix(rel, "..") {
			return "./" + filepath.ToSlash(rel)
		}
	}
	return dir
}

// shellWord quotes s for a POSIX shell if it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
