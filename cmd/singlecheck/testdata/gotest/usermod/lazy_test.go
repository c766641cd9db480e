package lazy

import "testing"

// TestTwoCallers starts a second caller and compares the instances.
func TestTwoCallers(t *testing.T) {
	var other *Thing
	done := make([]bool, 1)
	go func() {
		other = Get()
		done[0] = true
	}()
	mine := Get()
	if done[0] && other != mine {
		t.Errorf("two instances: %p and %p", mine, other)
	}
}
