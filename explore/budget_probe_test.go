package explore

import (
	"context"
	"sync"

	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
)

// fitsKey names one bounded plain DFS: a protocol case (its name and
// thread count), a memory model, a preemption bound and a budget.
type fitsKey struct {
	name      string
	threads   int
	mem       model.Memory
	k, budget int
}

type fitsEntry struct {
	once sync.Once
	fits bool
	err  error
}

var fitsCache sync.Map // fitsKey → *fitsEntry

// boundedDFSFits says whether plain DFS of prog (the protocol case name with
// threads threads) under mem within k preemptions takes at most budget
// executions. It runs once per key for the package's run, recording
// nothing: the protocol sweeps ask it before building a reference that
// costs several times more (trace signatures, orbits), so that a case over
// the budget is skipped without that work, and the tests that sweep the
// same cases share the probe. The caller's own reference still checks the
// budget, so a probe that disagreed could only cost time.
func boundedDFSFits(t require.TestingT, name string, threads int, prog model.Program, mem model.Memory, k, budget int) bool {
	e, _ := fitsCache.LoadOrStore(fitsKey{name, threads, mem, k, budget}, &fitsEntry{})
	entry := e.(*fitsEntry)
	entry.once.Do(func() {
		res, err := Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: "dfs", Memory: mem,
			Preemptions: PreemptionBound(k), MaxExecutions: budget + 1})
		entry.err = err
		entry.fits = err == nil && res.Stats.Executions <= budget
	})
	require.NoError(t, entry.err)
	return entry.fits
}
