package sync

import (
	"fmt"
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// Mutex is a mutual exclusion lock, as Go's sync.Mutex: its zero value is
// an unlocked mutex, it is not associated with a goroutine, and an Unlock
// happens before every later Lock.
//
// Differences from Go's: Lock is one step of the checked goroutine (a
// goroutine blocked on it waits until the scheduler finds it enabled; Go's
// starvation mode and spinning do not exist, and every order of waiters is
// explored); a copy used after the original was used panics; an Unlock of
// an unlocked Mutex panics (Go throws an unrecoverable fatal error).
type Mutex struct {
	st *state[model.Mutex]
}

func newMutex(w *model.World, name string) model.Mutex { return model.NewMutex(w, name) }

// get is the running goroutine and m's state for its next operation,
// found when the operation runs (stateAtStep).
func (m *Mutex) get() (*model.Thread, model.Mutex) {
	return stepState(&m.st, unsafe.Pointer(m), "Mutex", newMutex)
}

// Lock locks m. If the lock is already in use, the calling goroutine
// blocks until the mutex is available.
func (m *Mutex) Lock() {
	t, mu := m.get()
	mu.Lock(t)
}

// TryLock tries to lock m and reports whether it succeeded. It succeeds
// exactly when Lock would not block now (Go's may also fail spuriously;
// the model's never does).
func (m *Mutex) TryLock() bool {
	t, mu := m.get()
	return mu.TryLock(t)
}

// Unlock unlocks m. It panics with "sync: unlock of unlocked mutex" if m
// is not locked on entry.
func (m *Mutex) Unlock() {
	t, mu := m.get()
	if !mu.Release(t) {
		panic(fmt.Sprintf("sync: unlock of unlocked mutex (Mutex.Unlock of %s)", t.World().LocName(m.st.s.Loc())))
	}
}

// RWMutex is a reader/writer mutual exclusion lock, as Go's sync.RWMutex:
// its zero value is unlocked; any number of readers or one writer hold it;
// a goroutine blocked in Lock keeps new readers out, so recursive read
// locking deadlocks when a writer waits in between, as in Go. An Unlock
// happens before every later RLock and Lock, and an RUnlock before the
// next Lock.
//
// Differences from Go's: Lock is two steps (the writer announces itself,
// then waits for the readers to leave; see model.RWMutex); misuse panics
// (Go throws a fatal error); a copy used after the original panics.
type RWMutex struct {
	st *state[model.RWMutex]
}

// get is the running goroutine and rw's state for its next operation (both
// steps of a Lock), found when the operation runs (stateAtStep).
func (rw *RWMutex) get() (*model.Thread, model.RWMutex) {
	return stepState(&rw.st, unsafe.Pointer(rw), "RWMutex", model.NewRWMutex)
}

// RLock locks rw for reading. It blocks while a writer holds rw or waits
// for it.
func (rw *RWMutex) RLock() {
	t, m := rw.get()
	m.RLock(t)
}

// TryRLock tries to lock rw for reading and reports whether it succeeded.
func (rw *RWMutex) TryRLock() bool {
	t, m := rw.get()
	return m.TryRLock(t)
}

// RUnlock undoes a single RLock call. It panics with "sync: RUnlock of
// unlocked RWMutex" if rw is not locked for reading.
func (rw *RWMutex) RUnlock() {
	t, m := rw.get()
	m.RUnlock(t)
}

// Lock locks rw for writing, blocking until no reader or writer holds it.
func (rw *RWMutex) Lock() {
	t, m := rw.get()
	m.Lock(t)
}

// TryLock tries to lock rw for writing and reports whether it succeeded.
func (rw *RWMutex) TryLock() bool {
	t, m := rw.get()
	return m.TryLock(t)
}

// Unlock unlocks rw for writing. It panics with "sync: Unlock of unlocked
// RWMutex" if rw is not locked for writing.
func (rw *RWMutex) Unlock() {
	t, m := rw.get()
	m.Unlock(t)
}

// RLocker returns a Locker that implements Lock and Unlock by calling
// rw.RLock and rw.RUnlock.
func (rw *RWMutex) RLocker() Locker { return (*rlocker)(rw) }

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }
