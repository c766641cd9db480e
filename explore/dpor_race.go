package explore

import (
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// The race analysis of DPOR: after each execution, every race whose later
// event is new in this execution is reversed, by adding a backtrack point
// (source-DPOR) or a wakeup sequence (optimal DPOR) at the frame before the
// earlier event.

// raceTarget is the later event of a race: an executed step, or the next
// event of a blocked thread.
type raceTarget struct {
	proc   model.Process
	acc    model.Footprint
	choice int
	op     model.Op // the operation, for whether it could run earlier
	tid    int      // its thread
	loc    int
	block  bool // the operation may block
	// prev is the dependency clock of the target's process before it.
	prev model.VC
	// pre are events that must come just before the target in a reversal
	// (the flushes a pending fence waits for).
	pre []wevent
	// unwoken says the target is a channel wait no step of the execution
	// completed (its thread ended blocked on it).
	unwoken bool
}

// analyse reverses the races of the current execution: for source-DPOR
// those whose later step is new in this execution (the others were
// reversed before), for optimal DPOR all of them. A thread blocked at the
// end races, with its pending operation, with the events that keep it
// blocked.
func (d *dpor) analyse(e *scheduler.Execution) {
	steps := d.st.steps
	fresh := d.freshFrom
	if fresh < len(d.frames) && d.frames[fresh].choice {
		fresh--
	}
	kStart := len(steps)
	if d.optimal {
		// Reversals take notdep over the whole execution, so races in the
		// replayed prefix give new sequences too (JACM 2017, Algorithm 2
		// analyses every race of every maximal execution).
		fresh = 0
	}
	for k := range steps {
		if steps[k].frame >= fresh {
			kStart = k
			break
		}
	}
	for k := kStart; k < len(steps); k++ {
		s := &steps[k]
		// Races of the step itself. A flush does not race with the store it
		// flushes, nor a fence with the flushes of its thread's stores:
		// neither can come first.
		var cur model.VC
		if s.prev >= 0 {
			cur = steps[s.prev].clock.Clone()
		}
		t := raceTarget{proc: s.proc, acc: s.acc, choice: s.choice, tid: s.tid, loc: s.loc,
			op: e.World.Events()[s.event].PendingOp(), block: s.canBlock(), prev: cur.Clone()}
		for j := k - 1; j >= 0; j-- {
			o := &steps[j]
			if o.proc == s.proc || !o.mask.MayConflict(s.mask) || !o.acc.Conflicts(s.acc) {
				continue
			}
			if !happensBefore(o, cur) && s.pushedBy != j && !flushesFor(o, s) {
				d.reverse(e.World, j, k, t)
			}
			cur.Join(o.clock)
		}
	}
	// Threads blocked in the final state (a deadlock, or a sleep-blocked
	// end), and, when a panic or the step bound ended the execution early,
	// every thread that had not finished or still had buffered stores:
	// their pending operations and flushes never ran, but they could have
	// run before the events they conflict with. The execution's threads
	// have been stopped: an abandoned thread keeps its pending operation.
	w := e.World
	early := e.Status == scheduler.Panicked || e.Status == scheduler.StepBound
	for _, th := range w.Threads() {
		tid := th.ID()
		if th.IsInit() {
			continue
		}
		flushes := e.PendingFlushes(tid)
		// A thread that finished still owes the flushes of its buffered
		// stores when a panic ended the execution early: they could have
		// reached memory before the events they conflict with.
		unfinished := e.Blocked(tid) || early && e.Unfinished(tid)
		if !unfinished && !(early && len(flushes) > 0) {
			continue
		}
		if len(flushes) > 0 && !early {
			continue // the scheduler would have flushed first
		}
		// Its buffered stores reach memory first, each flush a target of
		// its own after the ones before it, then its pending operation.
		var pre []wevent
		for _, f := range flushes {
			var after model.VC
			if s, ok := d.st.stores[f.Store]; ok {
				after = steps[s].clock
			}
			acc := f.Acc
			if o := d.st.order; o != nil {
				acc = append(acc[:len(acc):len(acc)], o.extra(f.Proc, model.OpFlush)...)
			}
			d.pendingRace(w, len(steps), raceTarget{proc: f.Proc, acc: acc, choice: -1, loc: -1, pre: pre, prev: after})
			pre = append(pre, wevent{proc: f.Proc, acc: acc, choice: -1})
		}
		if !unfinished {
			continue
		}
		op := th.Pending()
		var prev model.VC
		if s, ok := d.st.lastOf[th.Key()]; ok {
			prev = steps[s].clock
		}
		acc := d.pendingAcc(e, th)
		if len(acc) == 0 && e.Status == scheduler.Panicked {
			// An operation that touches nothing (a spawn, a choice) is
			// independent of every other, but not of the panic, which
			// ends the thread before it: run first, it could start a
			// thread whose steps prevent the panic. The read of a key
			// nothing writes conflicts with the panic's model.EndsAll
			// alone.
			acc = model.Footprint{{Key: model.Key{Kind: model.KeyNone}}}
		}
		d.pendingRace(w, len(steps), raceTarget{proc: model.Process{Thread: th.Key(), Buffer: model.ThreadProcess},
			acc: acc, choice: -1, op: op, tid: tid, loc: op.Loc, block: op.Kind.CanBlock(),
			pre: pre, prev: prev, unwoken: op.Kind.IsWoken() && e.Blocked(tid)})
	}
}

// flushesFor reports whether o flushes a store of the thread whose fence s
// is: the fence waits for it, so the two do not race.
func flushesFor(o, s *tstep) bool {
	return !o.proc.IsThread() && s.proc.IsThread() && o.proc.Thread == s.proc.Thread && s.op.IsFence()
}

// pendingRace reverses the races of an event that did not happen: the
// operation a thread was blocked on or had still to perform at the end of
// the execution (after its k steps), or a flush its buffer still owed.
// t.prev is the dependency clock the event would follow (its thread's
// last step, or the store a flush moves).
func (d *dpor) pendingRace(w *model.World, k int, t raceTarget) {
	steps := d.st.steps
	cur := t.prev.Clone()
	mask := t.acc.Mask()
	for j := k - 1; j >= 0; j-- {
		o := &steps[j]
		if o.proc == t.proc || !o.mask.MayConflict(mask) || !o.acc.Conflicts(t.acc) {
			continue
		}
		if !happensBefore(o, cur) && !(!o.proc.IsThread() && o.proc.Thread == t.proc.Thread) {
			d.reverse(w, j, k, t)
		}
		cur.Join(o.clock)
	}
}

// reverse handles the race of step j with target t after the first k
// steps: at the frame before step j, it asks for an execution that runs the
// steps after j not ordered after it, then t.
func (d *dpor) reverse(w *model.World, j, k int, t raceTarget) {
	steps := d.st.steps
	if t.op.Kind.IsWoken() && (t.unwoken || !wokenAfter(steps[:k], j, t.acc)) {
		// A woken operation (a channel wait) can never run before the
		// step that completed it (the one writing its KeyWake), nor
		// before anything that step follows. (A panicking wait races with
		// every step; those after its waker are reversed as usual.) A
		// wait that nothing completed cannot run anywhere in a
		// reordering of the execution, though a select that took another
		// case wrote its KeyWake (a select's footprint covers every
		// partner it could have met).
		return
	}
	if t.op.Kind == model.OpAwait {
		// An await runs only once a location it waits on changed: it cannot
		// run before an event in whose state it would still wait. Reverse
		// at the latest earlier event before which it could run, if any.
		a := j
		for ; a >= 0 && !w.AwaitEnabledBefore(t.op, t.tid, steps[a].event); a-- {
		}
		if a < 0 || happensBefore(&steps[a], t.prev) {
			return
		}
		j = a
	} else if s, ok := d.syncBefore(w, j, k, t); ok && !model.EnabledIn(t.op, t.tid, s) {
		// t could not run in o's place: it would wait there (a lock while
		// another thread holds the mutex). Reverse with the latest earlier
		// event on the object before which it could run (the lock that took
		// the mutex), unless t's thread had to wait for that event's
		// effect anyway (then another race comes first).
		a := j - 1
		for ; a >= 0; a-- {
			if s := &steps[a]; s.hasSync && s.loc == t.loc && model.EnabledIn(t.op, t.tid, s.sync) {
				break
			}
		}
		if a < 0 || happensBefore(&steps[a], t.prev) {
			return
		}
		j = a
	}
	e := &steps[j]
	if d.bnd != nil {
		// Bounded POR backtracks to the racing process itself: the
		// reversal sequence is not needed.
		d.insertBounded(e.frame, t.proc)
		return
	}
	v := d.wakeBuf[:0]
	end := k
	if d.optimal {
		// Optimal DPOR (JACM 2017, Algorithm 2) takes notdep over the whole
		// execution: every later step not ordered after e, then the target.
		end = len(steps)
	}
	idx := d.wakeIdx[:0]
	for i := j + 1; i < end; i++ {
		if !happensBefore(e, steps[i].clock) {
			v = append(v, wevent{proc: steps[i].proc, acc: steps[i].acc, choice: steps[i].choice})
			idx = append(idx, i)
		}
	}
	d.wakeIdx = idx
	if d.infeasibleReversal(w, j, idx, t) {
		return // it would run a thread symmetry hides (dpor_symfeasible.go)
	}
	if d.optimal && !fenceReady(steps[:j], v, t.acc) {
		// The target is a fence whose thread's stores are flushed only after
		// e: it cannot run in e's place. The trace that has it there also
		// has those flushes before e, and is reached by reversing the races
		// that order them after e.
		return
	}
	v = append(v, t.pre...)
	acc := t.acc
	switch {
	case t.op.Kind == model.OpCAS && !writesLoc(v, int32(t.op.Loc)):
		if ok, known := w.CASSucceedsBefore(t.op, t.tid, e.event); ok || !known {
			acc = asWriteIn(acc, steps[:j], v)
		}
	case t.op.Kind == model.OpCAS:
		acc = asWriteIn(acc, steps[:j], v)
	case mayTakeWhenMoved(t.op.Kind) && e.hasSync && e.loc == t.loc:
		switch {
		case !w.TrySucceedsIn(t.op, t.tid, e.sync):
		case t.op.Kind == model.OpTryRLock: // a reader: it reads the writer state
			acc = append(slices.Clone(acc), model.Access{Key: model.ReaderKey(t.loc, t.proc.Thread), Write: true})
		default:
			acc = asWriteIn(acc, steps[:j], v)
		}
	case mayTakeWhenMoved(t.op.Kind):
		acc = append(slices.Clone(acc), model.EndsAll)
	}
	v = append(v, wevent{proc: t.proc, acc: overwriteIn(acc, steps[:j], v), choice: t.choice})
	d.wakeBuf = v[:0]
	d.insert(d.frames[e.frame], v)
}

// syncBefore is the state of the synchronization object of blocking
// target t just before step j, which t races with (t is step k, or pending
// after the k steps), when it decides whether t could run in j's place: j
// is on t's object (its recorded state), or j ended the execution or
// conflicts with every event (a panic, an opaque step: model.KeyAll), so
// that every step after it follows it and t would run right in its place,
// in the state the next step on the object recorded, or, if none, the
// object's present state. Without this, a thread blocked on a mutex when
// another panicked while holding it raced with the panic only, and its
// race with the lock that took the mutex was hidden behind it: DPOR
// missed the executions where it locks first.
func (d *dpor) syncBefore(w *model.World, j, k int, t raceTarget) (model.SyncState, bool) {
	steps := d.st.steps
	o := &steps[j]
	if !t.block || t.loc < 0 || !t.op.Kind.OnSync() {
		return model.SyncState{}, false
	}
	if o.hasSync && o.loc == t.loc {
		return o.sync, true
	}
	if !slices.ContainsFunc(o.acc, func(a model.Access) bool { return a.Key.Kind == model.KeyAll }) {
		return model.SyncState{}, false
	}
	for i := j + 1; i <= k && i < len(steps); i++ {
		if s := &steps[i]; s.hasSync && s.loc == t.loc {
			return s.sync, true
		}
	}
	return w.SyncStateOf(t.loc), true
}

// An operation that only read where it ran may write where a reversal
// moves it: a compare-and-swap that failed because of the write it is
// moved before may succeed there (asWriteIn; where the events before
// determine the value it would find, only if it would succeed), and so may a TryLock,
// TryRLock or TryLock of an RWMutex that failed because of the lock it is
// moved before (decided from the state of its object before that event,
// the footprint otherwise the one that conflicts with everything). Its
// footprint in the wakeup sequence must then cover what
// it would do there, or a sleeping reader of the location would count as
// independent of it and the trace would be taken as covered when it is
// not.

// writesLoc reports whether an event of v writes location loc's memory.
func writesLoc(v []wevent, loc int32) bool {
	for _, e := range v {
		if slices.Contains(e.acc, model.Access{Key: model.Key{Kind: model.KeyMem, Loc: loc}, Write: true}) {
			return true
		}
	}
	return false
}

// mayTakeWhenMoved reports whether k is a try-lock.
func mayTakeWhenMoved(k model.OpKind) bool {
	return k == model.OpTryLock || k == model.OpTryWLock || k == model.OpTryRLock
}

// asWriteIn is footprint acc with its read of a location's memory made a
// write of it, moved to run after the steps before and the events v (so
// that it also overwrites the last buffered store flushed there, see
// overwriteIn).
func asWriteIn(acc model.Footprint, before []tstep, v []wevent) model.Footprint {
	i := slices.IndexFunc(acc, func(a model.Access) bool { return !a.Write && a.Key.Kind == model.KeyMem })
	if i < 0 {
		return acc
	}
	out := slices.Clone(acc)
	out[i].Write = true
	if prev, ok := lastStoreTo(out[i].Key.Loc, before, v); ok {
		out = append(out, model.Access{Key: model.NextKey(prev), Write: true})
	}
	return out
}

// wokenAfter reports whether the step that woke a woken operation with
// footprint acc (the last of steps to write its KeyWake) comes before
// step j.
func wokenAfter(steps []tstep, j int, acc model.Footprint) bool {
	for _, a := range acc {
		if a.Key.Kind != model.KeyWake {
			continue
		}
		for i := len(steps) - 1; i >= 0; i-- {
			for _, b := range steps[i].acc {
				if b.Key == a.Key && b.Write {
					return i < j
				}
			}
		}
	}
	return false
}

// overwriteIn is footprint acc of a write to memory, moved to run after
// the steps before and the events v: the store it overwrites (its KeyNext
// write, see model/deps.go) is the last write to the location there, not
// the one it overwrote where it ran. (A load's footprint needs no such
// care: moved before the write it read, it reads its own store or memory,
// and its footprint where it ran conflicts with everything either
// conflicts with.)
func overwriteIn(acc model.Footprint, before []tstep, v []wevent) model.Footprint {
	i := slices.IndexFunc(acc, func(a model.Access) bool { return a.Write && a.Key.Kind == model.KeyNext })
	if i < 0 {
		return acc
	}
	loc := acc[i].Key.Loc
	out := slices.Delete(slices.Clone(acc), i, i+1)
	if prev, ok := lastStoreTo(loc, before, v); ok {
		out = append(out, model.Access{Key: model.NextKey(prev), Write: true})
	}
	return out
}

// lastStoreTo is the buffered store whose flush is the last write to
// location loc's memory in before then v, if the last write is a flush.
func lastStoreTo(loc int32, before []tstep, v []wevent) (model.Key, bool) {
	scan := func(acc model.Footprint) (model.Key, bool, bool) {
		if !slices.Contains(acc, model.Access{Key: model.Key{Kind: model.KeyMem, Loc: loc}, Write: true}) {
			return model.Key{}, false, false
		}
		for _, a := range acc {
			if a.Write && a.Key.Kind == model.KeyStore && a.Key.Loc == loc {
				return a.Key, true, true // a flush
			}
		}
		return model.Key{}, false, true // an atomic write
	}
	for i := len(v) - 1; i >= 0; i-- {
		if k, ok, wrote := scan(v[i].acc); wrote {
			return k, ok
		}
	}
	for i := len(before) - 1; i >= 0; i-- {
		if k, ok, wrote := scan(before[i].acc); wrote {
			return k, ok
		}
	}
	return model.Key{}, false
}

// fenceReady reports whether every buffered store the fence footprint acc
// waits for is flushed by a step of before or of v.
func fenceReady(before []tstep, v []wevent, acc model.Footprint) bool {
	for _, a := range acc {
		if a.Write || a.Key.Kind != model.KeyStore {
			continue
		}
		if !flushedIn(a.Key, before, v) {
			return false
		}
	}
	return true
}

func flushedIn(k model.Key, before []tstep, v []wevent) bool {
	for i := range before {
		for _, a := range before[i].acc {
			if a.Key == k && a.Write && !before[i].proc.IsThread() {
				return true
			}
		}
	}
	for _, e := range v {
		for _, a := range e.acc {
			if a.Key == k && a.Write && !e.proc.IsThread() {
				return true
			}
		}
	}
	return false
}

// insert adds the reversal v at frame f: for source-DPOR one of its
// initials to the backtrack set, for optimal DPOR v to the wakeup tree,
// unless a sleeping process already covers it.
func (d *dpor) insert(f *dporFrame, v []wevent) {
	if f.pinned {
		return // another subtree of the split search explores it
	}
	if d.strong && d.hidesInitial(f, v) {
		return
	}
	if d.optimal {
		for _, set := range [][]sleepEntry{f.sleep, f.done} {
			for _, s := range set {
				if _, ok := weakInitial(wevent{proc: s.proc, acc: s.acc, choice: -1}, v); ok {
					return
				}
			}
		}
		if f.wut == nil {
			f.wut = &wuNode{}
		}
		insertWakeup(f.wut, v)
		return
	}
	init := initials(v)
	for _, q := range init {
		if f.asleep(q) || slices.Contains(f.backtrack, q) {
			return
		}
	}
	for _, q := range init {
		if f.altOf(q) >= 0 {
			f.backtrack = append(f.backtrack, q)
			return
		}
	}
	// No initial is enabled here: try every enabled process.
	f.addAll()
}

// addAll adds every enabled process that is not asleep to f's backtrack set.
func (f *dporFrame) addAll() {
	f.backtrack = f.appendEnabled(f.backtrack)
}

// appendEnabled appends to ps every enabled process of f that is not
// asleep, not hidden by symmetry and not in ps.
func (f *dporFrame) appendEnabled(ps []model.Process) []model.Process {
	for _, q := range f.procs {
		if _, hid := f.hidden(q); selectable(q) && !hid && !f.asleep(q) && !slices.Contains(ps, q) {
			ps = append(ps, q)
		}
	}
	return ps
}
