package sync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// waiters has n goroutines wait on a Cond for a flag, and main set it and
// wake them with wake (nil: no wakeup at all).
func waiters(n int, wake func(*sync.Cond)) func() {
	return func() {
		var mu sync.Mutex
		c := sync.NewCond(&mu)
		var ready model.Shared[bool]
		for range n {
			model.Go(func() {
				mu.Lock()
				for !ready.Load() {
					c.Wait()
				}
				mu.Unlock()
			})
		}
		mu.Lock()
		ready.Store(true)
		if wake != nil {
			wake(c)
		}
		mu.Unlock()
	}
}

func TestCond(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int
		wake func(*sync.Cond)
		want []model.Kind
	}{
		{"signal-one-waiter", 1, (*sync.Cond).Signal, nil},
		{"no-wakeup", 1, nil, []model.Kind{model.Deadlock}},
		{"signal-two-waiters", 2, (*sync.Cond).Signal, []model.Kind{model.Deadlock}},
		{"broadcast-two-waiters", 2, (*sync.Cond).Broadcast, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			eachMemory(t, func(t *testing.T, m model.Memory) {
				res := search(t, waiters(c.n, c.wake), m, "")
				assert.Equal(t, c.want, res.Violations)
				if c.want == nil {
					assert.Equal(t, explore.Safe, res.Verdict)
				}
			})
		})
	}
}
