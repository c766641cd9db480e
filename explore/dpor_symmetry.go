package explore

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// DPOR under symmetry reduction. With DPOR, symmetry identifies only
// identical threads that have not moved yet: of such threads, the
// lowest-numbered stands for the others (symmetryFilter.unstarted), which
// amounts to naming identical threads by the order in which they start.
// DPOR sees every alternative, never takes a hidden thread by default (a
// fresh frame's first choice, source-DPOR's fall-back on every enabled
// process), and when a reversal asks for a hidden thread t it explores its
// renaming by the swap π of t and its representative u instead: the wakeup
// subtree of optimal DPOR, the backtrack process of source-DPOR. Neither t
// nor u has an event in the execution so far, so π leaves that prefix
// itself unchanged, every execution σ·t·w is π(σ·u·π(w)), and a reversal
// that a hidden execution would have asked for at an earlier frame is, at
// that frame, renamed to exactly what its π-image asks for.
//
// Identifying threads that have moved with identical histories (as the
// filter does for DFS) is not sound with DPOR's sleep sets and wakeup
// trees: the π-image of a hidden execution's reversal may land at an
// earlier frame whose prefix π does not fix, in a branch that renames it
// back into a sleeping branch, whose coverage itself relied on the hidden
// execution. Generated programs lose orbits that way (two threads that
// each store to a variable and load it back, under TSO; three that each
// load an atomic and compare-and-swap it, under SC);
// TestSymmetryWithDPORGenerated checks the design against plain DFS's
// orbits.

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
