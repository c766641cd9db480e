package protocols

import "github.com/singlecheck/singlecheck/model"

// DCLAtomic is double-checked locking over an atomic pointer.
var DCLAtomic = &Protocol{
	Name: "dcl-atomic",
	Doc: `Double-checked locking over an atomic pointer: correct under every memory model.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code:

	var (
		mu   sync.Mutex
		inst atomic.Pointer[T]
	)

	func Get() *T {
		if p := inst.Load(); p != nil {
			return p
		}
		mu.Lock()
		defer mu.Unlock()
		if p := inst.Load(); p != nil {
			return p
		}
		p := New()
		p.ready = true
		inst.Store(p)
		return p
	}

Why it holds: the lock makes check-and-create atomic, so one object is
built. The atomic store publishes the pointer after the fields and drains
the writer's store buffer, and an atomic load that sees the pointer
synchronizes with that store, so the reader's later reads of the fields
happen after their initialization: no race, and no partial object, under
SC, TSO and PSO alike. This is what sync.Once does for you.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {},
		model.TSO: {},
		model.PSO: {},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		mu := model.NewMutex(w, "mu")
		inst := model.NewAtomic(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			if p := inst.Load(t); p != model.Nil {
				return p
			}
			mu.Lock(t)
			defer mu.Unlock(t)
			if p := inst.Load(t); p != model.Nil {
				return p
			}
			p := class.New(t)
			class.InitAll(t, p)
			inst.Store(t, p)
			return p
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
