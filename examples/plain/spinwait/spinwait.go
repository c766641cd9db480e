// Package spinwait initializes its instance lock-free, in three states:
// the caller that moves state from empty to building builds the Client and
// then marks it ready; every other caller spins until state leaves
// building. The atomic store of ready comes after the write of instance,
// and a caller reads instance only after its atomic load saw ready, so
// every caller gets the one Client: it is safe.
package spinwait

import (
	"runtime"
	"sync/atomic"
)

// Client is the instance.
type Client struct {
	Addr string
}

const (
	empty = iota
	building
	ready
)

var (
	state    atomic.Int32
	instance *Client
)

// Get returns the one Client.
func Get() *Client {
	if state.CompareAndSwap(empty, building) {
		instance = &Client{Addr: "localhost:5432"}
		state.Store(ready)
	}
	for state.Load() == building {
		runtime.Gosched()
	}
	return instance
}
