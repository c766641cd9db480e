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
	Last   int
	driver *model.Driver
}

// IsChoice reports whether the point chooses the value of a Choose rather
// than what runs next.
func (p *Point) IsChoice() bool {
	return len(p.Alternatives) > 0 && p.Alternatives[0].Kind == ChoiceDecision
}

// Process is the process alternative k schedules: the thread it runs, or
// the store buffer it flushes (see model.Process).
func (p *Point) Process(k int) model.Process {
	a := p.Alternatives[k]
	t := p.World.Threads()[a.Thread]
	switch {
	case a.Kind != FlushDecision:
		return model.Process{Thread: t.Key(), Buffer: model.ThreadProcess}
	case p.World.Memory() == model.TSO:
		return model.Process{Thread: t.Key(), Buffer: model.TSOBuffer}
	}
	return model.Process{Thread: t.Key(), Buffer: int32(a.Arg)}
}

// PendingFootprint is the footprint thread tid's pending operation would
// have if it ran now, whether or not it is enabled.
func (p *Point) PendingFootprint(tid int) model.Footprint { return p.driver.PendingFootprint(tid) }

// StateKey is the fingerprint of the state the point stands in, up to a
// permutation of each symmetry group's threads if symmetric, and whether
// the state is one a key captures (see model.Driver.StateKey).
func (p *Point) StateKey(symmetric bool) (model.StateKey, bool) { return p.driver.StateKey(symmetric) }

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

// DefaultMaxThreads bounds the threads of one execution (those started
// during it included) unless Options say otherwise.
const DefaultMaxThreads = 1_000

// Options configure one execution.
type Options struct {
	Memory model.Memory
	// MaxSteps bounds the decisions of one execution; 0 means DefaultMaxSteps.
	MaxSteps int
	// MaxThreads bounds the threads of one execution; 0 means
	// DefaultMaxThreads.
	MaxThreads int
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

// Execution is the record of one execution: the world with its events
// (each naming the decision that produced it, model.Event.Decision), the
// schedule of decisions, and how it ended.
type Execution struct {
	World    *model.World
	Schedule Schedule
	Status   Status
	// Steps counts the operations and flushes performed.
	Steps  int
	driver *model.Driver
}

// Violations are the violations the execution found.
func (e *Execution) Violations() []model.Violation { return e.World.Violations() }

// PendingFootprint is the footprint of the operation thread tid was about
// to perform when the execution ended (nil if it finished).
func (e *Execution) PendingFootprint(tid int) model.Footprint { return e.driver.PendingFootprint(tid) }

// Message explains a Status other than Finished in words a user can act on.
func (e *Execution) Message() string {
	switch e.Status {
	case StepBound:
		if t, ok := e.Spinning(); ok {
			return fmt.Sprintf("execution cut off after %d steps: %s is likely spinning (its last steps repeat "+
				"the same reads of the same values: a spin loop waiting for a value that no schedule writes, "+
				"or an unbounded retry); bound the loop in the model, wait with Spin, or raise the step limit",
				e.Steps, e.World.Threads()[t].Name())
		}
		return fmt.Sprintf("execution cut off after %d steps, and no thread was repeating itself: "+
			"the execution needs more steps than the limit; raise the step limit (-max-steps)", e.Steps)
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
	maxThreads := opt.MaxThreads
	if maxThreads <= 0 {
		maxThreads = DefaultMaxThreads
	}
	drv := model.NewDriver(model.DriverOptions{Memory: opt.Memory, NoRaces: opt.NoRaces,
		SizeHint: opt.SizeHint, MaxThreads: maxThreads})
	w := drv.World()
	if prog.Implicit {
		drv.Enter()
		defer drv.Exit()
	}
	bodies := prog.Build(w)
	r := runner{drv: drv, w: w, d: d, maxSteps: opt.MaxSteps, cancel: opt.Cancel, implicit: prog.Implicit,
		point: Point{World: w, Last: -1, driver: drv},
		sched: make(Schedule, 0, opt.SizeHint), threads: make([]*thread, 0, len(bodies)+1)}
	if r.maxSteps <= 0 {
		r.maxSteps = DefaultMaxSteps
	}
	r.limit = r.nextLimit()
	if r.cancel != nil {
		r.limit = 0 // poll before the first step too
	}
	for _, b := range bodies {
		r.add(drv.AddThread(b, false))
	}
	var init *thread
	if b := w.Init(); b != nil {
		init = r.add(drv.AddThread(b, true))
	}
	drv.Start()
	drv.SetSymmetryGroups(prog.SymmetryGroups(len(bodies)))
	drv.OnSpawn(func(child *model.Thread, run func(yield func() bool)) {
		th := r.add(child, run)
		r.resume(th)
		if child.Panicked() {
			r.panicked = true
		}
	})
	defer r.stopAll()
	e := &Execution{World: w, driver: drv}
	if init != nil {
		r.resume(init)
		if init.t.Panicked() {
			e.Status = Panicked
		}
		for !init.t.Done() && e.Status == Finished {
			e.Status = r.step(init, -1)
		}
		if e.Status != Finished {
			return r.finish(e)
		}
		for init.t.Buffered() > 0 {
			// Starting a thread is a fence: import-time stores are visible to all.
			drv.Flush(init.t.ID(), drv.Flushable(nil, init.t.ID())[0], -1)
		}
		drv.StartWorkers(init.t)
	}
	for _, th := range r.threads[:len(bodies)] {
		r.resume(th)
		if th.t.Panicked() { // before its first operation
			e.Status = Panicked
			return r.finish(e)
		}
	}
	for {
		alts := r.point.Alternatives[:0]
		for _, th := range r.threads {
			if th != init && drv.Enabled(th.t.ID()) {
				alts = append(alts, Decision{Kind: ThreadDecision, Thread: th.t.ID()})
			}
		}
		for _, th := range r.threads {
			r.locs = drv.Flushable(r.locs[:0], th.t.ID())
			for _, l := range r.locs {
				alts = append(alts, Decision{Kind: FlushDecision, Thread: th.t.ID(), Arg: l})
			}
		}
		r.point.Alternatives = alts
		if len(alts) == 0 {
			for _, th := range r.threads {
				if !th.t.Done() {
					drv.ReportDeadlock()
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
			drv.Flush(dec.Thread, dec.Arg, len(r.sched)-1)
			continue
		}
		if st := r.step(r.threads[dec.Thread], len(r.sched)-1); st != Finished {
			e.Status = st
			return r.finish(e)
		}
	}
}

type runner struct {
	drv      *model.Driver
	w        *model.World
	d        Decider
	threads  []*thread // indexed by thread ID
	sched    Schedule
	point    Point
	locs     []int
	steps    int
	maxSteps int
	panicked bool // a thread started during the step panicked at once
	// limit is where the next check of the step bound and of cancel
	// falls: one compare per step (see cancel.go).
	limit    int
	cancel   <-chan struct{}
	implicit bool // the program finds its running thread with model.Current
}

// resume runs th until it announces its next operation (or ends).
func (r *runner) resume(th *thread) {
	if r.implicit {
		r.drv.Resuming(th.t)
	}
	th.next()
}

func (r *runner) add(t *model.Thread, run func(yield func() bool)) *thread {
	next, stop := iter.Pull(func(yield func(struct{}) bool) {
		run(func() bool { return yield(struct{}{}) })
	})
	th := &thread{t: t, next: next, stop: stop}
	r.threads = append(r.threads, th)
	return th
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

// step applies th's pending operation as the step of decision number
// decision (already in r.sched; -1 for the init thread), after resolving a
// pending choice, and resumes th until it announces its next operation.
func (r *runner) step(th *thread, decision int) Status {
	if r.steps >= r.limit {
		if st := r.atLimit(); st != Finished {
			return st
		}
	}
	r.steps++
	choice := 0
	if n := r.drv.Choices(th.t.ID()); n > 1 {
		alts := r.point.Alternatives[:0]
		for v := range n {
			alts = append(alts, Decision{Kind: ChoiceDecision, Arg: v})
		}
		r.point.Alternatives = alts
		k := r.decide()
		if k < 0 {
			return Abandoned
		}
		choice = k
	}
	r.drv.Step(th.t.ID(), choice, decision)
	r.point.Last = th.t.ID()
	r.resume(th)
	if th.t.Panicked() || r.panicked {
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
		if r.implicit {
			r.drv.Resuming(th.t)
		}
		th.stop()
	}
}

// Blocked reports whether thread tid was waiting, when the execution ended,
// for an operation it could not perform (a lock of a held mutex).
func (e *Execution) Blocked(tid int) bool { return e.driver.Blocked(tid) }

// Unfinished reports whether thread tid had an operation left to perform
// when the execution ended (it was blocked, or the execution ended before
// it could go on).
func (e *Execution) Unfinished(tid int) bool {
	op := e.World.Threads()[tid].Pending()
	return op.Kind != model.OpEnd && op.Kind != model.OpNone
}

// PendingFlushes lists the flushes thread tid's buffered stores still
// awaited when the execution ended, oldest first.
func (e *Execution) PendingFlushes(tid int) []model.PendingFlush { return e.driver.PendingFlushes(tid) }

// spinWindow bounds the length of the loop iteration Spinning looks for.
const spinWindow = 16

// Spinning reports whether some thread's last steps are a loop that
// repeats itself without progress: its last k events (k ≤ 16) equal, in
// operation, location and value, the k before them, none of them a write.
// It is how a step-bound cut tells a spin loop from an execution that is
// merely long.
func (e *Execution) Spinning() (thread int, ok bool) {
	evs := e.World.Events()
	for _, t := range e.World.Threads() {
		var own []model.Event
		for i := len(evs) - 1; i >= 0 && len(own) < 2*spinWindow; i-- {
			if evs[i].Thread == t.ID() && evs[i].Op != model.OpFlush {
				own = append(own, evs[i])
			}
		}
		for k := 1; 2*k <= len(own); k++ {
			if repeats(own, k) {
				return t.ID(), true
			}
		}
	}
	return -1, false
}

// repeats reports whether the newest-first events own[:k] equal own[k:2k]
// and none of them writes.
func repeats(own []model.Event, k int) bool {
	for i := range k {
		a, b := own[i], own[i+k]
		if a.Op.IsWrite() || a.Op != b.Op || a.Loc != b.Loc || a.Value != b.Value {
			return false
		}
	}
	return true
}
