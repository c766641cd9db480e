package explore

import (
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"pgregory.net/rapid"
)

func TestDebugOptimal(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		o := progs.Options{MinThreads: 2, MaxThreads: 2, MaxOps: 3, MaxVars: 2}
		o.Kinds = []progs.Kind{progs.Load, progs.Store, progs.Lock, progs.Unlock, progs.CAS, progs.AtomicLoad, progs.AtomicStore}
		spec := progs.Gen(o).Draw(rt, "spec")
		mem := rapid.SampledFrom(model.Memories).Draw(rt, "mem")
		prog := spec.Program()
		dfs := exploreReach(t, prog, "dfs", mem, 20000)
		opt := exploreReach(t, prog, "dpor", mem, 200000)
		if len(dfs.Traces) != len(opt.Traces) {
			rt.Fatalf("traces dfs %d opt %d", len(dfs.Traces), len(opt.Traces))
		}
		if opt.Stats.SleepBlocked > 0 || opt.Stats.Executions != len(opt.Traces) {
			rt.Fatalf("opt: %d executions %d traces %d sleep-blocked", opt.Stats.Executions, len(opt.Traces), opt.Stats.SleepBlocked)
		}
	})
}
