package atomic

import "github.com/singlecheck/singlecheck/model"

// Pointer is an atomic pointer of type *T, as Go's atomic.Pointer: the zero
// value is a nil *T. It holds the real *T, so a pointer to an object the
// code marked with model.Constructed keeps its identity: the oracles and
// traces see it as that construction (Type#k), and CompareAndSwap compares
// pointers by identity, as Go does. Every method is one sequentially
// consistent step of the running modelled goroutine; a Pointer must not be
// copied after first use.
type Pointer[T any] struct {
	_ noCopy
	v *T
}

// Load atomically loads and returns the value stored in x.
func (x *Pointer[T]) Load() *T { return model.AtomicLoad(&x.v, "atomic.Pointer") }

// Store atomically stores val into x.
func (x *Pointer[T]) Store(val *T) { model.AtomicStore(&x.v, val, "atomic.Pointer") }

// Swap atomically stores new into x and returns the previous value.
func (x *Pointer[T]) Swap(new *T) (old *T) { return model.AtomicSwap(&x.v, new, "atomic.Pointer") }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Pointer")
}
