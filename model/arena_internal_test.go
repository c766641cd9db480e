package model

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestArenaAllocationsAreBounded: however many events a world expects, one
// arena allocation serves at most arenaChunk events, so that a kept
// footprint or clock keeps at most that much of its execution alive.
func TestArenaAllocationsAreBounded(t *testing.T) {
	for _, hint := range []int{0, 10, arenaChunk, 100_000} {
		w := NewDriver(DriverOptions{SizeHint: hint}).World()
		acc := w.snapshotAcc(Footprint{{Key: Key{Kind: KeyMem}}, {Key: Key{Kind: KeyMem, Loc: 1}, Write: true}})
		assert.Equal(t, Footprint{{Key: Key{Kind: KeyMem}}, {Key: Key{Kind: KeyMem, Loc: 1}, Write: true}}, acc, "the copy")
		assert.LessOrEqual(t, len(acc)+len(w.accArena), arenaChunk*len(acc), "hint %d: the access arena", hint)
		assert.GreaterOrEqual(t, len(acc)+len(w.accArena), 16*len(acc), "hint %d: one allocation serves at least 16 events", hint)

		c := w.snapshotClock(VC{1, 2, 3, 4, 5})
		assert.Equal(t, VC{1, 2, 3, 4, 5}, c)
		assert.LessOrEqual(t, len(c)+len(w.clockArena), arenaChunk*len(c), "hint %d: the clock arena", hint)
	}
}
