//go:build race

package spinearly

// raceEnabled: the package has a data race by design, which go test -race
// reports; the stress test then skips.
const raceEnabled = true
