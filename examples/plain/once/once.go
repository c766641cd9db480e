// Package once builds its instance under sync.Once. It is safe.
package once

import "sync"

// Config is the instance.
type Config struct {
	Name string
}

var (
	once     sync.Once
	instance *Config
)

// Get returns the one Config.
func Get() *Config {
	once.Do(func() {
		c := &Config{}
		c.Name = "default"
		instance = c
	})
	return instance
}
