// Package isolated is the design of the isolated-environment bug report
// (docs/isolated-environment.md), ported to Go as its authors wrote it in
// Python: a class-level instance behind double-checked locking, an
// initialization guarded by an "initialized" flag, a module-level instance
// made at import, a reset for tests, and the "self-healing" accessor that
// puts the module instance right when it differs from the class instance.
// Python's RLock becomes a sync.Mutex (no call here re-enters it), and
// Python's attribute accesses become plain Go accesses.
package isolated

import "sync"

// Env is the instance.
type Env struct {
	vars        map[string]string
	initialized bool
}

var (
	lock     sync.Mutex
	instance *Env // IsolatedEnvironment._instance
)

// New is IsolatedEnvironment(): __new__, then __init__.
func New() *Env {
	if instance == nil {
		lock.Lock()
		if instance == nil {
			instance = &Env{}
		}
		lock.Unlock()
	}
	e := instance
	if e != nil {
		e.init()
	}
	return e
}

func (e *Env) init() {
	if e.initialized {
		return
	}
	e.vars = map[string]string{"HOME": "/root"}
	e.initialized = true
}

// GetInstance is IsolatedEnvironment.get_instance().
func GetInstance() *Env { return New() }

// envInstance is the module-level instance, made at import.
var envInstance = New()

// GetEnv is get_env(), with the report's "self-healing" fix: when the
// module instance differs from the class instance, it is replaced by it.
func GetEnv() *Env {
	if envInstance != instance {
		envInstance = New()
	}
	return envInstance
}

// ResetForTests is the fixture's reset of IsolatedEnvironment._instance.
func ResetForTests() {
	instance = nil
}
