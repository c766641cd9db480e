package model_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// A plain Mutex is Go's: T0 locks, T1 unlocks, T2 locks, and nothing is
// wrong, under every memory model and strategy; the unlock by T1 happens
// before T2's lock (T2 reads T0's store without a race).
func TestMutexUnlockedByAnotherThread(t *testing.T) {
	prog := model.Program{Name: "cross-unlock", Build: func(w *model.World) []model.Body {
		mu := model.NewMutex(w, "mu")
		locked := model.NewAtomic(w, "locked")
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { mu.Lock(t); x.Store(t, 1); locked.Store(t, 1) },
			func(t *model.Thread) {
				t.Spin(func() bool { return locked.Load(t) == 1 })
				mu.Unlock(t)
			},
			func(t *model.Thread) {
				t.Spin(func() bool { return locked.Load(t) == 1 })
				mu.Lock(t)
				t.Assert(x.Load(t) == 1, "T2 does not see T0's store")
			},
		}
	}}
	for _, m := range model.Memories {
		for _, s := range []string{"dfs", "dpor", "source-dpor"} {
			res, err := explore.Explore(context.Background(), prog, explore.Config{Strategy: s, Memory: m})
			require.NoError(t, err)
			assert.Equal(t, explore.Safe, res.Verdict, "%s %s: %v", m, s, res.Violations)
		}
	}
}
