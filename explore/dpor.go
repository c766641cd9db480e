package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// DPOR is dynamic partial-order reduction on the stateless re-execution
// engine: it explores at least one execution of every Mazurkiewicz trace
// (see Signature and trace_signature_steps.go for the events, processes and
// dependency), and usually far fewer executions than DFS.
//
// Two variants share this type:
//
//   - source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL
//     2014, Algorithm 1): backtrack sets are source sets; an execution whose
//     every enabled process is asleep is abandoned (sleep-set blocked);
//   - optimal DPOR (same authors, JACM 2017): backtrack sets are wakeup
//     trees, so that every explored execution is a new trace and none is
//     sleep-set blocked.
//
// The strategy keeps one frame per decision of the current execution. Each
// execution replays the frames' choices up to the deepest frame with work
// left, then extends: Decide follows the frame's wakeup tree if it has one,
// else the thread that ran last, else the first enabled process that is not
// asleep. End analyses races and adds backtrack points (source-DPOR: the
// races whose later step is new, reversed up to that step) or wakeup
// sequences (optimal DPOR: every race of the execution, reversed with
// notdep over the whole execution, as in the JACM paper's Algorithm 2).
//
// Races are between steps of different processes that are dependent and not
// ordered by the dependency order through other steps. Special cases keep
// the reduction sound with blocking and store buffers:
//
//   - a lock that follows the unlock that freed its mutex, and a thread
//     still blocked on a held mutex at the end (blocked threads take part in
//     race detection), race with the lock that acquired the mutex: the
//     reversal lets the other thread take the mutex first;
//   - a fence waits until its thread's buffer is empty: DPOR schedules the
//     flushes first, which is the same trace as the scheduler's draining
//     step (see trace_signature_steps.go); a flush does not race with the
//     store it flushes, nor a fence with its own thread's flushes, and
//     optimal DPOR does not reverse a race into a fence whose flushes come
//     after the earlier event (reversing the races that order them there
//     reaches that trace).
//
// A reversal none of whose initials is enabled at the backtrack point adds
// every enabled process there (source-DPOR). Choice points (Choose) are
// explored exhaustively, every value, wherever they occur; a Choose is a
// local step independent of every other. A wakeup tree may hold branches of
// one process that differ in a choice's value: they are explored together,
// each value with its own subtree and the others from an empty one, so with
// Choose optimal DPOR may explore a trace more than once, or be sleep-set
// blocked (never explores less). Without Choose it explores exactly one
// execution per trace (the tests check it).
type DPOR struct {
	optimal bool
	mem     model.Memory
	b       *stepBuilder
	frames  []*dporFrame
	started bool
	err     error

	// the current execution
	open      int // index of the decision whose step is not yet closed, or -1
	evSeen    int // events already assigned to steps
	lastSched int // index of the last thread or flush decision, or -1
	freshFrom int // first decision index that is new in this execution
	blocked   bool

	traces       map[Signature]struct{}
	sleepBlocked int
	// fallbacks counts wakeup branches whose process was not enabled where
	// they were to run (never expected; the tests assert there are none).
	fallbacks int

	// bnd is the preemption bound of bounded POR, nil when unbounded (see
	// dpor_bound.go).
	bnd *dporBound
}

// NewDPOR returns optimal DPOR (wakeup trees) under memory model m.
func NewDPOR(m model.Memory) *DPOR { return newDPOR(m, true) }

// NewSourceDPOR returns source-DPOR with sleep sets under memory model m.
func NewSourceDPOR(m model.Memory) *DPOR { return newDPOR(m, false) }

func newDPOR(m model.Memory, optimal bool) *DPOR {
	return &DPOR{optimal: optimal, mem: m, b: newStepBuilder(m), traces: map[Signature]struct{}{}}
}

// dporFrame is one decision of the current execution.
type dporFrame struct {
	choice bool
	// a choice: the values in the order they are tried, and the position.
	order []int
	pos   int

	// a thread or flush decision: the state before it.
	alts  []scheduler.Decision
	procs []procID // process of each alternative
	sleep []sleepEntry
	done  []sleepEntry // processes explored here before the current one

	// last is the current thread before the decision (Point.Last), -1 if
	// none. Under a preemption bound, pre marks the alternatives that would
	// be preemptions and used counts the preemptions before the decision.
	last int
	pre  []bool
	used int

	cur    procID
	curIdx int
	curAcc footprint // footprint of cur's step, once executed

	backtrack []procID // source-DPOR
	wut       *wuNode  // optimal DPOR: the wakeup tree still to explore
	// optimal DPOR: cur's wakeup subtrees for the next frame, by the value
	// of cur's choice (-1 if cur's step is not a choice).
	subs map[int]*wuNode
}

// pendingEv is a blocked thread's next event: a lock of mutex loc.
type pendingEv struct {
	proc procID
	acc  footprint
	loc  int
}

// sleepEntry is a process asleep, with the footprint of its next event.
type sleepEntry struct {
	proc procID
	acc  footprint
}

func (f *dporFrame) altOf(p procID) int {
	for i, q := range f.procs {
		if q == p {
			return i
		}
	}
	return -1
}

func (f *dporFrame) asleep(p procID) bool {
	for _, s := range f.sleep {
		if s.proc == p {
			return true
		}
	}
	for _, s := range f.done {
		if s.proc == p {
			return true
		}
	}
	return false
}

// Begin moves to the next execution: the deepest frame with work left
// takes its next choice, and the frames below it are dropped.
func (d *DPOR) Begin() bool {
	d.open, d.evSeen, d.lastSched, d.blocked = -1, 0, -1, false
	d.b.reset()
	if !d.started {
		d.started = true
		d.freshFrom = 0
		return true
	}
	for len(d.frames) > 0 {
		i := len(d.frames) - 1
		f := d.frames[i]
		if f.choice {
			if f.pos+1 < len(f.order) {
				f.pos++
				d.freshFrom = i
				return true
			}
			d.frames = d.frames[:i]
			continue
		}
		f.done = append(f.done, sleepEntry{f.cur, f.curAcc})
		if d.next(f) {
			d.freshFrom = i
			return true
		}
		d.frames = d.frames[:i]
	}
	return false
}

// next picks the frame's next process to explore, if any.
func (d *DPOR) next(f *dporFrame) bool {
	if d.optimal {
		for f.wut != nil && len(f.wut.children) > 0 {
			c := f.wut.children[0]
			f.wut.children = f.wut.children[1:]
			if k := f.altOf(c.ev.proc); k >= 0 && !f.asleep(c.ev.proc) {
				// Take every branch of this process: they differ only in
				// the value of a choice, and the choice frame tries all.
				f.cur, f.curIdx = c.ev.proc, k
				f.subs = map[int]*wuNode{c.ev.choice: c}
				rest := f.wut.children[:0]
				for _, o := range f.wut.children {
					if o.ev.proc != c.ev.proc {
						rest = append(rest, o)
					} else if _, dup := f.subs[o.ev.choice]; !dup {
						f.subs[o.ev.choice] = o
					}
				}
				f.wut.children = rest
				return true
			}
			if f.altOf(c.ev.proc) < 0 {
				// Never expected: fall back on every enabled process.
				d.fallbacks++
				for _, p := range f.procs {
					if p.thread >= 0 && !f.asleep(p) {
						f.wut.children = append(f.wut.children, &wuNode{ev: wevent{proc: p, choice: -1}})
					}
				}
			}
		}
		return false
	}
	for _, p := range f.backtrack {
		if k := f.altOf(p); k >= 0 && !f.asleep(p) && d.inBound(f, k) {
			f.cur, f.curIdx = p, k
			return true
		}
	}
	d.countCut(f)
	return false
}

// Decide replays the frames, then extends the execution.
func (d *DPOR) Decide(p *scheduler.Point) int {
	if d.err != nil {
		return -1
	}
	i := p.Index
	isChoice := len(p.Alternatives) > 0 && p.Alternatives[0].Kind == scheduler.ChoiceDecision
	if !isChoice {
		d.closeStep(p.World)
	}
	if i < len(d.frames) {
		f := d.frames[i]
		if f.choice != isChoice || (!isChoice && !slices.Equal(f.alts, p.Alternatives)) ||
			(isChoice && len(f.order) != len(p.Alternatives)) {
			d.err = fmt.Errorf("at decision %d: %w", i+1, scheduler.ErrNondeterministic)
			return -1
		}
		if isChoice {
			return f.order[f.pos]
		}
		d.open, d.lastSched = i, i
		return f.curIdx
	}
	if isChoice {
		f := &dporFrame{choice: true}
		for v := range p.Alternatives {
			f.order = append(f.order, v)
		}
		d.frames = append(d.frames, f)
		return f.order[0]
	}
	f := d.newFrame(p)
	k := d.firstChoice(f, p.Last)
	if k < 0 {
		d.blocked = true
		d.sleepBlocked++
		return -1
	}
	d.frames = append(d.frames, f)
	d.open, d.lastSched = i, i
	return k
}

// newFrame builds the frame of a fresh thread-or-flush decision: its
// processes, and the sleep set and wakeup tree inherited from the previous
// such decision.
func (d *DPOR) newFrame(p *scheduler.Point) *dporFrame {
	w := p.World
	f := &dporFrame{alts: slices.Clone(p.Alternatives), last: p.Last}
	f.procs = make([]procID, len(f.alts))
	for k, a := range f.alts {
		f.procs[k] = decisionProc(d.mem, a)
		if a.Kind == scheduler.ThreadDecision && d.b.fenceBlocked(w, a.Thread) {
			f.procs[k] = procID{-1, procThread} // not selectable: flush first
		}
	}
	if d.bnd != nil {
		d.bnd.account(f, p, d.parentFrame())
		return f // no sleep sets under a bound (see dpor_bound.go)
	}
	if d.lastSched >= 0 {
		parent := d.frames[d.lastSched]
		for _, s := range parent.sleep {
			if !s.acc.conflicts(parent.curAcc) {
				f.sleep = append(f.sleep, s)
			}
		}
		for _, s := range parent.done {
			if !s.acc.conflicts(parent.curAcc) {
				f.sleep = append(f.sleep, s)
			}
		}
		if sub := parent.subs[d.b.steps[len(d.b.steps)-1].choice]; d.optimal && sub != nil {
			f.wut = &wuNode{children: sub.children}
		}
	}
	return f
}

// firstChoice picks the process a fresh frame explores first: the wakeup
// tree's first branch, else the last thread to run (fewer context switches),
// else the first enabled process that is not asleep; -1 if all are asleep.
func (d *DPOR) firstChoice(f *dporFrame, last int) int {
	if d.optimal && f.wut != nil && len(f.wut.children) > 0 {
		if d.next(f) {
			return f.curIdx
		}
	}
	pick := -1
	if d.bnd != nil {
		pick = d.cheapest(f, last)
	} else {
		for k, p := range f.procs {
			if p.thread < 0 || f.asleep(p) {
				continue
			}
			if pick < 0 || (p.isThread() && int(p.thread) == last) {
				pick = k
			}
		}
	}
	if pick < 0 {
		return -1
	}
	f.cur, f.curIdx, f.subs = f.procs[pick], pick, nil
	if !d.optimal {
		f.backtrack = append(f.backtrack, f.cur)
	}
	return pick
}

// closeStep assigns the events since the last closed step to the open
// decision's step.
func (d *DPOR) closeStep(w *model.World) {
	evs := w.Events()
	if d.open < 0 {
		d.evSeen = len(evs) // the init thread's events
		return
	}
	f := d.frames[d.open]
	s := d.b.add(w, f.alts[f.curIdx], evs[d.evSeen:], d.open)
	f.curAcc = s.acc
	d.evSeen = len(evs)
	d.open = -1
}

// End closes the last step, counts the trace and analyses the races of the
// new part of the execution.
func (d *DPOR) End(e *scheduler.Execution) error {
	if d.err != nil {
		return d.err
	}
	if d.open >= 0 {
		d.closeStep(e.World)
	}
	if !d.blocked && e.Status != scheduler.Abandoned {
		d.traces[signatureOf(e.World, d.b.steps, d.b.procs)] = struct{}{}
	}
	d.analyse(e.World)
	return nil
}

// Exhaustive is true: DPOR covers every trace.
func (d *DPOR) Exhaustive() bool { return true }

// Traces is the number of distinct traces explored.
func (d *DPOR) Traces() int { return len(d.traces) }

// SleepBlocked is the number of executions abandoned because every enabled
// process was asleep (always 0 for optimal DPOR without Choose).
func (d *DPOR) SleepBlocked() int { return d.sleepBlocked }
