// Package selectpub publishes its instance by closing a channel, and
// polls that channel with select: a caller that finds ready closed (the
// comma-ok receive's ok is false) returns the instance; one that does not
// takes the default, locks mu and checks again with a second select, so
// that only the first locker builds the instance and closes ready. The
// stop channel is nil: its case is never ready. It is safe.
package selectpub

import "sync"

// Config is the instance.
type Config struct {
	Name string
}

var (
	mu       sync.Mutex
	ready    = make(chan struct{})
	stop     chan struct{} // nil: never ready
	instance *Config
)

// Get returns the one Config, building it on first use.
func Get() *Config {
	select {
	case _, ok := <-ready:
		if !ok {
			return instance
		}
	case <-stop:
		return nil
	default:
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case <-ready:
	default:
		c := &Config{}
		c.Name = "default"
		instance = c
		close(ready)
	}
	return instance
}
