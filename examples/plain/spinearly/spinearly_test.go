package spinearly

import (
	"sync"
	"testing"
)

// TestGetStress calls Get from many goroutines and checks that they all
// got the same, non-nil instance. It passes almost always: the window
// between the two statements is a few instructions wide.
func TestGetStress(t *testing.T) {
	if raceEnabled {
		t.Skip("the package races by design: go test -race reports it, which is the point")
	}
	const n = 100
	got := make([]*Client, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i] = Get() })
	}
	wg.Wait()
	for i := range got {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("caller %d got %p, caller 0 %p", i, got[i], got[0])
		}
	}
}
