package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// dpor is dynamic partial-order reduction on the stateless re-execution
// engine: it explores at least one execution of every Mazurkiewicz trace
// of the model's dependency relation (model/deps.go: the events, processes
// and footprints), and usually far fewer executions than DFS.
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
//   - an operation that may block (a lock) cannot be moved before an event
//     in whose state it would wait: a race with such an event is reversed
//     at the latest earlier event on the same object before which the
//     operation could run (for a lock that followed the unlock that freed
//     its mutex, the lock that took the mutex), and a thread still blocked
//     at the end takes part in race detection with its pending operation;
//   - a fence waits until its thread's buffer is empty: DPOR schedules the
//     flushes first, which is the same trace as the scheduler's draining
//     step (see model/deps.go); a flush does not race with the
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
type dpor struct {
	optimal bool
	st      stepTable
	frames  []*dporFrame
	started bool
	err     error

	// the current execution
	evSeen    int // events already turned into steps
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
	// symmetry is the symmetry filter in front of the search, if any (see
	// dpor_symmetry.go). strong says it hides every thread the DFS filter
	// hides, under the symmetry order (dpor_symorder.go), rather than only
	// threads that have not started; symFallbacks counts the wakeup
	// branches of hidden threads replaced by every enabled process.
	symmetry     *symmetryFilter
	symModeSet   bool
	strong       bool
	symFallbacks int
	// pinned are the first decisions of every execution: a subtree of a
	// split search (dpor_split.go); split says the search is one.
	pinned scheduler.Schedule
	split  bool

	// wakeBuf is reverse's scratch for the reversal sequence it builds;
	// insert copies what it keeps.
	wakeBuf []wevent
	// wakeIdx, feasBroken, feasCounts and feasSeq are scratch for the steps of a
	// reversal and infeasibleReversal's state.
	wakeIdx    []int
	feasBroken []bool
	feasCounts []int
	feasSeq    []int
}

// newDPOR returns optimal DPOR (wakeup trees) if optimal, else
// source-DPOR with sleep sets.
func newDPOR(optimal bool) *dpor {
	return &dpor{optimal: optimal, traces: map[Signature]struct{}{}}
}

// dporFrame is one decision of the current execution.
type dporFrame struct {
	choice bool
	// a choice: the values in the order they are tried, and the position.
	order []int
	pos   int

	// a thread or flush decision: the state before it.
	alts  []scheduler.Decision
	procs []model.Process // process of each alternative; Thread 0 and Buffer 0 if not selectable
	sleep []sleepEntry
	done  []sleepEntry // processes explored here before the current one

	// last is the current thread before the decision (Point.Last), -1 if
	// none. Under a preemption bound, pre marks the alternatives that would
	// be preemptions and used counts the preemptions before the decision.
	last int
	pre  []bool
	used int

	cur    model.Process
	curIdx int
	curAcc model.Footprint // footprint of cur's step, once executed

	backtrack []model.Process // source-DPOR
	wut       *wuNode         // optimal DPOR: the wakeup tree still to explore
	// optimal DPOR: cur's wakeup subtrees for the next frame, by the value
	// of cur's choice (-1 if cur's step is not a choice).
	subs map[int]*wuNode
	// rep maps each thread symmetry hides here to its representative (by
	// Key).
	rep map[uint64]uint64
	// pinned: the frame's decision is fixed by a split search's prefix; it
	// takes no backtrack points (dpor_split.go).
	pinned bool
}

// sleepEntry is a process asleep, with the footprint of its next event.
type sleepEntry struct {
	proc model.Process
	acc  model.Footprint
}

// unselectable marks an alternative DPOR never takes: a fence whose
// thread's buffer is not empty (its flushes come first).
var unselectable = model.Process{Buffer: -1 << 31}

func selectable(p model.Process) bool { return p != unselectable }

func (f *dporFrame) altOf(p model.Process) int {
	for i, q := range f.procs {
		if q == p {
			return i
		}
	}
	return -1
}

func (f *dporFrame) asleep(p model.Process) bool {
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
func (d *dpor) Begin() bool {
	d.evSeen, d.lastSched, d.blocked = 0, -1, false
	d.st.reset()
	if d.symmetry != nil {
		d.symmetry.begin()
	}
	if !d.started {
		d.started = true
		d.freshFrom = 0
		return true
	}
	for len(d.frames) > len(d.pinned) {
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
func (d *dpor) next(f *dporFrame) bool {
	if d.optimal {
		for f.wut != nil && len(f.wut.children) > 0 {
			c := f.wut.children[0]
			f.wut.children = f.wut.children[1:]
			if u, ok := f.hidden(c.ev.proc); ok && !d.strong {
				c = c.swapped(c.ev.proc.Thread, u)
			} else if ok {
				// Under the symmetry order a hidden thread cannot run
				// here; what the branch covered, every enabled process
				// covers (dpor_symmetry.go).
				d.symFallbacks++
				d.addAllBranches(f)
				continue
			}
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
				d.addAllBranches(f)
			}
		}
		return false
	}
	for _, p := range f.backtrack {
		if u, ok := f.hidden(p); ok && !d.strong {
			p = swapProcess(p, p.Thread, u)
		} else if ok {
			continue // never asked for: insert drops such reversals
		}
		if k := f.altOf(p); k >= 0 && !f.asleep(p) && d.inBound(f, k) {
			f.cur, f.curIdx = p, k
			return true
		}
	}
	d.countCut(f)
	return false
}

// Decide replays the frames, then extends the execution.
func (d *dpor) Decide(p *scheduler.Point) int {
	if d.err != nil {
		return -1
	}
	i := p.Index
	isChoice := p.IsChoice()
	if !isChoice {
		d.closeSteps(p.World)
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
		d.lastSched = i
		return f.curIdx
	}
	if i < len(d.pinned) {
		return d.decidePinned(p)
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
	d.lastSched = i
	return k
}

// newFrame builds the frame of a fresh thread-or-flush decision: its
// processes, and the sleep set and wakeup tree inherited from the previous
// such decision.
func (d *dpor) newFrame(p *scheduler.Point) *dporFrame {
	f := &dporFrame{alts: slices.Clone(p.Alternatives), last: p.Last}
	f.procs = make([]model.Process, len(f.alts))
	for k, a := range f.alts {
		f.procs[k] = p.Process(k)
		if t := p.World.Threads()[a.Thread]; a.Kind == scheduler.ThreadDecision && t.Pending().Kind.IsFence() && t.Buffered() > 0 {
			f.procs[k] = unselectable // flush first
		}
	}
	d.recordHidden(f, p)
	if d.bnd != nil {
		d.bnd.account(f, p, d.parentFrame())
		return f // no sleep sets under a bound (see dpor_bound.go)
	}
	if d.lastSched >= 0 {
		parent := d.frames[d.lastSched]
		for _, s := range parent.sleep {
			if !s.acc.Conflicts(parent.curAcc) {
				f.sleep = append(f.sleep, s)
			}
		}
		for _, s := range parent.done {
			if !s.acc.Conflicts(parent.curAcc) {
				f.sleep = append(f.sleep, s)
			}
		}
		if d.optimal {
			f.wut = parent.subtree(d.st.steps[len(d.st.steps)-1].choice)
		}
	}
	return f
}

// subtree is the wakeup tree of the frame after f's step, whose choice
// took value c (-1 if it is no choice): the subtree of f's branch for c,
// and that of a branch for any value (-1: the pending operation of a
// thread that never ran it, which a later reversal may have extended),
// nil if neither exists.
func (f *dporFrame) subtree(c int) *wuNode {
	sub, wild := f.subs[c], f.subs[-1]
	switch {
	case sub == nil && wild == nil:
		return nil
	case sub == nil || c == -1:
		return &wuNode{children: wild.children}
	case wild == nil:
		return &wuNode{children: sub.children}
	}
	return &wuNode{children: append(slices.Clone(sub.children), wild.children...)}
}

// firstChoice picks the process a fresh frame explores first: the wakeup
// tree's first branch, else the last thread to run (fewer context switches),
// else the first enabled process that is not asleep; -1 if all are asleep.
func (d *dpor) firstChoice(f *dporFrame, last int) int {
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
			if _, hid := f.hidden(p); !selectable(p) || f.asleep(p) || hid {
				continue
			}
			if pick < 0 || (p.IsThread() && f.alts[k].Thread == last) {
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

// closeSteps turns the events recorded since the last decision into steps,
// and gives the frame of the last thread or flush decision the footprint
// of its step.
func (d *dpor) closeSteps(w *model.World) {
	d.symmetryMode(w)
	w.TrackDependencies()
	evs := w.Events()
	if d.evSeen == 0 {
		d.evSeen = initPrefix(w)
	}
	if d.evSeen == len(evs) {
		return
	}
	d.st.add(w, d.evSeen)
	d.evSeen = len(evs)
	if d.lastSched >= 0 {
		f := d.frames[d.lastSched]
		s := &d.st.steps[len(d.st.steps)-1]
		f.curAcc = s.acc
	}
}

// End closes the last step, counts the trace and analyses the races of the
// new part of the execution.
func (d *dpor) End(e *scheduler.Execution) error {
	if d.err != nil {
		return d.err
	}
	d.closeSteps(e.World)
	if o := d.st.order; o != nil && o.err != nil {
		return o.err
	}
	if n := len(d.st.steps); e.Status == scheduler.Panicked && n > 0 {
		// A panic ends every thread: the step that led to it is dependent
		// with every step of every other thread, which could only have
		// happened before it. Racing with them explores the executions
		// where the panic comes first; asleep, it wakes at any step.
		s := &d.st.steps[n-1]
		s.acc = append(slices.Clone(s.acc), model.EndsAll)
		s.mask = s.acc.Mask()
		if f := d.frames[s.frame]; !f.choice {
			f.curAcc = s.acc
		}
	}
	if !d.blocked && e.Status != scheduler.Abandoned {
		d.traces[signatureOf(e.World, d.st.steps)] = struct{}{}
	}
	d.analyse(e)
	return nil
}

// Coverage: DPOR covers every trace (unless a preemption bound cut some,
// see dpor_bound.go), and counts the traces it explored.
func (d *dpor) Coverage() Coverage {
	c := Coverage{Name: "source-dpor", Exhaustive: true, Traces: len(d.traces),
		Equivalence: EquivalenceTraces, SleepBlocked: d.sleepBlocked}
	if d.optimal {
		c.Name = "dpor"
	}
	if d.bnd != nil {
		c.Cut = d.bnd.reason()
	}
	c.Symmetry = d.symmetry != nil
	return c
}
