package explore

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
)

// casMovedBeforeItsFailure is the smallest program found (by the long
// sweep over lock-heavy programs) on which optimal DPOR lost traces when a
// compare-and-swap that failed, and so only read, was moved by a reversal
// before the write that made it fail: there it succeeds and writes, but
// its footprint in the wakeup sequence was still a read's, so a sleeping
// reader of a counted as independent of it and the trace as covered.
// Under TSO and PSO, DFS reaches 9 traces and optimal DPOR reached 7.
const casMovedBeforeItsFailure = "x0=1; r1=cas(a,1,2) || r1=cas(a,0,1) || x1=0; r1=cas(a,1,0); r1=cas(a,0,2)"

// casExpectingNonzero is the smallest program (shrunk from one the
// generated atomics sweep drew) on which optimal DPOR lost traces because
// the race target rebuilt from an event a CAS had recorded lost the value
// it expected: asked whether cas(a,1,0) would succeed before T1's swap
// (a is 1 there), the check compared a with 0 and answered no, so the
// CAS kept a read's footprint in the wakeup sequence. Under SC, DFS
// reaches 28 traces and optimal DPOR reached 26.
const casExpectingNonzero = "r0=cas(a,0,0) || r0=a; r0=swap(a,0) || r0=add(a,1); r0=cas(a,1,0)"

// TestOptimalDPORMovesAFailedCASAsAWrite: on those programs and on the
// ones the sweeps drew, under every memory model, optimal DPOR reaches DFS's
// traces, outcomes and kinds with one execution per trace.
func TestOptimalDPORMovesAFailedCASAsAWrite(t *testing.T) {
	for _, text := range []string{
		casMovedBeforeItsFailure,
		casExpectingNonzero,
		"r0=cas(a,0,0); r1=swap(a,0); if r0!=0 skip 1; r0=swap(a,0) || r0=a; r0=swap(a,0); r0=swap(a,0) || r0=add(a,1); r0=cas(a,1,0)",
		"m0 plain, m1 plain: x0=r0+1; r1=cas(a,1,2) || r1=cas(a,0,1) || if r1==0 skip 1 || x0=0; if r1==2 skip 2; r1=cas(a,1,0); r1=cas(a,0,2)",
		"m0 plain, m1 plain: r0=cas(a,0,1) || r0=cas(a,1,1); if r1!=0 skip 2; lock m1 || lock m0; lock m1; r1=cas(a,0,1) || r1=cas(a,1,1)",
	} {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/%s", text, m), func(t *testing.T) {
				prog := progs.MustParse(text).Program()
				dfs := exploreReach(t, prog, "dfs", m, 100_000, true)
				opt := exploreReach(t, prog, "dpor", m, 100_000, false)
				requireSameReach(t, dfs, opt, "dpor vs dfs")
				assert.Equal(t, len(opt.Traces), opt.Stats.Executions, "executions per trace")
				assert.Zero(t, opt.Stats.SleepBlocked)
			})
		}
	}
}
