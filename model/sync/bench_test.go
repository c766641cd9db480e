package sync_test

import (
	"context"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// BenchmarkStep compares the cost of a step of a drop-in primitive with a
// step of the model primitive it stands for, on the same program: two
// threads that each lock and unlock a mutex (an RWMutex's read lock) three
// times, explored exhaustively by DFS.
//
//	go test ./model/sync -run '^$' -bench Step
//
// ns/step is the figure to compare.
func BenchmarkStep(b *testing.B) {
	const rounds = 3
	cases := []struct {
		name string
		prog model.Program
	}{
		{"Mutex/model", model.Program{Name: "model", Build: func(w *model.World) []model.Body {
			mu := model.NewMutex(w, "mu")
			body := func(t *model.Thread) {
				for range rounds {
					mu.Lock(t)
					mu.Unlock(t)
				}
			}
			return []model.Body{body, body}
		}}},
		{"Mutex/drop-in", model.Program{Name: "drop-in", Implicit: true, Build: func(w *model.World) []model.Body {
			var mu sync.Mutex
			body := func(*model.Thread) {
				for range rounds {
					mu.Lock()
					mu.Unlock()
				}
			}
			return []model.Body{body, body}
		}}},
		{"RWMutex/model", model.Program{Name: "model", Build: func(w *model.World) []model.Body {
			rw := model.NewRWMutex(w, "rw")
			body := func(t *model.Thread) {
				for range rounds {
					rw.RLock(t)
					rw.RUnlock(t)
				}
			}
			return []model.Body{body, body}
		}}},
		{"RWMutex/drop-in", model.Program{Name: "drop-in", Implicit: true, Build: func(w *model.World) []model.Body {
			var rw sync.RWMutex
			body := func(*model.Thread) {
				for range rounds {
					rw.RLock()
					rw.RUnlock()
				}
			}
			return []model.Body{body, body}
		}}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			cfg := explore.Config{Strategy: "dfs", NoSymmetry: true}
			steps := 0
			for b.Loop() {
				res, err := explore.Explore(context.Background(), c.prog, cfg)
				if err != nil || !res.Complete {
					b.Fatalf("%s: %v", c.name, err)
				}
				steps += res.Stats.Steps
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(steps), "ns/step")
		})
	}
}
