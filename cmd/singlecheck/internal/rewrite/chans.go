package rewrite

import (
	"go/ast"
	"go/token"
)

// Channel operations become the model's function forms over the real
// channel (model.ChanSend, ChanRecv, ChanClose, ChanLen), when the model
// has them (Options.Channels); the rewritten files then import ModelPath
// as scmodel. A select statement becomes model.Select (selects.go);
// without Options.Channels every channel operation, select included, is
// a fatal limit.

const scmodel = "scmodel"

func (r *rw) modelCall(name string, args ...ast.Expr) *ast.CallExpr {
	r.usesModel = true
	return call(sel(scmodel, name), args...)
}

// recv is <-ch as a value: gotest.First(model.ChanRecv(ch)).
func (r *rw) recv(x *ast.UnaryExpr) ast.Expr {
	return call(sel(gt, "First"), r.modelCall("ChanRecv", r.expr(x.X)))
}

// recvOK rewrites v, ok := <-ch (or =) and reports whether s was one.
func (r *rw) recvOK(s *ast.AssignStmt) bool {
	if !r.opt.Channels || len(s.Lhs) != 2 || len(s.Rhs) != 1 {
		return false
	}
	u, ok := ast.Unparen(s.Rhs[0]).(*ast.UnaryExpr)
	if !ok || u.Op != token.ARROW {
		return false
	}
	s.Rhs[0] = r.modelCall("ChanRecv", r.expr(u.X))
	return true
}

// rangeChan rewrites for v := range ch { body } as
// for { v, ok := ChanRecv(ch); if !ok { break }; body }.
func (r *rw) rangeChan(s *ast.RangeStmt) ast.Stmt {
	ch := r.temp()
	ok := r.temp()
	v := ast.Expr(ast.NewIdent("_"))
	if s.Key != nil {
		v = s.Key
	}
	tok := token.DEFINE
	if s.Tok == token.ASSIGN {
		tok = token.ASSIGN
	}
	head := []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{v, ok}, Tok: tok, Rhs: []ast.Expr{r.modelCall("ChanRecv", ch)}},
		&ast.IfStmt{Cond: &ast.UnaryExpr{Op: token.NOT, X: ok}, Body: &ast.BlockStmt{List: []ast.Stmt{&ast.BranchStmt{Tok: token.BREAK}}}},
	}
	if tok == token.ASSIGN {
		head[0] = &ast.AssignStmt{Lhs: []ast.Expr{ok}, Tok: token.DEFINE, Rhs: []ast.Expr{&ast.Ident{Name: "false"}}}
		head = append([]ast.Stmt{head[0]}, &ast.AssignStmt{Lhs: []ast.Expr{v, ok}, Tok: token.ASSIGN,
			Rhs: []ast.Expr{r.modelCall("ChanRecv", ch)}}, head[1])
	}
	body := r.block(s.Body)
	body.List = append(head, body.List...)
	return &ast.BlockStmt{List: []ast.Stmt{
		&ast.AssignStmt{Lhs: []ast.Expr{ch}, Tok: token.DEFINE, Rhs: []ast.Expr{r.expr(s.X)}},
		&ast.ForStmt{Body: body},
	}}
}
