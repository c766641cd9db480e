package explore

import (
	"github.com/singlecheck/singlecheck/model"
)

// Reversals that symmetry makes infeasible (the symmetry order only; see
// dpor_symmetry.go).
//
// Under the symmetry order a hidden thread is treated as disabled: worker
// j may not move while a lower-numbered h of its group has a level,
// unbroken history. A reversal E.v asks for its events to run in v's order
// after E. If some event of v (or the target) belongs to a worker that the
// filter would hide at that point, E.v is not an execution of the reduced
// system: j becomes visible again only when h moves, and h's next event is
// dependent with j's (the order's key), so no reordering of the trace lets
// j's event run first. dpor.insert already drops a reversal whose initial
// is hidden at its frame; this is the same for every event of v.
//
// Without the check such a reversal was inserted, and the execution that
// followed it reached the point where j was hidden, found its wakeup
// branch replaced by every enabled process, and, with h asleep there (its
// next event independent of everything since), ended sleep-set blocked:
// half of the executions of `dual-reset` were such.
//
// Hiding is decided exactly as the filter decides it (standsFor): equal
// event counts and no witness that swapping h and j changes the trace. The
// witnesses are properties of events (their labels and dependency clocks),
// and an event of v other than the target is an event of this execution
// whose dependency clock is unchanged in E.v (v keeps the events that do
// not follow E's last step, with their order), so the filter's own state
// before E, extended by v's events in v's order, is the state before each
// of them.

// keepHistory makes the filter keep, per event, the broken matrix before
// it (brokenBefore), for infeasibleReversal.
func (s *symmetryFilter) keepHistory() { s.history = true }

// brokenBefore is the broken matrix before event i, which the filter has
// processed, and whether a spawn came before it.
func (s *symmetryFilter) brokenBefore(i int) ([]bool, bool) {
	nn := s.n * s.n
	return s.hist[i*nn : (i+1)*nn], s.spawnAt >= 0 && s.spawnAt < i
}

// infeasibleReversal reports whether the reversal that runs, after steps[:j],
// the steps idx in that order and then target t, asks a worker to move where
// the symmetry filter hides it.
func (d *dpor) infeasibleReversal(w *model.World, j int, idx []int, t raceTarget) bool {
	s := d.symmetry
	steps := d.st.steps
	if s == nil || !d.strong || s.n == 0 {
		return false
	}
	s.update(w)
	n := s.n
	before, spawned := s.brokenBefore(steps[j].event)
	if spawned {
		return false
	}
	broken := append(d.feasBroken[:0], before...)
	if !s.sc {
		d.feasBroken = broken
		return d.infeasibleBuffered(w, j, idx, t, broken)
	}
	counts := d.feasCounts[:0]
	for range n {
		counts = append(counts, 0)
	}
	defer func() { d.feasBroken, d.feasCounts = broken, counts }()
	for _, st := range steps[:j] {
		if st.tid < n && st.proc.IsThread() {
			counts[st.tid]++
		}
	}
	hidden := func(x int) bool {
		for h := range x {
			if s.groups[h] == s.groups[x] && counts[h] == counts[x] && !broken[h*n+x] {
				return true
			}
		}
		return false
	}
	evs := w.Events()
	for _, i := range idx {
		st := &steps[i]
		if st.tid >= n {
			if evs[st.event].Op == model.OpSpawn {
				return false // nothing is hidden after a spawn
			}
			continue
		}
		if hidden(st.tid) {
			return true
		}
		ev := &evs[st.event]
		if ev.Op == model.OpSpawn {
			return false
		}
		s.extendBroken(w, broken, counts, ev)
		counts[st.tid]++
	}
	return t.proc.IsThread() && t.tid < n && hidden(t.tid)
}

// extendBroken is symmetryFilter.add on a copy of its state: broken and
// the thread-process event counts of a prefix, which ev, the next event of
// worker ev.Thread, extends.
func (s *symmetryFilter) extendBroken(w *model.World, broken []bool, counts []int, ev *model.Event) {
	a, n := ev.Thread, s.n
	k := counts[a]
	s.breakByClock(w, broken, ev)
	for i := range n {
		if i == a || broken[i*n+a] || k >= counts[i] {
			continue
		}
		other := s.evs[model.Process{Thread: w.Threads()[i].Key(), Buffer: model.ThreadProcess}]
		if !s.mirrors(w, ev, other[k], a, i) {
			broken[i*n+a], broken[a*n+i] = true, true
		}
	}
}

// infeasibleBuffered is infeasibleReversal with store buffers, from the
// broken matrix before step j: the filter's counts are per process, and
// its sequence check (symmetryFilter.sequences) takes part.
func (d *dpor) infeasibleBuffered(w *model.World, j int, idx []int, t raceTarget, broken []bool) bool {
	s := d.symmetry
	steps := d.st.steps
	n := s.n
	if d.feasProc == nil {
		d.feasProc = map[model.Process]int{}
	}
	counts := d.feasProc
	clear(counts)
	seq := d.feasCounts[:0]
	for range n {
		seq = append(seq, 0)
	}
	d.feasCounts = seq
	for _, st := range steps[:j] {
		if st.tid < n {
			counts[st.proc]++
			seq[st.tid]++
		}
	}
	hidden := func(x int) bool {
		for h := range x {
			if s.groups[h] == s.groups[x] && !broken[h*n+x] && levelIn(w, counts, h, x) {
				return true
			}
		}
		return false
	}
	evs := w.Events()
	for _, i := range idx {
		st := &steps[i]
		ev := &evs[st.event]
		if ev.Op == model.OpSpawn {
			return false // nothing is hidden after a spawn
		}
		if st.tid >= n {
			continue
		}
		if hidden(st.tid) {
			return true
		}
		s.extendBrokenBuffered(w, broken, counts, seq, ev, st.proc)
		counts[st.proc]++
		seq[st.tid]++
	}
	x, ok := s.worker[t.proc.Thread]
	return ok && hidden(x)
}

// levelIn reports whether every process of workers h and x has as many
// events in counts as its counterpart of the other.
func levelIn(w *model.World, counts map[model.Process]int, h, x int) bool {
	kh, kx := w.Threads()[h].Key(), w.Threads()[x].Key()
	for p, c := range counts {
		switch p.Thread {
		case kh:
			if counts[model.Process{Thread: kx, Buffer: p.Buffer}] != c {
				return false
			}
		case kx:
			if counts[model.Process{Thread: kh, Buffer: p.Buffer}] != c {
				return false
			}
		}
	}
	return true
}

// extendBrokenBuffered is symmetryFilter.add on a copy of its state with
// store buffers: ev, of process p of worker ev.Thread, extends a prefix
// with per-process counts counts and per-worker sequence lengths seq.
func (s *symmetryFilter) extendBrokenBuffered(w *model.World, broken []bool, counts map[model.Process]int, seq []int, ev *model.Event, p model.Process) {
	a, n := ev.Thread, s.n
	k, m := counts[p], seq[a]
	s.breakByClock(w, broken, ev)
	for i := range n {
		if i == a || broken[i*n+a] {
			continue
		}
		q := model.Process{Thread: w.Threads()[i].Key(), Buffer: p.Buffer}
		if k < counts[q] && !s.mirrors(w, ev, s.evs[q][k], a, i) ||
			s.sequences && m < seq[i] && !s.mirrors(w, ev, s.seq[i][m], a, i) {
			broken[i*n+a], broken[a*n+i] = true, true
		}
	}
}
