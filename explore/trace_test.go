package explore_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// stepText is the part of a trace step the renderers print.
type stepText struct{ Thread, Op, Location, Value string }

func traceText(t *testing.T, prog model.Program, schedule string) []stepText {
	t.Helper()
	e, err := explore.ReplaySchedule(prog, schedule, explore.Config{})
	require.NoError(t, err)
	var out []stepText
	for _, s := range explore.Trace(e) {
		out = append(out, stepText{s.ThreadName, s.Op, s.Location, s.Value})
	}
	return out
}

// A failed CAS shows what the thread expected, what it tried to store and
// what it found: in cas's counterexample T0 built T#1 and lost the race.
func TestTraceFailedCASShowsTriedAndFoundValues(t *testing.T) {
	steps := traceText(t, protocols.CAS.Program(protocols.DefaultWorkload), "0x3.1x5.0x3")
	require.Len(t, steps, 11)
	assert.Equal(t, stepText{"T1", "cas", "inst", "nil→T#2 ok"}, steps[6])
	assert.Equal(t, stepText{"T0", "cas", "inst", "nil→T#1 failed, found T#2"}, steps[8])
}

// twoClasses builds a Pool, then a T, then stores nil into an atomic
// pointer that never holds an object in the execution.
var twoClasses = model.Program{
	Name: "two-classes",
	Build: func(w *model.World) []model.Body {
		pool := model.NewClass(w, "Pool")
		class := model.NewClass(w, "T", "ready")
		current := model.NewAtomicPointer(w, "current")
		counter := model.NewAtomic(w, "counter")
		return []model.Body{func(t *model.Thread) {
			pool.New(t)
			r := class.New(t)
			class.InitAll(t, r)
			current.Store(t, model.Nil)
			counter.Store(t, 0)
			t.Obtain(r)
		}}
	},
}

// Objects are numbered per class (the first T is T#1 although a Pool was
// built before it), and a pointer's zero prints as nil while a counter's
// prints as 0.
func TestTraceNumbersObjectsPerClassAndPrintsNilPointers(t *testing.T) {
	got := traceText(t, twoClasses, "0x6")
	want := []stepText{
		{"T0", "new", "Pool", "Pool#1"},
		{"T0", "new", "T", "T#1"},
		{"T0", "init", "T#1.ready", "done"},
		{"T0", "atomic-store", "current", "nil"},
		{"T0", "atomic-store", "counter", "0"},
		{"T0", "obtain", "", "T#1"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
}
