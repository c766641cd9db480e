package explore

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
)

// The symmetry order: the refinement of the dependency relation under which
// optimal DPOR and source-DPOR may hide, at every decision, each identical
// thread that the DFS symmetry filter hides (symmetry.go), not only those
// that have not started (see dpor_symmetry.go for the argument).
//
// For two workers x and y of one group, the m-th event of x's thread
// process writes the key KeyOrder{Loc: pair(x, y), Ord: m} unless x's
// previous event (its dependency past under the refined relation) already
// shows the pair broken, that is, contains a witness that renaming x and y
// does not fix the trace: the m'-th events of x and y, not mirrors of each
// other (symmetryFilter.mirrors), or an event of another worker whose clock
// tells x from y (symmetryFilter.swapInvariant). So the m-th events of x and
// y are dependent whenever the filter could hide one of them for the other.
// The witnesses are facts about the trace, and the past an event is judged
// from is its own, so each event's refined footprint is the same in every
// execution of its trace. A spawn writes KeyOrder{Loc: -1}, which every
// event of a worker's thread process reads: the filter hides nothing once
// a thread was spawned, so a spawn is dependent with every event whose
// thread it could hide or show.
type symOrder struct {
	clocks *model.DepClocks
	fed    int // events of the execution given to clocks
	n      int // workers; 0 until the execution's first event
	groups []int
	worker map[uint64]int // worker thread Key → index
	proc   []int          // per worker: its thread process's number, -1 until it moved
	evs    [][]*model.Event
	last   []model.VC // per worker: the refined clock of its last event
	// Witnesses, per ordered pair x*n+y (kept for both orders): mirror is
	// the lowest m at which the m-th events of x and y are not mirrors (0
	// if none); third maps a process to the lowest number of its events
	// whose clock tells x from y.
	mirror []uint32
	third  []map[int]uint32
	filter symmetryFilter // for its comparisons only
	err    error
}

var spawnOrderKey = model.Key{Kind: model.KeyOrder, Loc: -1}

func newSymOrder() *symOrder { return &symOrder{} }

// reset starts a new execution.
func (o *symOrder) reset() {
	o.clocks, o.fed, o.n = model.NewDepClocks(), 0, 0
}

// start learns the workers and groups of w, once per execution.
func (o *symOrder) start(w *model.World) {
	if o.n != 0 {
		return
	}
	n := w.Workers()
	o.n, o.groups = n, w.SymmetryGroups()
	o.worker = map[uint64]int{}
	o.proc = make([]int, n)
	o.evs = make([][]*model.Event, n)
	o.last = make([]model.VC, n)
	o.mirror = make([]uint32, n*n)
	o.third = make([]map[int]uint32, n*n)
	for i := range n {
		o.worker[w.Threads()[i].Key()] = i
		o.proc[i] = -1
	}
	// The order runs under SC only (dpor.symmetryMode): every process is
	// a thread, and the filter's comparisons may read thread processes'
	// numbers from proc.
	o.filter.sc, o.filter.proc = true, o.proc
}

// grouped reports whether workers x and y are distinct members of one
// group.
func (o *symOrder) grouped(x, y int) bool {
	return x != y && o.groups != nil && o.groups[x] == o.groups[y]
}

// known reports whether clock p contains a witness that swapping workers x
// and y does not fix the trace.
func (o *symOrder) known(x, y int, p model.VC) bool {
	if m := o.mirror[x*o.n+y]; m > 0 && o.proc[x] >= 0 && o.proc[y] >= 0 &&
		p.At(o.proc[x]) >= m && p.At(o.proc[y]) >= m {
		return true
	}
	for q, m := range o.third[x*o.n+y] {
		if p.At(q) >= m {
			return true
		}
	}
	return false
}

// extra is what the next event of thread key t, of operation op (on the
// thread's own process if thread), accesses beside its footprint.
func (o *symOrder) extra(t uint64, op model.OpKind, thread bool) model.Footprint {
	var acc model.Footprint
	if op == model.OpSpawn {
		acc = append(acc, model.Access{Key: spawnOrderKey, Write: true})
	}
	x, ok := o.worker[t]
	if !ok || !thread || o.groups == nil {
		return acc
	}
	m := int64(len(o.evs[x]) + 1)
	for y := range o.n {
		if o.grouped(x, y) && !o.known(x, y, o.last[x]) {
			acc = append(acc, model.Access{Key: model.Key{Kind: model.KeyOrder, Loc: int32(min(x, y)*o.n + max(x, y)), Ord: m}, Write: true})
		}
	}
	return append(acc, model.Access{Key: spawnOrderKey})
}

// event is the refined footprint and clock of event i of w; the events
// before it must have been given already, or are given now with their own
// footprints (the init thread's prefix).
func (o *symOrder) event(w *model.World, i int) (model.Footprint, model.VC) {
	o.start(w)
	evs := w.Events()
	for ; o.fed < i; o.fed++ {
		o.feed(w, &evs[o.fed], evs[o.fed].Acc)
	}
	ev := &evs[i]
	p := w.Process(ev.Proc)
	acc := ev.Acc
	if x := o.extra(p.Thread, ev.Op, p.IsThread()); len(x) > 0 {
		acc = append(acc[:len(acc):len(acc)], x...)
	}
	o.fed++
	return acc, o.feed(w, ev, acc)
}

// feed gives event ev, with refined footprint acc, to the clocks, and
// records the witnesses it is part of.
func (o *symOrder) feed(w *model.World, ev *model.Event, acc model.Footprint) model.VC {
	p := w.Process(ev.Proc)
	idx, c := o.clocks.Clock(p, acc)
	if idx != ev.Proc && o.err == nil {
		o.err = fmt.Errorf("internal error: the symmetry order numbered process %d as %d", ev.Proc, idx)
	}
	if ev.Op == model.OpSpawn {
		o.clocks.Spawned(w.Threads()[ev.Value].Key(), c)
	}
	if ev.Thread >= o.n {
		return c // the init thread, or a spawned thread
	}
	x := ev.Thread
	n := o.n
	if p.IsThread() {
		o.proc[x] = ev.Proc
		o.evs[x] = append(o.evs[x], ev)
		o.last[x] = c
		m := len(o.evs[x])
		for y := range n {
			if !o.grouped(x, y) || o.mirror[x*n+y] > 0 || len(o.evs[y]) < m {
				continue
			}
			if !o.filter.mirrors(w, o.evs[y][m-1], ev, y, x) {
				o.mirror[x*n+y], o.mirror[y*n+x] = uint32(m), uint32(m)
			}
		}
	}
	// A witness for the pairs of other workers whose processes its clock
	// tells apart. (Under SC a worker's one process is its thread, so its
	// clock is swap-invariant for a and b exactly when its entries for
	// their threads are equal: symmetryFilter.swapInvariant, cheaper.)
	own := ev.Dep.At(ev.Proc)
	at := func(a int) uint32 {
		if o.proc[a] < 0 {
			return 0
		}
		return ev.Dep.At(o.proc[a])
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			if a == x || b == x || !o.grouped(a, b) || at(a) == at(b) {
				continue
			}
			if _, seen := o.third[a*n+b][ev.Proc]; seen {
				continue
			}
			if o.third[a*n+b] == nil {
				o.third[a*n+b], o.third[b*n+a] = map[int]uint32{}, map[int]uint32{}
			}
			o.third[a*n+b][ev.Proc], o.third[b*n+a][ev.Proc] = own, own
		}
	}
	return c
}
