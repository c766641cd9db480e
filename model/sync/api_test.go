package sync_test

import (
	"go/importer"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const dropIn = "github.com/singlecheck/singlecheck/model/sync"

// exported lists the exported API of pkg: every package-level identifier,
// and every exported method and field of its types (through a pointer), as
// "Name", "Type.Method" or "Type.Field" mapped to its type printed with
// package names only, so that sync.Locker and the drop-in's Locker print
// alike.
func exported(pkg *types.Package) map[string]string {
	qual := func(p *types.Package) string { return p.Name() }
	str := func(t types.Type) string { return types.TypeString(t, qual) }
	api := map[string]string{}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch o := obj.(type) {
		case *types.TypeName:
			api[name] = "type"
			if st, ok := o.Type().Underlying().(*types.Struct); ok {
				for i := range st.NumFields() {
					if f := st.Field(i); f.Exported() {
						api[name+"."+f.Name()] = str(f.Type())
					}
				}
			}
			if it, ok := o.Type().Underlying().(*types.Interface); ok {
				for i := range it.NumMethods() {
					api[name+"."+it.Method(i).Name()] = str(it.Method(i).Type())
				}
				continue
			}
			ms := types.NewMethodSet(types.NewPointer(o.Type()))
			for i := range ms.Len() {
				if m := ms.At(i).Obj(); m.Exported() {
					api[name+"."+m.Name()] = str(m.Type())
				}
			}
		default:
			api[name] = str(obj.Type())
		}
	}
	return api
}

func TestAPIMatchesTheStandardLibrary(t *testing.T) {
	imp := importer.ForCompiler(token.NewFileSet(), "source", nil)
	std, err := imp.Import("sync")
	require.NoError(t, err)
	ours, err := imp.Import(dropIn)
	require.NoError(t, err, "the source importer reads the module from the working directory")
	want, got := exported(std), exported(ours)
	require.NotEmpty(t, want)
	for name, sig := range want {
		assert.Equal(t, sig, got[name], "sync.%s", name)
	}
	for name := range got {
		_, ok := want[name]
		assert.True(t, ok, "model/sync exports %s, which sync does not", name)
	}
	// A sample, to show what the comparison compares.
	assert.Equal(t, "func[T1, T2 any](f func() (T1, T2)) func() (T1, T2)", got["OnceValues"])
	assert.Equal(t, "func(f func())", got["WaitGroup.Go"])
	assert.True(t, strings.HasPrefix(got["Cond.L"], "sync.Locker"))
}
