package model

import "fmt"

// OpKind is the kind of one modelled operation.
type OpKind uint8

// The operations a thread can announce, and Flush, which the scheduler
// performs on a thread's behalf. Each has an opSpec, in the file of the
// primitive it belongs to, listed in opSpecs below: adding an operation is
// a constant here, a line in opSpecs, and its spec and API in one file.
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
	OpSpawn              // a thread starts another
	OpAwait              // a spinning thread waits for a location to change
	OpEpoch              // a new phase of calls: constructions and instances count afresh
	OpOpaque             // a step with unknown accesses: it conflicts with every step

	// The operations of model/sync (sync.go and the files it names).
	OpTryLock       // mutex try-lock (trylock.go)
	OpRLock         // RWMutex read lock (rwmutex.go)
	OpRUnlock       // RWMutex read unlock
	OpWLock         // RWMutex write lock, first step: the writer announces itself
	OpWWait         // RWMutex write lock, second step: the writer waits for the readers
	OpWUnlock       // RWMutex write unlock
	OpTryWLock      // RWMutex TryLock
	OpTryRLock      // RWMutex TryRLock
	OpWGAdd         // WaitGroup Add (waitgroup.go)
	OpWGWait        // WaitGroup Wait
	OpCondEnqueue   // Cond Wait, first step: take a ticket (cond.go)
	OpCondSleep     // Cond Wait, second step: wait until the ticket is signalled
	OpCondSignal    // Cond Signal
	OpCondBroadcast // Cond Broadcast
	OpSyncUpdate    // an operation on a Map or Pool that may change it (syncobject.go)
	OpSyncRead      // an operation on a Map that only reads it
	OpPoolGet       // Pool Get: a choice among the values put and not taken, or none

	// The atomic read-modify-write operations of model/sync/atomic (rmw.go).
	OpSwap // atomic swap: store a value, return the old one
	OpAdd  // atomic add: add to the value, return the old one
	OpAnd  // atomic and: bitwise-and into the value, return the old one
	OpOr   // atomic or: bitwise-or into the value, return the old one

	// The channel operations (chan.go).
	OpChanMake  // a channel is made
	OpChanSend  // a send on a channel
	OpChanRecv  // a receive from a channel
	OpChanClose // a channel is closed
	OpChanLen   // len of a channel
	OpSelect    // a select over channel cases
	OpChanWait  // a blocked channel operation or select waits to be completed

	OpWGSleep // WaitGroup Wait, second step: wait for the end of the round (waitgroup.go)

	numOps
)

// opSpec is everything the model knows about one kind of operation.
type opSpec struct {
	name string
	// fence: the operation drains its thread's store buffer before it
	// takes effect.
	fence bool
	// sync: the operation acts on a synchronization object (Op.Loc), whose
	// state before the event its event records (Event.Sync).
	sync bool
	// enabled reports whether t can perform op now; nil means always.
	enabled func(w *World, t *Thread, op *Op) bool
	// enabledIn reports whether op would be enabled for thread tid in a
	// past state of its object (SyncState, recorded before every event on
	// the object); nil means op never blocks.
	enabledIn func(op *Op, tid int, s SyncState) bool
	// accesses appends the footprint op has if t performs it now (see
	// deps.go). Fence reads are added by the caller.
	accesses func(w *World, t *Thread, op *Op, acc Footprint) Footprint
	// apply performs op for t: it changes the world, fills in ev's value
	// fields and returns what the thread's call returns.
	apply func(w *World, t *Thread, op *Op, ev *Event) Value
	// check, if set, runs the race detector and the oracles once the event
	// (number ev) is recorded.
	check func(w *World, t *Thread, op *Op, ev int)
	// choices, if set, is the number of ways op can go if t performs it now
	// (the values of a Choose, the ready cases of a select): the scheduler
	// decides among them (a choice decision) and apply reads the one taken
	// from World.choice. nil means one way.
	choices func(w *World, t *Thread, op *Op) int
	// woken: the operation is enabled only by another thread's step that
	// completes it (a channel operation that had to wait), whose KeyWake
	// it reads: it can never run before that step, so a search does not
	// reverse its race with it.
	woken bool
}

// opSpecs lists every operation's spec.
var opSpecs = [numOps]*opSpec{
	OpNone:        {name: "none"},
	OpLoad:        &loadSpec,
	OpStore:       &storeSpec,
	OpAtomicLoad:  &atomicLoadSpec,
	OpAtomicStore: &atomicStoreSpec,
	OpCAS:         &casSpec,
	OpLock:        &lockSpec,
	OpUnlock:      &unlockSpec,
	OpNew:         &newSpec,
	OpInit:        &initSpec,
	OpChoose:      &chooseSpec,
	OpObtain:      &obtainSpec,
	OpFlush:       {name: "flush"},
	OpEnd:         {name: "end"},
	OpAtomicInit:  &atomicInitSpec,
	OpSpawn:       &spawnSpec,
	OpAwait:       &awaitSpec,
	OpEpoch:       &epochSpec,
	OpOpaque:      &opaqueSpec,

	// model/sync
	OpTryLock:       &tryLockSpec,
	OpRLock:         &rLockSpec,
	OpRUnlock:       &rUnlockSpec,
	OpWLock:         &wLockSpec,
	OpWWait:         &wWaitSpec,
	OpWUnlock:       &wUnlockSpec,
	OpTryWLock:      &tryWLockSpec,
	OpTryRLock:      &tryRLockSpec,
	OpWGAdd:         &wgAddSpec,
	OpWGWait:        &wgWaitSpec,
	OpCondEnqueue:   &condEnqueueSpec,
	OpCondSleep:     &condSleepSpec,
	OpCondSignal:    &condSignalSpec,
	OpCondBroadcast: &condBroadcastSpec,
	OpSyncUpdate:    &syncUpdateSpec,
	OpSyncRead:      &syncReadSpec,
	OpPoolGet:       &poolGetSpec,

	// model/sync/atomic
	OpSwap: &swapSpec,
	OpAdd:  &addSpec,
	OpAnd:  &andSpec,
	OpOr:   &orSpec,

	// channels
	OpChanMake:  &chanMakeSpec,
	OpChanSend:  &chanSendSpec,
	OpChanRecv:  &chanRecvSpec,
	OpChanClose: &chanCloseSpec,
	OpChanLen:   &chanLenSpec,
	OpSelect:    &selectSpec,
	OpChanWait:  &chanWaitSpec,

	OpWGSleep: &wgSleepSpec,
}

func (k OpKind) String() string {
	if k < numOps {
		return opSpecs[k].name
	}
	return fmt.Sprintf("OpKind(%d)", uint8(k))
}

// IsFence reports whether the operation drains the performing thread's
// store buffer before it takes effect: mutex operations, atomics (Once is
// built from both), starting a thread and channel operations.
func (k OpKind) IsFence() bool { return k < numOps && opSpecs[k].fence }

// IsWoken reports whether the operation waits to be completed by another
// thread's step (a blocked channel operation): it reads the KeyWake that
// step writes and can never be moved before it.
func (k OpKind) IsWoken() bool { return k < numOps && opSpecs[k].woken }

// CanBlock reports whether the operation may have to wait (a lock).
func (k OpKind) CanBlock() bool { return k < numOps && opSpecs[k].enabled != nil }

// OnSync reports whether the operation acts on a synchronization object,
// so that its event records the object's state before it (Event.Sync).
func (k OpKind) OnSync() bool { return k < numOps && opSpecs[k].sync }

// Op is an announced operation: what a thread will do when next scheduled.
type Op struct {
	Kind OpKind
	// Loc is the location, mutex, class or object the operation names; -1 if none.
	Loc int
	// Arg is the value to store, the new value of a CAS, the field index of an
	// Init, the reference obtained, or the number of alternatives of a Choose.
	Arg Value
	// Old is the expected value of a CAS, or the object of an Init.
	Old Value
	// body is the body of the thread a Spawn starts.
	body Body
	// box is the Go value a store to external memory writes (Arg is its key).
	box any
	// await is what the failed iteration of an Await read.
	await []spinRead
	// rmw computes the Go value an Add, And or Or of external memory
	// writes from the one it finds and box (rmw.go).
	rmw rmwFunc
	// creates says the code that ran before the operation was announced
	// made new locations (see World.locMark).
	creates bool
	// resolve, if not nil, gives the operation's location when it runs
	// (Thread.ResolveAtStep; see late.go).
	resolve func(*Thread) int
}

// IsWrite reports whether the operation may change the location it names
// (a compare-and-swap counts, whether or not it succeeds).
func (k OpKind) IsWrite() bool {
	switch k {
	case OpStore, OpAtomicStore, OpCAS, OpInit, OpAtomicInit, OpFlush, OpNew:
		return true
	case OpSwap, OpAdd, OpAnd, OpOr:
		return true
	}
	return false
}
