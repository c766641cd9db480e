package sync_test

import (
	"context"
	"fmt"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model/sync"
)

// A reader that takes the read lock twice deadlocks once a writer waits in
// between, as with Go's RWMutex: the checker finds the interleaving.
func ExampleRWMutex() {
	main := func() {
		var rw sync.RWMutex
		var wg sync.WaitGroup
		wg.Go(func() {
			rw.RLock()
			rw.RLock() // blocks if the writer waits
			rw.RUnlock()
			rw.RUnlock()
		})
		wg.Go(func() {
			rw.Lock()
			rw.Unlock()
		})
		wg.Wait()
	}
	res, err := explore.Explore(context.Background(), explore.FuncProgram("recursive-rlock", main), explore.Config{})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Violations)
	// Output:
	// violation [deadlock]
}

// Pool.Get is a choice: the value put, or a new one.
func ExamplePool() {
	got := map[any]bool{}
	main := func() {
		p := sync.Pool{New: func() any { return "new" }}
		p.Put("put")
		got[p.Get()] = true
	}
	res, err := explore.Explore(context.Background(), explore.FuncProgram("pool", main), explore.Config{Strategy: "dfs"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Stats.Executions, got["put"], got["new"])
	// Output:
	// safe 2 true true
}
