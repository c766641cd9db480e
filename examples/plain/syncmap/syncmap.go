// Package syncmap keeps one instance per key in a sync.Map with
// LoadOrStore: two callers may both build a candidate (construction
// repeats), but only the stored one is handed out, so every caller of a key
// gets the same instance.
package syncmap

import "sync"

// Conn is the instance.
type Conn struct {
	Key string
}

var conns sync.Map

// For returns the one Conn of key.
func For(key string) *Conn {
	if c, ok := conns.Load(key); ok {
		return c.(*Conn)
	}
	c, _ := conns.LoadOrStore(key, &Conn{Key: key})
	return c.(*Conn)
}

// Get is the Conn of the default key.
func Get() *Conn { return For("default") }
