package model

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// drawFootprint draws a footprint over few keys, so that conflicts are
// common: every key kind (the RWMutex reader keys, whose conflict is not
// key equality, more often), two locations, few threads and ordinals.
func drawFootprint(t *rapid.T, label string) Footprint {
	kinds := []KeyKind{KeyReader, KeyReaders, KeyReader, KeyReaders, KeyAll}
	for k := KeyNone; k <= KeyOrder; k++ {
		kinds = append(kinds, k)
	}
	access := rapid.Custom(func(t *rapid.T) Access {
		return Access{Key: Key{
			Kind:   rapid.SampledFrom(kinds).Draw(t, "kind"),
			Loc:    int32(rapid.IntRange(-1, 1).Draw(t, "loc")),
			Thread: uint64(rapid.IntRange(0, 2).Draw(t, "thread")),
			Ord:    int64(rapid.IntRange(0, 2).Draw(t, "ord")),
		}, Write: rapid.Bool().Draw(t, "write")}
	})
	return rapid.SliceOfN(access, 0, 5).Draw(t, label)
}

// TestFootprintMaskNeverHidesAConflict: MayConflict is false only for
// footprints that do not conflict, so that the race scans may skip a pair
// on its masks alone.
func TestFootprintMaskNeverHidesAConflict(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f, g := drawFootprint(t, "f"), drawFootprint(t, "g")
		if f.Conflicts(g) {
			require.True(t, f.Mask().MayConflict(g.Mask()), "%v and %v conflict, but their masks say they cannot", f, g)
		}
	})
}

func ExampleFootprintMask_MayConflict() {
	x, y := Key{Kind: KeyMem, Loc: 0}, Key{Kind: KeyMem, Loc: 1}
	readX := Footprint{{Key: x}}
	writeX := Footprint{{Key: x, Write: true}}
	writeY := Footprint{{Key: y, Write: true}}
	fmt.Println(readX.Mask().MayConflict(writeX.Mask()), readX.Mask().MayConflict(readX.Mask()), readX.Conflicts(writeY))
	// Output: true false false
}
