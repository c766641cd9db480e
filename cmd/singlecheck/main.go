// Command singlecheck explores the interleavings of singleton
// (lazy-initialization) protocols and shows a counterexample a person can
// follow, or says the protocol is safe.
//
// Usage:
//
//	singlecheck list
//	singlecheck describe NAME
//	singlecheck explore -protocol NAME [flags]
//	singlecheck explore -protocol NAME -shard K/N [-out FILE] [flags]
//	singlecheck merge [flags] FILES...
//	singlecheck replay -protocol NAME -schedule S [flags]
//	singlecheck replay -protocol NAME -strategy random|pct -seed S -run I [flags]
//	singlecheck replay -file FILE [flags]
//	singlecheck test (-getter NAME | -run REGEXP) [flags] [packages]
//	singlecheck verdicts [flags]
//	singlecheck litmus [-format text|json]
//	singlecheck version
//
// Install it with
//
//	go install github.com/singlecheck/singlecheck/cmd/singlecheck@latest
//
// Exit codes: 0 safe (replay: no violation), 1 violation, 2 bad input,
// 3 unknown (a limit was hit, the search was interrupted or sampled).
//
// The command is thin: everything it does is available from Go through
// packages explore and protocols. Its JSON output is described in report.go.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes.
const (
	exitSafe      = 0 // safe; for replay: the execution shows no violation
	exitViolation = 1 // a violation was found
	exitBadInput  = 2 // bad flags, names, schedules
	exitUnknown   = 3 // a limit was hit, the search was interrupted or sampled
)

// command is one subcommand. Adding one is one line in commands.
type command struct {
	name    string
	usage   string // arguments, after the name
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands in the order help shows them. A new one
// is a func(args []string, stdout, stderr io.Writer) int in a file of its
// own and one line here, for example
//
//	{"litmus", "[flags]", "run the litmus tests under every memory model", runLitmus},
//
// It must report bad input with usageError (exit 2) and parse its flags
// with newFlagSet and parseFlags, so that -h and unknown flags behave as
// everywhere else. (The list is set in init only because the usage texts
// refer back to it.)
var commands []command

func init() {
	commands = []command{
		{"list", "", "list the built-in protocols", runList},
		{"describe", "NAME", "show a protocol's doc, workload knobs and expected verdicts", runDescribe},
		{"explore", "-protocol NAME [flags]", "search a protocol's interleavings for violations", runExplore},
		{"replay", "-protocol NAME (-schedule S | -strategy random|pct -seed S -run I) [flags], or -file FILE", "replay one execution exactly and print its trace", runReplay},
		{"test", "(-getter NAME | -run REGEXP) [flags] [packages]", "check an unmodified Go package: its singleton getter or its own tests", runGoTest},
		{"merge", "[flags] FILES...", "combine the partial results of explore -shard K/N into the whole search's verdict", runMerge},
		{"verdicts", "[flags]", "explore every protocol under sc, tso and pso and print the verdict table", runVerdicts},
		{"litmus", "[-format text|json]", "derive litmus-test outcomes under each memory model; compare with published sets", runLitmus},
		{"bench", "[flags]", "run the benchmark suite (protocols × threads × strategies) and print a table", runBench},
		{"version", "", "print the version of singlecheck (also: singlecheck -version)", runVersion},
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole command, callable in-process: it parses args, writes to
// stdout and stderr, and returns the exit code.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		// Never show a Go stack trace to a user: a bug in the tool is
		// reported in one line and an exit code that is not "safe".
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "singlecheck: internal error: %v (please report it with the command line)\n", r)
			code = exitUnknown
		}
	}()
	if len(args) == 0 {
		printHelp(stderr)
		return exitBadInput
	}
	name := args[0]
	switch name {
	case "-version", "--version":
		return runVersion(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[1] != "" {
			if c, ok := lookupCommand(args[1]); ok {
				return c.run([]string{"-h"}, stdout, stderr)
			}
			return usageError(stderr, "", "unknown command %q%s", args[1], suggestCommand(args[1]))
		}
		printHelp(stdout)
		return exitSafe
	}
	c, ok := lookupCommand(name)
	if !ok {
		return usageError(stderr, "", "unknown command %q%s", name, suggestCommand(name))
	}
	return c.run(args[1:], stdout, stderr)
}

func lookupCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func suggestCommand(name string) string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return suggestion(name, names) + "; run 'singlecheck help' for the list"
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, `singlecheck checks singleton (lazy-initialization) protocols by exploring
the interleavings of their threads under a controlled scheduler.

Usage:
`)
	for _, c := range commands {
		fmt.Fprintf(w, "  singlecheck %s\n", strings.TrimSpace(c.name+" "+c.usage))
	}
	fmt.Fprintf(w, "\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Run 'singlecheck help COMMAND' (or 'singlecheck COMMAND -h') for its flags.

Exit codes:
  0  safe: the exhaustive search found no violation (replay: the execution
     shows none; verdicts: every verdict matches its expectation)
  1  violation found (verdicts: some verdict differs from its expectation;
     litmus: some derived outcome set differs from the published one)
  2  bad input: unknown command, protocol, flag or value, or a schedule
     that is malformed or does not fit the protocol and workload
  3  unknown: a limit was hit, the search was interrupted (Ctrl-C,
     SIGTERM or SIGHUP; the result so far is printed), or a sampling
     strategy found nothing, which proves nothing

Example:
  singlecheck explore -protocol naive
`)
}
