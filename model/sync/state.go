package sync

import (
	"fmt"
	"strconv"
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// state is the model state of one primitive in one execution: what a
// primitive's field points to once it was used.
type state[S any] struct {
	w    *model.World
	self unsafe.Pointer // the primitive it belongs to (to detect a copy)
	s    S
	// resolve finds the primitive's state when a step runs (stateAtStep),
	// made once per state so that a step allocates nothing for it.
	resolve func(*model.Thread) int
}

// stateIn returns the state that *slot holds in t's execution for the
// primitive at self, made with mk (named after kind) if the primitive was
// not used yet in this execution; a primitive copied after its first use
// panics.
func stateIn[S any](t *model.Thread, slot **state[S], self unsafe.Pointer, kind string, mk func(w *model.World, name string) S) *state[S] {
	st := *slot
	w := t.World()
	if st == nil || st.w != w {
		st = &state[S]{w: w, self: self, s: mk(w, kind+"@"+strconv.Itoa(w.NumLocs()))}
		*slot = st
	} else if st.self != self {
		panic(fmt.Sprintf("sync: %s copied after first use: a copy does not share the original's state; "+
			"pass a pointer instead", kind))
	}
	return st
}

// located is a model primitive with a location.
type located interface{ Loc() int }

// stateAtStep is stateIn for the primitive of t's next operation, whose
// location is looked up again when the step runs (model.Thread.ResolveAtStep):
// a reset that replaces *slot between the announcement and the step is
// seen by the step, as Go's operation reads the fields when it runs. Once
// the step has run, (*slot).s is the state it found.
//
// A goroutine blocked in an operation (a Lock of a held Mutex) is one that
// would block if it ran now: the model has not started the operation, so
// after a reset its operation finds the fresh state, as a Go goroutine
// that has not yet read the fields (or is still spinning) does. A Go
// goroutine already parked on the old state's semaphore would instead
// stay parked; the model does not explore that fate.
func stateAtStep[S located](t *model.Thread, slot **state[S], self unsafe.Pointer, kind string, mk func(w *model.World, name string) S) S {
	st := stateIn(t, slot, self, kind, mk)
	if st.resolve == nil {
		st.resolve = func(u *model.Thread) int { return stateIn(u, slot, self, kind, mk).s.Loc() }
	}
	t.ResolveAtStep(st.resolve)
	return st.s
}

// stepState is stateAtStep for the running modelled goroutine, which it
// returns too. It panics with model.ErrOutsideCheck outside a checked
// function.
func stepState[S located](slot **state[S], self unsafe.Pointer, kind string, mk func(w *model.World, name string) S) (*model.Thread, S) {
	t := model.Current()
	return t, stateAtStep(t, slot, self, kind, mk)
}

// A Locker represents an object that can be locked and unlocked.
type Locker interface {
	Lock()
	Unlock()
}
