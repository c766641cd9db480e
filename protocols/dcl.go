package protocols

import "github.com/singlecheck/singlecheck/model"

// DCL is double-checked locking over a plain (non-atomic) pointer.
var DCL = &Protocol{
	Name: "dcl",
	Doc: `Double-checked locking over a plain pointer: right under SC, a data race in Go, broken under PSO.

Contract: every caller gets the one instance, constructed once, fully built.

Modelled code:

	var (
		mu   sync.Mutex
		inst *T // plain pointer: not atomic
	)

	func Get() *T {
		if p := inst; p != nil { // unsynchronized fast path
			return p
		}
		mu.Lock()
		defer mu.Unlock()
		if inst == nil {
			p := New()
			p.ready = true // initialize every field...
			inst = p       // ...then publish
		}
		return inst
	}

Why it holds under SC: the lock makes check-and-create atomic, so one
object is built, and the fields are written before the pointer, so whoever
sees the pointer sees the fields.

Why it fails anyway: the fast-path load of inst is not ordered by
happens-before with the store made under the lock, so under the Go memory
model it is a data race (data-race, under every memory model). Under TSO the
writer's stores still leave its buffer in order, so nothing else goes wrong;
under PSO the store to inst may reach memory before the store to the field,
so a fast-path reader obtains an object it cannot see initialized
(partial-init). The cure is dcl-atomic.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.DataRace},
		model.TSO: {model.DataRace},
		model.PSO: {model.PartialInit, model.DataRace},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		mu := model.NewMutex(w, "mu")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			if p := inst.Load(t); p != model.Nil {
				return p
			}
			mu.Lock(t)
			defer mu.Unlock(t)
			p := inst.Load(t)
			if p == model.Nil {
				p = class.New(t)
				class.InitAll(t, p)
				inst.Store(t, p)
			}
			return p
		}
		return repeat(wl, func(t *model.Thread) { t.Obtain(get(t)) })
	},
}
