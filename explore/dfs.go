package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/scheduler"
)

// DFS enumerates every execution, depth first: the reference every
// reduction is checked against. It is stateless: each execution re-runs the
// program from the start, replaying the prefix it shares with the previous
// one, then takes the first alternative at every new decision point.
type DFS struct {
	stack   []dfsFrame
	depth   int
	started bool
	err     error
}

type dfsFrame struct {
	chosen int
	n      int
	dec    scheduler.Decision
}

// NewDFS returns a fresh exhaustive depth-first strategy.
func NewDFS() *DFS { return &DFS{} }

// Begin moves to the next unexplored execution: the deepest decision with
// an untried alternative takes its next one.
func (d *DFS) Begin() bool {
	d.depth = 0
	if !d.started {
		d.started = true
		return true
	}
	for len(d.stack) > 0 {
		top := &d.stack[len(d.stack)-1]
		if top.chosen+1 < top.n {
			top.chosen++
			return true
		}
		d.stack = d.stack[:len(d.stack)-1]
	}
	return false
}

// Decide replays the stack, then extends it with first alternatives. A
// replayed point that offers different alternatives than when it was first
// seen means the model is not deterministic.
func (d *DFS) Decide(p *scheduler.Point) int {
	i := d.depth
	d.depth++
	if i < len(d.stack) {
		f := &d.stack[i]
		if f.n != len(p.Alternatives) || p.Alternatives[0] != f.dec {
			d.err = fmt.Errorf("at decision %d: %w", i+1, scheduler.ErrNondeterministic)
			return -1
		}
		return f.chosen
	}
	d.stack = append(d.stack, dfsFrame{chosen: 0, n: len(p.Alternatives), dec: p.Alternatives[0]})
	return 0
}

// End reports non-determinism found while replaying, and checks that the
// execution used every replayed decision.
func (d *DFS) End(e *scheduler.Execution) error {
	if d.err == nil && d.depth < len(d.stack) {
		d.err = fmt.Errorf("execution ended after %d decisions, before the %d it took before: %w",
			d.depth, len(d.stack), scheduler.ErrNondeterministic)
	}
	return d.err
}

// Exhaustive is true: DFS covers every execution.
func (d *DFS) Exhaustive() bool { return true }
