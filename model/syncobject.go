package model

// SyncObject is a synchronized object of model/sync whose contents live
// in Go (a sync.Map's entries, a sync.Pool's values): the model knows it
// as one location, and each operation on it is one step, after which the
// caller changes the Go contents before any other thread runs. Every
// operation acquires what the earlier updates released, and an update
// releases: an operation on a Map or Pool happens after every update
// before it (stronger than Go's memory model, which orders only a write
// before the reads that observe it).
//
// Dependency rule (deps.go keys of the object at location L): Update and
// PoolGet write KeyMem(L); Read reads it, so reads commute with each other
// and not with updates. A Map's Load and Range read; every other Map
// operation is an update, also when it turns out to change nothing (a
// failed CompareAndSwap), which is coarser than needed but exact.
type SyncObject struct{ loc int }

// NewSyncObject creates a synchronized object named name holding no
// pooled values.
func NewSyncObject(w *World, name string) SyncObject {
	return SyncObject{w.newLoc(name, LocSyncObject)}
}

// Loc is the object's location in its World.
func (o SyncObject) Loc() int { return o.loc }

// Update is an operation that may change the object; pooled is the change
// to the number of values it pools (1 for a Pool's Put, 0 for a Map).
func (o SyncObject) Update(t *Thread, pooled int) {
	t.do(Op{Kind: OpSyncUpdate, Loc: o.loc, Arg: Value(pooled)})
}

// Read is an operation that only reads the object.
func (o SyncObject) Read(t *Thread) { t.do(Op{Kind: OpSyncRead, Loc: o.loc}) }

// PoolGet takes one of the values the object pools, or none: a choice the
// checker explores, among the n values pooled and none. It returns the
// index of the value taken (in the order the pool keeps them), or -1.
func (o SyncObject) PoolGet(t *Thread) int {
	return int(t.do(Op{Kind: OpPoolGet, Loc: o.loc}))
}

func syncWrite(w *World, t *Thread, op *Op, acc Footprint) Footprint {
	return append(acc, Access{Key: memKey(op.Loc), Write: true})
}

var syncUpdateSpec = opSpec{
	name:     "sync-update",
	fence:    true,
	sync:     true,
	accesses: syncWrite,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		l.count += int(op.Arg)
		w.acquire(t, l)
		w.release(t, l)
		return 0
	},
}

var syncReadSpec = opSpec{
	name:  "sync-read",
	fence: true,
	sync:  true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: memKey(op.Loc)})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.acquire(t, &w.locs[op.Loc])
		return 0
	},
}

// A Get's event records the index taken as Value, -1 for none.
var poolGetSpec = opSpec{
	name:     "pool-get",
	fence:    true,
	sync:     true,
	choices:  func(w *World, t *Thread, op *Op) int { return w.locs[op.Loc].count + 1 },
	accesses: syncWrite,
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		l := &w.locs[op.Loc]
		w.acquire(t, l)
		ev.Value = -1
		if w.choice < l.count {
			ev.Value = Value(w.choice)
			l.count--
		}
		return ev.Value
	},
}
