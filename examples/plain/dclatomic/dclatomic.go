// Package dclatomic is double-checked locking over an atomic.Pointer: the
// unlocked check is an atomic load, the publication an atomic store after
// the fields are set. It is safe.
package dclatomic

import (
	"sync"
	"sync/atomic"
)

// Pool is the instance.
type Pool struct {
	Size int
}

var (
	mu       sync.Mutex
	instance atomic.Pointer[Pool]
)

// Get returns the one Pool.
func Get() *Pool {
	if p := instance.Load(); p != nil {
		return p
	}
	mu.Lock()
	defer mu.Unlock()
	if p := instance.Load(); p != nil {
		return p
	}
	p := &Pool{}
	p.Size = 8
	instance.Store(p)
	return p
}
