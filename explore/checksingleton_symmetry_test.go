package explore

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// CheckSingleton's callers without a reset are identical workers
// (callersProgram), so symmetry reduction applies to them. These getters,
// written against model.Shared and the drop-ins as a user writes them,
// check DPOR with symmetry against plain DFS's trace orbits, outcome orbits
// and violation kinds.

type symInstance struct{ n int }

// singletonGetters builds a fresh getter of each kind.
var singletonGetters = map[string]func() func() *symInstance{
	"check-then-create": func() func() *symInstance {
		var inst model.Shared[*symInstance]
		return func() *symInstance {
			if p := inst.Load(); p != nil {
				return p
			}
			p := model.Constructed(&symInstance{n: 1})
			inst.Store(p)
			return p
		}
	},
	"double-checked over atomic.Pointer":   doubleChecked[atomic.Pointer[symInstance]],
	"double-checked over a plain variable": doubleChecked[model.Shared[*symInstance]],
	"sync.Once": func() func() *symInstance {
		var (
			once sync.Once
			inst *symInstance
		)
		return func() *symInstance {
			once.Do(func() { inst = model.Constructed(&symInstance{n: 1}) })
			return inst
		}
	},
	"CAS publish": func() func() *symInstance {
		var inst atomic.Pointer[symInstance]
		return func() *symInstance {
			if p := inst.Load(); p != nil {
				return p
			}
			p := model.Constructed(&symInstance{n: 1})
			if inst.CompareAndSwap(nil, p) {
				return p
			}
			return inst.Load()
		}
	},
}

// instanceVar is a variable holding the instance: model.Shared (plain) or
// atomic.Pointer.
type instanceVar[V any] interface {
	*V
	Load() *symInstance
	Store(*symInstance)
}

// doubleChecked is double-checked locking over a fresh variable of type V.
func doubleChecked[V any, P instanceVar[V]]() func() *symInstance {
	var (
		inst V
		mu   sync.Mutex
	)
	return func() *symInstance {
		if p := P(&inst).Load(); p != nil {
			return p
		}
		mu.Lock()
		defer mu.Unlock()
		if p := P(&inst).Load(); p != nil {
			return p
		}
		p := model.Constructed(&symInstance{n: 1})
		P(&inst).Store(p)
		return p
	}
}

// Trace orbits (under DPOR's dependency relation), outcome orbits,
// violation kinds and verdict agree with plain DFS. The first access to a
// lazily created location (an ordinary Go variable, a drop-in's state)
// creates it when the accessing goroutine announces the step; at the start
// every worker announces in thread order, so the first worker creates what
// all of them touch first, whichever runs first. Were that creation to
// write allocation order (KeyAlloc), executions equal up to renaming
// workers would differ in that one write, their traces would not be images
// of each other, and the reduced searches would reach fewer trace orbits
// than plain DFS (three of seven with two callers of check-then-create);
// a creation before the first scheduled step writes nothing
// (model.World.locMark).
func TestSingletonCallersSymmetryKeepsOrbits(t *testing.T) {
	names := map[string]bool{}
	for name := range singletonGetters {
		names[name] = true
	}
	for _, name := range sortedKeys(names) {
		for _, mem := range model.Memories {
			for n := 2; n <= 3; n++ {
				t.Run(fmt.Sprintf("%s/%s/%d", name, mem, n), func(t *testing.T) {
					prog := SingletonProgram(t.Name(), singletonGetters[name], n, nil, false)
					c := Config{NoSymmetry: true, Memory: mem}
					plain := exploredSmall(t, prog, c, porOrbitsOnly)
					if plain == nil {
						t.Skip("plain DFS is beyond the budget (SINGLECHECK_LONG=1 raises it)")
					}
					for _, s := range []string{"dfs", "dpor", "source-dpor"} {
						c.Strategy, c.NoSymmetry = s, false
						red := exploredWith(t, prog, c, porOrbitsOnly, false)
						assert.Empty(t, cmp.Diff(sortedKeys(plain.porOrbits), sortedKeys(red.porOrbits)), "%s: trace orbits", s)
						assert.Empty(t, cmp.Diff(sortedKeys(plain.outcomes), sortedKeys(red.outcomes)), "%s: outcome orbits", s)
						assert.Equal(t, plain.kinds, red.kinds, "%s: violation kinds", s)
						assert.Equal(t, plain.res.Verdict, red.res.Verdict, "%s: verdict", s)
						assert.LessOrEqual(t, red.executions, plain.executions, "%s", s)
					}
				})
			}
		}
	}
}
