package sync

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// A WaitGroup waits for a collection of goroutines to finish, as Go's
// sync.WaitGroup: a Done happens before the return of the Wait it
// unblocks, and a counter that goes negative panics with "sync: negative
// WaitGroup counter".
//
// As Go's, a Wait that was waiting when its round ended panics with
// "sync: WaitGroup is reused before previous Wait has returned" if an Add
// starts a new round before it returns (model.WaitGroup). Differences from
// Go's: "Add called concurrently with Wait" is never reported (it needs an
// Add inside the Done that ends a round, one step in the model); a copy
// used after the original panics.
type WaitGroup struct {
	st *state[model.WaitGroup]
}

// get is the running goroutine and wg's state for its next operation,
// found when the operation runs (stateAtStep).
func (wg *WaitGroup) get() (*model.Thread, model.WaitGroup) {
	return stepState(&wg.st, unsafe.Pointer(wg), "WaitGroup", model.NewWaitGroup)
}

// Add adds delta, which may be negative, to the WaitGroup counter. If the
// counter becomes zero, all goroutines blocked on Wait are released. If
// it would go negative, Add panics.
func (wg *WaitGroup) Add(delta int) {
	t, g := wg.get()
	g.Add(t, delta)
}

// Done decrements the WaitGroup counter by one.
func (wg *WaitGroup) Done() { wg.Add(-1) }

// Wait blocks until the WaitGroup counter is zero.
func (wg *WaitGroup) Wait() {
	t, g := wg.get()
	g.Wait(t)
}

// Go calls f in a new modelled goroutine (model.Go) and adds that task to
// the WaitGroup: Add(1) before it starts, Done when f returns.
func (wg *WaitGroup) Go(f func()) {
	wg.Add(1)
	model.Go(func() {
		defer wg.Done()
		f()
	})
}
