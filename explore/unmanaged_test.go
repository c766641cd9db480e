package explore_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/model/sync"
)

// A goroutine that checked code starts with a real go statement is
// reported as unmanaged, with a message that names model.Go: caught when
// it uses a drop-in while a modelled goroutine runs, or found alive when
// the execution ends. The search stops with the error; it never hangs and
// never crashes. Each case waits for its unmanaged goroutines to end (they
// end at their first use of a drop-in), so that none outlives the test.
func TestGoStatementInCheckedCodeIsReported(t *testing.T) {
	type run struct {
		main func()
		wait func() // lets the unmanaged goroutines go on, and waits for their end
	}
	cases := []struct {
		name string
		mk   func() run
		msg  string // what the error says, besides the fix
	}{
		{"uses a drop-in while main runs", func() run {
			// main waits natively until the goroutine has used the mutex
			// (and ended): the use falls inside the execution.
			return run{main: func() {
				var mu sync.Mutex
				used := make(chan struct{})
				go func() {
					defer close(used)
					mu.Lock()
				}()
				<-used
			}, wait: func() {}}
		}, "used a modelled primitive at "},
		{"still running when the execution ends", func() run {
			release, done := make(chan struct{}), make(chan struct{})
			return run{main: func() {
				var mu sync.Mutex
				go func() {
					defer close(done)
					<-release
					mu.Lock() // after the search: ends quietly
				}()
				model.Go(func() { mu.Lock() })
			}, wait: func() { close(release); <-done }}
		}, "still running when the execution ended"},
		{"joined through a drop-in WaitGroup", func() run {
			done := make(chan struct{})
			return run{main: func() {
				var mu sync.Mutex
				var wg sync.WaitGroup
				wg.Add(1)
				go func() {
					defer close(done)
					defer wg.Done()
					mu.Lock()
					//lint:ignore SA2001 the stray goroutine's first modelled step is what is tested
					mu.Unlock()
				}()
				wg.Wait()
			}, wait: func() { <-done }}
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for range 10 { // when the goroutine runs is up to the Go scheduler
				// The stray of the run before may still be ending: the
				// detector must not count on the process's goroutines.
				r := c.mk()
				_, err := explore.Explore(context.Background(), explore.FuncProgram(c.name, r.main), explore.Config{})
				r.wait()
				require.ErrorIs(t, err, model.ErrUnmanagedGoroutine)
				assert.Contains(t, err.Error(), c.msg)
				assert.Contains(t, err.Error(), "start it with model.Go(func() { ... })")
			}
		})
	}
}
