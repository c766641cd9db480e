package model

// Event is the record of one step of an execution: a thread performing an
// operation, or a store reaching memory.
type Event struct {
	// Thread is the thread that performed the step (for a flush: the thread
	// whose buffer was flushed).
	Thread int
	Op     OpKind
	// Loc is the location the step touched (for New: the class), or -1.
	Loc int
	// Value is the value read, written, stored by a successful CAS, chosen,
	// allocated or obtained; for a Spawn, the new thread's index.
	Value Value
	// Old is the value a CAS expected, or the value a read-modify-write
	// (Swap, Add, And, Or) found; Value is then the value it wrote.
	Old Value
	// Box is the Go value read or written, for external memory; nil
	// otherwise (Value is its key, see external.go).
	Box any
	// Site is where in the source the operation stands (see At); nil if
	// the code did not say.
	Site *Site
	// New is the value a CAS tried to store (Value is what it found if it
	// failed).
	New Value
	// OK is whether a CAS succeeded.
	OK bool
	// Buffered is whether a plain store went into a store buffer rather than
	// memory.
	Buffered bool
	// Decision is the index, in the execution's schedule, of the decision
	// whose step produced the event: the flushes of a fence's drain share
	// the fence's decision. It is -1 for the init thread's events, which
	// no decision chose.
	Decision int
	// Clock is the happens-before vector clock of the thread after the step,
	// built from synchronization only: program order, mutexes, atomics,
	// thread starts (see race.go). A flush is not a step of its thread: it
	// carries the clock of the thread's last step before it, also when a
	// fence drains the buffer.
	Clock VC
	// Acc is the event's footprint in the dependency relation (deps.go).
	Acc Footprint
	// Proc is the event's process (a thread or one of its buffers; see
	// World.Process), and Dep its dependency clock over processes, once
	// World.TrackDependencies has computed them; Dep is nil before.
	Proc int
	Dep  VC
	// Sync is the state of the event's synchronization object before the
	// event (a mutex's owner and depth), for operations on one.
	Sync SyncState
	// await is what the failed iteration before an await read.
	await []spinRead
}

// PendingOp is the operation the event performed, as a thread would have
// announced it (enough to ask whether it could have run earlier): the
// event's Value stands for the operation's Arg (a Cond wait's ticket),
// except for a compare-and-swap, whose Old and Arg are the value it
// expected and the one it tried to store (its Value is what it found or
// stored, not what it asked for).
func (e *Event) PendingOp() Op {
	if e.Op == OpCAS {
		return Op{Kind: e.Op, Loc: e.Loc, Arg: e.New, Old: e.Old}
	}
	return Op{Kind: e.Op, Loc: e.Loc, Arg: e.Value, await: e.await}
}

// SyncState is the state of a synchronization object that decides whether
// a blocking operation on it can proceed.
type SyncState struct {
	// Owner is the thread holding a reentrant mutex, -1 if none.
	Owner int
	// Count is how many times a mutex is held (0: free), a WaitGroup's
	// counter, a Cond's signalled tickets.
	Count int
	// Aux is a WaitGroup's number of rounds ended (waitgroup.go), a Cond's
	// tickets taken.
	Aux int
}
