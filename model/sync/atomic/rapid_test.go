package atomic_test

import (
	realatomic "sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// uint32Op is one operation on a Uint32 and its argument(s).
type uint32Op struct {
	Kind     int // 0 Load, 1 Store, 2 Swap, 3 CompareAndSwap, 4 Add, 5 And, 6 Or
	Arg, Old uint32
}

// apply32 performs op on a real or drop-in Uint32 through its methods and
// returns what the call returned.
func apply32[U interface {
	Load() uint32
	Store(uint32)
	Swap(uint32) uint32
	CompareAndSwap(uint32, uint32) bool
	Add(uint32) uint32
	And(uint32) uint32
	Or(uint32) uint32
}](u U, op uint32Op) uint64 {
	switch op.Kind {
	case 0:
		return uint64(u.Load())
	case 1:
		u.Store(op.Arg)
		return 0
	case 2:
		return uint64(u.Swap(op.Arg))
	case 3:
		if u.CompareAndSwap(op.Old, op.Arg) {
			return 1 << 40
		}
		return 0
	case 4:
		return uint64(u.Add(op.Arg))
	case 5:
		return uint64(u.And(op.Arg))
	}
	return uint64(u.Or(op.Arg))
}

// Any sequence of operations on one Uint32 returns what Go's returns, wrap
// around included.
func TestUint32AgreesWithSyncAtomic(t *testing.T) {
	small := rapid.SampledFrom([]uint32{0, 1, 2, 3, 0xff, 1 << 31, ^uint32(0), ^uint32(1)})
	opGen := rapid.Custom(func(t *rapid.T) uint32Op {
		return uint32Op{Kind: rapid.IntRange(0, 6).Draw(t, "kind"), Arg: small.Draw(t, "arg"), Old: small.Draw(t, "old")}
	})
	rapid.Check(t, func(rt *rapid.T) {
		ops := rapid.SliceOfN(opGen, 1, 12).Draw(rt, "ops")
		var want, got []uint64
		var real realatomic.Uint32
		for _, op := range ops {
			want = append(want, apply32(&real, op))
		}
		inCheck(t, func() {
			var u atomic.Uint32
			got = got[:0]
			for _, op := range ops {
				got = append(got, apply32(&u, op))
			}
		})
		require.Equal(rt, want, got)
	})
}
