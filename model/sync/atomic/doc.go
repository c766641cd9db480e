// Package atomic is a drop-in replacement for Go's sync/atomic inside code
// checked by singlecheck: change the import path to
// github.com/singlecheck/singlecheck/model/sync/atomic and run the code
// with explore.CheckFunc or explore.CheckSingleton. It has every type,
// method and function of sync/atomic with the same signature: Bool, Int32,
// Int64, Uint32, Uint64, Uintptr, Pointer[T] and Value, and the function
// forms (LoadInt64, StoreInt32, SwapPointer, CompareAndSwapUintptr,
// AddUint64, AndInt32, OrUint32, …). Zero values are ready to use, and the
// types hold real Go values (a Pointer[T] a real *T, a Value a real any).
//
// Every operation is one step of the modelled goroutine that runs it
// (model.Current), which the checker interleaves with the steps of the
// other goroutines in every order it must explore. The model differs from
// Go's in these ways, and no others:
//
//   - Used outside a checked function, every operation panics with
//     model.ErrOutsideCheck; there is no fallback to real atomics.
//   - The operations are sequentially consistent, as Go's memory model
//     defines them: under the TSO and PSO memory models each is a fence
//     that drains the goroutine's store buffer first, and each
//     synchronizes with the atomic operations that observe it, for the
//     data-race detector.
//   - The function forms act on the Go variable at their address: the
//     same model location as model.Read and model.Write (and model.Shared)
//     of that address, as in Go one variable may be accessed both plainly
//     and atomically. A plain access and an atomic access of one variable
//     that are not ordered by happens-before are reported as a data race,
//     as Go's memory model defines one.
//   - A Value's Store, Swap and CompareAndSwap take more than one step, as
//     in Go's implementation (see Value).
//   - Compare-and-swap compares numbers, booleans and pointers exactly and
//     other values (in a Value) by a hash; see model.AtomicCompareAndSwap.
package atomic
