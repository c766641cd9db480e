package helper

import "testing"

// TestGetTwice: one caller gets the same Conn twice.
func TestGetTwice(t *testing.T) {
	if a, b := Get(), Get(); a == nil || a != b {
		t.Fatalf("got %p then %p", a, b)
	}
}
