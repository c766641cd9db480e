package atomic

import "github.com/singlecheck/singlecheck/model"

// Bool is an atomic boolean, as Go's atomic.Bool: the zero value is false.
// Go keeps a uint32 inside; the model keeps a bool, which makes no
// difference to its users. Every method is one sequentially consistent
// step of the running modelled goroutine; a Bool must not be copied after
// first use.
type Bool struct {
	_ noCopy
	v bool
}

// Load atomically loads and returns the value stored in x.
func (x *Bool) Load() bool { return model.AtomicLoad(&x.v, "atomic.Bool") }

// Store atomically stores val into x.
func (x *Bool) Store(val bool) { model.AtomicStore(&x.v, val, "atomic.Bool") }

// Swap atomically stores new into x and returns the previous value.
func (x *Bool) Swap(new bool) (old bool) { return model.AtomicSwap(&x.v, new, "atomic.Bool") }

// CompareAndSwap executes the compare-and-swap operation for the boolean
// value x.
func (x *Bool) CompareAndSwap(old, new bool) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Bool")
}

// noCopy makes go vet's copylocks check report copies of a value that
// contains it, as Go's sync/atomic types do.
type noCopy struct{}

// Lock is a no-op used by go vet's copylocks check.
func (*noCopy) Lock() {}

// Unlock is a no-op used by go vet's copylocks check.
func (*noCopy) Unlock() {}
