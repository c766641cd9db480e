package progs_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/scheduler"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestGenRespectsItsBounds: sizes within the options, variables in range,
// and no thread unlocks a mutex it does not hold.
func TestGenRespectsItsBounds(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := progs.Default
		s := progs.Gen(o).Draw(rt, "spec")
		require.GreaterOrEqual(rt, len(s.Threads), o.MinThreads)
		require.LessOrEqual(rt, len(s.Threads), o.MaxThreads)
		require.GreaterOrEqual(rt, s.Vars, 1)
		require.LessOrEqual(rt, s.Vars, o.MaxVars)
		for _, ops := range s.Threads {
			require.NotEmpty(rt, ops)
			require.LessOrEqual(rt, len(ops), o.MaxOps)
			held := false
			for _, op := range ops {
				require.Less(rt, op.Var, s.Vars)
				switch op.Kind {
				case progs.Lock:
					require.False(rt, held, "lock while holding: %s", s)
					held = true
				case progs.Unlock:
					require.True(rt, held, "unlock without holding: %s", s)
					held = false
				}
			}
		}
	})
}

// TestGenKindsRestrictsTheOperations: with Kinds set, only those are drawn
// (lock and unlock standing for each other).
func TestGenKindsRestrictsTheOperations(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := progs.Default
		o.Kinds = []progs.Kind{progs.Load, progs.Store}
		s := progs.Gen(o).Draw(rt, "spec")
		for _, ops := range s.Threads {
			for _, op := range ops {
				require.Contains(rt, o.Kinds, op.Kind)
			}
		}
		require.False(rt, s.HasChoose())
	})
}

// TestGenRWShapes: along the listed operations of progs.RW, a thread
// unlocks only what it holds on the RWMutex, never locks it while it holds
// the write lock, never write-locks it while it read-holds, and read-holds
// it at most twice.
func TestGenRWShapes(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		s := progs.Gen(progs.RW).Draw(rt, "spec")
		for _, ops := range s.Threads {
			r, w := 0, false
			for _, op := range ops {
				switch op.Kind {
				case progs.RLock:
					require.False(rt, w, "read lock under the write lock: %s", s)
					r++
					require.LessOrEqual(rt, r, 2, "too deep: %s", s)
				case progs.RUnlock:
					require.Positive(rt, r, "read unlock without holding: %s", s)
					r--
				case progs.WLock:
					require.False(rt, w || r > 0, "write lock while holding: %s", s)
					w = true
				case progs.WUnlock:
					require.True(rt, w, "write unlock without holding: %s", s)
					w = false
				}
			}
		}
	})
}

// TestGenBlockingShapes: progs.Blocking draws 3–4 threads over two mutexes,
// no choice, and along the listed operations never locks a plain mutex it
// holds, holds a reentrant one at most twice, and unlocks only what it
// holds.
func TestGenBlockingShapes(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := progs.Blocking
		s := progs.Gen(o).Draw(rt, "spec")
		require.Len(rt, s.Reentrant, 2)
		require.Equal(rt, 2, s.Mutexes())
		require.GreaterOrEqual(rt, len(s.Threads), 3)
		require.LessOrEqual(rt, len(s.Threads), 4)
		require.False(rt, s.HasChoose())
		for _, ops := range s.Threads {
			depth := make([]int, s.Mutexes())
			for _, op := range ops {
				require.Less(rt, op.Reg, progs.NumRegs)
				switch op.Kind {
				case progs.Lock:
					require.True(rt, depth[op.Mutex] == 0 || s.Reentrant[op.Mutex], "plain re-lock: %s", s)
					depth[op.Mutex]++
					require.LessOrEqual(rt, depth[op.Mutex], 2, "too deep: %s", s)
				case progs.Unlock:
					require.Positive(rt, depth[op.Mutex], "unlock without holding: %s", s)
					depth[op.Mutex]--
				case progs.Branch:
					require.Contains(rt, []int{1, 2}, op.Skip)
				}
			}
		}
	})
}

// TestGenSpawningShapes: progs.Spawning starts every thread at most once,
// from an earlier thread, leaves thread 0 a root, and waits for or joins a
// child only after its spawn, in its parent.
func TestGenSpawningShapes(t *testing.T) {
	spawned := 0
	rapid.Check(t, func(rt *rapid.T) {
		s := progs.Gen(progs.Spawning).Draw(rt, "spec")
		roots := s.Roots()
		require.Equal(rt, 0, roots[0], "thread 0 is not a root: %s", s)
		parent := map[int]int{}
		for i, ops := range s.Threads {
			started := map[int]bool{}
			for _, op := range ops {
				switch op.Kind {
				case progs.Spawn:
					require.Greater(rt, op.Thread, i, "%s", s)
					require.NotContains(rt, parent, op.Thread, "started twice: %s", s)
					parent[op.Thread], started[op.Thread] = i, true
				case progs.Wait, progs.Join:
					require.True(rt, started[op.Thread], "waits for a thread it did not start before: %s", s)
				}
			}
		}
		require.Len(rt, roots, len(s.Threads)-len(parent), "%s", s)
		spawned += len(parent)
	})
	require.Positive(t, spawned, "no program started a thread")
}

// TestParseReadsWhatStringPrints: every generated program prints in a form
// Parse reads back (with Vars the number of variables used).
func TestParseReadsWhatStringPrints(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := rapid.SampledFrom([]progs.Options{progs.Default, progs.Blocking, progs.RW, progs.Atomics, progs.Channels, progs.Spawning,
			progs.WaitGroups, progs.Conds, progs.Pools}).Draw(rt, "options")
		s := progs.Gen(o).Draw(rt, "spec")
		got, err := progs.Parse(s.String())
		require.NoError(rt, err)
		used := 1
		for _, ops := range s.Threads {
			for _, op := range ops {
				used = max(used, op.Var+1)
			}
		}
		s.Vars = used
		require.Empty(rt, cmp.Diff(s, got))
	})
}

func TestParseRejectsWhatItCannotRead(t *testing.T) {
	for _, c := range []struct{ text, msg string }{
		{"r0=x0; jump", `thread 0, operation 1: "jump" is no operation`},
		{"r2=x0", "register r2 is not one of r0..r1"},
		{"x0=-1", `"x0=-1" is no operation`},
		{"if r0<1 skip 1", "is not a branch"},
		{"if r0==1 skip 0", "(N ≥ 1)"},
		{"lock m1", `"lock m1" names a mutex the program does not declare`},
		{"r0=trylock m1", `names a mutex the program does not declare`},
		{"rlock rx", `"rlock rx" is no operation`},
		{"m0 plain, m1 big: lock m1", `mutex 1: "m1 big" is not`},
		{"c0 cap 1, c1 cap x: close c1", `channel 1: "c1 cap x" is not`},
		{"c0<-1; r0=<-c1", `"r0=<-c1" names a channel the program does not declare`},
		{"go t1", `"go t1" names a thread the program does not have`},
		{"wait t2 || x0=1", `"wait t2" names a thread the program does not have`},
		{"x0=1 || go t0", `"go t0" starts a thread that is not a later one`},
		{"go t0", `"go t0" starts a thread that is not a later one`},
		{"go t2 || go t2 || x0=1", `"go t2" starts thread 2, which thread 0 starts already`},
		{"go tx", `"go tx" is no operation`},
		{"wgadd 0", `"wgadd 0" is no operation`},
		{"put 0", `"put 0" is no operation`},
		{"r0=cwait m1 x0", `"r0=cwait m1 x0" names a mutex the program does not declare`},
		{"r2=get", "register r2 is not one of r0..r1"},
	} {
		t.Run(c.text, func(t *testing.T) {
			_, err := progs.Parse(c.text)
			require.ErrorContains(t, err, c.msg)
		})
	}
}

// TestProgramSemantics runs single-threaded programs to their end: branches
// skip on loaded values, registers are separate, and a thread skips the
// unlocks and plain re-locks a taken branch makes a misuse.
func TestProgramSemantics(t *testing.T) {
	for _, c := range []struct{ text, outcome string }{
		{"x0=2; r0=x0; if r0==2 skip 1; x1=1; r1=x1", "x0=2 x1=0 a=0 T0: r1=2 r4=0"},
		{"x0=2; r0=x0; if r0!=2 skip 1; x1=1; r1=x1", "x0=2 x1=1 a=0 T0: r1=2 r4=1"},
		{"x0=1; r1=x0; if r0==0 skip 2; x0=5; x0=6; x0=r1+1", "x0=2 a=0 T0: r1=1"},
		{"r0=cas(a,0,2); if r0==1 skip 1; a=7; r1=a", "x0=0 a=2 T0: r0=1 r3=2"},
		{"if r0==0 skip 1; lock m0; unlock m0; fence", "x0=0 a=0 fence=0"},
		{"m0 plain: lock m0; if r0==0 skip 1; unlock m0; lock m0", "x0=0 a=0"},
		{"m0 reentrant: lock m0; lock m0; unlock m0", "x0=0 a=0"},
		// A TryLock of a free mutex succeeds; of one the thread holds it is
		// skipped (0); after the unlock it succeeds again.
		{"r0=trylock m0; r1=trylock m0; unlock m0; r1=trylock m0", "x0=0 a=0 T0: r0=1 r1=0 r3=1"},
		// A write TryLock fails while the thread read-holds, a read one
		// succeeds; once both read locks are gone the write TryLock succeeds
		// and a read TryLock fails.
		{"rlock rw; r0=trywlock rw; r1=tryrlock rw; runlock rw; runlock rw; r0=trywlock rw; r1=tryrlock rw",
			"x0=0 a=0 T0: r1=0 r2=1 r5=1 r6=0"},
		{"wlock rw; wunlock rw; rlock rw; rlock rw; runlock rw; runlock rw; runlock rw", "x0=0 a=0"},
		{"c0 cap 1: c0<-2; r0=<-c0; close c0; r1=<-c0", "x0=0 a=0 T0: r1=2 r3=-1"},
		{"c0 cap 1, c1 cap 1: c1<-2; r0=select(c0,c1); r1=select(c0,c1,default)", "x0=0 a=0 T0: r1=12 r2=20"},
		{"c0 cap 1, c1 cap 0: r0=select(c0<-2,c1); r1=select(c0<-1,c1,default); r0=<-c0", "x0=0 a=0 T0: r0=0 r1=20 r2=2"},
		// Thread 0 starts thread 1 and waits for it, so it reads what the
		// child stored; the child's outcome is named by its place (T0.1).
		{"x0=1; go t1; wait t1; r0=x0 || r0=x0; x0=r0+1; r1=x1", "x0=2 x1=0 a=0 T0: r3=2 T0.1: r0=1 r2=0"},
		// A join through the child's done channel; the grandchild, which
		// nobody waits for, still runs to its end.
		{"go t1; join t1; r0=x0 || go t2; x0=1 || x1=2", "x0=1 x1=2 a=0 T0: r2=1"},
		// A taken branch skips the spawn: the wait returns at once.
		{"if r0==0 skip 1; go t1; wait t1; r1=x0 || x0=1", "x0=0 a=0 T0: r3=0"},
		// The WaitGroup counts up and down; a Wait at zero returns.
		{"wgadd 2; wgdone; wgdone; wgwait; wgadd 1; wgdone; wgwait", "x0=0 a=0"},
		// Gets take the values put, in the order put (the first
		// alternative), then none (0).
		{"put 1; put 2; r0=get; r1=get; r0=get", "x0=0 a=0 T0: r2=1 r3=2 r4=0"},
		// A waiter whose condition holds does not wait, with the mutex
		// taken for the check or already held; Signal and Broadcast
		// without a waiter do nothing.
		{"x0=1; r0=cwait m0 x0; lock m0; r1=cwait m0 x0; unlock m0; signal; broadcast", "x0=1 a=0 T0: r1=0 r3=0"},
		// Thread 0 waits once: thread 1 sets x0 under the mutex and
		// signals, which wakes it; it then sees x0 = 1.
		{"r0=cwait m0 x0; r1=x0 || lock m0; x0=1; signal; unlock m0", "x0=1 a=0 T0: r0=1 r1=1"},
		// Woken by a Broadcast whose store it does not see as set (x0 = 0
		// again), the waiter waits a second time; the second Broadcast
		// ends its loop.
		{"r0=cwait m0 x0 || lock m0; broadcast; unlock m0; lock m0; x0=1; broadcast; unlock m0", "x0=1 a=0 T0: r0=2"},
	} {
		t.Run(c.text, func(t *testing.T) {
			e := scheduler.Run(progs.MustParse(c.text).Program(), first{}, scheduler.Options{})
			require.Equal(t, scheduler.Finished, e.Status, "%s", e.Message())
			require.Empty(t, e.Violations())
			require.Equal(t, c.outcome, e.World.Outcome())
		})
	}
}

// TestProgramMisusesAWaitGroupAsDrawn: a Done with the counter at zero
// panics with Go's message, and a Wait that nothing counts down blocks for
// good.
func TestProgramMisusesAWaitGroupAsDrawn(t *testing.T) {
	for _, c := range []struct {
		text   string
		status scheduler.Status
		msg    string
	}{
		{"wgadd 1; wgdone; wgdone", scheduler.Panicked, "sync: negative WaitGroup counter"},
		{"wgadd 2; wgdone; wgwait", scheduler.Deadlocked, ""},
	} {
		t.Run(c.text, func(t *testing.T) {
			e := scheduler.Run(progs.MustParse(c.text).Program(), first{}, scheduler.Options{})
			require.Equal(t, c.status, e.Status, "%s", e.Message())
			var msgs []string
			for _, v := range e.Violations() {
				msgs = append(msgs, v.Msg)
			}
			if c.msg != "" {
				require.Len(t, msgs, 1)
				require.Contains(t, msgs[0], c.msg)
			}
		})
	}
}

// TestGenWaitGroupShapes: progs.WaitGroups draws WaitGroup programs, and
// an Add placed before a spawn adds the number of Dones the started
// thread lists; some programs have such an Add and some do not. The
// programs are drawn from fixed seeds, as many as it takes to see both
// shapes (at most 500): with rapid's own count, 20 under -short, a run
// could draw none of one shape and fail.
func TestGenWaitGroupShapes(t *testing.T) {
	placed, unplaced := 0, 0
	gen := progs.Gen(progs.WaitGroups)
	for seed := 0; seed < 500 && (placed == 0 || unplaced == 0); seed++ {
		s := gen.Example(seed)
		for _, ops := range s.Threads {
			for j, op := range ops {
				if op.Kind != progs.Spawn {
					continue
				}
				dones := 0
				for _, c := range s.Threads[op.Thread] {
					if c.Kind == progs.WGDone {
						dones++
					}
				}
				if dones == 0 {
					continue
				}
				if j > 0 && ops[j-1].Kind == progs.WGAdd && int(ops[j-1].Val) == dones {
					placed++
				} else {
					unplaced++
				}
			}
		}
	}
	require.Positive(t, placed, "no Add before the spawn of a thread that calls Done")
	require.Positive(t, unplaced, "every spawned thread's Dones were added for")
}

// first is a Decider that always takes the first alternative.
type first struct{}

func (first) Decide(*scheduler.Point) int { return 0 }

// ExampleParse reads a program in the notation the generator prints: two
// mutexes, one reentrant, branches that skip operations on loaded values.
func ExampleParse() {
	s := progs.MustParse("m0 reentrant, m1 plain: x1=1; if r1==2 skip 1; r1=x1; lock m0; unlock m0 || " +
		"r1=x0; if r0==0 skip 1; x2=3; fence; lock m1; lock m0")
	fmt.Println(len(s.Threads), "threads over", s.Vars, "variables and", s.Mutexes(), "mutexes")
	fmt.Println(s.Threads[1][1].Kind == progs.Branch, s.Threads[1][1].Skip)
	fmt.Println(s)
	// Output:
	// 2 threads over 3 variables and 2 mutexes
	// true 1
	// m0 reentrant, m1 plain: x1=1; if r1==2 skip 1; r1=x1; lock m0; unlock m0 || r1=x0; if r0==0 skip 1; x2=3; fence; lock m1; lock m0
}

// TestOutcomeNamesStartedThreadsByPlace: T0 and T1 each start a thread;
// run in the two orders, the children get each other's IDs, and the
// outcome, which names them by their place in the spawn tree, is the same.
func TestOutcomeNamesStartedThreadsByPlace(t *testing.T) {
	prog := progs.MustParse("go t2 || go t3 || r0=x0 || r1=x0").Program()
	a := scheduler.Run(prog, first{}, scheduler.Options{})
	b := scheduler.Run(prog, last{}, scheduler.Options{})
	require.Equal(t, scheduler.Finished, a.Status)
	require.Equal(t, scheduler.Finished, b.Status)
	require.NotEqual(t, a.World.Threads()[2].Key(), b.World.Threads()[2].Key(), "the children were not numbered in different orders")
	require.Equal(t, "x0=0 a=0 T0.1: r0=0 T1.1: r0=0", a.World.Outcome())
	require.Equal(t, a.World.Outcome(), b.World.Outcome())
	require.Equal(t, a.World.OutcomeHash(), b.World.OutcomeHash())
}

// last is a Decider that always takes the last alternative.
type last struct{}

func (last) Decide(p *scheduler.Point) int { return len(p.Alternatives) - 1 }
