package protocols

import "github.com/singlecheck/singlecheck/model"

// DualReset is dual plus a test fixture that resets the class's instance.
var DualReset = &Protocol{
	Name: "dual-reset",
	Doc: `dual plus a test fixture that sets IsolatedEnvironment._instance = None while callers run: a second instance, a None, and at three callers a second __init__.

Contract: every caller, whichever entry point it uses, gets the one
instance, constructed once, fully initialized, and initialized once. The
fixture breaks the first half of it on purpose; the question is what else
breaks.

Modelled code: dual (see its doc), plus one more thread, the fixture, run
concurrently with the workers (Workload.Resets times, default once):

	IsolatedEnvironment._instance = None   # test-time reset

Why it fails (under every memory model: all shared accesses are Python
attribute accesses, atomic and sequentially consistent):
  - After the reset the next constructor call finds None and builds a
    second object (multiple-construction), while get_env() still returns the
    import-time one: the module and class instances now differ
    (divergent-instances). This is the report's "multiple different
    instances", and it needs the reset, not the import.
  - __new__ ends with "return cls._instance", a second read. If the reset
    falls between the fast-path check and that read, __new__ returns None,
    Python skips __init__, and IsolatedEnvironment() itself returns None
    (nil-instance).
  - __new__ publishes the new object before __init__ runs, and __init__'s
    _initialized check is not under the lock. With two constructor callers
    (three workers in the default mix) both can see _initialized unset; one
    finishes, sets it and hands the object out, and the other then assigns
    _env_vars again on an instance already in use (reinitialization).`,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {model.MultipleConstruction, model.DivergentInstances, model.Reinitialization, model.NilInstance},
		model.TSO: {model.MultipleConstruction, model.DivergentInstances, model.Reinitialization, model.NilInstance},
		model.PSO: {model.MultipleConstruction, model.DivergentInstances, model.Reinitialization, model.NilInstance},
	},
	// Two constructor callers are needed: workers 1 and 2 of the default mix.
	MinThreads: map[model.Kind]int{model.Reinitialization: 3},
	Groups:     dualGroups(Workload.ResetCount),
	Build: func(w *model.World, wl Workload) []model.Body {
		return buildDual(w, wl, wl.ResetCount(), false)
	},
}
