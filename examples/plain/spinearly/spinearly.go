// Package spinearly is spinwait with its last two statements swapped: the
// builder marks the instance ready before it writes it. A caller that
// sees ready in between returns nil, and its read of instance is not
// ordered after the builder's write: a data race.
package spinearly

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

// Get returns the Client.
func Get() *Client {
	if state.CompareAndSwap(empty, building) {
		state.Store(ready)
		instance = &Client{Addr: "localhost:5432"}
	}
	for state.Load() == building {
		runtime.Gosched()
	}
	return instance
}
