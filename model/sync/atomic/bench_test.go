package atomic_test

import (
	"context"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync/atomic"
)

// benchOps is the number of Adds (and then one Load) each of the two
// threads performs: C(2·benchOps, benchOps) interleavings, all explored.
const benchOps = 4

// BenchmarkStep compares a step of the drop-in atomic.Int64 (Add, Load) on
// an implicit modelled goroutine with the same step of model.Atomic on a
// *Thread, in programs of the same shape, under one exhaustive strategy:
//
//	go test ./model/sync/atomic -run '^$' -bench Step
//
// ns/step is the search's time divided by its steps; the ratio of the two
// is the drop-in's overhead per step.
func BenchmarkStep(b *testing.B) {
	threadProg := model.Program{Name: "model.Atomic", Build: func(w *model.World) []model.Body {
		a := model.NewAtomic(w, "a")
		body := func(t *model.Thread) {
			for range benchOps {
				a.Add(t, 1)
			}
			a.Load(t)
		}
		return []model.Body{body, body}
	}}
	dropInProg := model.Program{Name: "atomic.Int64", Implicit: true, Build: func(*model.World) []model.Body {
		var x atomic.Int64
		body := func(*model.Thread) {
			for range benchOps {
				x.Add(1)
			}
			x.Load()
		}
		return []model.Body{body, body}
	}}
	for _, strategy := range []string{"dfs", "dpor"} {
		for _, prog := range []model.Program{threadProg, dropInProg} {
			b.Run(strategy+"/"+prog.Name, func(b *testing.B) {
				steps := 0
				var res *explore.Result
				for b.Loop() {
					var err error
					res, err = explore.Explore(context.Background(), prog, explore.Config{Strategy: strategy})
					if err != nil || !res.Complete {
						b.Fatalf("%v %+v", err, res)
					}
					steps += res.Stats.Steps
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(steps), "ns/step")
				b.ReportMetric(float64(res.Stats.Executions), "executions")
			})
		}
	}
}
