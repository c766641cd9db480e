package scheduler_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// spin is a program whose threads spin forever: only the step bound or a
// cancellation ends an execution of it.
func spin(threads int, init bool) model.Program {
	return model.Program{Name: "spin", Build: func(w *model.World) []model.Body {
		flag := model.NewAtomic(w, "flag")
		body := func(t *model.Thread) {
			for flag.Load(t) == 0 { // nobody ever sets flag
			}
		}
		if init {
			w.SetInit(body)
		}
		bodies := make([]model.Body, threads)
		for i := range bodies {
			bodies[i] = body
		}
		return bodies
	}}
}

// cancelAfter is a Decider that closes a channel at decision n, as a signal
// arriving in the middle of an execution would.
type cancelAfter struct {
	n    int
	done chan struct{}
}

func (c *cancelAfter) Decide(p *scheduler.Point) int {
	if p.Index == c.n {
		close(c.done)
	}
	return p.Index % len(p.Alternatives)
}

// An execution polls Options.Cancel and ends Interrupted soon after it is
// closed, far from its step bound, with the steps it took; every coroutine
// has ended when Run returns.
func TestCancelInterruptsAnExecution(t *testing.T) {
	for _, tc := range []struct {
		name string
		prog model.Program
	}{
		{"workers", spin(3, false)},
		{"init thread", spin(1, true)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &cancelAfter{n: 10_000, done: make(chan struct{})}
			if tc.name == "init thread" { // the init thread makes no decisions
				close(d.done)
			}
			e := scheduler.Run(tc.prog, d, scheduler.Options{MaxSteps: 10_000_000, Cancel: d.done})
			assert.Equal(t, scheduler.Interrupted, e.Status)
			assert.Less(t, e.Steps, 10_000+5000, "polled too late")
			assert.Contains(t, e.Message(), "interrupted after")
		})
	}
}

// A Cancel closed before the execution starts ends it before its first step.
func TestCancelledBeforeTheFirstStep(t *testing.T) {
	done := make(chan struct{})
	close(done)
	e := scheduler.Run(spin(2, false), first{}, scheduler.Options{Cancel: done})
	assert.Equal(t, scheduler.Interrupted, e.Status)
	assert.Equal(t, 0, e.Steps)
}

// A Cancel never closed changes nothing: the step bound still ends the
// execution exactly where it did.
func TestCancelNotClosedKeepsTheStepBound(t *testing.T) {
	for _, bound := range []int{1, 50, 4096, 4097, 10_000} {
		e := scheduler.Run(spin(2, false), first{}, scheduler.Options{MaxSteps: bound, Cancel: make(chan struct{})})
		assert.Equal(t, scheduler.StepBound, e.Status)
		assert.Equal(t, bound, e.Steps)
	}
}

// BenchmarkCancelPoll measures what polling Options.Cancel costs a step:
// the same spinning execution of 100,000 steps without a Cancel (one
// compare per step, as before there was one) and with one (a non-blocking
// receive every pollSteps steps besides).
//
//	go test ./scheduler -run '^$' -bench CancelPoll -count 5
func BenchmarkCancelPoll(b *testing.B) {
	const steps = 100_000
	for _, withCancel := range []bool{false, true} {
		name := "without-cancel"
		opt := scheduler.Options{MaxSteps: steps, NoRaces: true}
		if withCancel {
			name = "with-cancel"
			opt.Cancel = make(chan struct{})
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if e := scheduler.Run(spin(2, false), first{}, opt); e.Steps != steps {
					b.Fatalf("%d steps", e.Steps)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*steps), "ns/step")
		})
	}
}
