package protocols_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// witnesses are the counterexamples docs/isolated-environment.md walks
// through, with the kinds its step-by-step reading finds in each. Replaying
// them keeps the page's replay commands true. The last is the three-thread
// partial-init of dual-selfheal, which plain DFS does not reach within its
// first ten million executions: the two-thread counterexample, with the
// third worker run at the end.
var witnesses = []struct {
	p        *protocols.Protocol
	threads  int
	schedule string
	kinds    []model.Kind // distinct, in the order of model.Kinds
}{
	{protocols.DualReset, 2, "0x2.2.1x11", []model.Kind{model.MultipleConstruction, model.DivergentInstances}},
	{protocols.DualReset, 2, "0x2.1.2.1x2", []model.Kind{model.NilInstance}},
	{protocols.DualReset, 3, "0x2.1.3.2x5.1x3.2x3.1x2.2x3", []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.Reinitialization}},
	{protocols.DualSelfHeal, 2, "2.1x5.0x5.1x6", []model.Kind{model.MultipleConstruction, model.PartialInit}},
	{protocols.DualSelfHeal, 2, "1.2.0x3.1x2", []model.Kind{model.NilInstance}},
	{protocols.DualSelfHeal, 3, "3.1x5.0x5.1x6.2x4", []model.Kind{model.MultipleConstruction, model.PartialInit}},
}

func TestWitnesses(t *testing.T) {
	for _, w := range witnesses {
		for _, m := range model.Memories {
			t.Run(fmt.Sprintf("%s/N=%d/%s/%s", w.p.Name, w.threads, m, w.schedule), func(t *testing.T) {
				s, err := scheduler.Parse(w.schedule)
				require.NoError(t, err)
				e, err := scheduler.Replay(w.p.Program(protocols.Workload{Threads: w.threads, Calls: 1}), s, scheduler.Options{Memory: m})
				require.NoError(t, err)
				var got []model.Kind
				for _, v := range e.Violations() {
					if !slices.Contains(got, v.Kind) {
						got = append(got, v.Kind)
					}
				}
				slices.SortFunc(got, func(a, b model.Kind) int {
					return slices.Index(model.Kinds, a) - slices.Index(model.Kinds, b)
				})
				if diff := cmp.Diff(w.kinds, got); diff != "" {
					t.Errorf("replayed kinds differ (-want +got):\n%s", diff)
				}
				for _, k := range got {
					require.Contains(t, w.p.Expected(m, w.threads), k, "a witness shows only expected kinds")
				}
			})
		}
	}
}
