package atomic_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// explored explores main by strategy under memory m and returns the result.
func explored(t *testing.T, main func(), m model.Memory, strategy string) *explore.Result {
	t.Helper()
	res, err := explore.Explore(context.Background(), explore.FuncProgram(t.Name(), main),
		explore.Config{Memory: m, Strategy: strategy, MaxExecutions: maxExecutions})
	require.NoError(t, err)
	require.True(t, res.Complete, res.Reason)
	return res
}

// maxExecutions bounds every search of these tests: more means the
// programs grew too big for a unit test (the result is then incomplete,
// which explored rejects).
const maxExecutions = 20_000

// join starts n goroutines running body(i) and waits, by a spin on an
// atomic counter, until all have returned. (It loads the counter first:
// a location is numbered when first touched, and outcomes list locations
// in that order, so touching the shared ones before the goroutines start
// keeps equal final states equal outcomes.)
func join(n int, body func(i int)) {
	var done atomic.Int32
	done.Load()
	for i := range n {
		model.Go(func() {
			body(i)
			done.Add(1)
		})
	}
	model.Current().Spin(func() bool { return done.Load() == int32(n) })
}

// counterMains are ways for n goroutines to count to n, and whether each
// always gets there.
var counterMains = []struct {
	name  string
	exact bool
	main  func(n int)
}{
	{"Int64.Add", true, func(workers int) {
		var n atomic.Int64
		join(workers, func(int) { n.Add(1) })
		model.Assert(n.Load() == int64(workers), "count %d, want %d", n.Load(), workers)
	}},
	{"AddUint32", true, func(workers int) {
		var n uint32
		join(workers, func(int) { atomic.AddUint32(&n, 1) })
		model.Assert(atomic.LoadUint32(&n) == uint32(workers), "count %d", atomic.LoadUint32(&n))
	}},
	{"CAS loop", true, func(workers int) {
		var n atomic.Uint64
		join(workers, func(int) {
			for {
				old := n.Load()
				if n.CompareAndSwap(old, old+1) {
					return
				}
			}
		})
		model.Assert(n.Load() == uint64(workers), "count %d", n.Load())
	}},
	{"Swap token", true, func(workers int) {
		// Each worker swaps its own token in; the tokens it gets back and
		// the last one in are every token exactly once.
		var slot atomic.Int32
		slot.Load()
		seen := make([]atomic.Int32, workers+1)
		for i := range seen {
			seen[i].Load()
		}
		join(workers, func(i int) { seen[slot.Swap(int32(i+1))].Add(1) })
		seen[slot.Load()].Add(1)
		for i := range seen {
			model.Assert(seen[i].Load() == 1, "token %d seen %d times", i, seen[i].Load())
		}
	}},
	{"atomic load then store", false, func(workers int) {
		var n atomic.Int64
		join(workers, func(int) { n.Store(n.Load() + 1) })
		model.Assert(n.Load() == int64(workers), "count %d, want %d", n.Load(), workers)
	}},
}

func TestCountersUnderEveryMemory(t *testing.T) {
	for _, c := range counterMains {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", c.name, m), func(t *testing.T) {
				main := func() { c.main(3) }
				if c.exact {
					res := explore.CheckFunc(t, main, explore.WithMemory(m))
					assert.Equal(t, explore.Safe, res.Verdict)
					return
				}
				res := explored(t, main, m, "")
				assert.Equal(t, []model.Kind{model.Assertion}, res.Violations, "a lost update, and no race: every access is atomic")
			})
		}
	}
}

// A plain counter incremented by model.Read and model.Write loses updates
// and races.
func TestPlainCounterLosesUpdates(t *testing.T) {
	main := func() {
		var n int
		join(3, func(int) { model.Write(&n, model.Read(&n, "n")+1, "n") })
		got := model.Read(&n, "n")
		model.Assert(got == 3, "count %d, want 3", got)
	}
	for _, m := range model.Memories {
		res := explored(t, main, m, "")
		assert.ElementsMatch(t, []model.Kind{model.Assertion, model.DataRace}, res.Violations, m)
	}
}

type config struct{ path string }

// publish is double-checked lazy initialization over a Pointer and a
// model.Mutex: the fast path loads the pointer, the slow path constructs
// under the lock. The field is written and read plainly, ordered by the
// Pointer's store and load.
func publish(plainPointer bool) func() {
	return func() {
		var p atomic.Pointer[config]
		var plain *config
		load := func() *config {
			if plainPointer {
				return model.Read(&plain, "plain")
			}
			return p.Load()
		}
		load()
		mu := model.NewMutex(model.Current().World(), "mu")
		get := func() *config {
			if c := load(); c != nil {
				return c
			}
			t := model.Current()
			mu.Lock(t)
			defer mu.Unlock(t)
			if c := load(); c != nil {
				return c
			}
			c := model.Constructed(&config{})
			model.Write(&c.path, "/etc", "path")
			if plainPointer {
				model.Write(&plain, c, "plain")
			} else {
				p.Store(c)
			}
			return c
		}
		join(2, func(int) {
			c := get()
			model.Obtain(c)
			model.Assert(model.Read(&c.path, "path") == "/etc", "path %q", c.path)
		})
	}
}

func TestPointerDoubleCheckedPublicationIsSafe(t *testing.T) {
	for _, m := range model.Memories {
		t.Run(m.String(), func(t *testing.T) {
			res := explore.CheckFunc(t, publish(false), explore.WithMemory(m))
			assert.Equal(t, explore.Safe, res.Verdict)
		})
	}
}

func TestPlainPointerPublicationRaces(t *testing.T) {
	for _, m := range model.Memories {
		res := explored(t, publish(true), m, "")
		assert.Contains(t, res.Violations, model.DataRace, m)
		assert.NotContains(t, res.Violations, model.MultipleConstruction, m)
	}
}

// A Pointer keeps the identity of a construction: every caller of a
// CAS-published singleton obtains the winner's object, so the oracles
// report the extra constructions and no divergent instances.
func TestPointerKeepsConstructionIdentity(t *testing.T) {
	main := func() {
		var p atomic.Pointer[config]
		join(2, func(int) {
			c := model.Constructed(&config{path: "/etc"})
			if !p.CompareAndSwap(nil, c) {
				c = p.Load()
			}
			model.Obtain(c)
		})
	}
	res := explored(t, main, model.SC, "")
	assert.Equal(t, []model.Kind{model.MultipleConstruction}, res.Violations)
}

// One Go variable accessed both plainly and atomically, as Go allows: an
// atomic and a plain access that no happens-before orders race, in either
// order and whichever is the write; ordered ones do not.
func TestMixedPlainAndAtomicAccess(t *testing.T) {
	cases := []struct {
		name string
		race bool
		main func()
	}{
		{"atomic add vs plain write", true, func() {
			var x int64
			join(2, func(i int) {
				if i == 0 {
					atomic.AddInt64(&x, 1)
				} else {
					model.Write(&x, 5, "x")
				}
			})
		}},
		{"atomic load vs plain write", true, func() {
			var x int32
			join(2, func(i int) {
				if i == 0 {
					atomic.LoadInt32(&x)
				} else {
					model.Write(&x, 5, "x")
				}
			})
		}},
		{"atomic store vs plain read", true, func() {
			var x uint64
			join(2, func(i int) {
				if i == 0 {
					atomic.StoreUint64(&x, 1)
				} else {
					model.Read(&x, "x")
				}
			})
		}},
		{"atomic loads vs plain read", false, func() {
			var x int64
			join(2, func(i int) {
				if i == 0 {
					atomic.LoadInt64(&x)
				} else {
					model.Read(&x, "x")
				}
			})
		}},
		{"plain write before the goroutines start", false, func() {
			var x int64
			model.Write(&x, 5, "x")
			join(2, func(int) { atomic.AddInt64(&x, 1) })
			model.Assert(atomic.LoadInt64(&x) == 7, "x = %d", x)
		}},
		{"plain read after an atomic handshake", false, func() {
			var x, flag int32
			join(2, func(i int) {
				if i == 0 {
					atomic.StoreInt32(&x, 1)
					atomic.StoreInt32(&flag, 1)
				} else if atomic.LoadInt32(&flag) == 1 {
					model.Read(&x, "x")
				}
			})
		}},
	}
	for _, c := range cases {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", c.name, m), func(t *testing.T) {
				res := explored(t, c.main, m, "")
				assert.Equal(t, explored(t, c.main, m, "dfs").Violations, res.Violations, "DPOR and DFS find the same kinds")
				if c.race {
					require.Equal(t, []model.Kind{model.DataRace}, res.Violations)
					assert.Contains(t, res.ByKind[model.DataRace].Violations()[0].Msg, "atomic", "the report says which access is atomic")
				} else {
					assert.Empty(t, res.Violations)
				}
			})
		}
	}
}

// On the counters with two goroutines, optimal DPOR finds what DFS finds
// (kinds and distinct outcomes) with one execution per trace.
func TestDPORAgreesWithDFSOnDropIns(t *testing.T) {
	for _, c := range counterMains {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", c.name, m), func(t *testing.T) {
				main := func() { c.main(2) }
				dfs := explored(t, main, m, "dfs")
				dpor := explored(t, main, m, "dpor")
				assert.Equal(t, dfs.Violations, dpor.Violations)
				assert.Equal(t, dfs.Stats.Outcomes, dpor.Stats.Outcomes)
				assert.Equal(t, dpor.Stats.Traces, dpor.Stats.Executions, "optimal DPOR: one execution per trace")
				assert.LessOrEqual(t, dpor.Stats.Executions, dfs.Stats.Executions)
			})
		}
	}
}

// Publication is beyond DFS here (two goroutines of ten steps each); DPOR
// still explores one execution per trace.
func TestDPORIsExactOnPublication(t *testing.T) {
	for _, plain := range []bool{false, true} {
		for _, m := range model.Memories {
			res := explored(t, publish(plain), m, "dpor")
			assert.Equal(t, res.Stats.Traces, res.Stats.Executions, "optimal DPOR: one execution per trace (%s)", m)
		}
	}
}
