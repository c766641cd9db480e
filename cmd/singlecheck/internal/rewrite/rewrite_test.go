package rewrite

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

func load(t *testing.T, dir string) *packages.Package {
	t.Helper()
	abs, err := filepath.Abs(dir)
	require.NoError(t, err)
	pkgs, err := packages.Load(&packages.Config{Dir: abs, Mode: packages.NeedName | packages.NeedFiles |
		packages.NeedTypes | packages.NeedTypesInfo | packages.NeedSyntax | packages.NeedModule | packages.NeedImports}, ".")
	require.NoError(t, err)
	require.Len(t, pkgs, 1)
	require.Empty(t, pkgs[0].Errors)
	return pkgs[0]
}

// TestShapes checks what each construct becomes.
func TestShapes(t *testing.T) {
	pkg := load(t, "testdata/shapes")
	res, err := Package(pkg, Options{ResultElem: pkg.Types.Scope().Lookup("T").Type()})
	require.NoError(t, err)
	require.Len(t, res.Files, 1)
	var src string
	for _, b := range res.Files {
		src = string(b)
	}
	norm := strings.Join(strings.Fields(src), " ")
	tests := []struct{ construct, want string }{
		{"read of a package variable", `scgt.Read(&g, "g") == nil`},
		{"write of a package variable", `scgt.Ref(&n, "n", &_scSites[`},
		{"op-assignment reads and writes", `.Store(scgt.Read(&n, "n") + (scgt.Read(&local, "local")))`},
		{"increment", `.Store(scgt.Read(&n, "n") + 1)`},
		{"array element of a package variable", `scgt.Ref(&arr[1], "arr[1]"`},
		{"slice element", `scgt.Ref(&scgt.Read(&sl, "sl")[2], "sl[2]"`},
		{"field through a pointer", `scgt.Ref(&p.N, "p.N"`},
		{"field of a loaded pointer", `scgt.Read(&scgt.Read(&g, "g").N, "g.N")`},
		{"nested pointer fields", `scgt.Ref(&scgt.Read(&scgt.Read(&g, "g").Next, "g.Next").N, "g.Next.N"`},
		{"map assignment", `scgt.MapW(scgt.Read(&cache, "cache"), "cache")[k] = len(scgt.MapR(scgt.Read(&cache, "cache"), "cache"))`},
		{"delete", `delete(scgt.MapW(scgt.Read(&cache, "cache"), "cache"), k)`},
		{"comma-ok lookup", `v, ok := scgt.MapR(scgt.Read(&cache, "cache"), "cache")[k]`},
		{"construction by literal", `scgt.Constructed(&T{N: 1})`},
		{"construction by new", `q := scgt.Constructed(new(T))`},
		{"go statement hoists function and arguments", `scgt.Go(func() { _scT`},
		{"go statement with a literal", `scgt.Go(func() { scgt.At(`},
		{"captured local", `scgt.Ref(&local, "local"`},
		{"function variable loaded", `scgt.Read(&fn, "fn")()`},
		{"initializers leave the declarations", `n int m int`},
		{"init becomes a function the init thread calls", `func _scInitF0()`},
		{"each initializer in a function of its own", `func _scInitV1() { m = strings.Count("aa", "a") }`},
		{"every statement has a site", `scgt.At(&_scSites[0])`},
		{"spin-wait with an empty body", `scgt.SpinWhile(func() bool { return scgt.Read(&n, "n") == 0 }, func() { })`},
		{"spin-wait yielding: the body runs only natively", `scgt.SpinWhile(func() bool { return scgt.Read(&m, "m") != 2 }, func() { runtime.Gosched() })`},
		{"spin-wait sleeping a constant", `scgt.SpinWhile(func() bool { return scgt.Read(&g, "g") == nil }, func() { time.Sleep(time.Millisecond) })`},
		{"a loop with a post statement stays a loop", `for i := 0; scgt.Read(&n, "n") == 0; i++ {`},
		{"a loop whose body writes stays a loop", `for scgt.Read(&m, "m") == 0 {`},
		{"a loop breaking when done is a spin-wait", `scgt.SpinWhile(func() bool { return !(scgt.Read(&n, "n") == 5) }, func() { runtime.Gosched() })`},
		{"one whose body writes stays a loop", `for { scgt.At(&_scSites[31]) if scgt.Read(&n, "n") == 6 {`},
	}
	for _, tt := range tests {
		assert.Contains(t, norm, tt.want, tt.construct)
	}
	assert.NotContains(t, norm, "func init()", "init does not run at the process's start")
	assert.Contains(t, string(res.Support), "func singlecheckZero()")
	assert.Contains(t, string(res.Support), "scgt.Zero(&cache)")
	assert.Contains(t, string(res.Support), `{Pos: "shapes.go:28", Text: "if g == nil {"}`)
	assert.Empty(t, res.Limits)
}

// TestLimits: constructs that are not modelled are reported with their
// position, and those that cannot run are fatal.
func TestLimits(t *testing.T) {
	pkg := load(t, "testdata/limits")
	res, err := Package(pkg, Options{})
	require.NoError(t, err)
	got := map[string]bool{}
	for _, l := range res.Limits {
		got[l.Pos] = l.Fatal
	}
	assert.Equal(t, map[string]bool{
		"limits.go:5":  true,  // import "sync" without its drop-in
		"limits.go:7":  false, // unsafe
		"limits.go:13": false, // time.Sleep
		"limits.go:14": true,  // channel send
		"limits.go:15": false, // runtime.Gosched
	}, got, "%+v", res.Limits)

	withSync, err := Package(load(t, "testdata/limits"), Options{DropIns: map[string]bool{"sync": true}, Channels: true})
	require.NoError(t, err)
	for _, l := range withSync.Limits {
		assert.False(t, l.Fatal, "with the drop-ins nothing is fatal: %+v", l)
	}
}

// TestSelect checks what each form of select becomes: model.Select over
// cases made from the real channels, the operands evaluated before it in
// source order, the receive's assignment in the case taken.
func TestSelect(t *testing.T) {
	pkg := load(t, "testdata/selects")
	res, err := Package(pkg, Options{Channels: true, ResultElem: pkg.Types.Scope().Lookup("T").Type()})
	require.NoError(t, err)
	require.Empty(t, res.Limits)
	require.Len(t, res.Files, 1)
	var src string
	for _, b := range res.Files {
		src = string(b)
	}
	_, err = parser.ParseFile(token.NewFileSet(), "selects.go", src, 0)
	require.NoError(t, err, src)
	norm := strings.Join(strings.Fields(src), " ")
	tests := []struct{ construct, want string }{
		{"channel operand evaluated once, as a modelled read", `_scT1 := scgt.Read(&in, "in")`},
		{"receive slot typed by the channel", `_scT2 := scgt.RecvSlot(_scT1)`},
		{"comma-ok flag", `var _scT3 bool`},
		{"comma-ok receive case", `scmodel.RecvFrom(_scT1, _scT2, &_scT3)`},
		{"short declaration in the case taken", `case 0: v, ok := *_scT2, _scT3`},
		{"tuple assignment to shared variables: modelled stores at the select's site",
			`case 1: { _scT7, _scT8 := *_scT5, _scT6 scgt.Ref(&got, "got", &_scSites[0]).Store(_scT7) scgt.Ref(&okShared, "okShared", &_scSites[0]).Store(_scT8) }`},
		{"assignment to a shared variable", `case 2: scgt.Ref(&got, "got", &_scSites[0]).Store(*_scT10)`},
		{"receive with no assignment", `scmodel.RecvFrom(_scT11, nil, nil)`},
		{"send slot typed by the channel", `_scT13 := scgt.SendSlot(_scT12)`},
		{"untyped constant assigned to the send slot", `*_scT13 = 1`},
		{"send case", `scmodel.SendTo(_scT12, *_scT13)`},
		{"construction in a sent value", `*_scT15 = scgt.Constructed(&T{})`},
		{"default case", `scmodel.Default()) {`},
		{"the last case is the switch's default", `case 5: default: }`},
		{"break and continue of an enclosing loop", `case 0: break loop default: continue loop`},
		{"the label moves onto the switch, the operands before it", `_scT19 := scgt.Read(&in, "in") L: switch scmodel.Select(scmodel.RecvFrom(_scT19, nil, nil)`},
		{"select {} blocks forever", `scmodel.Select() }`},
	}
	for _, tt := range tests {
		if !strings.Contains(norm, tt.want) {
			t.Errorf("%s: no %s in\n%s", tt.construct, tt.want, src)
		}
	}
	assert.NotContains(t, norm, "select {", "no select statement is left")

	plain, err := Package(load(t, "testdata/selects"), Options{})
	require.NoError(t, err)
	require.NotEmpty(t, plain.Limits)
	for _, l := range plain.Limits {
		assert.True(t, l.Fatal, "without modelled channels a select cannot run: %+v", l)
	}
}
