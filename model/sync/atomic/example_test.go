package atomic_test

import (
	"context"
	"fmt"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// Two goroutines count hits: with Add no update is lost; with a Load and a
// Store (each atomic, so no data race) one can be.
func Example() {
	count := func(inc func(*atomic.Int64)) func() {
		return func() {
			var hits atomic.Int64
			var done atomic.Int32
			done.Load()
			for range 2 {
				model.Go(func() {
					inc(&hits)
					done.Add(1)
				})
			}
			model.Current().Spin(func() bool { return done.Load() == 2 })
			model.Assert(hits.Load() == 2, "lost an update: %d hits", hits.Load())
		}
	}
	for name, inc := range map[string]func(*atomic.Int64){
		"add":        func(h *atomic.Int64) { h.Add(1) },
		"load+store": func(h *atomic.Int64) { h.Store(h.Load() + 1) },
	} {
		res, err := explore.Explore(context.Background(), explore.FuncProgram(name, count(inc)), explore.Config{Memory: model.TSO})
		if err != nil {
			panic(err)
		}
		fmt.Println(name, res.Verdict, res.Violations)
	}
	// Unordered output:
	// add safe []
	// load+store violation [assertion]
}
