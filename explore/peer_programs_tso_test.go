package explore

import "github.com/singlecheck/singlecheck/model"

// peerTSO are the programs of Nidhugg's TSO tests (src/TSO_test.cpp,
// src/TSO_test2.cpp) that the model expresses, but for those PSO_test.cpp
// has too (peerTSOAndPSO).
var peerTSO = []peerProg{
	{"TSO_test", "Minimal_computation", model.TSO, 1, "main does nothing", func(*model.World) []model.Body { return []model.Body{func(*model.Thread) {}} }},
	{"TSO_test", "Small_dekker", model.TSO, 4, "", text(storeBuffering)},
	{"TSO_test", "Small_peterson", model.TSO, 12, "", text("x0=1; x2=1; r0=x2; r1=x1 || x1=1; x2=0; r0=x2; r1=x0")}, // x, y, t
	{"TSO_test", "ROWE_1", model.TSO, 3, "", text("x0=1; r0=x0 || x0=2")},
	{"TSO_test", "ROWE_2", model.TSO, 3, "", text("x0=2 || x0=1; r0=x0")},
	{"TSO_test", "read_read_write_1", model.TSO, 4, "", text("x0=1 || r0=x0 || r0=x0")},
	{"TSO_test", "read_read_write_2", model.TSO, 4, "", text("r0=x0 || r0=x0 || x0=1")},
	{"TSO_test", "before_update", model.TSO, 3, "", text("r0=x1; x0=1 || r0=x0; x1=1")}, // x, y
	{"TSO_test", "blacken_change_clock", model.TSO, 18, "", blackenChangeClock},
	{"TSO_test", "Intrinsic", model.TSO, 4, "", text("r0=x0; x0=1 || r0=x0; x0=1")},
	{"TSO_test", "small_dekker_checker", model.TSO, 12, "", text("x0=1; r0=x1; if r0!=0 skip 1; r1=x2; x2=1 || x1=1; r0=x0; if r0!=0 skip 1; r1=x2; x2=1")}, // x, y, c
	{"TSO_test", "Disappearing_conflict", model.TSO, 7, "", disappearingConflict},
	{"TSO_test", "rruu", model.TSO, 3, "", text("r0=x0; r1=x1 || x1=1; x0=1")}, // x, y
	{"TSO_test", "own_black_read", model.TSO, 4, "", text("r0=x0; x0=1 || r0=x0; x0=1")},
	{"TSO_test", "own_black_read_2", model.TSO, 3, "", text("r0=x0; x0=1 || x0=1")},
	{"TSO_test", "own_black_read_3", model.TSO, 3, "", text("x0=1 || r0=x0; x0=1")},
	{"TSO_test", "Refuse_1", model.TSO, 2, "main stores before it creates the thread: it starts it with Go", storeBeforeCreate},
	{"TSO_test", "Atomic_2", model.TSO, 2, "the atomic block storing 1 then 0 to x is an atomic store of 0", atomicBlockHidesAStore},
	{"TSO_test", "Non_fences", model.TSO, 4, "__VERIFIER_assume(1) is no operation", text("x0=1; fence; r0=x1 || x1=1; r0=x0")}, // x, y
	{"TSO_test2", "Compiler_fenced_dekker", model.TSO, 4, "the compiler fences are no operations", text(storeBuffering)},
}

// peerTSOAndPSO are the programs that Nidhugg's TSO_test.cpp and
// PSO_test.cpp both have, with the same count; each is checked under both
// (see inTSOAndPSO).
var peerTSOAndPSO = []peerProg{
	{test: "fib_simple", traces: 11, build: fibonacci(1, true)},
	{test: "Mutex_1", traces: 2, build: copiesOf(2, lockedCritical)},
	{test: "Mutex_3", traces: 3, build: mutexPublishes},
	{test: "Mutex_6", traces: 3, note: "main stores before it creates the threads: it starts them with Go", build: neverUnlocked},
	{test: "Mutex_12", traces: 6, build: text("lock m0; unlock m0; lock m0; unlock m0 || lock m0; unlock m0; lock m0; unlock m0")},
	{test: "Atomic_store_1", traces: 3, build: atomicStoreDekker},
	{test: "Atomic_store_2", traces: 3, build: flaggedDekker(false)},
	{test: "Atomic_store_3", traces: 4, note: "z is the atomic a", build: text("x0=1; a=1; r0=x1 || x1=1; a=1; r0=x0")}, // x, y
	{test: "CMPXCHG_1", traces: 3, build: casDekker},
	{test: "CMPXCHG_2", traces: 3, build: flaggedDekker(true)},
	{test: "Atomic_4", traces: 3, note: "the empty atomic block is a fence", build: text("x0=1; fence; r0=x1 || x1=1; fence; r0=x0")}, // x, y
}

// inTSOAndPSO is ps as tests of TSO_test.cpp under TSO and of PSO_test.cpp
// under PSO.
func inTSOAndPSO(ps []peerProg) []peerProg {
	var out []peerProg
	for _, m := range []model.Memory{model.TSO, model.PSO} {
		for _, p := range ps {
			p.suite, p.mem = map[model.Memory]string{model.TSO: "TSO_test", model.PSO: "PSO_test"}[m], m
			out = append(out, p)
		}
	}
	return out
}

// copiesOf is n threads running one body built on a shared world.
func copiesOf(n int, body func(w *model.World) model.Body) func(w *model.World) []model.Body {
	return func(w *model.World) []model.Body { return copies(n, body(w)) }
}

// blackenChangeClock: i = j = 1; one thread loads j and stores i twice,
// one loads i and stores j, main loads i.
func blackenChangeClock(w *model.World) []model.Body {
	v := vars(w, "i", "j")
	i, j := v[0], v[1]
	initially(w, 1, i, j)
	return []model.Body{
		func(t *model.Thread) { i.Load(t) },
		func(t *model.Thread) { j.Load(t); i.Store(t, 2); j.Load(t); i.Store(t, 3) },
		func(t *model.Thread) { i.Load(t); j.Store(t, 2) },
	}
}

// disappearingConflict: main loads x up to five times while it reads 0,
// and then loads y; the other thread stores y and then x.
func disappearingConflict(w *model.World) []model.Body {
	v := vars(w, "x", "y")
	x, y := v[0], v[1]
	return []model.Body{
		func(t *model.Thread) {
			for range 5 {
				if x.Load(t) != 0 {
					return
				}
			}
			y.Load(t)
		},
		func(t *model.Thread) { y.Store(t, 1); x.Store(t, 1) },
	}
}

// storeBeforeCreate: main stores 1 to x, starts a thread that stores 2 to
// x, and loads x.
func storeBeforeCreate(w *model.World) []model.Body {
	x := model.NewVar(w, "x")
	return []model.Body{func(t *model.Thread) {
		x.Store(t, 1)
		t.Go(func(t *model.Thread) { x.Store(t, 2) })
		x.Load(t)
	}}
}

// atomicStoreDekker: each thread atomically stores its flag and, if it
// loads the other's as 0, enters a critical section.
func atomicStoreDekker(w *model.World) []model.Body {
	f := atomics(w, "x", "y")
	c := model.NewVar(w, "c")
	side := func(mine, other model.Atomic) model.Body {
		return func(t *model.Thread) {
			mine.Store(t, 1)
			if other.Load(t) == 0 {
				critical(t, c)
			}
		}
	}
	return []model.Body{side(f[0], f[1]), side(f[1], f[0])}
}

// casDekker is atomicStoreDekker with each flag raised by a
// compare-and-swap from 0 to 1.
func casDekker(w *model.World) []model.Body {
	f := atomics(w, "x", "y")
	c := model.NewVar(w, "c")
	side := func(mine, other model.Atomic) model.Body {
		return func(t *model.Thread) {
			mine.CompareAndSwap(t, 0, 1)
			if other.Load(t) == 0 {
				critical(t, c)
			}
		}
	}
	return []model.Body{side(f[0], f[1]), side(f[1], f[0])}
}

// flaggedDekker: each thread stores its flag plainly, then writes a
// private atomic (a store, or with cas a compare-and-swap from 0 to 1),
// and, if it loads the other's flag as 0, enters a critical section.
func flaggedDekker(cas bool) func(w *model.World) []model.Body {
	return func(w *model.World) []model.Body {
		v := vars(w, "x", "y", "c")
		f := atomics(w, "f0", "f1")
		side := func(mine, other model.Var, fence model.Atomic) model.Body {
			return func(t *model.Thread) {
				mine.Store(t, 1)
				if cas {
					fence.CompareAndSwap(t, 0, 1)
				} else {
					fence.Store(t, 1)
				}
				if other.Load(t) == 0 {
					critical(t, v[2])
				}
			}
		}
		return []model.Body{side(v[0], v[1], f[0]), side(v[1], v[0], f[1])}
	}
}

// lockedCritical is the critical section under a mutex.
func lockedCritical(w *model.World) model.Body {
	m := model.NewMutex(w, "m")
	c := model.NewVar(w, "c")
	return func(t *model.Thread) {
		m.Lock(t)
		t.Assert(c.Load(t) == 0, "c is not 0: two threads in the critical section")
		c.Store(t, 1)
		c.Store(t, 0)
		m.Unlock(t)
	}
}

// mutexPublishes: a thread stores x, then y under the mutex; main loads y
// under the mutex, then x, and checks it never sees y set and x not.
func mutexPublishes(w *model.World) []model.Body {
	v := vars(w, "x", "y")
	x, y := v[0], v[1]
	m := model.NewMutex(w, "m")
	return []model.Body{
		func(t *model.Thread) {
			m.Lock(t)
			ry := y.Load(t)
			m.Unlock(t)
			t.Assert(ry <= x.Load(t), "y is set but x is not")
		},
		func(t *model.Thread) { x.Store(t, 1); m.Lock(t); y.Store(t, 1); m.Unlock(t) },
	}
}

// neverUnlocked: main stores x, starts two threads, and locks; each thread
// locks; whoever locks loads x, and nobody unlocks.
func neverUnlocked(w *model.World) []model.Body {
	x := model.NewVar(w, "x")
	m := model.NewMutex(w, "m")
	lockAndLoad := func(t *model.Thread) { m.Lock(t); x.Load(t) }
	return []model.Body{func(t *model.Thread) {
		x.Store(t, 1)
		t.Go(lockAndLoad)
		t.Go(lockAndLoad)
		lockAndLoad(t)
	}}
}
