package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/singlecheck/singlecheck/cmd/singlecheck/internal/rewrite"
)

// -instrument: packages rewritten beside the checked one, so that the
// code of a helper package holding the shared state runs as modelled code
// too (without it, a call into the helper runs natively: its accesses are
// no steps, and its variables keep their values from one execution to
// the next). They are loaded in the same load as the checked package, so
// that both share their types (the getter's result type may be the
// helper's), and each registers its zero and init functions with the
// runtime (gotest.Register).

// target is a package to check and the packages instrumented beside it:
// those of the -instrument patterns that it imports, directly or not.
type target struct {
	pkg     *packages.Package
	helpers []*packages.Package
}

// packagePaths are the import paths patterns name, in dir.
func packagePaths(ctx context.Context, dir string, patterns []string) (map[string]bool, error) {
	pkgs, err := packages.Load(&packages.Config{Context: ctx, Dir: dir, Mode: packages.NeedName}, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", strings.Join(patterns, " "), err)
	}
	out := map[string]bool{}
	for _, p := range pkgs {
		if len(p.Errors) == 0 {
			out[p.PkgPath] = true
		}
	}
	return out, nil
}

// isExternalTest says p is an external test package (package foo_test).
func isExternalTest(p *packages.Package) bool {
	return strings.HasSuffix(p.PkgPath, "_test") && strings.HasSuffix(p.Name, "_test")
}

// loadTargets loads the packages patterns name, in dir, with the
// -instrument packages instr. An external test package's target has the
// package under test (its variant with the internal test files) among its
// helpers: the tests call it.
func loadTargets(ctx context.Context, dir string, patterns []string, tests bool, instr []string) ([]target, error) {
	want := map[string]bool{}
	var named map[string]bool
	all := patterns
	if len(instr) > 0 {
		var err error
		if want, err = packagePaths(ctx, dir, instr); err != nil {
			return nil, err
		}
		if len(want) == 0 {
			return nil, fmt.Errorf("-instrument %s matches no package (from %s): give import paths or patterns such as ./state or ./... (comma-separated)",
				strings.Join(instr, ","), dir)
		}
		if named, err = packagePaths(ctx, dir, patterns); err != nil {
			return nil, err
		}
		all = append(append([]string{}, patterns...), instr...)
	}
	pkgs, err := loadPackages(ctx, dir, all, tests)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, p := range pkgs {
		if named != nil && !named[strings.TrimSuffix(p.PkgPath, "_test")] {
			continue
		}
		t := target{pkg: p}
		under := ""
		if isExternalTest(p) {
			under = strings.TrimSuffix(p.PkgPath, "_test")
		}
		// The variant the checked package links against: the one its
		// imports name (not a helper's own test variant).
		packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
			if q != p && (want[q.PkgPath] || q.PkgPath == under) && len(q.Syntax) > 0 {
				t.helpers = append(t.helpers, q)
			}
		})
		sort.Slice(t.helpers, func(i, j int) bool { return t.helpers[i].PkgPath < t.helpers[j].PkgPath })
		for _, h := range t.helpers {
			if h.Module == nil || p.Module == nil || h.Module.Path != p.Module.Path {
				return nil, fmt.Errorf("-instrument: %s is not in the module of %s: only packages of the checked package's module can be instrumented", h.PkgPath, p.PkgPath)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// helperFiles rewrites the helpers of a check with the job's options
// (the constructions it marks), as packages registering themselves.
func helperFiles(helpers []*packages.Package, opt rewrite.Options) ([]*rewrite.Result, error) {
	var out []*rewrite.Result
	for _, h := range helpers {
		o := opt
		o.Tests, o.Helper = false, true
		res, err := rewrite.Package(h, o)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.PkgPath, err)
		}
		out = append(out, res)
	}
	return out, nil
}
