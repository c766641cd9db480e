package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"
)

// GotestPath is the import path of the runtime the rewritten code calls.
const GotestPath = "github.com/singlecheck/singlecheck/explore/gotest"

// ModelPath is the import path of package model.
const ModelPath = "github.com/singlecheck/singlecheck/model"

// gt is the name the rewritten files import GotestPath under.
const gt = "scgt"

// Imports maps an import path to the drop-in package the rewriter puts in
// its place, where the drop-in exists (Options.DropIns). Adding a drop-in
// is one line here.
var Imports = map[string]string{
	"sync":        "github.com/singlecheck/singlecheck/model/sync",
	"sync/atomic": "github.com/singlecheck/singlecheck/model/sync/atomic",
}

// Limit is a construct the rewriter cannot model faithfully.
type Limit struct {
	// Pos is "file.go:42".
	Pos string `json:"pos"`
	// What says what it is and what follows from it.
	What string `json:"what"`
	// Fatal says the package cannot be run at all (it would block the
	// checker for ever, say): not even -allow runs it.
	Fatal bool `json:"fatal"`
}

// Options say what to instrument beyond shared memory and go statements.
type Options struct {
	// ResultElem is the type the getter returns a pointer to; its
	// allocations are marked as constructions. Nil: none.
	ResultElem types.Type
	// Constructor, if set, is the function whose calls are the
	// constructions (then allocations are not marked).
	Constructor *types.Func
	// DropIns holds the keys of Imports whose drop-in exists.
	DropIns map[string]bool
	// Channels says modelled channels exist; without them a channel
	// operation is a fatal limit.
	Channels bool
	// Instrumented holds the import paths of the packages instrumented
	// together (the checked one and -instrument's): a call into another
	// package of the module (Module) is a limit, since its code runs
	// natively.
	Instrumented map[string]bool
	Module       string
	// Helper says the package is instrumented beside the checked one
	// (-instrument): its support file registers ZeroName and InitName
	// with gotest.Register, since no driver of its own calls them.
	Helper bool
	// Tests says the package's TestXxx functions are to be run as
	// modelled test bodies: in test files, *testing.T becomes *gotest.T
	// and each TestXxx is renamed TestName(Xxx).
	Tests bool
}

// TestName is what a TestXxx function is renamed to in test mode.
func TestName(test string) string { return "singlecheckTest_" + strings.TrimPrefix(test, "Test") }

// ZeroName is the generated function that sets the package's variables to
// zero, and InitName the one that initializes them (the initializers in
// Go's order, then the init functions), on each execution's init thread.
const (
	ZeroName = "singlecheckZero"
	InitName = "singlecheckInit"
)

// Result is a rewritten package.
type Result struct {
	// Files maps the path of each original file to its rewritten source.
	Files map[string][]byte
	// Support is a generated file of the package: the sites and InitName.
	Support []byte
	// Limits are the constructs found that are not modelled faithfully.
	Limits []Limit
}

// Package rewrites pkg, which must be loaded with syntax and type
// information. It reads the files it rewrites and writes nothing.
func Package(pkg *packages.Package, opt Options) (*Result, error) {
	r := &rw{pkg: pkg, info: pkg.TypesInfo, fset: pkg.Fset, opt: opt, captured: map[*types.Var]bool{},
		src: map[string][]byte{}, rewritten: map[ast.Expr]ast.Expr{}, cur: -1}
	res := &Result{Files: map[string][]byte{}}
	for _, f := range pkg.Syntax {
		path := pkg.Fset.File(f.Pos()).Name()
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		r.src[path] = b
	}
	for _, f := range pkg.Syntax {
		r.findCaptured(f)
	}
	for _, f := range pkg.Syntax {
		path := pkg.Fset.File(f.Pos()).Name()
		r.file = f
		r.imports(f)
		if opt.Tests && strings.HasSuffix(path, "_test.go") {
			r.testingT(f)
		}
		var extra []ast.Decl
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body == nil {
					continue
				}
				if opt.Tests && strings.HasSuffix(path, "_test.go") && isTestFunc(d) {
					d.Name = ast.NewIdent(TestName(d.Name.Name))
				}
				d.Body = r.block(d.Body)
				if d.Recv == nil && d.Name.Name == "init" {
					// Run on each execution's init thread, not at the
					// process's start.
					name := fmt.Sprintf("_scInitF%d", len(r.initFuncs))
					d.Name = ast.NewIdent(name)
					r.initFuncs = append(r.initFuncs, name)
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				r.varDecl(f, d)
			}
		}
		// The package's initializers, run on each execution's init thread.
		for i, in := range pkg.TypesInfo.InitOrder {
			rhs, moved := r.rewritten[in.Rhs]
			if !moved || r.fset.File(in.Rhs.Pos()) != r.fset.File(f.Pos()) {
				continue
			}
			name := fmt.Sprintf("_scInitV%d", i)
			var lhs []ast.Expr
			for _, v := range in.Lhs {
				lhs = append(lhs, ast.NewIdent(v.Name()))
			}
			extra = append(extra, &ast.FuncDecl{Name: ast.NewIdent(name), Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.AssignStmt{Lhs: lhs, Tok: token.ASSIGN, Rhs: []ast.Expr{rhs}}}}})
			r.initVars = append(r.initVars, initEntry{order: i, name: name})
		}
		f.Decls = append(f.Decls, extra...)
		f.Decls = append(f.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
			Names: []*ast.Ident{ast.NewIdent("_")}, Values: []ast.Expr{sel(gt, "At")}}}})
		astutil.AddNamedImport(r.fset, f, gt, GotestPath)
		if r.usesModel {
			astutil.AddNamedImport(r.fset, f, scmodel, ModelPath)
			r.usesModel = false
		}
		keepDirectives(f)
		var buf bytes.Buffer
		if err := format.Node(&buf, r.fset, f); err != nil {
			return nil, fmt.Errorf("printing the rewritten %s: %w", path, err)
		}
		res.Files[path] = buf.Bytes()
	}
	res.Support = r.support()
	res.Limits = r.limits
	sort.SliceStable(res.Limits, func(i, j int) bool { return res.Limits[i].Pos < res.Limits[j].Pos })
	return res, nil
}

type initEntry struct {
	order int // index in types.Info.InitOrder
	name  string
}

// varDecl moves the initializers of a package-level var declaration out of
// it, into functions the init thread of each execution calls (see
// Package): at the process's start the variables are zero, and their
// initialization is modelled like any other code. Each name gets a spec of
// its own, with its type written out. A spec whose type cannot be written
// in this file (a type of a package it does not import), or that declares
// only the blank identifier, keeps its initializer, run natively.
func (r *rw) varDecl(f *ast.File, d *ast.GenDecl) {
	var specs []ast.Spec
	for _, sp := range d.Specs {
		vs := sp.(*ast.ValueSpec)
		if len(vs.Values) == 0 {
			specs = append(specs, vs)
			continue
		}
		var types_ []ast.Expr
		ok := true
		for _, n := range vs.Names {
			if n.Name == "_" {
				ok = false
				break
			}
			if vs.Type != nil {
				types_ = append(types_, vs.Type)
				continue
			}
			te, fine := r.typeExpr(f, r.info.Defs[n].Type())
			if !fine {
				ok = false
				break
			}
			types_ = append(types_, te)
		}
		if !ok {
			r.exprs(vs.Values)
			specs = append(specs, vs)
			continue
		}
		for _, v := range vs.Values {
			r.rewritten[v] = r.expr(v)
		}
		for i, n := range vs.Names {
			specs = append(specs, &ast.ValueSpec{Names: []*ast.Ident{n}, Type: types_[i]})
		}
	}
	d.Specs = specs
	if len(specs) > 1 && !d.Lparen.IsValid() {
		d.Lparen, d.Rparen = d.Pos(), d.End()
	}
}

// typeExpr writes t as this file can name it.
func (r *rw) typeExpr(f *ast.File, t types.Type) (ast.Expr, bool) {
	ok := true
	s := types.TypeString(t, func(p *types.Package) string {
		if p == r.pkg.Types {
			return ""
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if path == p.Path() {
				if im.Name != nil {
					if im.Name.Name == "_" || im.Name.Name == "." {
						ok = false
					}
					return im.Name.Name
				}
				return p.Name()
			}
		}
		ok = false
		return p.Name()
	})
	if !ok {
		return nil, false
	}
	e, err := parser.ParseExpr(s)
	if err != nil {
		return nil, false
	}
	return e, true
}

// rw is the state of one package's rewriting.
type rw struct {
	pkg       *packages.Package
	info      *types.Info
	fset      *token.FileSet
	opt       Options
	file      *ast.File
	src       map[string][]byte
	captured  map[*types.Var]bool
	sites     []site
	limits    []Limit
	ntemp     int
	initVars  []initEntry
	initFuncs []string
	rewritten map[ast.Expr]ast.Expr
	cur       int  // the site of the statement being rewritten; -1 outside statements
	usesModel bool // the current file calls package model directly
	// native are the packages of the module called natively, already
	// reported.
	native map[string]bool
}

type site struct{ pos, text string }

// support is the generated file: the sites and the function restoring the
// package's variables (zero all, then the initializers in Go's order, then
// the init functions).
func (r *rw) support() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "package %s\n\nimport (\n\tscmodel %q\n\t%s %q\n)\n\n", r.pkg.Name, ModelPath, gt, GotestPath)
	fmt.Fprintf(&b, "var _ = %s.At // used even by a package without variables\n\n", gt)
	fmt.Fprintf(&b, "var _scSites = [...]scmodel.Site{\n")
	for _, s := range r.sites {
		fmt.Fprintf(&b, "\t{Pos: %q, Text: %q},\n", s.pos, s.text)
	}
	if len(r.sites) == 0 {
		fmt.Fprintf(&b, "\t{},\n")
	}
	fmt.Fprintf(&b, "}\n\n// %s sets the package's variables to zero.\nfunc %s() {\n", ZeroName, ZeroName)
	scope := r.pkg.Types.Scope()
	for _, name := range scope.Names() {
		if _, ok := scope.Lookup(name).(*types.Var); ok && name != "_" {
			fmt.Fprintf(&b, "\t%s.Zero(&%s)\n", gt, name)
		}
	}
	sort.Slice(r.initVars, func(i, j int) bool { return r.initVars[i].order < r.initVars[j].order })
	fmt.Fprintf(&b, "}\n\n// %s initializes the package, as Go does at the process's start.\nfunc %s() {\n", InitName, InitName)
	for _, in := range r.initVars {
		fmt.Fprintf(&b, "\t%s()\n", in.name)
	}
	for _, name := range r.initFuncs {
		fmt.Fprintf(&b, "\t%s()\n", name)
	}
	fmt.Fprintf(&b, "}\n")
	if r.opt.Helper {
		fmt.Fprintf(&b, "\nfunc init() { %s.Register(%s, %s) }\n", gt, ZeroName, InitName)
	}
	out, err := format.Source(b.Bytes())
	if err != nil {
		return b.Bytes()
	}
	return out
}

// testingT makes the file's *testing.T the checker's stand-in, gotest.T,
// which has testing.T's methods (the ones a test body calls).
func (r *rw) testingT(f *ast.File) {
	astutil.Apply(f, func(c *astutil.Cursor) bool {
		s, ok := c.Node().(*ast.SelectorExpr)
		if !ok || s.Sel.Name != "T" {
			return true
		}
		id, ok := s.X.(*ast.Ident)
		if !ok {
			return true
		}
		if pn, ok := r.info.Uses[id].(*types.PkgName); ok && pn.Imported().Path() == "testing" {
			c.Replace(sel(gt, "T"))
			return false
		}
		return true
	}, nil)
	// Keep the import used.
	for _, im := range f.Imports {
		if im.Path.Value == `"testing"` {
			name := "testing"
			if im.Name != nil {
				name = im.Name.Name
			}
			if name != "_" && name != "." {
				f.Decls = append(f.Decls, &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{&ast.ValueSpec{
					Names: []*ast.Ident{ast.NewIdent("_")}, Values: []ast.Expr{sel(name, "Short")}}}})
			}
		}
	}
}

// imports replaces the imports that have drop-ins and reports those that
// are limits.
func (r *rw) imports(f *ast.File) {
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		if to, ok := Imports[path]; ok {
			if r.opt.DropIns[path] {
				if im.Name == nil {
					im.Name = ast.NewIdent(filepath.Base(path))
				}
				im.Path.Value = strconv.Quote(to)
				continue
			}
			r.limit(im, true, "package %s is used and this build of singlecheck has no drop-in for it: "+
				"its real primitives would run unmodelled (a real lock held across a modelled step blocks the checker), so the package cannot be run", path)
		}
		switch path {
		case "C":
			r.limit(im, true, "cgo: C code is not modelled and cannot be run under the checker")
		case "unsafe":
			r.limit(im, false, "unsafe: pointer arithmetic on shared data is not modelled")
		case "reflect":
			r.limit(im, false, "reflect: access to shared state through reflect is not modelled")
		}
	}
}

func (r *rw) limit(n ast.Node, fatal bool, format string, args ...any) {
	r.limits = append(r.limits, Limit{Pos: r.pos(n.Pos()), What: fmt.Sprintf(format, args...), Fatal: fatal})
}

// pos is "file.go:42".
func (r *rw) pos(p token.Pos) string {
	ps := r.fset.Position(p)
	return fmt.Sprintf("%s:%d", filepath.Base(ps.Filename), ps.Line)
}

// text is the source of n, on one line.
func (r *rw) text(n ast.Node) string {
	f := r.fset.File(n.Pos())
	if f == nil || !n.End().IsValid() {
		return ""
	}
	src := r.src[f.Name()]
	a, b := f.Offset(n.Pos()), f.Offset(n.End())
	if a < 0 || b > len(src) || a > b {
		return ""
	}
	return strings.Join(strings.Fields(string(src[a:b])), " ")
}

// line is the first source line of n, trimmed.
func (r *rw) line(n ast.Node) string {
	f := r.fset.File(n.Pos())
	if f == nil {
		return ""
	}
	src := r.src[f.Name()]
	a := f.Offset(n.Pos())
	if a < 0 || a > len(src) {
		return ""
	}
	end := bytes.IndexByte(src[a:], '\n')
	if end < 0 {
		end = len(src) - a
	}
	return strings.TrimSpace(string(src[a : a+end]))
}

// keepDirectives drops the file's comments but //go: directives and build
// constraints: the rewritten nodes have no positions, and comments would
// land among them at random.
func keepDirectives(f *ast.File) {
	var keep []*ast.CommentGroup
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "// +build") {
				keep = append(keep, g)
				break
			}
		}
	}
	f.Comments = keep
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			n.Doc = nil
		case *ast.GenDecl:
			if n.Doc != nil && !slicesContains(keep, n.Doc) {
				n.Doc = nil
			}
		case *ast.Field:
			n.Doc, n.Comment = nil, nil
		case *ast.ValueSpec:
			n.Doc, n.Comment = nil, nil
		case *ast.TypeSpec:
			n.Doc, n.Comment = nil, nil
		case *ast.ImportSpec:
			n.Doc, n.Comment = nil, nil
		}
		return true
	})
	f.Doc = nil
}

func slicesContains(gs []*ast.CommentGroup, g *ast.CommentGroup) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

func isTestFunc(d *ast.FuncDecl) bool {
	if d.Recv != nil || !strings.HasPrefix(d.Name.Name, "Test") || d.Name.Name == "TestMain" {
		return false
	}
	ps := d.Type.Params.List
	if len(ps) != 1 {
		return false
	}
	st, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	s, ok := st.X.(*ast.SelectorExpr)
	return ok && s.Sel.Name == "T"
}

func sel(pkg, name string) *ast.SelectorExpr {
	return &ast.SelectorExpr{X: ast.NewIdent(pkg), Sel: ast.NewIdent(name)}
}

func call(fun ast.Expr, args ...ast.Expr) *ast.CallExpr { return &ast.CallExpr{Fun: fun, Args: args} }

func str(s string) *ast.BasicLit { return &ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(s)} }

func addrOf(e ast.Expr) ast.Expr { return &ast.UnaryExpr{Op: token.AND, X: e} }
