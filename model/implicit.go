package model

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Ordinary Go code does not pass a *Thread around: the drop-in packages
// (model/sync, model/sync/atomic), the generic accessors of external.go and
// instrumented packages find the modelled thread that is running now with
// Current. The scheduler runs the threads of an execution one at a time, so
// "the running thread" is one variable; executions of programs that use it
// (Program.Implicit) therefore run one at a time in a process, which the
// driver ensures (Driver.Enter). Programs written against *Thread do not
// use it and run concurrently with anything.

var (
	implicitMu sync.Mutex             // held by the driver of an implicit execution
	current    atomic.Pointer[Thread] // the running thread of that execution, or nil
	started    goroutineCount         // the process's goroutines when it began (unmanaged.go)
)

// ErrOutsideCheck is the panic value of a drop-in primitive used outside a
// checked function: there is no modelled thread to perform it.
var ErrOutsideCheck = fmt.Errorf("singlecheck: a modelled primitive (model/sync, model/sync/atomic, " +
	"model.Go, model.Read, …) was used outside a checked function: run the code with " +
	"explore.CheckFunc or explore.CheckSingleton (or singlecheck test), which call it on a " +
	"modelled goroutine; a real go statement inside checked code does not start one: use model.Go")

// Current is the modelled thread running now. It panics with
// ErrOutsideCheck when no implicit execution is running on this goroutine's
// behalf. Called on a goroutine that checked code started with a go
// statement, it records that in the execution (World.Unmanaged) and ends
// the goroutine (see unmanaged.go).
func Current() *Thread {
	t := current.Load()
	if t == nil {
		if strays.Load() > 0 {
			runtime.Goexit() // an unmanaged goroutine already reported
		}
		panic(ErrOutsideCheck)
	}
	if t.g.Load() != goroutineID() {
		unmanagedUse(t)
	}
	if t.done {
		panic(ErrOutsideCheck)
	}
	return t
}

// Enter starts an implicit execution: it waits for any other one in the
// process to end. Call Exit when the execution ends.
func (d *Driver) Enter() {
	implicitMu.Lock()
	d.w.implicit = true
	started = countGoroutines()
}

// Exit ends an implicit execution started with Enter, once its threads'
// coroutines have ended: it records in the World a goroutine that checked
// code started with a go statement and that is still running.
func (d *Driver) Exit() {
	// Current still names the last thread: an unmanaged goroutine that
	// uses a primitive until the check ends is caught as during the
	// execution; after it, it ends quietly (strays).
	d.w.checkStrays(started)
	current.Store(nil)
	implicitMu.Unlock()
}

// Resuming tells an implicit execution that thread t is about to run (its
// coroutine is resumed): Current returns it until the next Resuming.
func (d *Driver) Resuming(t *Thread) {
	current.Store(t)
	d.w.locMark, d.w.marking = len(d.w.locs), true
}

// Go starts fn on a new modelled goroutine, as a go statement does (see
// Thread.Go for its order and identity).
func Go(fn func()) {
	Current().Go(func(*Thread) { fn() })
}

// Assert records an assertion violation, with the message format and args
// give, if ok is false (see Thread.Assert).
func Assert(ok bool, format string, args ...any) {
	Current().Assert(ok, format, args...)
}
