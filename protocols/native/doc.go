// Package native holds real-Go versions of some of the built-in protocols,
// written with goroutines, sync and sync/atomic, and the stress harness a
// user would reach for instead of a model checker: start goroutines
// together, call the getter, look at what came back.
//
// It exists to be measured against singlecheck (see the benchmarks): the
// stress test of naive needs many trials to see two constructions, and the
// failure of double-checked locking that only a weak memory model allows
// (the pointer visible before the fields) cannot show on x86 hardware at
// all, which is total store order. The code is deliberately racy; only its
// benchmarks run it, and `go test -race` reports the races.
package native
