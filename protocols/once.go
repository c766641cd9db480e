package protocols

import "github.com/singlecheck/singlecheck/model"

// Once builds the instance with sync.Once.
var Once = &Protocol{
	Name: "once",
	Doc: `sync.Once around the constructor: the idiomatic Go singleton, correct under every memory model.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code (model.Once explores the runtime's own implementation: an
atomic done flag on the fast path, a mutex and a second check on the slow
path):

	var (
		once sync.Once
		inst *T // plain pointer, written only inside once.Do
	)

	func Get() *T {
		once.Do(func() {
			p := New()
			p.ready = true
			inst = p
		})
		return inst
	}

Why it holds: f runs once, under the Once's mutex, and the done flag is
stored atomically after f returns. A caller that sees done set (by the
atomic load, or under the mutex) synchronizes with that store, so its plain
load of inst and its reads of the fields happen after they were written: no
race, no second construction, no partial object, under SC, TSO and PSO.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {},
		model.TSO: {},
		model.PSO: {},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		once := model.NewOnce(w, "once")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			once.Do(t, func() {
				p := class.New(t)
				class.InitAll(t, p)
				inst.Store(t, p)
			})
			return inst.Load(t)
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
