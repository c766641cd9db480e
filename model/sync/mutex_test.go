package sync_test

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

func TestPrimitivesOutsideACheckedFunctionPanic(t *testing.T) {
	var (
		mu   sync.Mutex
		rw   sync.RWMutex
		wg   sync.WaitGroup
		once sync.Once
		m    sync.Map
		p    sync.Pool
	)
	c := sync.NewCond(&mu)
	for name, f := range map[string]func(){
		"Mutex.Lock":      mu.Lock,
		"Mutex.TryLock":   func() { mu.TryLock() },
		"RWMutex.RLock":   rw.RLock,
		"RWMutex.Lock":    rw.Lock,
		"WaitGroup.Add":   func() { wg.Add(1) },
		"WaitGroup.Wait":  wg.Wait,
		"Once.Do":         func() { once.Do(func() {}) },
		"Cond.Signal":     c.Signal,
		"Map.Load":        func() { m.Load(1) },
		"Pool.Get":        func() { p.Get() },
		"Pool.Put":        func() { p.Put(1) },
		"OnceFunc result": sync.OnceFunc(func() {}),
	} {
		assert.PanicsWithValue(t, model.ErrOutsideCheck, f, name)
	}
}

// counterMain has two goroutines increment a shared counter, under the
// mutex if locked, and main check it once both are done.
func counterMain(locked bool) func() {
	return func() {
		var (
			mu sync.Mutex
			wg sync.WaitGroup
			n  model.Shared[int]
		)
		for range 2 {
			wg.Go(func() {
				if locked {
					mu.Lock()
					defer mu.Unlock()
				}
				n.Store(n.Load() + 1)
			})
		}
		wg.Wait()
		model.Assert(n.Load() == 2, "lost update: n = %d", n.Load())
	}
}

func TestMutexExcludes(t *testing.T) {
	eachMemory(t, func(t *testing.T, m model.Memory) {
		res := search(t, counterMain(true), m, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
		// Without the mutex the same code races and loses an update.
		res = search(t, counterMain(false), m, "")
		assert.Contains(t, res.Violations, model.DataRace)
		assert.Contains(t, res.Violations, model.Assertion)
	})
}

func TestTryLock(t *testing.T) {
	t.Run("free-and-held", func(t *testing.T) {
		res := search(t, func() {
			var mu sync.Mutex
			model.Assert(mu.TryLock(), "TryLock of a free mutex failed")
			model.Assert(!mu.TryLock(), "TryLock of a held mutex succeeded")
			mu.Unlock()
			model.Assert(mu.TryLock(), "TryLock after Unlock failed")
		}, model.SC, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
	// Against a goroutine that holds the mutex for a while, TryLock fails
	// in some interleaving and succeeds in another; when it succeeds, it
	// excludes the other goroutine as Lock does.
	for _, c := range []struct {
		name       string
		failWanted bool
	}{{"can-fail", true}, {"can-succeed", false}} {
		t.Run(c.name, func(t *testing.T) {
			res := search(t, func() {
				var mu sync.Mutex
				var in model.Shared[int]
				model.Go(func() {
					mu.Lock()
					in.Store(1)
					in.Store(0)
					mu.Unlock()
				})
				ok := mu.TryLock()
				if ok {
					model.Assert(in.Load() == 0, "TryLock succeeded inside the other critical section")
					mu.Unlock()
				}
				model.Assert(ok == c.failWanted, "TryLock returned %v", ok)
			}, model.SC, "")
			assert.Equal(t, []model.Kind{model.Assertion}, res.Violations)
			ce := res.ByKind[model.Assertion]
			require.NotNil(t, ce)
			assert.Contains(t, ce.Execution.Violations()[0].Msg, "TryLock returned")
		})
	}
}

func TestMutexMisusePanicsAsGo(t *testing.T) {
	res := search(t, func() {
		var mu sync.Mutex
		mu.Unlock()
	}, model.SC, "")
	assert.Equal(t, []model.Kind{model.Panic}, res.Violations)
	assert.Contains(t, panicMessage(t, res), "sync: unlock of unlocked mutex (Mutex.Unlock of Mutex@")
}

func TestRWMutex(t *testing.T) {
	t.Run("readers-share", func(t *testing.T) {
		// Two readers hold the lock at once: each waits, holding it, for
		// the other to have taken it.
		res := search(t, func() {
			var rw sync.RWMutex
			var both, done sync.WaitGroup
			both.Add(2)
			for range 2 {
				done.Go(func() {
					rw.RLock()
					both.Done()
					both.Wait()
					rw.RUnlock()
				})
			}
			done.Wait()
		}, model.SC, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
	t.Run("writer-excludes", func(t *testing.T) {
		eachMemory(t, func(t *testing.T, m model.Memory) {
			res := search(t, func() {
				var rw sync.RWMutex
				var x model.Shared[int]
				var wg sync.WaitGroup
				wg.Go(func() {
					rw.Lock()
					x.Store(1)
					x.Store(2)
					rw.Unlock()
				})
				wg.Go(func() {
					rw.RLock()
					v := x.Load()
					model.Assert(v != 1, "a reader saw the writer's intermediate state")
					rw.RUnlock()
				})
				wg.Wait()
			}, m, "")
			assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
		})
	})
	t.Run("recursive-read-lock-deadlocks-behind-a-writer", func(t *testing.T) {
		reader := func(rw *sync.RWMutex) {
			rw.RLock()
			rw.RLock()
			rw.RUnlock()
			rw.RUnlock()
		}
		res := search(t, func() {
			var rw sync.RWMutex
			model.Go(func() { reader(&rw) })
			model.Go(func() { rw.Lock(); rw.Unlock() })
		}, model.SC, "")
		assert.Equal(t, []model.Kind{model.Deadlock}, res.Violations)
		// Without the writer the recursion is harmless.
		res = search(t, func() {
			var rw sync.RWMutex
			model.Go(func() { reader(&rw) })
			model.Go(func() { reader(&rw) })
		}, model.SC, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
	t.Run("try", func(t *testing.T) {
		res := search(t, func() {
			var rw sync.RWMutex
			model.Assert(rw.TryRLock(), "TryRLock of a free RWMutex failed")
			model.Assert(!rw.TryLock(), "TryLock succeeded while read-locked")
			model.Assert(rw.TryRLock(), "a second TryRLock failed")
			rw.RUnlock()
			rw.RUnlock()
			model.Assert(rw.TryLock(), "TryLock of a free RWMutex failed")
			model.Assert(!rw.TryRLock(), "TryRLock succeeded while write-locked")
			rw.Unlock()
			l := rw.RLocker()
			l.Lock()
			model.Assert(!rw.TryLock(), "TryLock succeeded while RLocker holds")
			l.Unlock()
		}, model.SC, "")
		assert.Equal(t, explore.Safe, res.Verdict, "%v", res.Violations)
	})
	for name, c := range map[string]struct {
		misuse func(*sync.RWMutex)
		msg    string
	}{
		"runlock": {(*sync.RWMutex).RUnlock, "sync: RUnlock of unlocked RWMutex"},
		"unlock":  {(*sync.RWMutex).Unlock, "sync: Unlock of unlocked RWMutex"},
	} {
		t.Run("misuse-"+name, func(t *testing.T) {
			res := search(t, func() {
				var rw sync.RWMutex
				c.misuse(&rw)
			}, model.SC, "")
			assert.Equal(t, []model.Kind{model.Panic}, res.Violations)
			assert.Contains(t, panicMessage(t, res), c.msg)
		})
	}
}

func TestCopiedMutexPanics(t *testing.T) {
	res := search(t, func() {
		var mu sync.Mutex
		mu.Lock()
		mu.Unlock()
		cp := &sync.Mutex{}
		reflect.ValueOf(cp).Elem().Set(reflect.ValueOf(&mu).Elem()) // a copy go vet would flag
		cp.Lock()
	}, model.SC, "")
	assert.Contains(t, panicMessage(t, res), "sync: Mutex copied after first use")
}
