// Package progs generates small random concurrent programs for property
// tests of exploration strategies: a few threads, each a short list of
// operations over a few plain variables, an atomic (loads, stores,
// compare-and-swaps, swaps and fetch-adds), one or more mutexes
// (plain or reentrant), an RWMutex, channels (unbuffered or buffered:
// send, receive, close, select), a WaitGroup (Add, Done, Wait), a Cond
// (a waiter loop under a mutex, Signal, Broadcast), a Pool (Put, Get),
// branches on loaded values, fences, a choice, and threads that start
// others and wait for them through a WaitGroup or a channel. A
// generated Spec prints readably, so that rapid's shrunk counterexamples can
// be read, and builds a model.Program that records every value a thread
// loads in the execution's outcome.
package progs

import (
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// Kind is the kind of one generated operation.
type Kind uint8

// The operations a generated thread performs. Each thread has NumRegs
// registers r0, r1, …, all 0 at its start.
const (
	Load        Kind = iota // r[Reg] = x[Var]
	Store                   // x[Var] = Val, or r[Reg]+1 if Val < 0
	CAS                     // r[Reg] = 1 if an atomic CAS of a from Old to Val succeeds, else 0
	AtomicLoad              // r[Reg] = a
	AtomicStore             // a = Val
	Lock                    // m[Mutex].Lock()
	Unlock                  // m[Mutex].Unlock()
	Choose                  // if Choose(2) == 0, skip the next operation
	Branch                  // if (r[Reg] == Val) == Eq, skip the next Skip operations
	Fence                   // drain the thread's store buffer (an atomic load nobody else writes)
	TryLock                 // r[Reg] = 1 if m[Mutex].TryLock() succeeds, else 0
	RLock                   // rw.RLock(), on the program's one RWMutex
	RUnlock                 // rw.RUnlock()
	WLock                   // rw.Lock()
	WUnlock                 // rw.Unlock()
	TryRLock                // r[Reg] = 1 if rw.TryRLock() succeeds, else 0
	TryWLock                // r[Reg] = 1 if rw.TryLock() succeeds, else 0
	Swap                    // r[Reg] = a; a = Val, in one atomic step
	Add                     // r[Reg] = a; a += Val, in one atomic step (fetch-add)
	Send                    // c[Chan] <- Val
	Recv                    // r[Reg] = <-c[Chan], or -1 if it is closed and empty
	Close                   // close(c[Chan])
	Select                  // r[Reg] = 10*i + v for case i of select { v = <-c[Chan] (c[Chan] <- Val if Val > 0); v = <-c[Chan2]; default (i = 2) if Default }
	Spawn                   // go t[Thread]: start thread Thread, which then is no root (see Spec)
	Wait                    // wg[Thread].Wait(): wait for thread Thread through a WaitGroup its spawn added 1 to
	Join                    // <-done[Thread]: receive what thread Thread sends on its done channel (capacity 1) when it ends
	WGAdd                   // wg.Add(Val) on the program's one WaitGroup (Val ≥ 1)
	WGDone                  // wg.Done(): wg.Add(-1), which panics if the counter would go negative
	WGWait                  // wg.Wait()
	CondWait                // r[Reg] = the number of cv.Wait calls of: lock m[Mutex]; for x[Var] == 0 { cv.Wait() }; unlock m[Mutex]
	Signal                  // cv.Signal() on the program's one Cond
	Broadcast               // cv.Broadcast()
	Put                     // pool.Put(Val) on the program's one Pool (Val ≥ 1)
	Get                     // r[Reg] = pool.Get(), 0 if it gets none: a choice among the values put and not taken, and none
	numKinds
)

// NumRegs is the number of registers of a generated thread.
const NumRegs = 2

var kindNames = [...]string{"load", "store", "cas", "aload", "astore", "lock", "unlock", "choose", "branch", "fence",
	"trylock", "rlock", "runlock", "wlock", "wunlock", "tryrlock", "trywlock", "swap", "add",
	"send", "recv", "close", "select", "go", "wait", "join",
	"wgadd", "wgdone", "wgwait", "cwait", "signal", "broadcast", "put", "get"}

// Op is one operation of a generated thread.
type Op struct {
	Kind  Kind
	Var   int         // the plain variable of a load or store, the condition of a cond wait
	Reg   int         // the register a load, CAS, atomic load, cond wait or get writes, a branch tests, a store of r+1 reads
	Val   model.Value // the value stored (negative: r[Reg] + 1) or put, a WaitGroup's Add, or the constant a branch compares with
	Old   model.Value // the expected value of a CAS
	Mutex int         // the mutex of a lock, an unlock or a cond wait
	Eq    bool        // a branch skips when r[Reg] == Val (true) or when r[Reg] != Val (false)
	Skip  int         // the number of operations a branch skips
	Chan  int         // the channel of a send, receive or close, the first case of a select
	Chan2 int         // the second case of a select
	// Thread is the thread a spawn starts, a wait or a join waits for.
	Thread int
	// Default: a select has a default case.
	Default bool
}

func (o Op) String() string {
	switch o.Kind {
	case Load:
		return fmt.Sprintf("r%d=x%d", o.Reg, o.Var)
	case Store:
		if o.Val < 0 {
			return fmt.Sprintf("x%d=r%d+1", o.Var, o.Reg)
		}
		return fmt.Sprintf("x%d=%d", o.Var, o.Val)
	case CAS:
		return fmt.Sprintf("r%d=cas(a,%d,%d)", o.Reg, o.Old, o.Val)
	case AtomicLoad:
		return fmt.Sprintf("r%d=a", o.Reg)
	case AtomicStore:
		return fmt.Sprintf("a=%d", o.Val)
	case Swap:
		return fmt.Sprintf("r%d=swap(a,%d)", o.Reg, o.Val)
	case Add:
		return fmt.Sprintf("r%d=add(a,%d)", o.Reg, o.Val)
	case Lock, Unlock:
		return fmt.Sprintf("%s m%d", kindNames[o.Kind], o.Mutex)
	case TryLock:
		return fmt.Sprintf("r%d=trylock m%d", o.Reg, o.Mutex)
	case RLock, RUnlock, WLock, WUnlock:
		return kindNames[o.Kind] + " rw"
	case TryRLock, TryWLock:
		return fmt.Sprintf("r%d=%s rw", o.Reg, kindNames[o.Kind])
	case Branch:
		cmp := "!="
		if o.Eq {
			cmp = "=="
		}
		return fmt.Sprintf("if r%d%s%d skip %d", o.Reg, cmp, o.Val, o.Skip)
	case Spawn, Wait, Join:
		return fmt.Sprintf("%s t%d", kindNames[o.Kind], o.Thread)
	case WGAdd, Put:
		return fmt.Sprintf("%s %d", kindNames[o.Kind], o.Val)
	case CondWait:
		return fmt.Sprintf("r%d=cwait m%d x%d", o.Reg, o.Mutex, o.Var)
	case Get:
		return fmt.Sprintf("r%d=get", o.Reg)
	case Send:
		return fmt.Sprintf("c%d<-%d", o.Chan, o.Val)
	case Recv:
		return fmt.Sprintf("r%d=<-c%d", o.Reg, o.Chan)
	case Close:
		return fmt.Sprintf("close c%d", o.Chan)
	case Select:
		first := fmt.Sprintf("c%d", o.Chan)
		if o.Val > 0 {
			first += fmt.Sprintf("<-%d", o.Val)
		}
		if o.Default {
			return fmt.Sprintf("r%d=select(%s,c%d,default)", o.Reg, first, o.Chan2)
		}
		return fmt.Sprintf("r%d=select(%s,c%d)", o.Reg, first, o.Chan2)
	}
	return kindNames[o.Kind]
}

// Spec is a generated program: the number of plain variables, which of its
// mutexes are reentrant, and each thread's operations. It prints as
//
//	m0 reentrant, m1 plain: x1=1; r1=x1; lock m0 || r1=x0; if r0==0 skip 1; x2=3; fence; lock m1
//
// (the mutexes only when Reentrant is set, threads separated by "||"), and
// Parse reads that form back. A thread that an operation "go tN" of an
// earlier thread names (N is its index) is started by that operation,
// not with the program; the others are the program's roots. In
//
//	x0=1; go t1; wait t1; r0=x0 || x0=2 || go t3; r0=x0; join t3 || x1=1
//
// threads 0 and 2 are the roots, thread 0 starts thread 1 and waits for
// it through a WaitGroup, thread 2 starts thread 3 and joins it through a
// channel. A spawn a taken branch skips leaves its thread unstarted (a
// wait for it returns at once, a join blocks for good). The program has
// one WaitGroup (wgadd N, wgdone, wgwait), one Cond (r0=cwait m0 x1: the
// waiter loop on x1 under m0; signal, broadcast) and one Pool (put N,
// r0=get), each made only if some operation uses it. Parse rejects a
// "go" that names the thread itself or an earlier one, a thread started
// twice, and a thread that does not exist.
type Spec struct {
	Vars int
	// Reentrant has one entry per mutex m0, m1, …: whether it is reentrant.
	// Nil means one plain mutex.
	Reentrant []bool
	// Caps has one entry per channel c0, c1, …: its capacity. Nil means
	// one unbuffered channel.
	Caps    []int
	Threads [][]Op
}

// Chans is the number of channels of s.
func (s Spec) Chans() int { return max(1, len(s.Caps)) }

func (s Spec) capOf(c int) int {
	if c < len(s.Caps) {
		return s.Caps[c]
	}
	return 0
}

// Mutexes is the number of mutexes of s.
func (s Spec) Mutexes() int { return max(1, len(s.Reentrant)) }

func (s Spec) reentrant(m int) bool { return m < len(s.Reentrant) && s.Reentrant[m] }

func (s Spec) String() string {
	var b strings.Builder
	var decls []string
	for m, re := range s.Reentrant {
		kind := "plain"
		if re {
			kind = "reentrant"
		}
		decls = append(decls, fmt.Sprintf("m%d %s", m, kind))
	}
	for c, n := range s.Caps {
		decls = append(decls, fmt.Sprintf("c%d cap %d", c, n))
	}
	if len(decls) > 0 {
		b.WriteString(strings.Join(decls, ", ") + ": ")
	}
	for i, t := range s.Threads {
		if i > 0 {
			b.WriteString(" || ")
		}
		for j, o := range t {
			if j > 0 {
				b.WriteString("; ")
			}
			b.WriteString(o.String())
		}
	}
	return b.String()
}

// Has reports whether some thread of s performs an operation of kind k.
func (s Spec) Has(k Kind) bool {
	for _, t := range s.Threads {
		for _, o := range t {
			if o.Kind == k {
				return true
			}
		}
	}
	return false
}

// Roots are the threads the program starts, in order: those no spawn
// names.
func (s Spec) Roots() []int {
	started := s.spawned()
	var roots []int
	for i := range s.Threads {
		if !started[i] {
			roots = append(roots, i)
		}
	}
	return roots
}

// spawned says which threads a spawn starts.
func (s Spec) spawned() []bool {
	started := make([]bool, len(s.Threads))
	for _, t := range s.Threads {
		for _, o := range t {
			if o.Kind == Spawn && o.Thread < len(started) {
				started[o.Thread] = true
			}
		}
	}
	return started
}

// waits reports whether some operation of s of kind k (Wait or Join)
// waits for thread i.
func (s Spec) waits(k Kind, i int) bool {
	for _, t := range s.Threads {
		for _, o := range t {
			if o.Kind == k && o.Thread == i {
				return true
			}
		}
	}
	return false
}

// HasRW reports whether some thread of s uses the program's RWMutex.
func (s Spec) HasRW() bool {
	for _, k := range []Kind{RLock, RUnlock, WLock, WUnlock, TryRLock, TryWLock} {
		if s.Has(k) {
			return true
		}
	}
	return false
}

// HasChoose reports whether some thread of s makes a choice: a Choose, a
// select (which chooses among its ready cases) or a pool Get (which
// chooses among the values pooled, and none).
func (s Spec) HasChoose() bool { return s.Has(Choose) || s.Has(Select) || s.Has(Get) }

// MayPanic reports whether some operation of s may panic as drawn: a
// Close (a send on a closed channel, a second close) or a Done of the
// program's WaitGroup (a counter below zero).
func (s Spec) MayPanic() bool { return s.Has(Close) || s.Has(WGDone) }

// HasWG reports whether some thread of s uses the program's WaitGroup.
func (s Spec) HasWG() bool { return s.Has(WGAdd) || s.Has(WGDone) || s.Has(WGWait) }

// HasCond reports whether some thread of s uses the program's Cond.
func (s Spec) HasCond() bool { return s.Has(CondWait) || s.Has(Signal) || s.Has(Broadcast) }

// HasPool reports whether some thread of s uses the program's Pool.
func (s Spec) HasPool() bool { return s.Has(Put) || s.Has(Get) }

// GoString is String, so that rapid's logs of drawn programs read as code.
func (s Spec) GoString() string { return s.String() }
