package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
)

// A goroutine that checked code starts with a real go statement is not
// modelled: the scheduler neither runs it as a coroutine nor sees its
// steps. It is caught two ways, so that it is reported whatever it does
// and whenever it runs:
//
//   - At its first use of a modelled primitive: Current compares the
//     calling goroutine with the one the running modelled thread runs on
//     (goroutineID, a few nanoseconds per step). The unmanaged goroutine
//     records the use in the World and ends with runtime.Goexit, before it
//     touches any model state: the execution it would have corrupted goes
//     on, and the search reports the error (World.Unmanaged).
//   - Alive when the execution ends: every modelled goroutine of an
//     implicit execution carries a profiler label, which a go statement
//     passes on to the goroutine it starts. When the process created more
//     goroutines during the execution than the execution's own
//     coroutines, Exit looks for a live goroutine with that label in the
//     goroutine profile.
//
// A goroutine so reported that later uses a primitive outside any
// execution ends quietly (Goexit) rather than crashing the process with
// ErrOutsideCheck: its error is already reported. While such goroutines
// may be alive (strays), every implicit execution reads the profile at
// its end, which counts them again: once none is left, executions are
// back to the cheap check.

// ErrUnmanagedGoroutine is wrapped by the error of an execution in which
// checked code started a goroutine with a go statement (World.Unmanaged).
var ErrUnmanagedGoroutine = errors.New("checked code started a goroutine with a go statement, which the checker " +
	"does not schedule: its steps would run outside the model, unexplored and mistaken for another goroutine's; " +
	"start it with model.Go(func() { ... }) or with the WaitGroup.Go of model/sync (singlecheck test rewrites " +
	"go statements itself)")

// modelledLabels is the profiler label of the goroutines of implicit
// executions.
var modelledLabels = pprof.WithLabels(context.Background(), pprof.Labels("singlecheck", "modelled"))

// strays is the number of unmanaged goroutines the last profile found
// alive, at least 1 after one was caught using a primitive: while it is
// not 0, a reported unmanaged goroutine may still be running.
var strays atomic.Int64

// Unmanaged is the error of an execution in which checked code started a
// goroutine with a go statement (wrapping ErrUnmanagedGoroutine), or nil.
func (w *World) Unmanaged() error {
	if msg := w.unmanaged.Load(); msg != nil {
		return fmt.Errorf("%s: %w", *msg, ErrUnmanagedGoroutine)
	}
	return nil
}

// unmanagedUse is called on an unmanaged goroutine that uses a modelled
// primitive while t runs: it records the use in t's World and ends the
// goroutine.
func unmanagedUse(t *Thread) {
	msg := "a goroutine that is not modelled used a modelled primitive" + callSite() +
		" while " + t.Name() + " was running"
	t.w.unmanaged.CompareAndSwap(nil, &msg)
	strays.CompareAndSwap(0, 1)
	runtime.Goexit()
}

// callSite is " at file:line" of the first caller outside the model
// packages, or "".
func callSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "github.com/singlecheck/singlecheck/model") {
			return fmt.Sprintf(" at %s:%d", f.File, f.Line)
		}
		if !more {
			return ""
		}
	}
}

// labelModelled marks the running goroutine, t's coroutine, as modelled
// (for implicit executions; see above).
func (t *Thread) labelModelled() {
	t.g.Store(goroutineID())
	if t.w.implicit {
		pprof.SetGoroutineLabels(modelledLabels)
	}
}

// goroutineCount is what checkStrays compares at an execution's end with
// its beginning: the goroutines alive and, if the runtime counts them, the
// goroutines created since the process started.
type goroutineCount struct {
	alive   int
	created uint64
	counted bool // created is known
}

// createdMetric counts the goroutines created since the process started
// (runtime/metrics, Go 1.26).
const createdMetric = "/sched/goroutines-created:goroutines"

func countGoroutines() goroutineCount {
	s := []metrics.Sample{{Name: createdMetric}}
	metrics.Read(s)
	c := goroutineCount{alive: runtime.NumGoroutine()}
	if s[0].Value.Kind() == metrics.KindUint64 {
		c.created, c.counted = s[0].Value.Uint64(), true
	}
	return c
}

// mayHaveStarted reports whether a goroutine other than the coroutines of
// an execution's threads may have been created between counts before and
// now: unless both counted created goroutines, it may.
func mayHaveStarted(before, now goroutineCount, threads int) bool {
	return !before.counted || !now.counted || now.created-before.created > uint64(threads)
}

// checkStrays records an unmanaged goroutine in w if one carrying the
// label of modelled goroutines is alive once the execution's own have
// ended, and counts them in strays; before is the count when the
// execution began. The profile is skipped only when no stray may be alive
// and the process created no goroutine during the execution beyond one
// coroutine per thread of w: comparing live goroutines alone would miss
// a new stray while an older goroutine ended meanwhile. A runtime that
// does not count created goroutines has the profile read every time.
func (w *World) checkStrays(before goroutineCount) {
	if strays.Load() == 0 && !mayHaveStarted(before, countGoroutines(), len(w.threads)) {
		return
	}
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		return
	}
	n := labelled(b.Bytes())
	strays.Store(int64(n))
	if n > 0 {
		msg := "a goroutine started with a go statement was still running when the execution ended"
		w.unmanaged.CompareAndSwap(nil, &msg)
	}
}

// labelled counts the goroutines of a goroutine profile in text form
// (debug=1: records "N @ pc…" followed by "# labels: {…}" lines) that
// carry the label of modelled goroutines.
func labelled(profile []byte) int {
	n, last := 0, 0
	for _, line := range bytes.Split(profile, []byte("\n")) {
		if c, _, ok := bytes.Cut(line, []byte(" @ ")); ok {
			last, _ = strconv.Atoi(string(c))
		} else if string(line) == `# labels: {"singlecheck":"modelled"}` {
			n += last
		}
	}
	return n
}
