package sync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// publishMain has two goroutines write a shared variable each and main
// read both, after Wait if wait.
func publishMain(wait bool) func() {
	return func() {
		var wg sync.WaitGroup
		var x, y model.Shared[int]
		wg.Add(1)
		model.Go(func() { x.Store(1); wg.Done() })
		wg.Go(func() { y.Store(1) })
		if wait {
			wg.Wait()
		}
		model.Assert(x.Load()+y.Load() == 2, "a write is not visible after Wait")
	}
}

func TestWaitGroupWaitSeesTheWritesBeforeDone(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		res := search(t, publishMain(true), m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
		res = search(t, publishMain(false), m, "")
		assert.Contains(t, res.Violations, model.DataRace)
		assert.Contains(t, res.Violations, model.Assertion)
	})
}

func TestWaitGroupNegativeCounterPanics(t *testing.T) {
	res := search(t, func() {
		var wg sync.WaitGroup
		wg.Add(1)
		wg.Done()
		wg.Done()
	}, model.SC, "")
	assert.Equal(t, []model.Kind{model.Panic}, res.Violations)
	assert.Contains(t, panicMessage(t, res), "sync: negative WaitGroup counter (Add(-1) on WaitGroup@")
}

func TestWaitGroupWaitWithoutDoneDeadlocks(t *testing.T) {
	res := search(t, func() {
		var wg sync.WaitGroup
		wg.Add(2)
		model.Go(wg.Done)
		wg.Wait()
	}, model.SC, "")
	assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations)
}

// reuse has main wait for one goroutine, which calls Done and then, if
// again, starts a new round with Add(1) and ends it; returned counts the
// executions whose Wait returned.
func reuse(again bool, returned *int) func() {
	return func() {
		var wg sync.WaitGroup
		wg.Add(1)
		model.Go(func() {
			wg.Done()
			if again {
				wg.Add(1)
				wg.Done()
			}
		})
		wg.Wait()
		*returned++
	}
}

// TestWaitGroupReusedBeforeWaitReturnsPanics: an Add that starts a new
// round after the Done that woke a waiting Wait, before the Wait returns,
// panics with Go's message; a Wait that finds the counter at zero, or that
// returns before the Add, does not, and a WaitGroup used for one round
// never panics.
func TestWaitGroupReusedBeforeWaitReturnsPanics(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		returned := 0
		res := search(t, reuse(true, &returned), m, "dfs")
		assert.Equal(t, []model.Kind{model.Panic}, res.Violations)
		assert.Contains(t, panicMessage(t, res), "sync: WaitGroup is reused before previous Wait has returned (WaitGroup@")
		assert.Positive(t, returned, "no Wait returned: some return before the Add or find the counter at zero")
		assert.Less(t, returned, res.Stats.Executions, "no execution panicked")
		for _, s := range []string{"source-dpor", "dpor"} {
			got := search(t, reuse(true, &returned), m, s)
			assert.Equal(t, res.Violations, got.Violations, s)
		}
		res = search(t, reuse(false, &returned), m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
}
