package protocols

import "github.com/singlecheck/singlecheck/model"

// Naive is check-then-create without any synchronization.
var Naive = &Protocol{
	Name: "naive",
	Doc: `Check-then-create with no lock: two callers can both see nil and both construct.

Contract: every caller gets the one instance, constructed once.

Modelled code:

	var inst *T

	func Get() *T {
		if inst == nil {
			inst = New() // allocate, then initialize
		}
		return inst
	}

Why it fails: the check and the create are separate steps. Two callers can
both load nil before either stores, so both construct (multiple-construction)
and each returns its own object (divergent-instances). The unsynchronized
accesses to inst are also a data race, and under PSO the pointer can become
visible before the object's fields (partial-init).`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.MultipleConstruction, model.DivergentInstances, model.DataRace},
		model.TSO: {model.MultipleConstruction, model.DivergentInstances, model.DataRace},
		model.PSO: {model.MultipleConstruction, model.DivergentInstances, model.PartialInit, model.DataRace},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			r := inst.Load(t)
			if r == model.Nil {
				r = class.New(t)
				class.InitAll(t, r)
				inst.Store(t, r)
			}
			return r
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}

// repeat is the usual workload: wl.Threads identical threads, each calling
// call wl.Calls times.
func repeat(wl Workload, call func(t *model.Thread)) []model.Body {
	bodies := make([]model.Body, wl.Threads)
	for i := range bodies {
		bodies[i] = func(t *model.Thread) {
			for range wl.Calls {
				call(t)
			}
		}
	}
	return bodies
}
