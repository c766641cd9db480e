package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// LocationState is one shared location at one step of an execution.
type LocationState struct {
	// Name is the location's name: "inst", "mu", "T#1.ready".
	Name string
	// Kind is "var", "atomic", "mutex" or "field".
	Kind string
	// Value is what it holds, as a person reads it: "nil", "T#1", "0" for a
	// variable; "free", "held by T0" (or "held by T0 ×2", reentrant) for a
	// mutex; "initialized" or "not initialized" for a field, "" for a field
	// of an object not constructed yet.
	Value string
	// Raw is the value in memory (a variable's or field's; a mutex's
	// recursion depth).
	Raw model.Value
}

// BufferState is one store buffer's contents at one step: under TSO a
// thread's only buffer, under PSO its buffer for one location.
type BufferState struct {
	Thread     int
	ThreadName string
	// Location is the location of a PSO buffer; "" under TSO.
	Location string
	// Entries are the stores waiting, oldest first: "inst ← T#1".
	Entries []string
}

// TraceState is the shared state after one step: every location, and every
// store buffer the execution ever uses, in a fixed order for all steps.
type TraceState struct {
	Locations []LocationState
	Buffers   []BufferState
}

// TraceStates returns the shared state before the first step of Trace(e)
// (states[0]) and after each step (states[i] after step i), recomputed from
// the execution's events: memory is written by unbuffered stores, flushes,
// atomics and field initializations; a buffered store waits in its buffer
// until its flush.
func TraceStates(e *scheduler.Execution) []TraceState {
	w := e.World
	evs := w.Events()
	st := newStateMachine(w, evs)
	states := []TraceState{st.snapshot()}
	for _, ev := range evs {
		st.apply(ev)
		states = append(states, st.snapshot())
	}
	if len(evs) == 0 && len(w.Violations()) > 0 { // Trace's pseudo-step of a violation with no event
		states = append(states, st.snapshot())
	}
	return states
}

// bufferKey names a store buffer: a thread's, and under PSO a location's
// (loc is -1 under TSO).
type bufferKey struct{ thread, loc int }

type bufEntry struct {
	loc int
	val model.Value
}

// stateMachine replays events onto the shared state.
type stateMachine struct {
	w       *model.World
	pso     bool
	locs    []int // the locations shown, in location order
	refs    []bool
	val     []model.Value
	owner   []int
	built   []bool // for fields: the object exists
	buffers []bufferKey
	buf     map[bufferKey][]bufEntry
}

func newStateMachine(w *model.World, evs []model.Event) *stateMachine {
	n := w.NumLocs()
	st := &stateMachine{w: w, pso: w.Memory() == model.PSO, refs: make([]bool, n),
		val: make([]model.Value, n), owner: make([]int, n), built: make([]bool, n),
		buf: map[bufferKey][]bufEntry{}}
	for l := range n {
		st.owner[l] = -1
		if w.LocKindOf(l) != model.LocClass {
			st.locs = append(st.locs, l)
			st.refs[l] = holdsRefs(w, l)
		}
	}
	for _, ev := range evs {
		if ev.Buffered {
			if k := st.key(ev); !containsKey(st.buffers, k) {
				st.buffers = append(st.buffers, k)
			}
		}
	}
	return st
}

func containsKey(ks []bufferKey, k bufferKey) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func (st *stateMachine) key(ev model.Event) bufferKey {
	if st.pso {
		return bufferKey{ev.Thread, ev.Loc}
	}
	return bufferKey{ev.Thread, -1}
}

func (st *stateMachine) apply(ev model.Event) {
	switch ev.Op {
	case model.OpStore, model.OpInit:
		if ev.Buffered {
			k := st.key(ev)
			st.buf[k] = append(st.buf[k], bufEntry{ev.Loc, ev.Value})
			return
		}
		st.val[ev.Loc] = ev.Value
	case model.OpFlush:
		k := st.key(ev)
		for i, e := range st.buf[k] {
			if e.loc == ev.Loc {
				st.buf[k] = append(st.buf[k][:i:i], st.buf[k][i+1:]...)
				break
			}
		}
		st.val[ev.Loc] = ev.Value
	case model.OpAtomicStore, model.OpAtomicInit, model.OpSwap, model.OpAdd, model.OpAnd, model.OpOr:
		st.val[ev.Loc] = ev.Value
	case model.OpCAS:
		if ev.OK {
			st.val[ev.Loc] = ev.Value
		}
	case model.OpLock:
		st.owner[ev.Loc] = ev.Thread
		st.val[ev.Loc]++
	case model.OpUnlock:
		if ev.Value == 0 && st.val[ev.Loc] > 0 { // 1: an unlock of a mutex not held
			st.val[ev.Loc]--
			if st.val[ev.Loc] == 0 {
				st.owner[ev.Loc] = -1
			}
		}
	case model.OpNew:
		if _, fields, ok := st.w.ObjectOf(ev.Value); ok {
			for _, f := range fields {
				st.built[f] = true
			}
		}
	}
}

func (st *stateMachine) snapshot() TraceState {
	var s TraceState
	for _, l := range st.locs {
		ls := LocationState{Name: st.w.LocName(l), Raw: st.val[l]}
		switch st.w.LocKindOf(l) {
		case model.LocVar, model.LocAtomic:
			ls.Kind = "var"
			if st.w.LocKindOf(l) == model.LocAtomic {
				ls.Kind = "atomic"
			}
			ls.Value = st.valueText(l, st.val[l])
		case model.LocMutex, model.LocRMutex:
			ls.Kind, ls.Value = "mutex", "free"
			if o := st.owner[l]; o >= 0 {
				ls.Value = "held by " + st.w.Threads()[o].Name()
				if st.val[l] > 1 {
					ls.Value += fmt.Sprintf(" ×%d", st.val[l])
				}
			}
		case model.LocField:
			if !st.built[l] {
				continue // its object does not exist yet
			}
			ls.Kind, ls.Value = "field", "not initialized"
			if st.val[l] != 0 {
				ls.Value = "initialized"
			}
		}
		s.Locations = append(s.Locations, ls)
	}
	for _, k := range st.buffers {
		b := BufferState{Thread: k.thread, ThreadName: st.w.Threads()[k.thread].Name()}
		if k.loc >= 0 {
			b.Location = st.w.LocName(k.loc)
		}
		for _, e := range st.buf[k] {
			v := st.valueText(e.loc, e.val)
			if st.w.LocKindOf(e.loc) == model.LocField {
				v = "initialized"
			}
			b.Entries = append(b.Entries, st.w.LocName(e.loc)+" ← "+v)
		}
		s.Buffers = append(s.Buffers, b)
	}
	return s
}

// valueText prints a variable's value as the trace does: a reference by
// its object's name, zero as nil where the location holds references.
func (st *stateMachine) valueText(l int, v model.Value) string {
	switch {
	case model.IsRef(v):
		return st.w.RefName(v)
	case v == model.Nil && st.refs[l]:
		return "nil"
	}
	return fmt.Sprint(int64(v))
}
