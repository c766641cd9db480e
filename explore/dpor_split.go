package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/scheduler"
)

// DPOR as one subtree of a split search (split.go says why this is sound).
// The first len(d.pinned) decisions of every execution are the subtree's
// prefix: their frames are pinned, Begin never backtracks into them, and a
// race whose reversal belongs at a pinned frame is dropped, because the
// reversal starts with a different prefix, which is another subtree's.
// Pinned frames never hold a sleeping or explored process, so the first
// frame past the prefix starts with an empty sleep set and no wakeup tree:
// the subtree is DPOR from the state after the prefix.

// A split search hides only threads that have not started (symmetryMode):
// the argument in split.go needs a hidden thread that has not moved, so
// the symmetry order's stronger mode is for the whole search only.
func (d *dpor) pin(prefix scheduler.Schedule) { d.pinned, d.split = prefix, true }

// decidePinned takes the prefix's decision at a fresh frame inside it.
func (d *dpor) decidePinned(p *scheduler.Point) int {
	i := p.Index
	k := slices.Index(p.Alternatives, d.pinned[i])
	if k < 0 {
		d.err = fmt.Errorf("at decision %d, the subtree's decision %v is not an alternative: %w", i+1, d.pinned[i], scheduler.ErrNondeterministic)
		return -1
	}
	if p.IsChoice() {
		f := &dporFrame{choice: true, pos: k, pinned: true}
		for v := range p.Alternatives {
			f.order = append(f.order, v)
		}
		d.frames = append(d.frames, f)
		return k
	}
	f := d.newFrame(p)
	f.cur, f.curIdx, f.subs, f.pinned = f.procs[k], k, nil, true
	if !d.optimal {
		f.backtrack = append(f.backtrack, f.cur)
	}
	d.frames = append(d.frames, f)
	d.lastSched = i
	return k
}

// branches are the alternatives DPOR explores at fresh point p when every
// one is to be explored: the one it would take first, then every other
// selectable process that symmetry does not hide (a hidden thread's
// executions are its representative's, renamed). It changes the strategy's
// state: the execution must end here.
func (d *dpor) branches(p *scheduler.Point) []scheduler.Decision {
	if p.IsChoice() {
		return slices.Clone(p.Alternatives)
	}
	d.closeSteps(p.World)
	f := d.newFrame(p)
	first := d.firstChoice(f, p.Last)
	var out []scheduler.Decision
	if first >= 0 {
		out = append(out, f.alts[first])
	}
	for k, q := range f.procs {
		if _, hid := f.hidden(q); k != first && selectable(q) && !hid && !f.asleep(q) {
			out = append(out, f.alts[k])
		}
	}
	return out
}

func (d *dpor) signatures() map[Signature]struct{} { return d.traces }

// splittable: bounded partial-order reduction is not (its conservative
// backtrack points reach back across frames, see dpor_bound.go).
func (d *dpor) splittable() bool { return d.bnd == nil }
