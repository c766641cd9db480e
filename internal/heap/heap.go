// Package heap measures what a piece of code allocates, for the tests that
// bound the memory hostile input costs.
package heap

import "runtime"

// Bytes returns the bytes f allocates on the heap, on average over calls
// calls (so that the runtime's own occasional allocations hardly count).
func Bytes(calls int, f func()) uint64 {
	calls = max(calls, 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range calls {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(calls)
}
