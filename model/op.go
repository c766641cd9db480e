package model

import "fmt"

// OpKind is the kind of one modelled operation.
type OpKind uint8

// The operations a thread can announce, and Flush, which the scheduler
// performs on a thread's behalf.
const (
	OpNone        OpKind = iota
	OpLoad               // plain load
	OpStore              // plain store (buffered under TSO and PSO)
	OpAtomicLoad         // atomic load
	OpAtomicStore        // atomic store
	OpCAS                // atomic compare-and-swap
	OpLock               // mutex lock
	OpUnlock             // mutex unlock
	OpNew                // allocation of an object: a construction
	OpInit               // initialization of one field of an object (a plain store)
	OpChoose             // nondeterministic choice
	OpObtain             // a caller obtains an instance
	OpFlush              // a buffered store reaches memory
	OpEnd                // the thread has finished (never applied)
	OpAtomicInit         // initialization of one field of an object of an atomic class
)

var opNames = [...]string{
	OpNone: "none", OpLoad: "load", OpStore: "store", OpAtomicLoad: "atomic-load",
	OpAtomicStore: "atomic-store", OpCAS: "cas", OpLock: "lock", OpUnlock: "unlock",
	OpNew: "new", OpInit: "init", OpChoose: "choose", OpObtain: "obtain",
	OpFlush: "flush", OpEnd: "end", OpAtomicInit: "atomic-init",
}

func (k OpKind) String() string {
	if int(k) < len(opNames) {
		return opNames[k]
	}
	return fmt.Sprintf("OpKind(%d)", uint8(k))
}

// IsWrite reports whether the operation may change the location it names.
// A compare-and-swap counts as a write whether or not it succeeds.
func (k OpKind) IsWrite() bool {
	switch k {
	case OpStore, OpAtomicStore, OpCAS, OpInit, OpAtomicInit, OpFlush, OpNew:
		return true
	}
	return false
}

// isFence reports whether the operation drains the performing thread's
// store buffer before it takes effect: mutex operations and atomics (Once is
// built from both).
func (k OpKind) isFence() bool {
	switch k {
	case OpAtomicLoad, OpAtomicStore, OpCAS, OpLock, OpUnlock, OpAtomicInit:
		return true
	}
	return false
}

// Op is an announced operation: what a thread will do when next scheduled.
type Op struct {
	Kind OpKind
	// Loc is the location, mutex, class or object the operation names; -1 if none.
	Loc int
	// Arg is the value to store, the new value of a CAS, the field index of an
	// Init, the reference obtained, or the number of alternatives of a Choose.
	Arg Value
	// Old is the expected value of a CAS.
	Old Value
}
