package lazy_test

import (
	"testing"

	"example.com/usermod"
)

// TestExternalCallers is an external test (package lazy_test): a second
// caller hands its instance over a channel, and the test compares it with
// its own.
func TestExternalCallers(t *testing.T) {
	other := make(chan *lazy.Thing, 1)
	go func() { other <- lazy.Get() }()
	mine := lazy.Get()
	if o := <-other; o != mine {
		t.Errorf("two instances: %p and %p", mine, o)
	}
}
