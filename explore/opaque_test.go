package explore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// opaqueMain shares a native variable the model does not see: one
// goroutine sets it after an opaque step, the other reads it natively
// after each of its two modelled steps and asserts it never changed
// between them.
func opaqueMain() {
	native := 0
	s := &model.Shared[int]{Name: "s"}
	model.Go(func() {
		model.Opaque()
		native = 1
	})
	model.Go(func() {
		s.Store(1)
		before := native
		s.Store(2)
		model.Assert(native == before, "native changed from %d to %d between the stores", before, native)
	})
}

// TestOpaqueStepIsTriedEverywhere: DPOR places an opaque step at every
// position relative to the other goroutine's steps, as DFS does, so it
// finds the one order that breaks the assertion and reaches DFS's
// outcomes and traces.
func TestOpaqueStepIsTriedEverywhere(t *testing.T) {
	prog := explore.FuncProgram("opaque", opaqueMain)
	for _, m := range model.Memories {
		dfs, err := explore.Explore(context.Background(), prog, explore.Config{Strategy: "dfs", Memory: m})
		require.NoError(t, err)
		require.Equal(t, []model.Kind{model.Assertion}, dfs.Violations, "%s: DFS", m)
		for _, s := range []string{"dpor", "source-dpor"} {
			res, err := explore.Explore(context.Background(), prog, explore.Config{Strategy: s, Memory: m})
			require.NoError(t, err)
			assert.Equal(t, dfs.Violations, res.Violations, "%s %s", m, s)
			assert.Equal(t, dfs.Verdict, res.Verdict, "%s %s", m, s)
			assert.Zero(t, res.Stats.SleepBlocked, "%s %s", m, s)
		}
	}
}
