package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestArenaChunksAreBounded: however many copies the caller expects, one
// chunk serves at most ArenaChunk of them, so that a kept copy keeps at
// most that much alive; copies are independent of their source and of
// each other.
func TestArenaChunksAreBounded(t *testing.T) {
	for _, expect := range []int{0, 10, ArenaChunk, 100_000} {
		var a Arena[uint32]
		src := []uint32{1, 2, 3}
		first := a.Copy(src, expect, 4)
		src[0] = 9
		second := a.Copy(src, expect, 4)
		assert.Equal(t, []uint32{1, 2, 3}, first, "expect %d: a copy does not change with its source", expect)
		assert.Equal(t, []uint32{9, 2, 3}, second)
		assert.Len(t, append(first, 7), 4, "appending to a copy does not write into the next one")
		assert.Equal(t, []uint32{9, 2, 3}, second)
		chunk := len(first) + len(second) + len(a.free)
		assert.LessOrEqual(t, chunk, ArenaChunk*4, "expect %d: one chunk serves at most ArenaChunk copies", expect)
		assert.GreaterOrEqual(t, chunk, 16*4, "expect %d: and at least 16", expect)
		assert.Nil(t, a.Copy(nil, expect, 4), "an empty slice copies to nil")
	}
}
