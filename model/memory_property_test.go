package model_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// The property: for random straight-line programs of plain loads and
// stores and fences, the outcomes an exhaustive search of the model reaches
// under SC, TSO and PSO are exactly those of a reference abstract machine
// written here from the definitions (x86-TSO: Owens, Sarkar, Sewell 2009;
// PSO: SPARC V8 appendix K), explored state by state. The reference shares
// no code with package model or the scheduler.

type smOp struct {
	kind byte // 's' store, 'l' load, 'f' fence
	loc  int  // 0 or 1
	val  int  // distinct per store
}

func genSMThread(t *rapid.T, label string, maxLen int) []smOp {
	n := rapid.IntRange(1, maxLen).Draw(t, label+".len")
	ops := make([]smOp, n)
	for i := range ops {
		l := fmt.Sprintf("%s.%d", label, i)
		ops[i] = smOp{
			kind: rapid.SampledFrom([]byte{'s', 's', 'l', 'l', 'f'}).Draw(t, l),
			loc:  rapid.IntRange(0, 1).Draw(t, l+".loc"),
		}
	}
	return ops
}

// smProgram is the program as a model.Program: variables x and y, and an
// atomic f whose always-succeeding compare-and-swap is the fence.
func smProgram(threads [][]smOp) model.Program {
	return model.Program{Name: "sm", Build: func(w *model.World) []model.Body {
		vars := []model.Var{model.NewVar(w, "x"), model.NewVar(w, "y")}
		f := model.NewAtomic(w, "f")
		bodies := make([]model.Body, len(threads))
		for i, ops := range threads {
			bodies[i] = func(t *model.Thread) {
				reg := 0
				for _, op := range ops {
					switch op.kind {
					case 's':
						vars[op.loc].Store(t, model.Value(op.val))
					case 'l':
						t.Observe(fmt.Sprintf("r%d", reg), vars[op.loc].Load(t))
						reg++
					case 'f':
						f.CompareAndSwap(t, 0, 0)
					}
				}
			}
		}
		return bodies
	}}
}

// smState is a state of the reference machine.
type smState struct {
	pc   []int
	mem  [2]int
	buf  [][]smOp // pending stores per thread, oldest first
	regs [][]int
}

func (s smState) clone() smState {
	c := smState{pc: slices.Clone(s.pc), mem: s.mem, buf: make([][]smOp, len(s.buf)), regs: make([][]int, len(s.regs))}
	for i := range s.buf {
		c.buf[i] = slices.Clone(s.buf[i])
		c.regs[i] = slices.Clone(s.regs[i])
	}
	return c
}

func (s smState) key() string { return fmt.Sprint(s.pc, s.mem, s.buf, s.regs) }

// outcome prints a final state as model.World.Outcome does.
func (s smState) outcome() string {
	var b strings.Builder
	fmt.Fprintf(&b, "x=%d y=%d f=0", s.mem[0], s.mem[1])
	for i, rs := range s.regs {
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(&b, " T%d:", i)
		for k, v := range rs {
			fmt.Fprintf(&b, " r%d=%d", k, v)
		}
	}
	return b.String()
}

// referenceOutcomes explores every state of the abstract machine: a thread
// runs its next instruction (a store enters its buffer, or memory under SC;
// a load reads its newest buffered store to the location, else memory; a
// fence waits for an empty buffer), or a buffer releases a store to memory
// (under TSO the oldest, under PSO the oldest to either location).
func referenceOutcomes(threads [][]smOp, m model.Memory) []string {
	init := smState{pc: make([]int, len(threads)), buf: make([][]smOp, len(threads)), regs: make([][]int, len(threads))}
	seen := map[string]bool{}
	out := map[string]bool{}
	var visit func(s smState)
	visit = func(s smState) {
		k := s.key()
		if seen[k] {
			return
		}
		seen[k] = true
		final := true
		for i, ops := range threads {
			if len(s.buf[i]) > 0 {
				final = false
				for j, e := range s.buf[i] {
					if j > 0 && (m == model.TSO || slices.ContainsFunc(s.buf[i][:j], func(p smOp) bool { return p.loc == e.loc })) {
						continue
					}
					n := s.clone()
					n.mem[e.loc] = e.val
					n.buf[i] = slices.Delete(n.buf[i], j, j+1)
					visit(n)
				}
			}
			if s.pc[i] == len(ops) {
				continue
			}
			final = false
			op := ops[s.pc[i]]
			n := s.clone()
			n.pc[i]++
			switch op.kind {
			case 's':
				if m == model.SC {
					n.mem[op.loc] = op.val
				} else {
					n.buf[i] = append(n.buf[i], op)
				}
			case 'l':
				v := s.mem[op.loc]
				for _, e := range s.buf[i] {
					if e.loc == op.loc {
						v = e.val
					}
				}
				n.regs[i] = append(n.regs[i], v)
			case 'f':
				if len(s.buf[i]) > 0 {
					continue
				}
			}
			visit(n)
		}
		if final {
			out[s.outcome()] = true
		}
	}
	visit(init)
	res := make([]string, 0, len(out))
	for o := range out {
		res = append(res, o)
	}
	slices.Sort(res)
	return res
}

// outcomeCollector records the outcome of every finished execution.
type outcomeCollector struct {
	explore.Strategy
	outcomes map[string]bool
}

func (c *outcomeCollector) End(e *scheduler.Execution) error {
	if e.Status == scheduler.Finished {
		c.outcomes[e.World.Outcome()] = true
	}
	return c.Strategy.End(e)
}

func TestStoreBuffersMatchReferenceMachine(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// Two threads of up to three operations, or three of up to two:
		// small enough for plain DFS through every flush order (two threads
		// of four stores each to two locations have over ten million
		// executions under PSO).
		threads := make([][]smOp, rapid.IntRange(2, 3).Draw(t, "threads"))
		for i := range threads {
			threads[i] = genSMThread(t, fmt.Sprintf("T%d", i), 5-len(threads))
		}
		// Every store writes a value of its own, so an outcome tells which
		// store each load and each final value came from.
		val := 0
		for _, ops := range threads {
			for i := range ops {
				if ops[i].kind == 's' {
					val++
					ops[i].val = val
				}
			}
		}
		m := rapid.SampledFrom(model.Memories).Draw(t, "memory")
		cfg := explore.Config{NoSymmetry: true, Memory: m, NoRaces: true, Strategy: "dfs", MaxExecutions: 500_000}
		require.NoError(t, cfg.Normalize())
		s, err := explore.NewStrategy(&cfg)
		require.NoError(t, err)
		c := &outcomeCollector{Strategy: s, outcomes: map[string]bool{}}
		res, err := explore.Search(context.Background(), smProgram(threads), c, cfg)
		require.NoError(t, err)
		require.Equal(t, explore.Safe, res.Verdict, res.Reason)
		got := make([]string, 0, len(c.outcomes))
		for o := range c.outcomes {
			got = append(got, o)
		}
		slices.Sort(got)
		require.Equal(t, referenceOutcomes(threads, m), got)
	})
}
