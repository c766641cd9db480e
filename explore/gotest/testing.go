package gotest

import (
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// T stands for *testing.T in a test body singlecheck test runs: the
// rewriter changes the body's parameter to *gotest.T. Its failures are
// assertion violations of the execution; FailNow (Fatal, Skip…) ends the
// body as testing.T's does for the test's own goroutine.
type T struct {
	name     string
	failed   bool
	cleanups []func()
}

// fatal is the panic value FailNow unwinds the body with.
type fatal struct{ skip bool }

func (t *T) Name() string { return t.name }
func (t *T) Helper()      {}
func (t *T) Parallel()    {}
func (t *T) Failed() bool { return t.failed }

// Cleanup registers f to run when the body ends, the last registered
// first.
func (t *T) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }

func (t *T) Log(args ...any)                 {}
func (t *T) Logf(format string, args ...any) {}

func (t *T) Error(args ...any) { t.fail(fmt.Sprintln(args...)) }
func (t *T) Errorf(format string, args ...any) {
	t.fail(fmt.Sprintf(format, args...))
}
func (t *T) Fail()          { t.fail("Fail called") }
func (t *T) FailNow()       { t.fail("FailNow called"); panic(fatal{}) }
func (t *T) Fatal(a ...any) { t.fail(fmt.Sprintln(a...)); panic(fatal{}) }
func (t *T) Fatalf(format string, args ...any) {
	t.fail(fmt.Sprintf(format, args...))
	panic(fatal{})
}
func (t *T) Skip(args ...any)                 { panic(fatal{skip: true}) }
func (t *T) Skipf(format string, args ...any) { panic(fatal{skip: true}) }
func (t *T) SkipNow()                         { panic(fatal{skip: true}) }

// Run runs f as a subtest, on the same modelled goroutine.
func (t *T) Run(name string, f func(t *T)) bool {
	sub := &T{name: t.name + "/" + name}
	runBody(sub, f)
	if sub.failed {
		t.failed = true
	}
	return !sub.failed
}

func (t *T) fail(msg string) {
	t.failed = true
	model.Assert(false, "%s: %s", t.name, strings.TrimSpace(msg))
}

// runTest runs a test body as the main modelled goroutine.
func runTest(name string, f func(*T)) { runBody(&T{name: name}, f) }

func runBody(t *T, f func(*T)) {
	defer func() {
		for i := len(t.cleanups) - 1; i >= 0; i-- {
			t.cleanups[i]()
		}
	}()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(fatal); !ok {
				panic(r)
			}
		}
	}()
	f(t)
}
