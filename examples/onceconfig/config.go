// Package onceconfig is a lazily loaded configuration behind a sync.Once,
// with the reset that tests use to reload it.
package onceconfig

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync" // was: "sync"
)

// Config is the loaded configuration.
type Config struct {
	Path   string
	Limits map[string]int
}

var (
	once sync.Once
	cfg  *Config
)

// Get returns the configuration, loading it on first use.
func Get() *Config {
	once.Do(func() {
		cfg = model.Constructed(&Config{Path: "/etc/app.conf", Limits: map[string]int{"conns": 10}})
	})
	return cfg
}

// ResetForTests forgets the configuration so that the next Get loads it
// again. It is safe only when no Get is running: one that lands inside
// once.Do zeroes the Once whose mutex Do holds (Do's Unlock then panics,
// as Go's does) and lets Do mark the fresh Once done, so every later Get
// returns nil.
func ResetForTests() {
	once = sync.Once{}
	cfg = nil
}
