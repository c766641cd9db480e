package scheduler_test

import (
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// first always takes the first alternative: run the lowest enabled thread.
type first struct{}

func (first) Decide(*scheduler.Point) int { return 0 }

// lastDecider always takes the last alternative.
type lastDecider struct{}

func (lastDecider) Decide(p *scheduler.Point) int { return len(p.Alternatives) - 1 }

func kinds(vs []model.Violation) []model.Kind {
	var ks []model.Kind
	for _, v := range vs {
		ks = append(ks, v.Kind)
	}
	return ks
}

// lockOrderInversion: T0 locks a then b, T1 locks b then a.
func lockOrderInversion() model.Program {
	return model.Program{Name: "inversion", Build: func(w *model.World) []model.Body {
		a, b := model.NewMutex(w, "a"), model.NewMutex(w, "b")
		take := func(x, y model.Mutex) model.Body {
			return func(t *model.Thread) {
				x.Lock(t)
				y.Lock(t)
				y.Unlock(t)
				x.Unlock(t)
			}
		}
		return []model.Body{take(a, b), take(b, a)}
	}}
}

func TestLockOrderInversionDeadlocks(t *testing.T) {
	sched, err := scheduler.Parse("0.1")
	require.NoError(t, err)
	e, err := scheduler.Replay(lockOrderInversion(), sched, scheduler.Options{})
	require.NoError(t, err)
	assert.Equal(t, scheduler.Deadlocked, e.Status)
	require.Equal(t, []model.Kind{model.Deadlock}, kinds(e.Violations()))
	assert.Contains(t, e.Violations()[0].Msg, "T0 waits to lock b")
	assert.Contains(t, e.Violations()[0].Msg, "T1 waits to lock a")

	// Without the inversion's interleaving, no deadlock.
	e = scheduler.Run(lockOrderInversion(), first{}, scheduler.Options{})
	assert.Equal(t, scheduler.Finished, e.Status)
	assert.Empty(t, e.Violations())
}

func TestSpinningThreadHitsTheStepBound(t *testing.T) {
	prog := model.Program{Name: "spin", Build: func(w *model.World) []model.Body {
		flag := model.NewAtomic(w, "flag")
		return []model.Body{func(t *model.Thread) {
			for flag.Load(t) == 0 { // nobody ever sets flag
			}
		}}
	}}
	e := scheduler.Run(prog, first{}, scheduler.Options{MaxSteps: 50})
	assert.Equal(t, scheduler.StepBound, e.Status)
	assert.Equal(t, 50, e.Steps)
	assert.Contains(t, e.Message(), "spinning")
}

func TestSpinningInitThreadHitsTheStepBound(t *testing.T) {
	prog := model.Program{Name: "spin-init", Build: func(w *model.World) []model.Body {
		flag := model.NewAtomic(w, "flag")
		w.SetInit(func(t *model.Thread) {
			for flag.Load(t) == 0 {
			}
		})
		return []model.Body{func(*model.Thread) {}}
	}}
	e := scheduler.Run(prog, first{}, scheduler.Options{MaxSteps: 30})
	assert.Equal(t, scheduler.StepBound, e.Status)
}

func TestPanicIsAViolationNotACrash(t *testing.T) {
	prog := model.Program{Name: "panics", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) {
				x.Store(t, 1)
				panic("boom")
			},
			func(t *model.Thread) { x.Load(t) },
		}
	}}
	e := scheduler.Run(prog, first{}, scheduler.Options{NoRaces: true})
	assert.Equal(t, scheduler.Panicked, e.Status, "an unrecovered panic ends the execution, as in Go")
	assert.Len(t, e.World.Events(), 1, "T1 never ran")
	require.Equal(t, []model.Kind{model.Panic}, kinds(e.Violations()))
	v := e.Violations()[0]
	assert.Contains(t, v.Msg, "boom")
	assert.Contains(t, v.Stack, "run_test.go")
	assert.Equal(t, 0, v.Event, "the panic is attached to the thread's last step")
}

func TestUnlockOfAMutexNotHeldIsAPanicViolation(t *testing.T) {
	prog := model.Program{Name: "bad-unlock", Build: func(w *model.World) []model.Body {
		mu := model.NewMutex(w, "mu")
		return []model.Body{func(t *model.Thread) { mu.Unlock(t) }}
	}}
	e := scheduler.Run(prog, first{}, scheduler.Options{})
	require.Equal(t, []model.Kind{model.Panic}, kinds(e.Violations()))
	assert.Contains(t, e.Violations()[0].Msg, "unlock of mu, which is not locked")
}

func TestUnlockOfAReentrantMutexByAnotherThreadIsAPanicViolation(t *testing.T) {
	prog := model.Program{Name: "bad-runlock", Build: func(w *model.World) []model.Body {
		mu := model.NewRMutex(w, "mu")
		return []model.Body{func(t *model.Thread) { mu.Lock(t) }, func(t *model.Thread) { mu.Unlock(t) }}
	}}
	e := scheduler.Run(prog, first{}, scheduler.Options{})
	require.Equal(t, []model.Kind{model.Panic}, kinds(e.Violations()))
	assert.Contains(t, e.Violations()[0].Msg, "unlock of mu, which T1 does not hold")
}

func TestReplayRejectsSchedulesThatDoNotFit(t *testing.T) {
	tests := []struct {
		name, schedule string
		index          int
		msg            string
	}{
		{"thread out of range", "5", 0, "running thread 5 (the execution has threads 0 to 1 so far)"},
		{"blocked thread", "0.0.1", 2, "running thread 1 (it is blocked on lock b)"},
		{"finished thread", "0x4.0", 4, "running thread 0 (it has finished)"},
		{"choice where a thread runs", "c0", 0, "choice 0"},
		{"too few decisions", "0x4.1", 5, "the schedule has 5 decisions but the execution goes on"},
		{"too many decisions", "0x4.1x4.1", 8, "the execution ended (finished) after 8 decisions; the schedule has 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sched, err := scheduler.Parse(tc.schedule)
			require.NoError(t, err)
			_, err = scheduler.Replay(lockOrderInversion(), sched, scheduler.Options{})
			var me *scheduler.MismatchError
			require.True(t, errors.As(err, &me), "got %v", err)
			assert.Equal(t, tc.index, me.Index)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Contains(t, err.Error(), "at step")
		})
	}
}

func TestReplayDetectsANondeterministicModel(t *testing.T) {
	calls := 0 // state kept between executions: forbidden, and detected
	prog := model.Program{Name: "nondet", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{func(t *model.Thread) {
			calls++
			x.Store(t, model.Value(calls))
		}}
	}}
	_, err := scheduler.Replay(prog, scheduler.Schedule{{Kind: scheduler.ThreadDecision}}, scheduler.Options{})
	require.ErrorIs(t, err, scheduler.ErrNondeterministic)
	assert.Contains(t, err.Error(), "is the model deterministic?")
}

func TestReplayReproducesTheExecution(t *testing.T) {
	prog := lockOrderInversion()
	e := scheduler.Run(prog, lastDecider{}, scheduler.Options{})
	again, err := scheduler.Replay(prog, e.Schedule, scheduler.Options{})
	require.NoError(t, err)
	assert.True(t, scheduler.SameEvents(e.World.Events(), again.World.Events()))
	assert.Equal(t, e.Status, again.Status)
	assert.Equal(t, kinds(e.Violations()), kinds(again.Violations()))
}

// TestNoGoroutineOutlivesItsExecution runs executions that end in every way
// (finished, deadlocked, cut off, abandoned, panicked, with a body that
// recovers everything) and checks that their coroutines are gone.
func TestNoGoroutineOutlivesItsExecution(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	stubborn := model.Program{Name: "stubborn", Build: func(w *model.World) []model.Body {
		mu := model.NewMutex(w, "mu")
		x := model.NewVar(w, "x")
		body := func(t *model.Thread) {
			defer func() {
				r := recover() // swallows even the checker's unwinding...
				_ = r
				x.Load(t) // ...and tries to go on: it must still be unwound
			}()
			mu.Lock(t)
			x.Store(t, 1)
			if t.ID() == 1 {
				panic("boom")
			}
		}
		return []model.Body{body, body}
	}}
	progs := []model.Program{lockOrderInversion(), stubborn}
	before := runtime.NumGoroutine()
	for i := range n {
		prog := progs[i%len(progs)]
		var d scheduler.Decider = first{}
		if i%3 == 1 {
			d = lastDecider{}
		}
		opt := scheduler.Options{MaxSteps: 1 + i%5}
		e := scheduler.Run(prog, d, opt)
		require.NotNil(t, e)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines leaked by %d executions", n)
}
