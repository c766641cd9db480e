package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
)

// peerSC are the programs of Nidhugg's SC tests (src/SC_test.cpp,
// src/SC_test2.cpp, and one SC test in src/PSO_test.cpp) that the model
// expresses.
var peerSC = []peerProg{
	{"SC_test", "fib_simple_n2_sc", model.SC, 19, "", fibonacci(2, false)},
	{"SC_test", "Intrinsic_2", model.SC, 1680, "", text("x0=1; x0=2; x0=3 || x0=1; x0=2; x0=3 || x0=1; x0=2; x0=3")},
	{"SC_test", "Atomic_1", model.SC, 2, "the atomic block storing 1 then 0 to x is an atomic store of 0", atomicBlockHidesAStore},
	{"SC_test", "Atomic_5", model.SC, 4, "the atomic block storing 2 to x is that store", text("x0=2; r0=x0 || x0=2; r0=x0")},
	{"SC_test", "Atomic_8", model.SC, 2, "the atomic block loading x twice is one load", text("r0=x0 || x0=1")},
	{"SC_test", "Atomic_9", model.SC, 90, "the atomic block storing 2 to x is that store", text("x0=2; x0=1 || x0=2; x0=1 || x0=2; x0=1")},
	{"SC_test", "Intrinsic_first", model.SC, 2, "", text("x0=1 || x0=1")},
	{"SC_test2", "Thread_local_1", model.SC, 1, "a thread-local variable is a variable per thread", text("x0=1 || x1=1 || x2=1")},
	{"SC_test2", "Thread_local_2", model.SC, 6, "a pointer to a thread-local variable is the number of its thread", threadLocalPointer},
	{"SC_test2", "CAS_load", model.SC, 5, "x is the atomic a: a CAS touches it", text("r0=cas(a,1,2) || r0=a || a=1")},
	{"SC_test2", "CAS_tricky", model.SC, 5, "x is the atomic a: a CAS touches it", text("a=1 || r0=a || r0=cas(a,1,2)")},
	{"SC_test2", "Compiler_fence_dekker", model.SC, 3, "the compiler fences are no operations", text(storeBuffering)},
	{"SC_test2", "lastzero_4", model.SC, 28, "", lastZero(4)},
	{"PSO_test", "Atomic_9", model.SC, 90, "written for SC; the atomic block storing 2 to x is that store", text("x0=2; x0=1 || x0=2; x0=1 || x0=2; x0=1")},
}

// storeBuffering is the store-buffering (Dekker) test over x (x0) and y
// (x1).
const storeBuffering = "x0=1; r0=x1 || x1=1; r0=x0"

// fibonacci: i = j = 1; one thread adds j to i n times, the other i to j n
// times (each step two loads and a store); withMain adds a thread that
// loads i and j.
func fibonacci(n int, withMain bool) func(w *model.World) []model.Body {
	return func(w *model.World) []model.Body {
		v := vars(w, "i", "j")
		i, j := v[0], v[1]
		initially(w, 1, i, j)
		step := func(dst model.Var) model.Body {
			return func(t *model.Thread) {
				for range n {
					a := i.Load(t)
					dst.Store(t, a+j.Load(t))
				}
			}
		}
		bodies := []model.Body{step(i), step(j)}
		if withMain {
			main := func(t *model.Thread) { i.Load(t); j.Load(t) }
			bodies = append([]model.Body{main}, bodies...)
		}
		return bodies
	}
}

// atomicBlockHidesAStore: main atomically stores 1 then 0 to x (an atomic
// store of 0: nobody sees the 1); the other thread loads x and checks it is
// not 1.
func atomicBlockHidesAStore(w *model.World) []model.Body {
	x := model.NewAtomic(w, "x")
	return []model.Body{
		func(t *model.Thread) { x.Store(t, 0) },
		func(t *model.Thread) { t.Assert(x.Load(t) != 1, "x is 1 inside the atomic block") },
	}
}

// threadLocalPointer: two threads each publish the address of their own x
// in p (here the thread's number, 1 or 2), store 1 to their x, load p and
// load the x it points to.
func threadLocalPointer(w *model.World) []model.Body {
	p := model.NewVar(w, "p")
	xs := vars(w, "x0", "x1", "x2") // x0 is never used: p is 1 or 2 when loaded
	body := func(self model.Value) model.Body {
		return func(t *model.Thread) {
			p.Store(t, self)
			xs[self].Store(t, 1)
			xs[p.Load(t)].Load(t)
		}
	}
	return []model.Body{body(1), body(2)}
}

// lastZero is the lastzero benchmark of the DPOR literature with n
// writers: a reader scans a[n], a[n-1], … down to the first zero; writer k
// (1 ≤ k ≤ n) stores a[k-1]+1 to a[k].
func lastZero(n int) func(w *model.World) []model.Body {
	return func(w *model.World) []model.Body {
		a := make([]model.Var, n+1)
		for k := range a {
			a[k] = model.NewVar(w, fmt.Sprintf("a%d", k))
		}
		reader := func(t *model.Thread) {
			for k := n; a[k].Load(t) != 0; k-- {
			}
		}
		bodies := []model.Body{reader}
		for k := 1; k <= n; k++ {
			bodies = append(bodies, func(t *model.Thread) { a[k].Store(t, a[k-1].Load(t)+1) })
		}
		return bodies
	}
}
