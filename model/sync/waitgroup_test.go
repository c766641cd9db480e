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
