package explore

import (
	"github.com/singlecheck/singlecheck/model"
)

// tstep is one event of an execution as DPOR and trace signatures see it:
// the event's process, footprint and dependency clock (model/deps.go, the
// one dependency relation), with what the race analysis needs beside.
type tstep struct {
	proc   model.Process
	pidx   int // the process's number in this execution (Event.Proc)
	acc    model.Footprint
	ident  uint64 // hash of what the step did (operation, location, values)
	op     model.OpKind
	loc    int
	tid    int // the thread that performed it (for a flush: whose buffer)
	choice int // the value of a Choose, or -1
	// spawns is, for a spawn, the Key of the thread it started (0 for
	// other steps): every step of that thread follows it.
	spawns uint64
	// sync is the state of the step's synchronization object before it,
	// for operations on one (hasSync).
	sync    model.SyncState
	hasSync bool
	// pushedBy is, for a flush, the step that made the store it flushes.
	pushedBy int
	clock    model.VC
	// mask is acc's FootprintMask: the race scans test it before acc.
	mask model.FootprintMask
	// prev is the index of the step whose dependency clock the step's
	// process had before it: the previous step of the same process, for
	// the first step of a started thread the spawn that started it, else
	// -1.
	prev  int
	frame int // index of the step's decision in the schedule
	event int // index of the step's event in the execution
}

// stepsOf turns the events of w from index from on (the init thread's
// prefix excluded) into steps, appending them to steps; lastOf and stores
// carry, across calls for one execution, each process's last step and the
// step that made each buffered store.
type stepTable struct {
	steps  []tstep
	last   map[int]int       // per process number: its last step
	lastOf map[uint64]int    // per thread Key: its last step (not its flushes), or the spawn that started it
	stores map[model.Key]int // per buffered store: the step that made it
	// order, if set, refines the steps' footprints and clocks with the
	// symmetry order (dpor_symorder.go).
	order *symOrder
}

func (b *stepTable) reset() {
	b.steps = b.steps[:0]
	if b.last == nil {
		b.last, b.lastOf, b.stores = map[int]int{}, map[uint64]int{}, map[model.Key]int{}
	}
	clear(b.last)
	clear(b.lastOf)
	clear(b.stores)
	if b.order != nil {
		b.order.reset()
	}
}

// add appends the steps of the events of w from number from on, whose
// processes and dependency clocks w has tracked.
func (b *stepTable) add(w *model.World, from int) {
	evs := w.Events()
	for i := from; i < len(evs); i++ {
		ev := &evs[i]
		s := tstep{proc: w.Process(ev.Proc), pidx: ev.Proc, acc: ev.Acc, op: ev.Op, loc: ev.Loc,
			tid: ev.Thread, choice: -1, prev: -1, pushedBy: -1, clock: ev.Dep, frame: ev.Decision, event: i}
		if b.order != nil {
			s.acc, s.clock = b.order.event(w, i)
		}
		v := ev.Value
		if ev.Op == model.OpSpawn {
			s.spawns = w.Threads()[v].Key()
			v = model.Value(s.spawns) // not its number, which depends on other threads
		}
		s.ident = eventIdent(s.proc, ev, v)
		if ev.Op.OnSync() {
			s.sync, s.hasSync = ev.Sync, true
		}
		switch ev.Op {
		case model.OpChoose:
			s.choice = int(ev.Value)
		case model.OpSelect:
			// Which way it went, as the value of its choice: 0 for the
			// default, 1+i for case i (a select that took its default
			// and one that took a case are different events).
			s.choice = int(ev.Value) + 1
		case model.OpPoolGet:
			// Which value it took, as the value of its choice: 0 for
			// none, 1+i for the i-th value pooled. The number of ways a
			// Get can go depends on the Puts before it, and a wakeup
			// subtree found where it took one value does not fit the
			// others (their later steps differ).
			s.choice = int(ev.Value) + 1
		case model.OpFlush:
			s.pushedBy = b.stores[ev.Acc[0].Key]
		}
		for _, a := range ev.Acc {
			if a.Key.Kind == model.KeyStore && a.Write && s.proc.IsThread() {
				b.stores[a.Key] = len(b.steps)
			}
		}
		if p, ok := b.last[s.pidx]; ok {
			s.prev = p
		} else if p, ok := b.lastOf[s.proc.Thread]; ok && s.proc.IsThread() {
			s.prev = p // a started thread's clock starts as its spawn's
		}
		b.last[s.pidx] = len(b.steps)
		if s.proc.IsThread() {
			b.lastOf[s.proc.Thread] = len(b.steps)
		}
		if s.spawns != 0 {
			b.lastOf[s.spawns] = len(b.steps)
		}
		s.mask = s.acc.Mask()
		b.steps = append(b.steps, s)
	}
}

// eventIdent hashes what an event did: its process, operation, location and
// values (never the per-execution numbers of threads or processes).
func eventIdent(p model.Process, ev *model.Event, v model.Value) uint64 {
	h := hashInit(p.Thread ^ uint64(uint32(p.Buffer))<<7)
	h = hashAdd(h, uint64(ev.Op)<<56^uint64(uint32(ev.Loc))<<24)
	h = hashAdd(h, uint64(v))
	return hashAdd(h, uint64(ev.Old)<<2|boolBit(ev.OK)<<1|boolBit(ev.Buffered))
}

// initPrefix is the number of events the init thread performed before the
// workers started (0 without an init thread): events no decision chose.
func initPrefix(w *model.World) int {
	evs := w.Events()
	n := 0
	for n < len(evs) && evs[n].Decision < 0 {
		n++
	}
	return n
}

// happensBefore reports whether step a is in the dependency past of a step
// (or hypothetical event) whose clock is c.
func happensBefore(a *tstep, c model.VC) bool {
	return a.clock.At(a.pidx) <= c.At(a.pidx)
}

// canBlock reports whether the step's operation may wait for its
// synchronization object (a lock).
func (s *tstep) canBlock() bool { return s.op.CanBlock() }

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
