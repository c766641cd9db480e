package explore

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// branchNode is one operation of a generated thread that branches on what
// it observed: a load's value or a compare-and-swap's success, tested
// against 0, picks the next node (then[0] if it is 0, then[1] otherwise);
// a store, a lock toggle and a choice go on to then[0].
type branchNode struct {
	op   genOp
	then [2]*branchNode
}

// branchProgram is a generated program of threads running branching
// scripts: the workers of one group run one script.
type branchProgram struct {
	atomic  []bool
	scripts []*branchNode // per group
	groups  []int         // per worker
}

func drawBranch(t *rapid.T, nvars, depth int) *branchNode {
	if depth == 0 || (depth < 3 && rapid.IntRange(0, 3).Draw(t, "stop") == 0) {
		return nil
	}
	n := &branchNode{op: genOp{
		kind: rapid.IntRange(0, 4).Draw(t, "kind"), // 4: Choose(2)
		v:    rapid.IntRange(0, nvars-1).Draw(t, "var"),
		old:  model.Value(rapid.IntRange(0, 2).Draw(t, "old")),
		val:  model.Value(rapid.IntRange(1, 2).Draw(t, "val")),
	}}
	n.then[0] = drawBranch(t, nvars, depth-1)
	if n.op.kind == 0 || n.op.kind == 2 || n.op.kind == 4 {
		n.then[1] = drawBranch(t, nvars, depth-1)
	}
	return n
}

// drawBranchProgram draws two to four workers in one group, or a group of
// two or three beside a fixture worker of its own (with SINGLECHECK_LONG=1;
// else at most three workers and scripts of at most three operations, which
// plain DFS covers within the default budget more often).
func drawBranchProgram(t *rapid.T) branchProgram {
	nvars := rapid.IntRange(1, 2).Draw(t, "vars")
	p := branchProgram{atomic: rapid.SliceOfN(rapid.Bool(), nvars, nvars).Draw(t, "atomic")}
	depth, most := 3, 3
	if longTests() {
		depth, most = 4, 4
	}
	p.scripts = append(p.scripts, drawBranch(t, nvars, depth))
	n := rapid.IntRange(2, most).Draw(t, "workers")
	for range n {
		p.groups = append(p.groups, 0)
	}
	if n < most && rapid.Bool().Draw(t, "fixture") {
		p.scripts = append(p.scripts, drawBranch(t, nvars, depth-1))
		p.groups = append(p.groups, 1)
	}
	return p
}

func (n *branchNode) String() string {
	if n == nil {
		return "."
	}
	names := []string{"load", "store", "cas", "lock", "choose"}
	s := fmt.Sprintf("%s(x%d,%d,%d)", names[n.op.kind], n.op.v, n.op.old, n.op.val)
	if n.then[1] != nil {
		return s + "?[" + n.then[0].String() + "|" + n.then[1].String() + "]"
	}
	return s + " " + n.then[0].String()
}

func (p branchProgram) String() string {
	var b strings.Builder
	for g, s := range p.scripts {
		fmt.Fprintf(&b, "G%d: %s; ", g, s)
	}
	fmt.Fprintf(&b, "groups %v", p.groups)
	return b.String()
}

func (p branchProgram) program() model.Program {
	return model.Program{
		Name:   p.String(),
		Groups: p.groups,
		Build: func(w *model.World) []model.Body {
			plain := make([]model.Var, len(p.atomic))
			atom := make([]model.Atomic, len(p.atomic))
			for i, a := range p.atomic {
				if a {
					atom[i] = model.NewAtomic(w, fmt.Sprintf("x%d", i))
				} else {
					plain[i] = model.NewVar(w, fmt.Sprintf("x%d", i))
				}
			}
			mu := model.NewMutex(w, "mu")
			bodies := make([]model.Body, len(p.groups))
			for i, g := range p.groups {
				script := p.scripts[g]
				bodies[i] = func(t *model.Thread) {
					held := false
					for k, n := 0, script; n != nil; k++ {
						name := fmt.Sprintf("r%d", k)
						o := n.op
						var got model.Value
						switch {
						case o.kind == 3 && held:
							mu.Unlock(t)
							held = false
						case o.kind == 3:
							mu.Lock(t)
							held = true
						case o.kind == 4:
							got = model.Value(t.Choose(2))
						case o.kind == 0 && p.atomic[o.v]:
							got = atom[o.v].Load(t)
						case o.kind == 0:
							got = plain[o.v].Load(t)
						case o.kind == 2 && p.atomic[o.v]:
							if atom[o.v].CompareAndSwap(t, o.old, o.val) {
								got = 1
							}
						case p.atomic[o.v]:
							atom[o.v].Store(t, o.val)
						default:
							plain[o.v].Store(t, o.val)
						}
						if o.kind == 0 || o.kind == 2 || o.kind == 4 {
							t.Observe(name, got)
						}
						next := n.then[0]
						if got != 0 && n.then[1] != nil {
							next = n.then[1]
						}
						n = next
					}
					if held {
						mu.Unlock(t)
					}
				}
			}
			return bodies
		},
	}
}

// TestSymmetryOrderGenerated: under SC, DPOR (optimal and source) with
// symmetry hides every thread the DFS filter hides (the symmetry order,
// dpor_symorder.go); on generated programs whose identical threads branch
// on what they read, in one group or beside a fixture, it reaches the
// trace orbits, outcome orbits and violation kinds of plain DFS.
func TestSymmetryOrderGenerated(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		prog := drawBranchProgram(rt).program()
		checkDPORSymmetryOrbits(rt, prog, model.SC)
	})
}

// TestSymmetryOrderBuffersGenerated: the same under TSO and PSO, where
// the order runs in its buffered mode (dpor_symorder_buffers.go).
func TestSymmetryOrderBuffersGenerated(t *testing.T) {
	compared, drawn := 0, 0
	rapid.Check(t, func(rt *rapid.T) {
		prog := drawBranchProgram(rt).program()
		mem := rapid.SampledFrom([]model.Memory{model.TSO, model.PSO}).Draw(rt, "memory")
		drawn++
		if checkDPORSymmetryOrbits(rt, prog, mem) {
			compared++
		}
	})
	t.Logf("%d of %d programs compared with plain DFS (the others exceed its budget)", compared, drawn)
	require.Positive(t, compared, "no generated program within plain DFS's budget")
}

// TestSymmetryOrderProtocols: every protocol with identical threads at N =
// 2 and 3 under SC, TSO and PSO, DPOR with symmetry against plain DFS, or, where plain
// DFS takes more than 1,000 executions (200,000 with SINGLECHECK_LONG=1),
// against plain optimal DPOR (itself checked against DFS elsewhere). N = 3
// runs with SINGLECHECK_LONG=1 (TestSymmetryWithDPOR covers the small N = 3
// cases in the default run).
func TestSymmetryOrderProtocols(t *testing.T) {
	limit := 1000
	if longTests() {
		limit = 200_000
	}
	for _, p := range protocols.All {
		if !p.Identical && p.Groups == nil {
			continue
		}
		for _, mem := range []model.Memory{model.SC, model.TSO, model.PSO} {
			for _, n := range []int{2, 3} {
				prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
				name := fmt.Sprintf("%s/%d/%s", p.Name, n, mem)
				t.Run(name, func(t *testing.T) {
					if n == 3 && !longTests() {
						t.Skip("set SINGLECHECK_LONG=1")
					}
					ref := Config{NoSymmetry: true, Memory: mem, Strategy: "dfs"}
					dfs, err := Explore(context.Background(), prog, Config{NoSymmetry: true, Memory: mem, Strategy: "dfs", MaxExecutions: limit + 1})
					require.NoError(t, err)
					if dfs.Stats.Executions > limit {
						ref.Strategy = "dpor"
					}
					plain := exploredWith(t, prog, ref, porOrbitsOnly, false)
					for _, s := range []string{"dpor", "source-dpor"} {
						red := exploredWith(t, prog, Config{Memory: mem, Strategy: s}, porOrbitsOnly, false)
						checkOrbitsOf(t, name+" "+s+" against "+ref.Strategy, plain, red, true)
					}
				})
			}
		}
	}
}

// TestSymmetryOrderLargerN: beyond the sizes plain DFS reaches, DPOR with
// symmetry reaches the trace orbits, outcome orbits and kinds of plain
// optimal DPOR (itself checked against DFS), at N = 4 and 5 under SC
// (SINGLECHECK_LONG=1: canonicalizing every trace of plain DPOR under all
// N! renamings takes a while).
func TestSymmetryOrderLargerN(t *testing.T) {
	if !longTests() {
		t.Skip("set SINGLECHECK_LONG=1")
	}
	for _, tc := range []struct {
		name string
		ns   []int
	}{{"once", []int{4, 5}}, {"dcl", []int{4, 5}}, {"dcl-atomic", []int{4, 5}}, {"naive", []int{4}}, {"mutex", []int{4}}} {
		p, ok := protocols.Lookup(tc.name)
		if !ok {
			t.Fatalf("no protocol %s", tc.name)
		}
		for _, n := range tc.ns {
			prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
			name := fmt.Sprintf("%s/%d", tc.name, n)
			t.Run(name, func(t *testing.T) {
				plain := exploredWith(t, prog, Config{NoSymmetry: true, Strategy: "dpor"}, porOrbitsOnly, false)
				red := exploredWith(t, prog, Config{Strategy: "dpor"}, porOrbitsOnly, false)
				checkOrbitsOf(t, name, plain, red, true)
				t.Logf("%s: %d trace orbits; dpor %d executions, dpor+symmetry %d (%d sleep-blocked)",
					name, len(plain.porOrbits), plain.executions, red.executions, red.res.Stats.SleepBlocked)
			})
		}
	}
}

// TestDepClocksMatchModel: model.DepClocks given each event's own footprint
// reproduces the model's clocks (Event.Proc, Event.Dep), the ground the
// symmetry order's refined clocks stand on.
func TestDepClocksMatchModel(t *testing.T) {
	for _, name := range []string{"once", "dcl", "naive", "dual-reset"} {
		p, ok := protocols.Lookup(name)
		require.True(t, ok, name)
		prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
		c := Config{Strategy: "dpor", NoSymmetry: true, MaxExecutions: 30}
		require.NoError(t, c.Normalize())
		s, err := NewStrategy(&c)
		require.NoError(t, err)
		checked := 0
		rec := &preRecorder{Strategy: s, onEnd: func(e *scheduler.Execution, _ int) {
			w := e.World
			w.TrackDependencies()
			dc := model.NewDepClocks()
			for i := range w.Events() {
				ev := &w.Events()[i]
				idx, clock := dc.Clock(w.Process(ev.Proc), ev.Acc)
				require.Equal(t, ev.Proc, idx, "%s: event %d's process", name, i)
				require.Empty(t, cmp.Diff(ev.Dep, clock), "%s: event %d's clock", name, i)
				if ev.Op == model.OpSpawn {
					dc.Spawned(w.Threads()[ev.Value].Key(), clock)
				}
				checked++
			}
		}}
		_, err = Search(context.Background(), prog, rec, c)
		require.NoError(t, err)
		require.Positive(t, checked, name)
	}
}

// TestSymmetryOrderKnownCounterexamples: programs that lose orbits when
// DPOR hides threads that have moved without the symmetry order (see
// dpor_symmetry.go) keep every orbit with it. The first was found by
// TestSymmetryOrderGenerated with the order switched off: two identical
// workers (load x; if it read 1, store x 1) beside a fixture (store x 1;
// load x).
func TestSymmetryOrderKnownCounterexamples(t *testing.T) {
	ld := &branchNode{op: genOp{kind: 0, v: 0}}
	ld.then[1] = &branchNode{op: genOp{kind: 1, v: 0, val: 1}}
	fixture := &branchNode{op: genOp{kind: 1, v: 0, val: 1}, then: [2]*branchNode{{op: genOp{kind: 0, v: 0}}}}
	bp := branchProgram{atomic: []bool{false}, scripts: []*branchNode{ld, fixture}, groups: []int{0, 0, 1}}
	prog := bp.program()
	plain := exploredWith(t, prog, Config{NoSymmetry: true, Strategy: "dfs"}, porOrbitsOnly, false)
	for _, s := range []string{"dpor", "source-dpor"} {
		red := exploredWith(t, prog, Config{Strategy: s}, porOrbitsOnly, false)
		checkOrbitsOf(t, prog.Name+" "+s, plain, red, true)
	}
	for _, ops := range [][]genOp{
		{{kind: 0, v: 0}, {kind: 2, v: 0, old: 0, val: 1}}, // load x; CAS(x, 0, 1)
		{{kind: 0, v: 0}, {kind: 2, v: 0, old: 1, val: 2}},
		{{kind: 1, v: 0, val: 1}, {kind: 0, v: 0}}, // store x 1; load x
	} {
		for _, atomic := range []bool{true, false} {
			g := genProgram{atomic: []bool{atomic}, threads: [][]genOp{ops, ops, ops}}
			prog := g.program(true)
			plain := exploredWith(t, prog, Config{NoSymmetry: true, Strategy: "dfs"}, porOrbitsOnly, false)
			for _, s := range []string{"dpor", "source-dpor"} {
				red := exploredWith(t, prog, Config{Strategy: s}, porOrbitsOnly, false)
				checkOrbitsOf(t, prog.Name+" "+s, plain, red, true)
			}
		}
	}
}

// TestSymmetryOrderOneExecutionPerOrbit: under SC, TSO and PSO, optimal
// DPOR with the symmetry order explores exactly one execution per trace
// orbit of plain optimal DPOR (itself checked against DFS), none of them
// sleep-set blocked, on every protocol with interchangeable threads at
// N = 2..4 within plain DPOR's 20,000 executions. Before reversals that
// run a hidden thread were dropped (dpor_symfeasible.go), `once` under SC
// at N = 4 took 11 executions for its 4 orbits and `dual-reset` 62 for
// 29; before the buffered mode (dpor_symorder_buffers.go), TSO and PSO
// identified only threads that had not started (`once` under TSO at N =
// 4: 33 executions for 8 orbits).
func TestSymmetryOrderOneExecutionPerOrbit(t *testing.T) {
	const limit = 20_000
	for _, mem := range []model.Memory{model.SC, model.TSO, model.PSO} {
		for _, p := range protocols.All {
			if !p.Identical && p.Groups == nil {
				continue
			}
			for _, n := range []int{2, 3, 4} {
				prog := p.Program(protocols.Workload{Threads: n, Calls: 1})
				name := fmt.Sprintf("%s/%d/%s", p.Name, n, mem)
				t.Run(name, func(t *testing.T) {
					probe, err := Explore(context.Background(), prog, Config{Memory: mem, NoSymmetry: true, Strategy: "dpor", MaxExecutions: limit + 1})
					require.NoError(t, err)
					if probe.Stats.Executions > limit {
						t.Skipf("plain DPOR takes over %d executions", limit)
					}
					plain := exploredWith(t, prog, Config{Memory: mem, NoSymmetry: true, Strategy: "dpor"}, porOrbitsOnly, false)
					red := exploredWith(t, prog, Config{Memory: mem, Strategy: "dpor"}, porOrbitsOnly, false)
					checkOrbitsOf(t, name, plain, red, true)
					assert.Zero(t, red.res.Stats.SleepBlocked, "%s: sleep-set blocked executions", name)
					assert.Equal(t, len(plain.porOrbits), red.executions, "%s: executions against trace orbits", name)
				})
			}
		}
	}
}
