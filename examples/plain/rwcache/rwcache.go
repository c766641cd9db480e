// Package rwcache is a lazily filled cache guarded by an RWMutex: readers
// look under the read lock, a miss takes the write lock and checks again.
// It is safe.
package rwcache

import "sync"

// Client is the instance.
type Client struct {
	Addr string
}

var (
	mu    sync.RWMutex
	cache = map[string]*Client{}
)

// Lookup returns the Client for addr, building it once.
func Lookup(addr string) *Client {
	mu.RLock()
	c, ok := cache[addr]
	mu.RUnlock()
	if ok {
		return c
	}
	mu.Lock()
	defer mu.Unlock()
	if c, ok := cache[addr]; ok {
		return c
	}
	c = &Client{Addr: addr}
	cache[addr] = c
	return c
}

// Get is the Client of the default address.
func Get() *Client { return Lookup("db:5432") }
