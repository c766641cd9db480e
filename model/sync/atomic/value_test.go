package atomic_test

import (
	"fmt"
	realatomic "sync/atomic"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// Every drop-in operation panics with model.ErrOutsideCheck outside a
// checked function, never falling back to a real atomic.
func TestOutsideACheckedFunctionPanics(t *testing.T) {
	var (
		i32 atomic.Int32
		b   atomic.Bool
		p   atomic.Pointer[int]
		v   atomic.Value
		x   int64
		up  unsafe.Pointer
	)
	for name, f := range map[string]func(){
		"Int32.Add":      func() { i32.Add(1) },
		"Bool.Load":      func() { b.Load() },
		"Pointer.Swap":   func() { p.Swap(nil) },
		"Value.Store":    func() { v.Store(1) },
		"Value.Load":     func() { v.Load() },
		"AddInt64":       func() { atomic.AddInt64(&x, 1) },
		"OrInt64":        func() { atomic.OrInt64(&x, 1) },
		"LoadPointer":    func() { atomic.LoadPointer(&up) },
		"CompareAndSwap": func() { atomic.CompareAndSwapInt64(&x, 0, 1) },
	} {
		assert.PanicsWithValue(t, model.ErrOutsideCheck, f, name)
	}
	assert.Zero(t, x, "nothing was done for real")
}

// inCheck runs f once as the main modelled goroutine of a checked function.
func inCheck(t *testing.T, f func()) {
	t.Helper()
	explore.CheckFunc(t, f, explore.WithStrategy("dfs"))
}

// One goroutine's sequence of every operation gives the results Go's
// sync/atomic gives, wrap-around included.
func TestSequentialResultsMatchSyncAtomic(t *testing.T) {
	var want, got []string
	record := func(out *[]string) func(string, ...any) {
		return func(format string, args ...any) { *out = append(*out, fmt.Sprintf(format, args...)) }
	}
	real := func(log func(string, ...any)) {
		var i32 realatomic.Int32
		var u32 realatomic.Uint32
		var u64 realatomic.Uint64
		var up realatomic.Uintptr
		var b realatomic.Bool
		var n int64
		log("%v %v %v", i32.Add(-5), i32.And(6), i32.Or(1))
		log("%v %v %v", i32.Swap(9), i32.CompareAndSwap(8, 1), i32.CompareAndSwap(9, 2))
		log("%v %v", u32.Add(^uint32(0)), u32.Load())
		log("%v %v %v", u64.Add(1<<63), u64.Add(1<<63), u64.Or(7))
		log("%v %v", up.Add(3), up.And(2))
		log("%v %v %v", b.Swap(true), b.CompareAndSwap(false, true), b.Load())
		log("%v %v %v %v", realatomic.AddInt64(&n, 10), realatomic.AndInt64(&n, 3), realatomic.SwapInt64(&n, -1), realatomic.LoadInt64(&n))
	}
	drop := func(log func(string, ...any)) {
		var i32 atomic.Int32
		var u32 atomic.Uint32
		var u64 atomic.Uint64
		var up atomic.Uintptr
		var b atomic.Bool
		var n int64
		log("%v %v %v", i32.Add(-5), i32.And(6), i32.Or(1))
		log("%v %v %v", i32.Swap(9), i32.CompareAndSwap(8, 1), i32.CompareAndSwap(9, 2))
		log("%v %v", u32.Add(^uint32(0)), u32.Load())
		log("%v %v %v", u64.Add(1<<63), u64.Add(1<<63), u64.Or(7))
		log("%v %v", up.Add(3), up.And(2))
		log("%v %v %v", b.Swap(true), b.CompareAndSwap(false, true), b.Load())
		log("%v %v %v %v", atomic.AddInt64(&n, 10), atomic.AndInt64(&n, 3), atomic.SwapInt64(&n, -1), atomic.LoadInt64(&n))
	}
	real(record(&want))
	inCheck(t, func() { got = got[:0]; drop(record(&got)) })
	assert.Equal(t, want, got)
}

func TestValue(t *testing.T) {
	type pair struct{ a, b int }
	var got []any
	inCheck(t, func() {
		var v atomic.Value
		got = []any{v.Load()}
		v.Store(pair{1, 2})
		got = append(got, v.Load(), v.Swap(pair{3, 4}), v.CompareAndSwap(pair{1, 2}, pair{5, 6}),
			v.CompareAndSwap(pair{3, 4}, pair{7, 8}), v.Load())
	})
	assert.Equal(t, []any{nil, pair{1, 2}, pair{1, 2}, false, true, pair{7, 8}}, got)
}

// Value panics as Go's does, and the checker reports the panic.
func TestValueMisusePanics(t *testing.T) {
	cases := map[string]struct {
		main func()
		msg  string
	}{
		"store nil":        {func() { new(atomic.Value).Store(nil) }, "store of nil value into Value"},
		"swap nil":         {func() { new(atomic.Value).Swap(nil) }, "swap of nil value into Value"},
		"cas nil":          {func() { new(atomic.Value).CompareAndSwap(1, nil) }, "compare and swap of nil value into Value"},
		"cas mixed":        {func() { new(atomic.Value).CompareAndSwap(1, "a") }, "compare and swap of inconsistently typed values"},
		"store other type": {func() { var v atomic.Value; v.Store(1); v.Store("a") }, "store of inconsistently typed value into Value"},
		"swap other type":  {func() { var v atomic.Value; v.Store(1); v.Swap("a") }, "swap of inconsistently typed value into Value"},
		"racing first stores": {func() {
			var v atomic.Value
			join(2, func(i int) {
				if i == 0 {
					v.Store(1)
				} else {
					v.Store("a")
				}
			})
		}, "store of inconsistently typed value into Value"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res := explored(t, c.main, model.SC, "dfs")
			require.Equal(t, []model.Kind{model.Panic}, res.Violations)
			assert.Contains(t, res.Counterexample.Violations()[0].Msg, c.msg)
		})
	}
}

// A drop-in atomic of a Go variable is the location model.Read and
// model.Write of that address use: a value stored one way is loaded the
// other.
func TestFunctionFormsShareTheVariable(t *testing.T) {
	var got []int64
	inCheck(t, func() {
		var x int64
		model.Write(&x, 40, "x")
		got = []int64{atomic.AddInt64(&x, 2), model.Read(&x, "x")}
		atomic.StoreInt64(&x, 7)
		got = append(got, model.Read(&x, "x"), x)
	})
	assert.Equal(t, []int64{42, 42, 7, 7}, got)
}
