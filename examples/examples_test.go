package examples_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/examples/dclpool"
	"github.com/singlecheck/singlecheck/examples/onceconfig"
	"github.com/singlecheck/singlecheck/examples/oncevalue"
	"github.com/singlecheck/singlecheck/examples/rwcache"
	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// example is one singleton of this directory as CheckSingleton drives it:
// setup gives fresh state (the package's own reset, or a new value) and
// the getter; reset, if set, runs beside the first phase's callers.
type example struct {
	name  string
	setup func() func() any
	reset func()
	// threads is the number of callers in each phase.
	threads int
	// want is the violation kinds an exhaustive search finds, per memory
	// model (nil: safe).
	want map[model.Memory][]model.Kind
}

func anyGetter[T any](get func() T) func() any { return func() any { return get() } }

var everywhere = func(ks ...model.Kind) map[model.Memory][]model.Kind {
	return map[model.Memory][]model.Kind{model.SC: ks, model.TSO: ks, model.PSO: ks}
}

func onceSetup() func() any { onceconfig.ResetForTests(); return anyGetter(onceconfig.Get) }

var examples = []example{
	{"onceconfig", onceSetup, nil, 2, nil},
	// One caller beside the reset: a reset landing inside its Once.Do
	// zeroes the mutex Do holds, so Do's deferred Unlock unlocks the zeroed
	// mutex, which panics (in Go a fatal error). Landing anywhere else it
	// is harmless: cfg is read natively right after Do's last step, so no
	// reset falls between them. (Before each drop-in looked its state up
	// when its step ran, the Unlock announced before the reset unlocked
	// the discarded mutex and the caller went on to return the reset's nil:
	// a nil-instance Go cannot reach with one caller.)
	{"onceconfig with an overlapping ResetForTests", onceSetup, onceconfig.ResetForTests, 1, everywhere(model.Panic)},
	{"dclpool", func() func() any { dclpool.ResetForTests(); return anyGetter(dclpool.Get) }, nil, 2, nil},
	{"oncevalue", func() func() any { return anyGetter(oncevalue.New()) }, nil, 2, nil},
	{"rwcache", func() func() any { c := &rwcache.Cache{}; return anyGetter(c.Get) }, nil, 2, nil},
}

// TestExampleVerdicts: every example under every memory model, searched
// exhaustively by optimal DPOR, which explores one execution per trace
// without symmetry reduction; with it (the callers of an example without a
// reset are identical workers), the verdict is the same. The README's
// table of these verdicts is this table.
func TestExampleVerdicts(t *testing.T) {
	for _, ex := range examples {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", ex.name, m), func(t *testing.T) {
				res, err := explore.Explore(context.Background(), singletonOf(ex), explore.Config{Memory: m, NoSymmetry: true})
				require.NoError(t, err)
				require.True(t, res.Complete, res.Reason)
				assert.Equal(t, ex.want[m], res.Violations)
				assert.Equal(t, res.Stats.Traces, res.Stats.Executions, "optimal DPOR: one execution per trace")
				assert.Zero(t, res.Stats.SleepBlocked)
				sym, err := explore.Explore(context.Background(), singletonOf(ex), explore.Config{Memory: m})
				require.NoError(t, err)
				require.True(t, sym.Complete, sym.Reason)
				assert.Equal(t, ex.want[m], sym.Violations, "with symmetry")
				assert.LessOrEqual(t, sym.Stats.Traces, res.Stats.Traces, "with symmetry: one trace per orbit at most")
			})
		}
	}
}

// singletonOf is the program CheckSingleton explores for ex.
func singletonOf(ex example) model.Program {
	return explore.SingletonProgram(ex.name, func() func() any { return ex.setup() }, ex.threads, ex.reset, true)
}

// The safe examples pass CheckSingleton as a test would call it, under
// every memory model, with three callers.
func TestSafeExamplesAreSingletons(t *testing.T) {
	for _, ex := range examples {
		if ex.want != nil {
			continue
		}
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", ex.name, m), func(t *testing.T) {
				res := explore.CheckSingleton(t, ex.setup, explore.WithThreads(3), explore.WithMemory(m))
				require.NotNil(t, res)
				assert.Equal(t, explore.Safe, res.Verdict)
			})
		}
	}
}

// The stress test a developer would write (goroutines call Get, then the
// pointers are compared), run by CheckFunc over every interleaving instead
// of by the real scheduler: it passes on the safe examples.
func TestStressTestsUnderCheckFunc(t *testing.T) {
	for _, ex := range examples {
		if ex.want != nil {
			continue
		}
		t.Run(ex.name, func(t *testing.T) {
			explore.CheckFunc(t, func() {
				get := ex.setup()
				var wg sync.WaitGroup
				got := make([]any, 3)
				for i := range got {
					wg.Go(func() { got[i] = get() })
				}
				wg.Wait()
				for i, g := range got {
					model.Assert(g != nil && g == got[0], "caller %d got %v, caller 0 got %v", i, g, got[0])
				}
			})
		})
	}
}
