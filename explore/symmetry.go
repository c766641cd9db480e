package explore

import (
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Symmetry reduction for programs whose worker threads are identical
// (model.Program.Identical), or identical within groups
// (model.Program.Groups): the threads run the same deterministic code on
// the same shared state, so renaming them maps executions to executions.
// Only threads of one group are ever swapped.
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
// process (a thread or one of its store buffers) and its position in that
// process, with its label (operation, location, values) and its dependency
// clock (model.Event.Dep: for each process, how many of its events precede
// the event in the trace's partial order). π renames processes: a thread and
// its buffers become the other thread's. π(σ) ≡ σ holds exactly when
//
//	(a) every process of i has as many events as its counterpart of j,
//	    with equal labels position by position (equal histories: the same
//	    operations, the same values read, so, by determinism, the same
//	    local state and next operation);
//	(b) the k-th event of a process of j has the clock of the k-th event of
//	    its counterpart of i with the processes of i and j swapped; and
//	(c) every event of another thread has, for each process of i, the same
//	    entry as for its counterpart of j.
//
// Once (b) or (c) fails for some event it fails for good (events never
// change), so the filter keeps, per pair of threads, a "broken" flag and
// checks only new events at each decision.
//
// The dependency relation is the model's, the one DPOR and trace
// signatures use (model/deps.go). Choices are local to their thread. The
// init thread's events are a prefix common to every execution and play no
// part. A thread started during the execution is never swapped (its
// identity derives from its parent's), so an execution in which a worker
// starts one gets no reduction from the first start on.
//
// With a preemption bound, the current thread is part of the state (a
// preemption costs budget only when switching away from it), so the
// current thread is never pruned and never stands for another: of each
// class the filter keeps the lowest-numbered thread other than the current
// one, and the current one.
type symmetryFilter struct {
	keepLast bool
	// unstarted restricts the reduction to threads that have not moved yet
	// (see dpor_symmetry.go).
	unstarted bool

	n       int                              // workers; 0 until the first decision of an execution
	groups  []int                            // the group of each worker (model.Program.SymmetryGroups)
	next    int                              // first event not yet processed
	worker  map[uint64]int                   // worker thread Key → index
	evs     map[model.Process][]*model.Event // per process of a worker: its events
	broken  []bool                           // n×n: swapping i and j is known not to fix the trace
	spawned bool                             // a thread was started: no more reduction
	// sc says every process is a thread (no store buffers), so that a
	// swap of workers renames only their two thread processes, whose
	// numbers proc holds (-1 until the worker moved): swappedEqual then
	// compares clocks without looking processes up.
	sc   bool
	proc []int
	// history keeps in hist the broken matrix before every event (n×n
	// per event, in event order), and in spawnAt the first spawn's event
	// index or -1 (dpor_symfeasible.go).
	history bool
	hist    []bool
	spawnAt int
	// sequences (the symmetry order's buffered mode,
	// dpor_symorder_buffers.go) also breaks a pair whose m-th events, of
	// any process of each, are not mirrors; seq holds each worker's events
	// in order.
	sequences bool
	seq       [][]*model.Event
	// rep maps each thread hidden at the last decision to the thread that
	// stands for it.
	rep map[int]int
}

func newSymmetryFilter(keepLast bool) *symmetryFilter {
	return &symmetryFilter{keepLast: keepLast}
}

func (s *symmetryFilter) begin() { s.n = 0 }

func (s *symmetryFilter) chose(*scheduler.Point, scheduler.Decision) {}

// start sizes the filter for the workers of w.
func (s *symmetryFilter) start(w *model.World) {
	n := w.Workers()
	s.n, s.next, s.spawned = n, 0, false
	s.groups = w.SymmetryGroups()
	if s.worker == nil {
		s.worker, s.evs = map[uint64]int{}, map[model.Process][]*model.Event{}
	}
	clear(s.worker)
	for i := range n {
		s.worker[w.Threads()[i].Key()] = i
	}
	// A process of the last execution keeps its storage, empty (as if
	// missing: only the lengths of evs are read for processes that did
	// not move).
	for p, evs := range s.evs {
		s.evs[p] = evs[:0]
	}
	s.broken = slices.Grow(s.broken[:0], n*n)[:n*n]
	clear(s.broken)
	s.sc = w.Memory() == model.SC
	s.proc = slices.Grow(s.proc[:0], n)[:n]
	for i := range s.proc {
		s.proc[i] = -1
	}
	s.hist, s.spawnAt = s.hist[:0], -1
	if s.sequences {
		s.seq = make([][]*model.Event, n)
	}
}

func (s *symmetryFilter) filter(p *scheduler.Point, alts []scheduler.Decision) []scheduler.Decision {
	s.observe(p)
	kept := alts[:0]
	for _, a := range alts {
		if _, hidden := s.rep[a.Thread]; a.Kind == scheduler.ChoiceDecision || !hidden {
			kept = append(kept, a)
		}
	}
	return kept
}

// observe brings the filter up to date with the execution at p and
// records in rep which of p's threads a lower-numbered one stands for.
func (s *symmetryFilter) observe(p *scheduler.Point) {
	if s.n == 0 {
		s.start(p.World)
	}
	s.update(p.World)
	clear(s.rep)
	if p.IsChoice() {
		return
	}
	for _, a := range p.Alternatives {
		if u := s.standsFor(p.World, a.Thread, p.Last); u >= 0 {
			if s.rep == nil {
				s.rep = map[int]int{}
			}
			s.rep[a.Thread] = u
		}
	}
}

// standsFor is the lowest-numbered thread that can stand for t, or -1 if
// none can.
func (s *symmetryFilter) standsFor(w *model.World, t, last int) int {
	if s.spawned || t >= s.n || (s.keepLast && t == last) {
		return -1
	}
	for u := range t {
		if s.keepLast && u == last || s.groups == nil || s.groups[u] != s.groups[t] {
			continue
		}
		if s.unstarted && !(s.untouched(w, u) && s.untouched(w, t)) {
			continue
		}
		if !s.broken[u*s.n+t] && s.sameCounts(w, u, t) {
			return u
		}
	}
	return -1
}

// untouched reports whether thread t has no event yet.
func (s *symmetryFilter) untouched(w *model.World, t int) bool {
	return len(s.evs[model.Process{Thread: w.Threads()[t].Key(), Buffer: model.ThreadProcess}]) == 0
}

// sameCounts reports whether every process of u has as many events as its
// counterpart of t.
func (s *symmetryFilter) sameCounts(w *model.World, u, t int) bool {
	ku, kt := w.Threads()[u].Key(), w.Threads()[t].Key()
	for p, evs := range s.evs {
		switch p.Thread {
		case ku:
			if len(s.evs[model.Process{Thread: kt, Buffer: p.Buffer}]) != len(evs) {
				return false
			}
		case kt:
			if len(s.evs[model.Process{Thread: ku, Buffer: p.Buffer}]) != len(evs) {
				return false
			}
		}
	}
	return true
}

// update processes the events recorded since the last decision.
func (s *symmetryFilter) update(w *model.World) {
	w.TrackDependencies()
	evs := w.Events()
	for ; s.next < len(evs); s.next++ {
		ev := &evs[s.next]
		if s.history {
			s.hist = append(s.hist, s.broken...)
		}
		if ev.Op == model.OpSpawn {
			if !s.spawned {
				s.spawnAt = s.next
			}
			s.spawned = true
		}
		if ev.Thread < s.n {
			if s.unstarted {
				// Only whether a thread has moved matters (standsFor).
				p := w.Process(ev.Proc)
				s.evs[p] = append(s.evs[p], ev)
				continue
			}
			s.add(w, ev)
		}
	}
}

// add checks event ev of worker a against the symmetry conditions of every
// pair of workers.
func (s *symmetryFilter) add(w *model.World, ev *model.Event) {
	a := ev.Thread
	p := w.Process(ev.Proc)
	k := len(s.evs[p])
	s.evs[p] = append(s.evs[p], ev)
	if p.IsThread() {
		s.proc[a] = ev.Proc
	}
	n := s.n
	if s.sequences {
		m := len(s.seq[a])
		s.seq[a] = append(s.seq[a], ev)
		for i := range n {
			if i != a && !s.broken[i*n+a] && m < len(s.seq[i]) && !s.mirrors(w, ev, s.seq[i][m], a, i) {
				s.broken[i*n+a], s.broken[a*n+i] = true, true
			}
		}
	}
	s.breakByClock(w, s.broken, ev)
	for i := range n {
		// (b): ev against its counterpart of i, if i has one yet.
		if i == a || s.broken[i*n+a] {
			continue
		}
		q := s.swap(w, p, a, i)
		if other := s.evs[q]; k < len(other) && !s.mirrors(w, ev, other[k], a, i) {
			s.broken[i*n+a], s.broken[a*n+i] = true, true
		}
	}
}

// breakByClock is check (c) for event ev of worker ev.Thread: it breaks,
// in broken, every pair of other workers that ev's clock tells apart.
func (s *symmetryFilter) breakByClock(w *model.World, broken []bool, ev *model.Event) {
	a, n := ev.Thread, s.n
	for i := range n {
		for j := i + 1; j < n; j++ {
			if i != a && j != a && !broken[i*n+j] && !s.swapInvariant(w, ev.Dep, i, j) {
				broken[i*n+j], broken[j*n+i] = true, true
			}
		}
	}
}

// swap is process p with threads i and j swapped.
func (s *symmetryFilter) swap(w *model.World, p model.Process, i, j int) model.Process {
	ki, kj := w.Threads()[i].Key(), w.Threads()[j].Key()
	switch p.Thread {
	case ki:
		p.Thread = kj
	case kj:
		p.Thread = ki
	}
	return p
}

// swapInvariant reports whether clock c is unchanged by swapping threads i
// and j.
func (s *symmetryFilter) swapInvariant(w *model.World, c model.VC, i, j int) bool {
	if s.sc {
		// Only the two thread entries move: they must be equal (an absent
		// process's entry is 0).
		return entry(c, s.proc[i]) == entry(c, s.proc[j])
	}
	return s.swappedEqual(w, c, c, i, j)
}

// entry is clock c's entry for process number p, 0 for p < 0 (a thread
// without a process yet).
func entry(c model.VC, p int) uint32 {
	if p < 0 {
		return 0
	}
	return c.At(p)
}

// swappedEqual reports whether clock d is clock c with threads i and j
// swapped.
func (s *symmetryFilter) swappedEqual(w *model.World, c, d model.VC, i, j int) bool {
	if s.sc {
		return swappedEqualThreads(c, d, s.proc[i], s.proc[j])
	}
	nc, nd := 0, 0
	for x, v := range c {
		if v == 0 {
			continue
		}
		nc++
		y, ok := w.ProcessIndex(s.swap(w, w.Process(x), i, j))
		if !ok || d.At(y) != v {
			return false
		}
	}
	for _, v := range d {
		if v != 0 {
			nd++
		}
	}
	return nc == nd
}

// swappedEqualThreads is swappedEqual where every process is a thread:
// swapping i and j exchanges entries pi and pj, their thread processes'
// numbers (-1 for a thread that has none yet, whose entry is 0 in every
// clock), and fixes the others.
func swappedEqualThreads(c, d model.VC, pi, pj int) bool {
	for x := range max(len(c), len(d), pi+1, pj+1) {
		y := x
		switch x {
		case pi:
			y = pj
		case pj:
			y = pi
		}
		dv := uint32(0)
		if y >= 0 {
			dv = d.At(y)
		}
		if c.At(x) != dv {
			return false
		}
	}
	// The entry of d that no entry of c maps to, if one thread has no
	// process: the image of that thread's (absent, so 0) entry.
	switch {
	case pi < 0 && pj >= 0:
		return d.At(pj) == 0
	case pj < 0 && pi >= 0:
		return d.At(pi) == 0
	}
	return true
}

// mirrors reports whether event f of thread j is event e of thread i with
// threads i and j swapped.
func (s *symmetryFilter) mirrors(w *model.World, e, f *model.Event, i, j int) bool {
	return e.Op == f.Op && e.Loc == f.Loc && e.Value == f.Value && e.Old == f.Old &&
		e.OK == f.OK && e.Buffered == f.Buffered && s.swappedEqual(w, e.Dep, f.Dep, i, j)
}
