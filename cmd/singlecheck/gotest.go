package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/singlecheck/singlecheck/cmd/singlecheck/internal/rewrite"
	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/explore/gotest"
	"github.com/singlecheck/singlecheck/model"
)

// testFlags are the flags of singlecheck test.
type testFlags struct {
	exploreFlags
	getter      string
	constructor string
	reset       string
	run         string
	schedule    string
	allow       bool
	keep        bool
	save        string
	file        string
	instrument  string
	// helperPaths are the import paths of the packages instrumented
	// beside the one being checked, for its replay command.
	helperPaths []string
	// reports are the -format json reports not written yet (flushJSON).
	reports []testReport
}

func (f *testFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.getter, "getter", "", "check the singleton contract of this package-level function (no parameters, returns the instance)")
	fs.StringVar(&f.constructor, "constructor", "", "the function whose calls are the constructions (default: allocations of the getter's result type)")
	fs.StringVar(&f.reset, "reset", "", "a test reset function (no parameters) to run beside the getter's callers, at every point of their steps; a second phase of callers then checks the state it left")
	fs.StringVar(&f.run, "run", "", "run the package's tests matching this regular expression as modelled test bodies")
	fs.StringVar(&f.schedule, "schedule", "", "replay this schedule (from a counterexample) instead of searching")
	fs.BoolVar(&f.allow, "allow", false, "accept the constructs the checker cannot model faithfully (the verdict is not made unknown by them)")
	fs.StringVar(&f.save, "save", "", "write the counterexample shown to this file, for -file")
	fs.StringVar(&f.file, "file", "", "replay the counterexample a -save file holds (no other flags)")
	fs.StringVar(&f.instrument, "instrument", "", "also instrument these packages of the module (comma-separated patterns, as go test -coverpkg), e.g. a helper package holding the shared state: without it their code runs natively")
	fs.BoolVar(&f.keep, "keep", false, "keep the rewritten files (their directory is printed on stderr)")
	fs.IntVar(&f.threads, "threads", 2, "goroutines calling the getter (in each phase; default 1 with -reset)")
	fs.StringVar(&f.memory, "memory", "sc", "memory model: sc, tso or pso")
	fs.BoolVar(&f.races, "races", true, "report data races (happens-before race detector)")
	fs.IntVar(&f.maxSteps, "max-steps", 0, fmt.Sprintf("bound on the steps of one execution (0: the default %d)", defaultMaxSteps))
	fs.StringVar(&f.strategy, "strategy", "", "search strategy: "+strings.Join(explore.StrategyNames(), ", ")+" (default: the exhaustive default)")
	fs.IntVar(&f.maxExecutions, "max-executions", 0, fmt.Sprintf("stop after this many executions, verdict unknown (0: the default %d)", explore.DefaultMaxExecutions))
	fs.DurationVar(&f.timeout, "timeout", 0, "stop after this long, verdict unknown (0: no limit)")
	fs.BoolVar(&f.stopAtFirst, "stop-at-first", false, "stop at the first violation instead of finding every kind")
	fs.BoolVar(&f.symmetry, "symmetry", true, "treat the getter's callers as interchangeable")
	fs.IntVar(&f.preemptions, "preemptions", -1, "bound the preemptions of an execution; -1 is unbounded")
	fs.Uint64Var(&f.seed, "seed", 0, "seed of a sampling strategy")
	fs.IntVar(&f.runs, "runs", 0, "executions of a sampling strategy (0: the strategy's default)")
	fs.IntVar(&f.depth, "depth", 0, "bug depth PCT targets (0: the strategy's default)")
	fs.StringVar(&f.format, "format", "text", "output format: text or json")
	fs.StringVar(&f.kind, "kind", "", "show the first counterexample of this violation kind")
}

// testArgs is a parsed singlecheck test command line.
type testArgs struct {
	f     testFlags
	pats  []string
	c     explore.Config
	runRE *regexp.Regexp
}

// parseTestArgs parses singlecheck test's arguments (flags, then
// packages) and checks them, without reading any package. When it
// returns ok false the command ends with code (exit 2 and a message on
// stderr for bad input, 0 after -h). With -file the other fields are not
// checked: the save file's arguments are.
func parseTestArgs(args []string, stdout, stderr io.Writer) (a *testArgs, code int, ok bool) {
	fs := newFlagSet("test")
	a = &testArgs{}
	f := &a.f
	f.register(fs)
	// Packages come after the flags, as for go test.
	var pats []string
	flagArgs := args
	for i, arg := range args {
		if !strings.HasPrefix(arg, "-") && (i == 0 || !takesValue(fs, args[i-1])) {
			flagArgs, pats = args[:i], args[i:]
			break
		}
	}
	if code, ok := parseFlags(fs, flagArgs, stdout, stderr); !ok {
		return nil, code, false
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if f.file != "" {
		for name := range given {
			if name != "file" && name != "format" {
				return nil, usageError(stderr, "test", "-file replays a save file as it is: give no other flags (but -format) or packages, not -%s", name), false
			}
		}
		if len(pats) > 0 {
			return nil, usageError(stderr, "test", "-file replays a save file as it is: give no other flags (but -format) or packages"), false
		}
		return a, 0, true
	}
	if len(pats) == 0 {
		pats = []string{"."}
	}
	a.pats = pats
	if (f.getter == "") == (f.run == "") {
		return nil, usageError(stderr, "test", "give -getter NAME (check a singleton's getter) or -run REGEXP (check the package's tests), one of them"), false
	}
	if f.reset != "" && !given["threads"] {
		// The reset goroutine is the second actor beside the callers;
		// every further caller multiplies the interleavings the reset
		// is tried at, each in two phases.
		f.threads = 1
	}
	if f.threads < 1 || f.threads > 8 {
		return nil, usageError(stderr, "test", "-threads %d: must be between 1 and 8", f.threads), false
	}
	m, err := model.ParseMemory(f.memory)
	if err != nil {
		return nil, usageError(stderr, "test", "-memory: %v", err), false
	}
	if a.c, err = f.config(workload{memory: m, races: f.races, steps: f.maxSteps}, given); err != nil {
		return nil, usageError(stderr, "test", "%v", err), false
	}
	// Ordinary Go code runs one execution at a time in a process
	// (model/implicit.go): test has no -workers and searches sequentially.
	a.c.Workers = 1
	if f.run != "" {
		if a.runRE, err = regexp.Compile(f.run); err != nil {
			return nil, usageError(stderr, "test", "-run %q: %v", f.run, err), false
		}
	}
	return a, 0, true
}

// runGoTest is singlecheck test: it instruments the named packages and
// explores the executions of their getter or tests.
func runGoTest(args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseTestArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	f, pats, c, runRE := &a.f, a.pats, a.c, a.runRE
	if f.file != "" {
		saved, err := readSave(f.file)
		if err != nil {
			return usageError(stderr, "test", "%v", err)
		}
		return runGoTest(append([]string{"-format", f.format}, saved...), stdout, stderr)
	}
	ctx, stop := interruptible()
	defer stop()
	pkgs, err := loadAll(ctx, pats, f.run != "", splitList(f.instrument))
	var be *buildError
	if errors.As(err, &be) {
		fmt.Fprintf(stderr, "%s\nsinglecheck test: the package does not build; fix the errors above\n", be.Error())
		return exitBadInput
	}
	if err != nil {
		return usageError(stderr, "test", "%v", err)
	}
	code = exitSafe
	ran := 0
	var candidates []string
	for _, tg := range pkgs {
		pkg := tg.pkg
		jobs, cands, err := f.jobs(pkg, runRE)
		if err != nil {
			return usageError(stderr, "test", "%v", err)
		}
		if len(jobs) == 0 && len(pkgs) > 1 && !hasTestPartner(pkgs, pkg) {
			fmt.Fprintf(stderr, "singlecheck test: %s: nothing to check (no %s), skipped\n", pkg.PkgPath, f.what())
		}
		candidates = append(candidates, cands...)
		for _, j := range jobs {
			ran++
			c := f.check(ctx, tg, j, c, stdout, stderr)
			code = worse(code, c)
		}
	}
	f.flushJSON(stdout)
	if ran == 0 {
		if f.getter != "" {
			sort.Strings(candidates)
			return usageError(stderr, "test", "no package-level function %s in %s; candidates (no parameters, one result): %s",
				f.getter, strings.Join(pats, " "), listOrNone(candidates))
		}
		return usageError(stderr, "test", "no test matches -run %q in %s", f.run, strings.Join(pats, " "))
	}
	return code
}

// loadAll loads the packages pats name: a directory from that directory
// (it may be in a module of its own), the others from the current one.
// The -instrument patterns instr are resolved where their package is.
func loadAll(ctx context.Context, pats []string, tests bool, instr []string) ([]target, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("the current directory: %w", err)
	}
	var rest []string
	var out []target
	for _, p := range pats {
		if st, err := os.Stat(p); err == nil && st.IsDir() && !strings.Contains(p, "...") {
			dir, _ := filepath.Abs(p)
			pkgs, err := loadTargets(ctx, dir, []string{"."}, tests, instr)
			if err != nil {
				return nil, err
			}
			out = append(out, pkgs...)
			continue
		}
		rest = append(rest, p)
	}
	if len(rest) > 0 {
		pkgs, err := loadTargets(ctx, cwd, rest, tests, instr)
		if err != nil {
			return nil, err
		}
		out = append(out, pkgs...)
	}
	return out, nil
}

// hasTestPartner says pkgs hold pkg's external test package, or pkg is
// one and they hold the package under test: the tests -run matches may be
// in the other one, so pkg's having none is not worth saying.
func hasTestPartner(tgs []target, pkg *packages.Package) bool {
	for _, t := range tgs {
		if t.pkg.PkgPath == pkg.PkgPath+"_test" || pkg.PkgPath == t.pkg.PkgPath+"_test" {
			return true
		}
	}
	return false
}

// what names what the flags ask to check, for messages.
func (f *testFlags) what() string {
	if f.getter != "" {
		return "getter " + f.getter
	}
	return "test matching " + f.run
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// worse is the exit code that says more: bad input, then a violation,
// then unknown, then safe.
func worse(a, b int) int {
	rank := map[int]int{exitSafe: 0, exitUnknown: 1, exitViolation: 2, exitBadInput: 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// takesValue says the flag arg (-name or -name=v) takes the next argument
// as its value.
func takesValue(fs *flag.FlagSet, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	fl := fs.Lookup(name)
	if fl == nil {
		return false
	}
	if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// job is one thing to check in a package: the getter, or one test.
type job struct {
	name   string // "Get" or "TestX"
	driver func(pkg string) []byte
	opt    rewrite.Options
}

// jobs finds what to check in pkg. It returns the getter candidates when
// there is no getter of that name.
func (f *testFlags) jobs(pkg *packages.Package, runRE *regexp.Regexp) ([]job, []string, error) {
	scope := pkg.Types.Scope()
	if f.run != "" {
		var jobs []job
		for _, file := range pkg.Syntax {
			if !strings.HasSuffix(pkg.Fset.File(file.Pos()).Name(), "_test.go") {
				continue
			}
			for _, name := range testNames(file) {
				if runRE.MatchString(name) {
					test := name
					jobs = append(jobs, job{name: test, opt: rewrite.Options{Tests: true}, driver: func(p string) []byte {
						return []byte(fmt.Sprintf(driverTmpl, p, fmt.Sprintf("Name: %q, Test: %s", test, rewrite.TestName(test))))
					}})
				}
			}
		}
		return jobs, nil, nil
	}
	obj := scope.Lookup(f.getter)
	if obj == nil {
		return nil, getterCandidates(scope), nil
	}
	sig, ok := obj.Type().Underlying().(*types.Signature)
	if !ok || (!isFunc(obj) && !isVar(obj)) {
		return nil, nil, fmt.Errorf("-getter %s in %s is a %s, not a function", f.getter, pkg.PkgPath, kindOf(obj))
	}
	if sig.Params().Len() > 0 {
		return nil, nil, fmt.Errorf("-getter %s in %s takes parameters %s: the callers call it with none; "+
			"write a function without parameters that calls it and name that one", f.getter, pkg.PkgPath, sig.Params())
	}
	if sig.Results().Len() != 1 {
		what := "nothing"
		if sig.Results().Len() > 1 {
			what = sig.Results().String()
		}
		return nil, nil, fmt.Errorf("-getter %s in %s returns %s: a getter returns the instance, one pointer", f.getter, pkg.PkgPath, what)
	}
	res := sig.Results().At(0).Type()
	opt := rewrite.Options{}
	switch u := res.Underlying().(type) {
	case *types.Pointer:
		opt.ResultElem = u.Elem()
	case *types.Interface:
	default:
		return nil, nil, fmt.Errorf("-getter %s in %s returns %s, which is not a pointer: callers' instances cannot be compared", f.getter, pkg.PkgPath, res)
	}
	if f.constructor != "" {
		fn, ok := scope.Lookup(f.constructor).(*types.Func)
		if !ok {
			return nil, nil, fmt.Errorf("-constructor %s: no package-level function of that name in %s", f.constructor, pkg.PkgPath)
		}
		opt.Constructor = fn
	}
	fields := fmt.Sprintf("Name: %q, Getter: func() any { return %s() }", f.getter, f.getter)
	if f.reset != "" {
		rs, ok := scope.Lookup(f.reset).Type().Underlying().(*types.Signature)
		if scope.Lookup(f.reset) == nil || !ok || rs.Params().Len() > 0 {
			return nil, nil, fmt.Errorf("-reset %s: no package-level function of that name without parameters in %s", f.reset, pkg.PkgPath)
		}
		fields += fmt.Sprintf(", Reset: func() { %s() }", f.reset)
	}
	return []job{{name: f.getter, opt: opt, driver: func(p string) []byte {
		return []byte(fmt.Sprintf(driverTmpl, p, fields))
	}}}, nil, nil
}

const driverTmpl = `package %s

import (
	"testing"

	scgt "github.com/singlecheck/singlecheck/explore/gotest"
)

func TestSinglecheckDriver(t *testing.T) {
	scgt.Main(t, scgt.Target{%s, Zero: singlecheckZero, Init: singlecheckInit})
}
`

func isFunc(o types.Object) bool { _, ok := o.(*types.Func); return ok }
func isVar(o types.Object) bool  { _, ok := o.(*types.Var); return ok }

func kindOf(o types.Object) string {
	switch o.(type) {
	case *types.TypeName:
		return "type"
	case *types.Const:
		return "constant"
	case *types.Var:
		return "variable of type " + o.Type().String()
	}
	return "name"
}

// getterCandidates are the package-level functions (and variables of
// function type) with no parameters and one result.
func getterCandidates(scope *types.Scope) []string {
	var out []string
	for _, name := range scope.Names() {
		o := scope.Lookup(name)
		if !isFunc(o) && !isVar(o) {
			continue
		}
		if sig, ok := o.Type().Underlying().(*types.Signature); ok && sig.Params().Len() == 0 && sig.Results().Len() == 1 {
			out = append(out, name)
		}
	}
	return out
}

func testNames(file *ast.File) []string {
	var out []string
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Test") && fd.Name.Name != "TestMain" {
			out = append(out, fd.Name.Name)
		}
	}
	return out
}

// check instruments pkg for j, runs it and prints the result.
func (f *testFlags) check(ctx context.Context, tg target, j job, c explore.Config, stdout, stderr io.Writer) int {
	pkg := tg.pkg
	j.opt.DropIns = map[string]bool{}
	for from := range rewrite.Imports {
		j.opt.DropIns[from] = true
	}
	j.opt.Channels = true
	if pkg.Module != nil {
		j.opt.Module = pkg.Module.Path
	}
	j.opt.Instrumented = map[string]bool{pkg.PkgPath: true}
	for _, h := range tg.helpers {
		j.opt.Instrumented[h.PkgPath] = true
	}
	res, err := rewrite.Package(pkg, j.opt)
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: %s: %v\n", pkg.PkgPath, err)
		return exitUnknown
	}
	helpers, err := helperFiles(tg.helpers, j.opt)
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: -instrument: %v\n", err)
		return exitUnknown
	}
	f.helperPaths = nil
	for i, h := range helpers {
		res.Limits = append(res.Limits, h.Limits...)
		f.helperPaths = append(f.helperPaths, tg.helpers[i].PkgPath)
	}
	var fatal []rewrite.Limit
	for _, l := range res.Limits {
		if l.Fatal {
			fatal = append(fatal, l)
		}
	}
	if len(fatal) > 0 {
		r := &gotest.Report{Target: j.name, Memory: f.memory, Verdict: string(explore.Unknown), Violations: []string{},
			Reason: "the package uses constructs the checker cannot run (see limits); nothing was explored"}
		f.print(stdout, pkg, j, r, res.Limits)
		return exitUnknown
	}
	tmp, err := os.MkdirTemp("", "singlecheck-test-")
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: %v\n", err)
		return exitUnknown
	}
	if f.keep {
		fmt.Fprintf(stderr, "singlecheck test: rewritten files kept in %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	b, err := prepare(tmp, pkg, res, j.driver(pkg.Name), helpers)
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: %v\n", err)
		return exitUnknown
	}
	spec := &gotest.Spec{Mode: "getter", Test: j.name, Threads: f.threads, Strategy: f.strategy, Memory: f.memory,
		MaxExecutions: f.maxExecutions, TimeoutMS: f.timeout.Milliseconds(), MaxSteps: f.maxSteps, StopAtFirst: f.stopAtFirst,
		NoSymmetry: !f.symmetry, Preemptions: f.preemptions, Seed: f.seed, Runs: f.runs, Depth: f.depth, NoRaces: c.NoRaces,
		Kind: f.kind, Schedule: f.schedule}
	if f.run != "" {
		spec.Mode = "test"
	}
	rep, err := runBuild(ctx, b, spec)
	var be *buildError
	if errors.As(err, &be) {
		fmt.Fprintf(stderr, "%s\nsinglecheck test: the instrumented %s does not build (a bug of singlecheck: please report it with -keep's files)\n", be.Error(), pkg.PkgPath)
		return exitUnknown
	}
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: %s: %v\n", pkg.PkgPath, err)
		return exitUnknown
	}
	if !f.allow && len(res.Limits) > 0 && rep.Verdict == string(explore.Safe) {
		rep.Verdict = string(explore.Unknown)
		rep.Reason = "the package uses constructs the checker does not model faithfully (see limits; -allow accepts them)"
	}
	f.print(stdout, pkg, j, rep, res.Limits)
	if f.save != "" {
		if rep.Counterexample == nil {
			fmt.Fprintf(stderr, "singlecheck test: no counterexample, so nothing was saved to %s\n", f.save)
		} else {
			writeSave(f.save, f.replayArgs(pkg, rep.Counterexample.Schedule), testReport{Package: pkg.PkgPath, Limits: res.Limits, Report: rep}, stderr)
		}
	}
	switch rep.Verdict {
	case string(explore.Safe), "no-violation":
		return exitSafe
	case string(explore.Violation):
		return exitViolation
	}
	return exitUnknown
}
