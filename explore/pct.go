package explore

import (
	"math/rand/v2"
	"slices"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// pct is probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi,
// Nagarakatte, "A Randomized Scheduler with Probabilistic Guarantees of
// Finding Bugs", ASPLOS 2010). Every run gives each schedulable entity a
// random distinct priority and draws d−1 priority change points among the
// estimated k steps of an execution; at every step the enabled entity of
// highest priority runs, and at the i-th change point the entity about to
// run drops to priority d−i, below every initial priority. A bug of depth d
// (d ordering constraints) is found by one run with probability at least
// 1/(n·k^(d−1)) for n threads.
//
// Entities are the worker threads and the store buffers: under TSO each
// thread's FIFO buffer, under PSO each (thread, location) buffer, is an
// entity of its own whose flushes run when it has the highest priority, so
// that a buffer of low priority holds its stores back while threads run.
// Choice points take a value uniformly at random.
//
// k is not known in advance; as in shuttle's PCT scheduler it is estimated
// on the fly as the largest number of steps of the previous runs (run 0 has
// no change points). Run i therefore depends on the lengths of runs 0..i−1,
// which are themselves functions of the seed: (seed, i) still determines run
// i, and ReplayRun re-performs the earlier runs to regain the estimate.
type pct struct {
	seed  uint64
	runs  int
	depth int
	pso   bool
	run   int // index of the next run
	k     int // estimated steps of an execution: the most seen so far

	rng     *rand.Rand
	prio    map[pctEntity]int64
	changes []int // step indices of the change points, in order of i
	steps   int   // thread and flush decisions so far in this run
}

// pctEntity is one schedulable entity: a thread (flush false), or a store
// buffer (flush true; loc is -1 under TSO, where a thread has one buffer).
type pctEntity struct {
	flush  bool
	thread int
	loc    int
}

// newPCT returns a PCT search of runs executions at bug depth depth (at
// least 1) seeded with seed, under memory model m (which decides what a
// store buffer is).
func newPCT(seed uint64, runs, depth int, m model.Memory) *pct {
	return &pct{seed: seed, runs: runs, depth: max(depth, 1), pso: m == model.PSO}
}

// Begin starts the next run: fresh priorities, d−1 change points drawn
// without replacement from the steps 1..k.
func (p *pct) Begin() bool {
	if p.run >= p.runs {
		return false
	}
	p.rng = runRNG(saltPCT, p.seed, p.run)
	p.run++
	p.steps = 0
	clear(p.prio)
	if p.prio == nil {
		p.prio = map[pctEntity]int64{}
	}
	p.changes = p.changes[:0]
	for n := min(p.depth-1, p.k); len(p.changes) < n; {
		if s := 1 + p.rng.IntN(p.k); !slices.Contains(p.changes, s) {
			p.changes = append(p.changes, s)
		}
	}
	return true
}

// priority is e's priority, drawn the first time e is seen: a random value
// above every priority a change point assigns (1..d−1). Distinctness holds
// with overwhelming probability; ties go to the earlier alternative.
func (p *pct) priority(e pctEntity) int64 {
	pr, ok := p.prio[e]
	if !ok {
		pr = int64(p.depth) + 1 + int64(p.rng.Uint64()>>2)
		p.prio[e] = pr
	}
	return pr
}

func (p *pct) entity(d scheduler.Decision) pctEntity {
	switch {
	case d.Kind == scheduler.ThreadDecision:
		return pctEntity{thread: d.Thread, loc: -1}
	case p.pso:
		return pctEntity{flush: true, thread: d.Thread, loc: d.Arg}
	}
	return pctEntity{flush: true, thread: d.Thread, loc: -1}
}

// Decide runs the enabled entity of highest priority, lowering it first if
// this step is a change point.
func (p *pct) Decide(pt *scheduler.Point) int {
	alts := pt.Alternatives
	if alts[0].Kind == scheduler.ChoiceDecision {
		if len(alts) == 1 {
			return 0
		}
		return p.rng.IntN(len(alts))
	}
	p.steps++
	best := p.highest(alts)
	for i, s := range p.changes {
		if s == p.steps {
			p.prio[p.entity(alts[best])] = int64(p.depth - 1 - i)
			best = p.highest(alts)
		}
	}
	return best
}

func (p *pct) highest(alts []scheduler.Decision) int {
	best, bp := 0, int64(-1)
	for i, a := range alts {
		if pr := p.priority(p.entity(a)); pr > bp {
			best, bp = i, pr
		}
	}
	return best
}

// End updates the estimate of k.
func (p *pct) End(*scheduler.Execution) error {
	p.k = max(p.k, p.steps)
	return nil
}

// Coverage: PCT samples; its seed and a run index reproduce any of its
// executions.
func (p *pct) Coverage() Coverage { return Coverage{Name: "pct", Seeded: true, Seed: p.seed} }

func newPCTStrategy(c *Config) (Strategy, error) {
	return newPCT(c.Seed, c.Runs, c.Depth, c.Memory), nil
}
