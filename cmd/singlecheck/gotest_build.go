package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/singlecheck/singlecheck/cmd/singlecheck/internal/rewrite"
	"github.com/singlecheck/singlecheck/explore/gotest"
)

// How singlecheck test builds and runs an instrumented package: the
// rewritten files and a generated driver test are presented to the go
// command through an overlay (go help build, -overlay), so the user's tree
// is only read; go test -c links the test binary, which is then run
// directly (gotest_cache.go reuses it across runs). A package outside singlecheck's module gets a temporary
// go.mod (-modfile) that requires singlecheck and replaces it with its
// source on disk.

const modulePath = "github.com/singlecheck/singlecheck"

// driverTest is the name of the generated test function.
const driverTest = "TestSinglecheckDriver"

// loadPackages loads and type-checks the packages patterns name, in dir.
// A package that does not build is reported with the compiler's messages.
func loadPackages(ctx context.Context, dir string, patterns []string, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Context: ctx,
		Dir:     dir,
		Tests:   tests,
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax | packages.NeedModule,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	// The type checker's messages say it best; the go command's repeat
	// them (or are all there is, for a file that does not parse).
	var typeMsgs, msgs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			if seen[e.Error()] {
				continue
			}
			seen[e.Error()] = true
			if e.Kind == packages.TypeError {
				typeMsgs = append(typeMsgs, e.Error())
			}
			msgs = append(msgs, e.Error())
		}
	})
	if len(typeMsgs) > 0 {
		msgs = typeMsgs
	}
	if len(msgs) > 0 {
		return nil, &buildError{msgs: msgs}
	}
	if tests {
		pkgs = testVariants(pkgs)
	}
	var out []*packages.Package
	for _, p := range pkgs {
		if len(p.Syntax) > 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no Go package matches %s", strings.Join(patterns, " "))
	}
	return out, nil
}

// testVariants keeps, of each package, the variant compiled with its
// internal test files (or the package itself if it has none), and its
// external test package (package foo_test), if any; it drops test mains.
func testVariants(pkgs []*packages.Package) []*packages.Package {
	withTests := map[string]*packages.Package{}
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") {
			continue
		}
		if strings.Contains(p.ID, " [") || withTests[p.PkgPath] == nil {
			withTests[p.PkgPath] = p
		}
	}
	var out []*packages.Package
	for _, p := range withTests {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PkgPath < out[j].PkgPath })
	return out
}

// buildError is a package that does not build: the compiler's messages.
type buildError struct{ msgs []string }

func (e *buildError) Error() string { return strings.Join(e.msgs, "\n") }

// build is one instrumented package, ready to run.
type build struct {
	dir     string // the package's directory
	tmp     string // the temporary directory holding everything generated
	overlay string
	modfile string // "" inside singlecheck's module
}

// prepare writes the rewritten files, the driver, the overlay and, outside
// singlecheck's module, the temporary go.mod, all under tmp; helpers are
// the packages instrumented beside pkg (-instrument), each with its
// support file.
func prepare(tmp string, pkg *packages.Package, res *rewrite.Result, driver []byte, helpers []*rewrite.Result) (*build, error) {
	b := &build{tmp: tmp}
	replace := map[string]string{}
	i := 0
	write := func(orig string, src []byte) error {
		i++
		p := filepath.Join(tmp, fmt.Sprintf("%03d_%s", i, filepath.Base(orig)))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			return fmt.Errorf("writing a rewritten file: %w", err)
		}
		replace[orig] = p
		return nil
	}
	for orig, src := range res.Files {
		if b.dir == "" {
			b.dir = filepath.Dir(orig)
		}
		if err := write(orig, src); err != nil {
			return nil, err
		}
	}
	if b.dir == "" {
		return nil, fmt.Errorf("package %s has no files to instrument", pkg.PkgPath)
	}
	type extraFile struct {
		dir, name string
		src       []byte
	}
	support := "singlecheck_support.go"
	if isExternalTest(pkg) {
		support = "singlecheck_support_x_test.go" // beside the package under test's own
	}
	extras := []extraFile{{b.dir, support, res.Support}, {b.dir, "singlecheck_driver_test.go", driver}}
	for _, h := range helpers {
		dir := ""
		for orig, src := range h.Files {
			dir = filepath.Dir(orig)
			if err := write(orig, src); err != nil {
				return nil, err
			}
		}
		if dir != "" {
			extras = append(extras, extraFile{dir, "singlecheck_support.go", h.Support})
		}
	}
	for _, extra := range extras {
		path := filepath.Join(extra.dir, extra.name)
		if _, err := os.Stat(path); err == nil {
			return nil, fmt.Errorf("%s exists: singlecheck test generates a file of that name; rename yours", path)
		}
		if err := write(path, extra.src); err != nil {
			return nil, err
		}
	}
	ov, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return nil, fmt.Errorf("encoding the overlay: %w", err)
	}
	b.overlay = filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(b.overlay, ov, 0o644); err != nil {
		return nil, fmt.Errorf("writing the overlay: %w", err)
	}
	if pkg.Module == nil {
		return nil, fmt.Errorf("package %s is not in a module: singlecheck test needs a go.mod (run go mod init)", pkg.PkgPath)
	}
	if pkg.Module.Path != modulePath {
		mf, err := tempModfile(tmp, pkg.Module)
		if err != nil {
			return nil, err
		}
		b.modfile = mf
	}
	return b, nil
}

// tempModfile writes tmp/go.mod (the user's go.mod, requiring singlecheck
// and replacing it with its source on disk) and tmp/go.sum (both modules'
// sums), for go -modfile.
func tempModfile(tmp string, m *packages.Module) (string, error) {
	if m.GoMod == "" {
		return "", fmt.Errorf("module %s has no go.mod file", m.Path)
	}
	mod, err := os.ReadFile(m.GoMod)
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", m.GoMod, err)
	}
	dir, err := singlecheckDir()
	if err != nil {
		return "", err
	}
	s := string(mod)
	if !strings.Contains(s, modulePath+" ") {
		s += fmt.Sprintf("\nrequire %s v0.0.0\n", modulePath)
	}
	s += fmt.Sprintf("\nreplace %s => %s\n", modulePath, dir)
	path := filepath.Join(tmp, "go.mod")
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		return "", fmt.Errorf("writing the temporary go.mod: %w", err)
	}
	var sum []byte
	for _, p := range []string{filepath.Join(filepath.Dir(m.GoMod), "go.sum"), filepath.Join(dir, "go.sum")} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return "", fmt.Errorf("reading %s: %w", p, err)
		}
		sum = append(sum, b...)
	}
	if err := os.WriteFile(filepath.Join(tmp, "go.sum"), sum, 0o644); err != nil {
		return "", fmt.Errorf("writing the temporary go.sum: %w", err)
	}
	return path, nil
}

// singlecheckDir finds singlecheck's module source on disk: $SINGLECHECK_ROOT,
// else the tree this binary was built from (a checkout), else the module
// cache's copy of the version this binary is (go install …@version).
func singlecheckDir() (string, error) {
	isRoot := func(dir string) bool {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		return err == nil && strings.Contains(string(b), "module "+modulePath+"\n")
	}
	if d := os.Getenv("SINGLECHECK_ROOT"); d != "" {
		if !isRoot(d) {
			return "", fmt.Errorf("SINGLECHECK_ROOT=%s is not singlecheck's module directory", d)
		}
		return d, nil
	}
	if _, file, _, ok := runtime.Caller(0); ok {
		for d := filepath.Dir(file); d != filepath.Dir(d); d = filepath.Dir(d) {
			if isRoot(d) {
				return d, nil
			}
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == modulePath && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		out, err := exec.Command("go", "mod", "download", "-json", modulePath+"@"+bi.Main.Version).Output()
		if err == nil {
			var m struct{ Dir string }
			if json.Unmarshal(out, &m) == nil && isRoot(m.Dir) {
				return m.Dir, nil
			}
		}
	}
	return "", fmt.Errorf("cannot find singlecheck's source, which the instrumented package is built with: " +
		"set SINGLECHECK_ROOT to a checkout of " + modulePath)
}

// runBuild links the driver (linkDriver), runs it with the settings spec
// and returns its report. A build failure is a *buildError with the go
// command's output.
func runBuild(ctx context.Context, b *build, spec *gotest.Spec) (*gotest.Report, error) {
	spec.Out = filepath.Join(b.tmp, "report.json")
	_ = os.Remove(spec.Out)
	sp, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("encoding the settings: %w", err)
	}
	specPath := filepath.Join(b.tmp, "spec.json")
	if err := os.WriteFile(specPath, sp, 0o644); err != nil {
		return nil, fmt.Errorf("writing the settings: %w", err)
	}
	bin, err := linkDriver(ctx, b)
	if err != nil {
		return nil, err
	}
	// As go test runs it: in the package's directory, the driver alone.
	cmd := exec.CommandContext(ctx, bin, "-test.paniconexit0", "-test.count=1", "-test.timeout=0s", "-test.run=^"+driverTest+"$")
	cmd.Dir = b.dir
	cmd.Env = append(os.Environ(), gotest.SpecEnv+"="+specPath)
	ownGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	out, runErr := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("interrupted (%v)", context.Cause(ctx))
	}
	rb, err := os.ReadFile(spec.Out)
	if err != nil {
		return nil, fmt.Errorf("the instrumented package ran but reported nothing (%v):\n%s", runErr, strings.TrimSpace(string(out)))
	}
	var r gotest.Report
	if err := json.Unmarshal(rb, &r); err != nil {
		return nil, fmt.Errorf("reading the report: %w", err)
	}
	return &r, nil
}
