//go:build !race

package spinearly

const raceEnabled = false
