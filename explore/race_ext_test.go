//go:build race

package explore_test

// raceOn is true under the Go race detector, which makes decoding tens of
// megabytes of JSON take seconds: those cases are left to the plain run.
const raceOn = true
