package selecttry

import "testing"

// TestGetOnce: one caller alone always holds the semaphore and gets an
// instance.
func TestGetOnce(t *testing.T) {
	if Get() == nil {
		t.Fatal("a lone caller got nil")
	}
}
