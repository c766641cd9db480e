package scheduler_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
	"github.com/singlecheck/singlecheck/scheduler"
)

// lazyCallers is an implicit program of two identical workers over
// drop-in atomics made on first use: x when the workers announce their
// first operation (before any decision, in thread order), y by whichever
// worker runs past its load of x first.
func lazyCallers() model.Program {
	return model.Program{Name: "lazy callers", Implicit: true, Identical: true, Build: func(*model.World) []model.Body {
		var x, y atomic.Int32
		body := func(*model.Thread) {
			x.Load()
			y.Add(1)
		}
		return []model.Body{body, body}
	}}
}

// footprints lists, per worker, the footprints of its events.
func footprints(e *scheduler.Execution) [][]model.Footprint {
	out := make([][]model.Footprint, e.World.Workers())
	for _, ev := range e.World.Events() {
		if ev.Thread < len(out) {
			out[ev.Thread] = append(out[ev.Thread], ev.Acc)
		}
	}
	return out
}

func writesAlloc(acc model.Footprint) bool {
	for _, a := range acc {
		if a.Key.Kind == model.KeyAlloc && a.Write {
			return true
		}
	}
	return false
}

// Renaming identical workers maps executions to executions, footprints
// included: a location made while the workers announce their first
// operations is not charged to worker 0 (the first to announce), while one
// made later is charged to the step announced after it, whichever worker
// that is.
func TestLazyLocationsDoNotTellWorkersApart(t *testing.T) {
	t0First := scheduler.Run(lazyCallers(), first{}, scheduler.Options{})       // T0 runs to its end, then T1
	t1First := scheduler.Run(lazyCallers(), lastDecider{}, scheduler.Options{}) // T1 runs to its end, then T0
	require.Equal(t, scheduler.Finished, t0First.Status)
	require.Equal(t, scheduler.Finished, t1First.Status)
	a, b := footprints(t0First), footprints(t1First)
	require.Len(t, a, 2)
	require.Len(t, a[0], 2, "T0: load x, add y")
	assert.False(t, writesAlloc(a[0][0]), "T0's first step: x was made before any decision")
	assert.False(t, writesAlloc(a[1][0]), "T1's first step")
	assert.True(t, writesAlloc(a[0][1]), "the add of the worker that made y writes allocation order")
	assert.False(t, writesAlloc(a[1][1]), "the other worker's add does not")
	// The execution in which T1 runs first is the renaming of the one in
	// which T0 does.
	assert.Empty(t, cmp.Diff(a[0], b[1]), "T0 running first vs T1 running first")
	assert.Empty(t, cmp.Diff(a[1], b[0]), "T1 running second vs T0 running second")
}
