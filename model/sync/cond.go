package sync

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// Cond implements a condition variable, as Go's sync.Cond: a rendezvous
// point for goroutines waiting for or announcing an event. L is held
// while changing the condition and when calling Wait.
//
// Wait is Go's: it takes a ticket, unlocks L, sleeps until its ticket is
// signalled, and locks L again. Signal wakes the waiter that took its
// ticket first (FIFO), as Go's runtime does, rather than a choice the
// checker explores: the order is fixed by the ticket order, which the
// checker already explores, and Go's implementation has no other. Cond
// adds no happens-before edge of its own (L does). Like Go's, a Cond
// copied after first use panics ("sync: Cond copied after first use").
type Cond struct {
	// L is held while observing or changing the condition.
	L Locker

	st *state[model.Cond]
}

// NewCond returns a new Cond with Locker l.
func NewCond(l Locker) *Cond { return &Cond{L: l} }

// get is the running goroutine and c's state for its next operation,
// found when the operation runs (stateAtStep).
func (c *Cond) get() (*model.Thread, model.Cond) {
	return stepState(&c.st, unsafe.Pointer(c), "Cond", model.NewCond)
}

// Wait atomically unlocks c.L and suspends the calling goroutine until
// awoken by Signal or Broadcast; it locks c.L before returning. As in Go,
// Wait cannot return unless awoken, and the caller should check its
// condition in a loop.
func (c *Cond) Wait() {
	t, cv := c.get()
	ticket := cv.Enqueue(t)
	cv = c.st.s // the state the ticket was taken from, where the waiter sleeps
	c.L.Unlock()
	cv.Sleep(t, ticket)
	c.L.Lock()
}

// Signal wakes one goroutine waiting on c, if there is any.
func (c *Cond) Signal() {
	t, cv := c.get()
	cv.Signal(t)
}

// Broadcast wakes all goroutines waiting on c.
func (c *Cond) Broadcast() {
	t, cv := c.get()
	cv.Broadcast(t)
}
