//go:build race

package scheduler_test

// raceEnabled is true under the Go race detector, which makes building
// schedules of millions of decisions slow: the property tests draw fewer.
const raceEnabled = true
