package explore

import (
	"github.com/singlecheck/singlecheck/scheduler"
)

// dfs enumerates every execution, depth first: the reference every
// reduction is checked against. It is stateless: each execution re-runs the
// program from the start, replaying the prefix it shares with the previous
// one (its decision log), then takes the first alternative at every new
// decision point.
type dfs struct {
	log     scheduler.Log
	started bool
}

func newDFS() *dfs { return &dfs{} }

// Begin moves to the next unexplored execution: the deepest decision with
// an untried alternative takes its next one.
func (d *dfs) Begin() bool {
	d.log.Rewind()
	if !d.started {
		d.started = true
		return true
	}
	for i := d.log.Len() - 1; i >= 0; i-- {
		if k, n := d.log.Choice(i); k+1 < n {
			d.log.Truncate(i + 1)
			d.log.SetChoice(i, k+1)
			return true
		}
	}
	return false
}

// Decide replays the log, then extends it with first alternatives.
func (d *dfs) Decide(p *scheduler.Point) int {
	if k, ok := d.log.Replay(p); ok {
		return k
	}
	d.log.Record(p, 0)
	return 0
}

// End reports non-determinism found while replaying.
func (d *dfs) End(*scheduler.Execution) error { return d.log.Err() }

// Coverage: DFS covers every execution.
func (d *dfs) Coverage() Coverage { return Coverage{Name: "dfs", Exhaustive: true} }
