package atomic

import "github.com/singlecheck/singlecheck/model"

// Int32 is an atomic int32, as Go's atomic.Int32: the zero value is zero. Every
// method is one sequentially consistent step of the running modelled
// goroutine (see the package documentation for how the model differs from
// Go's); an Int32 must not be copied after first use.
type Int32 struct {
	_ noCopy
	v int32
}

// Load atomically loads and returns the value stored in x.
func (x *Int32) Load() int32 { return model.AtomicLoad(&x.v, "atomic.Int32") }

// Store atomically stores val into x.
func (x *Int32) Store(val int32) { model.AtomicStore(&x.v, val, "atomic.Int32") }

// Swap atomically stores new into x and returns the previous value.
func (x *Int32) Swap(new int32) (old int32) { return model.AtomicSwap(&x.v, new, "atomic.Int32") }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Int32) CompareAndSwap(old, new int32) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Int32")
}

// Add atomically adds delta to x and returns the new value.
func (x *Int32) Add(delta int32) (new int32) { return model.AtomicAdd(&x.v, delta, "atomic.Int32") }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int32) And(mask int32) (old int32) { return model.AtomicAnd(&x.v, mask, "atomic.Int32") }

// Or atomically performs a bitwise OR operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int32) Or(mask int32) (old int32) { return model.AtomicOr(&x.v, mask, "atomic.Int32") }

// Int64 is an atomic int64, as Go's atomic.Int64: the zero value is zero. Every
// method is one sequentially consistent step of the running modelled
// goroutine (see the package documentation for how the model differs from
// Go's); an Int64 must not be copied after first use.
type Int64 struct {
	_ noCopy
	v int64
}

// Load atomically loads and returns the value stored in x.
func (x *Int64) Load() int64 { return model.AtomicLoad(&x.v, "atomic.Int64") }

// Store atomically stores val into x.
func (x *Int64) Store(val int64) { model.AtomicStore(&x.v, val, "atomic.Int64") }

// Swap atomically stores new into x and returns the previous value.
func (x *Int64) Swap(new int64) (old int64) { return model.AtomicSwap(&x.v, new, "atomic.Int64") }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Int64) CompareAndSwap(old, new int64) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Int64")
}

// Add atomically adds delta to x and returns the new value.
func (x *Int64) Add(delta int64) (new int64) { return model.AtomicAdd(&x.v, delta, "atomic.Int64") }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int64) And(mask int64) (old int64) { return model.AtomicAnd(&x.v, mask, "atomic.Int64") }

// Or atomically performs a bitwise OR operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Int64) Or(mask int64) (old int64) { return model.AtomicOr(&x.v, mask, "atomic.Int64") }

// Uint32 is an atomic uint32, as Go's atomic.Uint32: the zero value is zero. Every
// method is one sequentially consistent step of the running modelled
// goroutine (see the package documentation for how the model differs from
// Go's); an Uint32 must not be copied after first use.
type Uint32 struct {
	_ noCopy
	v uint32
}

// Load atomically loads and returns the value stored in x.
func (x *Uint32) Load() uint32 { return model.AtomicLoad(&x.v, "atomic.Uint32") }

// Store atomically stores val into x.
func (x *Uint32) Store(val uint32) { model.AtomicStore(&x.v, val, "atomic.Uint32") }

// Swap atomically stores new into x and returns the previous value.
func (x *Uint32) Swap(new uint32) (old uint32) { return model.AtomicSwap(&x.v, new, "atomic.Uint32") }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Uint32")
}

// Add atomically adds delta to x and returns the new value.
func (x *Uint32) Add(delta uint32) (new uint32) { return model.AtomicAdd(&x.v, delta, "atomic.Uint32") }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint32) And(mask uint32) (old uint32) { return model.AtomicAnd(&x.v, mask, "atomic.Uint32") }

// Or atomically performs a bitwise OR operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint32) Or(mask uint32) (old uint32) { return model.AtomicOr(&x.v, mask, "atomic.Uint32") }

// Uint64 is an atomic uint64, as Go's atomic.Uint64: the zero value is zero. Every
// method is one sequentially consistent step of the running modelled
// goroutine (see the package documentation for how the model differs from
// Go's); an Uint64 must not be copied after first use.
type Uint64 struct {
	_ noCopy
	v uint64
}

// Load atomically loads and returns the value stored in x.
func (x *Uint64) Load() uint64 { return model.AtomicLoad(&x.v, "atomic.Uint64") }

// Store atomically stores val into x.
func (x *Uint64) Store(val uint64) { model.AtomicStore(&x.v, val, "atomic.Uint64") }

// Swap atomically stores new into x and returns the previous value.
func (x *Uint64) Swap(new uint64) (old uint64) { return model.AtomicSwap(&x.v, new, "atomic.Uint64") }

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Uint64")
}

// Add atomically adds delta to x and returns the new value.
func (x *Uint64) Add(delta uint64) (new uint64) { return model.AtomicAdd(&x.v, delta, "atomic.Uint64") }

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint64) And(mask uint64) (old uint64) { return model.AtomicAnd(&x.v, mask, "atomic.Uint64") }

// Or atomically performs a bitwise OR operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uint64) Or(mask uint64) (old uint64) { return model.AtomicOr(&x.v, mask, "atomic.Uint64") }

// Uintptr is an atomic uintptr, as Go's atomic.Uintptr: the zero value is zero. Every
// method is one sequentially consistent step of the running modelled
// goroutine (see the package documentation for how the model differs from
// Go's); an Uintptr must not be copied after first use.
type Uintptr struct {
	_ noCopy
	v uintptr
}

// Load atomically loads and returns the value stored in x.
func (x *Uintptr) Load() uintptr { return model.AtomicLoad(&x.v, "atomic.Uintptr") }

// Store atomically stores val into x.
func (x *Uintptr) Store(val uintptr) { model.AtomicStore(&x.v, val, "atomic.Uintptr") }

// Swap atomically stores new into x and returns the previous value.
func (x *Uintptr) Swap(new uintptr) (old uintptr) {
	return model.AtomicSwap(&x.v, new, "atomic.Uintptr")
}

// CompareAndSwap executes the compare-and-swap operation for x.
func (x *Uintptr) CompareAndSwap(old, new uintptr) (swapped bool) {
	return model.AtomicCompareAndSwap(&x.v, old, new, "atomic.Uintptr")
}

// Add atomically adds delta to x and returns the new value.
func (x *Uintptr) Add(delta uintptr) (new uintptr) {
	return model.AtomicAdd(&x.v, delta, "atomic.Uintptr")
}

// And atomically performs a bitwise AND operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uintptr) And(mask uintptr) (old uintptr) {
	return model.AtomicAnd(&x.v, mask, "atomic.Uintptr")
}

// Or atomically performs a bitwise OR operation on x using the bitmask
// provided as mask and returns the old value.
func (x *Uintptr) Or(mask uintptr) (old uintptr) { return model.AtomicOr(&x.v, mask, "atomic.Uintptr") }
