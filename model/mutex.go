package model

import "fmt"

// Mutex is a mutual-exclusion lock. A plain Mutex deadlocks if its owner
// locks it again; a reentrant one (NewRMutex, like Python's threading.RLock)
// lets its owner lock it again and must be unlocked as many times. Unlocking
// a mutex the thread does not hold panics, as both sync.Mutex and RLock do,
// and the checker reports the panic as a violation.
type Mutex struct{ loc int }

// NewMutex creates a plain mutex named name.
func NewMutex(w *World, name string) Mutex { return Mutex{w.newLoc(name, LocMutex)} }

// NewRMutex creates a reentrant mutex named name.
func NewRMutex(w *World, name string) Mutex { return Mutex{w.newLoc(name, LocRMutex)} }

// Loc is the mutex's location in its World.
func (m Mutex) Loc() int { return m.loc }

// Lock acquires the mutex, blocking while another thread holds it.
func (m Mutex) Lock(t *Thread) { t.do(Op{Kind: OpLock, Loc: m.loc}) }

// Unlock releases the mutex (one level of it, if reentrant).
func (m Mutex) Unlock(t *Thread) {
	if t.do(Op{Kind: OpUnlock, Loc: m.loc}) != 0 {
		panic(fmt.Sprintf("unlock of %s, which %s does not hold", t.w.LocName(m.loc), t.Name()))
	}
}
