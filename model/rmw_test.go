package model_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// One thread's read-modify-writes return what Go's do: Swap and And and
// Or the old value, Add the new one.
func TestReadModifyWriteResults(t *testing.T) {
	var got []model.Value
	res := explored(t, func(w *model.World) []model.Body {
		a := model.NewAtomic(w, "a")
		return []model.Body{func(t *model.Thread) {
			got = []model.Value{a.Add(t, 5), a.Swap(t, 12), a.And(t, 10), a.Or(t, 1), a.Add(t, -20), a.Load(t)}
		}}
	})
	require.Empty(t, res.Violations)
	assert.Equal(t, []model.Value{5, 5, 12, 8, -11, -11}, got)
}

// The dependency rule of rmw.go, seen as the traces optimal DPOR explores
// for two threads: a read-modify-write conflicts with every access to its
// location (two traces), and with nothing on another location (one).
func TestReadModifyWriteDependencies(t *testing.T) {
	type access func(a model.Atomic, x model.Var, t *model.Thread)
	ops := map[string]access{
		"add":   func(a model.Atomic, _ model.Var, t *model.Thread) { a.Add(t, 1) },
		"swap":  func(a model.Atomic, _ model.Var, t *model.Thread) { a.Swap(t, 1) },
		"and":   func(a model.Atomic, _ model.Var, t *model.Thread) { a.And(t, 0) },
		"or":    func(a model.Atomic, _ model.Var, t *model.Thread) { a.Or(t, 0) },
		"load":  func(a model.Atomic, _ model.Var, t *model.Thread) { a.Load(t) },
		"store": func(a model.Atomic, _ model.Var, t *model.Thread) { a.Store(t, 1) },
		"cas":   func(a model.Atomic, _ model.Var, t *model.Thread) { a.CompareAndSwap(t, 7, 8) }, // fails
		"other": func(_ model.Atomic, x model.Var, t *model.Thread) { x.Store(t, 1) },
	}
	for _, rmw := range []string{"add", "swap", "and", "or"} {
		for name, other := range ops {
			for _, m := range model.Memories {
				res, err := explore.Explore(context.Background(), model.Program{Name: rmw + "/" + name, Build: func(w *model.World) []model.Body {
					a, x := model.NewAtomic(w, "a"), model.NewVar(w, "x")
					return []model.Body{
						func(t *model.Thread) { ops[rmw](a, x, t) },
						func(t *model.Thread) { other(a, x, t) },
					}
				}}, explore.Config{Memory: m})
				require.NoError(t, err)
				want := 2
				if name == "other" {
					want = 1
				}
				assert.Equal(t, want, res.Stats.Traces, "%s vs %s under %s", rmw, name, m)
			}
		}
	}
}
