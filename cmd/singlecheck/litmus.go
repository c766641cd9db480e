package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/explore/litmus"
	"github.com/singlecheck/singlecheck/model"
)

// litmusReport is the JSON form of the litmus subcommand's output.
type litmusReport struct {
	Tests []litmusTestReport `json:"tests"`
	// MatchesPublished is whether every derived set matches.
	MatchesPublished bool `json:"matches_published"`
}

type litmusTestReport struct {
	Name   string          `json:"name"`
	Doc    string          `json:"doc"`
	Models []litmus.Result `json:"models"`
}

// runLitmus is the litmus subcommand. It runs the classic litmus tests of
// weak memory under sc, tso and pso, derives each test's reachable final
// outcomes by exhaustive exploration, and compares them with the outcome
// sets published for each model (package litmus cites the sources). It
// writes a table or JSON to stdout and problems to stderr, and returns
// exitSafe if every derived set matches, exitViolation if some set differs,
// exitBadInput for bad flags, exitUnknown if an exploration did not finish.
func runLitmus(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("litmus")
	format := fs.String("format", "text", "output format: text or json")
	names := fs.String("test", "", "comma-separated names of the tests to run (default: all)")
	strategy := fs.String("strategy", "", "exhaustive strategy: "+strings.Join(explore.ExhaustiveStrategyNames(), ", ")+" (default: "+explore.DefaultStrategy+")")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return usageError(stderr, "litmus", "%v", err)
	}
	tests := litmus.All
	if *names != "" {
		tests = nil
		for _, n := range strings.Split(*names, ",") {
			t, ok := litmus.Lookup(strings.TrimSpace(n))
			if !ok {
				return usageError(stderr, "litmus", "-test: unknown litmus test %q: use %s", n, strings.Join(litmusNames(), ", "))
			}
			tests = append(tests, t)
		}
	}

	ctx, stop := interruptible()
	defer stop()
	results, err := litmus.RunAll(ctx, tests, *strategy)
	if err != nil {
		if strings.Contains(err.Error(), "unknown strategy") || strings.Contains(err.Error(), "samples executions") {
			return usageError(stderr, "litmus", "-strategy: %v", err)
		}
		fmt.Fprintf(stderr, "singlecheck litmus: %v\n", err)
		return exitUnknown
	}
	rep := litmusReport{MatchesPublished: true}
	for _, t := range tests {
		tr := litmusTestReport{Name: t.Name, Doc: t.Doc}
		for _, r := range results {
			if r.Test == t.Name {
				tr.Models = append(tr.Models, r)
				rep.MatchesPublished = rep.MatchesPublished && r.Matches
			}
		}
		rep.Tests = append(rep.Tests, tr)
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "singlecheck litmus: writing JSON: %v\n", err)
			return exitUnknown
		}
	} else {
		writeLitmusText(stdout, tests, rep)
	}
	if !rep.MatchesPublished {
		return exitViolation
	}
	return exitSafe
}

func litmusNames() []string {
	names := make([]string, len(litmus.All))
	for i, t := range litmus.All {
		names[i] = t.Name
	}
	return names
}

// writeLitmusText prints one row per test and memory model: whether the
// derived set matches, its size, and the outcomes it reaches beyond SC's
// published set (the relaxed behaviours); then, for a mismatch, the
// outcomes missing and those not published. Observables that take a single
// value in every outcome (a variable every execution sets alike) are left
// out of the outcomes printed; the JSON form has them all.
func writeLitmusText(w io.Writer, tests []*litmus.Test, rep litmusReport) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TEST\tMODEL\tMATCH\tOUTCOMES\tEXECUTIONS\tBEYOND SC")
	var details []string
	total, bad := 0, 0
	for i, tr := range rep.Tests {
		t := tests[i]
		sc, _ := t.Published(model.SC)
		for _, r := range tr.Models {
			total++
			match := "yes"
			if !r.Matches {
				match = "NO"
				bad++
				missing, extra := diffSets(r.Published, r.Reachable)
				for _, o := range missing {
					details = append(details, fmt.Sprintf("%s %s: published but not reached: %s", r.Test, r.Memory, shortOutcome(t, o)))
				}
				for _, o := range extra {
					details = append(details, fmt.Sprintf("%s %s: reached but not published: %s", r.Test, r.Memory, shortOutcome(t, o)))
				}
			}
			var beyond []string
			for _, o := range r.Reachable {
				if !slices.Contains(sc, o) {
					beyond = append(beyond, shortOutcome(t, o))
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d/%d\t%d\t%s\n", r.Test, r.Memory, match,
				len(r.Reachable), len(r.Published), r.Executions, strings.Join(beyond, "; "))
		}
	}
	tw.Flush()
	for _, d := range details {
		fmt.Fprintln(w, d)
	}
	if bad == 0 {
		fmt.Fprintf(w, "all %d outcome sets match the published sets\n", total)
	} else {
		fmt.Fprintf(w, "%d of %d outcome sets differ from the published sets\n", bad, total)
	}
}

// diffSets returns the elements of want not in got, and of got not in want.
func diffSets(want, got []string) (missing, extra []string) {
	for _, o := range want {
		if !slices.Contains(got, o) {
			missing = append(missing, o)
		}
	}
	for _, o := range got {
		if !slices.Contains(want, o) {
			extra = append(extra, o)
		}
	}
	return missing, extra
}

// shortOutcome drops from o the observables of t that can take only one
// value.
func shortOutcome(t *litmus.Test, o string) string {
	fixed := map[string]bool{}
	for _, ob := range t.Observables {
		if len(ob.Values) == 1 {
			fixed[ob.Name] = true
		}
	}
	var keep []string
	for _, f := range strings.Fields(o) {
		name, _, _ := strings.Cut(f, "=")
		if !fixed[name] {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}
