package explore

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// DPOR under symmetry reduction, in one of two modes.
//
// The symmetry order (no preemption bound; under TSO and PSO in its
// buffered mode, dpor_symorder_buffers.go, which makes each worker's
// events one sequence, so that the argument below holds of sequences
// rather than threads). DPOR hides, at every
// decision, each identical thread the DFS filter hides (symmetry.go): j,
// when a lower-numbered thread h of its group has so far a history that
// renaming h and j maps onto j's, with the same trace (π(σ) ≡ σ). Read as
// a constraint on schedules, "j may not move while some such h exists"
// keeps an execution of every orbit of traces (the filter's argument: σ·j·w
// ≡ π(σ·h·π(w))). DPOR is exact for a transition system and a dependency
// relation only if executions that differ by swapping adjacent independent
// events are both executions; the constraint breaks that for the model's
// relation, and the symmetry order (dpor_symorder.go) refines the relation
// until it holds again:
//
//   - whether π(σ) ≡ σ holds is a property of σ's trace, and only events of
//     h and j change it: an event f of another thread keeps it (after σ,
//     renaming h and j fixes the state, so f is its own image), so does
//     not enable or disable j;
//   - under the constraint, while the pair is not broken j never runs ahead
//     of h (it may not move when their histories are level), so h's next
//     event never disables j; it enables j when they were level, and then
//     both next events are the m-th of their threads, which the order makes
//     dependent (the pair is not broken in σ, which contains the past either
//     event is judged from);
//   - a spawn ends the reduction (it enables every hidden thread) and is
//     dependent with every event of a grouped thread.
//
// So DPOR over the refined relation, with hidden threads treated as
// disabled, explores one execution of every refined trace the constraint
// allows, which covers every orbit. Treated as disabled means: a reversal
// with an initial whose thread is hidden at its frame cannot run there
// (the thread stays hidden until its h moves, and h's next event is
// dependent with, so after, the initial) and is dropped (dpor.insert); a
// wakeup branch of a hidden thread (inherited from a parent's subtree,
// where hiding was not yet known) is replaced by every enabled process
// (counted in dpor.symFallbacks); nothing takes a hidden thread by default.
// A reversal that would run a thread where it is hidden, at any of its
// events and not only its first, is not an execution of the reduced system
// and is dropped too (dpor_symfeasible.go); before that check, such
// reversals led to executions that ended sleep-set blocked. The refinement
// orders only events of pairs not yet known broken, so the explored
// executions stay close to one per orbit; the coverage reports any that
// end sleep-set blocked.
//
// Threads that have not started (under a preemption bound, and in a split
// search). The bound makes the current thread part of the state; there
// symmetry identifies only identical threads that have not moved yet: of such threads, the lowest-numbered stands for the others
// (symmetryFilter.unstarted), which amounts to naming identical threads by
// the order in which they start. DPOR sees every alternative, never takes a
// hidden thread by default (a fresh frame's first choice, source-DPOR's
// fall-back on every enabled process), and when a reversal asks for a
// hidden thread t it explores its renaming by the swap π of t and its
// representative u instead: the wakeup subtree of optimal DPOR, the
// backtrack process of source-DPOR. Neither t nor u has an event in the
// execution so far, so π leaves that prefix itself unchanged, every
// execution σ·t·w is π(σ·u·π(w)), and a reversal that a hidden execution
// would have asked for at an earlier frame is, at that frame, renamed to
// exactly what its π-image asks for.
//
// Identifying threads that have moved with identical histories without the
// symmetry order is not sound with DPOR's sleep sets and wakeup trees: the
// π-image of a hidden execution's reversal may land at an earlier frame
// whose prefix π does not fix, in a branch that renames it back into a
// sleeping branch, whose coverage itself relied on the hidden execution.
// Generated programs lose orbits that way (two threads that each store to
// a variable and load it back, under TSO; three that each load an atomic
// and compare-and-swap it, under SC); TestSymmetryWithDPORGenerated and
// TestSymmetryOrderGenerated check both modes against plain DFS's orbits.

// swapKey is k with thread keys a and b swapped.
func swapKey(k model.Key, a, b uint64) model.Key {
	switch k.Thread {
	case a:
		k.Thread = b
	case b:
		k.Thread = a
	}
	return k
}

func swapProcess(p model.Process, a, b uint64) model.Process {
	switch p.Thread {
	case a:
		p.Thread = b
	case b:
		p.Thread = a
	}
	return p
}

func swapFootprint(acc model.Footprint, a, b uint64) model.Footprint {
	out := make(model.Footprint, len(acc))
	for i, x := range acc {
		out[i] = model.Access{Key: swapKey(x.Key, a, b), Write: x.Write}
	}
	return out
}

// swapped is the wakeup subtree n with threads a and b swapped.
func (n *wuNode) swapped(a, b uint64) *wuNode {
	m := &wuNode{ev: n.ev}
	m.ev.proc = swapProcess(n.ev.proc, a, b)
	m.ev.acc = swapFootprint(n.ev.acc, a, b)
	for _, c := range n.children {
		m.children = append(m.children, c.swapped(a, b))
	}
	return m
}

// hidden reports whether p's thread is one symmetry hides at frame f, and
// if so the Key of the thread that stands for it.
func (f *dporFrame) hidden(p model.Process) (uint64, bool) {
	u, ok := f.rep[p.Thread]
	return u, ok
}

// recordHidden fills in, at a fresh frame, which threads symmetry hides
// there and which thread stands for each (by Key).
func (d *dpor) recordHidden(f *dporFrame, p *scheduler.Point) {
	if d.symmetry == nil {
		return
	}
	d.symmetry.observe(p)
	if len(d.symmetry.rep) == 0 {
		return
	}
	f.rep = make(map[uint64]uint64, len(d.symmetry.rep))
	w := p.World
	for t, u := range d.symmetry.rep {
		f.rep[w.Threads()[t].Key()] = w.Threads()[u].Key()
	}
}

// symmetryMode decides, at the search's first decision, how DPOR uses
// symmetry: without a preemption bound, in a search that is not split
// (dpor_split.go), every thread the DFS filter hides, with the symmetry
// order (buffered under TSO and PSO); otherwise only threads that have not
// started.
func (d *dpor) symmetryMode(w *model.World) {
	if d.symmetry == nil || d.symModeSet {
		return
	}
	d.symModeSet = true
	d.strong = d.bnd == nil && !d.split && w.SymmetryGroups() != nil
	d.symmetry.unstarted = !d.strong
	if d.strong {
		d.st.order = newSymOrder()
		d.st.order.buffered = w.Memory() != model.SC
		d.st.order.reset()
		d.symmetry.keepHistory()
		d.symmetry.sequences = d.st.order.buffered
	}
}

// hidesInitial reports whether a thread of an initial of v is hidden at f:
// v cannot run from f (see the argument above), and no trace needs it.
func (d *dpor) hidesInitial(f *dporFrame, v []wevent) bool {
	for _, p := range initials(v) {
		if _, hid := f.hidden(p); hid {
			return true
		}
	}
	return false
}

// addAllBranches adds to f's wakeup tree a branch for every enabled process
// that is not asleep or hidden.
func (d *dpor) addAllBranches(f *dporFrame) {
	for _, p := range f.appendEnabled(nil) {
		f.wut.children = append(f.wut.children, &wuNode{ev: wevent{proc: p, choice: -1}})
	}
}

// pendingAcc is the footprint of the operation thread th has still to
// perform at the end of execution e, with its symmetry order accesses.
func (d *dpor) pendingAcc(e *scheduler.Execution, th *model.Thread) model.Footprint {
	acc := e.PendingFootprint(th.ID())
	if o := d.st.order; o != nil {
		if x := o.extra(model.Process{Thread: th.Key(), Buffer: model.ThreadProcess}, th.Pending().Kind); len(x) > 0 {
			acc = append(acc[:len(acc):len(acc)], x...)
		}
	}
	return acc
}
