package model_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// replay runs prog under m along the schedule text, which must be complete.
func replay(t *testing.T, prog model.Program, m model.Memory, text string) *scheduler.Execution {
	t.Helper()
	s, err := scheduler.Parse(text)
	require.NoError(t, err)
	e, err := scheduler.Replay(prog, s, scheduler.Options{Memory: m, NoRaces: true})
	require.NoError(t, err)
	require.Equal(t, scheduler.Finished, e.Status)
	return e
}

// recorder picks the first alternative and remembers every point's
// alternatives as schedule tokens.
type recorder struct{ points [][]string }

func (r *recorder) Decide(p *scheduler.Point) int {
	alts := make([]string, len(p.Alternatives))
	for i, a := range p.Alternatives {
		alts[i] = a.String()
	}
	r.points = append(r.points, alts)
	return 0
}

func TestLoadReadsOwnBufferFirst(t *testing.T) {
	// T0 stores x=1 and reads x back; T1 reads x before T0's store is
	// flushed. Locations: x is 0.
	prog := model.Program{Name: "own", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); t.Observe("a", x.Load(t)) },
			func(t *model.Thread) { t.Observe("b", x.Load(t)) },
		}
	}}
	tests := []struct {
		memory   model.Memory
		schedule string
		want     string
	}{
		// Under SC the store is in memory at once, so T1 sees it.
		{model.SC, "0x2.1", "x=1 T0: a=1 T1: b=1"},
		// Under TSO and PSO T0 sees its own buffered store, T1 does not.
		{model.TSO, "0x2.1.f0:0", "x=1 T0: a=1 T1: b=0"},
		{model.PSO, "0x2.1.f0:0", "x=1 T0: a=1 T1: b=0"},
		// Flushed first, everybody sees it.
		{model.TSO, "0.f0:0.0.1", "x=1 T0: a=1 T1: b=1"},
	}
	for _, tc := range tests {
		t.Run(tc.memory.String()+"/"+tc.schedule, func(t *testing.T) {
			e := replay(t, prog, tc.memory, tc.schedule)
			assert.Equal(t, tc.want, e.World.Outcome())
		})
	}
}

func TestNewestBufferedStoreWins(t *testing.T) {
	// Two buffered stores to x: the thread reads the newer; memory gets
	// both in order, so the final value is the newer.
	prog := model.Program{Name: "newest", Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{func(t *model.Thread) { x.Store(t, 1); x.Store(t, 2); t.Observe("a", x.Load(t)) }}
	}}
	for _, m := range []model.Memory{model.TSO, model.PSO} {
		e := replay(t, prog, m, "0x3.f0:0x2")
		assert.Equal(t, "x=2 T0: a=2", e.World.Outcome(), m)
	}
}

func TestFlushableAlternatives(t *testing.T) {
	// T0 stores x=1, y=2, x=3 (x is location 0, y is 1), then the only
	// alternatives left are flushes. TSO offers the oldest entry only; PSO
	// the oldest entry of each location; SC none.
	prog := model.Program{Name: "flushable", Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{func(t *model.Thread) { x.Store(t, 1); y.Store(t, 2); x.Store(t, 3) }}
	}}
	tests := []struct {
		memory model.Memory
		want   [][]string
	}{
		{model.SC, [][]string{{"0"}, {"0"}, {"0"}}},
		{model.TSO, [][]string{{"0"}, {"0", "f0:0"}, {"0", "f0:0"}, {"f0:0"}, {"f0:1"}, {"f0:0"}}},
		// After x=1 is flushed first, the buffer holds y=2, x=3: both heads.
		{model.PSO, [][]string{{"0"}, {"0", "f0:0"}, {"0", "f0:0", "f0:1"}, {"f0:0", "f0:1"}, {"f0:1", "f0:0"}, {"f0:0"}}},
	}
	for _, tc := range tests {
		r := &recorder{}
		e := scheduler.Run(prog, r, scheduler.Options{Memory: tc.memory})
		require.Equal(t, scheduler.Finished, e.Status)
		assert.Empty(t, cmp.Diff(tc.want, r.points), tc.memory)
		assert.Equal(t, "x=3 y=2", e.World.Outcome(), tc.memory)
	}
}

func TestFencesDrainTheBuffer(t *testing.T) {
	// T0 buffers x=1 and y=2, then performs a fence. The fence's event must
	// follow one flush per store, oldest first, each carrying the clock of
	// T0's step before the fence; afterwards the buffer is empty.
	fences := []struct {
		name string
		op   func(w *model.World) func(t *model.Thread)
		kind model.OpKind
	}{
		{"lock", func(w *model.World) func(*model.Thread) {
			m := model.NewMutex(w, "m")
			return func(t *model.Thread) { m.Lock(t) }
		}, model.OpLock},
		{"atomic-load", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.Load(t) }
		}, model.OpAtomicLoad},
		{"atomic-store", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.Store(t, 1) }
		}, model.OpAtomicStore},
		{"cas", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.CompareAndSwap(t, 5, 1) }
		}, model.OpCAS},
		{"swap", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.Swap(t, 1) }
		}, model.OpSwap},
		{"add", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.Add(t, 1) }
		}, model.OpAdd},
		{"and", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.And(t, 1) }
		}, model.OpAnd},
		{"or", func(w *model.World) func(*model.Thread) {
			a := model.NewAtomic(w, "a")
			return func(t *model.Thread) { a.Or(t, 1) }
		}, model.OpOr},
		{"once", func(w *model.World) func(*model.Thread) {
			o := model.NewOnce(w, "o")
			return func(t *model.Thread) { o.Do(t, func() {}) }
		}, model.OpAtomicLoad},
	}
	for _, f := range fences {
		for _, m := range []model.Memory{model.TSO, model.PSO} {
			t.Run(f.name+"/"+m.String(), func(t *testing.T) {
				var buffered int
				prog := model.Program{Name: f.name, Build: func(w *model.World) []model.Body {
					x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
					fence := f.op(w)
					return []model.Body{func(t *model.Thread) {
						x.Store(t, 1)
						y.Store(t, 2)
						fence(t)
						buffered = t.Buffered()
					}}
				}}
				e := scheduler.Run(prog, &recorder{}, scheduler.Options{Memory: m})
				require.Equal(t, scheduler.Finished, e.Status)
				evs := e.World.Events()
				require.GreaterOrEqual(t, len(evs), 5)
				ops := []model.OpKind{evs[0].Op, evs[1].Op, evs[2].Op, evs[3].Op, evs[4].Op}
				assert.Equal(t, []model.OpKind{model.OpStore, model.OpStore, model.OpFlush, model.OpFlush, f.kind}, ops)
				assert.True(t, evs[0].Buffered && evs[1].Buffered)
				assert.Equal(t, []int{0, 1}, []int{evs[2].Loc, evs[3].Loc}, "flushed oldest first")
				assert.Equal(t, evs[1].Clock, evs[2].Clock)
				assert.Equal(t, evs[1].Clock, evs[3].Clock)
				assert.Zero(t, buffered)
			})
		}
	}
}

func TestBuffersDrainBeforeTheEnd(t *testing.T) {
	// An execution ends only when every buffer is empty, so the outcome
	// holds every store, and a thread blocked on a lock can still have its
	// buffer flushed.
	prog := model.Program{Name: "end", Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { y.Store(t, 1) },
		}
	}}
	for _, m := range model.Memories {
		e := scheduler.Run(prog, &recorder{}, scheduler.Options{Memory: m})
		require.Equal(t, scheduler.Finished, e.Status)
		assert.Equal(t, "x=1 y=1", e.World.Outcome(), m)
		for _, th := range e.World.Threads() {
			assert.Zero(t, th.Buffered(), m)
		}
	}
}

func TestMutexFlushCombinatorics(t *testing.T) {
	// In the mutex protocol the first thread to lock constructs, buffering
	// two stores (the field, then inst) before its unlock drains them; the
	// others wait on the lock and find inst set. The only new choices are
	// where the two flushes go among init, store and unlock: under TSO in
	// order, with each either explicit in one of the gaps after its store or
	// left to the drain, 5 ways; under PSO, in either order, 7 ways. So DFS
	// runs exactly 5 and 7 times the executions it runs under SC.
	for _, n := range []int{2, 3} {
		prog := protocols.Mutex.Program(protocols.Workload{Threads: n, Calls: 1})
		execs := map[model.Memory]int{}
		for _, m := range model.Memories {
			res, err := explore.Explore(context.Background(), prog, explore.Config{NoSymmetry: true, Memory: m, Strategy: "dfs"})
			require.NoError(t, err)
			require.Equal(t, explore.Safe, res.Verdict)
			execs[m] = res.Stats.Executions
		}
		assert.Equal(t, 5*execs[model.SC], execs[model.TSO], "N=%d", n)
		assert.Equal(t, 7*execs[model.SC], execs[model.PSO], "N=%d", n)
	}
}
