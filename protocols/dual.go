package protocols

import "github.com/singlecheck/singlecheck/model"

// Dual is the isolated-environment design: a class-level double-checked
// singleton and a module-level instance made at import.
var Dual = &Protocol{
	Name: "dual",
	Doc: `The isolated-environment singleton (Python): class-level double-checked __new__ plus a module instance made at import; safe.

Contract: every caller, whichever entry point it uses, gets the one
instance, constructed once, fully initialized, and initialized once.

Modelled code (Python; attribute accesses are atomic and sequentially
consistent under the interpreter lock, so the memory model changes nothing):

	class IsolatedEnvironment:
	    _instance = None
	    _lock = threading.RLock()

	    def __new__(cls):
	        if cls._instance is None:
	            with cls._lock:
	                if cls._instance is None:
	                    cls._instance = super().__new__(cls)
	        return cls._instance

	    def __init__(self):              # runs on every constructor call
	        if getattr(self, "_initialized", False):
	            return
	        self._env_vars = dict(os.environ)
	        self._initialized = True

	    @classmethod
	    def get_instance(cls):
	        return cls()

	_env_instance = IsolatedEnvironment()   # at import

	def get_env():
	    return _env_instance

Workers call get_env(), IsolatedEnvironment() and get_instance(), worker i
the entry point i mod 3 (Workload.Entries changes the mix).

Why it holds: the import runs before any thread can reach the module's
names, and it goes through the constructor, so it creates the class's
instance, initializes it and sets _initialized, and _env_instance is that
same object. Afterwards every __new__ takes the fast path and returns it,
every __init__ sees _initialized and returns, and get_env() returns it too:
the "two singletons" are one object, and no interleaving separates them.
The unlocked check-then-set in __init__ and the publication of
cls._instance before __init__ are latent bugs, but they need a second
construction, which only a reset (dual-reset) brings.`,
	Expect: map[model.Memory][]model.Kind{
		model.SC:  {},
		model.TSO: {},
		model.PSO: {},
	},
	Groups: dualGroups(func(Workload) int { return 0 }),
	Build: func(w *model.World, wl Workload) []model.Body {
		return buildDual(w, wl, 0, false)
	},
}
