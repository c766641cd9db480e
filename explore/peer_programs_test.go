package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
)

// The unit-test programs of Nidhugg, a stateless model checker for C/pthreads
// programs under SC, TSO and PSO (Abdulla, Aronis, Atig, Jonsson,
// Leonardsson, Sagonas, "Stateless model checking for TSO and PSO", TACAS
// 2015; github.com/nidhugg/nidhugg, src/SC_test.cpp, SC_test2.cpp,
// TSO_test.cpp, TSO_test2.cpp, PSO_test.cpp, PSO_test2.cpp), retold with
// the model's API. Nidhugg's tests are LLVM IR; each is retold here from
// what its threads do to shared memory, in this project's own words.
//
// Most programs are written in the notation of the generated programs
// (package progs, see progs.Parse): threads separated by "||", Nidhugg's
// main thread first; x0, x1, … plain variables (the row's comment says
// which of Nidhugg's each is), a an atomic, m0 a mutex; r0, r1 a thread's
// registers; "x0=1" a store, "r0=x0" a load, "r0=cas(a,0,1)" a
// compare-and-swap, "fence" a full fence, "if r0==0 skip 2" a branch. The
// others, which need more (initial values, loops, several atomics,
// assertions, starting threads), are written with the model's API below.
//
// Retelling conventions:
//
//   - Nidhugg's main thread creates the other threads and then runs code
//     of its own. When creation comes first, that is a program of static
//     threads, main's code the first body. When main stores before it
//     creates a thread, main is the only static thread and starts the
//     others with Thread.Go (a fence under TSO and PSO: Nidhugg's
//     pthread_create, too, waits for main's buffer to drain, as its test
//     Refuse_1 says).
//   - Global initializers other than zero are stores of an init thread
//     (World.SetInit), which happen before every thread's steps.
//   - A load whose value nothing uses is still a step (its value is
//     ignored); stack variables (alloca) are not shared and are left out.
//   - Nidhugg's plain loads and stores are Var's; `store atomic seq_cst`
//     and cmpxchg are an Atomic's Store and CompareAndSwap. The model's
//     types keep a location plain or atomic, so a location Nidhugg writes
//     atomically and reads plainly is an Atomic read with Load where the
//     reading thread's store buffer is empty (an atomic load is a fence,
//     which then changes nothing). Under SC, where there are no buffers,
//     an Atomic stands for a plain location a CAS touches.
//   - `fence seq_cst`, and an empty __VERIFIER_atomic_ function (which
//     Nidhugg treats as a full fence), are an atomic load of a location
//     nobody writes: a fence with no other effect. A compiler fence (an
//     empty asm with a memory clobber) and __VERIFIER_assume(1) are no
//     operations at all.
//   - A __VERIFIER_atomic_ function runs as one indivisible step. One that
//     touches a single shared location once is that access; one whose
//     shared accesses amount to a single one is that one (two loads of x
//     read the same value: one load; storing 1 then 0 to x shows nobody
//     the 1: an atomic store of 0). The row's note says so.
//   - __assert_fail on a branch is t.Assert of the branch's condition
//     (never false in these programs: the tests say no errors).
//   - pthread_mutex_init is no operation (a mutex starts unlocked), and
//     pthread_join at the end of main, with nothing after it, is left out.
//
// Not retold, for want of an operation the model does not have (yet):
// pthread_mutex_trylock (Mutex_trylock_*), condition variables (Condvar_*),
// pthread_join followed by more code and pthread_mutex_destroy (Join_2,
// Join_3, Mutex_7, Mutex_9, Pthread_t_pointer_*, pthread_join_invoke), an
// operation that conflicts with every access (memcpy in Full_conflict_*),
// accesses of different sizes to overlapping bytes (Overlapping_ROWE_*,
// Overlapping_store_2 and _3), atomic and plain stores to one location
// (Atomic_and_nonatomic_writes), __VERIFIER_assume of a false condition,
// which blocks a thread for good (SC_test's Atomic_6 and Atomic_7), and an
// atomic block over two locations (SC_test's Atomic_3). RMW_test.cpp
// publishes no trace counts.

// peerProg is one of Nidhugg's unit-test programs, retold.
type peerProg struct {
	// suite and test name Nidhugg's test: the file src/<suite>.cpp and the
	// BOOST_AUTO_TEST_CASE in it.
	suite, test string
	// mem is the memory model the test is written for.
	mem model.Memory
	// traces is the number of traces the test's published trace-set
	// specification lists (or its trace_count check states).
	traces int
	// note says how the retelling expresses what the model has no
	// direct counterpart for ("" for a direct transcription).
	note  string
	build func(w *model.World) []model.Body
}

// program is the model program of p.
func (p peerProg) program() model.Program {
	return model.Program{Name: fmt.Sprintf("nidhugg %s/%s", p.suite, p.test), Build: p.build}
}

// text is the program written in progs notation (see above).
func text(src string) func(w *model.World) []model.Body {
	spec := progs.MustParse(src)
	return func(w *model.World) []model.Body { return spec.Program().Build(w) }
}

// vars creates plain variables with the given names.
func vars(w *model.World, names ...string) []model.Var {
	vs := make([]model.Var, len(names))
	for i, n := range names {
		vs[i] = model.NewVar(w, n)
	}
	return vs
}

// atomics creates atomic variables with the given names.
func atomics(w *model.World, names ...string) []model.Atomic {
	as := make([]model.Atomic, len(names))
	for i, n := range names {
		as[i] = model.NewAtomic(w, n)
	}
	return as
}

// newFence returns a full fence: an atomic load of a location nobody
// writes, which drains the thread's store buffer and does nothing else.
func newFence(w *model.World) func(t *model.Thread) {
	f := model.NewAtomic(w, "fence")
	return func(t *model.Thread) { f.Load(t) }
}

// copies is n threads running body.
func copies(n int, body model.Body) []model.Body {
	bodies := make([]model.Body, n)
	for i := range bodies {
		bodies[i] = body
	}
	return bodies
}

// critical is the critical section of Nidhugg's mutual-exclusion tests: it
// checks nobody else is inside (c is not 1), then sets and clears c.
func critical(t *model.Thread, c model.Var) {
	t.Assert(c.Load(t) != 1, "c is 1: two threads in the critical section")
	c.Store(t, 1)
	c.Store(t, 0)
}

// initially sets the variables' initial values (Nidhugg's non-zero global
// initializers) in an init thread.
func initially(w *model.World, v model.Value, vs ...model.Var) {
	w.SetInit(func(t *model.Thread) {
		for _, x := range vs {
			x.Store(t, v)
		}
	})
}
