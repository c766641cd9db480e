package protocols_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// rapidDecider draws every decision of an execution from a *rapid.T.
type rapidDecider struct{ t *rapid.T }

func (d rapidDecider) Decide(p *scheduler.Point) int {
	return rapid.IntRange(0, len(p.Alternatives)-1).Draw(d.t, fmt.Sprintf("decision %d", p.Index))
}

// TestModelsWellFormed runs every protocol under random valid workloads
// (every knob, including the dual family's entry points and resets) and
// random schedules: a model must always run to its end, without a panic it
// did not mean (once-panic's is recovered), an assertion, a deadlock or a
// runaway loop. Contract violations are the point of most protocols and
// are not checked here.
func TestModelsWellFormed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := rapid.SampledFrom(protocols.All).Draw(t, "protocol")
		wl := protocols.Workload{
			Threads: rapid.IntRange(1, 4).Draw(t, "threads"),
			Calls:   rapid.IntRange(1, 3).Draw(t, "calls"),
			Entries: rapid.SliceOfN(rapid.SampledFrom([]protocols.Entry{
				protocols.EntryAccessor, protocols.EntryConstructor, protocols.EntryClassMethod}), 0, 3).Draw(t, "entries"),
			Resets: rapid.IntRange(0, 3).Draw(t, "resets"),
		}
		require.NoError(t, wl.Validate())
		m := rapid.SampledFrom(model.Memories).Draw(t, "memory")
		e := scheduler.Run(p.Program(wl), rapidDecider{t}, scheduler.Options{Memory: m})
		require.Equal(t, scheduler.Finished, e.Status, "%s: %s", p.Name, e.Message())
		for _, v := range e.Violations() {
			switch v.Kind {
			case model.Panic, model.Assertion, model.Deadlock:
				t.Fatalf("%s under %+v: %v\n%s", p.Name, wl, v, v.Stack)
			}
		}
	})
}
