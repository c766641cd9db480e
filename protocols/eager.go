package protocols

import "github.com/singlecheck/singlecheck/model"

// Eager builds the instance during package initialization.
var Eager = &Protocol{
	Name: "eager",
	Doc: `The instance is built during package initialization, before any goroutine can ask for it: correct, and not lazy.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code:

	var inst = newT() // runs during package initialization

	func newT() *T {
		p := New()
		p.ready = true
		return p
	}

	func Get() *T { return inst }

Why it holds: the Go memory model orders package initialization before
main starts, and main before every goroutine it starts, so every Get
happens after the instance was built and published (the model runs it on
the init thread, whose steps happen before every worker's and whose stores
are flushed before workers start). The plain load of inst is therefore not
a race, under SC, TSO and PSO. The price is that the instance is built even
if nobody asks for it.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {},
		model.TSO: {},
		model.PSO: {},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		w.SetInit(func(t *model.Thread) {
			p := class.New(t)
			class.InitAll(t, p)
			inst.Store(t, p)
		})
		return repeat(wl, func(t *model.Thread) { t.Obtain(inst.Load(t)) })
	},
}
