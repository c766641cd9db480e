package spinreentrant

import (
	"testing"
	"time"
)

// TestGetHangs shows the bug natively: Get does not return.
func TestGetHangs(t *testing.T) {
	done := make(chan struct{})
	go func() { Get(); close(done) }()
	select {
	case <-done:
		t.Fatal("Get returned: the reentrant call did not wait for itself")
	case <-time.After(50 * time.Millisecond):
	}
}
