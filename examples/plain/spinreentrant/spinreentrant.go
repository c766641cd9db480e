// Package spinreentrant is spinwait whose Client needs a Pool that is
// built through Get again: the builder's own call finds state building
// and spins until it is ready, which only the builder itself would make
// it. Every caller waits forever: a deadlock, with one caller already.
package spinreentrant

import (
	"runtime"
	"sync/atomic"
)

// Client is the instance.
type Client struct {
	Pool *Client
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
		instance = newClient()
		state.Store(ready)
	}
	for state.Load() == building {
		runtime.Gosched()
	}
	return instance
}

func newClient() *Client {
	return &Client{Pool: Get()}
}
