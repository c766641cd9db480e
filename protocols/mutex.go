package protocols

import "github.com/singlecheck/singlecheck/model"

// Mutex holds a lock around the whole getter.
var Mutex = &Protocol{
	Name: "mutex",
	Doc: `A lock around the whole getter: correct, and every call pays for the lock.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code:

	var (
		mu   sync.Mutex
		inst *T
	)

	func Get() *T {
		mu.Lock()
		defer mu.Unlock()
		if inst == nil {
			inst = New()
		}
		return inst
	}

Why it holds: the check and the create happen under one lock, so they are
one atomic step for every other caller, and the unlock publishes the
initialized fields to the next locker under every memory model.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {},
		model.TSO: {},
		model.PSO: {},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		mu := model.NewMutex(w, "mu")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			mu.Lock(t)
			defer mu.Unlock(t)
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
