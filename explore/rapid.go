package explore

import (
	"fmt"
	"strings"

	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// RapidDecider draws the decisions of an execution from a *rapid.T, so
// that rapid generates schedules and shrinks the failing ones toward the
// fewest preemptions.
//
// Every decision point with more than one alternative has a natural
// default: at a thread decision, keep running the thread that ran last
// (scheduler.Point.Last) if it is still enabled, or else the first
// alternative (the lowest enabled thread); at a choice, the value 0. A
// departure from the default is numbered k = 1, 2, …: the k-th alternative
// other than the default, flushes after threads.
//
// The draws encode the departures only, as a list: a draw "gap" g says that
// the next departure is at the g-th decision point from here (g = 0: there
// are no more departures, every remaining decision is the default; g =
// RapidMaxGap: none in the next RapidMaxGap points, draw another gap after
// them), and a draw "switch" k then says which departure it is. Bounding
// the gap keeps rapid's random draws within the length of an execution. An execution with p
// departures is thus 2p+1 draws long whatever its length, so rapid's
// shrinker, which prefers fewer and smaller draws, removes preemptions,
// moves them earlier and picks the lowest thread. (Drawing each decision
// as 0 = default, k = k-th other would make the draws as many as the
// decision points, so removing a preemption that lengthens the execution
// would lengthen the draws, and rapid would refuse the smaller
// counterexample.)
type RapidDecider struct {
	t     *rapid.T
	next  int  // decision points to let by before the next departure; -1: draw a gap
	skip  bool // the gap was RapidMaxGap: no departure when next reaches 0
	done  bool
	drawn int
}

// RapidMaxGap is the largest gap a RapidDecider draws; it stands for "no
// departure in the next RapidMaxGap decision points".
const RapidMaxGap = 32

var rapidGap = rapid.IntRange(0, RapidMaxGap)

// NewRapidDecider returns a decider drawing from t.
func NewRapidDecider(t *rapid.T) *RapidDecider {
	return &RapidDecider{t: t, next: -1}
}

// Decide takes the default unless the drawn list of departures says
// otherwise.
func (d *RapidDecider) Decide(p *scheduler.Point) int {
	n := len(p.Alternatives)
	def := defaultAlternative(p)
	if n == 1 || d.done {
		return def
	}
	if d.next < 0 {
		g := rapidGap.Draw(d.t, "gap")
		if g == 0 {
			d.done = true
			return def
		}
		d.next, d.skip = g-1, g == RapidMaxGap
	}
	if d.next > 0 {
		d.next--
		return def
	}
	d.next = -1
	if d.skip {
		return def
	}
	d.drawn++
	k := rapid.IntRange(1, n-1).Draw(d.t, "switch")
	return fromDraw(def, k)
}

// Departures is the number of decisions that were not the default.
func (d *RapidDecider) Departures() int { return d.drawn }

// defaultAlternative is the index of the natural default among p's
// alternatives: the thread that ran last if it may go on, else 0.
func defaultAlternative(p *scheduler.Point) int {
	if p.Last >= 0 {
		for i, a := range p.Alternatives {
			if a.Kind == scheduler.ThreadDecision && a.Thread == p.Last {
				return i
			}
		}
	}
	return 0
}

// fromDraw maps a draw to an alternative: 0 is def, k > 0 the k-th other.
func fromDraw(def, v int) int {
	switch {
	case v == 0:
		return def
	case v <= def:
		return v - 1
	}
	return v
}

// toDraw is fromDraw's inverse.
func toDraw(def, i int) int {
	switch {
	case i == def:
		return 0
	case i < def:
		return i + 1
	}
	return i
}

// RapidRun performs one execution of prog whose decisions are drawn from t
// (see RapidDecider), under the configuration opts give (memory model, step
// bound, race detection), and returns it. It is the building block of
// property tests that check more than the singleton contract.
func RapidRun(t *rapid.T, prog model.Program, opts ...Option) *scheduler.Execution {
	t.Helper()
	c, err := newConfig(prog, opts)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	e, _ := rapidRun(t, prog, c)
	return e
}

func rapidRun(t *rapid.T, prog model.Program, c Config) (*scheduler.Execution, int) {
	pc := &preemptionCounter{d: NewRapidDecider(t)}
	e := scheduler.Run(prog, pc, c.schedulerOptions())
	if err := e.World.Unmanaged(); err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
	}
	return e, pc.n
}

// RapidCheck runs one execution of prog per rapid test case, its decisions
// drawn from t, and fails t with the readable trace, the schedule and its
// preemption count if the execution breaks the contract (a violation of a
// kind prog does not declare acceptable). Call it inside rapid.Check:
//
//	rapid.Check(t, func(t *rapid.T) { explore.RapidCheck(t, prog) })
//
// rapid then shrinks the failing schedule toward the fewest preemptions,
// and its -rapid.seed flag and fail files (testdata/rapid/…) reproduce it;
// so does the printed SINGLECHECK_REPLAY command (see ReplayEnv), with
// which RapidCheck replays that schedule instead of drawing one.
func RapidCheck(t *rapid.T, prog model.Program, opts ...Option) *scheduler.Execution {
	t.Helper()
	c, err := newConfig(prog, opts)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	text, replay, err := replayRequest(t)
	if err != nil {
		t.Fatalf("%s: %v", prog.Name, err)
		return nil
	}
	if replay {
		return replayRequested(t, prog, text, opts)
	}
	e, n := rapidRun(t, prog, c)
	if failing(prog, e.Violations()) {
		t.Fatalf("%s: %s\n%s\nschedule: %s (%s)\nreplay: %s", prog.Name, violationKinds(e),
			FormatTrace(e), e.Schedule, preemptionsText(n), replayCommand(t, e.Schedule))
	}
	return e
}

func violationKinds(e *scheduler.Execution) string {
	var ks []string
	seen := map[model.Kind]bool{}
	for _, v := range e.Violations() {
		if !seen[v.Kind] {
			seen[v.Kind] = true
			ks = append(ks, string(v.Kind))
		}
	}
	return strings.Join(ks, ", ")
}

// preemptionCounter counts the preemptions a Decider makes.
type preemptionCounter struct {
	d scheduler.Decider
	n int
}

func (c *preemptionCounter) Decide(p *scheduler.Point) int {
	k := c.d.Decide(p)
	if k >= 0 && preempts(p, k) {
		c.n++
	}
	return k
}

// preempts reports whether taking alternative k at p is a preemption: it
// runs a thread other than the one that ran last while that one is enabled.
// Switching away from a finished or blocked thread is not a preemption, and
// neither is a flush or a choice.
func preempts(p *scheduler.Point, k int) bool {
	a := p.Alternatives[k]
	if a.Kind != scheduler.ThreadDecision || p.Last < 0 || a.Thread == p.Last {
		return false
	}
	for _, b := range p.Alternatives {
		if b.Kind == scheduler.ThreadDecision && b.Thread == p.Last {
			return true
		}
	}
	return false
}

// CountPreemptions counts the preemptions of schedule s on prog (see
// preempts: a switch away from a thread that could have gone on) by
// performing it under c's memory model and step bound. A schedule that does
// not fit prog is an error.
func CountPreemptions(prog model.Program, s scheduler.Schedule, c Config) (int, error) {
	if err := c.Normalize(); err != nil {
		return 0, err
	}
	if prog.Build == nil {
		return 0, fmt.Errorf("program has no Build function")
	}
	f := scheduler.Follow(s)
	pc := &preemptionCounter{d: f}
	e := scheduler.Run(prog, pc, c.schedulerOptions())
	if err := f.Err(e); err != nil {
		return 0, fmt.Errorf("schedule %s does not fit %s: %w", s, prog.Name, err)
	}
	return pc.n, nil
}

func preemptionsText(n int) string {
	if n == 1 {
		return "1 preemption"
	}
	return fmt.Sprintf("%d preemptions", n)
}
