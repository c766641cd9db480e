// Package oncereset is a sync.Once singleton with a reset for tests that
// clears the instance and the Once. A reset that lands while another
// goroutine is inside Do, after the function stored the instance and
// before Do marked itself done, leaves the fresh Once marked done and the
// instance nil: every later caller gets nil, for ever.
package oncereset

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
		instance = &Config{Name: "default"}
	})
	return instance
}

// ResetForTests forgets the instance, so that the next Get builds a new one.
func ResetForTests() {
	once = sync.Once{}
	instance = nil
}
