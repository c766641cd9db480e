// Package model is the modelled world of one execution of a singleton
// protocol.
//
// A protocol is ordinary Go code written against this package. Its shared
// state is built from a handful of primitives, each created in a [World]:
//
//   - [Var]: a plain (non-atomic) variable. Under TSO and PSO its stores go
//     through the writing thread's store buffer.
//   - [Atomic]: a sequentially consistent atomic variable (load, store,
//     compare-and-swap), as Go's sync/atomic.
//   - [Mutex]: a mutex, plain or reentrant (like Python's RLock).
//   - [Once]: sync.Once as the Go runtime implements it, built from an Atomic
//     and a Mutex so that its interleavings are explored, not assumed.
//   - [Class]: objects whose allocation is a construction (counted) and whose
//     fields are initialized by separate steps.
//
// A thread is a func(*Thread). Every modelled operation goes through one
// choke point, [Thread] announcing the operation and yielding to the
// scheduler, which applies it with [World.Step] when it picks the thread. A
// thread body must be deterministic given the values it reads: no real
// goroutines, clocks, map iteration or global randomness. Use [Thread.Choose]
// for nondeterminism the checker should explore.
//
// The oracles run online: every step that breaks the singleton contract
// records a [Violation] of one of the kinds listed in [Kind].
package model
