package explore

import (
	"slices"

	"github.com/singlecheck/singlecheck/model"
)

// Wakeup trees of optimal DPOR (Abdulla, Aronis, Jonsson, Sagonas, JACM
// 2017): an ordered tree of event sequences still to explore from a state.

// wevent is an event of a wakeup sequence: its process, footprint, and the
// value of its choice (-1 if it is not a Choose).
type wevent struct {
	proc   model.Process
	acc    model.Footprint
	choice int
}

// wuNode is a node of a wakeup tree; the root's ev is unused.
type wuNode struct {
	ev       wevent
	children []*wuNode
}

// initials are the processes whose first event in v has no predecessor in v.
func initials(v []wevent) []model.Process {
	var out []model.Process
	for i, e := range v {
		if slices.Contains(out, e.proc) || firstOf(v, i) != i {
			continue
		}
		if !hasPredecessor(v, i) {
			out = append(out, e.proc)
		}
	}
	return out
}

func firstOf(v []wevent, i int) int {
	for j := range v[:i] {
		if v[j].proc == v[i].proc {
			return j
		}
	}
	return i
}

func hasPredecessor(v []wevent, i int) bool {
	for _, o := range v[:i] {
		if o.proc == v[i].proc || o.acc.Conflicts(v[i].acc) {
			return true
		}
	}
	return false
}

// weakInitial reports whether e's process is a weak initial of v: its first
// event in v (which must be e, same choice) has no predecessor in v, or it
// has no event in v and e is independent of all of v. idx is the position
// of its event in v, or -1.
//
// A lock is no exception, not even the next event of a sleeping process
// (see insert). If e locks mutex m and is independent of all of v, then v
// has no operation on m (each writes it) and no flush of e's thread (a lock
// reads its buffered stores), so after v m is as it was where e was
// enabled, and e can run right after v: E.v.e is equivalent to E.e.v,
// whose traces the sleep set says were explored. The executions in which
// e's thread instead stays blocked on m for ever have, after v, a lock of m
// by another thread, dependent with e; they are reached by reversing that
// race with e (pendingRace, or the release race redirected to the lock
// that took m), which the executions after E.e contain. Excluding sleeping
// locks here inserted such a v although it was covered, and the execution
// it led to could end with every enabled thread asleep (e's among them) and
// the others done or blocked: sleep-set blocked, wasted.
func weakInitial(e wevent, v []wevent) (idx int, ok bool) {
	for i, o := range v {
		if o.proc != e.proc {
			continue
		}
		if e.choice >= 0 && o.choice >= 0 && e.choice != o.choice {
			return -1, false
		}
		return i, !hasPredecessor(v, i)
	}
	for _, o := range v {
		if o.acc.Conflicts(e.acc) {
			return -1, false
		}
	}
	return -1, true
}

// insertWakeup inserts v into the tree rooted at root, unless a leaf
// already covers it: from the root, follow the first child that is a weak
// initial of what is left of v, removing its event; at a leaf v is covered;
// where no child fits, the rest of v becomes a new last branch.
func insertWakeup(root *wuNode, v []wevent) {
	v = append([]wevent(nil), v...)
	u := root
	for {
		if u != root && len(u.children) == 0 {
			return
		}
		if len(v) == 0 {
			return
		}
		var next *wuNode
		for _, c := range u.children {
			if i, ok := weakInitial(c.ev, v); ok {
				if i >= 0 {
					v = slices.Delete(v, i, i+1) // v is this call's copy
				}
				next = c
				break
			}
		}
		if next == nil {
			for _, e := range v {
				n := &wuNode{ev: e}
				u.children = append(u.children, n)
				u = n
			}
			return
		}
		u = next
	}
}
