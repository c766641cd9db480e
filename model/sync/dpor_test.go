package sync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// rwCache is an RWMutex-guarded lazy value read by two goroutines.
func rwCache() {
	var rw sync.RWMutex
	var v model.Shared[int]
	get := func() int {
		rw.RLock()
		x := v.Load()
		rw.RUnlock()
		if x != 0 {
			return x
		}
		rw.Lock()
		defer rw.Unlock()
		if v.Load() == 0 {
			v.Store(7)
		}
		return v.Load()
	}
	// No WaitGroup join: its Wait's two steps would multiply DFS's
	// executions here (1,649 to 28,365) for nothing this case checks.
	for range 2 {
		model.Go(func() { model.Assert(get() == 7, "wrong value") })
	}
}

// TestDPORAgreesWithDFSOnDropIns: both DPOR variants find the violation
// kinds and outcomes DFS finds, in no more executions, on programs built
// from the drop-ins.
func TestDPORAgreesWithDFSOnDropIns(t *testing.T) {
	progs := map[string]func(){
		"counter-locked":   counterMain(true),
		"counter-unlocked": counterMain(false),
		"publish-wait":     publishMain(true),
		"publish-nowait":   publishMain(false),
		"cond-signal-two":  waiters(2, (*sync.Cond).Signal),
		"cond-broadcast":   waiters(2, (*sync.Cond).Broadcast),
		"rw-cache":         rwCache,
		"pool": func() {
			var p sync.Pool
			model.Go(func() { p.Put(1) })
			model.Go(func() { p.Put(2) })
			model.Assert(p.Get() != 2, "got 2")
		},
		"trylock": func() {
			var mu sync.Mutex
			var n model.Shared[int]
			for range 2 {
				model.Go(func() {
					if mu.TryLock() {
						n.Store(n.Load() + 1)
						mu.Unlock()
					}
				})
			}
		},
	}
	for name, main := range progs {
		t.Run(name, func(t *testing.T) {
			eachMemory(t, func(t *testing.T, m model.Memory) {
				dfs := search(t, main, m, "dfs")
				for _, s := range []string{"source-dpor", "dpor"} {
					got := search(t, main, m, s)
					assert.Equal(t, dfs.Violations, got.Violations, s)
					assert.Equal(t, dfs.Stats.Outcomes, got.Stats.Outcomes, "%s: outcomes", s)
					assert.LessOrEqual(t, got.Stats.Executions, dfs.Stats.Executions, s)
				}
			})
		})
	}
}
