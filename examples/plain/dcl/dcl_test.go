package dcl

import (
	"sync"
	"testing"
)

// TestGetStress calls Get from many goroutines at once and checks that
// they all got the same, non-nil instance.
func TestGetStress(t *testing.T) {
	if raceEnabled {
		t.Skip("the package races by design: go test -race reports it, which is the point")
	}
	const n = 100
	got := make([]any, n)
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
