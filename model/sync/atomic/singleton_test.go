package atomic_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// Singletons over atomic.Pointer, held to the whole contract by
// explore.CheckSingleton.

// dclSetup is double-checked locking over an atomic.Pointer.
func dclSetup() func() *config {
	var p atomic.Pointer[config]
	mu := model.NewMutex(model.Current().World(), "mu")
	return func() *config {
		if c := p.Load(); c != nil {
			return c
		}
		t := model.Current()
		mu.Lock(t)
		defer mu.Unlock(t)
		if c := p.Load(); c != nil {
			return c
		}
		c := model.Constructed(&config{})
		model.Write(&c.path, "/etc", "path")
		p.Store(c)
		return c
	}
}

func TestCheckSingletonPointerDCLIsSafe(t *testing.T) {
	for _, m := range model.Memories {
		t.Run(m.String(), func(t *testing.T) {
			res := explore.CheckSingleton(t, dclSetup, explore.WithMemory(m), explore.WithThreads(3))
			assert.Equal(t, explore.Safe, res.Verdict)
		})
	}
}

// A lock-free getter that publishes with CompareAndSwap and lets the
// losers drop what they built: every caller gets the winner's instance,
// but the type is constructed more than once.
func TestCheckSingletonCASPublicationConstructsTwice(t *testing.T) {
	setup := func() func() *config {
		var p atomic.Pointer[config]
		return func() *config {
			if c := p.Load(); c != nil {
				return c
			}
			c := model.Constructed(&config{path: "/etc"})
			if p.CompareAndSwap(nil, c) {
				return c
			}
			return p.Load()
		}
	}
	for _, m := range model.Memories {
		res, err := explore.Explore(context.Background(), explore.SingletonProgram("cas", setup, 2, nil, false), explore.Config{Memory: m})
		require.NoError(t, err)
		assert.Equal(t, []model.Kind{model.MultipleConstruction}, res.Violations, m)
	}
}
