package explore

import (
	"math/rand/v2"

	"github.com/singlecheck/singlecheck/scheduler"
)

// Defaults of the sampling strategies (random, pct).
const (
	// DefaultRuns is the number of executions of a sampling strategy when
	// Config.Runs is 0.
	DefaultRuns = 1000
	// DefaultDepth is the bug depth PCT targets when Config.Depth is 0.
	DefaultDepth = 3
	// MaxDepth bounds Config.Depth: PCT's guarantee shrinks as k^(d−1), so
	// deeper targets are almost surely a mistake.
	MaxDepth = 32
)

// runRNG is the random source of run `run` of a search seeded with seed:
// a PCG stream whose two state words are splitmix64 mixes of the seed, the
// run index and a per-strategy salt, so that neighbouring seeds and runs give
// unrelated streams and no global source is ever used.
func runRNG(salt, seed uint64, run int) *rand.Rand {
	hi := splitmix64(seed ^ splitmix64(salt))
	lo := splitmix64(hi ^ splitmix64(uint64(run)+0x632be59bd9b4e019))
	return rand.New(rand.NewPCG(hi, lo))
}

// splitmix64 is the finalizer of Steele, Lea and Flood's SplitMix64
// (OOPSLA 2014): a bijection of uint64 that scatters nearby inputs.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Salts keep the random streams of different strategies apart for one seed.
const (
	saltRandom = 1
	saltPCT    = 2
)

// random is the random walk: at every decision point it picks one of the
// alternatives uniformly at random (which thread runs, which store buffer
// flushes, which value a choice takes). Run i of a search seeded with s
// draws from a stream that depends on (s, i) alone.
type random struct {
	seed uint64
	runs int
	run  int // index of the next run
	rng  *rand.Rand
}

// newRandom returns a random walk of runs executions seeded with seed.
func newRandom(seed uint64, runs int) *random {
	return &random{seed: seed, runs: runs}
}

// Begin starts the next run, until runs have been made.
func (r *random) Begin() bool {
	if r.run >= r.runs {
		return false
	}
	r.rng = runRNG(saltRandom, r.seed, r.run)
	r.run++
	return true
}

// Decide picks an alternative uniformly at random.
func (r *random) Decide(p *scheduler.Point) int {
	if len(p.Alternatives) == 1 {
		return 0
	}
	return r.rng.IntN(len(p.Alternatives))
}

// End has nothing to learn from an execution.
func (r *random) End(*scheduler.Execution) error { return nil }

// Coverage: a random walk that finds nothing proves nothing; its seed and
// a run index reproduce any of its executions.
func (r *random) Coverage() Coverage {
	return Coverage{Name: "random", Seeded: true, Seed: r.seed}
}

// skipTo makes run the next run without performing the ones before it: a
// random walk's runs do not depend on each other.
func (r *random) skipTo(run int) { r.run = run }

func newRandomStrategy(c *Config) (Strategy, error) { return newRandom(c.Seed, c.Runs), nil }

// WithSeed seeds a sampling strategy (random, pct).
func WithSeed(seed uint64) Option { return func(c *Config) { c.Seed = seed } }

// WithRuns sets the number of executions of a sampling strategy.
func WithRuns(n int) Option { return func(c *Config) { c.Runs = n } }

// WithDepth sets the bug depth PCT targets.
func WithDepth(d int) Option { return func(c *Config) { c.Depth = d } }
