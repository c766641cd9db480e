package explore

import (
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/model"
	"github.com/stretchr/testify/assert"
)

// binomial is n choose k.
func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
	}
	return r
}

// twoThreads is a program of two threads, each doing k operations op on a
// variable: its own (shared=false) or one both use.
func twoThreads(k int, shared bool, op func(v model.Var, t *model.Thread)) model.Program {
	return model.Program{Name: "two", Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		if shared {
			y = x
		}
		body := func(v model.Var) model.Body {
			return func(t *model.Thread) {
				for range k {
					op(v, t)
				}
			}
		}
		return []model.Body{body(x), body(y)}
	}}
}

// TestTraceSignatureCountsMazurkiewiczTraces checks the trace count of DFS,
// which runs every interleaving (binomial(2k, k) of them), against the
// number of traces known from the dependency: one when no step of one
// thread depends on a step of the other (separate variables, or loads
// only), every interleaving when all do (stores to one variable), and under
// TSO the interleavings of the flushes, the buffered stores being local.
func TestTraceSignatureCountsMazurkiewiczTraces(t *testing.T) {
	store := func(v model.Var, t *model.Thread) { v.Store(t, 1) }
	load := func(v model.Var, t *model.Thread) { v.Load(t) }
	for _, k := range []int{1, 2, 3} {
		all := binomial(2*k, k)
		for _, c := range []struct {
			name   string
			shared bool
			op     func(model.Var, *model.Thread)
			mem    model.Memory
			traces int
		}{
			{"stores to separate variables", false, store, model.SC, 1},
			{"loads of one variable", true, load, model.SC, 1},
			{"stores to one variable", true, store, model.SC, all},
			{"buffered stores to separate variables", false, store, model.TSO, 1},
			{"buffered stores to one variable", true, store, model.TSO, all},
		} {
			if k == 3 && c.mem != model.SC && !long() {
				continue // DFS also interleaves the flushes: thousands of executions
			}
			t.Run(fmt.Sprintf("%s/k=%d/%s", c.name, k, c.mem), func(t *testing.T) {
				r := exploreReach(t, twoThreads(k, c.shared, c.op), "dfs", c.mem, 1_000_000, false)
				if c.mem == model.SC {
					assert.Equal(t, all, r.Stats.Executions, "DFS runs every interleaving")
				}
				assert.Len(t, r.Traces, c.traces)
				for _, s := range dporStrategies {
					d := exploreReach(t, twoThreads(k, c.shared, c.op), s, c.mem, 1_000_000, false)
					assert.Equal(t, c.traces, d.Stats.Executions, "%s explores one execution per trace here", s)
				}
			})
		}
	}
}
