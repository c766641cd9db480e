//go:build !race

package protocols_test

// raceEnabled is true when the tests run under the Go race detector, which
// makes the checker's coroutine switches several times slower.
const raceEnabled = false
