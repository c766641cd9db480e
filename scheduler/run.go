package scheduler

import (
	"fmt"
	"iter"

	"github.com/singlecheck/singlecheck/model"
)

// Point is one decision to make: the alternatives, and the state they are
// alternatives in. A Decider must not modify it.
type Point struct {
	// Index is the position of this decision in the execution's schedule.
	Index int
	// Alternatives lists what may happen next: for a thread decision the
	// enabled threads in increasing order, then the possible flushes; for a
	// choice, the values 0..n-1.
	Alternatives []Decision
	// World is the execution so far: its threads' pending operations
	// (including blocked ones), events and violations.
	World *model.World
	// Last is the thread that performed the previous step, or -1.
	Last int
}

// Decider picks one of a Point's alternatives, by index. Returning a
// negative index abandons the execution (Status Abandoned).
type Decider interface {
	Decide(p *Point) int
}

// Status says how an execution ended.
type Status uint8

const (
	// Finished: every thread ran to its end and every buffer drained.
	Finished Status = iota
	// Deadlocked: no thread could move and not all had finished; the World
	// holds a deadlock violation.
	Deadlocked
	// StepBound: the execution took more steps than Options.MaxSteps and was
	// cut off; nothing can be said of its end.
	StepBound
	// Abandoned: the Decider gave up on the execution.
	Abandoned
	// Panicked: a thread panicked and did not recover, which ends the
	// execution as it ends a Go program; the World holds a panic violation.
	Panicked
	// Interrupted: Options.Cancel was closed during the execution, which
	// was cut off where it stood; nothing can be said of its end.
	Interrupted
)

func (s Status) String() string {
	return [...]string{"finished", "deadlocked", "step-bound", "abandoned", "panicked", "interrupted"}[s]
}

// DefaultMaxSteps bounds the steps of one execution unless Options say
// otherwise.
const DefaultMaxSteps = 10_000

// Options configure one execution.
type Options struct {
	Memory model.Memory
	// MaxSteps bounds the decisions of one execution; 0 means DefaultMaxSteps.
	MaxSteps int
	// NoRaces turns the happens-before race detector off.
	NoRaces bool
	// SizeHint is the number of events and decisions the execution is
	// expected to have (0 if unknown). It only saves allocations.
	SizeHint int
	// Cancel, if not nil, is polled every 64 steps (a context's
	// Done channel, typically): once it is closed, the execution ends with
	// Status Interrupted, so that a time limit or a signal is honoured in
	// the middle of a long execution.
	Cancel <-chan struct{}
}

// Execution is the record of one execution.
type Execution struct {
	World    *model.World
	Schedule Schedule
	Status   Status
	// Steps counts the operations and flushes performed.
	Steps int
}

// Violations are the violations the execution found.
func (e *Execution) Violations() []model.Violation { return e.World.Violations() }

// Message explains a Status other than Finished in words a user can act on.
func (e *Execution) Message() string {
	switch e.Status {
	case StepBound:
		return fmt.Sprintf("execution cut off after %d steps: a thread is likely spinning "+
			"(a spin loop waiting for a value that no schedule writes, or an unbounded retry); "+
			"bound the loop in the model or raise the step limit", e.Steps)
	case Deadlocked:
		return "deadlock: no thread can move"
	case Abandoned:
		return "execution abandoned by the strategy"
	case Panicked:
		return "a thread panicked without recovering, which ends the execution"
	case Interrupted:
		return fmt.Sprintf("execution interrupted after %d steps (a time limit or a signal)", e.Steps)
	}
	return ""
}

// thread is the scheduler's handle on one coroutine.
type thread struct {
	t    *model.Thread
	next func() (struct{}, bool)
	stop func()
}

// Run performs one execution of prog, asking d at every decision, and
// returns its record. A panic in a thread body becomes a violation; every
// coroutine of the execution has ended when Run returns.
func Run(prog model.Program, d Decider, opt Options) *Execution {
	w := model.NewWorld(opt.Memory, opt.SizeHint)
	w.SetRaceDetection(!opt.NoRaces)
	bodies := prog.Build(w)
	r := runner{w: w, d: d, maxSteps: opt.MaxSteps, cancel: opt.Cancel, point: Point{World: w, Last: -1},
		sched: make(Schedule, 0, opt.SizeHint), threads: make([]thread, 0, len(bodies)+1)}
	if r.maxSteps <= 0 {
		r.maxSteps = DefaultMaxSteps
	}
	r.limit = r.nextLimit()
	if r.cancel != nil {
		r.limit = 0 // poll before the first step too
	}
	for _, b := range bodies {
		r.add(b, false)
	}
	var init *thread
	if b := w.Init(); b != nil {
		init = r.add(b, true)
	}
	w.Start()
	defer r.stopAll()
	e := &Execution{World: w}
	if init != nil {
		init.next()
		if init.t.Panicked() {
			e.Status = Panicked
		}
		for !init.t.Done() && e.Status == Finished {
			e.Status = r.step(init, e)
		}
		if e.Status != Finished {
			return r.finish(e)
		}
		for init.t.Buffered() > 0 {
			// Starting a thread is a fence: import-time stores are visible to all.
			w.Flush(init.t.ID(), w.Flushable(nil, init.t.ID())[0])
		}
		w.StartWorkers(init.t)
	}
	nworkers := len(bodies)
	for _, th := range r.threads[:nworkers] {
		th.next()
		if th.t.Panicked() { // before its first operation
			e.Status = Panicked
			return r.finish(e)
		}
	}
	for {
		alts := r.point.Alternatives[:0]
		for i := range nworkers {
			if w.Enabled(i) {
				alts = append(alts, Decision{Kind: ThreadDecision, Thread: i})
			}
		}
		for i := range nworkers {
			r.locs = w.Flushable(r.locs[:0], i)
			for _, l := range r.locs {
				alts = append(alts, Decision{Kind: FlushDecision, Thread: i, Arg: l})
			}
		}
		r.point.Alternatives = alts
		if len(alts) == 0 {
			for _, th := range r.threads[:nworkers] {
				if !th.t.Done() {
					w.ReportDeadlock()
					e.Status = Deadlocked
					return r.finish(e)
				}
			}
			return r.finish(e)
		}
		if r.steps >= r.limit {
			if st := r.atLimit(); st != Finished {
				e.Status = st
				return r.finish(e)
			}
		}
		k := r.decide()
		if k < 0 {
			e.Status = Abandoned
			return r.finish(e)
		}
		dec := alts[k]
		if dec.Kind == FlushDecision {
			r.steps++
			w.Flush(dec.Thread, dec.Arg)
			continue
		}
		if st := r.step(&r.threads[dec.Thread], e); st != Finished {
			e.Status = st
			return r.finish(e)
		}
	}
}

type runner struct {
	w        *model.World
	d        Decider
	threads  []thread
	sched    Schedule
	point    Point
	locs     []int
	steps    int
	maxSteps int
	// limit is where the next check of the step bound and of cancel
	// falls: one compare per step (see cancel.go).
	limit  int
	cancel <-chan struct{}
}

func (r *runner) add(b model.Body, init bool) *thread {
	t, run := r.w.AddThread(b, init)
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		run(func() bool { return yield(struct{}{}) })
	})
	r.threads = append(r.threads, thread{t: t, next: next, stop: stop})
	return &r.threads[len(r.threads)-1]
}

// decide asks the Decider about r.point and checks its answer.
func (r *runner) decide() int {
	r.point.Index = len(r.sched)
	k := r.d.Decide(&r.point)
	if k >= len(r.point.Alternatives) {
		panic(fmt.Sprintf("scheduler: decider chose alternative %d of %d", k, len(r.point.Alternatives)))
	}
	if k >= 0 {
		r.sched = append(r.sched, r.point.Alternatives[k])
	}
	return k
}

// step records the decision to run th (already in r.sched for workers),
// resolves a pending choice, applies th's operation and resumes th until it
// announces its next one.
func (r *runner) step(th *thread, e *Execution) Status {
	if r.steps >= r.limit {
		if st := r.atLimit(); st != Finished {
			return st
		}
	}
	r.steps++
	choice := 0
	if op := th.t.Pending(); op.Kind == model.OpChoose {
		alts := r.point.Alternatives[:0]
		for v := range int(op.Arg) {
			alts = append(alts, Decision{Kind: ChoiceDecision, Arg: v})
		}
		r.point.Alternatives = alts
		k := r.decide()
		if k < 0 {
			return Abandoned
		}
		choice = k
	}
	r.w.Step(th.t.ID(), choice)
	r.point.Last = th.t.ID()
	th.next()
	if th.t.Panicked() {
		return Panicked
	}
	return Finished
}

func (r *runner) finish(e *Execution) *Execution {
	e.Schedule = r.sched
	e.Steps = r.steps
	return e
}

// stopAll ends every coroutine: a thread still waiting is unwound.
func (r *runner) stopAll() {
	for _, th := range r.threads {
		th.stop()
	}
}
