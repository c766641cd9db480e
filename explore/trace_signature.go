package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Signature identifies the Mazurkiewicz trace of an execution: two
// executions have the same signature exactly when one is obtained from the
// other by swapping adjacent independent steps (up to hash collisions,
// negligible at 128 bits). It is a hash of the set of the execution's steps,
// each taken with its dependency vector clock (see trace_signature_steps.go
// for the steps and the dependency relation; it is not the happens-before
// clock of model.Event). Executions of different programs or memory models
// must not be compared.
type Signature [2]uint64

func (s Signature) String() string { return fmt.Sprintf("%016x%016x", s[0], s[1]) }

// TraceSignature is the signature of the trace of e, whatever strategy
// produced it. A schedule whose last decision has no event (an execution
// abandoned in the middle of a step) is taken up to its last complete step.
func TraceSignature(e *scheduler.Execution) Signature {
	w := e.World
	b := newStepBuilder(w.Memory())
	b.reset()
	evs := w.Events()
	i := initPrefix(w)
	for k, d := range e.Schedule {
		switch d.Kind {
		case scheduler.ChoiceDecision:
			continue
		case scheduler.FlushDecision:
			if i >= len(evs) {
				break
			}
			b.add(w, d, evs[i:i+1], k)
			i++
		default:
			j := i
			for j < len(evs) && evs[j].Op == model.OpFlush && evs[j].Thread == d.Thread {
				j++
			}
			if j < len(evs) {
				j++
			}
			if j > i {
				b.add(w, d, evs[i:j], k)
			}
			i = j
		}
	}
	return signatureOf(w, b.steps, b.procs)
}

// initPrefix is the number of events the init thread performed before the
// workers started (0 without an init thread).
func initPrefix(w *model.World) int {
	if w.Init() == nil {
		return 0
	}
	init := len(w.Threads()) - 1
	evs := w.Events()
	n := 0
	for n < len(evs) && evs[n].Thread == init {
		n++
	}
	return n
}

// signatureOf combines the steps, each hashed with its clock, by addition
// (so the order of independent steps does not matter), together with the
// init thread's events, which precede everything.
func signatureOf(w *model.World, steps []tstep, procs map[procID]int) Signature {
	names := make([]procID, len(procs))
	for p, i := range procs {
		names[i] = p
	}
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
				p := names[k]
				c += mix64(uint64(uint32(p.thread))<<40 ^ uint64(uint32(p.loc))<<20 ^ uint64(v))
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
// traces it reaches (Stats.Traces). The wrapper keeps the wrapped strategy's
// SleepBlocked count, if it has one.
func CountTraces(s Strategy) Strategy {
	return &traceCounter{Strategy: s, seen: map[Signature]struct{}{}}
}

type traceCounter struct {
	Strategy
	seen map[Signature]struct{}
}

func (c *traceCounter) End(e *scheduler.Execution) error {
	if e.Status != scheduler.Abandoned {
		c.seen[TraceSignature(e)] = struct{}{}
	}
	return c.Strategy.End(e)
}

func (c *traceCounter) Traces() int { return len(c.seen) }

func (c *traceCounter) SleepBlocked() int {
	if sb, ok := c.Strategy.(interface{ SleepBlocked() int }); ok {
		return sb.SleepBlocked()
	}
	return 0
}
