package model

// Event is the record of one step of an execution.
type Event struct {
	// Thread is the thread that performed the step (for a flush: the thread
	// whose buffer was flushed).
	Thread int
	Op     OpKind
	// Loc is the location the step touched (for New: the class), or -1.
	Loc int
	// Value is the value read, written, stored by a successful CAS, chosen,
	// allocated or obtained.
	Value Value
	// Old is the value a CAS expected.
	Old Value
	// New is the value a CAS tried to store (Value is what it found if it
	// failed).
	New Value
	// OK is whether a CAS succeeded.
	OK bool
	// Buffered is whether a plain store went into a store buffer rather than
	// memory.
	Buffered bool
	// Clock is the happens-before vector clock of the thread after the step,
	// built from synchronization only: program order, mutexes, atomics (see
	// race.go). A flush is not a step of its thread: it carries the clock of
	// the thread's last step before it, also when a fence drains the buffer.
	Clock VC
}
