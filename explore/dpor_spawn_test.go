package explore

import "testing"

// TestDPORSpawnOrdersTheChild: programs the generated-program sweeps found
// (progs.Spawning), where a started thread's first step conflicts with an
// earlier step that happens before its spawn (x0=0 of a child its parent
// waited for, then the load of a second child). The race analysis took
// the dependency clock before a thread's first step to be empty, so it
// saw a race there, and optimal DPOR inserted a wakeup sequence of the
// second child where that thread did not exist yet, then fell back on
// every enabled process. The clock before a started thread's first step
// is its spawn's (tstep.prev). Both DPOR variants must reach DFS's traces,
// outcomes and kinds, and optimal DPOR one execution per trace, with no
// fallback (exploreReach fails on one).
func TestDPORSpawnOrdersTheChild(t *testing.T) {
	checkRegressionPrograms(t, []string{
		"go t3; wait t3; go t2; r0=x0 || r0=x0 || r0=x0 || x0=0",
		"go t2; r0=x0 || x0=1 || x0=2",
		"x0=1; go t1; join t1; r0=x0 || go t2; r0=x0 || x0=2",
	}, true)
}

// TestDPORUnwokenWaitIsNotMoved: programs the channel sweeps found, where
// an execution ends early (a send on a closed channel, a second close:
// a panic) with a thread blocked in a channel wait that nothing completed.
// The race analysis took a step whose footprint writes the wait's KeyWake
// for its waker (in the first program, the select that took the closed
// c0: a select's footprint covers every partner it could have met), moved
// the wait before the panic, and
// optimal DPOR met a wakeup branch whose wait was not enabled (and fell
// back on every enabled process). A wait nothing completed is not moved
// (raceTarget.unwoken). Both DPOR variants must reach DFS's traces,
// outcomes and kinds, with no fallback (exploreReach fails on one).
func TestDPORUnwokenWaitIsNotMoved(t *testing.T) {
	checkRegressionPrograms(t, []string{
		"c0 cap 0, c1 cap 0: c0<-1 || close c0; r0=select(c0,c1) || c1<-1",
		"c0 cap 0, c1 cap 0: r0=x0; close c0; close c0 || r0=<-c1 || r0=<-c1",
	}, false)
}
