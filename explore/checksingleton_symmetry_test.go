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

// Outcome orbits, violation kinds and verdict agree with plain DFS; trace
// orbits under DPOR's relation need not. The first access to a lazily
// created location (an ordinary Go variable, a drop-in's state) creates it
// when the accessing goroutine announces the step, and the step then
// writes allocation order (KeyAlloc); at the start every worker announces
// in thread order, so the first worker creates what all of them touch
// first, whichever runs first. Executions equal up to renaming workers then
// differ in that one allocation-order write, so their traces are not
// images of each other, though everything the threads read, write and
// obtain is.
func TestSingletonCallersSymmetryKeepsOutcomes(t *testing.T) {
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
					plain := exploredSmall(t, prog, c, noOrbits)
					if plain == nil {
						t.Skip("plain DFS is beyond the budget (SINGLECHECK_LONG=1 raises it)")
					}
					for _, s := range []string{"dfs", "dpor", "source-dpor"} {
						c.Strategy, c.NoSymmetry = s, false
						red := exploredWith(t, prog, c, noOrbits, false)
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
