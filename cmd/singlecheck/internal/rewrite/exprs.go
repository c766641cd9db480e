package rewrite

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// load is gotest.Read(&a, name).
func (r *rw) load(a ast.Expr, name string) ast.Expr {
	return call(sel(gt, "Read"), addrOf(a), str(name))
}

// store is gotest.Ref(&a, name, &site).Store(v), site the statement's.
func (r *rw) store(a, v ast.Expr, name string) ast.Stmt {
	ref := call(sel(gt, "Ref"), addrOf(a), str(name), r.siteRef(r.cur))
	return &ast.ExprStmt{X: call(&ast.SelectorExpr{X: ref, Sel: ast.NewIdent("Store")}, v)}
}

func (r *rw) mapR(m ast.Expr) ast.Expr { return call(sel(gt, "MapR"), r.expr(m), str(r.text(m))) }
func (r *rw) mapW(m ast.Expr) ast.Expr { return call(sel(gt, "MapW"), r.expr(m), str(r.text(m))) }

// mapIndex returns e as a map index expression, if it is one.
func (r *rw) mapIndex(e ast.Expr) (*ast.IndexExpr, bool) {
	ix, ok := ast.Unparen(e).(*ast.IndexExpr)
	if !ok {
		return nil, false
	}
	t := r.info.TypeOf(ix.X)
	if t == nil {
		return nil, false
	}
	_, ok = t.Underlying().(*types.Map)
	return ix, ok
}

func (r *rw) isChan(e ast.Expr) bool {
	t := r.info.TypeOf(e)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// isLoc says e is a location that may be shared: a package-level variable,
// a captured or address-taken local, or a field, element or pointee
// reached through a pointer or slice or from such a location. With typed,
// its type must also be one the model can load and store (not a drop-in
// primitive, which has its own operations).
func (r *rw) isLoc(e ast.Expr, typed bool) bool {
	if e == nil {
		return false
	}
	e = ast.Unparen(e)
	if typed {
		tv, ok := r.info.Types[e]
		if !ok || !tv.Addressable() || !r.loadable(tv.Type) {
			return false
		}
	}
	switch e := e.(type) {
	case *ast.Ident:
		v, ok := r.info.Uses[e].(*types.Var)
		if !ok {
			v, ok = r.info.Defs[e].(*types.Var)
		}
		if !ok || v.IsField() || e.Name == "_" {
			return false
		}
		return r.packageLevel(v) || r.captured[v]
	case *ast.SelectorExpr:
		s := r.info.Selections[e]
		if s == nil {
			_, ok := r.info.Uses[e.Sel].(*types.Var)
			return ok // a qualified package-level variable
		}
		if s.Kind() != types.FieldVal {
			return false
		}
		if s.Indirect() || isPointer(r.info.TypeOf(e.X)) {
			return true
		}
		return r.isLoc(e.X, false)
	case *ast.StarExpr:
		return true
	case *ast.IndexExpr:
		t := r.info.TypeOf(e.X)
		if t == nil {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Slice:
			return true
		case *types.Pointer:
			_, ok := u.Elem().Underlying().(*types.Array)
			return ok
		case *types.Array:
			return r.isLoc(e.X, false)
		}
	}
	return false
}

func (r *rw) packageLevel(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// loadable says a value of type t is loaded and stored as a whole by the
// model: not a drop-in primitive, nor a struct or array holding one.
func (r *rw) loadable(t types.Type) bool {
	return loadable(t, map[types.Type]bool{})
}

func loadable(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil {
		p := n.Obj().Pkg().Path()
		if p == "sync" || p == "sync/atomic" || strings.HasPrefix(p, "github.com/singlecheck/singlecheck/model") {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if !loadable(u.Field(i).Type(), seen) {
				return false
			}
		}
	case *types.Array:
		return loadable(u.Elem(), seen)
	}
	return true
}

// addr rewrites an addressable expression keeping it addressable: what it
// is reached through is loaded, the location itself is not.
func (r *rw) addr(e ast.Expr) ast.Expr {
	switch x := e.(type) {
	case *ast.Ident:
		return x
	case *ast.ParenExpr:
		x.X = r.addr(x.X)
		return x
	case *ast.SelectorExpr:
		s := r.info.Selections[x]
		if s == nil {
			return x
		}
		if s.Kind() == types.FieldVal && !isPointer(r.info.TypeOf(x.X)) {
			x.X = r.addr(x.X)
		} else {
			x.X = r.expr(x.X)
		}
		return x
	case *ast.StarExpr:
		x.X = r.expr(x.X)
		return x
	case *ast.IndexExpr:
		if t := r.info.TypeOf(x.X); t != nil {
			if _, ok := t.Underlying().(*types.Array); ok {
				x.X = r.addr(x.X)
				x.Index = r.expr(x.Index)
				return x
			}
		}
		x.X = r.expr(x.X)
		x.Index = r.expr(x.Index)
		return x
	}
	return r.expr(e)
}

// expr rewrites an expression whose value is used.
func (r *rw) expr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if tv, ok := r.info.Types[e]; ok && (tv.IsType() || tv.Value != nil) {
		return e // a type or a constant: nothing is read
	}
	switch x := e.(type) {
	case *ast.Ident, *ast.StarExpr:
		if r.isLoc(x, true) {
			name := r.text(x)
			return r.load(r.addr(x), name)
		}
		if s, ok := x.(*ast.StarExpr); ok {
			s.X = r.expr(s.X)
		}
		return x
	case *ast.ParenExpr:
		x.X = r.expr(x.X)
		return x
	case *ast.SelectorExpr:
		s := r.info.Selections[x]
		if s == nil || s.Kind() == types.FieldVal {
			if r.isLoc(x, true) {
				name := r.text(x)
				return r.load(r.addr(x), name)
			}
			if s != nil {
				x.X = r.expr(x.X)
			}
			return x
		}
		if s.Kind() == types.MethodVal {
			// A pointer method of an addressable value takes its address:
			// the value is not loaded.
			if sig, ok := s.Obj().Type().(*types.Signature); ok && isPointer(sig.Recv().Type()) && !isPointer(r.info.TypeOf(x.X)) {
				x.X = r.addr(x.X)
			} else {
				x.X = r.expr(x.X)
			}
		}
		return x
	case *ast.IndexExpr:
		if _, ok := r.mapIndex(x); ok {
			x.X = r.mapR(x.X)
			x.Index = r.expr(x.Index)
			return x
		}
		if tv, ok := r.info.Types[x.X]; ok && !tv.IsValue() {
			return x // a generic instantiation
		}
		if r.isLoc(x, true) {
			name := r.text(x)
			return r.load(r.addr(x), name)
		}
		x.X = r.expr(x.X)
		x.Index = r.expr(x.Index)
		return x
	case *ast.IndexListExpr:
		return x
	case *ast.SliceExpr:
		if t := r.info.TypeOf(x.X); t != nil {
			if _, ok := t.Underlying().(*types.Array); ok {
				x.X = r.addr(x.X)
			} else {
				x.X = r.expr(x.X)
			}
		}
		x.Low, x.High, x.Max = r.expr(x.Low), r.expr(x.High), r.expr(x.Max)
		return x
	case *ast.CallExpr:
		return r.call(x)
	case *ast.UnaryExpr:
		switch x.Op {
		case token.AND:
			if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok {
				x.X = r.expr(lit)
				if r.constructs(r.info.TypeOf(lit)) {
					return call(sel(gt, "Constructed"), x)
				}
				return x
			}
			x.X = r.addr(x.X)
			return x
		case token.ARROW:
			if r.opt.Channels {
				return r.recv(x)
			}
			r.chanLimit(x)
		}
		x.X = r.expr(x.X)
		return x
	case *ast.BinaryExpr:
		x.X, x.Y = r.expr(x.X), r.expr(x.Y)
		return x
	case *ast.CompositeLit:
		_, isStruct := r.info.TypeOf(x).Underlying().(*types.Struct)
		for i, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if !isStruct {
					kv.Key = r.expr(kv.Key)
				}
				kv.Value = r.expr(kv.Value)
				continue
			}
			x.Elts[i] = r.expr(el)
		}
		return x
	case *ast.FuncLit:
		x.Body = r.block(x.Body)
		return x
	case *ast.TypeAssertExpr:
		x.X = r.expr(x.X)
		return x
	case *ast.KeyValueExpr:
		x.Key, x.Value = r.expr(x.Key), r.expr(x.Value)
		return x
	}
	return e
}

// constructs says values of type t (a pointer) are the constructions the
// singleton contract counts.
func (r *rw) constructs(t types.Type) bool {
	if r.opt.ResultElem == nil || r.opt.Constructor != nil || t == nil {
		return false
	}
	p, ok := t.(*types.Pointer)
	if !ok {
		return types.Identical(t, r.opt.ResultElem)
	}
	return types.Identical(p.Elem(), r.opt.ResultElem)
}

// call rewrites a call: conversions and builtins by what they read and
// write, other calls by their function value and arguments.
func (r *rw) call(c *ast.CallExpr) ast.Expr {
	if tv, ok := r.info.Types[c.Fun]; ok && tv.IsType() {
		r.exprs(c.Args)
		return c
	}
	if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
		if b, ok := r.info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "new":
				if r.constructs(r.info.TypeOf(c)) {
					return call(sel(gt, "Constructed"), c)
				}
				return c
			case "len", "cap":
				if _, ok := r.mapIndexType(c.Args[0]); ok {
					c.Args[0] = r.mapR(c.Args[0])
					return c
				}
				if b.Name() == "len" && r.opt.Channels && r.isChan(c.Args[0]) {
					return r.modelCall("ChanLen", r.expr(c.Args[0]))
				}
			case "delete", "clear":
				if _, ok := r.mapIndexType(c.Args[0]); ok {
					c.Args[0] = r.mapW(c.Args[0])
					r.exprs(c.Args[1:])
					return c
				}
			case "close":
				if r.opt.Channels {
					return r.modelCall("ChanClose", r.expr(c.Args[0]))
				}
				r.chanLimit(c)
			}
			r.exprs(c.Args)
			return c
		}
	}
	r.limitCall(c)
	c.Fun = r.expr(c.Fun)
	r.exprs(c.Args)
	if f := r.callee(c); f != nil && r.opt.Constructor != nil && f == r.opt.Constructor {
		if isPointer(r.info.TypeOf(c)) {
			return call(sel(gt, "Constructed"), c)
		}
	}
	return c
}

func (r *rw) mapIndexType(e ast.Expr) (*types.Map, bool) {
	t := r.info.TypeOf(e)
	if t == nil {
		return nil, false
	}
	m, ok := t.Underlying().(*types.Map)
	return m, ok
}

// callee is the function a call statically calls, or nil.
func (r *rw) callee(c *ast.CallExpr) *types.Func {
	switch f := ast.Unparen(c.Fun).(type) {
	case *ast.Ident:
		fn, _ := r.info.Uses[f].(*types.Func)
		return fn
	case *ast.SelectorExpr:
		fn, _ := r.info.Uses[f.Sel].(*types.Func)
		return fn
	}
	return nil
}

// limitCall reports calls whose effect the model does not see.
func (r *rw) limitCall(c *ast.CallExpr) {
	f := r.callee(c)
	if f == nil || f.Pkg() == nil {
		return
	}
	if p := f.Pkg().Path(); r.opt.Module != "" && p != r.pkg.PkgPath && !r.opt.Instrumented[p] && !r.native[p] &&
		(p == r.opt.Module || strings.HasPrefix(p, r.opt.Module+"/")) && !strings.HasPrefix(p, "github.com/singlecheck/singlecheck/model") &&
		!strings.HasPrefix(p, GotestPath) {
		if r.native == nil {
			r.native = map[string]bool{}
		}
		r.native[p] = true
		r.limit(c, false, "%s.%s: package %s of this module is not instrumented, so its code runs natively "+
			"(its accesses are no steps, its variables are not restored between executions): give -instrument %s", f.Pkg().Name(), f.Name(), p, p)
	}
	switch f.Pkg().Path() + "." + f.Name() {
	case "runtime.Gosched", "runtime.Goexit", "runtime.LockOSThread", "runtime.UnlockOSThread", "runtime.NumGoroutine":
		r.limit(c, false, "%s.%s: runtime scheduling calls are not modelled", f.Pkg().Name(), f.Name())
	case "time.Sleep", "time.After", "time.Tick", "time.NewTimer", "time.NewTicker", "time.AfterFunc":
		r.limit(c, false, "%s.%s: time is not modelled (a sleep is no synchronization; every interleaving is explored regardless)", f.Pkg().Name(), f.Name())
	}
}

// findCaptured marks the local variables of f that a closure uses or whose
// address is taken: they may be shared between goroutines.
func (r *rw) findCaptured(f *ast.File) {
	var lits []*ast.FuncLit
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, n)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok {
					if v, ok := r.info.Uses[id].(*types.Var); ok && !r.packageLevel(v) {
						r.captured[v] = true
					}
				}
			}
		}
		return true
	})
	for _, lit := range lits {
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := r.info.Uses[id].(*types.Var)
			if !ok || v.IsField() || r.packageLevel(v) {
				return true
			}
			if v.Pos() < lit.Pos() || v.Pos() >= lit.End() {
				r.captured[v] = true
			}
			return true
		})
	}
}
