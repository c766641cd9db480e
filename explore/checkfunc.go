package explore

import (
	"github.com/singlecheck/singlecheck/model"
)

// CheckFunc checks ordinary Go code: main runs once per execution as the
// main modelled goroutine, and every interleaving of the goroutines it
// starts (model.Go, or the go statements of an instrumented package) is
// explored, with every strategy and option Check has. t fails on a panic, a
// deadlock (also goroutines blocked for ever when the others end), a data
// race on the variables the code reads and writes through the model
// (model.Read and model.Write, model.Shared, instrumented accesses), a
// failed model.Assert, and any violation of the singleton contract the code
// reports (model.Constructed, model.Obtain).
//
// Goroutines must be started through the model: a real go statement in
// main or below is reported (the search stops with an error wrapping
// model.ErrUnmanagedGoroutine, which says to use model.Go or the
// WaitGroup.Go of model/sync) once the goroutine uses a modelled primitive
// or if it is still running when its execution ends.
//
// main must build everything it shares afresh: state kept from one
// execution to the next makes the same schedule behave differently, which
// the checker reports as a model that is not deterministic.
//
// What the checker interleaves are the modelled steps; the Go code between
// two steps of a goroutine runs natively, as part of the step before it.
// Shared state must therefore be reached through the model (model/sync,
// model/sync/atomic, model.Shared, model.Read and model.Write, or the
// instrumentation of singlecheck test) to be checked: a plain variable
// that two goroutines share natively is neither interleaved at a finer
// grain nor checked for races, and DPOR assumes native code touches no
// state another goroutine's step reads. Code that must change such state
// anyway (a test reset) starts with model.Opaque.
func CheckFunc(t TB, main func(), opts ...Option) *Result {
	t.Helper()
	return Check(t, FuncProgram(t.Name(), main), opts...)
}

// FuncProgram is the program whose one thread runs main (see CheckFunc).
func FuncProgram(name string, main func()) model.Program {
	return model.Program{Name: name, Implicit: true, Build: func(*model.World) []model.Body {
		return []model.Body{func(*model.Thread) { main() }}
	}}
}
