package explore

import (
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

func TestSmokeDPOR(t *testing.T) {
	for _, p := range protocols.All {
		for _, n := range []int{2, 3} {
			for _, m := range model.Memories {
				prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
				dfs := exploreReach(t, prog, "dfs", m, 2_000_000)
				src := exploreReach(t, prog, "source-dpor", m, 2_000_000)
				opt := exploreReach(t, prog, "dpor", m, 2_000_000)
				fmt.Printf("%s n=%d %s: dfs %d ex %d tr | src %d ex %d tr %d sb | opt %d ex %d tr %d sb | kinds %v %v %v out %d %d %d\n",
					p.Name, n, m, dfs.Stats.Executions, len(dfs.Traces), src.Stats.Executions, len(src.Traces), src.Stats.SleepBlocked,
					opt.Stats.Executions, len(opt.Traces), opt.Stats.SleepBlocked, sortedKinds(dfs.Kinds), sortedKinds(src.Kinds), sortedKinds(opt.Kinds),
					len(dfs.Outcomes), len(src.Outcomes), len(opt.Outcomes))
			}
		}
	}
}
