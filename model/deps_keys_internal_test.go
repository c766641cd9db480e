package model

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestKeyTableIsAMapThatResetEmpties: against a map that reset replaces,
// a keyTable returns the same entries for keys of every shape (dense,
// negative locations, large ordinals, keys with a thread), empties them
// on reset and lists exactly the touched ones.
func TestKeyTableIsAMapThatResetEmpties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		keyGen := rapid.Custom(func(rt *rapid.T) Key {
			return Key{
				Kind:   KeyKind(rapid.IntRange(0, int(KeyOrder)).Draw(rt, "kind")),
				Loc:    int32(rapid.SampledFrom([]int{-100, -9, -8, -1, 0, 1, 5, denseLimit - flatLocBias - 1, denseLimit - flatLocBias, denseLimit - 1, denseLimit}).Draw(rt, "loc")),
				Ord:    int64(rapid.SampledFrom([]int{0, 1, 3, denseLimit - 1, denseLimit}).Draw(rt, "ord")),
				Thread: uint64(rapid.SampledFrom([]int{0, 0, 7}).Draw(rt, "thread")),
			}
		})
		var tab keyTable
		ref := map[Key]*keyDeps{}
		for i := range rapid.IntRange(1, 60).Draw(rt, "ops") {
			switch op := rapid.IntRange(0, 3).Draw(rt, "op"); op {
			case 0: // make, and leave a mark
				k := keyGen.Draw(rt, "key")
				kd := tab.make(k)
				if r, ok := ref[k]; ok {
					require.Same(rt, r, kd, "make of a touched key returns its entry")
				} else {
					require.Nil(rt, kd.last, "a key no event touched yet is empty")
					require.Empty(rt, kd.reads)
					ref[k] = kd
				}
				kd.reads = append(kd.reads, uint32(i))
			case 1:
				k := keyGen.Draw(rt, "key")
				if r, ok := ref[k]; ok {
					require.Same(rt, r, tab.get(k))
				} else {
					require.Nil(rt, tab.get(k), "get of an untouched key")
				}
			case 2:
				tab.reset()
				ref = map[Key]*keyDeps{}
			case 3:
				var got []*keyDeps
				tab.each(func(kd *keyDeps) { got = append(got, kd) })
				want := make([]*keyDeps, 0, len(ref))
				for _, kd := range ref {
					want = append(want, kd)
				}
				require.ElementsMatch(rt, want, got)
			}
		}
	})
}
