package model

import (
	"context"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// A stray started during an execution is found at its end even when an
// older goroutine ended meanwhile, so that the process has no more
// goroutines than when the execution began: the count alone hides it.
func TestCheckStraysSeesAStrayBehindAnEndedGoroutine(t *testing.T) {
	require.Zero(t, strays.Load(), "a stray of another test is alive")
	old, release := make(chan struct{}), make(chan struct{})
	go func() { <-old }()
	before := countGoroutines()

	strayDone := make(chan struct{})
	pprof.Do(context.Background(), pprof.Labels("singlecheck", "modelled"), func(context.Context) {
		go func() { // inherits the label, as a go statement in checked code does
			defer close(strayDone)
			<-release
		}()
	})
	close(old)
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > before.alive; {
		require.True(t, time.Now().Before(deadline), "the older goroutine did not end")
		time.Sleep(time.Millisecond)
	}

	w := NewDriver(DriverOptions{}).World()
	w.checkStrays(before)
	close(release)
	<-strayDone
	defer strays.Store(0)
	require.ErrorIs(t, w.Unmanaged(), ErrUnmanagedGoroutine)
}

// The profile is skipped only when the runtime counted the goroutines
// created and they were no more than the execution's coroutines.
func TestMayHaveStartedTrustsOnlyCountedGoroutines(t *testing.T) {
	at := func(created uint64) goroutineCount { return goroutineCount{alive: 5, created: created, counted: true} }
	for _, c := range []struct {
		name        string
		before, now goroutineCount
		threads     int
		want        bool
	}{
		{"one coroutine per thread", at(10), at(13), 3, false},
		{"one goroutine more", at(10), at(14), 3, true},
		{"not counted before", goroutineCount{alive: 5}, at(13), 3, true},
		{"not counted now", at(10), goroutineCount{alive: 5}, 3, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, mayHaveStarted(c.before, c.now, c.threads))
		})
	}
	require.True(t, countGoroutines().counted, "this runtime does not count created goroutines: every execution reads the profile")
}
