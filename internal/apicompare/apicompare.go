// Package apicompare compares the exported API of two Go packages: that a
// drop-in package declares every exported identifier of the package it
// replaces, with the same kind and signature.
package apicompare

import (
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"sort"
)

// Import type-checks the package at import path from its source (the
// standard library's or the current module's).
func Import(path string) (*types.Package, error) {
	pkg, err := importer.ForCompiler(token.NewFileSet(), "source", nil).Import(path)
	if err != nil {
		return nil, fmt.Errorf("apicompare: importing %s: %w (is it in the module or the standard library?)", path, err)
	}
	return pkg, nil
}

// Diff lists, sorted, one line per exported identifier of want that got
// lacks or declares differently: a constant, variable or function of
// another kind or type, a type of another kind, type parameters or
// exported method (with its signature, among the methods of the pointer
// type). Types print with package names only, so that a type of want's
// package matches the type of the same name in got's. Identifiers got
// adds are not differences.
func Diff(want, got *types.Package) []string {
	var out []string
	for _, name := range want.Scope().Names() {
		w := want.Scope().Lookup(name)
		if !w.Exported() {
			continue
		}
		g := got.Scope().Lookup(name)
		if g == nil {
			out = append(out, fmt.Sprintf("%s: missing", name))
			continue
		}
		if kw, kg := kind(w), kind(g); kw != kg {
			out = append(out, fmt.Sprintf("%s: a %s, want a %s", name, kg, kw))
			continue
		}
		tw, isType := w.(*types.TypeName)
		if !isType {
			if sw, sg := typeString(w.Type()), typeString(g.Type()); sw != sg {
				out = append(out, fmt.Sprintf("%s: %s, want %s", name, sg, sw))
			}
			continue
		}
		out = append(out, diffType(name, tw, g.(*types.TypeName))...)
	}
	sort.Strings(out)
	return out
}

// diffType compares two named types: their type parameters, the kind of
// their underlying types and the exported methods of their pointer types.
func diffType(name string, w, g *types.TypeName) []string {
	var out []string
	nw, okw := w.Type().(*types.Named)
	ng, okg := g.Type().(*types.Named)
	if !okw || !okg {
		if sw, sg := typeString(w.Type().Underlying()), typeString(g.Type().Underlying()); sw != sg {
			out = append(out, fmt.Sprintf("%s: = %s, want = %s", name, sg, sw))
		}
		return out
	}
	if pw, pg := typeParams(nw), typeParams(ng); pw != pg {
		out = append(out, fmt.Sprintf("%s: type parameters %s, want %s", name, pg, pw))
	}
	if uw, ug := underKind(nw), underKind(ng); uw != ug {
		out = append(out, fmt.Sprintf("%s: a %s type, want a %s type", name, ug, uw))
	}
	mw, mg := types.NewMethodSet(types.NewPointer(nw)), types.NewMethodSet(types.NewPointer(ng))
	for i := range mw.Len() {
		m := mw.At(i).Obj()
		if !m.Exported() {
			continue
		}
		sel := mg.Lookup(m.Pkg(), m.Name())
		if sel == nil {
			sel = mg.Lookup(g.Pkg(), m.Name())
		}
		if sel == nil {
			out = append(out, fmt.Sprintf("%s.%s: missing", name, m.Name()))
			continue
		}
		if sw, sg := typeString(m.Type()), typeString(sel.Obj().Type()); sw != sg {
			out = append(out, fmt.Sprintf("%s.%s: %s, want %s", name, m.Name(), sg, sw))
		}
	}
	return out
}

func kind(o types.Object) string {
	switch o.(type) {
	case *types.Const:
		return "constant"
	case *types.Var:
		return "variable"
	case *types.Func:
		return "function"
	case *types.TypeName:
		return "type"
	}
	return fmt.Sprintf("%T", o)
}

func underKind(n *types.Named) string {
	switch n.Underlying().(type) {
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	case *types.Signature:
		return "func"
	}
	return typeString(n.Underlying())
}

func typeParams(n *types.Named) string {
	tp := n.TypeParams()
	s := "["
	for i := range tp.Len() {
		p := tp.At(i)
		if i > 0 {
			s += ", "
		}
		s += p.Obj().Name() + " " + typeString(p.Constraint())
	}
	return s + "]"
}

// typeString prints t with package names only; a signature prints without
// its receiver and parameter names, which are no part of an API.
func typeString(t types.Type) string {
	if sig, ok := t.(*types.Signature); ok {
		t = types.NewSignatureType(nil, nil, nil, unnamed(sig.Params()), unnamed(sig.Results()), sig.Variadic())
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

func unnamed(vs *types.Tuple) *types.Tuple {
	out := make([]*types.Var, vs.Len())
	for i := range out {
		out[i] = types.NewParam(token.NoPos, nil, "", vs.At(i).Type())
	}
	return types.NewTuple(out...)
}
