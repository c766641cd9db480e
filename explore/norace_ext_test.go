//go:build !race

package explore_test

const raceOn = false
