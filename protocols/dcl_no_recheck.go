package protocols

import "github.com/singlecheck/singlecheck/model"

// DCLNoRecheck is double-checked locking without the second check.
var DCLNoRecheck = &Protocol{
	Name: "dcl-no-recheck",
	Doc: `Check, lock, create, without checking again under the lock: two callers both build.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code (the pointer is atomic: the bug is the missing check, not the
memory model):

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
		p := New() // no second check of inst here
		p.ready = true
		inst.Store(p)
		return p
	}

Why it fails: two callers can both load nil before either takes the lock.
The lock only makes them take turns: the second, once it holds the lock,
builds again (multiple-construction) and returns its own object while the
first returned the other (divergent-instances). Everything is ordered by
the lock and the atomics, so there is no race and no partial object, under
every memory model.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.MultipleConstruction, model.DivergentInstances},
		model.TSO: {model.MultipleConstruction, model.DivergentInstances},
		model.PSO: {model.MultipleConstruction, model.DivergentInstances},
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
			p := class.New(t)
			class.InitAll(t, p)
			inst.Store(t, p)
			return p
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
