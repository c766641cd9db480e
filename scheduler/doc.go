// Package scheduler runs one execution of a modelled program under control.
//
// Each thread runs as a coroutine (iter.Pull). A thread announces its next
// operation and yields; the scheduler sees every thread's pending operation,
// computes the alternatives (the enabled threads, then the store-buffer
// flushes the memory model allows), asks a [Decider] to pick one, applies it
// through model.World.Step, and resumes that thread until it announces its
// next operation. A pending Choose is a second decision, among its values.
//
// Every decision is recorded in a [Schedule], whose text form is short and
// shell-safe ("0x3.1.c1.f1:4") and parses back exactly ([Parse],
// [ParseWithin]); a text asking for more decisions than the step bound
// allows, or for a thread beyond the bound on threads, is refused before anything is
// built ([Limits]), so its cost is linear in its length. [Replay]
// follows a schedule strictly: a decision that is not possible where it
// stands, or a schedule too short or too long, is a [*MismatchError] naming
// the step; a model that does not reproduce its own events is
// [ErrNondeterministic].
//
// An execution ends when every thread has finished and every buffer has
// drained ([Finished]), when no thread can move ([Deadlocked]), when a thread
// panics without recovering ([Panicked]), when it exceeds its step bound
// ([StepBound]: likely a spin loop), when the decider gives up
// ([Abandoned]), or when [Options].Cancel is closed ([Interrupted], polled
// every few dozen steps). Whatever the end, every coroutine is stopped
// before Run returns.
package scheduler
