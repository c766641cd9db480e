package isolated

import (
	"sync"
	"testing"
)

// TestSingletonStress is the report's stress test: goroutines call the
// three entry points at once and compare the instances.
func TestSingletonStress(t *testing.T) {
	const n = 100
	got := make([]*Env, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			switch i % 3 {
			case 0:
				got[i] = GetEnv()
			case 1:
				got[i] = New()
			default:
				got[i] = GetInstance()
			}
		})
	}
	wg.Wait()
	for i := range got {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("caller %d got %p, caller 0 got %p", i, got[i], got[0])
		}
	}
}
