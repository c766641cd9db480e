package sync_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// A test reset assigns zero values to primitives while goroutines use
// them. Go reads a primitive's fields when an operation runs, so an
// operation that a goroutine announced before the reset and that runs
// after it acts on the zeroed primitive. Each case below starts the user
// before the reset goroutine, so its operation is announced before any
// reset can run; looking the state up at the announcement instead would
// act on the discarded primitive and miss (or invent) what the case
// asserts. Every strategy must agree under every memory model.

// resetCase is a program and the violation kinds its exhaustive search
// finds.
type resetCase struct {
	name string
	main func()
	want []model.Kind
}

var resetCases = []resetCase{
	{
		// The main goroutine holds the mutex for good; a Lock that runs
		// after the reset finds the zeroed mutex free and takes it.
		name: "Lock after a reset takes the zeroed mutex",
		main: func() {
			var mu sync.Mutex
			mu.Lock()
			model.Go(func() {
				mu.Lock()
				model.Assert(false, "locked the mutex that was reset")
			})
			model.Go(func() {
				model.Opaque()
				mu = sync.Mutex{}
			})
		},
		want: []model.Kind{model.Assertion},
	},
	{
		// An Unlock that runs after the reset unlocks the zeroed mutex,
		// which panics as Go's does ("sync: unlock of unlocked mutex"),
		// and never otherwise.
		name: "Unlock after a reset panics",
		main: func() {
			var mu sync.Mutex
			model.Go(func() {
				mu.Lock()
				mu.Unlock()
			})
			model.Go(func() {
				model.Opaque()
				mu = sync.Mutex{}
			})
		},
		want: []model.Kind{model.Panic},
	},
	{
		// Both steps of a write Lock find the zeroed RWMutex: a reader
		// holding the old one does not keep the writer out.
		name: "RWMutex Lock after a reset ignores the old readers",
		main: func() {
			var rw sync.RWMutex
			rw.RLock()
			model.Go(func() {
				rw.Lock()
				model.Assert(false, "write-locked while the old reader holds on")
			})
			model.Go(func() {
				model.Opaque()
				rw = sync.RWMutex{}
			})
		},
		want: []model.Kind{model.Assertion},
	},
	{
		// A Wait that runs after the reset finds the zeroed counter and
		// returns, though the old WaitGroup still waits for a Done; one
		// that took its round before the reset sleeps on the old group
		// for good, as a Go waiter parked on its semaphore does.
		name: "Wait after a reset sees the zeroed counter",
		main: func() {
			var wg sync.WaitGroup
			wg.Add(1)
			model.Go(func() {
				wg.Wait()
				model.Assert(false, "Wait returned without a Done")
			})
			model.Go(func() {
				model.Opaque()
				wg = sync.WaitGroup{}
			})
		},
		want: []model.Kind{model.Assertion, model.Deadlock},
	},
	{
		// A Load that runs after the reset reads the zeroed map.
		name: "Map Load after a reset reads the zeroed map",
		main: func() {
			var m sync.Map
			m.Store("k", 1)
			model.Go(func() {
				_, ok := m.Load("k")
				model.Assert(ok, "the key is gone")
			})
			model.Go(func() {
				model.Opaque()
				m = sync.Map{}
			})
		},
		want: []model.Kind{model.Assertion},
	},
}

func TestOperationsAnnouncedBeforeAResetSeeIt(t *testing.T) {
	for _, c := range resetCases {
		t.Run(c.name, func(t *testing.T) {
			for _, strategy := range []string{"dfs", "source-dpor", "dpor"} {
				eachMemory(t, func(t *testing.T, m model.Memory) {
					res := search(t, c.main, m, strategy)
					assert.ElementsMatch(t, c.want, res.Violations, strategy)
				})
			}
		})
	}
}
