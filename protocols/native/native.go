package native

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// T is the singleton's type: Ready is set by its initialization, after
// allocation, as the modelled class's field is.
type T struct {
	Ready bool
	ID    int32
}

// Getter is one implementation of a lazily initialized singleton.
type Getter interface {
	// Get returns the instance, creating it on first use.
	Get() *T
	// Constructions is how many instances were constructed.
	Constructions() int32
}

// Naive is check-then-create with no synchronization (protocols.Naive).
type Naive struct {
	inst *T
	made atomic.Int32
}

// Get returns the instance.
func (s *Naive) Get() *T {
	if s.inst == nil {
		t := &T{ID: s.made.Add(1)}
		t.Ready = true
		s.inst = t
	}
	return s.inst
}

// Constructions is how many instances were constructed.
func (s *Naive) Constructions() int32 { return s.made.Load() }

// DCL is double-checked locking with a plain pointer: the first check reads
// it without the lock. It constructs once, but the unlocked read races with
// the publishing write, and under a memory model that reorders stores (PSO)
// a caller may see the pointer before the fields.
type DCL struct {
	mu   sync.Mutex
	inst *T
	made atomic.Int32
}

// Get returns the instance.
func (s *DCL) Get() *T {
	if p := s.inst; p != nil {
		return p
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inst == nil {
		t := &T{ID: s.made.Add(1)}
		t.Ready = true
		s.inst = t
	}
	return s.inst
}

// Constructions is how many instances were constructed.
func (s *DCL) Constructions() int32 { return s.made.Load() }

// Outcome is what one trial saw, judged by the same contract as the
// checker's oracles.
type Outcome struct {
	// Constructions > 1 is multiple-construction.
	Constructions int32
	// Divergent is true if two callers obtained different instances.
	Divergent bool
	// Partial counts callers that obtained an instance whose Ready they
	// saw false (partial-init).
	Partial int
}

// Buggy reports whether the trial broke the contract.
func (o Outcome) Buggy() bool { return o.Constructions > 1 || o.Divergent || o.Partial > 0 }

// Trial runs one stress round: n goroutines wait at a spinning barrier so
// that they start as close together as the hardware allows, call the getter
// of a fresh singleton once each, and the results are judged.
func Trial(fresh func() Getter, n int) Outcome {
	g := fresh()
	got := make([]*T, n)
	ready := make([]bool, n)
	var arrived atomic.Int32
	var wg sync.WaitGroup
	wg.Add(n)
	for i := range n {
		go func() {
			defer wg.Done()
			arrived.Add(1)
			for arrived.Load() < int32(n) {
				runtime.Gosched()
			}
			p := g.Get()
			got[i] = p
			ready[i] = p != nil && p.Ready
		}()
	}
	wg.Wait()
	o := Outcome{Constructions: g.Constructions()}
	for i, p := range got {
		if p != got[0] {
			o.Divergent = true
		}
		if !ready[i] {
			o.Partial++
		}
	}
	return o
}

// Protocols lists the real-Go versions by the name of the modelled
// protocol they implement.
var Protocols = map[string]func() Getter{
	"naive": func() Getter { return &Naive{} },
	"dcl":   func() Getter { return &DCL{} },
}
