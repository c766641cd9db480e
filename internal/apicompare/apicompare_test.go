package apicompare

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// check type-checks src as package p.
func check(t *testing.T, src string) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	require.NoError(t, err)
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, nil)
	require.NoError(t, err)
	return pkg
}

func TestDiff(t *testing.T) {
	want := check(t, `package p
type T struct{}
func (*T) M(x int) (y bool) { return }
func (*T) N() {}
type G[E any] struct{}
func F(a, b int32) int32 { return a }
func H() {}
const C = 1
var unexported int`)
	got := check(t, `package p
type T struct{ hidden int }
func (*T) M(z int) (bool) { return false } // other names: the same API
type G[E comparable] struct{}
func F(a int32, b int64) int32 { return a }
var H = func() {}
func Extra() {}`)
	wantDiff := []string{
		"C: missing",
		"F: func(int32, int64) int32, want func(int32, int32) int32",
		"G: type parameters [E comparable], want [E any]",
		"H: a variable, want a function",
		"T.N: missing",
	}
	if d := cmp.Diff(wantDiff, Diff(want, got)); d != "" {
		t.Errorf("Diff (-want +got):\n%s", d)
	}
	require.Empty(t, Diff(want, want))
}
