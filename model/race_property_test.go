package model_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// The property: on random programs run along random schedules, the race
// detector agrees with a brute-force happens-before check over all pairs of
// events. The brute force rebuilds happens-before from the event list alone
// (program order, init before workers, unlock before later locks of the same
// mutex, an atomic write before the atomic reads that observe it) and never
// looks at the clocks the model computed.

// genOp is one operation of a generated thread.
type genOp struct {
	kind string // load, store, aload, astore, cas, locked, init, obtain
	loc  int    // index of the var, atomic or mutex
	val  model.Value
	// inner are the plain accesses done while holding mutex loc (locked).
	inner []genOp
}

func genPlain(t *rapid.T, label string) genOp {
	kind := rapid.SampledFrom([]string{"load", "store", "init", "obtain"}).Draw(t, label)
	return genOp{kind: kind, loc: rapid.IntRange(0, 1).Draw(t, label+".loc"), val: model.Value(rapid.IntRange(1, 3).Draw(t, label+".val"))}
}

func genThread(t *rapid.T, label string) []genOp {
	n := rapid.IntRange(1, 4).Draw(t, label+".len")
	ops := make([]genOp, n)
	for i := range ops {
		l := fmt.Sprintf("%s.%d", label, i)
		switch rapid.IntRange(0, 2).Draw(t, l+".class") {
		case 0:
			ops[i] = genPlain(t, l)
		case 1:
			ops[i] = genOp{
				kind: rapid.SampledFrom([]string{"aload", "astore", "cas"}).Draw(t, l),
				loc:  rapid.IntRange(0, 1).Draw(t, l+".loc"),
				val:  model.Value(rapid.IntRange(0, 2).Draw(t, l+".val")),
			}
		default:
			op := genOp{kind: "locked", loc: rapid.IntRange(0, 1).Draw(t, l+".mutex")}
			for j := range rapid.IntRange(1, 2).Draw(t, l+".inner") {
				op.inner = append(op.inner, genPlain(t, fmt.Sprintf("%s.in%d", l, j)))
			}
			ops[i] = op
		}
	}
	return ops
}

// genProgram builds a program from generated threads over two plain
// variables, two atomics, two mutexes and two objects of a one-field class
// allocated by an init thread (field init and obtain are plain accesses).
func genProgram(threads [][]genOp, initOps []genOp) model.Program {
	return model.Program{Name: "generated", Build: func(w *model.World) []model.Body {
		vars := []model.Var{model.NewVar(w, "x"), model.NewVar(w, "y")}
		atomics := []model.Atomic{model.NewAtomic(w, "a"), model.NewAtomic(w, "b")}
		mutexes := []model.Mutex{model.NewMutex(w, "m"), model.NewMutex(w, "n")}
		class := model.NewClass(w, "C", "f")
		var refs [2]model.Value
		var run func(t *model.Thread, op genOp)
		run = func(t *model.Thread, op genOp) {
			switch op.kind {
			case "load":
				vars[op.loc].Load(t)
			case "store":
				vars[op.loc].Store(t, op.val)
			case "init":
				class.Init(t, refs[op.loc], 0)
			case "obtain":
				t.Obtain(refs[op.loc])
			case "aload":
				atomics[op.loc].Load(t)
			case "astore":
				atomics[op.loc].Store(t, op.val)
			case "cas":
				atomics[op.loc].CompareAndSwap(t, op.val, op.val+1)
			case "locked":
				mutexes[op.loc].Lock(t)
				for _, in := range op.inner {
					run(t, in)
				}
				mutexes[op.loc].Unlock(t)
			}
		}
		w.SetInit(func(t *model.Thread) {
			refs[0], refs[1] = class.New(t), class.New(t)
			for _, op := range initOps {
				run(t, op)
			}
		})
		bodies := make([]model.Body, len(threads))
		for i, ops := range threads {
			bodies[i] = func(t *model.Thread) {
				for _, op := range ops {
					run(t, op)
				}
			}
		}
		return bodies
	}}
}

// rapidDecider draws every decision from the rapid generator.
type rapidDecider struct{ t *rapid.T }

func (d rapidDecider) Decide(p *scheduler.Point) int {
	return rapid.IntRange(0, len(p.Alternatives)-1).Draw(d.t, "decision")
}

// plainAccesses lists the plain locations event ev reads or writes.
func plainAccesses(w *model.World, ev model.Event) (locs []int, write bool) {
	switch ev.Op {
	case model.OpLoad:
		return []int{ev.Loc}, false
	case model.OpStore, model.OpInit:
		return []int{ev.Loc}, true
	case model.OpObtain:
		_, fields, _ := w.ObjectOf(ev.Value)
		return fields, false
	}
	return nil, false
}

// bruteHB computes happens-before over the events of an execution from
// scratch: hb[i][j] reports that event i happens before event j (i < j).
// Flush events are neither accesses nor synchronization and are left out.
func bruteHB(w *model.World) [][]bool {
	evs := w.Events()
	n := len(evs)
	hb := make([][]bool, n)
	for i := range hb {
		hb[i] = make([]bool, n)
	}
	initID := -1
	for _, th := range w.Threads() {
		if th.IsInit() {
			initID = th.ID()
		}
	}
	isAtomicWrite := func(e model.Event) bool {
		return e.Op == model.OpAtomicStore || (e.Op == model.OpCAS && e.OK)
	}
	for j, ej := range evs {
		if ej.Op == model.OpFlush {
			continue
		}
		for i := range j {
			ei := evs[i]
			if ei.Op == model.OpFlush {
				continue
			}
			switch {
			case ei.Thread == ej.Thread: // program order
				hb[i][j] = true
			case ei.Thread == initID: // the init thread runs before the workers
				hb[i][j] = true
			case ei.Op == model.OpUnlock && ej.Op == model.OpLock && ei.Loc == ej.Loc:
				hb[i][j] = true
			}
		}
		// An atomic read observes the last atomic write to its location.
		if ej.Op == model.OpAtomicLoad || ej.Op == model.OpCAS {
			for i := j - 1; i >= 0; i-- {
				if evs[i].Loc == ej.Loc && isAtomicWrite(evs[i]) {
					hb[i][j] = true
					break
				}
			}
		}
	}
	// Transitive closure, in event order: edges only go forward.
	for j := range n {
		for k := range j {
			if !hb[k][j] {
				continue
			}
			for i := range k {
				if hb[i][k] {
					hb[i][j] = true
				}
			}
		}
	}
	return hb
}

func TestRaceDetectorMatchesBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		nthreads := rapid.IntRange(2, 3).Draw(t, "threads")
		threads := make([][]genOp, nthreads)
		for i := range threads {
			threads[i] = genThread(t, fmt.Sprintf("T%d", i))
		}
		var initOps []genOp
		if rapid.Bool().Draw(t, "init") {
			initOps = genThread(t, "init")
		}
		m := rapid.SampledFrom(model.Memories).Draw(t, "memory")
		e := scheduler.Run(genProgram(threads, initOps), rapidDecider{t}, scheduler.Options{Memory: m})
		require.NotEqual(t, scheduler.StepBound, e.Status)
		w := e.World
		evs := w.Events()
		hb := bruteHB(w)

		// Every brute-force race, by location, and the first racy access.
		firstRacy := map[int]int{} // location → earliest event racing with an earlier one
		for j, ej := range evs {
			locsJ, writeJ := plainAccesses(w, ej)
			for i := range j {
				locsI, writeI := plainAccesses(w, evs[i])
				if ej.Thread == evs[i].Thread || hb[i][j] || !(writeI || writeJ) {
					continue
				}
				for _, l := range locsJ {
					for _, li := range locsI {
						if l == li {
							if _, ok := firstRacy[l]; !ok {
								firstRacy[l] = j
							}
						}
					}
				}
			}
		}

		reported := map[int]bool{}
		firstReported := map[int]int{}
		for _, v := range e.Violations() {
			if v.Kind != model.DataRace {
				continue
			}
			r := v.Race
			require.NotNil(t, r)
			// Sound: the two accesses conflict and are unordered.
			f, s := r.First, r.Second
			require.Less(t, f.Event, s.Event)
			require.Equal(t, s.Event, v.Event)
			locsF, writeF := plainAccesses(w, evs[f.Event])
			locsS, writeS := plainAccesses(w, evs[s.Event])
			require.Contains(t, locsF, r.Loc)
			require.Contains(t, locsS, r.Loc)
			require.Equal(t, writeF, f.Write)
			require.Equal(t, writeS, s.Write)
			require.True(t, f.Write || s.Write)
			require.NotEqual(t, f.Thread, s.Thread)
			require.Equal(t, evs[f.Event].Thread, f.Thread)
			require.Equal(t, evs[s.Event].Thread, s.Thread)
			require.False(t, hb[f.Event][s.Event], "reported race between ordered accesses %+v", *r)
			reported[r.Loc] = true
			if old, ok := firstReported[r.Loc]; !ok || s.Event < old {
				firstReported[r.Loc] = s.Event
			}
		}
		// Complete up to the first race per location: the same locations
		// race, and each location's first racy access is reported there.
		require.Equal(t, len(firstRacy), len(reported), "racy locations: brute force %v, detector %v", firstRacy, reported)
		for l, j := range firstRacy {
			require.Equal(t, j, firstReported[l], "first race on %s", w.LocName(l))
		}
	})
}
