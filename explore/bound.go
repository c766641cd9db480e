package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/scheduler"
)

// Preemption bounding, as in CHESS (Musuvathi and Qadeer, "Iterative context
// bounding for systematic testing of multithreaded programs", PLDI 2007):
// explore only the executions with at most k preemptions. Most concurrency
// bugs need very few, and the number of executions with at most k
// preemptions grows polynomially, not exponentially, with their length.
//
// What counts as a preemption, precisely:
//
//   - The current thread is the thread that performed the last step (the
//     scheduler's Point.Last); there is none before the first step.
//   - Running thread u at a thread decision is a preemption if there is a
//     current thread c ≠ u and c is still enabled (its own thread decision
//     is among the point's alternatives): the scheduler switched away from
//     a thread that could have gone on.
//   - Switching away from a thread that finished or blocks (on a mutex) is
//     free, as is the first step.
//   - Flushing a store buffer is never a preemption and does not change the
//     current thread: a buffer drains on its own, not because a thread was
//     interrupted. So with a bound of 0 the search still covers every point
//     at which buffered stores reach memory, and TSO/PSO behaviours stay
//     reachable.
//   - Choosing the value of a Choose is never a preemption.
//
// This is the definition preempts (rapid.go) implements, which
// CountPreemptions and the rapid-driven strategy share.
//
// preemption reports whether taking decision d at p is a preemption.
func preemption(p *scheduler.Point, d scheduler.Decision) bool {
	k := slices.Index(p.Alternatives, d)
	return k >= 0 && preempts(p, k)
}

// boundFilter removes the alternatives that would take an execution past k
// preemptions.
type boundFilter struct {
	k    int
	used int
}

func newBoundFilter(k int) *boundFilter { return &boundFilter{k: k} }

func (b *boundFilter) begin() { b.used = 0 }

func (b *boundFilter) filter(p *scheduler.Point, alts []scheduler.Decision) []scheduler.Decision {
	if b.used < b.k {
		return alts
	}
	kept := alts[:0]
	for _, a := range alts {
		if !preemption(p, a) {
			kept = append(kept, a)
		}
	}
	return kept
}

func (b *boundFilter) chose(p *scheduler.Point, d scheduler.Decision) {
	if preemption(p, d) {
		b.used++
	}
}

func (b *boundFilter) reason(cut int) string {
	return fmt.Sprintf("the preemption bound %d cut off executions at %d decision points; "+
		"a violation may need more preemptions: raise the bound or drop it", b.k, cut)
}
