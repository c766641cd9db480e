package explore

import "github.com/singlecheck/singlecheck/model"

// The race analysis of DPOR: after each execution, every race whose later
// event is new in this execution is reversed, by adding a backtrack point
// (source-DPOR) or a wakeup sequence (optimal DPOR) at the frame before the
// earlier event.

// raceTarget is the later event of a race: an executed step, or the next
// event of a blocked thread.
type raceTarget struct {
	proc   procID
	acc    footprint
	choice int
	lock   bool // a lock operation on mutex loc
	loc    int
	// executed is true for a step (then release races are redirected only
	// when the earlier event freed the mutex).
	executed bool
	// prev is the dependency clock of the target's process before it.
	prev vclock
}

// analyse reverses the races of the current execution: for source-DPOR
// those whose later step is new in this execution (the others were
// reversed before), for optimal DPOR all of them. A thread blocked on a
// mutex at the end races with the lock that took the mutex; one blocked
// only for a while needs nothing more, since its lock, once executed,
// races with that lock (through the unlock that freed the mutex).
func (d *DPOR) analyse(w *model.World) {
	steps := d.b.steps
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
		var cur vclock
		if s.prev >= 0 {
			cur = append(cur, steps[s.prev].clock...)
		}
		t := raceTarget{proc: s.proc, acc: s.acc, choice: s.choice, executed: true,
			lock: s.op == model.OpLock, loc: s.loc, prev: append(vclock(nil), cur...)}
		for j := k - 1; j >= 0; j-- {
			o := &steps[j]
			if o.proc == s.proc || !o.acc.conflicts(s.acc) {
				continue
			}
			if !happensBefore(o, cur) && s.pushedBy != j && !flushesFor(o, s) {
				d.reverse(j, k, t)
			}
			cur.join(o.clock)
		}
	}
	// Threads blocked in the final state (a deadlock, or a sleep-blocked
	// end). The execution's threads have been stopped: an abandoned thread
	// keeps its pending operation, and the mutex owners are simulated.
	n := len(w.Threads())
	if w.Init() != nil {
		n--
	}
	for t := range n {
		th := w.Threads()[t]
		op := th.Pending()
		if owner, held := d.b.owner[op.Loc]; op.Kind == model.OpLock && held && owner != t && len(d.b.bufs[t]) == 0 {
			d.pendingRace(len(steps), pendingEv{proc: threadProc(t), acc: d.b.pending(w, t), loc: op.Loc})
		}
	}
}

// flushesFor reports whether o flushes a store of the thread whose fence s
// is: the fence waits for it, so the two do not race.
func flushesFor(o, s *tstep) bool {
	return !o.proc.isThread() && s.proc == threadProc(int(o.proc.thread)) && isFence(s.op)
}

// pendingRace reverses the race of the lock a thread is blocked on at the
// end of the execution (after its k steps) with the lock that took the mutex.
func (d *DPOR) pendingRace(k int, pe pendingEv) {
	steps := d.b.steps
	var cur vclock
	for j := k - 1; j >= 0; j-- {
		if steps[j].proc == pe.proc {
			cur = append(cur, steps[j].clock...)
			break
		}
	}
	t := raceTarget{proc: pe.proc, acc: pe.acc, choice: -1, lock: true, loc: pe.loc, prev: append(vclock(nil), cur...)}
	for j := k - 1; j >= 0; j-- {
		o := &steps[j]
		if o.proc == pe.proc || !o.acc.conflicts(pe.acc) {
			continue
		}
		if !happensBefore(o, cur) && !(!o.proc.isThread() && o.proc.thread == pe.proc.thread) {
			d.reverse(j, k, t)
		}
		cur.join(o.clock)
	}
}

// reverse handles the race of step j with target t after the first k
// steps: at the frame before step j, it asks for an execution that runs the
// steps after j not ordered after it, then t.
func (d *DPOR) reverse(j, k int, t raceTarget) {
	steps := d.b.steps
	o := &steps[j]
	mutexEvent := (o.op == model.OpLock || o.op == model.OpUnlock) && o.loc == t.loc
	if t.lock && mutexEvent && (!t.executed || o.release) {
		// The mutex was taken by a lock at or before step j: reverse with it,
		// unless the target's thread had to wait for that lock's critical
		// section anyway (then another race comes first).
		for a := j; a >= 0; a-- {
			if steps[a].acquire && steps[a].loc == t.loc {
				j = a
				break
			}
		}
		if happensBefore(&steps[j], t.prev) {
			return
		}
	}
	e := &steps[j]
	if d.bnd != nil {
		// Bounded POR backtracks to the racing process itself: the
		// reversal sequence is not needed.
		d.insertBounded(e.frame, t.proc)
		return
	}
	var v []wevent
	end := k
	if d.optimal {
		// Optimal DPOR (JACM 2017, Algorithm 2) takes notdep over the whole
		// execution: every later step not ordered after e, then the target.
		end = len(steps)
	}
	for i := j + 1; i < end; i++ {
		if !happensBefore(e, steps[i].clock) {
			v = append(v, wevent{proc: steps[i].proc, acc: steps[i].acc, choice: steps[i].choice})
		}
	}
	if d.optimal && !fenceReady(steps[:j], v, t.acc) {
		// The target is a fence whose thread's stores are flushed only after
		// e: it cannot run in e's place. The trace that has it there also
		// has those flushes before e, and is reached by reversing the races
		// that order them after e.
		return
	}
	v = append(v, wevent{proc: t.proc, acc: t.acc, choice: t.choice})
	d.insert(d.frames[e.frame], v)
}

// fenceReady reports whether every buffered store the fence footprint acc
// waits for is flushed by a step of before or of v.
func fenceReady(before []tstep, v []wevent, acc footprint) bool {
	for _, a := range acc {
		if a.write || a.key&keyBuf != keyBuf {
			continue
		}
		if !writesKey(a.key, before, v) {
			return false
		}
	}
	return true
}

func writesKey(k accKey, before []tstep, v []wevent) bool {
	for i := range before {
		for _, a := range before[i].acc {
			if a.key == k && a.write && !before[i].proc.isThread() {
				return true
			}
		}
	}
	for _, e := range v {
		for _, a := range e.acc {
			if a.key == k && a.write && !e.proc.isThread() {
				return true
			}
		}
	}
	return false
}

// insert adds the reversal v at frame f: for source-DPOR one of its
// initials to the backtrack set, for optimal DPOR v to the wakeup tree,
// unless a sleeping process already covers it (for optimal DPOR: is a weak
// initial of v, a process whose next event is a lock included; see
// weakInitial).
func (d *DPOR) insert(f *dporFrame, v []wevent) {
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
		if f.asleep(q) || containsProc(f.backtrack, q) {
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
	for _, q := range f.procs {
		if q.thread >= 0 && !f.asleep(q) && !containsProc(f.backtrack, q) {
			f.backtrack = append(f.backtrack, q)
		}
	}
}

func containsProc(ps []procID, p procID) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
