package model

import (
	"fmt"
	"strings"
)

// DriverOptions configure the world of one execution.
type DriverOptions struct {
	Memory Memory
	// NoRaces turns the happens-before data-race detector off.
	NoRaces bool
	// SizeHint is the number of events the execution is expected to have
	// (0 if unknown). It only saves allocations.
	SizeHint int
	// MaxThreads bounds the threads of the execution, those started during
	// it included; 0 means no bound. Starting one more panics with a
	// message that names the likely cause.
	MaxThreads int
}

// Driver is the scheduler's handle on a World: what only the code that
// runs an execution needs (adding threads, stepping them, flushing
// buffers). A protocol's Build sees the World alone.
type Driver struct {
	w     *World
	keyer stateKeyer // StateKey's buffers
}

// NewDriver returns a driver of a new, empty world.
func NewDriver(o DriverOptions) *Driver {
	w := &World{mem: o.Memory, races: !o.NoRaces, maxThreads: o.MaxThreads}
	if o.SizeHint > 0 {
		w.events = make([]Event, 0, o.SizeHint)
	}
	return &Driver{w: w}
}

// World is the driven world.
func (d *Driver) World() *World { return d.w }

// OnSpawn sets the function that starts the coroutine of a thread created
// by Thread.Go: it must run run in a coroutine whose yield suspends the
// thread, up to the thread's first operation. It is called once the step
// that created the thread has been recorded.
func (d *Driver) OnSpawn(f func(child *Thread, run func(yield func() bool))) { d.w.spawn = f }

// AddThread adds a worker (or, if init, the init thread) running body,
// before Start. The returned function runs the body to completion inside
// the thread's coroutine (see OnSpawn).
func (d *Driver) AddThread(body Body, init bool) (*Thread, func(yield func() bool)) {
	w := d.w
	key := mix64(uint64(len(w.threads)) + 1)
	if init {
		key = mix64(1 << 63)
	}
	t := w.newThread(key, init)
	return t, t.runner(body)
}

// Start gives the threads added so far their clocks; the workers are the
// threads added before it that are not the init thread. The workers start
// after the init thread has finished: call StartWorkers then.
func (d *Driver) Start() {
	w := d.w
	for _, t := range w.threads {
		t.clock = make(VC, len(w.threads))
		t.clock[t.id] = 1
		if !t.init {
			w.workers++
		}
	}
}

// StartWorkers makes the init thread's steps happen before every worker's.
func (d *Driver) StartWorkers(init *Thread) {
	w := d.w
	for _, t := range w.threads {
		if t != init {
			t.clock.Join(init.clock)
		}
	}
}

// Workers is the number of worker threads (those Build returned).
func (w *World) Workers() int { return w.workers }

// SetSymmetryGroups records which workers the program declares
// interchangeable (model.Program.SymmetryGroups), for symmetry reduction.
func (d *Driver) SetSymmetryGroups(groups []int) { d.w.symGroups = groups }

// SymmetryGroups is the group of each worker, or nil if no two workers are
// interchangeable.
func (w *World) SymmetryGroups() []int { return w.symGroups }

// Enabled reports whether thread tid can perform its pending operation now:
// it has not finished, and its operation is not blocked (a lock of a mutex
// another thread holds).
func (d *Driver) Enabled(tid int) bool {
	t := d.w.threads[tid]
	if t.done {
		return false
	}
	en := opSpecs[t.pending.Kind].enabled
	return en == nil || en(d.w, t, &t.pending)
}

// EnabledIn reports whether op, pending for thread tid, would be enabled in
// the object state s recorded before some event on its object
// (Event.Sync). Operations that never block are always enabled.
func EnabledIn(op Op, tid int, s SyncState) bool {
	en := opSpecs[op.Kind].enabledIn
	return en == nil || en(&op, tid, s)
}

// SyncStateOf is the present state of the synchronization object at
// location loc, as an event on it would record it (Event.Sync).
func (w *World) SyncStateOf(loc int) SyncState {
	l := &w.locs[loc]
	return SyncState{Owner: l.owner, Count: l.count, Aux: l.aux}
}

// Choices is the number of ways thread tid's pending operation can go if it
// runs now (the values of a Choose, the ready cases of a select): more than
// one means the scheduler decides which, by a choice decision, and passes
// it to Step.
func (d *Driver) Choices(tid int) int {
	t := d.w.threads[tid]
	if c := opSpecs[t.pending.Kind].choices; c != nil {
		return c(d.w, t, &t.pending)
	}
	return 1
}

// PendingFootprint is the footprint thread tid's pending operation would
// have if it ran now (a blocked thread's included).
func (d *Driver) PendingFootprint(tid int) Footprint {
	t := d.w.threads[tid]
	if t.done && !t.aborted {
		return nil
	}
	return d.w.accessesOf(t, &t.pending, nil)
}

// Step applies the pending operation of thread tid, which must be enabled,
// as part of the decision numbered decision; choice is the value a pending
// Choose takes (ignored by other operations). It records the event (after
// the flushes of a fence's drain) and runs the oracles. The thread's
// coroutine must then be resumed to read the result and announce its next
// operation.
func (d *Driver) Step(tid, choice, decision int) {
	w := d.w
	t := w.threads[tid]
	op := &t.pending
	spec := opSpecs[op.Kind]
	if spec.apply == nil {
		panic(fmt.Sprintf("model: thread %s has no operation to step (%s)", t.Name(), op.Kind))
	}
	w.decision, w.choice = decision, choice
	if !t.init {
		w.scheduled = true // the deterministic prefix is over (World.locMark)
	}
	if op.resolve != nil {
		w.resolve(t, op)
	}
	if spec.fence {
		// The fence's flushes come first, each as if scheduled on its own
		// just before the step: they carry the clock of t's previous step.
		w.drain(t)
	}
	t.clock.grow(tid + 1)
	t.clock[tid]++
	acc := w.accessesOf(t, op, w.stepAcc[:0])
	w.stepAcc = acc
	ev := &w.stepEv
	*ev = Event{Thread: tid, Op: op.Kind, Loc: op.Loc, Decision: decision, Site: t.site}
	if spec.sync {
		l := &w.locs[op.Loc]
		ev.Sync = SyncState{Owner: l.owner, Count: l.count, Aux: l.aux}
	}
	t.result = spec.apply(w, t, op, ev)
	t.noteResult(op, ev)
	if t.spin != nil {
		t.noteSpin(ev)
	}
	if spec.fence {
		t.since = t.since[:0]
	}
	w.record(ev, acc, t.clock)
	if spec.check != nil {
		spec.check(w, t, op, len(w.events)-1)
	}
	if len(w.newborn) > 0 {
		born := w.newborn
		w.newborn = w.newborn[:0]
		for _, nb := range born {
			nb.t.clock.grow(nb.t.id + 1)
			nb.t.clock[nb.t.id] = 1
			w.spawn(nb.t, nb.run)
		}
	}
}

// record appends ev, with footprint acc and the happens-before clock clock.
func (w *World) record(ev *Event, acc Footprint, clock VC) {
	ev.Clock = w.snapshotClock(clock)
	ev.Acc = w.snapshotAcc(acc)
	w.events = append(w.events, *ev)
}

// accessesOf is the footprint of op if t performed it now: a fence's reads
// of the stores t made since its previous fence, then the operation's own.
func (w *World) accessesOf(t *Thread, op *Op, acc Footprint) Footprint {
	spec := opSpecs[op.Kind]
	if spec.fence {
		for _, e := range t.since {
			acc = append(acc, Access{Key: e.key})
		}
	}
	if spec.accesses != nil {
		acc = spec.accesses(w, t, op, acc)
	}
	if op.creates {
		acc = append(acc, Access{Key: Key{Kind: KeyAlloc}, Write: true})
	}
	return acc
}

// ReportDeadlock records a deadlock, detected when no thread could move.
func (d *Driver) ReportDeadlock() {
	w := d.w
	var blocked []string
	for _, t := range w.threads {
		switch {
		case t.done:
		case t.pending.Kind == OpAwait:
			blocked = append(blocked, fmt.Sprintf("%s spins on %s forever: no thread is left to change what it read", t.Name(), w.LocName(t.pending.Loc)))
		default:
			blocked = append(blocked, fmt.Sprintf("%s waits to %s %s", t.Name(), t.pending.Kind, w.LocName(t.pending.Loc)))
		}
	}
	w.violations = append(w.violations, Violation{Kind: Deadlock, Event: -1, Thread: -1,
		Msg: strings.Join(blocked, "; ")})
}

// Blocked reports whether thread tid's pending operation (also one it was
// still waiting to perform when its execution ended) cannot proceed in the
// current state: a lock of a mutex another thread holds.
func (d *Driver) Blocked(tid int) bool {
	t := d.w.threads[tid]
	if t.pending.Kind == OpEnd || t.pending.Kind == OpNone {
		return false
	}
	en := opSpecs[t.pending.Kind].enabled
	return en != nil && !en(d.w, t, &t.pending)
}
