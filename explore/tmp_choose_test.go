package explore

import (
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"pgregory.net/rapid"
)

func TestTmpChoose(t *testing.T) {
	n, bad, sb := 0, 0, 0
	rapid.Check(t, func(rt *rapid.T) {
		spec := progs.Gen(progs.Default).Draw(rt, "program")
		if !spec.HasChoose() {
			rt.Skip()
		}
		m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
		got := exploreReach(rt, spec.Program(), "dpor", m, 100000, false)
		n++
		if got.Stats.Executions != len(got.Traces) {
			bad++
		}
		sb += got.Stats.SleepBlocked
	})
	t.Logf("%d choose programs, %d with redundant executions, %d sleep-blocked", n, bad, sb)
}
