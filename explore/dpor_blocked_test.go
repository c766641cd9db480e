package explore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
)

// Programs that end with threads blocked for good on (reentrant) mutexes,
// on which optimal DPOR once wasted executions: a wakeup sequence was
// inserted under a sleeping thread about to lock a mutex the sequence does
// not touch, and the execution it led to ended with that thread still
// asleep and every other one done or blocked (sleep-set blocked). See
// weakInitial for the rule.

// endsBlocked is the first of them. Branches test registers: T1's and T2's
// test r0, which they never load (0), so T1 skips its store of x2 and T2
// its store of x0; T0 tests r1 before loading it (0) and skips nothing.
// Mutex m1 is never unlocked, so whoever takes it first keeps it:
//
//   - T2 takes m1: T1 stays blocked on it, T0 runs its critical section;
//   - T1 takes m1 after T0's critical section on m0: T2 stays blocked;
//   - T1 takes m1 and m0 before T0: T0 stays blocked on m0, T2 on m1.
//
// Three traces, all deadlocked, under every memory model: under TSO and
// PSO, T0's load of x1 reads its own store whether the store is still
// buffered or flushed, which is one reads-from class (model/deps.go).
const endsBlocked = "m0 reentrant, m1 plain: " +
	"x1=1; if r1==2 skip 1; r1=x1; lock m0; unlock m0 || " +
	"r1=x0; if r0==0 skip 1; x2=3; fence; lock m1; lock m0 || " +
	"r1=x0; if r0!=1 skip 1; x0=1; r1=x2; lock m1"

// endsBlockedCAS is the second: two reentrant mutexes, T0's CAS deciding
// T2's branch around its lock of m1, T1 ending with m1 (and maybe m0) held.
const endsBlockedCAS = "m0 reentrant, m1 reentrant: " +
	"r0=cas(a,0,2); r0=x0; r0=x0 || " +
	"lock m1; fence; if r1!=0 skip 2; lock m0 || " +
	"r0=x0; r0=cas(a,0,0); if r0!=0 skip 1; lock m1; r1=cas(a,0,1) || " +
	"r0=cas(a,0,0); r0=x1"

// TestOptimalDPOROnProgramsThatEndBlocked: on both programs, under every
// memory model, optimal DPOR explores exactly one execution per trace, none
// sleep-set blocked and no wakeup branch whose thread cannot run
// (exploreReach checks the last), and reaches what source-DPOR reaches and,
// where it takes at most 4·dfsBudget executions (dfsBudget under the race
// detector, 100,000 with SINGLECHECK_LONG=1), what DFS reaches.
func TestOptimalDPOROnProgramsThatEndBlocked(t *testing.T) {
	for _, c := range []struct {
		name, text string
		traces     map[model.Memory]int // derived by hand, 0 if not
		kinds      []model.Kind
	}{
		{"ends-blocked", endsBlocked, map[model.Memory]int{model.SC: 3, model.TSO: 3, model.PSO: 3}, []model.Kind{model.Deadlock}},
		{"ends-blocked-cas", endsBlockedCAS, nil, nil},
	} {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", c.name, m), func(t *testing.T) {
				prog := progs.MustParse(c.text).Program()
				opt := exploreReach(t, prog, "dpor", m, 100_000, false)
				assert.Zero(t, opt.Stats.SleepBlocked, "sleep-set blocked executions")
				assert.Equal(t, len(opt.Traces), opt.Stats.Executions, "executions per trace")
				if n := c.traces[m]; n > 0 {
					assert.Len(t, opt.Traces, n)
				}
				if c.kinds != nil {
					assert.Equal(t, c.kinds, sortedKinds(opt.Kinds))
				}
				requireSameReach(t, exploreReach(t, prog, "source-dpor", m, 100_000, false), opt, "dpor vs source-dpor")
				budget := 4 * dfsBudget
				if raceEnabled {
					budget = dfsBudget
				}
				if long() {
					budget = 100_000
				}
				if dfs := exploreReach(t, prog, "dfs", m, budget+1, true); dfs != nil {
					requireSameReach(t, dfs, opt, "dpor vs dfs")
				} else {
					t.Logf("DFS needs more than %d executions: set %s=1 to compare with it", budget, LongEnv)
				}
			})
		}
	}
}
