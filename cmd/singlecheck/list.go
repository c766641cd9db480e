package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// runList prints every built-in protocol, in protocols.All order, with the
// first line of its doc.
func runList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("list")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	width := 0
	for _, p := range protocols.All {
		width = max(width, len(p.Name))
	}
	for _, p := range protocols.All {
		fmt.Fprintf(stdout, "%-*s  %s\n", width, p.Name, p.Summary())
	}
	return exitSafe
}

// runDescribe prints one protocol's whole doc, its workload knobs and its
// expected verdict under each memory model.
func runDescribe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("describe")
	name := ""
	fs.StringVar(&name, "protocol", "", "the protocol to describe (or give it as the argument)")
	// Accept the name before or after the flags.
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	arg := name
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	if arg != "" && name != arg {
		return usageError(stderr, "describe", "two protocols named, %q as the argument and %q with -protocol: name one", arg, name)
	}
	if name == "" {
		return usageError(stderr, "describe", "missing protocol name: singlecheck describe NAME (one of: %s)", strings.Join(protocolNames(), ", "))
	}
	p, err := lookupProtocol(name)
	if err != nil {
		return usageError(stderr, "describe", "%v", err)
	}
	describe(stdout, p)
	return exitSafe
}

func describe(w io.Writer, p *protocols.Protocol) {
	fmt.Fprintf(w, "%s: %s\n", p.Name, strings.TrimSpace(p.Doc))
	identical := "no (the threads run different code; symmetry reduction does not apply)"
	if p.Identical {
		identical = "yes (the threads run the same code; symmetry reduction applies)"
	}
	fmt.Fprintf(w, `
Workload:
  -threads N  threads, %d to %d (default %d)
  -calls K    calls of the getter per thread, 1 to %d (default %d)
  identical threads: %s
`, 1, protocols.MaxThreads, protocols.DefaultWorkload.Threads, protocols.MaxCalls, protocols.DefaultWorkload.Calls, identical)
	fmt.Fprintf(w, "\nAcceptable violations: %s\n", kindList(p.Acceptable, "none"))
	fmt.Fprintf(w, "\nExpected verdicts (exhaustive exploration):\n")
	for _, m := range model.Memories {
		ks, ok := p.Expect[m]
		text := "not stated"
		if ok {
			text = kindList(ks, "safe")
		}
		fmt.Fprintf(w, "  %-4s %s\n", m, text)
	}
	for _, k := range model.Kinds {
		if n, ok := p.MinThreads[k]; ok {
			fmt.Fprintf(w, "  (%s needs at least %d threads)\n", k, n)
		}
	}
	fmt.Fprintf(w, "\nTry it:\n  %s explore -protocol %s\n", tool, p.Name)
}

// kindList prints kinds sorted by name, or none if there are none.
func kindList(ks []model.Kind, none string) string {
	if len(ks) == 0 {
		return none
	}
	return strings.Join(kindStrings(ks), ", ")
}

// kindStrings returns the kinds as strings, sorted by name.
func kindStrings(ks []model.Kind) []string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	slices.Sort(s)
	return s
}
