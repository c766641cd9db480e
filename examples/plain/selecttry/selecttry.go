// Package selecttry guards its construction with a one-token semaphore
// (a channel of capacity 1) that a select tries to fill: the caller whose
// send succeeds checks and builds the instance, then empties the
// semaphore. A caller that finds the semaphore full takes the default and
// returns the instance without waiting: it can get nil while the holder
// is still building, and its read of instance is not ordered with the
// holder's write (a data race). Only holders build, and they take turns,
// so there is one construction.
package selecttry

// Config is the instance.
type Config struct {
	Name string
}

var (
	sem      = make(chan struct{}, 1)
	instance *Config
)

// Get returns the Config, building it on first use.
func Get() *Config {
	select {
	case sem <- struct{}{}:
		if instance == nil {
			instance = &Config{Name: "default"}
		}
		<-sem
		return instance
	default:
		return instance
	}
}
