package explore

import "testing"

// TestDPORSyncPrograms: programs the WaitGroup, Cond and Pool sweeps found
// (progs.WaitGroups, progs.Conds, progs.Pools), minimised. Both DPOR
// variants must reach DFS's traces, outcomes and kinds, with no fallback
// (exploreReach fails on one), and optimal DPOR one execution per trace
// where the program makes no choice.
//
//   - A thread blocked on a mutex (or a Wait, a Cond's sleep) when another
//     thread panics: its pending operation raced with the panic only (a
//     panic conflicts with everything), and its race with the step that
//     blocked it was hidden behind the panic. Moved before the panic, where
//     it could not run, it made optimal DPOR fall back on every enabled
//     process, and source-DPOR missed the executions where it takes the
//     mutex first (in the first program, the deadlock). A blocking target
//     that races with a step conflicting with everything is now judged in
//     the state of its object there (dpor.syncBefore), as one racing with
//     a step on its object was.
//   - A thread whose pending operation touches nothing (a spawn) when
//     another panics: it raced with nothing, so neither DPOR ran it first,
//     and missed the executions where the thread it starts adds to the
//     WaitGroup before the Done that panics.
//   - A Pool Get, whose number of ways depends on the Puts before it: its
//     step recorded no choice value, so the wakeup subtree found where it
//     got none was followed where it got a value too, and its branch (the
//     store it skips) could not run.
func TestDPORSyncPrograms(t *testing.T) {
	checkRegressionPrograms(t, []string{
		"lock m0; wgdone || lock m0",
		"c0 cap 0: lock m0; close c0; close c0 || lock m0",
		"go t1; wait t1; wgdone || wgdone",
		"r0=cwait m0 x0 || wgdone",
		"wgdone || go t2 || wgadd 1",
		"r0=get; if r0!=0 skip 1; x0=1 || put 1; x0=2",
	}, true)
}
