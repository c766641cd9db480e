package gotest

import (
	"github.com/singlecheck/singlecheck/model"
)

// The calls the rewriter inserts. Code of an instrumented package also runs
// outside an execution (package initialization, and the restoring of its
// variables before each execution): there each of them does natively what
// the statement it stands for does. Inside an execution (active) they are
// the model's operations.

// active is true while the bodies of an execution run.
var active bool

// Read is the value at p: model.Read in an execution, *p outside.
func Read[T any](p *T, name string) T {
	if !active {
		return *p
	}
	return model.Read(p, name)
}

// Loc is a location the rewritten code stores to: Ref(&x, "x").Store(v).
// The value goes through a method, not a second type parameter, so that
// Go's assignability applies to it as to the assignment it stands for
// (untyped constants, nil, a concrete value stored in an interface).
type Loc[T any] struct {
	p    *T
	name string
	site *model.Site
}

// Ref is the location at p, named name in traces, stored to by the
// statement at site.
func Ref[T any](p *T, name string, site *model.Site) Loc[T] { return Loc[T]{p, name, site} }

// Store writes v: model.Write in an execution, *p = v outside. The store's
// position is the statement's again, after whatever calls computing v did.
func (l Loc[T]) Store(v T) {
	if !active {
		*l.p = v
		return
	}
	if l.site != nil {
		model.At(l.site)
	}
	model.Write(l.p, v, l.name)
}

// Go starts fn: on a modelled goroutine in an execution, with a go
// statement outside.
func Go(fn func()) {
	if !active {
		go fn()
		return
	}
	model.Go(fn)
}

// Constructed marks v as a construction of its type (model.Constructed)
// in an execution and returns it.
func Constructed[T any](v *T) *T {
	if !active || v == nil {
		return v
	}
	return model.Constructed(v)
}

// At makes site the position of the running goroutine's next operations.
func At(site *model.Site) {
	if active {
		model.At(site)
	}
}

// Zero sets the variable at p to its zero value, natively: the driver's
// restoring of package variables that have no initializer.
func Zero[T any](p *T) {
	var z T
	*p = z
}

// First is the first of two results: the value of a receive, <-ch, that
// the rewriter made model.ChanRecv(ch).
func First[T any](v T, _ bool) T { return v }

// SpinWhile is the spin-wait for cond { body }, whose body only yields
// (runtime.Gosched, time.Sleep): in an execution it is model.Thread.Spin,
// so that an iteration finding cond true again, having read only values
// nobody changed since, is not repeated (the goroutine waits for a write
// instead) and a goroutine that can never leave the loop ends the
// execution in a deadlock; body does not run there. Outside an execution
// it is the loop itself.
func SpinWhile(cond func() bool, body func()) {
	if !active {
		for cond() {
			body()
		}
		return
	}
	model.Current().Spin(func() bool { return !cond() })
}
