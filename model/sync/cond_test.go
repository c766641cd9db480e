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

// fifoWaiters has n goroutines take their place in line under mu and wait
// on c once; main waits (on a second Cond) until all n are in line, then
// wakes them with wakes calls of wake, each in its own critical section,
// counting them in sent. A waiter asserts that it returns only once the
// wakeups sent outnumber its place: the k-th Signal wakes the k-th waiter
// in line (Go's FIFO ticket order), whatever order they then retake mu in.
func fifoWaiters(n, wakes int, wake func(*sync.Cond)) func() {
	return func() {
		var mu sync.Mutex
		c, ready := sync.NewCond(&mu), sync.NewCond(&mu)
		var inLine, sent model.Shared[int]
		for range n {
			model.Go(func() {
				mu.Lock()
				place := inLine.Load()
				inLine.Store(place + 1)
				ready.Signal()
				c.Wait()
				model.Assert(sent.Load() > place, "waiter %d in line woke after %d wakeups", place, sent.Load())
				mu.Unlock()
			})
		}
		mu.Lock()
		for inLine.Load() < n {
			ready.Wait()
		}
		mu.Unlock()
		for range wakes {
			mu.Lock()
			sent.Store(sent.Load() + 1)
			wake(c)
			mu.Unlock()
		}
	}
}

// TestCondSignalWakesTheLongestWaiter: with two waiters in line and two
// Signals, neither returns before the Signal of its place, in any
// interleaving, and both return (a Signal that woke the newest waiter
// would let the second in line return after one); one Broadcast wakes
// both at once, so the second returns after one wakeup (which shows the
// assertion can fail); one Signal leaves the second asleep.
func TestCondSignalWakesTheLongestWaiter(t *testing.T) {
	for _, c := range []struct {
		name  string
		wakes int
		wake  func(*sync.Cond)
		want  []model.Kind
	}{
		{"two-signals", 2, (*sync.Cond).Signal, nil},
		{"one-broadcast", 1, (*sync.Cond).Broadcast, []model.Kind{model.Assertion}},
		{"one-signal", 1, (*sync.Cond).Signal, []model.Kind{model.Deadlock}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := search(t, fifoWaiters(2, c.wakes, c.wake), model.SC, "")
			assert.Equal(t, c.want, res.Violations)
			if c.want == nil {
				assert.Equal(t, explore.Safe, res.Verdict)
			}
		})
	}
}
