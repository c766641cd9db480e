package protocols

import (
	"fmt"

	"github.com/singlecheck/singlecheck/model"
)

// isolatedEnv is the model of the Python module of the isolated-environment
// bug report, shared by the dual family:
//
//	class IsolatedEnvironment:
//	    _instance = None
//	    _lock = threading.RLock()
//
//	    def __new__(cls):
//	        if cls._instance is None:
//	            with cls._lock:
//	                if cls._instance is None:
//	                    cls._instance = super().__new__(cls)
//	        return cls._instance
//
//	    def __init__(self):
//	        if getattr(self, "_initialized", False):
//	            return
//	        self._env_vars = dict(os.environ)
//	        self._initialized = True
//
//	    @classmethod
//	    def get_instance(cls):
//	        return cls()
//
//	_env_instance = IsolatedEnvironment()   # at import
//
//	def get_env():
//	    return _env_instance
//
// Python semantics: every attribute read or write is one atomic,
// sequentially consistent step (the interpreter lock), so class and module
// attributes and the _initialized flag are model.Atomic, and the object's
// fields belong to an atomic class (model.NewAtomicClass): the model has no
// plain access, so the race detector, left on, has nothing to report and
// no store waits in a store buffer. A constructor call
// IsolatedEnvironment() is __new__ then, if that returned an instance,
// __init__ on it. Allocation (super().__new__) is the construction the
// oracles count, and the assignment to _env_vars is the field
// initialization they watch for partial-init and reinitialization.
type isolatedEnv struct {
	lock        model.Mutex  // IsolatedEnvironment._lock, an RLock
	instance    model.Atomic // IsolatedEnvironment._instance
	envInstance model.Atomic // the module's _env_instance
	class       model.Class
	// initialized[n-1] is the _initialized attribute of the object numbered
	// n (model.RefNumber). Python creates it on first assignment; the model
	// allocates one per object that can exist (there is one construction
	// at import and at most one after each reset).
	initialized []model.Atomic
	// selfHeal makes get_env() the report's fixed accessor.
	selfHeal bool
}

func newIsolatedEnv(w *model.World, maxObjects int, selfHeal bool) *isolatedEnv {
	e := &isolatedEnv{
		lock:        model.NewRMutex(w, "IsolatedEnvironment._lock"),
		instance:    model.NewAtomic(w, "IsolatedEnvironment._instance"),
		envInstance: model.NewAtomic(w, "_env_instance"),
		class:       model.NewAtomicClass(w, "IsolatedEnvironment", "_env_vars"),
		selfHeal:    selfHeal,
	}
	for i := range maxObjects {
		e.initialized = append(e.initialized,
			model.NewAtomic(w, fmt.Sprintf("IsolatedEnvironment#%d._initialized", i+1)))
	}
	return e
}

// new is __new__: the class-level double-checked singleton. It returns
// cls._instance as read at the end, which a concurrent reset can make None.
func (e *isolatedEnv) new(t *model.Thread) model.Value {
	if e.instance.Load(t) == model.Nil {
		e.lock.Lock(t)
		if e.instance.Load(t) == model.Nil {
			e.instance.Store(t, e.class.New(t))
		}
		e.lock.Unlock(t)
	}
	return e.instance.Load(t)
}

// init is __init__: check-then-set of the _initialized flag, no lock.
func (e *isolatedEnv) init(t *model.Thread, self model.Value) {
	flag := e.initialized[model.RefNumber(self)-1]
	if flag.Load(t) != 0 {
		return
	}
	e.class.InitAll(t, self)
	flag.Store(t, 1)
}

// construct is a call IsolatedEnvironment(): __new__, then __init__ if
// __new__ returned an instance (Python skips __init__ for None).
func (e *isolatedEnv) construct(t *model.Thread) model.Value {
	self := e.new(t)
	if self != model.Nil {
		e.init(t, self)
	}
	return self
}

// getEnv is the module accessor. Plain, it returns the import-time
// instance. With the report's fix it first makes _env_instance agree with
// the class's instance, without a lock:
//
//	def get_env():
//	    global _env_instance
//	    current = IsolatedEnvironment._instance
//	    if current is not None and _env_instance is not current:
//	        _env_instance = current   # self-healing, no lock
//	    return _env_instance
func (e *isolatedEnv) getEnv(t *model.Thread) model.Value {
	if e.selfHeal {
		current := e.instance.Load(t)
		if current != model.Nil && e.envInstance.Load(t) != current {
			e.envInstance.Store(t, current)
		}
	}
	return e.envInstance.Load(t)
}

// call makes one call through entry point ep and returns what it gave.
func (e *isolatedEnv) call(t *model.Thread, ep Entry) model.Value {
	switch ep {
	case EntryAccessor:
		return e.getEnv(t)
	case EntryConstructor:
		return e.construct(t)
	case EntryClassMethod:
		return e.construct(t) // get_instance is `return cls()`
	}
	panic(fmt.Sprintf("unknown entry point %d", ep))
}

// importModule is the module body run at import, before any worker: the
// module-level instance, made through the constructor.
func (e *isolatedEnv) importModule(t *model.Thread) {
	e.envInstance.Store(t, e.construct(t))
}

// reset is the test fixture: IsolatedEnvironment._instance = None.
func (e *isolatedEnv) reset(t *model.Thread) { e.instance.Store(t, model.Nil) }

// dualGroups are the symmetry groups of the dual family: callers that run
// the same code are interchangeable, and the fixture (with resets, the
// last thread) is alone. get_instance() is `return cls()`, so its callers
// perform exactly the operations of the constructor's callers (call) and
// share their group; a counterexample still shows each thread's own entry
// point, since it is an execution of the workers as declared.
func dualGroups(resets func(Workload) int) func(Workload) []int {
	return func(wl Workload) []int {
		g := make([]int, wl.Threads, wl.Threads+1)
		for i := range g {
			ep := wl.EntryOf(i)
			if ep == EntryClassMethod {
				ep = EntryConstructor
			}
			g[i] = int(ep)
		}
		if resets(wl) > 0 {
			g = append(g, int(NumEntries))
		}
		return g
	}
}

// buildDual builds the dual family: the import on the init thread, the
// workers calling through their entry points, and, with resets, one
// fixture thread (the last) resetting the class's instance.
func buildDual(w *model.World, wl Workload, resets int, selfHeal bool) []model.Body {
	e := newIsolatedEnv(w, 1+resets, selfHeal)
	w.SetInit(e.importModule)
	bodies := make([]model.Body, 0, wl.Threads+1)
	for i := range wl.Threads {
		ep := wl.EntryOf(i)
		bodies = append(bodies, func(t *model.Thread) {
			for range wl.Calls {
				t.Obtain(e.call(t, ep))
			}
		})
	}
	if resets > 0 {
		bodies = append(bodies, func(t *model.Thread) {
			for range resets {
				e.reset(t)
			}
		})
	}
	return bodies
}
