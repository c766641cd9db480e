package gotest

// Packages instrumented beside the checked one (singlecheck test
// -instrument): their generated support file registers the functions that
// zero and initialize their variables, from an init function, so in Go's
// package initialization order (a package's imports first). Every
// execution zeroes and initializes them, in that order, before the checked
// package's, as Go initializes a program's packages.

type pkgState struct{ zero, init func() }

var registered []pkgState

// Register adds an instrumented package's zero and init functions. Only
// the generated support files call it, at the process's start.
func Register(zero, init func()) { registered = append(registered, pkgState{zero, init}) }

// zeroAll zeroes the registered packages' variables, then tg's.
func zeroAll(tg Target) {
	for _, p := range registered {
		p.zero()
	}
	if tg.Zero != nil {
		tg.Zero()
	}
}

// initAll initializes the registered packages, then tg's.
func initAll(tg Target) {
	for _, p := range registered {
		p.init()
	}
	if tg.Init != nil {
		tg.Init()
	}
}
