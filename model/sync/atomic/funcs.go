package atomic

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// The function forms of Go's sync/atomic act on the Go variable at addr:
// the same model location as model.Read and model.Write of addr, and as
// the other function forms of addr, so a variable may be accessed plainly
// and atomically, and an unordered plain access races with an atomic one.
// The name a trace gives the variable is the one its first access in the
// execution gave (here its type).

// LoadInt32 atomically loads *addr.
func LoadInt32(addr *int32) (val int32) { return model.AtomicLoad(addr, "int32") }

// StoreInt32 atomically stores val into *addr.
func StoreInt32(addr *int32, val int32) { model.AtomicStore(addr, val, "int32") }

// SwapInt32 atomically stores new into *addr and returns the previous *addr
// value.
func SwapInt32(addr *int32, new int32) (old int32) { return model.AtomicSwap(addr, new, "int32") }

// CompareAndSwapInt32 executes the compare-and-swap operation for a int32
// value.
func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "int32")
}

// AddInt32 atomically adds delta to *addr and returns the new value.
func AddInt32(addr *int32, delta int32) (new int32) { return model.AtomicAdd(addr, delta, "int32") }

// AndInt32 atomically performs a bitwise AND operation on *addr using the
// bitmask provided as mask and returns the old value.
func AndInt32(addr *int32, mask int32) (old int32) { return model.AtomicAnd(addr, mask, "int32") }

// OrInt32 atomically performs a bitwise OR operation on *addr using the
// bitmask provided as mask and returns the old value.
func OrInt32(addr *int32, mask int32) (old int32) { return model.AtomicOr(addr, mask, "int32") }

// LoadInt64 atomically loads *addr.
func LoadInt64(addr *int64) (val int64) { return model.AtomicLoad(addr, "int64") }

// StoreInt64 atomically stores val into *addr.
func StoreInt64(addr *int64, val int64) { model.AtomicStore(addr, val, "int64") }

// SwapInt64 atomically stores new into *addr and returns the previous *addr
// value.
func SwapInt64(addr *int64, new int64) (old int64) { return model.AtomicSwap(addr, new, "int64") }

// CompareAndSwapInt64 executes the compare-and-swap operation for a int64
// value.
func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "int64")
}

// AddInt64 atomically adds delta to *addr and returns the new value.
func AddInt64(addr *int64, delta int64) (new int64) { return model.AtomicAdd(addr, delta, "int64") }

// AndInt64 atomically performs a bitwise AND operation on *addr using the
// bitmask provided as mask and returns the old value.
func AndInt64(addr *int64, mask int64) (old int64) { return model.AtomicAnd(addr, mask, "int64") }

// OrInt64 atomically performs a bitwise OR operation on *addr using the
// bitmask provided as mask and returns the old value.
func OrInt64(addr *int64, mask int64) (old int64) { return model.AtomicOr(addr, mask, "int64") }

// LoadUint32 atomically loads *addr.
func LoadUint32(addr *uint32) (val uint32) { return model.AtomicLoad(addr, "uint32") }

// StoreUint32 atomically stores val into *addr.
func StoreUint32(addr *uint32, val uint32) { model.AtomicStore(addr, val, "uint32") }

// SwapUint32 atomically stores new into *addr and returns the previous *addr
// value.
func SwapUint32(addr *uint32, new uint32) (old uint32) { return model.AtomicSwap(addr, new, "uint32") }

// CompareAndSwapUint32 executes the compare-and-swap operation for a uint32
// value.
func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "uint32")
}

// AddUint32 atomically adds delta to *addr and returns the new value.
func AddUint32(addr *uint32, delta uint32) (new uint32) {
	return model.AtomicAdd(addr, delta, "uint32")
}

// AndUint32 atomically performs a bitwise AND operation on *addr using the
// bitmask provided as mask and returns the old value.
func AndUint32(addr *uint32, mask uint32) (old uint32) { return model.AtomicAnd(addr, mask, "uint32") }

// OrUint32 atomically performs a bitwise OR operation on *addr using the
// bitmask provided as mask and returns the old value.
func OrUint32(addr *uint32, mask uint32) (old uint32) { return model.AtomicOr(addr, mask, "uint32") }

// LoadUint64 atomically loads *addr.
func LoadUint64(addr *uint64) (val uint64) { return model.AtomicLoad(addr, "uint64") }

// StoreUint64 atomically stores val into *addr.
func StoreUint64(addr *uint64, val uint64) { model.AtomicStore(addr, val, "uint64") }

// SwapUint64 atomically stores new into *addr and returns the previous *addr
// value.
func SwapUint64(addr *uint64, new uint64) (old uint64) { return model.AtomicSwap(addr, new, "uint64") }

// CompareAndSwapUint64 executes the compare-and-swap operation for a uint64
// value.
func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "uint64")
}

// AddUint64 atomically adds delta to *addr and returns the new value.
func AddUint64(addr *uint64, delta uint64) (new uint64) {
	return model.AtomicAdd(addr, delta, "uint64")
}

// AndUint64 atomically performs a bitwise AND operation on *addr using the
// bitmask provided as mask and returns the old value.
func AndUint64(addr *uint64, mask uint64) (old uint64) { return model.AtomicAnd(addr, mask, "uint64") }

// OrUint64 atomically performs a bitwise OR operation on *addr using the
// bitmask provided as mask and returns the old value.
func OrUint64(addr *uint64, mask uint64) (old uint64) { return model.AtomicOr(addr, mask, "uint64") }

// LoadUintptr atomically loads *addr.
func LoadUintptr(addr *uintptr) (val uintptr) { return model.AtomicLoad(addr, "uintptr") }

// StoreUintptr atomically stores val into *addr.
func StoreUintptr(addr *uintptr, val uintptr) { model.AtomicStore(addr, val, "uintptr") }

// SwapUintptr atomically stores new into *addr and returns the previous *addr
// value.
func SwapUintptr(addr *uintptr, new uintptr) (old uintptr) {
	return model.AtomicSwap(addr, new, "uintptr")
}

// CompareAndSwapUintptr executes the compare-and-swap operation for a uintptr
// value.
func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "uintptr")
}

// AddUintptr atomically adds delta to *addr and returns the new value.
func AddUintptr(addr *uintptr, delta uintptr) (new uintptr) {
	return model.AtomicAdd(addr, delta, "uintptr")
}

// AndUintptr atomically performs a bitwise AND operation on *addr using the
// bitmask provided as mask and returns the old value.
func AndUintptr(addr *uintptr, mask uintptr) (old uintptr) {
	return model.AtomicAnd(addr, mask, "uintptr")
}

// OrUintptr atomically performs a bitwise OR operation on *addr using the
// bitmask provided as mask and returns the old value.
func OrUintptr(addr *uintptr, mask uintptr) (old uintptr) {
	return model.AtomicOr(addr, mask, "uintptr")
}

// LoadPointer atomically loads *addr.
func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer) {
	return model.AtomicLoad(addr, "unsafe.Pointer")
}

// StorePointer atomically stores val into *addr.
func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer) {
	model.AtomicStore(addr, val, "unsafe.Pointer")
}

// SwapPointer atomically stores new into *addr and returns the previous *addr
// value.
func SwapPointer(addr *unsafe.Pointer, new unsafe.Pointer) (old unsafe.Pointer) {
	return model.AtomicSwap(addr, new, "unsafe.Pointer")
}

// CompareAndSwapPointer executes the compare-and-swap operation for a unsafe.Pointer
// value.
func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool) {
	return model.AtomicCompareAndSwap(addr, old, new, "unsafe.Pointer")
}
