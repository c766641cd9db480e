// Package dcl is double-checked locking over a plain pointer: the first
// check reads the pointer without the lock. In Go that read races with the
// write under the lock (a data race), and under a memory model that
// reorders stores (PSO) a caller can see the pointer before the fields it
// points to.
package dcl

import "sync"

// Pool is the instance.
type Pool struct {
	Size int
}

var (
	mu       sync.Mutex
	instance *Pool
)

// Get returns the one Pool.
func Get() *Pool {
	if instance == nil {
		mu.Lock()
		if instance == nil {
			p := &Pool{}
			p.Size = 8
			instance = p
		}
		mu.Unlock()
	}
	return instance
}
