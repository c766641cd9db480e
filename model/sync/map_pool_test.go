package sync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// Get explores both the value Put earlier and none (then New).
func TestPoolGetExploresEveryValueAndNone(t *testing.T) {
	for _, forbid := range []string{"put", "new"} {
		t.Run("reaches-"+forbid, func(t *testing.T) {
			res := search(t, func() {
				p := sync.Pool{New: func() any { return "new" }}
				p.Put("put")
				v := p.Get()
				model.Assert(v != forbid, "Get returned %v", v)
			}, model.SC, "")
			assert.Equal(t, []model.Kind{model.Assertion}, res.Violations)
			assert.Equal(t, 2, res.Stats.Executions)
		})
	}
	t.Run("taken-once", func(t *testing.T) {
		res := search(t, func() {
			var p sync.Pool
			p.Put(1)
			a, b := p.Get(), p.Get()
			model.Assert(a == nil || b == nil, "one value put, two taken: %v, %v", a, b)
		}, model.SC, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
		assert.Equal(t, 3, res.Stats.Executions, "first Get takes it (then the second gets none), or not (then the second may)")
	})
}

func TestMapMethods(t *testing.T) {
	res := search(t, func() {
		var m sync.Map
		check := func(ok bool, what string) { model.Assert(ok, "%s", what) }
		_, ok := m.Load("a")
		check(!ok, "Load of an empty map")
		m.Store("a", 1)
		v, ok := m.Load("a")
		check(ok && v == 1, "Load after Store")
		v, loaded := m.LoadOrStore("a", 2)
		check(loaded && v == 1, "LoadOrStore of a present key")
		v, loaded = m.LoadOrStore("b", 2)
		check(!loaded && v == 2, "LoadOrStore of an absent key")
		v, loaded = m.Swap("a", 3)
		check(loaded && v == 1, "Swap")
		check(!m.CompareAndSwap("a", 1, 4), "CompareAndSwap with a stale old value")
		check(m.CompareAndSwap("a", 3, 4), "CompareAndSwap")
		check(!m.CompareAndDelete("a", 3), "CompareAndDelete with a stale old value")
		var keys []any
		m.Range(func(k, _ any) bool { keys = append(keys, k); return true })
		check(len(keys) == 2 && keys[0] == "a" && keys[1] == "b", "Range in store order")
		check(m.CompareAndDelete("a", 4), "CompareAndDelete")
		v, loaded = m.LoadAndDelete("b")
		check(loaded && v == 2, "LoadAndDelete")
		m.Store("c", 5)
		m.Delete("c")
		_, ok = m.Load("c")
		check(!ok, "Load after Delete")
		m.Store("d", 6)
		m.Clear()
		n := 0
		m.Range(func(_, _ any) bool { n++; return true })
		check(n == 0, "Range after Clear")
	}, model.SC, "")
	assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
}

// Two goroutines LoadOrStore one key: one stores, both get its value, and
// the value's writes happen before the other's load.
func TestMapLoadOrStoreAgrees(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		res := search(t, func() {
			var mp sync.Map
			var wg sync.WaitGroup
			got := make([]any, 2)
			stored := make([]bool, 2)
			for i := range 2 {
				wg.Go(func() {
					var v model.Shared[int]
					v.Store(i + 1)
					actual, loaded := mp.LoadOrStore("k", &v)
					got[i], stored[i] = actual, !loaded
					model.Assert(actual.(*model.Shared[int]).Load() != 0, "the stored value's write is not visible")
				})
			}
			wg.Wait()
			model.Assert(got[0] == got[1], "the two callers got different values")
			model.Assert(stored[0] != stored[1], "stored by %v", stored)
		}, m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
}
