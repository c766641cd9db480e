package spinwait

import (
	"sync"
	"testing"
)

// TestGetStress calls Get from many goroutines and checks that they all
// got the same instance.
func TestGetStress(t *testing.T) {
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
