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
	spec := progs.Spec{Vars: 2, Threads: [][]progs.Op{{{Kind: progs.Store}, {Kind: progs.Store, Var: 1}, {Kind: progs.Lock}}, {{Kind: progs.Load}}}}
	c := Config{Strategy: "dpor", Memory: model.PSO}
	c.Normalize()
	s, _ := NewStrategy(&c)
	res, err := Search(t.Context(), spec.Program(), dbgStrat{s}, c)
	fmt.Println(res.Stats, err)
}
