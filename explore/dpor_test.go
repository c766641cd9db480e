package explore

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// LongEnv names the environment variable that enables the larger DPOR
// sweeps: protocols under TSO and PSO against DFS (hundreds of thousands of
// DFS executions each) and more generated programs.
const LongEnv = "SINGLECHECK_LONG"

func long() bool { return os.Getenv(LongEnv) != "" }

var dporStrategies = []string{"source-dpor", "dpor"}

// requireSameReach fails unless got reached exactly the traces, outcomes
// and violation kinds of want.
func requireSameReach(t require.TestingT, want, got *reach, what string) {
	require.Equal(t, len(want.Traces), len(got.Traces), "%s: number of traces", what)
	require.Empty(t, cmp.Diff(want.Traces, got.Traces), "%s: traces", what)
	require.Empty(t, cmp.Diff(want.Outcomes, got.Outcomes), "%s: outcomes", what)
	require.Empty(t, cmp.Diff(sortedKinds(want.Kinds), sortedKinds(got.Kinds)), "%s: violation kinds", what)
}

// dfsBudget bounds the DFS executions a default (not long) comparison may
// take; larger ones need SINGLECHECK_LONG.
const dfsBudget = 1_000

func TestDPORReachesWhatDFSReachesOnProtocols(t *testing.T) {
	for _, p := range protocols.All {
		for _, n := range []int{2, 3} {
			for _, m := range model.Memories {
				if n == 3 && !long() {
					continue // DFS takes from thousands to billions of executions
				}
				t.Run(fmt.Sprintf("%s/n=%d/%s", p.Name, n, m), func(t *testing.T) {
					prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
					budget := dfsBudget
					if long() {
						budget = 1_000_000
						if n == 3 && m != model.SC {
							budget = 100_000 // naive needs billions here
						}
					}
					dfs := exploreReach(t, prog, "dfs", m, budget+1, true)
					if dfs == nil {
						if long() {
							t.Skipf("DFS needs more than %d executions", budget)
						}
						t.Skipf("DFS needs more than %d executions: set %s=1 for the long sweep", budget, LongEnv)
					}
					for _, s := range dporStrategies {
						got := exploreReach(t, prog, s, m, budget+1, false)
						requireSameReach(t, dfs, got, s)
						assert.LessOrEqual(t, got.Stats.Executions, dfs.Stats.Executions)
					}
				})
			}
		}
	}
}

// TestSourceAndOptimalDPORAgree covers what DFS cannot reach in time:
// protocols at N = 3 under TSO and PSO, where the two DPOR variants (whose
// backtracking is built differently) must reach the same traces.
func TestSourceAndOptimalDPORAgree(t *testing.T) {
	for _, p := range protocols.All {
		for _, m := range []model.Memory{model.TSO, model.PSO} {
			t.Run(fmt.Sprintf("%s/n=3/%s", p.Name, m), func(t *testing.T) {
				prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
				src := exploreReach(t, prog, "source-dpor", m, 1_000_000, false)
				opt := exploreReach(t, prog, "dpor", m, 1_000_000, false)
				requireSameReach(t, src, opt, "dpor vs source-dpor")
			})
		}
	}
}

func TestOptimalDPORExploresOneExecutionPerTrace(t *testing.T) {
	ns := []int{3, 4}
	for _, p := range protocols.All {
		for _, n := range ns {
			for _, m := range model.Memories {
				if n == 4 && m != model.SC && !long() {
					continue
				}
				t.Run(fmt.Sprintf("%s/n=%d/%s", p.Name, n, m), func(t *testing.T) {
					prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
					opt := exploreReach(t, prog, "dpor", m, 1_000_000, false)
					assert.Zero(t, opt.Stats.SleepBlocked, "sleep-set blocked executions")
					assert.Equal(t, len(opt.Traces), opt.Stats.Executions, "executions per trace")
					if !long() {
						return
					}
					src := exploreReach(t, prog, "source-dpor", m, 1_000_000, false)
					t.Logf("optimal: %d executions, %d traces; source: %d executions (%d sleep-blocked), ratio %.2f",
						opt.Stats.Executions, len(opt.Traces), src.Stats.Executions, src.Stats.SleepBlocked,
						float64(src.Stats.Executions)/float64(len(src.Traces)))
				})
			}
		}
	}
}

// withChecks runs f with rapid's -rapid.checks at least n (a fifth of it
// under the race detector), unless the flag was set on the command line.
// It returns the number of checks rapid performs (a fifth of the flag
// under -short, as rapid does).
func withChecks(t *testing.T, n int, f func()) int {
	if raceEnabled && !testing.Short() {
		// The race detector is there for the checker's own code; the
		// sweeps' soundness coverage comes from the runs without it.
		n /= 5
	}
	fl := flag.Lookup("rapid.checks")
	if fl != nil && fl.Value.String() == fl.DefValue {
		require.NoError(t, fl.Value.Set(fmt.Sprint(n)))
		defer func() { _ = fl.Value.Set(fl.DefValue) }()
	}
	if fl != nil {
		var err error
		n, err = strconv.Atoi(fl.Value.String())
		require.NoError(t, err)
	}
	if testing.Short() {
		n /= 5
	}
	f()
	return n
}

// genBudget bounds the DFS executions of one generated program; the
// generator's sizes keep most programs well below it.
const genBudget = 400

// genFamily is one family of programs of the generated-program sweeps.
type genFamily struct {
	name              string
	opts              progs.Options
	checks, longCheck int // programs compared with DFS, by default and in long mode
}

// genFamilies are the sweeps' programs: the sizes (progs.Default),
// and lock-heavy ones with reentrant mutexes, branches and threads that end
// holding or blocked on a mutex (progs.Blocking), readers and writers of
// an RWMutex with TryLock (progs.RW), ones where threads meet on an atomic
// through swaps and fetch-adds (progs.Atomics), and channel programs whose
// threads meet, block for good, wake on a close or panic on one
// (progs.Channels), and ones whose threads start others and wait for them
// through a WaitGroup or a channel, or do not (progs.Spawning), and ones
// over a WaitGroup with Adds, Dones and Waits in several threads, misuse
// included (progs.WaitGroups), a Cond's waiter loops, Signals and
// Broadcasts (progs.Conds), and a Pool's Puts and Gets (progs.Pools).
var genFamilies = []genFamily{
	{"default", progs.Default, 350, 3000},
	{"blocking", progs.Blocking, 100, 1200},
	{"rwmutex", progs.RW, 200, 1500},
	{"atomics", progs.Atomics, 200, 1500},
	{"channels", progs.Channels, 300, 2000},
	{"spawning", progs.Spawning, 80, 1000},
	{"waitgroup", progs.WaitGroups, 40, 1500},
	{"cond", progs.Conds, 40, 1500},
	{"pool", progs.Pools, 40, 1500},
}

// forGeneratedPrograms runs check, for each family of genFamilies, on its
// number of programs divided by share (all of them with SINGLECHECK_LONG=1)
// with a random memory model (a fifth under -short).
// check compares a reduction with DFS on one program, whose DFS may take up
// to budget executions, and returns false if the program was beyond it (it
// is then skipped and does not count).
func forGeneratedPrograms(t *testing.T, share int, check func(rt *rapid.T, spec progs.Spec, m model.Memory, budget int) bool) {
	for _, fam := range genFamilies {
		t.Run(fam.name, func(t *testing.T) {
			checks, budget := max(1, fam.checks/share), genBudget
			if long() {
				checks, budget = fam.longCheck, 30*genBudget
			}
			checked, skipped := 0, 0
			want := withChecks(t, checks, func() {
				rapid.Check(t, func(rt *rapid.T) {
					spec := progs.Gen(fam.opts).Draw(rt, "program")
					m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
					if !check(rt, spec, m, budget) {
						skipped++
						rt.Skipf("DFS needs more than %d executions", budget)
					}
					checked++
				})
			})
			t.Logf("%d %s programs compared with DFS, %d skipped (DFS above %d executions)", checked, fam.name, skipped, budget)
			require.GreaterOrEqual(t, checked, want, "too few programs within the DFS budget")
		})
	}
}

// TestDPORReachesWhatDFSReachesOnGeneratedPrograms: both DPOR variants
// reach DFS's traces, outcomes and violation kinds; optimal DPOR meets no
// wakeup branch whose thread cannot run (exploreReach) and, without Choose,
// explores one execution per trace, none sleep-set blocked.
func TestDPORReachesWhatDFSReachesOnGeneratedPrograms(t *testing.T) {
	exact, blocked, panicBlocked, selects, selectsOver := 0, 0, 0, 0, 0
	forGeneratedPrograms(t, 1, func(rt *rapid.T, spec progs.Spec, m model.Memory, budget int) bool {
		prog := spec.Program()
		dfs := exploreReach(rt, prog, "dfs", m, budget+1, true)
		if dfs == nil {
			return false
		}
		for _, s := range dporStrategies {
			got := exploreReach(rt, prog, s, m, budget+1, false)
			requireSameReach(rt, dfs, got, s)
			if s == "dpor" && spec.Has(progs.Select) {
				selects++
				if got.Stats.Executions > len(got.Traces)+got.Panicked {
					selectsOver++
				}
			}
			if s == "dpor" && !spec.HasChoose() && dfs.Panicked > 0 {
				// A panic ends every thread: optimal DPOR may then be
				// sleep-set blocked (wasted work, never missed traces).
				panicBlocked += got.Stats.SleepBlocked
			} else if s == "dpor" && !spec.HasChoose() {
				require.Zero(rt, got.Stats.SleepBlocked, "optimal DPOR: sleep-set blocked executions")
				require.Equal(rt, len(got.Traces), got.Stats.Executions, "optimal DPOR: executions per trace")
				exact++
			}
		}
		if dfs.Kinds[model.Deadlock] {
			blocked++
		}
		return true
	})
	t.Logf("%d programs held to one execution per trace (the others make a choice or panic); %d end blocked in some execution; "+
		"%d sleep-set blocked executions of optimal DPOR on programs that panic; "+
		"%d of %d programs with a select took optimal DPOR more executions than traces",
		exact, blocked, panicBlocked, selectsOver, selects)
	require.Positive(t, blocked, "no program ends with a thread blocked for good: the sweep misses what it is for")
}

// TestDPORReachesWhatDFSReachesOnHandWrittenPrograms covers what the
// generator does not draw: an init thread (its stores flushed before the
// workers start, its choice explored), and Once with a class (allocation,
// field initialization, obtain).
func TestDPORReachesWhatDFSReachesOnHandWrittenPrograms(t *testing.T) {
	withInit := model.Program{Name: "init", Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		m := model.NewMutex(w, "m")
		w.SetInit(func(t *model.Thread) {
			x.Store(t, 1)
			if t.Choose(2) == 1 {
				y.Store(t, 1)
			}
		})
		worker := func(t *model.Thread) {
			r := x.Load(t)
			m.Lock(t)
			y.Store(t, r+y.Load(t))
			m.Unlock(t)
			x.Store(t, 2)
		}
		return []model.Body{worker, worker}
	}}
	once := model.Program{Name: "once", Build: func(w *model.World) []model.Body {
		o := model.NewOnce(w, "once")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "a")
		get := func(t *model.Thread) {
			o.Do(t, func() {
				r := class.New(t)
				class.InitAll(t, r)
				inst.Store(t, r)
			})
			t.Obtain(inst.Load(t))
		}
		return []model.Body{get, get}
	}}
	for _, prog := range []model.Program{withInit, once} {
		for _, m := range model.Memories {
			t.Run(prog.Name+"/"+m.String(), func(t *testing.T) {
				dfs := exploreReach(t, prog, "dfs", m, 1_000_000, false)
				for _, s := range dporStrategies {
					requireSameReach(t, dfs, exploreReach(t, prog, s, m, 1_000_000, false), s)
				}
			})
		}
	}
}
