package protocols

import "github.com/singlecheck/singlecheck/model"

// CAS constructs, then publishes with compare-and-swap.
var CAS = &Protocol{
	Name: "cas",
	Doc: `Construct, then publish with compare-and-swap: losers throw their object away; fine if construction has no side effects.

Contract: every caller gets the one published instance, fully built. Extra
constructions are declared acceptable (multiple-construction): the protocol
is only correct for a constructor without side effects.

Modelled code:

	var inst atomic.Pointer[T]

	func Get() *T {
		if p := inst.Load(); p != nil {
			return p
		}
		p := New()
		p.ready = true
		if inst.CompareAndSwap(nil, p) {
			return p
		}
		return inst.Load() // lost the race: use the winner's
	}

Why it holds: callers that both see nil both construct (multiple-construction,
acceptable), but only one CAS succeeds, and every caller returns the object
that CAS published (never divergent-instances). The fields are written
before the CAS, which drains the store buffer and synchronizes with every
later load of inst, so no caller sees a half-built object or races, under
SC, TSO and PSO.`,
	Identical:  true,
	Acceptable: []model.Kind{model.MultipleConstruction},
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.MultipleConstruction},
		model.TSO: {model.MultipleConstruction},
		model.PSO: {model.MultipleConstruction},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		inst := model.NewAtomic(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			if p := inst.Load(t); p != model.Nil {
				return p
			}
			p := class.New(t)
			class.InitAll(t, p)
			if inst.CompareAndSwap(t, model.Nil, p) {
				return p
			}
			return inst.Load(t)
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
