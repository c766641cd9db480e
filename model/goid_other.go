//go:build !amd64 && !arm64

package model

import (
	"bytes"
	"runtime"
	"strconv"
)

// goroutineID identifies the running goroutine among the live ones: its
// number, parsed from the header of its stack trace ("goroutine 7 [...").
// Slow (microseconds); amd64 and arm64 read it directly (goid_asm.go).
func goroutineID() uintptr {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i >= 0 {
		b = b[:i]
	}
	n, _ := strconv.ParseUint(string(b), 10, 64)
	return uintptr(n)
}
