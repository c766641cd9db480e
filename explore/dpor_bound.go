package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Bounded partial-order reduction (Coons, Musuvathi and McKinley, "Bounded
// partial-order reduction", OOPSLA 2013): source-DPOR that explores only
// executions with at most k preemptions (bound.go defines them) and is meant
// to reach every trace that has an execution within the bound. That claim
// rests on tests, not on a proof: they compare it with DFS under the same
// bound (bound_dpor_test.go), and the extra backtrack points below are the
// ones those comparisons showed to be needed.
//
// Merely pruning DPOR at the bound is unsound: DPOR reverses a race at the
// state before its earlier event, and when running the later event's
// process there is a preemption the bound forbids, the reversed trace is
// lost, although it may have another execution within the bound. The bound
// makes independent steps dependent: it matters whether a switch of threads
// happens inside a thread's run or at its end. The paper's remedy is a
// conservative backtrack point at the last context switch at or before the
// race, where running another thread costs no more preemptions than the
// switch already made there; this implementation needs more of them (see
// insertBounded).
//
// What this implementation does on top of source-DPOR (dpor.go):
//
//   - every frame records which alternatives are preemptions and how many
//     preemptions came before it; a backtrack point beyond the bound is not
//     explored (and is counted, so the search ends unknown, not safe);
//   - extending an execution prefers the thread that ran last, which is never
//     a preemption, so no execution is ever cut short by the bound;
//   - sleep sets are off: a process put to sleep under one budget may be
//     needed again where fewer preemptions are left (the Haskell checker
//     dejafu keeps sleep sets but explores conservative points even when
//     asleep; this is simpler). Each frame still never explores the same
//     process twice;
//   - a reversal adds the race's later process itself, not any initial of
//     the reversal as source-DPOR may: another initial reaches the same
//     trace only through an ordering that may cost more preemptions (in
//     classic DPOR, Flanagan and Godefroid, POPL 2005, and in BPOR, the
//     backtrack point is the racing process too). Where that process is
//     not enabled, every enabled process is added;
//   - the process is added not only before the race's earlier step but at
//     every frame up to the end of the run of consecutive steps of one
//     thread that contains it (insertBounded says why).
type dporBound struct {
	k int
	// cut counts the frames that ended with a backtrack point left
	// unexplored because it was beyond the bound.
	cut int
}

// newBoundedDPOR returns bounded partial-order reduction
// (source-DPOR with the conservative backtrack points of BPOR),
// exploring only executions with at most k preemptions.
func newBoundedDPOR(k int) *dpor {
	d := newDPOR(false)
	d.bnd = &dporBound{k: k}
	return d
}

// account records at a fresh frame which alternatives are preemptions and
// how many preemptions the execution made before it; parent is the
// previous thread or flush frame, nil if none.
func (b *dporBound) account(f *dporFrame, p *scheduler.Point, parent *dporFrame) {
	f.pre = make([]bool, len(f.alts))
	for k := range f.alts {
		f.pre[k] = preempts(p, k)
	}
	if parent != nil {
		f.used = parent.used
		if parent.pre[parent.curIdx] {
			f.used++
		}
	}
}

// parentFrame is the previous thread or flush frame of the execution, nil
// if none.
func (d *dpor) parentFrame() *dporFrame {
	if d.lastSched < 0 {
		return nil
	}
	return d.frames[d.lastSched]
}

// inBound reports whether taking alternative k at frame f stays within the
// bound (always, without one).
func (d *dpor) inBound(f *dporFrame, k int) bool {
	return d.bnd == nil || f.pre == nil || !f.pre[k] || f.used < d.bnd.k
}

// countCut counts frame f, now exhausted, if a backtrack point was left
// unexplored there because of the bound.
func (d *dpor) countCut(f *dporFrame) {
	if d.bnd == nil {
		return
	}
	for _, p := range f.backtrack {
		if k := f.altOf(p); k >= 0 && !f.asleep(p) && !d.inBound(f, k) {
			d.bnd.cut++
			return
		}
	}
}

// cheapest picks the alternative a fresh frame explores first under a
// bound, so that the explored execution spends as few preemptions as it
// can: the last thread, else a flush of its buffer (it may be waiting at a
// fence), else any alternative that is not a preemption, else -1.
func (d *dpor) cheapest(f *dporFrame, last int) int {
	pick, rank := -1, 3
	for k, p := range f.procs {
		if !selectable(p) || f.pre[k] {
			continue
		}
		r := 2
		if f.alts[k].Thread == last {
			r = 1
			if p.IsThread() {
				r = 0
			}
		}
		if r < rank {
			pick, rank = k, r
		}
	}
	return pick
}

// insertBounded handles a race whose earlier step is that of frame fi and
// whose later process is q. q goes into the backtrack set of every
// thread or flush frame from the first one to the end of the run (the
// consecutive steps of one thread) that contains fi.
//
// At fi itself, running q reverses the race as in source-DPOR; it may be a
// preemption the bound forbids. At the context switch that started the run
// it is no extra preemption: the switch happens there anyway (the
// conservative point of Coons et al.). But the bound makes the cost of an
// execution depend on where q's steps fall, not only on their order with
// the race: a preemption inside a run costs one wherever it is, yet if q's
// next lock then finds the mutex held, q blocks and the switch away from it
// is free. The tests found traces within the bound that only such points
// reach, inside the run and in earlier runs (a thread that stores while
// another holds the mutex it is about to lock), so q goes to every frame up
// to the end of the run. This costs executions: bounded POR explores more
// than source-DPOR would without a bound, yet fewer than DFS under it.
func (d *dpor) insertBounded(fi int, q model.Process) {
	for i, f := range d.frames {
		if f.choice {
			continue
		}
		if i > fi && f.switches() {
			break
		}
		if f.pinned {
			continue // another subtree of a split search explores it
		}
		f.addProc(q)
	}
}

// addProc adds process q to f's backtrack set, or every enabled process if
// q is not enabled at f.
func (f *dporFrame) addProc(q model.Process) {
	if f.altOf(q) < 0 {
		f.addAll()
		return
	}
	if !f.asleep(q) && !slices.Contains(f.backtrack, q) {
		f.backtrack = append(f.backtrack, q)
	}
}

// switches reports whether the frame ran a thread other than the current
// one, or the first thread. Flushes never switch: they do not change the
// current thread.
func (f *dporFrame) switches() bool {
	return f.cur.IsThread() && (f.last < 0 || f.alts[f.curIdx].Thread != f.last)
}

// reason explains why the bound left the search incomplete, or "".
func (b *dporBound) reason() string {
	if b.cut == 0 {
		return ""
	}
	return fmt.Sprintf("the preemption bound %d left backtrack points unexplored at %d states; "+
		"a violation may need more preemptions: raise the bound or drop it", b.k, b.cut)
}
