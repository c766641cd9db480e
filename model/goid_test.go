package model

import (
	"iter"
	"testing"

	"github.com/stretchr/testify/require"
)

// goroutineID is the same on one goroutine and differs between live ones
// (a coroutine of iter.Pull included, the case Current relies on).
func TestGoroutineIDIdentifiesTheGoroutine(t *testing.T) {
	self := goroutineID()
	require.NotZero(t, self)
	require.Equal(t, self, goroutineID())
	other := make(chan uintptr)
	release := make(chan struct{})
	go func() {
		other <- goroutineID()
		<-release // alive while compared
	}()
	require.NotEqual(t, self, <-other)
	close(release)
	next, stop := iter.Pull(func(yield func(uintptr) bool) {
		for range 2 {
			if !yield(goroutineID()) {
				return
			}
		}
	})
	defer stop()
	first, _ := next()
	second, _ := next()
	require.NotEqual(t, self, first, "a coroutine is a goroutine of its own")
	require.Equal(t, first, second, "the same across the coroutine's yields")
}

// BenchmarkGoroutineID is the cost of the identity check Current makes at
// every step of a drop-in primitive:
//
//	go test ./model -run '^$' -bench GoroutineID
func BenchmarkGoroutineID(b *testing.B) {
	var sink uintptr
	for b.Loop() {
		sink += goroutineID()
	}
	_ = sink
}
