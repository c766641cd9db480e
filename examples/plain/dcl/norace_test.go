//go:build !race

package dcl

const raceEnabled = false
