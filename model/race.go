package model

import "fmt"

// The data-race detector, in the style of FastTrack (Flanagan and Freund,
// "FastTrack: efficient and precise dynamic race detection", PLDI 2009).
//
// Happens-before is built from synchronization only, as the Go memory model
// defines it (https://go.dev/ref/mem): program order; the init thread's steps
// before every worker's (package initialization); an unlock before every
// later lock of the same mutex; and an atomic write (store or successful
// compare-and-swap) before every atomic read (load or compare-and-swap) that
// observes it. Two atomic stores do not synchronize with each other: a store
// observes nothing. The clocks live in Thread.clock and in the release clock
// of each atomic and mutex; they are unrelated to any dependency relation a
// search strategy uses.
//
// Per plain location the detector keeps the last write as an epoch and the
// last read of each thread. Two plain accesses to one location, at least one
// a write, race when neither happens before the other; atomics never race.
// The detector is precise up to the first race on each location: every race
// it reports is a real one, and the first access (in execution order) that
// races with an earlier access to its location is reported at that access.
// After a location's first race, later races on it may go unreported (as in
// FastTrack), but the verdict does not depend on them.

// MemAccess is one plain memory access, as a race report names it.
type MemAccess struct {
	// Thread performed the access.
	Thread int
	// Event is the index of the access's event in World.Events (its step in
	// a trace is Event+1).
	Event int
	// Write is true for a store or field initialization, false for a load
	// (an Obtain reads the fields of the instance it obtains).
	Write bool
	// Atomic is true for an atomic access of a location that is also
	// accessed plainly (race_mixed.go).
	Atomic bool
}

// Race is the detail of a data-race violation: two conflicting plain
// accesses to Loc, neither of which happens before the other. First is the
// earlier of the two in the execution.
type Race struct {
	Loc    int
	First  MemAccess
	Second MemAccess
}

// epoch is one remembered access: the accessing thread's own clock entry at
// the access, and the access itself.
type epoch struct {
	clock uint32
	acc   MemAccess
}

// raceState is the detector's memory of one plain location.
type raceState struct {
	write epoch   // last write; write.acc.Thread is -1 if none
	reads []epoch // last read of each thread; acc.Thread is -1 if none
	// atomic is the atomic accesses of a location also accessed plainly
	// (race_mixed.go); nil until the first atomic access.
	atomic *atomicState
}

func (w *World) raceOf(loc int) *raceState {
	if loc >= len(w.raceStates) {
		w.raceStates = append(w.raceStates, make([]raceState, len(w.locs)-len(w.raceStates))...)
	}
	rs := &w.raceStates[loc]
	if rs.reads == nil {
		rs.write = epoch{acc: MemAccess{Thread: -1}}
		rs.reads = make([]epoch, 0, len(w.threads))
	}
	for len(rs.reads) < len(w.threads) {
		rs.reads = append(rs.reads, epoch{acc: MemAccess{Thread: -1}})
	}
	return rs
}

// before reports whether the remembered access e happens before the current
// step of thread t (or is one of t's own earlier steps).
func before(e epoch, t *Thread) bool {
	tid := e.acc.Thread
	return tid < 0 || tid == t.id || e.clock <= t.clock.At(tid)
}

// checkRead records a plain read of loc by t at event ev, reporting a race
// with the last write.
func (w *World) checkRead(t *Thread, loc, ev int) {
	rs := w.raceOf(loc)
	cur := epoch{t.clock[t.id], MemAccess{Thread: t.id, Event: ev}}
	if !before(rs.write, t) {
		w.reportRace(loc, rs.write.acc, cur.acc)
	}
	if rs.atomic != nil {
		rs.atomic.checkPlain(w, t, loc, cur.acc)
	}
	rs.reads[t.id] = cur
}

// checkWrite records a plain write of loc by t at event ev, reporting a
// race with the last write and with every thread's last read not ordered
// before it. (A thread's earlier reads happen before its last one, so the
// last read of each thread stands for all of them.)
func (w *World) checkWrite(t *Thread, loc, ev int) {
	rs := w.raceOf(loc)
	cur := epoch{t.clock[t.id], MemAccess{Thread: t.id, Event: ev, Write: true}}
	if !before(rs.write, t) {
		w.reportRace(loc, rs.write.acc, cur.acc)
	}
	for _, r := range rs.reads {
		if !before(r, t) {
			w.reportRace(loc, r.acc, cur.acc)
		}
	}
	if rs.atomic != nil {
		rs.atomic.checkPlain(w, t, loc, cur.acc)
	}
	rs.write = cur
}

func kindWord(write bool) string {
	if write {
		return "write"
	}
	return "read"
}

// reportRace records a data-race violation between prev and cur on loc,
// detected at cur.
func (w *World) reportRace(loc int, prev, cur MemAccess) {
	w.violations = append(w.violations, Violation{
		Kind: DataRace, Event: cur.Event, Thread: cur.Thread,
		Race: &Race{Loc: loc, First: prev, Second: cur},
		lazy: func() string {
			return fmt.Sprintf("%s of %s by %s at step %d races with the %s by %s at step %d: neither happens before the other",
				accessWord(cur), w.LocName(loc), w.threads[cur.Thread].Name(), cur.Event+1,
				accessWord(prev), w.threads[prev.Thread].Name(), prev.Event+1)
		},
	})
}

// acquire makes t's clock include the release clock of l: t's next steps
// happen after every step released into l.
func (w *World) acquire(t *Thread, l *location) {
	if l.clock != nil {
		t.clock.Join(l.clock)
	}
}

// release makes l's release clock include t's clock (an unlock, or a
// compare-and-swap, which continues the release sequence of the store it
// read from).
func (w *World) release(t *Thread, l *location) {
	if l.clock == nil {
		l.clock = make(VC, 0, len(t.clock))
	}
	l.clock.Join(t.clock)
}

// releaseStore sets l's release clock to t's clock: an atomic store, after
// which an atomic read of l observes this store and no earlier one.
func (w *World) releaseStore(t *Thread, l *location) {
	l.clock = append(l.clock[:0], t.clock...)
}
