package explore

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	FailNow()
	Logf(format string, args ...any)
}

// summary is what a search covered, in forms that can be compared across
// strategies: raw schedules, and trace orbits, outcomes and violation kinds
// canonicalized under permutations of the workers.
type summary struct {
	executions int
	schedules  map[string]int // schedule text → preemptions, counted here
	orbits     map[string]bool
	porOrbits  map[string]bool // under DPOR's dependency relation
	traces     map[Signature]bool
	rawOutputs map[string]bool // outcomes, not canonicalized
	outcomes   map[string]bool
	kinds      map[model.Kind]bool
	res        *Result
}

// preRecorder wraps a strategy to see every execution it produces and to
// count each one's preemptions from the decision points it passes through.
type preRecorder struct {
	Strategy
	pre   int
	onEnd func(e *scheduler.Execution, preemptions int)
}

func (r *preRecorder) Begin() bool { r.pre = 0; return r.Strategy.Begin() }

func (r *preRecorder) Decide(p *scheduler.Point) int {
	k := r.Strategy.Decide(p)
	if k >= 0 {
		d := p.Alternatives[k]
		if d.Kind == scheduler.ThreadDecision && p.Last >= 0 && d.Thread != p.Last &&
			slices.Contains(p.Alternatives, scheduler.Decision{Kind: scheduler.ThreadDecision, Thread: p.Last}) {
			r.pre++
		}
	}
	return k
}

func (r *preRecorder) End(e *scheduler.Execution) error {
	r.onEnd(e, r.pre)
	return r.Strategy.End(e)
}

// explored runs the search c describes on prog and summarizes it.
func explored(t tb, prog model.Program, c Config) *summary {
	t.Helper()
	return exploredWith(t, prog, c, allOrbits, false)
}

// orbitMode says which orbits a summary computes: they cost the most.
type orbitMode int

const (
	noOrbits orbitMode = iota
	allOrbits
	porOrbitsOnly // only the orbits under DPOR's dependency relation
)

// exploredWith is explored, computing the trace orbits orbits says, and
// accepting a search cut by a limit if limited.
func exploredWith(t tb, prog model.Program, c Config, orbits orbitMode, limited bool) *summary {
	t.Helper()
	if c.Strategy == "" {
		c.Strategy = "dfs" // the reference
	}
	require.NoError(t, c.Normalize())
	c.identical = prog.Identical || prog.Groups != nil
	s, err := NewStrategy(&c)
	require.NoError(t, err)
	sum := &summary{schedules: map[string]int{}, traces: map[Signature]bool{}, rawOutputs: map[string]bool{}, orbits: map[string]bool{}, porOrbits: map[string]bool{},
		outcomes: map[string]bool{}, kinds: map[model.Kind]bool{}}
	rec := &preRecorder{Strategy: s, onEnd: func(e *scheduler.Execution, pre int) {
		sum.executions++
		if e.Status == scheduler.Abandoned {
			return // sleep-set blocked: covered by another execution
		}
		sum.schedules[e.Schedule.String()] = pre
		sum.traces[TraceSignature(e)] = true
		sum.rawOutputs[e.World.Outcome()] = true
		if orbits == allOrbits {
			sum.orbits[traceOrbit(e.World)] = true
		}
		if orbits != noOrbits {
			sum.porOrbits[dporOrbit(e)] = true
		}
		sum.outcomes[outcomeOrbit(e.World)] = true
		for _, v := range e.Violations() {
			sum.kinds[v.Kind] = true
		}
	}}
	res, err := Search(context.Background(), prog, rec, c)
	require.NoError(t, err)
	if !limited {
		require.NotEqual(t, "stopped", strings.Fields(res.Reason + " x")[0], "search hit a limit: %s", res.Reason)
	}
	sum.res = res
	return sum
}

// genLimit bounds the plain DFS of a generated program: larger ones are
// skipped, so that the property tests stay fast under -race
// (SINGLECHECK_LONG=1 raises it).
func genLimit() int {
	if longTests() {
		return 50_000
	}
	return 120
}

// exploredSmall is explored for a generated program, or nil if plain DFS
// of it takes more than genLimit executions (the program is skipped).
func exploredSmall(t tb, prog model.Program, c Config, orbits orbitMode) *summary {
	t.Helper()
	c.MaxExecutions = genLimit() + 1
	sum := exploredWith(t, prog, c, orbits, true)
	if sum.executions > genLimit() {
		return nil
	}
	return sum
}

// longTests says whether the slow soundness checks run: set
// SINGLECHECK_LONG=1 (they take minutes under -race).
func longTests() bool { return os.Getenv("SINGLECHECK_LONG") != "" }

func keys[K comparable](m map[K]bool) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := keys(m)
	sort.Strings(out)
	return out
}

// outcomeOrbit canonicalizes an outcome text (model.World.Outcome) under
// permutations of the threads: the global part, then the per-thread parts
// without their thread names, sorted.
func outcomeOrbit(w *model.World) string {
	out := w.Outcome()
	groups := w.SymmetryGroups()
	var global, cur []string
	var parts []string
	inThread := false
	flush := func() {
		if inThread {
			parts = append(parts, strings.Join(cur, " "))
		}
		cur = nil
	}
	for _, tok := range strings.Fields(out) {
		if strings.HasSuffix(tok, ":") && (strings.HasPrefix(tok, "T") || tok == "init:") {
			flush()
			inThread = true
			if tok == "init:" {
				cur = append(cur, "init")
			} else if id, err := strconv.Atoi(strings.TrimSuffix(tok[1:], ":")); err == nil && id < len(groups) {
				cur = append(cur, fmt.Sprintf("group%d", groups[id]))
			}
			continue
		}
		if inThread {
			cur = append(cur, tok)
		} else {
			global = append(global, tok)
		}
	}
	flush()
	sort.Strings(parts)
	return strings.Join(global, " ") + " | " + strings.Join(parts, " | ")
}

// traceOrbit is a canonical text of the Mazurkiewicz trace of the world's
// execution up to a permutation of the workers: the least, over all
// permutations, of the sorted list of renamed events with their renamed
// dependency clocks. It is written independently of the symmetry filter and
// of the model's dependency tracker: it takes the model's footprints
// (Event.Acc, the one dependency relation) and builds each event's clock
// by brute force over every earlier event, so that it checks the filter's
// swaps and the tracker's clocks at once.
func traceOrbit(w *model.World) string {
	n := w.Workers()
	var evs []model.Event
	for _, e := range w.Events() {
		if e.Thread < n {
			evs = append(evs, e)
		}
	}
	// actor: a thread's steps are actor (t, -2); a flush of its buffer for
	// location l is actor (t, l) under PSO, (t, -1) under TSO.
	type actor struct{ thread, buf int }
	actorOf := func(e model.Event) actor {
		switch {
		case e.Op != model.OpFlush:
			return actor{e.Thread, -2}
		case w.Memory() == model.TSO:
			return actor{e.Thread, -1}
		}
		return actor{e.Thread, e.Loc}
	}
	dependent := func(a, b model.Event) bool {
		return actorOf(a) == actorOf(b) || a.Acc.Conflicts(b.Acc)
	}
	clocks := make([]map[actor]int, len(evs))
	index := make([]int, len(evs))
	count := map[actor]int{}
	for f := range evs {
		c := map[actor]int{}
		for e := range f {
			if dependent(evs[e], evs[f]) {
				for x, v := range clocks[e] {
					c[x] = max(c[x], v)
				}
			}
		}
		a := actorOf(evs[f])
		count[a]++
		c[a] = count[a]
		index[f] = count[a]
		clocks[f] = c
	}
	// The parts of each line that no renaming touches are formatted once;
	// each permutation only renames threads (lines and clock entries are
	// byte for byte what "%d/%d.%d %s %d %d %d %v %v %v" and "%d/%d=%d"
	// would print, without fmt's cost, which dominated the symmetry tests).
	type entry struct {
		thread int
		suffix string // "/buf=v"
	}
	tails := make([]string, len(evs))
	heads := make([]string, len(evs)) // "/buf.index"
	entries := make([][]entry, len(evs))
	for f, e := range evs {
		a := actorOf(e)
		heads[f] = "/" + strconv.Itoa(a.buf) + "." + strconv.Itoa(index[f])
		tails[f] = " " + e.Op.String() + " " + strconv.Itoa(e.Loc) + " " + strconv.FormatInt(int64(e.Value), 10) + " " +
			strconv.FormatInt(int64(e.Old), 10) + " " + strconv.FormatBool(e.OK) + " " + strconv.FormatBool(e.Buffered) + " ["
		for x, v := range clocks[f] {
			entries[f] = append(entries[f], entry{x.thread, "/" + strconv.Itoa(x.buf) + "=" + strconv.Itoa(v)})
		}
	}
	names := make([]string, n)
	for i := range names {
		names[i] = strconv.Itoa(i)
	}
	best := ""
	lines := make([]string, len(evs))
	var rc []string
	var b strings.Builder
	for _, perm := range groupPermutations(n, w.SymmetryGroups()) {
		for f, e := range evs {
			rc = rc[:0]
			for _, x := range entries[f] {
				rc = append(rc, names[perm[x.thread]]+x.suffix)
			}
			sort.Strings(rc)
			b.Reset()
			b.WriteString(names[perm[actorOf(e).thread]])
			b.WriteString(heads[f])
			b.WriteString(tails[f])
			for i, r := range rc {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(r)
			}
			b.WriteByte(']')
			lines[f] = b.String()
		}
		sort.Strings(lines)
		s := strings.Join(lines, "\n")
		if best == "" || s < best {
			best = s
		}
	}
	return best
}

// groupPermutations lists the permutations of 0..n-1 that keep every
// worker in its group (all of them if groups is nil).
func groupPermutations(n int, groups []int) [][]int {
	var out [][]int
	for _, p := range permutations(n) {
		keeps := true
		for i, j := range p {
			keeps = keeps && (groups == nil || groups[i] == groups[j])
		}
		if keeps {
			out = append(out, p)
		}
	}
	return out
}

// permutations lists every permutation of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// genOp is one operation of a generated thread.
type genOp struct {
	kind     int // 0 load, 1 store, 2 cas, 3 lock or unlock (toggles)
	v        int // the variable
	old, val model.Value
}

// genProgram is a small program drawn by rapid: 2–3 threads of up to four
// operations each over 1–3 variables (each plain or atomic) and a mutex.
type genProgram struct {
	threads [][]genOp
	atomic  []bool
}

func drawOps(t *rapid.T, label string, nvars int) []genOp {
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) genOp {
		return genOp{
			kind: rapid.IntRange(0, 3).Draw(t, "kind"),
			v:    rapid.IntRange(0, nvars-1).Draw(t, "var"),
			old:  model.Value(rapid.IntRange(0, 2).Draw(t, "old")),
			val:  model.Value(rapid.IntRange(1, 2).Draw(t, "val")),
		}
	}), 1, 4).Draw(t, label)
}

// drawProgram draws a program; identical threads run the same operations.
func drawProgram(t *rapid.T, identical bool) genProgram {
	nvars := rapid.IntRange(1, 3).Draw(t, "vars")
	g := genProgram{atomic: rapid.SliceOfN(rapid.Bool(), nvars, nvars).Draw(t, "atomic")}
	n := rapid.IntRange(2, 3).Draw(t, "threads")
	if identical {
		ops := drawOps(t, "ops", nvars)
		for range n {
			g.threads = append(g.threads, ops)
		}
		return g
	}
	for i := range n {
		g.threads = append(g.threads, drawOps(t, fmt.Sprintf("ops%d", i), nvars))
	}
	return g
}

func (g genProgram) String() string {
	names := []string{"load", "store", "cas", "lock"}
	var b strings.Builder
	for i, ops := range g.threads {
		fmt.Fprintf(&b, "T%d:", i)
		for _, o := range ops {
			fmt.Fprintf(&b, " %s(x%d,%d,%d)", names[o.kind], o.v, o.old, o.val)
		}
		b.WriteString("; ")
	}
	return b.String()
}

// program builds the generated program. Loaded values and CAS results are
// observed, so they are part of the outcome; a held mutex is released at
// the end.
func (g genProgram) program(identical bool) model.Program {
	return model.Program{
		Name:      g.String(),
		Identical: identical,
		Build: func(w *model.World) []model.Body {
			plain := make([]model.Var, len(g.atomic))
			atom := make([]model.Atomic, len(g.atomic))
			for i, a := range g.atomic {
				if a {
					atom[i] = model.NewAtomic(w, fmt.Sprintf("x%d", i))
				} else {
					plain[i] = model.NewVar(w, fmt.Sprintf("x%d", i))
				}
			}
			mu := model.NewMutex(w, "mu")
			bodies := make([]model.Body, len(g.threads))
			for i, ops := range g.threads {
				bodies[i] = func(t *model.Thread) {
					held := false
					for k, o := range ops {
						name := fmt.Sprintf("r%d", k)
						switch {
						case o.kind == 3 && held:
							mu.Unlock(t)
							held = false
						case o.kind == 3:
							mu.Lock(t)
							held = true
						case o.kind == 0 && g.atomic[o.v]:
							t.Observe(name, atom[o.v].Load(t))
						case o.kind == 0:
							t.Observe(name, plain[o.v].Load(t))
						case o.kind == 2 && g.atomic[o.v]:
							ok := atom[o.v].CompareAndSwap(t, o.old, o.val)
							t.Observe(name, map[bool]model.Value{false: 0, true: 1}[ok])
						case g.atomic[o.v]:
							atom[o.v].Store(t, o.val)
						default:
							plain[o.v].Store(t, o.val)
						}
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

// dporOrbit is the trace orbit of e: since symmetry reduction, DPOR and
// trace signatures share the model's one dependency relation, it is
// traceOrbit.
func dporOrbit(e *scheduler.Execution) string { return traceOrbit(e.World) }

// skipLarge skips a protocol case whose plain DFS takes more than a budget
// of executions (raised by SINGLECHECK_LONG=1), so that the protocol
// tables stay within the -race budget as protocols are added.
func skipLarge(t *testing.T, prog model.Program, mem model.Memory) {
	t.Helper()
	limit := 1000
	if longTests() {
		limit = 200_000
	}
	res, err := Explore(context.Background(), prog, Config{NoSymmetry: true, Strategy: "dfs", Memory: mem, MaxExecutions: limit + 1})
	require.NoError(t, err)
	if res.Stats.Executions > limit {
		t.Skipf("plain DFS takes more than %d executions (SINGLECHECK_LONG=1 raises the budget)", limit)
	}
}

// checkDPORSymmetryOrbits checks that DPOR with symmetry (optimal or
// source, drawn) reaches the trace orbits, outcome orbits and violation
// kinds of plain DFS on prog under mem; programs beyond DFS's small budget
// are skipped.
func checkDPORSymmetryOrbits(rt *rapid.T, prog model.Program, mem model.Memory) (compared bool) {
	c := Config{NoSymmetry: true, Memory: mem}
	plain := exploredSmall(rt, prog, c, porOrbitsOnly)
	if plain == nil {
		return false
	}
	s := rapid.SampledFrom([]string{"dpor", "source-dpor"}).Draw(rt, "strategy")
	c.Strategy, c.NoSymmetry = s, false
	red := exploredWith(rt, prog, c, porOrbitsOnly, false)
	checkOrbitsOf(rt, prog.Name+" "+s, plain, red, true)
	return true
}
