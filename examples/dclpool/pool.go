// Package dclpool is a connection pool built on first use with
// double-checked locking over an atomic.Pointer.
package dclpool

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"        // was: "sync"
	"github.com/singlecheck/singlecheck/model/sync/atomic" // was: "sync/atomic"
)

// Pool is the shared connection pool.
type Pool struct {
	Size  int
	conns []int
}

var (
	mu   sync.Mutex
	pool atomic.Pointer[Pool]
)

// Get returns the pool, building it on first use.
func Get() *Pool {
	if p := pool.Load(); p != nil {
		return p
	}
	mu.Lock()
	defer mu.Unlock()
	if p := pool.Load(); p != nil {
		return p
	}
	p := model.Constructed(&Pool{Size: 4, conns: make([]int, 4)})
	pool.Store(p)
	return p
}

// ResetForTests drops the pool; call it only when no Get is running.
func ResetForTests() {
	mu = sync.Mutex{}
	pool = atomic.Pointer[Pool]{}
}
