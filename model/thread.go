package model

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Body is the code of one modelled thread.
type Body func(*Thread)

// Program is what the checker checks: a named builder of executions.
type Program struct {
	// Name names the program in messages.
	Name string
	// Build is called once per execution with a fresh World: it creates the
	// shared state (variables, mutexes, classes), may register an init
	// thread with World.SetInit, and returns the bodies of the worker
	// threads. It must build the same world every time.
	Build func(w *World) []Body
	// Identical says the worker threads are interchangeable: they run the
	// same code on the same shared state, so executions equal up to a
	// permutation of workers are equivalent (symmetry reduction).
	Identical bool
	// Acceptable lists violation kinds the protocol declares harmless; the
	// verdict says when they occur but does not count them as failures.
	Acceptable []Kind
}

// errAbort unwinds a thread whose execution was abandoned.
var errAbort = errors.New("singlecheck: execution abandoned")

// IsAbort reports whether a recovered panic value is the checker unwinding an
// abandoned thread. A thread body that recovers panics must re-panic these.
func IsAbort(r any) bool { return r == errAbort }

type observation struct {
	name string
	val  Value
}

// Thread is a modelled thread. Its methods, and the methods of the
// primitives that take it, are the only way a body touches shared state.
type Thread struct {
	w        *World
	id       int
	init     bool
	pending  Op
	result   Value
	done     bool
	aborted  bool
	clock    VC
	buf      []bufEntry
	yield    func() bool
	obtained []Value
	observed []observation
	panicked bool
}

// ID is the thread's index: workers are 0..n-1 and the init thread is n.
func (t *Thread) ID() int { return t.id }

// IsInit reports whether this is the init thread, which runs to completion
// before the workers start (package initialization, module import).
func (t *Thread) IsInit() bool { return t.init }

// Name is "T<id>", or "init" for the init thread.
func (t *Thread) Name() string {
	if t.init {
		return "init"
	}
	return fmt.Sprintf("T%d", t.id)
}

// Pending is the operation the thread announced and will perform when next
// scheduled; its Kind is OpEnd once the thread has finished.
func (t *Thread) Pending() Op { return t.pending }

// Panicked reports whether the thread's body ended in a panic it did not
// recover. As in a Go program, that ends the execution.
func (t *Thread) Panicked() bool { return t.panicked }

// Done reports whether the thread has finished.
func (t *Thread) Done() bool { return t.done }

// Buffered is the number of stores waiting in the thread's store buffer.
func (t *Thread) Buffered() int { return len(t.buf) }

// do is the choke point: it announces op, yields to the scheduler, and
// returns the operation's result once the scheduler has applied it.
func (t *Thread) do(op Op) Value {
	if t.aborted {
		panic(errAbort)
	}
	t.pending = op
	if !t.yield() {
		t.aborted = true
		panic(errAbort)
	}
	return t.result
}

// Choose returns a value in [0, n), chosen by the scheduler: every value is
// explored. It is how a protocol models, say, an initialization that may fail.
func (t *Thread) Choose(n int) int {
	if n < 1 {
		panic(fmt.Sprintf("Choose(%d): need at least one alternative", n))
	}
	if n == 1 {
		return 0
	}
	return int(t.do(Op{Kind: OpChoose, Loc: -1, Arg: Value(n)}))
}

// Obtain records that the caller running on t obtained instance ref (Nil if
// it got none). The oracles check it: nil-instance, divergent-instances, and
// partial-init if some field of ref is not visibly initialized to t.
func (t *Thread) Obtain(ref Value) {
	t.do(Op{Kind: OpObtain, Loc: -1, Arg: ref})
}

// Assert records an assertion violation if ok is false. It is not a step.
func (t *Thread) Assert(ok bool, format string, args ...any) {
	if !ok {
		t.w.violate(Assertion, t.id, format, args...)
	}
}

// Observe records a value for the execution's outcome (a litmus test's
// register, say). It is not a step.
func (t *Thread) Observe(name string, v Value) {
	t.observed = append(t.observed, observation{name, v})
}

// AddThread makes a thread of w running body, driven by yield: yield must
// suspend the thread until the scheduler has applied its pending operation,
// and return false if the execution was abandoned. The returned function runs
// the body to completion inside the thread's coroutine: it recovers panics of
// the body as violations and marks the thread done.
func (w *World) AddThread(body Body, init bool) (*Thread, func(yield func() bool)) {
	t := &Thread{w: w, id: len(w.threads), init: init}
	w.threads = append(w.threads, t)
	run := func(yield func() bool) {
		t.yield = yield
		defer func() {
			r := recover()
			if r != nil && r != errAbort {
				v := Violation{Kind: Panic, Event: w.lastEventOf(t.id), Thread: t.id,
					Msg: fmt.Sprintf("%s panicked: %v", t.Name(), r)}
				v.Stack = string(debug.Stack())
				w.violations = append(w.violations, v)
				t.panicked = true
			}
			t.done = true
			if !t.aborted {
				// An abandoned thread keeps the operation it was waiting to
				// perform, so that a search can still see what blocked it.
				t.pending = Op{Kind: OpEnd, Loc: -1}
			}
		}()
		body(t)
	}
	return t, run
}

func (w *World) lastEventOf(tid int) int {
	for i := len(w.events) - 1; i >= 0; i-- {
		if w.events[i].Thread == tid {
			return i
		}
	}
	return -1
}

// SetInit registers the init thread: body runs to completion before any
// worker starts, as package initialization or a module import does, and its
// steps happen before every worker's. Call it at most once, from Build.
func (w *World) SetInit(body Body) { w.initBody = body }

// Init is the body registered with SetInit, or nil.
func (w *World) Init() Body { return w.initBody }

// Start sizes the threads' clocks once all threads are added. The workers
// start after the init thread has finished: call StartWorkers then.
func (w *World) Start() {
	n := len(w.threads)
	w.nthreads = n
	clocks := make([]uint32, n*n)
	for i, t := range w.threads {
		t.clock = VC(clocks[i*n : (i+1)*n : (i+1)*n])
		t.clock[t.id] = 1
	}
}

// StartWorkers makes the init thread's steps happen before every worker's.
func (w *World) StartWorkers(init *Thread) {
	for _, t := range w.threads {
		if t != init {
			t.clock.Join(init.clock)
		}
	}
}
