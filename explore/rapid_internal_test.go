package explore

import (
	"testing"

	"pgregory.net/rapid"
)

// fromDraw and toDraw are inverse bijections of [0, n) that send 0 to the
// default and keep the other alternatives in order.
func TestDrawEncodingIsABijection(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 50).Draw(t, "n")
		def := rapid.IntRange(0, n-1).Draw(t, "default")
		seen := make([]bool, n)
		prev := -1
		for v := range n {
			i := fromDraw(def, v)
			if i < 0 || i >= n || seen[i] {
				t.Fatalf("draw %d maps to %d", v, i)
			}
			seen[i] = true
			if toDraw(def, i) != v {
				t.Fatalf("toDraw(%d, %d) = %d, want %d", def, i, toDraw(def, i), v)
			}
			if v == 0 && i != def {
				t.Fatalf("draw 0 is %d, not the default %d", i, def)
			}
			if v > 0 {
				if i <= prev && prev != def {
					t.Fatalf("draws out of order at %d", v)
				}
				prev = i
			}
		}
	})
}
