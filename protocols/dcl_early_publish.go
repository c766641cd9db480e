package protocols

import "github.com/singlecheck/singlecheck/model"

// DCLEarlyPublish is double-checked locking that publishes the pointer
// before initializing the object.
var DCLEarlyPublish = &Protocol{
	Name: "dcl-early-publish",
	Doc: `Double-checked locking that publishes the pointer, then initializes: a fast-path caller gets a half-built object.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code (the pointer is even atomic: the bug is the order, not the
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
		if p := inst.Load(); p != nil {
			return p
		}
		p := New()
		inst.Store(p)  // published...
		p.ready = true // ...before it is initialized
		return p
	}

Why it fails: between the store of inst and the store of the field, another
caller's fast path loads the pointer and returns at once with an object
whose field is still unset (partial-init), under every memory model. Its
reads of the field are also unordered with the initializing write, since the
write comes after the atomic store the reader synchronized with (data-race).
The lock still prevents a second construction.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.PartialInit, model.DataRace},
		model.TSO: {model.PartialInit, model.DataRace},
		model.PSO: {model.PartialInit, model.DataRace},
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
			inst.Store(t, p)
			class.InitAll(t, p)
			return p
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
