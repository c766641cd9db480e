// Package naive is a lazily initialized singleton without any
// synchronization: the first caller to see no instance builds one. Two
// callers can both see none, and both build one.
package naive

// Config is the instance.
type Config struct {
	Name string
}

var instance *Config

// Get returns the one Config, building it on first use.
func Get() *Config {
	if instance == nil {
		instance = &Config{Name: "default"}
	}
	return instance
}
