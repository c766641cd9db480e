package atomic

import (
	"reflect"

	"github.com/singlecheck/singlecheck/model"
)

// A Value provides an atomic load and store of a consistently typed value,
// as Go's atomic.Value: the zero value returns nil from Load, and once
// Store has been called a Value must not be copied. It holds the real
// value. Its methods panic as Go's do: on storing nil, and on a value whose
// type differs from the one first stored (also when two first stores of
// different types race: one of them panics).
//
// How the model differs: as Go's implementation, Store, Swap and
// CompareAndSwap are more than one atomic step (a load of the current
// value, then a compare-and-swap or a store), so the checker interleaves
// other goroutines between them; Load is one step. CompareAndSwap compares
// old with the current value with ==, as Go does (panicking on
// incomparable values), and then swaps only if the value is still the one
// it compared with (by its key in the model: identity for pointers, the
// value for numbers, a hash for other values).
type Value struct {
	_ noCopy
	v any
}

const valueName = "atomic.Value"

// Load returns the value set by the most recent Store. It returns nil if
// there has been no call to Store for this Value.
func (v *Value) Load() (val any) { return model.AtomicLoad(&v.v, valueName) }

// Store sets the value of the Value v to val. All calls to Store for a
// given Value must use values of the same concrete type. Store of an
// inconsistent type panics, as does Store(nil).
func (v *Value) Store(val any) {
	if val == nil {
		panic("sync/atomic: store of nil value into Value")
	}
	for {
		cur := model.AtomicLoad(&v.v, valueName)
		if cur == nil {
			if model.AtomicCompareAndSwap(&v.v, nil, val, valueName) {
				return
			}
			continue
		}
		if reflect.TypeOf(cur) != reflect.TypeOf(val) {
			panic("sync/atomic: store of inconsistently typed value into Value")
		}
		model.AtomicStore(&v.v, val, valueName)
		return
	}
}

// Swap stores new into Value and returns the previous value. It returns
// nil if the Value is empty. All calls to Swap for a given Value must use
// values of the same concrete type. Swap of an inconsistent type panics,
// as does Swap(nil).
func (v *Value) Swap(new any) (old any) {
	if new == nil {
		panic("sync/atomic: swap of nil value into Value")
	}
	for {
		cur := model.AtomicLoad(&v.v, valueName)
		if cur == nil {
			if model.AtomicCompareAndSwap(&v.v, nil, new, valueName) {
				return nil
			}
			continue
		}
		if reflect.TypeOf(cur) != reflect.TypeOf(new) {
			panic("sync/atomic: swap of inconsistently typed value into Value")
		}
		return model.AtomicSwap(&v.v, new, valueName)
	}
}

// CompareAndSwap executes the compare-and-swap operation for the Value.
// All calls to CompareAndSwap for a given Value must use values of the
// same concrete type. CompareAndSwap of an inconsistent type panics, as
// does CompareAndSwap(old, nil).
func (v *Value) CompareAndSwap(old, new any) (swapped bool) {
	if new == nil {
		panic("sync/atomic: compare and swap of nil value into Value")
	}
	if old != nil && reflect.TypeOf(old) != reflect.TypeOf(new) {
		panic("sync/atomic: compare and swap of inconsistently typed values")
	}
	for {
		cur := model.AtomicLoad(&v.v, valueName)
		if cur == nil {
			if old != nil {
				return false
			}
			if model.AtomicCompareAndSwap(&v.v, nil, new, valueName) {
				return true
			}
			continue
		}
		if reflect.TypeOf(cur) != reflect.TypeOf(new) {
			panic("sync/atomic: compare and swap of inconsistently typed value into Value")
		}
		if cur != old {
			return false
		}
		return model.AtomicCompareAndSwap(&v.v, cur, new, valueName)
	}
}
