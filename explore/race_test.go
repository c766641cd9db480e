//go:build race

package explore

// raceEnabled is true when the tests run under the Go race detector, which
// makes the checker several times slower: the largest comparisons shrink.
const raceEnabled = true
