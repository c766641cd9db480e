package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

const defaultMaxSteps = scheduler.DefaultMaxSteps

// usageError prints one line about bad input on stderr and returns
// exitBadInput.
func usageError(stderr io.Writer, cmd, format string, args ...any) int {
	prefix := "singlecheck"
	if cmd != "" {
		prefix += " " + cmd
	}
	fmt.Fprintf(stderr, "%s: %s\n", prefix, fmt.Sprintf(format, args...))
	return exitBadInput
}

// newFlagSet returns a flag set that reports errors to its caller instead of
// printing them, with a usage text for -h.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs. It returns ok=false and the exit code
// when the command must stop: after -h (usage on stdout, 0), or on a bad flag
// or a stray argument (one line on stderr, 2).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := parseStrict(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, stdout)
		return exitSafe, false
	}
	if err != nil {
		return usageError(stderr, fs.Name(), "%v (run 'singlecheck %s -h' for the flags)", explainParseError(fs, err), fs.Name()), false
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fs.Name(), "unexpected argument %q: every input is a flag (run 'singlecheck %s -h')", fs.Arg(0), fs.Name()), false
	}
	return 0, true
}

// badValue matches the flag package's message for a value it cannot parse.
var badValue = regexp.MustCompile(`^invalid value "(.*)" for flag -([^:]+): parse error$`)

// explainParseError replaces the flag package's bare "parse error" with
// what the flag takes: a duration with its unit, a whole number, a boolean.
func explainParseError(fs *flag.FlagSet, err error) error {
	m := badValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	fl := fs.Lookup(m[2])
	if fl == nil {
		return err
	}
	g, ok := fl.Value.(flag.Getter)
	if !ok {
		return err
	}
	want := ""
	switch g.Get().(type) {
	case time.Duration:
		want = "a duration such as 5s, 2m or 1h30m (a number needs a unit)"
	case int, int64:
		want = "a whole number such as 3"
	case uint, uint64:
		want = "a whole number, 0 or more"
	case bool:
		want = "true or false"
	case float64:
		want = "a number such as 0.5"
	default:
		return err
	}
	return fmt.Errorf("invalid value %q for flag -%s: want %s", m[1], m[2], want)
}

func printUsage(fs *flag.FlagSet, w io.Writer) {
	c, _ := lookupCommand(fs.Name())
	fmt.Fprintf(w, "Usage: singlecheck %s\n\n%s.\n", strings.TrimSpace(c.name+" "+c.usage), upperFirst(c.summary))
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n == 0 {
		return // no flags: no empty "Flags:" header
	}
	fmt.Fprintf(w, "\nFlags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// workloadFlags are the flags that say what one execution is: the protocol,
// its workload and the memory model. explore and replay share them, and the
// replay command printed after a counterexample repeats them.
type workloadFlags struct {
	protocol string
	threads  int
	calls    int
	memory   string
	races    bool
	maxSteps int
}

func (w *workloadFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&w.protocol, "protocol", "", "the protocol to check (see 'singlecheck list')")
	fs.IntVar(&w.threads, "threads", protocols.DefaultWorkload.Threads,
		fmt.Sprintf("number of threads, 1 to %d", protocols.MaxThreads))
	fs.IntVar(&w.calls, "calls", protocols.DefaultWorkload.Calls,
		fmt.Sprintf("calls of the getter per thread, 1 to %d", protocols.MaxCalls))
	fs.StringVar(&w.memory, "memory", "sc", "memory model: sc, tso or pso")
	fs.BoolVar(&w.races, "races", true, "report data races (happens-before race detector)")
	fs.IntVar(&w.maxSteps, "max-steps", 0,
		fmt.Sprintf("bound on the steps of one execution (0: the default %d)", defaultMaxSteps))
}

// workload is a resolved workloadFlags.
type workload struct {
	proto  *protocols.Protocol
	wl     protocols.Workload
	memory model.Memory
	races  bool
	steps  int
}

// resolve checks the flags and looks the protocol up.
func (w *workloadFlags) resolve() (workload, error) {
	if w.protocol == "" {
		return workload{}, fmt.Errorf("missing -protocol NAME (one of: %s)", strings.Join(protocolNames(), ", "))
	}
	p, err := lookupProtocol(w.protocol)
	if err != nil {
		return workload{}, err
	}
	if w.threads < 1 || w.threads > protocols.MaxThreads {
		return workload{}, fmt.Errorf("-threads %d: must be between 1 and %d", w.threads, protocols.MaxThreads)
	}
	if w.calls < 1 || w.calls > protocols.MaxCalls {
		return workload{}, fmt.Errorf("-calls %d: must be between 1 and %d", w.calls, protocols.MaxCalls)
	}
	m, err := model.ParseMemory(w.memory)
	if err != nil {
		return workload{}, fmt.Errorf("-memory: %w", err)
	}
	if w.maxSteps < 0 || w.maxSteps > explore.MaxMaxSteps {
		return workload{}, fmt.Errorf("-max-steps %d: must be between 1 and %d (0 for the default)", w.maxSteps, explore.MaxMaxSteps)
	}
	wl := protocols.Workload{Threads: w.threads, Calls: w.calls}
	if err := wl.Validate(); err != nil {
		return workload{}, err
	}
	return workload{proto: p, wl: wl, memory: m, races: w.races, steps: w.maxSteps}, nil
}

// program is the protocol under the workload.
func (w workload) program() model.Program { return w.proto.Program(w.wl) }

// config is the part of an explore.Config the workload decides.
func (w workload) config() explore.Config {
	return explore.Config{Memory: w.memory, NoRaces: !w.races, MaxSteps: w.steps}
}

// flags is the workload as command-line flags, as replay accepts them: every
// flag that changes what a schedule means, always with its value.
func (w workload) flags() string {
	s := fmt.Sprintf("-protocol %s -threads %d -calls %d -memory %s", w.proto.Name, w.wl.Threads, w.wl.Calls, w.memory)
	if !w.races {
		s += " -races=false"
	}
	if w.steps != 0 {
		s += fmt.Sprintf(" -max-steps %d", w.steps)
	}
	return s
}

// checkFormat rejects an output format the command does not know.
func checkFormat(format string, allowed ...string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return fmt.Errorf("-format %q: use %s", format, strings.Join(allowed, ", "))
}

func protocolNames() []string {
	names := make([]string, len(protocols.All))
	for i, p := range protocols.All {
		names[i] = p.Name
	}
	return names
}

// lookupProtocol finds a built-in protocol, suggesting the nearest name when
// there is none by that name.
func lookupProtocol(name string) (*protocols.Protocol, error) {
	if p, ok := protocols.Lookup(name); ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown protocol %q%s; 'singlecheck list' shows them all", name, suggestion(name, protocolNames()))
}
