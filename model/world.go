package model

import (
	"fmt"
	"strings"
)

// LocKind says what a location of a World is.
type LocKind uint8

// The kinds of location.
const (
	LocVar    LocKind = iota // a plain variable
	LocAtomic                // an atomic variable
	LocMutex                 // a mutex
	LocRMutex                // a reentrant mutex
	LocClass                 // a class: the target of constructions
	LocField                 // a field of an object (plain)
)

// location is one addressable thing of a World: a variable, a mutex, a class
// or an object's field. Operations name locations by index.
type location struct {
	name  string
	kind  LocKind
	val   Value // memory contents (variables, fields)
	owner int   // mutex owner, -1 if free
	count int   // mutex recursion depth; constructions of a class
	clock VC    // release clock for synchronization (atomics, mutexes); nil until used
	obj   int   // for fields: the object; -1 otherwise
	inits int   // for fields: how many times initialized

	fieldNames []string // for classes: the names of the fields of its objects
	// atomicFields marks a class whose fields are atomic, and each of
	// those fields.
	atomicFields bool
	// refs marks a variable declared to hold references (NewPointerVar,
	// NewAtomicPointer), so that a trace prints its zero as nil.
	refs bool
}

// object is one allocated instance of a Class.
type object struct {
	class    int   // location of the class
	fields   []int // locations of the fields
	obtained bool  // handed out to a caller
	number   int   // 1 for the first object of its class, 2 for the second…
}

// World is the state of one execution: its locations, threads, events and
// violations. It is built afresh for every execution by a Program, and driven
// step by step by a scheduler through Step and Flush. A World is not safe for
// concurrent use; it needs none, since coroutines run one at a time.
type World struct {
	memory     Memory
	locs       []location
	objects    []object
	threads    []*Thread
	events     []Event
	violations []Violation
	obtained   Value // the first non-nil instance obtained, or Nil
	clockArena []uint32
	nthreads   int
	initBody   Body
	raceStates []raceState // indexed by location, grown on demand
	// races enables the happens-before data-race detector.
	races bool
}

// NewWorld returns an empty world under memory model m. sizeHint, the
// number of events the execution is expected to have (0 if unknown), only
// saves allocations.
func NewWorld(m Memory, sizeHint int) *World {
	w := &World{memory: m, races: true}
	if sizeHint > 0 {
		w.events = make([]Event, 0, sizeHint)
	}
	return w
}

// Memory is the world's memory model.
func (w *World) Memory() Memory { return w.memory }

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

// Threads are the threads of the world, workers first and, if the program
// has one, the init thread last.
func (w *World) Threads() []*Thread { return w.threads }

// Events is the record of the execution so far. The slice and its events
// must not be modified.
func (w *World) Events() []Event { return w.events }

// Violations found so far, in the order they were detected.
func (w *World) Violations() []Violation { return w.violations }

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
		Kind: k, Event: len(w.events) - 1, Thread: thread, Msg: fmt.Sprintf(format, args...),
	})
}

// ReportDeadlock records a deadlock, detected when no thread could move.
func (w *World) ReportDeadlock() {
	var blocked []string
	for _, t := range w.threads {
		if !t.done {
			blocked = append(blocked, fmt.Sprintf("%s waits to %s %s", t.Name(), t.pending.Kind, w.LocName(t.pending.Loc)))
		}
	}
	w.violations = append(w.violations, Violation{Kind: Deadlock, Event: -1, Thread: -1,
		Msg: strings.Join(blocked, "; ")})
}

// snapshotClock copies c into the world's clock arena, so that events do not
// cost an allocation each.
func (w *World) snapshotClock(c VC) VC {
	n := len(c)
	if len(w.clockArena) < n {
		// Enough for the events the world expects, at least 16.
		w.clockArena = make([]uint32, max(cap(w.events)-len(w.events), 16)*n)
	}
	s := VC(w.clockArena[:n:n])
	w.clockArena = w.clockArena[n:]
	copy(s, c)
	return s
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
	for _, t := range w.threads {
		mix(uint64(t.id) | 1<<32)
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
// observer of the end state.
func (w *World) Outcome() string {
	var b strings.Builder
	for _, l := range w.locs {
		if l.kind == LocVar || l.kind == LocAtomic {
			fmt.Fprintf(&b, "%s=%d ", l.name, l.val)
		}
	}
	for _, t := range w.threads {
		if len(t.obtained) == 0 && len(t.observed) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s:", t.Name())
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
