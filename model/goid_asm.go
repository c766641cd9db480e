//go:build amd64 || arm64

package model

// goroutineID identifies the running goroutine among the live ones, in a
// few nanoseconds (goid_*.s).
func goroutineID() uintptr
