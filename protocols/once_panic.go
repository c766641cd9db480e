package protocols

import (
	"errors"

	"github.com/singlecheck/singlecheck/model"
)

// OncePanic is sync.Once whose initialization may fail by panicking.
var OncePanic = &Protocol{
	Name: "once-panic",
	Doc: `sync.Once whose f may panic: the caller recovers and calls again, but Once counts the panic as done.

Contract: every caller gets the one instance, constructed once, fully built.
Once's contract: "if f panics, Do considers it to have returned; future
calls of Do return without calling f."

Modelled code (whether the construction fails is a choice point, so both
outcomes are explored):

	var (
		once sync.Once
		inst *T
	)

	func get() *T {
		once.Do(func() {
			if failed() { // a transient error, say
				panic("init failed")
			}
			p := New()
			p.ready = true
			inst = p
		})
		return inst
	}

	func Get() *T {
		if p, ok := try(get); ok { // try recovers a panic and reports !ok
			return p
		}
		return get() // retry, expecting a second chance
	}

Why it fails: when f panics, Do still marks the Once done (a deferred store)
and releases its mutex. The retry, and every other caller, then skips f and
loads inst, which nobody ever stored: nil (nil-instance), under every memory
model. Nothing else goes wrong: the done flag orders every access, so there
is no race, and f never runs twice. The cure is sync.OnceValues (every
call re-panics with f's panic instead of returning nil), or a Once whose f
records the error and a getter that returns it.`,
	Identical: true,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.NilInstance},
		model.TSO: {model.NilInstance},
		model.PSO: {model.NilInstance},
	},
	Build: func(w *model.World, wl Workload) []model.Body {
		once := model.NewOnce(w, "once")
		inst := model.NewVar(w, "inst")
		class := model.NewClass(w, "T", "ready")
		get := func(t *model.Thread) model.Value {
			once.Do(t, func() {
				if t.Choose(2) == 1 {
					panic(errInitFailed)
				}
				p := class.New(t)
				class.InitAll(t, p)
				inst.Store(t, p)
			})
			return inst.Load(t)
		}
		try := func(t *model.Thread) (p model.Value, ok bool) {
			defer func() {
				if r := recover(); r != nil {
					if model.IsAbort(r) || r != errInitFailed {
						panic(r) // the checker unwinding, or a real bug
					}
					ok = false
				}
			}()
			return get(t), true
		}
		return repeat(wl, func(t *model.Thread) {
			p, ok := try(t)
			if !ok {
				p = get(t)
			}
			t.Obtain(p)
		})
	},
}

// errInitFailed is the panic of a failing initialization in once-panic.
var errInitFailed = errors.New("init failed")
