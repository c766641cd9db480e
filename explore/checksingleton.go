package explore

import (
	"fmt"
	"reflect"

	"github.com/singlecheck/singlecheck/model"
)

// MaxSingletonThreads bounds WithThreads.
const MaxSingletonThreads = 16

// singletonOptions are the options of CheckSingleton's harness.
type singletonOptions struct {
	set        bool // some harness option was given
	harness    bool // the search is CheckSingleton's
	threads    int  // 0 if WithThreads was not given
	threadsSet bool
	reset      func()
	resetGiven bool // WithReset or WithOverlappingReset was given
	overlap    bool // the reset runs beside the first phase's callers
}

// WithThreads sets the number of goroutines CheckSingleton starts in each
// phase to call the getter (default 2, at most MaxSingletonThreads).
func WithThreads(n int) Option {
	return func(c *Config) { c.singleton.set, c.singleton.threads, c.singleton.threadsSet = true, n, true }
}

// WithReset gives CheckSingleton a test reset (a ResetForTests) to call
// between two phases of callers: after every caller of the first phase
// returned, and before the second phase starts. That is a new epoch
// (model.NewEpoch), so constructing again after it is not a
// multiple-construction; the second phase checks that the singleton works
// after the reset.
func WithReset(reset func()) Option {
	return func(c *Config) {
		c.singleton.set, c.singleton.resetGiven, c.singleton.reset, c.singleton.overlap = true, true, reset, false
	}
}

// WithOverlappingReset gives CheckSingleton a test reset that runs on a
// goroutine of its own beside the first phase's callers, as a fixture that
// resets a singleton while other goroutines use it does (the bug report's
// case). A construction after it in the same phase is a
// multiple-construction; a second phase, after every goroutine of the first
// returned, checks what state the reset left behind (a reset landing inside
// sync.Once.Do leaves later callers with nil).
func WithOverlappingReset(reset func()) Option {
	return func(c *Config) {
		c.singleton.set, c.singleton.resetGiven, c.singleton.reset, c.singleton.overlap = true, true, reset, true
	}
}

// CheckSingleton checks a singleton getter written in ordinary Go against
// the whole singleton contract. At the start of every execution it calls
// setup, on the main modelled goroutine, to build fresh state and get the
// getter; then it starts WithThreads goroutines that each call the getter
// once and obtain what it returns (model.Obtain), and waits for them. With
// WithReset or WithOverlappingReset, a second phase of as many callers
// follows the reset. t fails, with a counterexample, on:
// multiple-construction (a type the code marks with model.Constructed built
// twice in one phase), divergent-instances (two callers of one phase with
// different pointers), nil-instance, partial-init and reinitialization (for
// model classes), data races, deadlocks, panics and failed model.Assert.
//
// T must be a pointer type, or an interface type whose values are
// pointers: an instance is compared by identity (a non-pointer value
// obtained is a panic violation). The other options are Check's.
func CheckSingleton[T any](t TB, setup func() func() T, opts ...Option) *Result {
	t.Helper()
	var probe Config
	for _, o := range opts {
		o(&probe)
	}
	h := probe.singleton
	if !h.threadsSet {
		h.threads = 2
	}
	switch {
	case setup == nil:
		t.Fatalf("CheckSingleton: setup is nil: pass a function that builds fresh state and returns the getter")
		return nil
	case reflect.TypeFor[T]().Kind() != reflect.Pointer && reflect.TypeFor[T]().Kind() != reflect.Interface:
		t.Fatalf("CheckSingleton: the getter returns %v, not a pointer: a singleton's instance is compared by identity", reflect.TypeFor[T]())
		return nil
	case h.threads < 1 || h.threads > MaxSingletonThreads:
		t.Fatalf("CheckSingleton: WithThreads(%d): must be between 1 and %d", h.threads, MaxSingletonThreads)
		return nil
	case h.resetGiven && h.reset == nil:
		t.Fatalf("CheckSingleton: the reset is nil: pass the function that resets the singleton")
		return nil
	}
	opts = append(opts, func(c *Config) { c.singleton.harness = true })
	return Check(t, SingletonProgram(t.Name(), setup, h.threads, h.reset, h.overlap), opts...)
}

// SingletonProgram is the program CheckSingleton explores: setup, then a
// phase of n callers of the getter, and with a reset (overlapping the first
// phase's callers if overlap) a second phase. Without a reset, setup runs
// on the init thread and the callers are the program's workers, declared
// identical (they run the same code on the same state), so that symmetry
// reduction applies to them; with one, setup and the phases run on the
// main goroutine, which starts the callers of each phase (phase).
func SingletonProgram[T any](name string, setup func() func() T, n int, reset func(), overlap bool) model.Program {
	if reset == nil {
		return callersProgram(name, setup, n)
	}
	return FuncProgram(name, func() {
		get := setup()
		if get == nil {
			panic("CheckSingleton: setup returned a nil getter")
		}
		var beside func()
		if overlap {
			beside = reset
		}
		phase(get, n, 1, beside)
		if reset != nil {
			if !overlap {
				reset()
			}
			model.NewEpoch()
			phase(get, n, 2, nil)
		}
	})
}

// callersProgram is SingletonProgram without a reset: the init thread
// calls setup, whose steps happen before every caller's, and each of the n
// identical workers calls the getter once and obtains its result.
func callersProgram[T any](name string, setup func() func() T, n int) model.Program {
	return model.Program{Name: name, Implicit: true, Identical: true, Build: func(w *model.World) []model.Body {
		var get func() T
		w.SetInit(func(*model.Thread) {
			if get = setup(); get == nil {
				panic("CheckSingleton: setup returned a nil getter")
			}
		})
		callers := make([]model.Body, n)
		for i := range callers {
			callers[i] = func(*model.Thread) { model.Obtain(any(get())) }
		}
		return callers
	}}
}

// phase starts n goroutines that call get and obtain its result (and one
// that runs extra, if not nil), and waits until all of them returned: each
// sets an atomic flag (callerK.done, p2.callerK.done in the second phase)
// as it returns, and the main goroutine spin-waits on the flags. Code runs
// natively from one modelled step to the next, as part of the step before
// it, so the goroutine of extra starts with an opaque step (model.Opaque):
// a reset that makes no modelled operation (assignments of zero values,
// which the model does not see) is then tried between every two steps of
// the callers.
func phase[T any](get func() T, n, number int, extra func()) {
	self := model.Current()
	w := self.World()
	var done []model.Atomic
	start := func(name string, body func(), step bool) {
		flag := model.NewAtomic(w, fmt.Sprintf("%s.done", name))
		done = append(done, flag)
		model.Go(func() {
			if step {
				model.Opaque()
			}
			body()
			flag.Store(model.Current(), 1)
		})
	}
	prefix := ""
	if number > 1 {
		prefix = fmt.Sprintf("p%d.", number)
	}
	for i := range n {
		start(fmt.Sprintf("%scaller%d", prefix, i+1), func() { model.Obtain(any(get())) }, false)
	}
	if extra != nil {
		start(prefix+"reset", extra, true)
	}
	self.Spin(func() bool {
		for _, f := range done {
			if f.Load(self) == 0 {
				return false
			}
		}
		return true
	})
}
