// Package state holds the Conn of package helper, built on first use
// without synchronization.
package state

// Conn is the instance.
type Conn struct {
	Addr string
}

var instance *Conn

// Instance returns the Conn, building it if there is none.
func Instance() *Conn {
	if instance == nil {
		instance = &Conn{Addr: "localhost"}
	}
	return instance
}
