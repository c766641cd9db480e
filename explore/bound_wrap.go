package explore

import (
	"slices"

	"github.com/singlecheck/singlecheck/scheduler"
)

// altFilter removes alternatives at decision points: a preemption bound
// removes those that would exceed it, symmetry those equivalent to a kept
// one. Filters see every decision of an execution, in order.
type altFilter interface {
	// begin starts a new execution.
	begin()
	// filter returns the alternatives of alts (a subset of p.Alternatives,
	// in order) to keep; it may reuse alts' storage. It must keep at least
	// one alternative when alts is not empty.
	filter(p *scheduler.Point, alts []scheduler.Decision) []scheduler.Decision
	// chose is told the alternative taken at p.
	chose(p *scheduler.Point, d scheduler.Decision)
}

// reduced runs an inner strategy on decision points whose alternatives the
// filters have thinned out: the inner strategy never sees what they remove.
// With DFS inside, the search covers exactly the executions whose every
// decision survives the filters.
type reduced struct {
	inner   Strategy
	filters []altFilter
	alts    []scheduler.Decision
	point   scheduler.Point
	// cut counts the points where a filter removed an alternative, per
	// filter, over the whole search.
	cut []int
}

func newReduced(inner Strategy, filters ...altFilter) *reduced {
	return &reduced{inner: inner, filters: filters, cut: make([]int, len(filters))}
}

// Begin starts the next execution of the inner strategy.
func (r *reduced) Begin() bool {
	if !r.inner.Begin() {
		return false
	}
	for _, f := range r.filters {
		f.begin()
	}
	return true
}

// Decide filters p's alternatives, lets the inner strategy choose among the
// rest, and maps its choice back to an index of p.Alternatives.
func (r *reduced) Decide(p *scheduler.Point) int {
	alts := append(r.alts[:0], p.Alternatives...)
	for i, f := range r.filters {
		n := len(alts)
		alts = f.filter(p, alts)
		if len(alts) < n {
			r.cut[i]++
		}
	}
	r.alts = alts
	r.point = *p
	r.point.Alternatives = alts
	k := r.inner.Decide(&r.point)
	if k < 0 {
		return k
	}
	d := alts[k]
	for _, f := range r.filters {
		f.chose(p, d)
	}
	return slices.Index(p.Alternatives, d)
}

// End passes the execution to the inner strategy.
func (r *reduced) End(e *scheduler.Execution) error { return r.inner.End(e) }

// Coverage is the inner strategy's, with a preemption bound's cut: the
// symmetry filter's reduction is sound, a bound's is not complete.
func (r *reduced) Coverage() Coverage {
	c := r.inner.Coverage()
	for i, f := range r.filters {
		if _, ok := f.(*symmetryFilter); ok {
			c.Symmetry = true
		}
		if b, ok := f.(*boundFilter); ok && r.cut[i] > 0 && c.Cut == "" {
			c.Cut = b.reason(r.cut[i])
		}
	}
	return c
}

// withReductions wraps a strategy in the filters c asks for: symmetry (if
// c.symmetry()) and a preemption bound (if c.Preemptions is set). Without
// either it returns s itself.
func withReductions(s Strategy, c *Config) Strategy {
	var fs []altFilter
	bounded := c.Preemptions != nil
	if c.symmetry() {
		fs = append(fs, newSymmetryFilter(bounded))
	}
	if bounded {
		fs = append(fs, newBoundFilter(*c.Preemptions))
	}
	if len(fs) == 0 {
		return s
	}
	return newReduced(s, fs...)
}

// withPORReductions wraps a partial-order reduction in the filters c asks
// for. Symmetry is not a filter in front of DPOR: DPOR consults it, so that
// it can rename what a reversal asks for (see dpor_symmetry.go).
//
// A preemption bound is not a filter here: merely pruning DPOR is unsound.
// With a bound, both DPOR variants run bounded partial-order reduction
// (dpor_bound.go), which is built on source-DPOR, and its coverage names
// strategy source-dpor.
func withPORReductions(s *dpor, c *Config) (Strategy, error) {
	if c.Preemptions != nil {
		b := newBoundedDPOR(*c.Preemptions)
		if c.symmetry() {
			// Keep the current thread: going on with it is never a preemption.
			b.symmetry = newSymmetryFilter(true)
			b.symmetry.unstarted = true
		}
		return b, nil
	}
	if c.symmetry() {
		s.symmetry = newSymmetryFilter(false)
		s.symmetry.unstarted = true
	}
	return s, nil
}

// pin, branches and signatures make a reduced strategy splittable
// (split.go) when its inner one is: branches are the inner strategy's among
// the alternatives the filters keep.
func (r *reduced) pin(prefix scheduler.Schedule) { r.inner.(splitter).pin(prefix) }

func (r *reduced) branches(p *scheduler.Point) []scheduler.Decision {
	alts := append([]scheduler.Decision(nil), p.Alternatives...)
	for _, f := range r.filters {
		alts = f.filter(p, alts)
	}
	q := *p
	q.Alternatives = alts
	return r.inner.(splitter).branches(&q)
}

func (r *reduced) signatures() map[Signature]struct{} { return r.inner.(splitter).signatures() }

func (r *reduced) splittable() bool {
	s, ok := r.inner.(splitter)
	return ok && s.splittable()
}
