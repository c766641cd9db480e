package sync

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// A Pool is a set of temporary objects that may be individually saved and
// retrieved, as Go's sync.Pool.
//
// Go's Get may return any value Put earlier and not taken yet, or none
// (the pool may drop values at any time); the model makes that a choice
// the checker explores: every Get has one branch per value pooled and one
// in which it gets none and calls New (or returns nil). The model knows a
// Pool as one synchronized object (model.SyncObject), whose Put and Get
// conflict, and every Get happens after every earlier Put (Go promises it
// only for the Put of the value returned). A Pool copied after first use
// panics.
type Pool struct {
	// New optionally specifies a function to generate a value when Get
	// would otherwise return nil.
	New func() any

	st *state[*poolState]
}

type poolState struct {
	obj   model.SyncObject
	items []any
}

func newPool(w *model.World, name string) *poolState {
	return &poolState{obj: model.NewSyncObject(w, name)}
}

// Loc is the pool's location.
func (s *poolState) Loc() int { return s.obj.Loc() }

// get is the running goroutine and p's state for its next operation,
// found when the operation runs (stateAtStep): read p.st.s after the step
// for the items it acted on.
func (p *Pool) get() (*model.Thread, *poolState) {
	return stepState(&p.st, unsafe.Pointer(p), "Pool", newPool)
}

// Put adds x to the pool. A nil x is ignored (no step).
func (p *Pool) Put(x any) {
	if x == nil {
		return
	}
	t, s := p.get()
	s.obj.Update(t, 1)
	s = p.st.s
	s.items = append(s.items, x)
}

// Get selects an arbitrary item from the Pool, removes it from the Pool,
// and returns it to the caller; or, a branch the checker also explores,
// returns the result of calling p.New (nil if New is nil).
func (p *Pool) Get() any {
	t, s := p.get()
	if i := s.obj.PoolGet(t); i >= 0 {
		s = p.st.s
		x := s.items[i]
		s.items = append(s.items[:i], s.items[i+1:]...)
		return x
	}
	if p.New != nil {
		return p.New()
	}
	return nil
}
