package progs_test

import (
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
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
