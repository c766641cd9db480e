package scheduler

import (
	"errors"
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// ErrNondeterministic is returned when the same schedule, replayed, does not
// produce the same events: the model reads something the scheduler does not
// control (real goroutines, clocks, map iteration order, global randomness,
// state kept across executions).
var ErrNondeterministic = errors.New("the same schedule produced different events: " +
	"is the model deterministic? A thread body must not use real goroutines (start them with " +
	"model.Go; singlecheck test rewrites go statements), clocks, map iteration order, global " +
	"randomness or state kept between executions (build shared state inside the checked function)")

// MismatchError is a schedule that does not fit the program: at decision
// Index the schedule asks for something the execution does not offer, or the
// schedule has too few or too many decisions.
type MismatchError struct {
	// Index is the 0-based position of the offending decision.
	Index int
	Msg   string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("schedule does not fit at step %d: %s", e.Index+1, e.Msg)
}

// Follower is a strict Decider that follows a schedule: the one way a
// schedule is replayed, by Replay and by anything else that performs a
// given schedule. A decision that is not possible where it stands abandons
// the execution; Err says why, or that the schedule did not end with it.
type Follower struct {
	sched Schedule
	pos   int
	err   error
}

// Follow returns a Follower of sched.
func Follow(sched Schedule) *Follower { return &Follower{sched: sched} }

// Err is nil if the execution e took exactly the schedule's decisions, and
// otherwise a *MismatchError naming the first that did not fit.
func (r *Follower) Err(e *Execution) error {
	if r.err != nil {
		return r.err
	}
	if r.pos < len(r.sched) {
		return &MismatchError{r.pos, fmt.Sprintf("the execution ended (%s) after %d decisions; the schedule has %d",
			e.Status, r.pos, len(r.sched))}
	}
	return nil
}

// Decide takes the schedule's next decision.
func (r *Follower) Decide(p *Point) int {
	if r.pos >= len(r.sched) {
		r.err = &MismatchError{r.pos, fmt.Sprintf("the schedule has %d decisions but the execution goes on (next could be %s)",
			len(r.sched), describeAlternatives(p))}
		return -1
	}
	if k := p.find(r.sched[r.pos]); k >= 0 {
		r.pos++
		return k
	}
	r.err = &MismatchError{r.pos, fmt.Sprintf("%s is not possible here; possible: %s",
		describeDecision(r.sched[r.pos], p.World), describeAlternatives(p))}
	return -1
}

func describeDecision(d Decision, w *model.World) string {
	switch d.Kind {
	case ChoiceDecision:
		return fmt.Sprintf("choice %d (token %s)", d.Arg, d)
	case FlushDecision:
		return fmt.Sprintf("flushing thread %d's store to %s (token %s)", d.Thread, w.LocName(d.Arg), d)
	}
	n := len(w.Threads())
	if d.Thread >= n {
		return fmt.Sprintf("running thread %d (the execution has threads 0 to %d so far)", d.Thread, n-1)
	}
	t := w.Threads()[d.Thread]
	if t.IsInit() {
		return fmt.Sprintf("running thread %d (the init thread, which runs before the others)", d.Thread)
	}
	if t.Done() {
		return fmt.Sprintf("running thread %d (it has finished)", d.Thread)
	}
	return fmt.Sprintf("running thread %d (it is blocked on %s %s)", d.Thread, t.Pending().Kind, w.LocName(t.Pending().Loc))
}

func describeAlternatives(p *Point) string {
	s := make([]string, len(p.Alternatives))
	for i, a := range p.Alternatives {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
}

// Replay performs the execution that sched describes, strictly: a decision
// that is not possible where it stands, or a schedule too short or too long,
// is a *MismatchError naming the step. The execution is performed twice and
// the events compared, so that a model that is not deterministic gives
// ErrNondeterministic instead of a misleading trace.
func Replay(prog model.Program, sched Schedule, opt Options) (*Execution, error) {
	e, err := replayOnce(prog, sched, opt)
	if err != nil {
		return nil, err
	}
	again, err := replayOnce(prog, sched, opt)
	if err != nil || !SameEvents(e.World.Events(), again.World.Events()) {
		return nil, ErrNondeterministic
	}
	return e, nil
}

func replayOnce(prog model.Program, sched Schedule, opt Options) (*Execution, error) {
	r := Follow(sched)
	e := Run(prog, r, opt)
	if err := r.Err(e); err != nil {
		return nil, err
	}
	return e, nil
}

// SameEvents reports whether two event records agree on everything but
// their clocks: thread, operation, location and values of every step.
func SameEvents(a, b []model.Event) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Thread != y.Thread || x.Op != y.Op || x.Loc != y.Loc || x.Value != y.Value ||
			x.Old != y.Old || x.OK != y.OK || x.Buffered != y.Buffered {
			return false
		}
	}
	return true
}
