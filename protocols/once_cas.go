package protocols

import "github.com/singlecheck/singlecheck/model"

// OnceCAS is the incorrect Once that Go's sync/once.go warns about.
var OnceCAS = &Protocol{
	Name: "once-cas",
	Doc: `The incorrect Once of sync/once.go's comment: a bare compare-and-swap on done, then f.

Contract: every caller gets the one instance, constructed once, fully built.
Once's own contract: no call to Do returns until the one call to f has
returned.

Modelled code:

	var (
		done uint32
		inst *T
	)

	func Do(f func()) { // the incorrect implementation
		if atomic.CompareAndSwapUint32(&done, 0, 1) {
			f()
		}
	}

	func Get() *T {
		Do(func() {
			p := New()
			p.ready = true
			inst = p
		})
		return inst
	}

Why it fails: the winner of the CAS sets done before f runs. A second caller
loses the CAS and returns at once, without waiting for f, and loads inst
while it is still nil (nil-instance). Its failed CAS synchronizes only with
the winner's CAS, which came before the store of inst, so that load races
with the store (data-race). Under PSO the store of inst can also reach
memory before the store of the field, and the loser obtains a half-built
object (partial-init); under TSO the stores stay in order and it cannot.
One construction, though: the CAS admits one caller.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.NilInstance, model.DataRace},
		model.TSO: {model.NilInstance, model.DataRace},
		model.PSO: {model.PartialInit, model.NilInstance, model.DataRace},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		done := model.NewAtomic(w, "done")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			if done.CompareAndSwap(t, 0, 1) {
				p := class.New(t)
				class.InitAll(t, p)
				inst.Store(t, p)
			}
			return inst.Load(t)
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
