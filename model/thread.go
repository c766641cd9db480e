package model

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"sync/atomic"
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
	// Groups, if not nil, gives each worker a group (Groups[i] for worker
	// i): workers of one group are interchangeable, as Identical says of
	// all of them. A protocol with a fixture thread beside its callers, or
	// callers of several entry points, declares its groups this way.
	Groups []int
	// Acceptable lists violation kinds the protocol declares harmless; the
	// verdict says when they occur but does not count them as failures.
	Acceptable []Kind
	// Implicit says the bodies run code that finds its modelled thread with
	// Current (the drop-in packages, Read and Write, Go): executions of
	// such programs run one at a time in a process (see implicit.go).
	Implicit bool
}

// SymmetryGroups is the group of each of the n workers (all 0 if
// Identical), or nil if no two workers are declared interchangeable.
func (p Program) SymmetryGroups(n int) []int {
	if p.Identical {
		return make([]int, n)
	}
	if len(p.Groups) != n {
		return nil
	}
	seen := map[int]bool{}
	for _, g := range p.Groups {
		if seen[g] {
			return p.Groups
		}
		seen[g] = true
	}
	return nil
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
	w         *World
	id        int
	key       uint64
	init      bool
	pending   Op
	result    Value
	resultBox any   // the Go value a load of external memory read
	site      *Site // where the thread's next operations stand (At)
	done      bool
	aborted   bool
	clock     VC
	buf       []bufEntry // store buffer, oldest first
	since     []bufEntry // stores since the thread's last fence
	stores    []int      // per location: the stores the thread made to it
	children  int        // threads it started
	parent    *Thread    // the thread that started it, nil for a worker or the init thread
	nth       int        // its place among its parent's children, from 1
	yield     func() bool
	obtained  []Value
	observed  []observation
	panicked  bool
	spin      *spinState        // the current iteration of a Spin, nil outside one
	g         atomic.Uintptr    // the goroutine of its coroutine (goroutineID), once it started
	late      func(*Thread) int // the resolver of its next operation's location (ResolveAtStep)
	opaque    bool              // its last step was opaque (late.go)
	hist      [2]uint64         // a hash of its operations and their results (statekey.go)
}

// ID is the thread's index in World.Threads: in creation order, so the
// same schedule always gives a thread the same ID.
func (t *Thread) ID() int { return t.id }

// Key names the thread across the executions of a program: a worker by
// its index, the init thread by itself, a thread started during the
// execution by its parent's Key and its place among the parent's children.
// Two executions that agree on what a thread's ancestors did give it the
// same Key, whatever order unrelated threads were created in.
func (t *Thread) Key() uint64 { return t.key }

// IsInit reports whether this is the init thread, which runs to completion
// before the workers start (package initialization, module import).
func (t *Thread) IsInit() bool { return t.init }

// Name is "T<id>", or "init" for the init thread.
func (t *Thread) Name() string {
	if t.init {
		return "init"
	}
	return "T" + strconv.Itoa(t.id)
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

// World is the world the thread runs in.
func (t *Thread) World() *World { return t.w }

// do is the choke point: it announces op, yields to the scheduler, and
// returns the operation's result once the scheduler has applied it.
func (t *Thread) do(op Op) Value {
	if t.aborted {
		panic(errAbort)
	}
	w := t.w
	if t.opaque {
		t.opaque = false
		w.resolvePending(t)
	}
	if w.marking && w.scheduled && len(w.locs) > w.locMark {
		op.creates = true
	}
	op.resolve, t.late = t.late, nil
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

var chooseSpec = opSpec{
	name:    "choose",
	choices: func(w *World, t *Thread, op *Op) int { return int(op.Arg) },
	apply:   func(w *World, t *Thread, op *Op, ev *Event) Value { ev.Value = Value(w.choice); return ev.Value },
}

// Obtain records that the caller running on t obtained instance ref (Nil if
// it got none). The oracles check it: nil-instance, divergent-instances, and
// partial-init if some field of ref is not visibly initialized to t.
func (t *Thread) Obtain(ref Value) {
	t.do(Op{Kind: OpObtain, Loc: -1, Arg: ref})
}

// Obtain reads the fields of the instance (as plain loads do, or atomic
// ones for an atomic class) and whether it was handed out before.
var obtainSpec = opSpec{
	name: "obtain",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		if _, fields, ok := w.ObjectOf(op.Arg); ok {
			for _, f := range fields {
				acc = append(acc, w.loadAccess(t, f))
			}
			acc = append(acc, Access{Key: Key{Kind: KeyMeta, Loc: int32(RefNumber(op.Arg))}})
			acc = w.constructionLoads(t, op.Arg, acc)
		}
		return append(acc, Access{Key: Key{Kind: KeyEpoch}})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value { ev.Value = op.Arg; return op.Arg },
	check: func(w *World, t *Thread, op *Op, ev int) {
		if _, fields, ok := w.ObjectOf(op.Arg); ok && w.races {
			for _, f := range fields {
				if l := &w.locs[f]; l.atomicFields {
					w.acquire(t, l) // atomic fields never race; reading them acquires
				} else {
					w.checkRead(t, f, ev)
				}
			}
		}
		w.checkObtain(t, op.Arg)
	},
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

// Go starts a new thread running body and returns its index: a step of t.
// The new thread's steps happen after everything t did before (as a go
// statement does), and under TSO and PSO starting it drains t's store
// buffer. Threads started by the same parent in the same order get the same
// Key in every execution.
func (t *Thread) Go(body Body) int {
	if body == nil {
		panic("Go(nil): no body to run")
	}
	return int(t.do(Op{Kind: OpSpawn, Loc: -1, body: body}))
}

// Starting a thread touches nothing another thread can see: the child's
// first step is ordered after it by the child's own dependency clock.
var spawnSpec = opSpec{
	name:  "go",
	fence: true,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		if w.maxThreads > 0 && len(w.threads) >= w.maxThreads {
			panic(fmt.Sprintf("%s started too many threads: the execution already has %d, the limit; "+
				"a goroutine is likely started in an unbounded loop (raise the limit if the program needs more)",
				t.Name(), len(w.threads)))
		}
		t.children++
		child := w.newThread(t.key*0x100000001b3^mix64(uint64(t.children)), false)
		child.parent, child.nth = t, t.children
		child.clock = t.clock.Clone() // t's steps so far happen before the child's
		ev.Value = Value(child.id)
		w.newborn = append(w.newborn, newborn{child, child.runner(op.body)})
		return ev.Value
	},
}

// newThread adds a thread with the given key.
func (w *World) newThread(key uint64, init bool) *Thread {
	t := &Thread{w: w, id: len(w.threads), key: key, init: init}
	w.threads = append(w.threads, t)
	return t
}

// runner is the function that runs body to completion inside t's
// coroutine: it recovers panics of the body as violations and marks t done.
func (t *Thread) runner(body Body) func(yield func() bool) {
	w := t.w
	return func(yield func() bool) {
		t.yield = yield
		t.labelModelled()
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
			if t.opaque && !t.aborted {
				// Native code after an opaque step ran to the end of the
				// body: the other threads' announced steps find their
				// locations again, as at an announcement (late.go).
				t.opaque = false
				w.resolvePending(t)
			}
			if !t.aborted {
				// An abandoned thread keeps the operation it was waiting to
				// perform, so that a search can still see what blocked it.
				t.pending = Op{Kind: OpEnd, Loc: -1}
			}
		}()
		body(t)
	}
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

// mix64 is SplitMix64's finalizer (Steele, Lea, Flood, OOPSLA 2014).
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
