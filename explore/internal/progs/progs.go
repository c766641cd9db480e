// Package progs generates small random concurrent programs for property
// tests of exploration strategies: a few threads, each a short list of
// operations over a few plain variables, an atomic, a mutex and a choice.
// A generated Spec prints readably, so that rapid's shrunk counterexamples
// can be read, and builds a model.Program that records every value a thread
// loads in the execution's outcome.
package progs

import (
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/model"
	"pgregory.net/rapid"
)

// Kind is the kind of one generated operation.
type Kind uint8

// The operations a generated thread performs.
const (
	Load        Kind = iota // r = x[Var]
	Store                   // x[Var] = Val, or r+1 if Val < 0
	CAS                     // atomic CAS of a[0] from Old to Val
	AtomicLoad              // r = a[0]
	AtomicStore             // a[0] = Val
	Lock                    // m.Lock()
	Unlock                  // m.Unlock()
	Choose                  // if Choose(2) == 0, skip the next operation
	numKinds
)

var kindNames = [...]string{"load", "store", "cas", "aload", "astore", "lock", "unlock", "choose"}

// Op is one operation of a generated thread.
type Op struct {
	Kind Kind
	Var  int         // the plain variable of a load or store
	Val  model.Value // the value stored (negative: the last loaded value + 1)
	Old  model.Value // the expected value of a CAS
}

func (o Op) String() string {
	switch o.Kind {
	case Load:
		return fmt.Sprintf("r=x%d", o.Var)
	case Store:
		if o.Val < 0 {
			return fmt.Sprintf("x%d=r+1", o.Var)
		}
		return fmt.Sprintf("x%d=%d", o.Var, o.Val)
	case CAS:
		return fmt.Sprintf("cas(a,%d,%d)", o.Old, o.Val)
	case AtomicLoad:
		return "r=a"
	case AtomicStore:
		return fmt.Sprintf("a=%d", o.Val)
	}
	return kindNames[o.Kind]
}

// Spec is a generated program: the number of plain variables and each
// thread's operations.
type Spec struct {
	Vars    int
	Threads [][]Op
}

func (s Spec) String() string {
	var b strings.Builder
	for i, t := range s.Threads {
		if i > 0 {
			b.WriteString(" || ")
		}
		for j, o := range t {
			if j > 0 {
				b.WriteString("; ")
			}
			b.WriteString(o.String())
		}
	}
	return b.String()
}

// Options bound what Gen draws.
type Options struct {
	MinThreads, MaxThreads int
	MaxOps                 int
	MaxVars                int
	// Kinds are the operation kinds to draw from; nil means all of them.
	Kinds []Kind
}

// Default is 2–3 threads of up to 4 operations over 1–3 variables.
var Default = Options{MinThreads: 2, MaxThreads: 3, MaxOps: 4, MaxVars: 3}

// Gen draws a Spec. A thread locks the mutex only when it does not hold it
// and unlocks it only when it does, so the programs can deadlock (a thread
// ending with the mutex held) but never misuse the mutex.
func Gen(o Options) *rapid.Generator[Spec] {
	kinds := o.Kinds
	if kinds == nil {
		for k := Kind(0); k < numKinds; k++ {
			kinds = append(kinds, k)
		}
	}
	return rapid.Custom(func(t *rapid.T) Spec {
		s := Spec{Vars: rapid.IntRange(1, o.MaxVars).Draw(t, "vars")}
		n := rapid.IntRange(o.MinThreads, o.MaxThreads).Draw(t, "threads")
		for i := range n {
			nops := rapid.IntRange(1, o.MaxOps).Draw(t, fmt.Sprintf("ops%d", i))
			held := false
			var ops []Op
			for j := range nops {
				label := fmt.Sprintf("t%d.%d", i, j)
				k := rapid.SampledFrom(kinds).Draw(t, label)
				if k == Lock && held {
					k = Unlock
				} else if k == Unlock && !held {
					k = Lock
				}
				op := Op{Kind: k}
				switch k {
				case Load, Store:
					op.Var = rapid.IntRange(0, s.Vars-1).Draw(t, label+".var")
				}
				switch k {
				case Store:
					op.Val = model.Value(rapid.IntRange(-1, 2).Draw(t, label+".val"))
				case CAS, AtomicStore:
					op.Val = model.Value(rapid.IntRange(0, 2).Draw(t, label+".val"))
					op.Old = model.Value(rapid.IntRange(0, 1).Draw(t, label+".old"))
				case Lock:
					held = true
				case Unlock:
					held = false
				}
				ops = append(ops, op)
			}
			s.Threads = append(s.Threads, ops)
		}
		return s
	})
}

// HasChoose reports whether some thread of s makes a choice.
func (s Spec) HasChoose() bool {
	for _, t := range s.Threads {
		for _, o := range t {
			if o.Kind == Choose {
				return true
			}
		}
	}
	return false
}

// Program builds the model program of s. Every load is observed, so a
// program's outcome holds the values each thread read.
func (s Spec) Program() model.Program {
	return model.Program{
		Name: "gen: " + s.String(),
		Build: func(w *model.World) []model.Body {
			xs := make([]model.Var, s.Vars)
			for i := range xs {
				xs[i] = model.NewVar(w, fmt.Sprintf("x%d", i))
			}
			a := model.NewAtomic(w, "a")
			m := model.NewMutex(w, "m")
			bodies := make([]model.Body, len(s.Threads))
			for i, ops := range s.Threads {
				bodies[i] = func(t *model.Thread) {
					var r model.Value
					for j := 0; j < len(ops); j++ {
						o := ops[j]
						switch o.Kind {
						case Load:
							r = xs[o.Var].Load(t)
							t.Observe(fmt.Sprintf("r%d", j), r)
						case Store:
							v := o.Val
							if v < 0 {
								v = r + 1
							}
							xs[o.Var].Store(t, v)
						case CAS:
							ok := a.CompareAndSwap(t, o.Old, o.Val)
							if ok {
								r = 1
							} else {
								r = 0
							}
							t.Observe(fmt.Sprintf("r%d", j), r)
						case AtomicLoad:
							r = a.Load(t)
							t.Observe(fmt.Sprintf("r%d", j), r)
						case AtomicStore:
							a.Store(t, o.Val)
						case Lock:
							m.Lock(t)
						case Unlock:
							m.Unlock(t)
						case Choose:
							if t.Choose(2) == 0 {
								j++
							}
						}
					}
				}
			}
			return bodies
		},
	}
}
