package explore

import (
	"fmt"
	"slices"

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
// thread it could hide or show. Under TSO and PSO the order runs in its
// buffered mode (dpor_symorder_buffers.go).
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
	// buffered selects the mode for store buffers (dpor_symorder_buffers.go):
	// evs and last then hold every event of a worker, of any of its
	// processes, and at holds where each stands in its process.
	buffered bool
	at       [][]eventAt
	// allocated, per worker, says it has made an object (OpNew): no event
	// of another worker mirrors that one, each New's object being new, so
	// from then on the worker is never level with another unbroken one.
	allocated []bool
	// extraBuf is the storage of extra's result.
	extraBuf model.Footprint
	// accBuf is where event builds a refined footprint, which it then
	// copies into accArena: the step table keeps it.
	accBuf   model.Footprint
	accArena model.Arena[model.Access]
}

var spawnOrderKey = model.Key{Kind: model.KeyOrder, Loc: -1}

func newSymOrder() *symOrder { return &symOrder{} }

// reset starts a new execution.
func (o *symOrder) reset() {
	if o.clocks == nil {
		o.clocks = model.NewDepClocks()
	} else {
		o.clocks.Reset()
	}
	o.fed, o.n = 0, 0
}

// start learns the workers and groups of w, once per execution.
func (o *symOrder) start(w *model.World) {
	if o.n != 0 {
		return
	}
	n := w.Workers()
	o.n, o.groups = n, w.SymmetryGroups()
	// The storage of the execution before is reused: every field is
	// emptied here, so nothing of that execution is seen.
	if o.worker == nil {
		o.worker = map[uint64]int{}
	}
	clear(o.worker)
	o.proc = slices.Grow(o.proc[:0], n)[:n]
	o.evs = slices.Grow(o.evs[:0], n)[:n]
	for i := range o.evs {
		o.evs[i] = o.evs[i][:0]
	}
	o.last = slices.Grow(o.last[:0], n)[:n]
	clear(o.last)
	o.allocated = slices.Grow(o.allocated[:0], n)[:n]
	clear(o.allocated)
	o.mirror = slices.Grow(o.mirror[:0], n*n)[:n*n]
	clear(o.mirror)
	o.third = slices.Grow(o.third[:0], n*n)[:n*n]
	for _, m := range o.third {
		clear(m) // an empty map is as good as none
	}
	for i := range n {
		o.worker[w.Threads()[i].Key()] = i
		o.proc[i] = -1
	}
	if o.buffered {
		o.at = slices.Grow(o.at[:0], n)[:n]
		for i := range o.at {
			o.at[i] = o.at[i][:0]
		}
		return
	}
	// Under SC every process is a thread, and the filter's comparisons
	// may read thread processes' numbers from proc.
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
	if o.allocated[x] {
		// x's New, at some position m, is in x's own past. If y reaches m,
		// its m-th event is no mirror of it; until then y is behind. Either
		// way the two are never level and unbroken again.
		return true
	}
	if m := o.mirror[x*o.n+y]; m > 0 && o.includes(p, x, int(m)) && o.includes(p, y, int(m)) {
		return true
	}
	for q, m := range o.third[x*o.n+y] {
		if p.At(q) >= m {
			return true
		}
	}
	return false
}

// includes reports whether clock p includes the m-th event of worker x
// (of its thread, or under the buffered mode of any of its processes).
func (o *symOrder) includes(p model.VC, x, m int) bool {
	if o.buffered {
		e := o.at[x][m-1]
		return p.At(e.proc) >= e.num
	}
	return o.proc[x] >= 0 && p.At(o.proc[x]) >= uint32(m)
}

// extra is what the next event of process p, of operation op, accesses
// beside its footprint, in storage the next call reuses: callers copy it.
func (o *symOrder) extra(p model.Process, op model.OpKind) model.Footprint {
	acc := o.extraBuf[:0]
	if op == model.OpSpawn {
		acc = append(acc, model.Access{Key: spawnOrderKey, Write: true})
	}
	x, ok := o.worker[p.Thread]
	if !ok || o.groups == nil || !p.IsThread() && !o.buffered {
		o.extraBuf = acc
		return acc
	}
	m := int64(len(o.evs[x]) + 1)
	ordered := false
	for y := range o.n {
		if o.grouped(x, y) && !o.known(x, y, o.last[x]) {
			acc = append(acc, model.Access{Key: model.Key{Kind: model.KeyOrder, Loc: int32(min(x, y)*o.n + max(x, y)), Ord: m}, Write: true})
			ordered = true
		}
	}
	if ordered && o.buffered {
		acc = append(acc, model.Access{Key: workerOrderKey(x), Write: true})
	}
	o.extraBuf = append(acc, model.Access{Key: spawnOrderKey})
	return o.extraBuf
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
	if x := o.extra(p, ev.Op); len(x) > 0 {
		o.accBuf = append(append(o.accBuf[:0], acc...), x...)
		acc = o.accArena.Copy(o.accBuf, model.ArenaChunk, len(o.accBuf))
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
	if p.IsThread() || o.buffered {
		if p.IsThread() {
			o.proc[x] = ev.Proc
		}
		if o.buffered {
			o.at[x] = append(o.at[x], eventAt{proc: ev.Proc, num: ev.Dep.At(ev.Proc)})
		}
		o.evs[x] = append(o.evs[x], ev)
		o.last[x] = c
		if ev.Op == model.OpNew {
			o.allocated[x] = true
		}
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
			if a == x || b == x || !o.grouped(a, b) {
				continue
			}
			if o.buffered && o.filter.swapInvariant(w, ev.Dep, a, b) || !o.buffered && at(a) == at(b) {
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
