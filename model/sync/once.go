package sync

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// Once is an object that performs exactly one action, built as Go's
// sync.Once is: an atomic done flag, read on the fast path, and a Mutex
// under which the slow path checks the flag again, calls f, and sets the
// flag (deferred, so that a panicking f counts as returned). Each of
// those is a step the checker explores, so code built on Once is checked,
// not assumed. The flag and the mutex are looked up in o at each step, as
// Go reads its fields (the flag when its load or store runs, so that a
// reset landing between a goroutine's entry into Do and its load of the
// flag is seen by the load): assigning a zero Once to o while a Do is running
// (a test reset) has the effects it has in Go, including the Unlock of
// the reset mutex, which panics ("sync: unlock of unlocked mutex").
//
// Differences from Go's: a Once copied after first use panics.
type Once struct {
	done *state[model.Atomic]
	m    Mutex
}

func newFlag(w *model.World, name string) model.Atomic { return model.NewAtomic(w, name+".done") }

// flag is the done flag of t's next operation, a load or store of it,
// which looks the flag up in o when it runs (stateAtStep).
func (o *Once) flag(t *model.Thread) model.Atomic {
	return stateAtStep(t, &o.done, unsafe.Pointer(o), "Once", newFlag)
}

// Do calls f if and only if Do is being called for the first time for
// this instance of Once. No call to Do returns until the one call to f
// has returned; if f panics, Do considers it to have returned.
func (o *Once) Do(f func()) {
	t := model.Current()
	if o.flag(t).Load(t) == 0 {
		o.doSlow(t, f)
	}
}

func (o *Once) doSlow(t *model.Thread, f func()) {
	o.m.Lock()
	defer o.m.Unlock()
	if o.flag(t).Load(t) == 0 {
		defer func() { o.flag(t).Store(t, 1) }()
		f()
	}
}

// OnceFunc returns a function that invokes f only once. The returned
// function may be called concurrently. If f panics, the returned function
// panics with the same value on every call.
func OnceFunc(f func()) func() {
	var (
		once  Once
		ok    bool
		value any
	)
	run := func() {
		defer func() {
			if !ok {
				value = recover() // the checker's own unwinding too, re-panicked
				panic(value)
			}
		}()
		f()
		f = nil
		ok = true
	}
	return func() {
		once.Do(run)
		if !ok {
			panic(value)
		}
	}
}

// OnceValue returns a function that invokes f only once and returns the
// value returned by f. If f panics, the returned function panics with the
// same value on every call.
func OnceValue[T any](f func() T) func() T {
	var result T
	g := OnceFunc(func() { result = f() })
	return func() T {
		g()
		return result
	}
}

// OnceValues returns a function that invokes f only once and returns the
// values returned by f. If f panics, the returned function panics with
// the same value on every call.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		r1 T1
		r2 T2
	)
	g := OnceFunc(func() { r1, r2 = f() })
	return func() (T1, T2) {
		g()
		return r1, r2
	}
}
