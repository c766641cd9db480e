package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Signature identifies the Mazurkiewicz trace of an execution under the
// model's dependency relation (model/deps.go): two executions have the same
// signature exactly when one is obtained from the other by swapping
// adjacent independent steps (up to hash collisions, negligible at 128
// bits). It is a hash of the set of the execution's steps, each taken with
// its dependency clock (not the happens-before clock of model.Event).
// Executions of different programs or memory models must not be compared.
type Signature [2]uint64

func (s Signature) String() string { return fmt.Sprintf("%016x%016x", s[0], s[1]) }

// TraceSignature is the signature of the trace of e, whatever strategy
// produced it.
func TraceSignature(e *scheduler.Execution) Signature {
	w := e.World
	w.TrackDependencies()
	var b stepTable
	b.reset()
	b.add(w, initPrefix(w))
	return signatureOf(w, b.steps)
}

// signatureOf combines the steps, each hashed with its clock, by addition
// (so the order of independent steps does not matter), together with the
// init thread's events, which precede everything.
func signatureOf(w *model.World, steps []tstep) Signature {
	var sig Signature
	for _, ev := range w.Events()[:initPrefix(w)] {
		h := hashAdd(hashInit(uint64(ev.Op)<<32|uint64(uint32(ev.Loc))), uint64(ev.Value))
		sig[0] = hashAdd(sig[0], h)
		sig[1] = hashAdd(sig[1]^0x9e3779b97f4a7c15, h)
	}
	for i := range steps {
		s := &steps[i]
		var c uint64
		for k, v := range s.clock {
			if v > 0 {
				p := w.Process(k)
				c += mix64(p.Thread ^ uint64(uint32(p.Buffer))<<20 ^ uint64(v)<<44)
			}
		}
		h := hashAdd(s.ident, c)
		sig[0] += mix64(h)
		sig[1] += mix64(h ^ 0x5851f42d4c957f2d)
	}
	return sig
}

func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func hashInit(x uint64) uint64 { return mix64(x ^ 0x243f6a8885a308d3) }

func hashAdd(h, x uint64) uint64 { return mix64(h*0x100000001b3 ^ x) }

// CountTraces wraps a strategy so that the search also counts the distinct
// traces it reaches (Coverage.Traces); everything else of the wrapped
// strategy's coverage is kept.
func CountTraces(s Strategy) Strategy {
	return &traceCounter{inner: s, seen: map[Signature]struct{}{}}
}

type traceCounter struct {
	inner Strategy
	seen  map[Signature]struct{}
}

func (c *traceCounter) Begin() bool                   { return c.inner.Begin() }
func (c *traceCounter) Decide(p *scheduler.Point) int { return c.inner.Decide(p) }
func (c *traceCounter) End(e *scheduler.Execution) error {
	if e.Status != scheduler.Abandoned {
		c.seen[TraceSignature(e)] = struct{}{}
	}
	return c.inner.End(e)
}

func (c *traceCounter) Coverage() Coverage {
	cov := c.inner.Coverage()
	cov.Traces, cov.Equivalence = len(c.seen), EquivalenceTraces
	return cov
}

func (c *traceCounter) pin(prefix scheduler.Schedule) { c.inner.(splitter).pin(prefix) }

func (c *traceCounter) branches(p *scheduler.Point) []scheduler.Decision {
	return c.inner.(splitter).branches(p)
}

func (c *traceCounter) signatures() map[Signature]struct{} { return c.seen }

func (c *traceCounter) splittable() bool {
	s, ok := c.inner.(splitter)
	return ok && s.splittable()
}
