package sync_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

func TestOnceRunsFOnce(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		res := search(t, func() {
			var once sync.Once
			var calls, v model.Shared[int]
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(func() {
					once.Do(func() {
						calls.Store(calls.Load() + 1)
						v.Store(42)
					})
					model.Assert(v.Load() == 42, "Do returned before f's writes were visible")
				})
			}
			wg.Wait()
			model.Assert(calls.Load() == 1, "f ran %d times", calls.Load())
		}, m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
}

// Assigning a zero Once between two calls gives it fresh state, as in Go.
func TestOnceResetBetweenCalls(t *testing.T) {
	res := search(t, func() {
		var once sync.Once
		calls := 0
		once.Do(func() { calls++ })
		once.Do(func() { calls++ })
		model.Assert(calls == 1, "f ran %d times before the reset", calls)
		once = sync.Once{}
		once.Do(func() { calls++ })
		model.Assert(calls == 2, "f ran %d times after the reset", calls)
	}, model.SC, "")
	assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
}

// A Once whose Do panics counts as done: later calls do not call f.
func TestOncePanicCountsAsDone(t *testing.T) {
	res := search(t, func() {
		var once sync.Once
		func() {
			defer func() { model.Assert(recover() == "boom", "Do did not pass f's panic on") }()
			once.Do(func() { panic("boom") })
		}()
		called := false
		once.Do(func() { called = true })
		model.Assert(!called, "Do called f again after f panicked")
	}, model.SC, "")
	assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
}

func TestOnceFuncValueValues(t *testing.T) {
	res := search(t, func() {
		calls := 0
		f := sync.OnceFunc(func() { calls++ })
		v := sync.OnceValue(func() int { calls++; return 7 })
		vs := sync.OnceValues(func() (string, error) { calls++; return "x", nil })
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				f()
				model.Assert(v() == 7, "OnceValue returned another value")
				s, err := vs()
				model.Assert(s == "x" && err == nil, "OnceValues returned %q, %v", s, err)
			})
		}
		wg.Wait()
		model.Assert(calls == 3, "the functions ran %d times in all", calls)
	}, model.SC, "")
	assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
}

// A panic in f re-panics, with the same value, on every call.
func TestOnceValuePanicRepanics(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		res := search(t, func() {
			calls := 0
			v := sync.OnceValue(func() int { calls++; panic(fmt.Sprint("boom ", calls)) })
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					for range 2 {
						func() {
							defer func() {
								r := recover()
								model.Assert(r == "boom 1", "call recovered %v", r)
							}()
							v()
						}()
					}
				})
			}
			wg.Wait()
			model.Assert(calls == 1, "f ran %d times", calls)
		}, m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
}

// A reset that lands inside Do (another goroutine assigns a zero Once
// while f runs) makes Do's deferred Unlock unlock the fresh mutex, which
// panics as Go's does.
func TestOnceResetInsideDoPanics(t *testing.T) {
	res := search(t, func() {
		var once sync.Once
		var running model.Shared[int]
		model.Go(func() {
			once.Do(func() {
				running.Store(1)
				running.Store(0)
			})
		})
		if running.Load() == 1 {
			once = sync.Once{}
		}
	}, model.SC, "")
	assert.Contains(t, res.Violations, model.Panic)
	assert.Contains(t, panicMessage(t, res), "sync: unlock of unlocked mutex")
}

// A reset that lands after a caller announced Do's first step (the load of
// the done flag) and before that step runs is seen by the load, as in Go,
// where the load reads the field the reset just zeroed: the caller finds
// the fresh Once not done and calls f. The caller starts before the reset
// goroutine, so it announces its load before any reset can run; the flag
// must be looked up when the load runs, not when it is announced, or the
// load reads the done flag of the Once the reset discarded and f never
// runs again. Both DPOR variants and DFS must reach it.
func TestOnceResetBeforeTheFlagLoadIsSeen(t *testing.T) {
	for _, strategy := range []string{"dfs", "source-dpor", "dpor"} {
		eachMemory(t, func(t *testing.T, m model.Memory) {
			res := search(t, func() {
				var once sync.Once
				once.Do(func() {})
				model.Go(func() {
					once.Do(func() { model.Assert(false, "f ran again after the reset") })
				})
				model.Go(func() {
					model.Opaque()
					once = sync.Once{}
				})
			}, m, strategy)
			assert.Equal(t, []model.Kind{model.Assertion}, res.Violations, strategy)
		})
	}
}
