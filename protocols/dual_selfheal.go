package protocols

import "github.com/singlecheck/singlecheck/model"

// DualSelfHeal is dual-reset with the report's self-healing accessor.
var DualSelfHeal = &Protocol{
	Name: "dual-selfheal",
	Doc: `dual-reset with the report's fix, a get_env() that re-syncs _env_instance to the class's instance without a lock: it hands out half-initialized objects.

Contract: every caller, whichever entry point it uses, gets the one
instance, constructed once, fully initialized, and initialized once. The
fix's own claim: get_env() always returns the class's instance, so the
module and class singletons never diverge.

Modelled code: dual-reset (see its doc and dual's), with the accessor
replaced by the "consistency enforcement" of the report (the class's
instance is the authoritative source; a None is not copied):

	def get_env():
	    global _env_instance
	    current = IsolatedEnvironment._instance
	    if current is not None and _env_instance is not current:
	        _env_instance = current   # self-healing, no lock
	    return _env_instance

Why it fails (under every memory model, as for dual-reset):
  - It repairs nothing the reset broke: a caller that obtained the old
    instance before the reset still holds it while later callers get the
    new one (divergent-instances), the reset still forces a second
    construction (multiple-construction), __new__'s final re-read of
    cls._instance can still return None (nil-instance), and two constructor
    callers can still both run __init__ (reinitialization, from three
    workers on).
  - It adds a failure of its own: __new__ publishes cls._instance before
    __init__ has run, and get_env() now reads cls._instance, so it can copy
    and return an object whose _env_vars is not yet assigned
    (partial-init). Plain get_env() could not, since _env_instance only
    ever held the instance the import had fully initialized.
The re-sync is itself a check-then-act without a lock: a get_env() that
read the class's instance before a reset can later copy that stale object
over the fresh one another get_env() installed. In the default mix only
worker 0 calls get_env(), so that needs Workload.Entries with two of them,
and it shows as divergent-instances like the rest.`,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.MultipleConstruction, model.DivergentInstances, model.PartialInit, model.Reinitialization, model.NilInstance},
		model.TSO: {model.MultipleConstruction, model.DivergentInstances, model.PartialInit, model.Reinitialization, model.NilInstance},
		model.PSO: {model.MultipleConstruction, model.DivergentInstances, model.PartialInit, model.Reinitialization, model.NilInstance},
	},
	// Two constructor callers are needed: workers 1 and 2 of the default mix.
	MinThreads: map[model.Kind]int{model.Reinitialization: 3},
	Groups:     dualGroups(Workload.ResetCount),
	Build: func(w *model.World, wl Workload) []model.Body {
		return buildDual(w, wl, wl.ResetCount(), true)
	},
}
