package model

// Once is sync.Once as the Go runtime implements it: an atomic done flag
// read on the fast path, and a mutex on the slow path under which the flag
// is checked again, f runs, and the flag is set. Its steps are explored like
// any others, so a protocol built on Once is checked, not assumed.
//
// As in Go, if f panics Do considers it returned: the flag is set (by a
// deferred store) and later calls of Do do not call f.
//
//	func (o *Once) Do(f func()) {
//		if o.done.Load() == 0 {
//			o.doSlow(f)
//		}
//	}
//
//	func (o *Once) doSlow(f func()) {
//		o.m.Lock()
//		defer o.m.Unlock()
//		if o.done.Load() == 0 {
//			defer o.done.Store(1)
//			f()
//		}
//	}
type Once struct {
	done Atomic
	m    Mutex
}

// NewOnce creates a Once named name (its parts are name.done and name.m).
func NewOnce(w *World, name string) Once {
	return Once{done: NewAtomic(w, name+".done"), m: NewMutex(w, name+".m")}
}

// Do calls f if and only if Do is being called for the first time on o.
// No call to Do returns until the one call to f has returned.
func (o Once) Do(t *Thread, f func()) {
	if o.done.Load(t) == 0 {
		o.doSlow(t, f)
	}
}

func (o Once) doSlow(t *Thread, f func()) {
	o.m.Lock(t)
	defer o.unlock(t)
	if o.done.Load(t) == 0 {
		defer o.setDone(t)
		f()
	}
}

// setDone and unlock are the deferred steps of doSlow. While the thread is
// being unwound because its execution was abandoned they do nothing: the
// scheduler has stopped, and there is no step to take.
func (o Once) setDone(t *Thread) {
	if !t.aborted {
		o.done.Store(t, 1)
	}
}

func (o Once) unlock(t *Thread) {
	if !t.aborted {
		o.m.Unlock(t)
	}
}
