package rewrite

import (
	"go/ast"
	"go/token"
)

// Spin-waits. A loop for cond { } whose body does nothing the model sees
// (it is empty, or only yields: runtime.Gosched(), time.Sleep with a
// constant duration) becomes
//
//	gotest.SpinWhile(func() bool { return cond }, func() { body })
//
// (the body runs only outside an execution, where the loop is native),
// the model's spin-assume: an iteration that read only values nobody has
// written since is not explored again, so the loop costs one iteration
// per way it can end instead of one execution per iteration, and a
// goroutine that can never leave it is reported as a deadlock. Whether an
// iteration wrote is decided when it runs (an iteration that wrote
// repeats as a plain loop), so cond may call any instrumented code.
// for { if done { break }; body } with the same kind of body is
// for !(done) { body }. A loop with an init or post statement, or with other statements in its
// body, is a plain loop: its iterations may differ in local state the
// model does not see.

// spinWait reports whether s is a spin-wait loop. The form
// for { if done { break }; … } is one too, as for !(done) { … }: spinWait
// then rewrites s into that form.
func (r *rw) spinWait(s *ast.ForStmt) bool {
	if s.Init != nil || s.Post != nil {
		return false
	}
	body := s.Body.List
	if s.Cond == nil {
		if len(body) == 0 {
			return false
		}
		done, ok := breakIf(body[0])
		if !ok {
			return false
		}
		body = body[1:]
		for _, st := range body {
			if !r.yields(st) {
				return false
			}
		}
		s.Cond = &ast.UnaryExpr{Op: token.NOT, X: &ast.ParenExpr{X: done}}
		s.Body.List = body
		return true
	}
	for _, st := range body {
		if !r.yields(st) {
			return false
		}
	}
	return true
}

// breakIf is done when st is if done { break }: no init, no else, an
// unlabelled break alone in the body.
func breakIf(st ast.Stmt) (ast.Expr, bool) {
	is, ok := st.(*ast.IfStmt)
	if !ok || is.Init != nil || is.Else != nil || len(is.Body.List) != 1 {
		return nil, false
	}
	br, ok := is.Body.List[0].(*ast.BranchStmt)
	if !ok || br.Tok != token.BREAK || br.Label != nil {
		return nil, false
	}
	return is.Cond, true
}

// yields reports whether st only gives up the processor: an empty
// statement, runtime.Gosched(), or time.Sleep of a constant.
func (r *rw) yields(st ast.Stmt) bool {
	switch st := st.(type) {
	case *ast.EmptyStmt:
		return true
	case *ast.ExprStmt:
		c, ok := st.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		f := r.callee(c)
		if f == nil || f.Pkg() == nil {
			return false
		}
		switch f.Pkg().Path() + "." + f.Name() {
		case "runtime.Gosched":
			return true
		case "time.Sleep":
			return len(c.Args) == 1 && r.info.Types[c.Args[0]].Value != nil
		}
	}
	return false
}

// spinWhile is the call a spin-wait loop s becomes.
func (r *rw) spinWhile(s *ast.ForStmt) ast.Stmt {
	cond := &ast.FuncLit{
		Type: &ast.FuncType{Params: &ast.FieldList{}, Results: &ast.FieldList{List: []*ast.Field{{Type: ast.NewIdent("bool")}}}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ReturnStmt{Results: []ast.Expr{r.expr(s.Cond)}}}},
	}
	body := &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}}, Body: s.Body}
	return &ast.ExprStmt{X: call(sel(gt, "SpinWhile"), cond, body)}
}
