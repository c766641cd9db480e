package model

// Locations accessed both plainly and atomically, as Go allows for one
// variable (model.Read and model.Write, or model.Shared, beside the
// drop-in package model/sync/atomic on the same address). The Go memory
// model (https://go.dev/ref/mem) calls two accesses of one location, at
// least one a write, a data race unless both are atomic: so an atomic
// access races with a plain access it is not ordered with, and two atomic
// accesses never race. Only external memory can be accessed both ways (a
// Var is plain, an Atomic atomic), so atomics of other locations skip this
// bookkeeping.
//
// Per location the detector keeps, beside the plain accesses of race.go,
// the last atomic write and each thread's last atomic read, as epochs; a
// plain access is checked against them, an atomic access against the plain
// ones only. A read-modify-write is recorded as an atomic write (a later
// plain read or write that it is not ordered with races with it either
// way).

// atomicState is the atomic accesses of one location.
type atomicState struct {
	write epoch
	reads []epoch
}

// accessWord names an access in a race report: "read", "write", "atomic
// read" or "atomic write".
func accessWord(a MemAccess) string {
	if a.Atomic {
		return "atomic " + kindWord(a.Write)
	}
	return kindWord(a.Write)
}

// checkPlain reports the races of plain access cur of loc by t with the
// atomic accesses of loc: a write with all of them, a read with the
// atomic write.
func (s *atomicState) checkPlain(w *World, t *Thread, loc int, cur MemAccess) {
	if !before(s.write, t) {
		w.reportRace(loc, s.write.acc, cur)
	}
	if !cur.Write {
		return
	}
	for _, r := range s.reads {
		if !before(r, t) {
			w.reportRace(loc, r.acc, cur)
		}
	}
}

// atomicOf is the atomic bookkeeping of loc, made on first use, or nil if
// loc cannot also be accessed plainly or races are not detected.
func (w *World) atomicOf(loc int) (*raceState, *atomicState) {
	if !w.races || w.locs[loc].ext == nil {
		return nil, nil
	}
	rs := w.raceOf(loc)
	if rs.atomic == nil {
		rs.atomic = &atomicState{write: epoch{acc: MemAccess{Thread: -1}}}
	}
	for len(rs.atomic.reads) < len(w.threads) {
		rs.atomic.reads = append(rs.atomic.reads, epoch{acc: MemAccess{Thread: -1}})
	}
	return rs, rs.atomic
}

// checkAtomicRead records an atomic read of Op.Loc (an atomic load, a
// failed compare-and-swap) at event ev, reporting a race with the last
// plain write.
func checkAtomicRead(w *World, t *Thread, op *Op, ev int) {
	rs, as := w.atomicOf(op.Loc)
	if rs == nil {
		return
	}
	cur := epoch{t.clock[t.id], MemAccess{Thread: t.id, Event: ev, Atomic: true}}
	if !before(rs.write, t) {
		w.reportRace(op.Loc, rs.write.acc, cur.acc)
	}
	as.reads[t.id] = cur
}

// checkAtomicWrite records an atomic write of Op.Loc (an atomic store, a
// successful compare-and-swap, a read-modify-write) at event ev, reporting
// races with the last plain write and the plain reads not ordered before
// it.
func checkAtomicWrite(w *World, t *Thread, op *Op, ev int) {
	rs, as := w.atomicOf(op.Loc)
	if rs == nil {
		return
	}
	cur := epoch{t.clock[t.id], MemAccess{Thread: t.id, Event: ev, Write: true, Atomic: true}}
	if !before(rs.write, t) {
		w.reportRace(op.Loc, rs.write.acc, cur.acc)
	}
	for _, r := range rs.reads {
		if !before(r, t) {
			w.reportRace(op.Loc, r.acc, cur.acc)
		}
	}
	as.write = cur
}

// checkCAS is checkAtomicWrite for a successful compare-and-swap, else
// checkAtomicRead.
func checkCAS(w *World, t *Thread, op *Op, ev int) {
	if w.events[ev].OK {
		checkAtomicWrite(w, t, op, ev)
	} else {
		checkAtomicRead(w, t, op, ev)
	}
}
