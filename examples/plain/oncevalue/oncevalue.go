// Package oncevalue builds its instance with sync.OnceValue. It is safe.
package oncevalue

import "sync"

// Config is the instance.
type Config struct {
	Name string
}

// Get returns the one Config.
var Get = sync.OnceValue(func() *Config {
	return &Config{Name: "default"}
})
