package explore

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
)

// TestOptimalDPORFlushesOwedAtAPanic: T1 panics if its compare-and-swap
// comes after T0's store, and T2's buffered store races with T1's load.
// In the executions that panic, T2 has finished but its store is still in
// its buffer: the flush it owes could have reached memory before T1's
// load. Optimal DPOR missed the trace in which T1 loads 1 and its CAS wins
// under TSO and PSO until the races of flushes owed by finished threads at
// a panic were reversed; now it reaches DFS's traces under every model.
func TestOptimalDPORFlushesOwedAtAPanic(t *testing.T) {
	prog := model.Program{Name: "panic-tso", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x0")
		a := model.NewAtomic(w, "a")
		return []model.Body{
			func(t *model.Thread) { a.Store(t, 1); t.Observe("r0", x.Load(t)) },
			func(t *model.Thread) {
				t.Observe("r1", x.Load(t))
				if !a.CompareAndSwap(t, 0, 2) {
					panic("T1's CAS came after T0's store")
				}
			},
			func(t *model.Thread) { x.Store(t, 1) },
		}
	}}
	for _, m := range model.Memories {
		dfs := exploreReach(t, prog, "dfs", m, 100000, false)
		src := exploreReach(t, prog, "source-dpor", m, 100000, false)
		opt := exploreReach(t, prog, "dpor", m, 100000, false)
		assert.Equal(t, len(dfs.Traces), len(src.Traces), "%s: source-DPOR", m)
		assert.Equal(t, len(dfs.Traces), len(opt.Traces), "%s: optimal DPOR", m)
	}
}
