package model

import (
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"unsafe"
)

// LocKind says what a location of a World is.
type LocKind uint8

// The kinds of location.
const (
	LocVar        LocKind = iota // a plain variable
	LocAtomic                    // an atomic variable
	LocMutex                     // a mutex
	LocRMutex                    // a reentrant mutex
	LocClass                     // a class: the target of constructions
	LocField                     // a field of an object (plain)
	LocRWMutex                   // a reader/writer mutex (rwmutex.go)
	LocWaitGroup                 // a wait group (waitgroup.go)
	LocCond                      // a condition variable (cond.go)
	LocSyncObject                // a map or pool of model/sync (syncobject.go)
	LocChan                      // a channel (chan.go)
)

// location is one addressable thing of a World: a variable, a mutex, a class
// or an object's field. Operations name locations by index.
type location struct {
	name  string
	kind  LocKind
	val   Value // memory contents (variables, fields)
	owner int   // reentrant mutex owner, -1 if free
	count int   // mutex depth; constructions of a class
	base  int   // for classes: the constructions before the current epoch (NewEpoch)
	clock VC    // release clock for synchronization (atomics, mutexes); nil until used
	obj   int   // for fields: the object; -1 otherwise
	inits int   // for fields: how many times initialized
	// lastStore is the buffered store whose flush wrote memory last (Kind
	// KeyNone if the last write was not a flush).
	lastStore Key
	// ext is the Go variable behind external memory (external.go), nil if
	// the World holds the value.
	ext *external

	fieldNames []string // for classes: the names of the fields of its objects
	// atomicFields marks a class whose fields are atomic, and each of
	// those fields.
	atomicFields bool
	// refs marks a variable declared to hold references (NewPointerVar,
	// NewAtomicPointer), so that a trace prints its zero as nil.
	refs bool
	// The state of the primitives of model/sync beyond owner and count:
	// rclock is an RWMutex's release clock of its readers, holds its read
	// holds per thread; aux is a Cond's next ticket (see their files).
	rclock VC
	holds  []int
	aux    int
}

// object is one allocated instance of a Class.
type object struct {
	class    int   // location of the class
	fields   []int // locations of the fields
	obtained bool  // handed out to a caller
	number   int   // 1 for the first object of its class, 2 for the second…
}

// World is the state of one execution: its locations, threads, events and
// violations. It is built afresh for every execution: a Program's Build
// creates its shared state in it, and a scheduler drives it step by step
// through a Driver. A World is not safe for concurrent use; it needs none,
// since the threads of an execution run one at a time.
type World struct {
	// unmanaged says how checked code was seen to start a goroutine with
	// a go statement (unmanaged.go); written by that goroutine.
	unmanaged  atomic.Pointer[string]
	implicit   bool // an implicit execution (Driver.Enter)
	mem        Memory
	locs       []location
	objects    []object
	threads    []*Thread
	events     []Event
	violations []Violation
	obtained   Value // the first non-nil instance obtained, or Nil
	clockArena Arena[uint32]
	accArena   Arena[Access]
	// stepAcc and stepEv are Driver.Step's scratch for the footprint and
	// the event it builds, kept here so that they are not allocated on
	// every step (the operation's functions take pointers to them); record
	// copies both.
	stepAcc    Footprint
	stepEv     Event
	initBody   Body
	raceStates []raceState // indexed by location, grown on demand
	// races enables the happens-before data-race detector.
	races bool
	// deps computes the dependency clocks of events, the first depsDone
	// of them so far; nil until asked for.
	deps     *depTracker
	depsDone int
	// decision is the index of the decision being applied; choice the
	// value a pending Choose takes.
	decision, choice int
	// spawn starts the coroutine of a new thread (set by the driver's
	// user); newborn are the threads the current step started.
	spawn      func(child *Thread, run func(yield func() bool))
	newborn    []newborn
	maxThreads int
	workers    int
	symGroups  []int // which workers are interchangeable (SetSymmetryGroups)
	// extLocs are the locations of external memory, by address;
	// constructed the objects marked with Constructed, by address; ptrKeys
	// the keys of other pointers seen (external.go).
	extLocs map[unsafe.Pointer]int
	// locMark is the number of locations when the running thread of an
	// implicit execution was last resumed (marking says it is kept).
	// Ordinary Go code makes the location of a variable, a drop-in
	// primitive or a channel on first use, so which thread makes it first,
	// and the number it gets, depends on the schedule. The operation a
	// thread announces after making locations therefore writes allocation
	// order (KeyAlloc), like an allocation: two goroutines that each make
	// a location never commute, and every execution of one trace numbers
	// its locations alike, which the dependency keys rely on.
	//
	// Locations made before the first step of a worker (by the init
	// thread, and by the workers as they announce their first operations,
	// which they do in thread order before any decision) are the
	// exception: that code runs in the same order in every execution, so
	// their numbers need no ordering, and the operation announced after
	// them does not write allocation order (scheduled says the prefix is
	// over). Counting them would charge the write to whichever worker
	// announces first, worker 0, and no other: executions equal up to
	// renaming identical workers would then differ in that write, and
	// renaming would not map traces to traces, as symmetry reduction
	// assumes (explore/symmetry.go).
	locMark     int
	marking     bool
	scheduled   bool
	lastExt     unsafe.Pointer // the address externalLoc looked up last, and its location
	lastExtLoc  int
	constructed map[uintptr]Value
	ptrKeys     map[uintptr]Value
	classes     map[reflect.Type]int // the class of each Go type constructed
	chans       *chanWorld           // the channels' state (chan.go), nil until one is made
	goObjects   []goObject           // the Go objects constructed (construct_fields.go)
}

type newborn struct {
	t   *Thread
	run func(yield func() bool)
}

// Memory is the world's memory model.
func (w *World) Memory() Memory { return w.mem }

func (w *World) newLoc(name string, k LocKind) int {
	w.locs = append(w.locs, location{name: name, kind: k, owner: -1, obj: -1})
	return len(w.locs) - 1
}

// LocName is the name of location l, as the trace prints it: a field is
// named by its class, object number and field name, as "T#1.ready".
func (w *World) LocName(l int) string {
	if l < 0 || l >= len(w.locs) {
		return "-"
	}
	loc := &w.locs[l]
	if loc.kind == LocField && loc.name == "" {
		obj := w.objects[loc.obj]
		for i, f := range obj.fields {
			if f == l {
				loc.name = w.RefName(RefOf(loc.obj+1)) + "." + w.locs[obj.class].fieldNames[i]
			}
		}
	}
	return loc.name
}

// LocKindOf is the kind of location l.
func (w *World) LocKindOf(l int) LocKind { return w.locs[l].kind }

// NumLocs is the number of locations created so far.
func (w *World) NumLocs() int { return len(w.locs) }

// Threads are the threads of the world in the order they were created: the
// workers Build returned, then the init thread if the program has one, then
// the threads started during the execution.
func (w *World) Threads() []*Thread { return w.threads }

// Events is the record of the execution so far. The slice and its events
// must not be modified.
func (w *World) Events() []Event { return w.events }

// Violations found so far, in the order they were detected.
// Their messages are written when first asked for: a search that only
// counts kinds (ViolationKinds) never formats them.
func (w *World) Violations() []Violation {
	for i := range w.violations {
		if v := &w.violations[i]; v.lazy != nil {
			v.Msg, v.lazy = v.lazy(), nil
		}
	}
	return w.violations
}

// ViolationKinds appends to dst the kind of every violation found so far,
// in order (cheaper than Violations, which formats their messages).
func (w *World) ViolationKinds(dst []Kind) []Kind {
	for _, v := range w.violations {
		dst = append(dst, v.Kind)
	}
	return dst
}

// NumObjects is the number of objects allocated so far; RefOf(1) to
// RefOf(NumObjects()) name them.
func (w *World) NumObjects() int { return len(w.objects) }

// ObjectOf returns the class location of the object a reference names and
// the locations of its fields; ok is false for Nil or a dangling reference.
func (w *World) ObjectOf(ref Value) (class int, fields []int, ok bool) {
	i := RefNumber(ref) - 1
	if i < 0 || i >= len(w.objects) {
		return -1, nil, false
	}
	return w.objects[i].class, w.objects[i].fields, true
}

func (w *World) violate(k Kind, thread int, format string, args ...any) {
	w.violations = append(w.violations, Violation{
		Kind: k, Event: len(w.events) - 1, Thread: thread, lazy: func() string { return fmt.Sprintf(format, args...) },
	})
}

// snapshotClock copies c into the world's clock arena, so that events do not
// cost an allocation each.
func (w *World) snapshotClock(c VC) VC {
	return w.clockArena.Copy(c, cap(w.events)-len(w.events), 4)
}

// snapshotAcc copies a footprint into the world's access arena.
func (w *World) snapshotAcc(acc Footprint) Footprint {
	return w.accArena.Copy(acc, cap(w.events)-len(w.events), 2)
}

// Process is the process numbered p in the Proc field of events: a thread
// or a store buffer. It panics unless TrackDependencies numbered it.
func (w *World) Process(p int) Process { return w.deps.procs[p] }

// NumProcesses is the number of processes the execution's events belong
// to, as far as TrackDependencies has numbered them.
func (w *World) NumProcesses() int {
	if w.deps == nil {
		return 0
	}
	return len(w.deps.procs)
}

// OutcomeHash is a hash of Outcome, cheaper to compute: equal outcomes have
// equal hashes, and distinct ones almost surely differ.
func (w *World) OutcomeHash() uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	mix := func(v uint64) {
		for range 8 {
			h ^= v & 0xff
			h *= prime
			v >>= 8
		}
	}
	for i, l := range w.locs {
		if l.kind == LocVar || l.kind == LocAtomic {
			mix(uint64(i))
			mix(uint64(l.val))
		}
	}
	for _, t := range w.outcomeOrder() {
		for _, c := range t.spawnPath() {
			mix(uint64(c) | 1<<32)
		}
		for _, r := range t.obtained {
			mix(uint64(r))
		}
		for _, o := range t.observed {
			for j := 0; j < len(o.name); j++ {
				mix(uint64(o.name[j]))
			}
			mix(uint64(o.val))
		}
	}
	return h
}

// Outcome is a canonical text of the execution's final state: the values of
// all variables, the instance each thread obtained, and the values threads
// observed. Two executions with equal outcomes are indistinguishable to an
// observer of the end state. A thread started during the execution is
// named by its place in the spawn tree (T0.1, T0.1.2; see outcome.go), so
// that executions of one trace have one outcome.
func (w *World) Outcome() string {
	var b strings.Builder
	for _, l := range w.locs {
		if l.kind == LocVar || l.kind == LocAtomic {
			fmt.Fprintf(&b, "%s=%d ", l.name, l.val)
		}
	}
	for _, t := range w.outcomeOrder() {
		if len(t.obtained) == 0 && len(t.observed) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s:", t.outcomeName())
		for _, r := range t.obtained {
			fmt.Fprintf(&b, " got=%s", w.RefName(r))
		}
		for _, o := range t.observed {
			fmt.Fprintf(&b, " %s=%d", o.name, o.val)
		}
		b.WriteString(" ")
	}
	return strings.TrimSpace(b.String())
}

// ProcessIndex is the number of process p in the Proc field of events, if
// TrackDependencies has numbered it.
func (w *World) ProcessIndex(p Process) (int, bool) {
	if w.deps == nil {
		return 0, false
	}
	i, ok := w.deps.index[p]
	return i, ok
}
