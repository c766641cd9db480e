package explore

import (
	"fmt"
	"testing"

	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

type dbgStrat struct{ Strategy }

func (d dbgStrat) End(e *scheduler.Execution) error {
	fmt.Println("exec", e.Schedule, e.Status, TraceSignature(e))
	return d.Strategy.End(e)
}

func TestDbg2(t *testing.T) {
	spec := progs.Spec{Vars: 1, Threads: [][]progs.Op{{{Kind: progs.AtomicLoad}}, {{Kind: progs.Lock}}, {{Kind: progs.CAS}, {Kind: progs.Load}, {Kind: progs.Store}, {Kind: progs.Lock}}}}
	c := Config{Strategy: "dpor", Memory: model.TSO}
	c.Normalize()
	s, _ := NewStrategy(&c)
	debugDPOR = true
	res, err := Search(t.Context(), spec.Program(), dbgStrat{s}, c)
	fmt.Println(res.Stats, err)
}
