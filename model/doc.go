// Package model is the modelled world of one execution of a concurrent
// program: shared state, threads, the memory model, the dependency relation
// of events, and the oracles of the singleton contract.
//
// Two ways in, for two audiences:
//
//   - A protocol written for the checker builds its shared state in a
//     [World] and passes each thread's [*Thread]: [Var] (plain, buffered
//     under TSO and PSO), [Atomic] (sequentially consistent, with
//     compare-and-swap and the read-modify-writes of rmw.go), [Mutex]
//     (plain as Go's, or reentrant as Python's RLock), [Once] (as Go
//     implements it), [Class] (constructions and field initializations),
//     [Thread.Choose], [Thread.Spin] (a spin-wait), [Thread.Go] (a new
//     thread), [Channel] and [Thread.Select] (Go's channels over Values),
//     [Thread.Obtain] (the instance a caller got).
//   - Ordinary Go code does not pass a thread around: it runs on a modelled
//     goroutine that [Current] finds (see implicit.go), uses the drop-in
//     packages model/sync and model/sync/atomic, [Go], [Read] and [Write]
//     (any Go variable by address), [Shared], [Chan] and [Select] (Go's
//     channels; [ChanSend], [ChanRecv] and the other function forms over
//     the real channels of unmodified code), [Constructed] and [Obtain],
//     [NewEpoch] (a new phase of calls after a reset) and [Opaque] (a step
//     that conflicts with every step, before native code that changes
//     shared state the model does not see). The Go code between two
//     modelled steps of a goroutine runs natively, as part of the step
//     before it; the location of a variable, primitive or channel is made
//     on first use, and the step announced after making one writes
//     allocation order, so that its number is the same in every execution
//     of a trace (except before the first scheduled step: what the init
//     thread and the workers' first announcements make is made alike in
//     every execution, and is charged to no worker). A goroutine started with a real go statement is not
//     modelled: its first use of a primitive, or its being alive when the
//     execution ends, is reported ([ErrUnmanagedGoroutine], unmanaged.go).
//     An operation whose state a native reset may replace finds its
//     location when it runs ([Thread.ResolveAtStep], late.go).
//
// Every operation is an [OpKind] with one spec (op.go lists them): whether
// it is a fence, when it is enabled, its effect, its footprint in the
// dependency relation (deps.go) and its oracles. A thread announces its
// next operation and yields; the scheduler sees every thread's pending
// operation and applies one through the [Driver] (the scheduler's handle on
// a World), which records an [Event] with its happens-before clock (for the
// race detector, race.go) and footprint (for partial-order reduction, trace
// signatures and symmetry, which compute dependency clocks with
// [World.TrackDependencies]). The two clocks are kept apart.
//
// A thread body must be deterministic given the values it reads: no real
// goroutines, clocks, map iteration or global randomness, and no state kept
// from one execution to the next. Replay depends on it, and the scheduler
// reports a body that is not as a model that is not deterministic.
//
// The oracles run online: every step that breaks the singleton contract
// records a [Violation] of one of the kinds listed in [Kind].
package model
