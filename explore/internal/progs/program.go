package progs

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
)

// Program builds the model program of s. Every load is observed, so a
// program's outcome holds the values each thread read. A thread keeps count
// of the mutexes it holds and skips an unlock of a mutex it does not hold
// and a re-lock of a plain mutex it holds (both only reachable where a
// branch skipped a lock or an unlock): the program never misuses a mutex,
// and a thread blocks only on a mutex another thread holds. Channel and
// WaitGroup operations are performed as drawn: a program may panic (a send
// on a closed channel, a second close, a Done below zero, an Add that
// reuses the WaitGroup before a woken Wait returned) or deadlock on them.
// A cond wait uses the mutex it names as sync.Cond.Wait uses its Locker
// (see condWait), and a Get yields the value it took, 0 for none.
func (s Spec) Program() model.Program {
	return model.Program{
		Name: "gen: " + s.String(),
		Build: func(w *model.World) []model.Body {
			xs := make([]model.Var, s.Vars)
			for i := range xs {
				xs[i] = model.NewVar(w, fmt.Sprintf("x%d", i))
			}
			a := model.NewAtomic(w, "a")
			ms := make([]model.Mutex, s.Mutexes())
			for i := range ms {
				if s.reentrant(i) {
					ms[i] = model.NewRMutex(w, fmt.Sprintf("m%d", i))
				} else {
					ms[i] = model.NewMutex(w, fmt.Sprintf("m%d", i))
				}
			}
			var fence model.Atomic
			if s.Has(Fence) {
				fence = model.NewAtomic(w, "fence")
			}
			var cs []model.Channel
			if s.Has(Send) || s.Has(Recv) || s.Has(Close) || s.Has(Select) {
				for c := range s.Chans() {
					cs = append(cs, model.NewChannel(w, fmt.Sprintf("c%d", c), s.capOf(c)))
				}
			}
			var rw model.RWMutex
			if s.HasRW() {
				rw = model.NewRWMutex(w, "rw")
			}
			e := &env{xs: xs, a: a, ms: ms, fence: fence, rw: rw, cs: cs,
				wgs: make([]model.WaitGroup, len(s.Threads)), dones: make([]model.Channel, len(s.Threads))}
			if s.HasWG() {
				e.wg = model.NewWaitGroup(w, "wg")
			}
			if s.HasCond() {
				e.cv = model.NewCond(w, "cv")
			}
			if s.HasPool() {
				e.pool = model.NewSyncObject(w, "pool")
			}
			for i := range s.Threads {
				if s.waits(Wait, i) {
					e.wgs[i] = model.NewWaitGroup(w, fmt.Sprintf("wg%d", i))
				}
				if s.waits(Join, i) {
					e.dones[i] = model.NewChannel(w, fmt.Sprintf("done%d", i), 1)
				}
			}
			e.bodies = make([]model.Body, len(s.Threads))
			for i := range s.Threads {
				e.bodies[i] = func(t *model.Thread) { s.run(t, i, e) }
			}
			var roots []model.Body
			for _, i := range s.Roots() {
				roots = append(roots, e.bodies[i])
			}
			return roots
		},
	}
}

// env is the shared state of one execution of a Spec: its variables and
// primitives, a WaitGroup and a done channel for each thread some
// operation waits for or joins (zero values otherwise), the values in the
// pool (in the order model.SyncObject.PoolGet indexes them), and each
// thread's body.
type env struct {
	xs     []model.Var
	a      model.Atomic
	ms     []model.Mutex
	fence  model.Atomic
	rw     model.RWMutex
	cs     []model.Channel
	wg     model.WaitGroup
	cv     model.Cond
	pool   model.SyncObject
	pooled []model.Value
	wgs    []model.WaitGroup
	dones  []model.Channel
	bodies []model.Body
}

// run performs ops on thread t. As for mutexes, it keeps count of the
// RWMutex holds and skips an unlock of what it does not hold, a read or
// write lock while it holds the write lock, a write lock while it
// read-holds, and a read lock deeper than maxDepth; a TryLock of a mutex
// it holds is skipped (its register set to 0). A spawn of a thread that
// some operation waits for adds 1 to its WaitGroup first; a thread that
// is waited for ends with a Done, one that is joined with a send on its
// done channel (not if it panics: that ends the execution).
func (s Spec) run(t *model.Thread, i int, e *env) {
	ops, xs, a, ms, fence, rw, cs := s.Threads[i], e.xs, e.a, e.ms, e.fence, e.rw, e.cs
	var r [NumRegs]model.Value
	held := make([]int, len(ms))
	rheld, wheld := 0, false
	set := func(j, reg int, v model.Value) {
		r[reg] = v
		t.Observe(fmt.Sprintf("r%d", j), v)
	}
	for j := 0; j < len(ops); j++ {
		o := ops[j]
		switch o.Kind {
		case Load:
			set(j, o.Reg, xs[o.Var].Load(t))
		case Store:
			v := o.Val
			if v < 0 {
				v = r[o.Reg] + 1
			}
			xs[o.Var].Store(t, v)
		case CAS:
			ok := a.CompareAndSwap(t, o.Old, o.Val)
			set(j, o.Reg, boolValue(ok))
		case AtomicLoad:
			set(j, o.Reg, a.Load(t))
		case AtomicStore:
			a.Store(t, o.Val)
		case Swap:
			set(j, o.Reg, a.Swap(t, o.Val))
		case Add:
			set(j, o.Reg, a.Add(t, o.Val)-o.Val)
		case Lock:
			if held[o.Mutex] == 0 || s.reentrant(o.Mutex) {
				ms[o.Mutex].Lock(t)
				held[o.Mutex]++
			}
		case Unlock:
			if held[o.Mutex] > 0 {
				ms[o.Mutex].Unlock(t)
				held[o.Mutex]--
			}
		case Choose:
			if t.Choose(2) == 0 {
				j++
			}
		case Branch:
			if (r[o.Reg] == o.Val) == o.Eq {
				j += o.Skip
			}
		case Fence:
			fence.Load(t)
		case TryLock:
			ok := false
			if held[o.Mutex] == 0 {
				ok = ms[o.Mutex].TryLock(t)
			}
			if ok {
				held[o.Mutex]++
			}
			set(j, o.Reg, boolValue(ok))
		case RLock:
			if !wheld && rheld < maxDepth {
				rw.RLock(t)
				rheld++
			}
		case RUnlock:
			if rheld > 0 {
				rw.RUnlock(t)
				rheld--
			}
		case WLock:
			if !wheld && rheld == 0 {
				rw.Lock(t)
				wheld = true
			}
		case WUnlock:
			if wheld {
				rw.Unlock(t)
				wheld = false
			}
		case TryRLock:
			ok := rheld < maxDepth && rw.TryRLock(t)
			if ok {
				rheld++
			}
			set(j, o.Reg, boolValue(ok))
		case TryWLock:
			ok := !wheld && rw.TryLock(t)
			wheld = wheld || ok
			set(j, o.Reg, boolValue(ok))
		case Send:
			cs[o.Chan].Send(t, o.Val)
		case Recv:
			v, ok := cs[o.Chan].Recv(t)
			if !ok {
				v = -1
			}
			set(j, o.Reg, v)
		case Close:
			cs[o.Chan].Close(t)
		case WGAdd:
			e.wg.Add(t, int(o.Val))
		case WGDone:
			e.wg.Add(t, -1)
		case WGWait:
			e.wg.Wait(t)
		case CondWait:
			set(j, o.Reg, e.condWait(t, o, held[o.Mutex]))
		case Signal:
			e.cv.Signal(t)
		case Broadcast:
			e.cv.Broadcast(t)
		case Put:
			e.pool.Update(t, 1)
			e.pooled = append(e.pooled, o.Val)
		case Get:
			var v model.Value
			if k := e.pool.PoolGet(t); k >= 0 {
				v = e.pooled[k]
				e.pooled = append(e.pooled[:k], e.pooled[k+1:]...)
			}
			set(j, o.Reg, v)
		case Spawn:
			if s.waits(Wait, o.Thread) {
				e.wgs[o.Thread].Add(t, 1)
			}
			t.Go(e.bodies[o.Thread])
		case Wait:
			e.wgs[o.Thread].Wait(t)
		case Join:
			e.dones[o.Thread].Recv(t)
		case Select:
			var v model.Value
			first := cs[o.Chan].RecvCase(&v, nil)
			if o.Val > 0 {
				first = cs[o.Chan].SendCase(o.Val)
			}
			cases := []model.SelectCase{first, cs[o.Chan2].RecvCase(&v, nil)}
			if o.Default {
				cases = append(cases, model.Default())
			}
			c := t.Select(cases...)
			set(j, o.Reg, 10*model.Value(c)+v)
		}
	}
	if s.waits(Wait, i) {
		e.wgs[i].Add(t, -1)
	}
	if s.waits(Join, i) {
		e.dones[i].Send(t, 1)
	}
}

// condWait performs a CondWait o on t, which holds o's mutex held times:
// the waiter loop of sync.Cond's documentation, lock (unless held); for
// x == 0 { Wait }; unlock (unless held), with Wait as sync.Cond.Wait does
// it (take a ticket, unlock, sleep until the ticket is signalled, lock).
// It returns the number of Waits, or -1 if t holds a reentrant mutex more
// than once (one unlock would not release it: the wait is skipped). Every
// Wait needs a Signal or Broadcast after its ticket, so the loop ends or
// blocks for good (a deadlock) once the program's finitely many signals
// are spent.
func (e *env) condWait(t *model.Thread, o Op, held int) model.Value {
	if held > 1 {
		return -1
	}
	m := e.ms[o.Mutex]
	if held == 0 {
		m.Lock(t)
	}
	n := model.Value(0)
	for e.xs[o.Var].Load(t) == 0 {
		ticket := e.cv.Enqueue(t)
		m.Unlock(t)
		e.cv.Sleep(t, ticket)
		m.Lock(t)
		n++
	}
	if held == 0 {
		m.Unlock(t)
	}
	return n
}

func boolValue(ok bool) model.Value {
	if ok {
		return 1
	}
	return 0
}
