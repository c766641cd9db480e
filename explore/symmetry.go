package explore

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Symmetry reduction for programs whose worker threads are identical
// (model.Program.Identical): the threads run the same deterministic code on
// the same shared state, so renaming them maps executions to executions.
//
// The criterion, for a stateless search. Let σ be the execution so far and
// π the swap of workers i and j. If σ, renamed by π, is the same
// Mazurkiewicz trace as σ (π(σ) ≡ σ), then for every continuation w,
//
//	σ·j·w ≡ π(σ)·j·w = π(σ·i·π(w)),
//
// because ≡ is a congruence and π is an involution. So every execution that
// starts σ·j is, up to a permutation of threads, trace-equivalent to one
// that starts σ·i, and at this point only one of i and j needs exploring.
// The same holds for flushing i's or j's buffer. Trace-equivalent
// executions reach the same state, read the same values and break the same
// contracts; so the reduction keeps every trace, outcome and violation up
// to a permutation of the identical threads. The relation "π(σ) ≡ σ" is an
// equivalence on threads (swaps that are automorphisms of a trace compose),
// and the filter keeps, of each class, the lowest-numbered thread.
//
// Checking π(σ) ≡ σ. A trace is the set of σ's events, each named by its
// thread and its position in that thread, with its label (operation,
// location, values) and its dependency clock: for each thread, how many of
// its events precede the event in the trace's partial order. π(σ) ≡ σ holds
// exactly when
//
//	(a) i and j have the same number of events, with equal labels position
//	    by position (equal histories: the same operations, the same values
//	    read, so, by determinism, the same local state and next operation);
//	(b) the k-th event of j has the clock of the k-th event of i with the
//	    entries of i and j swapped; and
//	(c) every event of another thread has equal entries for i and j.
//
// Once (b) or (c) fails for some event it fails for good (events never
// change), so the filter keeps, per pair of threads, a "broken" flag and
// checks only new events at each decision.
//
// The dependency relation behind the clocks is conservative: a coarser
// relation (fewer dependencies) would make ≡ coarser too, and π(σ) ≡ σ for
// this one implies it for any coarser one. Dependent are:
//
//   - two events of one thread, the flushes of its store buffer included (so
//     a buffer is ordered with its thread's steps, whatever the memory
//     model);
//   - two accesses to one location, one of them a write (store, atomic
//     store, CAS even when it fails, field initialization, flush); atomic
//     loads count as reads, so they take part through the location's
//     release clock;
//   - any two operations on one mutex;
//   - any two allocations (object numbers and field locations are handed
//     out in allocation order);
//   - any two obtains (the first instance obtained is remembered), an
//     obtain and a write to a field of the object obtained (the partial-init
//     oracle and the race detector read the fields), and an obtain and an
//     initialization (the reinitialization oracle asks whether the object
//     was handed out).
//
// Choices are local to their thread. The init thread's events are a prefix
// common to every execution and play no part.
//
// With a preemption bound, the current thread is part of the state (a
// preemption costs budget only when switching away from it), so the
// current thread is never pruned and never stands for another: of each
// class the filter keeps the lowest-numbered thread other than the current
// one, and the current one.
type symmetryFilter struct {
	keepLast bool

	n      int // workers; 0 until the first decision of an execution
	next   int // first event not yet processed
	evs    [][]symEvent
	clock  [][]uint32 // per worker: the dependency clock of its last event
	locs   map[int]*symLoc
	alloc  symLoc // allocations
	handed symLoc // obtains
	broken []bool // n×n: swapping i and j is known not to fix the trace
	deps   []symDep
}

// symEvent is one processed event: its label and its dependency clock.
type symEvent struct {
	op       model.OpKind
	loc      int
	value    model.Value
	old      model.Value
	ok       bool
	buffered bool
	clock    []uint32
}

func (a *symEvent) sameLabel(b *symEvent) bool {
	return a.op == b.op && a.loc == b.loc && a.value == b.value && a.old == b.old &&
		a.ok == b.ok && a.buffered == b.buffered
}

// symDep is one location an event reads or writes, for its dependencies.
type symDep struct {
	l     *symLoc
	write bool
}

// symLoc is the dependency state of one location: the clock of its last
// write, and the join of the clocks of its reads since.
type symLoc struct {
	write []uint32
	reads []uint32
}

func newSymmetryFilter(keepLast bool) *symmetryFilter {
	return &symmetryFilter{keepLast: keepLast}
}

func (s *symmetryFilter) begin() { s.n = 0 }

func (s *symmetryFilter) chose(*scheduler.Point, scheduler.Decision) {}

// start sizes the filter for the workers of w.
func (s *symmetryFilter) start(w *model.World) {
	n := len(w.Threads())
	if w.Init() != nil {
		n--
	}
	s.n, s.next = n, 0
	if cap(s.evs) < n {
		s.evs = make([][]symEvent, n)
		s.clock = make([][]uint32, n)
	}
	s.evs, s.clock = s.evs[:n], s.clock[:n]
	for i := range n {
		s.evs[i] = s.evs[i][:0]
		s.clock[i] = make([]uint32, n)
	}
	s.locs = map[int]*symLoc{}
	s.alloc, s.handed = symLoc{}, symLoc{}
	s.broken = make([]bool, n*n)
}

func (s *symmetryFilter) filter(p *scheduler.Point, alts []scheduler.Decision) []scheduler.Decision {
	if s.n == 0 {
		s.start(p.World)
	}
	s.update(p.World)
	kept := alts[:0]
	for _, a := range alts {
		if a.Kind == scheduler.ChoiceDecision || !s.redundant(a.Thread, p.Last) {
			kept = append(kept, a)
		}
	}
	return kept
}

// redundant reports whether some lower-numbered thread can stand for t.
func (s *symmetryFilter) redundant(t, last int) bool {
	if t >= s.n || (s.keepLast && t == last) {
		return false
	}
	for u := range t {
		if s.keepLast && u == last {
			continue
		}
		if len(s.evs[u]) == len(s.evs[t]) && !s.broken[u*s.n+t] {
			return true
		}
	}
	return false
}

// update processes the events recorded since the last decision.
func (s *symmetryFilter) update(w *model.World) {
	evs := w.Events()
	for ; s.next < len(evs); s.next++ {
		ev := &evs[s.next]
		if ev.Thread < 0 || ev.Thread >= s.n {
			continue // the init thread
		}
		s.add(w, ev)
	}
}

// add computes the dependency clock of ev and checks it against the
// symmetry conditions of every pair of threads.
func (s *symmetryFilter) add(w *model.World, ev *model.Event) {
	a := ev.Thread
	c := append([]uint32(nil), s.clock[a]...)
	c[a]++
	deps := s.deps[:0]
	switch ev.Op {
	case model.OpLoad, model.OpAtomicLoad:
		deps = append(deps, symDep{s.loc(ev.Loc), false})
	case model.OpStore, model.OpAtomicStore, model.OpCAS, model.OpFlush, model.OpLock, model.OpUnlock:
		deps = append(deps, symDep{s.loc(ev.Loc), true})
	case model.OpInit, model.OpAtomicInit:
		deps = append(deps, symDep{&s.handed, false}, symDep{s.loc(ev.Loc), true})
	case model.OpNew:
		deps = append(deps, symDep{&s.alloc, true})
	case model.OpObtain:
		if _, fields, ok := w.ObjectOf(ev.Value); ok {
			for _, f := range fields {
				deps = append(deps, symDep{s.loc(f), false})
			}
		}
		deps = append(deps, symDep{&s.handed, true})
	}
	// First order the event after everything it depends on, then record it:
	// its clock must be complete before a location remembers it.
	for _, d := range deps {
		join(c, d.l.write)
		if d.write {
			join(c, d.l.reads)
		}
	}
	for _, d := range deps {
		if d.write {
			d.l.write = c
			clear(d.l.reads)
		} else {
			if d.l.reads == nil {
				d.l.reads = make([]uint32, len(c))
			}
			join(d.l.reads, c)
		}
	}
	s.deps = deps
	s.clock[a] = c
	e := symEvent{op: ev.Op, loc: ev.Loc, value: ev.Value, old: ev.Old, ok: ev.OK, buffered: ev.Buffered, clock: c}
	k := len(s.evs[a])
	s.evs[a] = append(s.evs[a], e)
	n := s.n
	for i := range n {
		if i == a {
			continue
		}
		for j := i + 1; j < n; j++ {
			if j != a && c[i] != c[j] {
				s.broken[i*n+j], s.broken[j*n+i] = true, true
			}
		}
		if k < len(s.evs[i]) && !s.swapped(&e, &s.evs[i][k], a, i) {
			s.broken[i*n+a], s.broken[a*n+i] = true, true
		}
	}
}

// swapped reports whether event f of thread j is event e of thread i with
// threads i and j swapped.
func (s *symmetryFilter) swapped(e, f *symEvent, i, j int) bool {
	if !e.sameLabel(f) {
		return false
	}
	for x, v := range e.clock {
		y := x
		if x == i {
			y = j
		} else if x == j {
			y = i
		}
		if f.clock[y] != v {
			return false
		}
	}
	return true
}

func (s *symmetryFilter) loc(l int) *symLoc {
	sl := s.locs[l]
	if sl == nil {
		sl = &symLoc{}
		s.locs[l] = sl
	}
	return sl
}

// join sets c to the pointwise maximum of c and o (o may be nil).
func join(c, o []uint32) {
	for i, v := range o {
		if v > c[i] {
			c[i] = v
		}
	}
}
