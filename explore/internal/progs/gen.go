package progs

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"pgregory.net/rapid"
)

// Options bound what Gen draws.
type Options struct {
	MinThreads, MaxThreads int
	MaxOps                 int
	MaxVars                int
	// Mutexes is the number of mutexes (0 means 1). With Reentrant, Gen
	// draws for each whether it is reentrant; otherwise all are plain.
	Mutexes   int
	Reentrant bool
	// Kinds are the operation kinds to draw from; nil means all of them but
	// Close, the one that makes programs panic (a send on a closed channel,
	// a second close; Channels draws it), and Spawn, Wait and Join, which
	// only the Spawn option places. A kind listed twice is drawn twice as often.
	Kinds []Kind
	// Chans is the number of channels (0 means 1). With Buffered, Gen
	// draws for each a capacity of 0 or 1; otherwise all are unbuffered.
	Chans    int
	Buffered bool
	// Spawn lets Gen start threads from threads: each thread but the
	// first is, with even odds, started by an earlier one (a Spawn at a
	// drawn place in it) instead of with the program, and then waited for
	// (Wait), joined (Join) or neither, at a drawn place after the spawn.
	Spawn bool
	// WaitGroup (with Spawn) places Adds on the program's WaitGroup as Go
	// code does: before the spawn of a thread that calls Done, Gen draws
	// whether its parent first adds the number of Dones the thread lists
	// (the idiom wg.Add(n); go f()) or not (a misuse when nothing else
	// adds: the counter may go negative).
	WaitGroup bool
}

// Default is 2–3 threads of up to 4 operations over 1–3 variables and one
// plain mutex.
var Default = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 3}

// Blocking draws lock-heavy programs of 3–4 threads over two mutexes, each
// plain or reentrant, with branches on loaded values and fences and no
// choice: threads often end holding a mutex, and others end blocked on it
// (a deadlock), the shapes where a reduction must handle threads that never
// run again.
var Blocking = Options{MinThreads: 3, MaxThreads: 4, MaxOps: 4, MaxVars: 2, Mutexes: 2, Reentrant: true,
	Kinds: []Kind{Load, Store, CAS, Lock, Lock, Unlock, Branch, Fence}}

// RW draws programs of 2–3 threads over the RWMutex, one mutex's TryLock
// and plain memory: readers that read-lock twice (which deadlocks when a
// writer waits in between), writers, and their try-forms.
var RW = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 2,
	Kinds: []Kind{Load, Store, RLock, RLock, RUnlock, WLock, WUnlock, TryRLock, TryWLock, TryLock, Unlock, Branch}}

// Atomics draws programs of 2–3 threads that share the atomic a through
// every atomic operation, the read-modify-writes (swap, fetch-add) twice as
// often, beside plain accesses, branches on the values read and fences.
var Atomics = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 2,
	Kinds: []Kind{Swap, Swap, Add, Add, CAS, AtomicLoad, AtomicStore, Load, Store, Branch, Fence}}

// Channels draws channel programs of 2–3 threads over two channels, each
// unbuffered or of capacity 1: sends, receives, closes and selects (with
// or without a default) besides loads, stores and branches, so that
// threads meet, block for good, wake on a close, and panic on a send to a
// closed channel.
var Channels = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 2, Chans: 2, Buffered: true,
	Kinds: []Kind{Load, Store, Branch, Send, Send, Recv, Recv, Close, Select}}

// Spawning draws programs of 2–4 threads in which threads start others
// (nested too) and wait for them through a WaitGroup or a channel, or do
// not: children that race with their parent and with each other on plain
// memory, the atomic, a mutex and a channel, parents that wait while
// holding the mutex a child needs (a deadlock), joins of a child a taken
// branch never started (blocked for good).
var Spawning = Options{MinThreads: 2, MaxThreads: 4, MaxOps: 3, MaxVars: 2, Spawn: true,
	Kinds: []Kind{Load, Store, Store, Add, Lock, Unlock, Branch, Send, Recv}}

// WaitGroups draws programs of 2–4 threads over the program's WaitGroup:
// Adds of 1 or 2, Dones, Waits in several threads, and threads started by
// others, most after an Add of their Dones (Options.WaitGroup), beside
// plain memory and branches. They run clean, deadlock (a Wait whose
// counter stays above zero, a Done a taken branch skipped) or panic (a
// Done that would take the counter below zero).
var WaitGroups = Options{MinThreads: 2, MaxThreads: 4, MaxOps: 3, MaxVars: 2, Spawn: true, WaitGroup: true,
	Kinds: []Kind{Load, Store, Branch, WGAdd, WGDone, WGDone, WGWait, WGWait}}

// Conds draws programs of 2–3 threads over one plain mutex and the
// program's Cond: waiters that loop on a variable under the mutex
// (CondWait, twice as often), Signals and Broadcasts with or without the
// mutex held, and stores that set the variables waited on (with or
// without the mutex: lost wakeups deadlock, unlocked stores race).
var Conds = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 2,
	Kinds: []Kind{Load, Store, Store, Lock, Unlock, CondWait, CondWait, Signal, Broadcast, Branch}}

// Pools draws programs of 2–3 threads that put values into the program's
// Pool and get them back (each Get a choice among the values pooled and
// none), beside plain memory, a mutex and branches on the values got.
var Pools = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 2,
	Kinds: []Kind{Put, Put, Get, Get, Load, Store, Lock, Unlock, Branch}}

// maxDepth bounds how many times a thread holds a reentrant mutex at once.
const maxDepth = 2

// Gen draws a Spec. Along the operations as listed (taking no branch), a
// thread locks a plain mutex only when it does not hold it, locks a
// reentrant one at most maxDepth times, and unlocks a mutex only when it
// holds it, so the programs can deadlock (a thread ending with a mutex held,
// another blocked on it) but never misuse a mutex. Where a taken branch
// skips a lock, the program itself skips the unlocks and re-locks that
// would misuse a mutex (see Program).
func Gen(o Options) *rapid.Generator[Spec] {
	kinds := o.Kinds
	if kinds == nil {
		for k := Kind(0); k < numKinds; k++ {
			if k < Spawn && k != Close {
				kinds = append(kinds, k)
			}
		}
	}
	return rapid.Custom(func(t *rapid.T) Spec {
		s := Spec{Vars: rapid.IntRange(1, o.MaxVars).Draw(t, "vars")}
		if o.Mutexes > 1 || o.Reentrant {
			s.Reentrant = make([]bool, max(1, o.Mutexes))
			for m := range s.Reentrant {
				s.Reentrant[m] = o.Reentrant && rapid.Bool().Draw(t, fmt.Sprintf("m%d.reentrant", m))
			}
		}
		if o.Chans > 1 || o.Buffered {
			s.Caps = make([]int, max(1, o.Chans))
			for c := range s.Caps {
				if o.Buffered {
					s.Caps[c] = rapid.IntRange(0, 1).Draw(t, fmt.Sprintf("c%d.cap", c))
				}
			}
		}
		n := rapid.IntRange(o.MinThreads, o.MaxThreads).Draw(t, "threads")
		for i := range n {
			s.Threads = append(s.Threads, genThread(t, o, s, kinds, i))
		}
		if o.Spawn {
			genSpawns(t, s)
			if o.WaitGroup {
				genWGAdds(t, s)
			}
		}
		return s
	})
}

// genThread draws the operations of thread i of s.
func genThread(t *rapid.T, o Options, s Spec, kinds []Kind, i int) []Op {
	nops := rapid.IntRange(1, o.MaxOps).Draw(t, fmt.Sprintf("ops%d", i))
	depth := make([]int, s.Mutexes())
	rdepth, wheld := 0, false // the RWMutex held along the listed operations
	var ops []Op
	for j := range nops {
		label := fmt.Sprintf("t%d.%d", i, j)
		op := Op{Kind: rapid.SampledFrom(kinds).Draw(t, label)}
		switch op.Kind {
		case Load, Store:
			op.Var = rapid.IntRange(0, s.Vars-1).Draw(t, label+".var")
		case CondWait:
			op.Var = rapid.IntRange(0, s.Vars-1).Draw(t, label+".var")
			op.Mutex = rapid.IntRange(0, s.Mutexes()-1).Draw(t, label+".mutex")
		case Lock, Unlock, TryLock:
			op.Mutex = rapid.IntRange(0, s.Mutexes()-1).Draw(t, label+".mutex")
		case Send, Recv, Close, Select:
			op.Chan = rapid.IntRange(0, s.Chans()-1).Draw(t, label+".chan")
		}
		switch op.Kind {
		case Store:
			op.Val = model.Value(rapid.IntRange(-1, 2).Draw(t, label+".val"))
		case CAS:
			op.Val = model.Value(rapid.IntRange(0, 2).Draw(t, label+".val"))
			op.Old = model.Value(rapid.IntRange(0, 1).Draw(t, label+".old"))
		case AtomicStore, Swap:
			op.Val = model.Value(rapid.IntRange(0, 2).Draw(t, label+".val"))
		case Add:
			op.Val = model.Value(rapid.IntRange(1, 2).Draw(t, label+".val"))
		case Send, WGAdd, Put:
			op.Val = model.Value(rapid.IntRange(1, 2).Draw(t, label+".val"))
		case Select:
			op.Chan2 = rapid.IntRange(0, s.Chans()-1).Draw(t, label+".chan2")
			op.Default = rapid.Bool().Draw(t, label+".default")
			op.Val = model.Value(rapid.IntRange(0, 2).Draw(t, label+".send"))
		case Branch:
			op.Val = model.Value(rapid.IntRange(0, 2).Draw(t, label+".val"))
			op.Eq = rapid.Bool().Draw(t, label+".eq")
			op.Skip = rapid.IntRange(1, 2).Draw(t, label+".skip")
		}
		op.Kind = fixRW(op.Kind, rdepth, wheld)
		switch op.Kind {
		case RLock:
			rdepth++
		case RUnlock:
			rdepth--
		case WLock:
			wheld = true
		case WUnlock:
			wheld = false
		}
		if op.Kind == Recv || op.Kind == Select || op.Kind == Load || op.Kind == CAS || op.Kind == AtomicLoad || op.Kind == Swap || op.Kind == Add || op.Kind == Branch || op.Kind == TryLock ||
			op.Kind == TryRLock || op.Kind == TryWLock || op.Kind == CondWait || op.Kind == Get || (op.Kind == Store && op.Val < 0) {
			op.Reg = rapid.IntRange(0, NumRegs-1).Draw(t, label+".reg")
		}
		switch op.Kind {
		case Lock, Unlock:
			full := depth[op.Mutex] > 0 && (!s.reentrant(op.Mutex) || depth[op.Mutex] >= maxDepth)
			if op.Kind == Lock && full {
				op.Kind = Unlock
			} else if op.Kind == Unlock && depth[op.Mutex] == 0 {
				op.Kind = Lock
			}
			if op.Kind == Lock {
				depth[op.Mutex]++
			} else {
				depth[op.Mutex]--
			}
		}
		ops = append(ops, op)
	}
	return ops
}

// genSpawns draws, for each thread i > 0 of s, whether an earlier thread
// starts it and where, and whether and where that thread then waits for
// it or joins it.
func genSpawns(t *rapid.T, s Spec) {
	for i := 1; i < len(s.Threads); i++ {
		label := fmt.Sprintf("t%d", i)
		if !rapid.Bool().Draw(t, label+".spawned") {
			continue
		}
		p := rapid.IntRange(0, i-1).Draw(t, label+".parent")
		at := rapid.IntRange(0, len(s.Threads[p])).Draw(t, label+".at")
		s.Threads[p] = slices.Insert(s.Threads[p], at, Op{Kind: Spawn, Thread: i})
		switch rapid.IntRange(0, 2).Draw(t, label+".join") {
		case 1:
			s.Threads[p] = slices.Insert(s.Threads[p], rapid.IntRange(at+1, len(s.Threads[p])).Draw(t, label+".wait"), Op{Kind: Wait, Thread: i})
		case 2:
			s.Threads[p] = slices.Insert(s.Threads[p], rapid.IntRange(at+1, len(s.Threads[p])).Draw(t, label+".wait"), Op{Kind: Join, Thread: i})
		}
	}
}

// genWGAdds draws, for each spawn in s of a thread that lists Dones of the
// program's WaitGroup, whether its parent adds their number just before
// the spawn.
func genWGAdds(t *rapid.T, s Spec) {
	for p := range s.Threads {
		for j := 0; j < len(s.Threads[p]); j++ {
			o := s.Threads[p][j]
			if o.Kind != Spawn {
				continue
			}
			dones := 0
			for _, c := range s.Threads[o.Thread] {
				if c.Kind == WGDone {
					dones++
				}
			}
			if dones > 0 && rapid.Bool().Draw(t, fmt.Sprintf("t%d.wgadd", o.Thread)) {
				s.Threads[p] = slices.Insert(s.Threads[p], j, Op{Kind: WGAdd, Val: model.Value(dones)})
				j++
			}
		}
	}
}

// fixRW turns an RWMutex operation that the listed operations make a
// misuse or a self-deadlock (an unlock of what the thread does not hold, a
// lock while it holds the write lock, a write lock while it read-holds, a
// read lock deeper than maxDepth) into one that is not.
func fixRW(k Kind, rdepth int, wheld bool) Kind {
	switch {
	case k == RUnlock && rdepth == 0:
		k = RLock
	case k == WUnlock && !wheld:
		k = WLock
	}
	switch {
	case (k == RLock || k == WLock) && wheld:
		return WUnlock
	case k == RLock && rdepth >= maxDepth, k == WLock && rdepth > 0:
		return RUnlock
	}
	return k
}
