package model

// Arena copies short slices (footprints, clocks) into shared chunks of
// storage that stays put, so that recording an event does not cost an
// allocation per slice. A copy is never written again: it may be kept for
// as long as the caller likes, and it keeps its chunk alive.
//
// A chunk serves at most ArenaChunk copies. A strategy keeps the
// footprints and clocks of an execution's prefix for as long as it
// explores below it (DPOR's step table), and one kept copy keeps its
// whole chunk alive: with chunks as long as the execution, a search whose
// long executions diverge at many depths (a spin loop of thousands of
// steps) held one execution's worth per depth, gigabytes after minutes.
type Arena[T any] struct {
	free []T
}

// ArenaChunk bounds the copies one chunk of an Arena serves.
const ArenaChunk = 64

// Copy returns a copy of s (nil for an empty s). expect is how many more
// copies the caller expects to make and least the length it expects of
// them (hints: a new chunk serves between 16 and ArenaChunk copies of
// length max(len(s), least)).
func (a *Arena[T]) Copy(s []T, expect, least int) []T {
	n := len(s)
	if n == 0 {
		return nil
	}
	if len(a.free) < n {
		a.free = make([]T, max(16, min(expect, ArenaChunk))*max(n, least))
	}
	c := a.free[:n:n]
	a.free = a.free[n:]
	copy(c, s)
	return c
}
