package explore_test

import (
	"context"
	"fmt"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// DPOR explores one execution per Mazurkiewicz trace where DFS explores
// every interleaving; CountTraces lets DFS count the traces it reaches, and
// both find the same ones.
func Example_dpor() {
	prog := protocols.Mutex.Program(protocols.Workload{Threads: 3, Calls: 1})
	for _, s := range []string{"dfs", "source-dpor", "dpor"} {
		c := explore.Config{NoSymmetry: true, Strategy: s, Memory: model.SC}
		st, err := explore.NewStrategy(&c)
		if err != nil {
			panic(err)
		}
		res, err := explore.Search(context.Background(), prog, explore.CountTraces(st), c)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-11s %s: %d executions, %d traces\n", s, res.Verdict, res.Stats.Executions, res.Stats.Traces)
	}
	// Output:
	// dfs         safe: 270 executions, 6 traces
	// source-dpor safe: 6 executions, 6 traces
	// dpor        safe: 6 executions, 6 traces
}
