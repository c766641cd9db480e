package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
)

// block rewrites a block.
func (r *rw) block(b *ast.BlockStmt) *ast.BlockStmt {
	if b == nil {
		return nil
	}
	b.List = r.list(b.List)
	return b
}

// list rewrites a statement list: each statement is preceded by the call
// that makes it the position of the operations it performs.
func (r *rw) list(ss []ast.Stmt) []ast.Stmt {
	out := make([]ast.Stmt, 0, 2*len(ss))
	for _, s := range ss {
		switch s.(type) {
		case *ast.BranchStmt, *ast.EmptyStmt, *ast.LabeledStmt, *ast.BlockStmt:
		default:
			out = append(out, r.at(s))
		}
		cur := r.cur
		out = append(out, r.stmt(s)...)
		r.cur = cur
	}
	return out
}

// at is gotest.At(&_scSites[k]) for a new site k at s, which becomes the
// current site.
func (r *rw) at(s ast.Stmt) ast.Stmt {
	k := len(r.sites)
	r.sites = append(r.sites, site{pos: r.pos(s.Pos()), text: r.line(s)})
	r.cur = k
	return &ast.ExprStmt{X: call(sel(gt, "At"), r.siteRef(k))}
}

// siteRef is &_scSites[k]; nil for k < 0 (no statement).
func (r *rw) siteRef(k int) ast.Expr {
	if k < 0 {
		return ast.NewIdent("nil")
	}
	return addrOf(&ast.IndexExpr{X: ast.NewIdent("_scSites"), Index: &ast.BasicLit{Kind: token.INT, Value: fmt.Sprint(k)}})
}

// stmt rewrites a statement of a list; it may become several.
func (r *rw) stmt(s ast.Stmt) []ast.Stmt {
	switch s := s.(type) {
	case *ast.GoStmt:
		return []ast.Stmt{r.goStmt(s)}
	case *ast.AssignStmt:
		if st := r.tupleAssign(s); st != nil {
			return []ast.Stmt{st}
		}
	case *ast.LabeledStmt:
		if sl, ok := s.Stmt.(*ast.SelectStmt); ok && r.opt.Channels {
			// The label moves onto the switch the select becomes, so
			// that break L still leaves it; the operands are evaluated
			// in the enclosing list, so that a goto L from below jumps
			// over no declaration.
			pre, pick := r.selectStmt(sl)
			s.Stmt = pick
			return append(pre, s)
		}
		inner := r.stmt(s.Stmt)
		if len(inner) == 1 {
			s.Stmt = inner[0]
		} else {
			s.Stmt = &ast.BlockStmt{List: inner}
		}
		return []ast.Stmt{s}
	}
	return []ast.Stmt{r.simple(s)}
}

// simple rewrites a statement in place, keeping it one statement of the
// same kind where Go requires a simple statement (if, for and switch
// headers).
func (r *rw) simple(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case nil:
		return nil
	case *ast.ExprStmt:
		s.X = r.expr(s.X)
	case *ast.AssignStmt:
		return r.assign(s)
	case *ast.IncDecStmt:
		op := token.ADD
		if s.Tok == token.DEC {
			op = token.SUB
		}
		if ix, ok := r.mapIndex(s.X); ok {
			ix.X = r.mapW(ix.X)
			ix.Index = r.expr(ix.Index)
			return s
		}
		if r.isLoc(s.X, true) {
			name := r.text(s.X)
			a := r.addr(s.X)
			return r.store(a, &ast.BinaryExpr{X: r.load(a, name), Op: op, Y: &ast.BasicLit{Kind: token.INT, Value: "1"}}, name)
		}
		s.X = r.addr(s.X)
	case *ast.DeferStmt:
		s.Call = r.expr(s.Call).(*ast.CallExpr)
	case *ast.ReturnStmt:
		r.exprs(s.Results)
	case *ast.BlockStmt:
		r.block(s)
	case *ast.IfStmt:
		s.Init = r.simple(s.Init)
		s.Cond = r.expr(s.Cond)
		r.block(s.Body)
		if s.Else != nil {
			if b, ok := s.Else.(*ast.BlockStmt); ok {
				r.block(b)
			} else {
				s.Else = r.simple(s.Else)
			}
		}
	case *ast.ForStmt:
		if r.spinWait(s) {
			return r.spinWhile(s)
		}
		s.Init = r.simple(s.Init)
		if s.Cond != nil {
			s.Cond = r.expr(s.Cond)
		}
		s.Post = r.simple(s.Post)
		r.block(s.Body)
	case *ast.RangeStmt:
		if r.isChan(s.X) {
			if r.opt.Channels {
				return r.rangeChan(s)
			}
			r.chanLimit(s)
		}
		if t, ok := r.info.Types[s.X].Type.Underlying().(*types.Map); ok && t != nil {
			s.X = r.mapR(s.X)
		} else {
			s.X = r.expr(s.X)
		}
		if s.Tok == token.ASSIGN && (r.isLoc(s.Key, true) || r.isLoc(s.Value, true)) {
			r.limit(s, false, "range assigns to a shared variable: those writes are not modelled")
		}
		r.block(s.Body)
	case *ast.SwitchStmt:
		s.Init = r.simple(s.Init)
		if s.Tag != nil {
			s.Tag = r.expr(s.Tag)
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			r.exprs(cc.List)
			cc.Body = r.list(cc.Body)
		}
	case *ast.TypeSwitchStmt:
		s.Init = r.simple(s.Init)
		switch a := s.Assign.(type) {
		case *ast.AssignStmt:
			a.Rhs[0].(*ast.TypeAssertExpr).X = r.expr(a.Rhs[0].(*ast.TypeAssertExpr).X)
		case *ast.ExprStmt:
			a.X.(*ast.TypeAssertExpr).X = r.expr(a.X.(*ast.TypeAssertExpr).X)
		}
		for _, c := range s.Body.List {
			cc := c.(*ast.CaseClause)
			cc.Body = r.list(cc.Body)
		}
	case *ast.SelectStmt:
		if r.opt.Channels {
			pre, pick := r.selectStmt(s)
			return &ast.BlockStmt{List: append(pre, pick)}
		}
		r.limit(s, true, "select is not modelled yet: a blocked real select would block the checker, so the package cannot be run")
		for _, c := range s.Body.List {
			cc := c.(*ast.CommClause)
			cc.Body = r.list(cc.Body)
		}
	case *ast.SendStmt:
		if r.opt.Channels {
			return &ast.ExprStmt{X: r.modelCall("ChanSend", r.expr(s.Chan), r.expr(s.Value))}
		}
		r.chanLimit(s)
		s.Chan, s.Value = r.expr(s.Chan), r.expr(s.Value)
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, sp := range g.Specs {
				r.exprs(sp.(*ast.ValueSpec).Values)
			}
		}
	case *ast.LabeledStmt:
		s.Stmt = r.simple(s.Stmt)
	case *ast.GoStmt:
		return r.goStmt(s)
	}
	return s
}

func (r *rw) exprs(es []ast.Expr) {
	for i, e := range es {
		es[i] = r.expr(e)
	}
}

// assign rewrites an assignment as one statement: a single shared
// left-hand side becomes a modelled store; in a tuple assignment in a
// statement header the shared left-hand sides are written natively, and
// said so.
func (r *rw) assign(s *ast.AssignStmt) ast.Stmt {
	if r.recvOK(s) {
		if s.Tok != token.DEFINE {
			for i, l := range s.Lhs {
				s.Lhs[i] = r.addr(l)
			}
		}
		return s
	}
	if s.Tok == token.DEFINE {
		r.exprs(s.Rhs)
		return s
	}
	if len(s.Lhs) == 1 && len(s.Rhs) == 1 {
		lhs := s.Lhs[0]
		if ix, ok := r.mapIndex(lhs); ok {
			ix.X = r.mapW(ix.X)
			ix.Index = r.expr(ix.Index)
			s.Rhs[0] = r.expr(s.Rhs[0])
			return s
		}
		if r.isLoc(lhs, true) {
			name := r.text(lhs)
			a := r.addr(lhs)
			rhs := r.expr(s.Rhs[0])
			if s.Tok != token.ASSIGN {
				rhs = &ast.BinaryExpr{X: r.load(a, name), Op: opOf(s.Tok), Y: &ast.ParenExpr{X: rhs}}
			}
			return r.store(a, rhs, name)
		}
		s.Lhs[0] = r.addr(lhs)
		s.Rhs[0] = r.expr(s.Rhs[0])
		return s
	}
	for _, l := range s.Lhs {
		if r.isLoc(l, true) {
			r.limit(s, false, "a tuple assignment in a statement header writes %s natively: that write is not modelled", r.text(l))
		}
	}
	for i, l := range s.Lhs {
		if ix, ok := r.mapIndex(l); ok {
			ix.X = r.mapW(ix.X)
			ix.Index = r.expr(ix.Index)
		} else {
			s.Lhs[i] = r.addr(l)
		}
	}
	r.exprs(s.Rhs)
	return s
}

// tupleAssign rewrites a tuple assignment with a shared left-hand side, in
// a statement list: the right-hand sides go into temporaries, then each is
// stored. It returns nil for any other statement.
func (r *rw) tupleAssign(s *ast.AssignStmt) ast.Stmt {
	if s.Tok != token.ASSIGN || len(s.Lhs) < 2 {
		return nil
	}
	shared := false
	for _, l := range s.Lhs {
		if _, ok := r.mapIndex(l); ok || r.isLoc(l, true) {
			shared = true
		}
	}
	if !shared {
		return nil
	}
	vals := make([]ast.Expr, len(s.Lhs))
	var temps []ast.Expr
	var rhs []ast.Expr
	for i := range s.Lhs {
		if len(s.Rhs) == len(s.Lhs) && r.inline(s.Rhs[i]) {
			vals[i] = s.Rhs[i]
			continue
		}
		t := r.temp()
		vals[i] = t
		temps = append(temps, t)
		if len(s.Rhs) == len(s.Lhs) {
			rhs = append(rhs, r.expr(s.Rhs[i]))
		}
	}
	if len(s.Rhs) != len(s.Lhs) {
		rhs = []ast.Expr{r.expr(s.Rhs[0])}
	}
	var out []ast.Stmt
	if len(temps) > 0 {
		out = append(out, &ast.AssignStmt{Lhs: temps, Tok: token.DEFINE, Rhs: rhs})
	}
	for i, l := range s.Lhs {
		if id, ok := l.(*ast.Ident); ok && id.Name == "_" {
			continue
		}
		out = append(out, r.assign(&ast.AssignStmt{Lhs: []ast.Expr{l}, Tok: token.ASSIGN, Rhs: []ast.Expr{vals[i]}}))
	}
	return &ast.BlockStmt{List: out}
}

// inline says e needs no temporary: a constant or nil, whose type comes
// from where it is used.
func (r *rw) inline(e ast.Expr) bool {
	tv, ok := r.info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}

func (r *rw) temp() *ast.Ident {
	r.ntemp++
	return ast.NewIdent(fmt.Sprintf("_scT%d", r.ntemp))
}

// goStmt makes a go statement a modelled goroutine start. The function
// value and the arguments are evaluated at the statement, as Go does.
func (r *rw) goStmt(s *ast.GoStmt) ast.Stmt {
	c := s.Call
	if lit, ok := c.Fun.(*ast.FuncLit); ok && len(c.Args) == 0 {
		return &ast.ExprStmt{X: call(sel(gt, "Go"), r.expr(lit))}
	}
	if id, ok := c.Fun.(*ast.Ident); ok {
		if _, ok := r.info.Uses[id].(*types.Builtin); ok {
			r.exprs(c.Args)
			return &ast.ExprStmt{X: call(sel(gt, "Go"), &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}},
				Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: c}}}})}
		}
	}
	var temps, vals []ast.Expr
	f := r.temp()
	temps, vals = append(temps, f), append(vals, r.expr(c.Fun))
	args := make([]ast.Expr, len(c.Args))
	for i, a := range c.Args {
		if r.inline(a) {
			args[i] = a
			continue
		}
		t := r.temp()
		args[i] = t
		temps, vals = append(temps, t), append(vals, r.expr(a))
	}
	body := &ast.FuncLit{Type: &ast.FuncType{Params: &ast.FieldList{}},
		Body: &ast.BlockStmt{List: []ast.Stmt{&ast.ExprStmt{X: &ast.CallExpr{Fun: f, Args: args, Ellipsis: ellipsis(c)}}}}}
	return &ast.BlockStmt{List: []ast.Stmt{
		&ast.AssignStmt{Lhs: temps, Tok: token.DEFINE, Rhs: vals},
		&ast.ExprStmt{X: call(sel(gt, "Go"), body)},
	}}
}

func ellipsis(c *ast.CallExpr) token.Pos {
	if c.Ellipsis.IsValid() {
		return 1
	}
	return token.NoPos
}

// opOf is the binary operator of an assignment operator (+= is +).
func opOf(tok token.Token) token.Token {
	switch tok {
	case token.ADD_ASSIGN:
		return token.ADD
	case token.SUB_ASSIGN:
		return token.SUB
	case token.MUL_ASSIGN:
		return token.MUL
	case token.QUO_ASSIGN:
		return token.QUO
	case token.REM_ASSIGN:
		return token.REM
	case token.AND_ASSIGN:
		return token.AND
	case token.OR_ASSIGN:
		return token.OR
	case token.XOR_ASSIGN:
		return token.XOR
	case token.SHL_ASSIGN:
		return token.SHL
	case token.SHR_ASSIGN:
		return token.SHR
	case token.AND_NOT_ASSIGN:
		return token.AND_NOT
	}
	panic("rewrite: no operator for " + tok.String())
}

func (r *rw) chanLimit(n ast.Node) {
	if !r.opt.Channels {
		r.limit(n, true, "channel operations are not modelled in this build of singlecheck: "+
			"a blocked real channel would block the checker, so the package cannot be run")
	}
}
