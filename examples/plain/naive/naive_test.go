package naive

import (
	"sync"
	"testing"
)

// TestGetStress calls Get from many goroutines and checks that they all got
// the same instance. It passes almost always: the window is a few
// instructions wide.
func TestGetStress(t *testing.T) {
	if raceEnabled {
		t.Skip("the package races by design: go test -race reports it, which is the point")
	}
	instance = nil
	const n = 100
	got := make([]*Config, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i] = Get() })
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("caller %d got a different instance", i)
		}
	}
}
