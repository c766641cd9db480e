// Package chanpub publishes its instance by closing a channel: one
// goroutine builds it and closes ready; every caller waits for ready. The
// close happens before every receive that sees it, so the instance is
// fully built when a caller reads it. It is safe.
package chanpub

import "sync"

// Config is the instance.
type Config struct {
	Name string
}

var (
	start    sync.Once
	ready    = make(chan struct{})
	instance *Config
)

// Get returns the one Config.
func Get() *Config {
	start.Do(func() {
		go func() {
			c := &Config{}
			c.Name = "default"
			instance = c
			close(ready)
		}()
	})
	<-ready
	return instance
}
