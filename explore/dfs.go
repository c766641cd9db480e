package explore

import (
	"fmt"
	"slices"

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
	// pinned are the first decisions of every execution, never revisited
	// (a subtree of a split search, split.go).
	pinned scheduler.Schedule
	err    error
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
	for i := d.log.Len() - 1; i >= len(d.pinned); i-- {
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
	return d.extend(p)
}

// extend records a new decision: the subtree's pinned one, else the first
// alternative.
func (d *dfs) extend(p *scheduler.Point) int {
	k := 0
	if p.Index < len(d.pinned) {
		if k = slices.Index(p.Alternatives, d.pinned[p.Index]); k < 0 {
			d.err = fmt.Errorf("at decision %d, the subtree's decision %v is not an alternative: %w", p.Index+1, d.pinned[p.Index], scheduler.ErrNondeterministic)
			return -1
		}
	}
	d.log.Record(p, k)
	return k
}

// End reports non-determinism found while replaying.
func (d *dfs) End(*scheduler.Execution) error {
	if d.err != nil {
		return d.err
	}
	return d.log.Err()
}

// pin and branches make DFS splittable (split.go): every alternative is a
// branch, in order.
func (d *dfs) pin(prefix scheduler.Schedule) { d.pinned = prefix }

func (d *dfs) branches(p *scheduler.Point) []scheduler.Decision { return slices.Clone(p.Alternatives) }

func (d *dfs) signatures() map[Signature]struct{} { return nil }

// Coverage: DFS covers every execution.
func (d *dfs) Coverage() Coverage { return Coverage{Name: "dfs", Exhaustive: true} }

func (d *dfs) splittable() bool { return true }

// newDFSStrategy is DFS as c asks for it: stateful (statecache.go), whose
// state keys carry the symmetry reduction, or stateless behind c's filters.
func newDFSStrategy(c *Config) (Strategy, error) {
	if c.StateCache {
		return newStatefulDFS(c.symmetry()), nil
	}
	return withReductions(newDFS(), c), nil
}
