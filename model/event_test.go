package model

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// PendingOp rebuilds the operation an event performed, as its thread
// announced it: DPOR asks of it whether it could have run earlier (for a
// CAS, whether it would succeed there), so a CAS keeps the value it
// expected and the one it tried to store, whatever it found.
func TestPendingOpRebuildsTheAnnouncedOperation(t *testing.T) {
	for _, c := range []struct {
		name string
		ev   Event
		want Op
	}{
		{"failed cas", Event{Op: OpCAS, Loc: 2, Old: 1, New: 0, Value: 5}, Op{Kind: OpCAS, Loc: 2, Old: 1, Arg: 0}},
		{"successful cas", Event{Op: OpCAS, Loc: 2, Old: 1, New: 3, Value: 3, OK: true}, Op{Kind: OpCAS, Loc: 2, Old: 1, Arg: 3}},
		{"store", Event{Op: OpStore, Loc: 1, Value: 7}, Op{Kind: OpStore, Loc: 1, Arg: 7}},
		{"swap", Event{Op: OpSwap, Loc: 0, Old: 4, Value: 9}, Op{Kind: OpSwap, Loc: 0, Arg: 9}},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.Equal(t, c.want, c.ev.PendingOp())
		})
	}
}
