package model

import "fmt"

// The data-race detector: happens-before from synchronization only (program
// order, mutexes, atomics, Once, thread start), in the style of FastTrack
// (Flanagan and Freund, PLDI 2009): per plain location, the last write as an
// epoch and the last read of each thread. Two plain accesses to one location,
// at least one a write, race when neither happens before the other. It is
// separate from any dependency relation a search uses.

// access is one plain access remembered for race detection.
type access struct {
	thread int
	epoch  uint32 // the thread's own clock entry at the access
	event  int    // index of the event
}

// raceState is the detector's memory of one plain location.
type raceState struct {
	write access   // last write; thread -1 if none
	reads []access // last read of each thread; thread -1 if none
}

func (w *World) raceOf(loc int) *raceState {
	if loc >= len(w.raceStates) {
		w.raceStates = append(w.raceStates, make([]raceState, len(w.locs)-len(w.raceStates))...)
	}
	rs := &w.raceStates[loc]
	if rs.reads == nil {
		rs.write = access{thread: -1}
		rs.reads = make([]access, w.nthreads)
		for i := range rs.reads {
			rs.reads[i].thread = -1
		}
	}
	return rs
}

// happensBefore reports whether access a happens before the current step of
// thread t.
func happensBefore(a access, t *Thread) bool {
	return a.thread < 0 || a.thread == t.id || a.epoch <= t.clock[a.thread]
}

// checkRead records a plain read of loc by t at event ev, reporting a race
// with the last write.
func (w *World) checkRead(t *Thread, loc, ev int) {
	rs := w.raceOf(loc)
	if !happensBefore(rs.write, t) {
		w.reportRace(t, loc, rs.write, "write", "read")
	}
	rs.reads[t.id] = access{t.id, t.clock[t.id], ev}
}

// checkWrite records a plain write of loc by t at event ev, reporting a
// race with the last write and with every read not ordered before it.
func (w *World) checkWrite(t *Thread, loc, ev int) {
	rs := w.raceOf(loc)
	if !happensBefore(rs.write, t) {
		w.reportRace(t, loc, rs.write, "write", "write")
	}
	for _, r := range rs.reads {
		if !happensBefore(r, t) {
			w.reportRace(t, loc, r, "read", "write")
		}
	}
	rs.write = access{t.id, t.clock[t.id], ev}
}

func (w *World) reportRace(t *Thread, loc int, prev access, prevKind, kind string) {
	w.violations = append(w.violations, Violation{
		Kind: DataRace, Event: len(w.events) - 1, Thread: t.id,
		Msg: fmt.Sprintf("%s of %s by %s at step %d races with the %s by %s at step %d: neither happens before the other",
			kind, w.LocName(loc), t.Name(), len(w.events), prevKind, w.threads[prev.thread].Name(), prev.event+1),
	})
}

// checkRaces runs the detector on the event just recorded by t.
func (w *World) checkRaces(t *Thread, op Op, ev int) {
	switch op.Kind {
	case OpLoad:
		w.checkRead(t, op.Loc, ev)
	case OpStore, OpInit:
		w.checkWrite(t, op.Loc, ev)
	case OpObtain:
		// Using an instance reads its fields.
		if _, fields, ok := w.ObjectOf(op.Arg); ok {
			for _, f := range fields {
				w.checkRead(t, f, ev)
			}
		}
	}
}
