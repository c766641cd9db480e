package explore

import (
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// TraceStep is one event of an execution, in words: what every renderer
// (text, table, JSON, Mermaid) prints.
type TraceStep struct {
	// Step is the 1-based position of the event in the execution.
	Step int
	// Thread is the thread's index; ThreadName is "T0", "T1", … or "init".
	Thread     int
	ThreadName string
	// Op is the operation: load, store, cas, lock, new, init, obtain, flush…
	Op string
	// Location names what the operation touched ("" if nothing).
	Location string
	// Value says what was read, written or obtained, as a person reads it:
	// "nil", "T#1", "0", "1"; for a CAS the value expected, the value it
	// tried to store and whether it succeeded: "nil→T#1 ok", or
	// "nil→T#1 failed, found T#2".
	Value string
	// Buffered is true for a plain store that went into a store buffer.
	Buffered bool
	// Violations detected at this step.
	Violations []model.Violation
}

// Trace turns an execution into its steps. Violations detected when no event
// happened (a deadlock) are attached to the last step, or, in an execution
// with no events, to a step of their own.
func Trace(e *scheduler.Execution) []TraceStep {
	w := e.World
	evs := w.Events()
	steps := make([]TraceStep, len(evs))
	for i, ev := range evs {
		steps[i] = TraceStep{
			Step:       i + 1,
			Thread:     ev.Thread,
			ThreadName: w.Threads()[ev.Thread].Name(),
			Op:         ev.Op.String(),
			Location:   locationText(w, ev),
			Value:      valueText(w, ev),
			Buffered:   ev.Buffered,
		}
	}
	for _, v := range w.Violations() {
		i := v.Event
		if i < 0 || i >= len(steps) {
			if len(steps) == 0 {
				steps = append(steps, TraceStep{Step: 1, Thread: -1, ThreadName: "-"})
			}
			i = len(steps) - 1
		}
		steps[i].Violations = append(steps[i].Violations, v)
	}
	return steps
}

func locationText(w *model.World, ev model.Event) string {
	switch ev.Op {
	case model.OpChoose, model.OpObtain:
		return ""
	}
	return w.LocName(ev.Loc)
}

// valueText prints an event's value: a reference by its object's name, zero
// as nil where the location holds references, other values as numbers.
func valueText(w *model.World, ev model.Event) string {
	ref := func(v model.Value) string {
		switch {
		case model.IsRef(v):
			return w.RefName(v)
		case v == model.Nil && pointerLike(w, ev):
			return "nil"
		}
		return fmt.Sprint(int64(v))
	}
	switch ev.Op {
	case model.OpLock, model.OpUnlock:
		return ""
	case model.OpInit, model.OpAtomicInit:
		return "done"
	case model.OpFlush:
		if ev.Loc >= 0 && w.LocKindOf(ev.Loc) == model.LocField {
			return "done" // the buffered init of a field reaches memory
		}
	case model.OpChoose:
		return fmt.Sprint(int64(ev.Value))
	case model.OpSwap, model.OpAdd, model.OpAnd, model.OpOr:
		return fmt.Sprintf("%s→%s", ref(ev.Old), ref(ev.Value))
	case model.OpCAS:
		if ev.OK {
			return fmt.Sprintf("%s→%s ok", ref(ev.Old), ref(ev.New))
		}
		return fmt.Sprintf("%s→%s failed, found %s", ref(ev.Old), ref(ev.New), ref(ev.Value))
	}
	return ref(ev.Value)
}

// pointerLike reports whether the event's location holds references: that of
// obtain and new, and variables for which holdsRefs says so.
func pointerLike(w *model.World, ev model.Event) bool {
	switch ev.Op {
	case model.OpNew, model.OpObtain:
		return true
	}
	return holdsRefs(w, ev.Loc)
}

// holdsRefs reports whether variable l holds references: it was declared
// to (model.NewPointerVar, model.NewAtomicPointer), or it held one at some
// point of the execution. A field holds a flag, never a reference.
func holdsRefs(w *model.World, l int) bool {
	if l < 0 || w.LocKindOf(l) == model.LocField {
		return false
	}
	if w.HoldsRefs(l) {
		return true
	}
	for _, o := range w.Events() {
		if o.Loc == l && o.Op != model.OpNew && (model.IsRef(o.Value) || model.IsRef(o.Old) || model.IsRef(o.New)) {
			return true
		}
	}
	return false
}

// FormatTrace renders an execution as text, one line per step:
//
//	3  T1  load    inst        nil
//	7  T1  new     T           T#2   ← multiple-construction: …
func FormatTrace(e *scheduler.Execution) string {
	var b strings.Builder
	for _, s := range Trace(e) {
		val := s.Value
		if s.Buffered {
			val += " (buffered)"
		}
		line := fmt.Sprintf("%4d  %-5s %-12s %-16s %s", s.Step, s.ThreadName, s.Op, s.Location, val)
		b.WriteString(strings.TrimRight(line, " "))
		for i, v := range s.Violations {
			if i == 0 {
				b.WriteString("   ← ")
			} else {
				b.WriteString("; ")
			}
			b.WriteString(v.String())
		}
		b.WriteByte('\n')
	}
	if msg := e.Message(); msg != "" {
		b.WriteString(msg)
		b.WriteByte('\n')
	}
	return b.String()
}
