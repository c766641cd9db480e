package explore

import (
	"slices"

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
//
// The filter hides j for h when the two are unbroken and every process of
// each has as many events as its counterpart (standsFor). For an unbroken
// pair that is the same as equal sequence lengths: under SC a worker has
// one process, and with store buffers the filter compares the pair's
// sequences position by position (symmetryFilter.sequences), so unbroken
// sequences mirror each other, process kinds included, up to the shorter
// one's length.
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
	counts := slices.Grow(d.feasCounts[:0], w.NumProcesses())[:w.NumProcesses()]
	clear(counts)
	seq := slices.Grow(d.feasSeq[:0], n)[:n]
	clear(seq)
	defer func() { d.feasBroken, d.feasCounts, d.feasSeq = broken, counts, seq }()
	for _, st := range steps[:j] {
		if st.tid < n {
			counts[st.pidx]++
			seq[st.tid]++
		}
	}
	hidden := func(x int) bool {
		for h := range x {
			if s.groups[h] == s.groups[x] && !broken[h*n+x] && seq[h] == seq[x] {
				return true
			}
		}
		return false
	}
	evs := w.Events()
	for _, i := range idx {
		st := &steps[i]
		ev := &evs[st.event]
		if st.tid >= n {
			if ev.Op == model.OpSpawn {
				return false // nothing is hidden after a spawn
			}
			continue
		}
		if hidden(st.tid) {
			return true
		}
		if ev.Op == model.OpSpawn {
			return false
		}
		s.extendBroken(w, broken, counts, seq, ev, st.proc)
		counts[st.pidx]++
		seq[st.tid]++
	}
	x, ok := s.worker[t.proc.Thread]
	return ok && hidden(x)
}

// extendBroken is symmetryFilter.add on a copy of its state: broken, and
// the event counts of a prefix per process number (counts) and per worker
// (seq), which ev, of process p of worker ev.Thread, extends.
func (s *symmetryFilter) extendBroken(w *model.World, broken []bool, counts, seq []int, ev *model.Event, p model.Process) {
	a, n := ev.Thread, s.n
	k, m := counts[ev.Proc], seq[a]
	s.breakByClock(w, broken, ev)
	for i := range n {
		if i == a || broken[i*n+a] {
			continue
		}
		q := model.Process{Thread: w.Threads()[i].Key(), Buffer: p.Buffer}
		qi, ok := s.proc[i], s.proc[i] >= 0
		if !p.IsThread() {
			qi, ok = w.ProcessIndex(q)
		}
		if ok && k < counts[qi] && !s.mirrors(w, ev, s.evs[q][k], a, i) ||
			s.sequences && m < seq[i] && !s.mirrors(w, ev, s.seq[i][m], a, i) {
			broken[i*n+a], broken[a*n+i] = true, true
		}
	}
}
