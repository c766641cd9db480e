package explore_test

import (
	"context"
	"fmt"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// settings is what a lazily started service publishes.
type settings struct{ workers int }

// Closing a channel to say "ready" is a Go singleton idiom: one goroutine
// builds the value and closes ready; every caller waits on ready, then
// reads the value. The close happens before every receive that observes
// it, so the reads do not race with the write and see the whole value,
// under every memory model (an Obtain of nil would be a nil-instance
// violation). The version that reads without waiting has no such edge:
// the checker finds the race.
func Example_publicationByClosingAChannel() {
	run := func(wait bool) func() {
		return func() {
			ready := model.NewChan[struct{}](0)
			var cfg model.Shared[*settings]
			model.Go(func() {
				cfg.Store(model.Constructed(&settings{workers: 4}))
				ready.Close()
			})
			for range 2 {
				model.Go(func() {
					if wait {
						ready.Recv()
					}
					if c := cfg.Load(); c != nil || wait {
						model.Obtain(c)
					}
				})
			}
		}
	}
	for _, wait := range []bool{true, false} {
		for _, mem := range model.Memories {
			res, err := explore.Explore(context.Background(), explore.FuncProgram("ready", run(wait)),
				explore.Config{Memory: mem})
			if err != nil {
				fmt.Println(err)
				return
			}
			fmt.Printf("wait=%v %s: %s %v\n", wait, mem, res.Verdict, res.Violations)
		}
	}
	// Output:
	// wait=true sc: safe []
	// wait=true tso: safe []
	// wait=true pso: safe []
	// wait=false sc: violation [data-race]
	// wait=false tso: violation [data-race]
	// wait=false pso: violation [data-race]
}
