package explore

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// This file defines the events of a Mazurkiewicz trace and their dependency
// relation, shared by trace signatures and by DPOR.
//
// An event is one scheduling step: a thread performing its pending
// operation (with the value of a choice), or a flush. Its process is the
// thread, or the store buffer a flush drains: under TSO one flush process
// per thread, under PSO one per thread and location (the usual operational
// encoding of store buffers as auxiliary processes). A fence (lock, unlock,
// atomic, CAS) that drains its thread's buffer in the same step counts as
// the flushes, each an event of its flush process, followed by the fence
// with an empty buffer: the scheduler's one step and the equivalent
// sequence of flush decisions and the fence are one trace. A fence is
// therefore enabled, for DPOR, only once its thread's buffer is empty, and
// no event ever disables another process's event (except a held mutex).
//
// Each event has a footprint: the accesses it makes to abstract keys, each a
// read or a write. Two events of different processes are dependent when
// their footprints touch one key and at least one of them writes it:
//
//   - each buffered store is a key of its own (the n-th store of a thread to
//     a location); a plain store (and Init) writes memory under SC, or only
//     its own buffered-store key under TSO and PSO;
//   - a plain load reads memory, or the key of the newest store to the
//     location in its thread's buffer if there is one;
//   - a flush writes memory and the key of the store it moves there, so it
//     conflicts with other threads' memory accesses to the location, with
//     the store it flushes, and with a load of its own thread that reads
//     that store;
//   - a fence reads the keys of every store its thread made since its
//     previous fence, so the flushes of those stores come before it;
//   - atomic loads read, atomic stores and CAS (even a failed one) write;
//   - every operation on a mutex writes it;
//   - New writes one allocation key: object ids and field locations are
//     numbered in allocation order, so allocations never commute;
//   - Init also writes the object's oracle key and Obtain reads it (whether
//     the object was handed out decides a reinitialization); Obtain reads the
//     object's fields as a plain load does;
//   - Choose touches nothing.
//
// This is the dependency, not the happens-before of model.Event.Clock that
// the race detector uses; the two are kept apart.

// procID names a process: a thread (loc == procThread), the TSO flush process
// of a thread (loc == procTSOFlush), or the PSO flush process of a thread's
// buffer for one location (loc >= 0).
type procID struct {
	thread int32
	loc    int32
}

const (
	procThread   = -2
	procTSOFlush = -1
)

func threadProc(t int) procID { return procID{int32(t), procThread} }

func flushProc(m model.Memory, t, loc int) procID {
	if m == model.TSO {
		return procID{int32(t), procTSOFlush}
	}
	return procID{int32(t), int32(loc)}
}

func (p procID) isThread() bool { return p.loc == procThread }

// decisionProc is the process a thread or flush decision schedules.
func decisionProc(m model.Memory, d scheduler.Decision) procID {
	if d.Kind == scheduler.FlushDecision {
		return flushProc(m, d.Thread, d.Arg)
	}
	return threadProc(d.Thread)
}

// accKey is an abstract location an event accesses.
type accKey uint64

const (
	keyMem   accKey = 0 << 60
	keyAlloc accKey = 1 << 60
	keyMeta  accKey = 2 << 60
	keyBuf   accKey = 3 << 60
)

func memKey(loc int) accKey          { return keyMem | accKey(loc) }
func metaKey(ref model.Value) accKey { return keyMeta | accKey(ref) }

// bufKey is one buffered store: the ord-th store of thread t to loc.
func bufKey(t, loc, ord int) accKey {
	return keyBuf | accKey(t)<<50 | accKey(ord)<<30 | accKey(loc)
}

type access struct {
	key   accKey
	write bool
}

// footprint is the accesses of one event.
type footprint []access

// conflicts reports whether two footprints touch one key, one of them writing.
func (a footprint) conflicts(b footprint) bool {
	for _, x := range a {
		for _, y := range b {
			if x.key == y.key && (x.write || y.write) {
				return true
			}
		}
	}
	return false
}

// vclock is a dependency vector clock indexed by process number (see
// procTable); missing entries are zero.
type vclock []uint32

func (c vclock) at(i int) uint32 {
	if i < len(c) {
		return c[i]
	}
	return 0
}

func (c *vclock) join(o vclock) {
	for len(*c) < len(o) {
		*c = append(*c, 0)
	}
	for i, v := range o {
		if v > (*c)[i] {
			(*c)[i] = v
		}
	}
}

// tstep is one event of an execution, with what DPOR and signatures need.
type tstep struct {
	proc   procID
	pidx   int // the process's number in the procTable
	acc    footprint
	ident  uint64 // hash of what the step did (operations, locations, values)
	op     model.OpKind
	loc    int
	choice int // the value of a Choose, or -1
	// acquire: a lock that took a free mutex; release: an unlock that freed it.
	acquire, release bool
	pushedBy         int // for a flush decision: the step that made the store
	clock            vclock
	prev             int // index of the previous step of the same process, or -1
	frame            int // index of the step's decision in the schedule
}

// stepBuilder turns an execution, decision by decision, into steps with
// footprints and dependency clocks. It simulates the store buffers and
// mutex owners from the events, so it needs nothing but the events.
type stepBuilder struct {
	mem     model.Memory
	procs   map[procID]int
	bufs    map[int][]bufEnt // per thread: buffered stores, oldest first
	since   map[int][]bufEnt // per thread: stores made since its last fence
	stores  map[[2]int]int   // per thread and location: stores made so far
	owner   map[int]int      // per mutex: owner thread
	depth   map[int]int      // per mutex: recursion depth
	lastOf  map[procID]int
	fieldOf map[int]model.Value // field location → object reference
	steps   []tstep
}

// bufEnt is a buffered store: its location, its number among the thread's
// stores to the location, and the step that made it.
type bufEnt struct{ loc, ord, step int }

func newStepBuilder(m model.Memory) *stepBuilder {
	return &stepBuilder{mem: m, procs: map[procID]int{}}
}

// reset prepares for a new execution (the process numbering is kept).
func (b *stepBuilder) reset() {
	b.bufs = map[int][]bufEnt{}
	b.since = map[int][]bufEnt{}
	b.stores = map[[2]int]int{}
	b.owner = map[int]int{}
	b.depth = map[int]int{}
	b.lastOf = map[procID]int{}
	b.fieldOf = map[int]model.Value{}
	b.steps = b.steps[:0]
}

func (b *stepBuilder) procIndex(p procID) int {
	i, ok := b.procs[p]
	if !ok {
		i = len(b.procs)
		b.procs[p] = i
	}
	return i
}

// objectOfField finds the object a field location belongs to.
func (b *stepBuilder) objectOfField(w *model.World, field int) model.Value {
	if ref, ok := b.fieldOf[field]; ok {
		return ref
	}
	for n := 1; n <= w.NumObjects(); n++ {
		ref := model.RefOf(n)
		_, fields, _ := w.ObjectOf(ref)
		for _, f := range fields {
			b.fieldOf[f] = ref
		}
		if r, ok := b.fieldOf[field]; ok {
			return r
		}
	}
	return model.Nil
}

// plainRead is the access of a plain load of loc by thread t.
func (b *stepBuilder) plainRead(t, loc int) access {
	buf := b.bufs[t]
	for i := len(buf) - 1; i >= 0; i-- {
		if buf[i].loc == loc {
			return access{bufKey(t, loc, buf[i].ord), false}
		}
	}
	return access{memKey(loc), false}
}

// obtainAccesses are the reads of Obtain(ref) by thread t.
func (b *stepBuilder) obtainAccesses(w *model.World, t int, ref model.Value, acc footprint) footprint {
	if _, fields, ok := w.ObjectOf(ref); ok {
		for _, f := range fields {
			acc = append(acc, b.plainRead(t, f))
		}
		acc = append(acc, access{metaKey(ref), false})
	}
	return acc
}

// fenceAccesses are the reads of a fence by thread t of its buffer.
func (b *stepBuilder) fenceAccesses(t int, acc footprint) footprint {
	for _, e := range b.since[t] {
		acc = append(acc, access{bufKey(t, e.loc, e.ord), false})
	}
	return acc
}

// fenceBlocked reports whether thread t's pending operation is a fence
// while its buffer holds stores: DPOR flushes them first.
func (b *stepBuilder) fenceBlocked(w *model.World, t int) bool {
	return isFence(w.Threads()[t].Pending().Kind) && len(b.bufs[t]) > 0
}

func isFence(k model.OpKind) bool {
	switch k {
	case model.OpAtomicLoad, model.OpAtomicStore, model.OpCAS, model.OpLock, model.OpUnlock, model.OpAtomicInit:
		return true
	}
	return false
}

// pending is the footprint of thread t's announced operation in the current
// state, as it would be if t ran now.
func (b *stepBuilder) pending(w *model.World, t int) footprint {
	op := w.Threads()[t].Pending()
	var acc footprint
	switch op.Kind {
	case model.OpLoad:
		acc = append(acc, b.plainRead(t, op.Loc))
	case model.OpStore, model.OpInit:
		if b.mem == model.SC {
			acc = append(acc, access{memKey(op.Loc), true})
		} else {
			acc = append(acc, access{bufKey(t, op.Loc, b.stores[[2]int{t, op.Loc}]), true})
		}
		if op.Kind == model.OpInit {
			acc = append(acc, access{metaKey(op.Old), true})
		}
	case model.OpAtomicLoad:
		acc = append(b.fenceAccesses(t, acc), access{memKey(op.Loc), false})
	case model.OpAtomicStore, model.OpCAS, model.OpLock, model.OpUnlock:
		acc = append(b.fenceAccesses(t, acc), access{memKey(op.Loc), true})
	case model.OpAtomicInit:
		acc = append(b.fenceAccesses(t, acc), access{memKey(op.Loc), true}, access{metaKey(op.Old), true})
	case model.OpNew:
		acc = append(acc, access{keyAlloc, true})
	case model.OpObtain:
		acc = b.obtainAccesses(w, t, op.Arg, acc)
	}
	return acc
}

// add records the step of decision d (a thread or flush decision) that
// produced events evs, at schedule index frame, and returns it. The flushes
// of a fence's drain are recorded first, as steps of their flush processes.
func (b *stepBuilder) add(w *model.World, d scheduler.Decision, evs []model.Event, frame int) *tstep {
	if d.Kind == scheduler.ThreadDecision {
		for len(evs) > 1 && evs[0].Op == model.OpFlush {
			b.addOne(w, scheduler.Decision{Kind: scheduler.FlushDecision, Thread: d.Thread, Arg: evs[0].Loc}, evs[:1], frame)
			evs = evs[1:]
		}
	}
	return b.addOne(w, d, evs, frame)
}

func (b *stepBuilder) addOne(w *model.World, d scheduler.Decision, evs []model.Event, frame int) *tstep {
	s := tstep{proc: decisionProc(b.mem, d), loc: -1, choice: -1, prev: -1, frame: frame, pushedBy: -1}
	s.pidx = b.procIndex(s.proc)
	h := hashInit(uint64(uint32(s.proc.thread))<<32 | uint64(uint32(s.proc.loc)))
	for _, ev := range evs {
		t := ev.Thread
		h = hashAdd(h, uint64(ev.Op)<<56^uint64(uint32(ev.Loc))<<24^uint64(t))
		h = hashAdd(h, uint64(ev.Value))
		h = hashAdd(h, uint64(ev.Old)<<2|boolBit(ev.OK)<<1|boolBit(ev.Buffered))
		s.op, s.loc = ev.Op, ev.Loc
		switch ev.Op {
		case model.OpFlush:
			buf := b.bufs[t]
			for i, e := range buf {
				if e.loc == ev.Loc {
					s.acc = append(s.acc, access{memKey(e.loc), true}, access{bufKey(t, e.loc, e.ord), true})
					s.pushedBy = e.step
					b.bufs[t] = append(buf[:i:i], buf[i+1:]...)
					break
				}
			}
		case model.OpLoad:
			s.acc = append(s.acc, b.plainRead(t, ev.Loc))
		case model.OpStore, model.OpInit:
			if ev.Buffered {
				k := [2]int{t, ev.Loc}
				e := bufEnt{ev.Loc, b.stores[k], len(b.steps)}
				b.stores[k]++
				s.acc = append(s.acc, access{bufKey(t, e.loc, e.ord), true})
				b.bufs[t] = append(b.bufs[t], e)
				b.since[t] = append(b.since[t], e)
			} else {
				s.acc = append(s.acc, access{memKey(ev.Loc), true})
			}
			if ev.Op == model.OpInit {
				s.acc = append(s.acc, access{metaKey(b.objectOfField(w, ev.Loc)), true})
			}
		case model.OpAtomicLoad:
			s.acc = append(b.fenceAccesses(t, s.acc), access{memKey(ev.Loc), false})
		case model.OpAtomicStore, model.OpCAS:
			s.acc = append(b.fenceAccesses(t, s.acc), access{memKey(ev.Loc), true})
		case model.OpAtomicInit:
			s.acc = append(b.fenceAccesses(t, s.acc), access{memKey(ev.Loc), true},
				access{metaKey(b.objectOfField(w, ev.Loc)), true})
		case model.OpLock:
			s.acc = append(b.fenceAccesses(t, s.acc), access{memKey(ev.Loc), true})
			if o, held := b.owner[ev.Loc]; held && o == t {
				b.depth[ev.Loc]++
			} else {
				b.owner[ev.Loc], b.depth[ev.Loc] = t, 1
				s.acquire = true
			}
		case model.OpUnlock:
			s.acc = append(b.fenceAccesses(t, s.acc), access{memKey(ev.Loc), true})
			if o, held := b.owner[ev.Loc]; held && o == t {
				b.depth[ev.Loc]--
				if b.depth[ev.Loc] == 0 {
					delete(b.owner, ev.Loc)
					s.release = true
				}
			}
		case model.OpNew:
			s.acc = append(s.acc, access{keyAlloc, true})
		case model.OpChoose:
			s.choice = int(ev.Value)
		case model.OpObtain:
			s.acc = b.obtainAccesses(w, t, ev.Value, s.acc)
		}
	}
	if isFence(s.op) {
		b.since[int(s.proc.thread)] = nil
	}
	s.ident = h
	// Dependency clock: the previous step of the process, joined with every
	// earlier dependent step.
	if p, ok := b.lastOf[s.proc]; ok {
		s.prev = p
		s.clock = append(vclock(nil), b.steps[p].clock...)
	}
	for j := range b.steps {
		o := &b.steps[j]
		if o.proc != s.proc && o.acc.conflicts(s.acc) {
			s.clock.join(o.clock)
		}
	}
	for len(s.clock) <= s.pidx {
		s.clock = append(s.clock, 0)
	}
	s.clock[s.pidx]++
	b.lastOf[s.proc] = len(b.steps)
	b.steps = append(b.steps, s)
	return &b.steps[len(b.steps)-1]
}

// happensBefore reports whether step a is in the dependency past of a step
// (or hypothetical event) whose clock is c.
func happensBefore(a *tstep, c vclock) bool {
	return a.clock.at(a.pidx) <= c.at(a.pidx)
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
