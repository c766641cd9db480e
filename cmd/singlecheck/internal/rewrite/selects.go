package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
)

// selectStmt rewrites a select statement to the model's Select over the
// real channels (model.RecvFrom, model.SendTo, model.Default):
//
//	select {                     {
//	case v, ok := <-a:             _scT1 := a
//		A                          _scT2 := scgt.RecvSlot(_scT1)
//	case b <- e:                   var _scT3 bool
//		B                          _scT4 := b
//	default:                       _scT5 := scgt.SendSlot(_scT4)
//		C                          *_scT5 = e
//	}                              switch scmodel.Select(scmodel.RecvFrom(_scT1, _scT2, &_scT3),
//	                                   scmodel.SendTo(_scT4, *_scT5), scmodel.Default()) {
//	                               case 0:
//	                                   v, ok := *_scT2, _scT3
//	                                   A
//	                               case 1:
//	                                   B
//	                               default:
//	                                   C
//	                               }
//	                             }
//
// As Go specifies, the channel operands and the sent values are evaluated
// once, in source order, before the select chooses; the left-hand sides of
// a receive are assigned only in the case taken (as a modelled store if
// they are shared). A nil channel's case is never ready, and select {}
// blocks forever, as in Go. A break in a case leaves the switch, as it
// left the select. The last case is the switch's default, so that the
// switch is a terminating statement where the select was. The results are the statements evaluating the operands
// and the statement that selects (the switch, or the call for select {}),
// so that a label of the select can move onto the latter.
func (r *rw) selectStmt(s *ast.SelectStmt) ([]ast.Stmt, ast.Stmt) {
	var pre []ast.Stmt
	define := func(name *ast.Ident, v ast.Expr) {
		pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{name}, Tok: token.DEFINE, Rhs: []ast.Expr{v}})
	}
	var cases []ast.Expr
	sw := &ast.SwitchStmt{Body: &ast.BlockStmt{}}
	site := r.cur // the select's: its operands' and assignments' position
	for i, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		r.cur = site
		var head []ast.Stmt // the receive's assignment, in the case taken
		switch comm := cc.Comm.(type) {
		case nil:
			cases = append(cases, r.modelCall("Default"))
		case *ast.SendStmt:
			ch, v := r.temp(), r.temp()
			define(ch, r.expr(comm.Chan))
			define(v, call(sel(gt, "SendSlot"), ch))
			pre = append(pre, &ast.AssignStmt{Lhs: []ast.Expr{&ast.StarExpr{X: v}}, Tok: token.ASSIGN, Rhs: []ast.Expr{r.expr(comm.Value)}})
			cases = append(cases, r.modelCall("SendTo", ch, &ast.StarExpr{X: v}))
		default:
			lhs, tok, u := r.commRecv(comm)
			if u == nil {
				panic(fmt.Sprintf("rewrite: select case %T is not a send or a receive", comm))
			}
			ch := r.temp()
			define(ch, r.expr(u.X))
			dst, ok := ast.Expr(ast.NewIdent("nil")), ast.Expr(ast.NewIdent("nil"))
			var vals []ast.Expr
			if len(lhs) > 0 {
				v := r.temp()
				define(v, call(sel(gt, "RecvSlot"), ch))
				dst = v
				vals = append(vals, &ast.StarExpr{X: v})
			}
			if len(lhs) > 1 {
				okv := r.temp()
				pre = append(pre, &ast.DeclStmt{Decl: &ast.GenDecl{Tok: token.VAR, Specs: []ast.Spec{
					&ast.ValueSpec{Names: []*ast.Ident{okv}, Type: ast.NewIdent("bool")}}}})
				ok = addrOf(okv)
				vals = append(vals, okv)
			}
			cases = append(cases, r.modelCall("RecvFrom", ch, dst, ok))
			if len(lhs) > 0 {
				a := &ast.AssignStmt{Lhs: lhs, Tok: tok, Rhs: vals}
				if tok == token.DEFINE {
					head = []ast.Stmt{a}
				} else {
					head = r.stmt(a)
				}
			}
		}
		body := r.list(cc.Body)
		var list []ast.Expr // the last case is the switch's default
		if i < len(s.Body.List)-1 {
			list = []ast.Expr{&ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(i)}}
		}
		sw.Body.List = append(sw.Body.List, &ast.CaseClause{List: list, Body: append(head, body...)})
	}
	r.cur = site
	pick := r.modelCall("Select", cases...)
	if len(cases) == 0 {
		return pre, &ast.ExprStmt{X: pick}
	}
	sw.Tag = pick
	return pre, sw
}

// commRecv splits a receive case's communication: the left-hand sides
// (none for <-ch alone), the assignment's token and the receive.
func (r *rw) commRecv(comm ast.Stmt) ([]ast.Expr, token.Token, *ast.UnaryExpr) {
	switch c := comm.(type) {
	case *ast.ExprStmt:
		u, _ := ast.Unparen(c.X).(*ast.UnaryExpr)
		return nil, token.ILLEGAL, u
	case *ast.AssignStmt:
		u, _ := ast.Unparen(c.Rhs[0]).(*ast.UnaryExpr)
		return c.Lhs, c.Tok, u
	}
	return nil, token.ILLEGAL, nil
}
