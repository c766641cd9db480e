// Package rwcache is a lazily built lookup table behind an RWMutex:
// readers share the read lock on the fast path, the first caller builds
// the table under the write lock.
package rwcache

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync" // was: "sync"
)

// Table is the cached table.
type Table struct{ Rows map[string]string }

// Cache holds the table, built on first use.
type Cache struct {
	mu    sync.RWMutex
	table *Table
}

// Get returns the table, building it on first use.
func (c *Cache) Get() *Table {
	c.mu.RLock()
	t := c.table
	c.mu.RUnlock()
	if t != nil {
		return t
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.table == nil {
		c.table = model.Constructed(&Table{Rows: map[string]string{"eu": "eu-west-1"}})
	}
	return c.table
}
