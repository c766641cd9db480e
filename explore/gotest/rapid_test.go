package gotest

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	msync "github.com/singlecheck/singlecheck/model/sync"
)

// recordTB is a rapid.TB that records a failure instead of failing, so
// that a test can look at what rapid reported.
type recordTB struct {
	testing.TB
	failed bool
	out    strings.Builder
}

func (r *recordTB) Helper()                         {}
func (r *recordTB) Name() string                    { return "TestRapidInstrumented" }
func (r *recordTB) Log(args ...any)                 {}
func (r *recordTB) Logf(format string, args ...any) {}
func (r *recordTB) Error(args ...any)               { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *recordTB) Errorf(format string, args ...any) {
	r.failed = true
	fmt.Fprintf(&r.out, format+"\n", args...)
}
func (r *recordTB) Fatal(args ...any)                 { r.Error(args...) }
func (r *recordTB) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recordTB) FailNow()                          { r.failed = true }
func (r *recordTB) Fail()                             { r.failed = true }
func (r *recordTB) Failed() bool                      { return r.failed }
func (r *recordTB) Skip(args ...any)                  {}
func (r *recordTB) Skipf(format string, args ...any)  {}
func (r *recordTB) SkipNow()                          {}

// lockedGet is the naive getter of gotest_test.go under the drop-in
// mutex, as the rewriter makes of a getter that locks a sync.Mutex: safe.
var lockedMu msync.Mutex

func lockedGet() *config {
	lockedMu.Lock()
	defer lockedMu.Unlock()
	return get()
}

// TestRapidOnInstrumentedProgram: the program the driver of an
// instrumented package explores (program, from the spec and the target)
// runs under explore's rapid harness: rapid draws each execution's
// schedule, finds the naive getter's multiple-construction (which needs
// a preemption between its check and its store) and reports it with its
// schedule; the locked getter passes every case, races checked.
func TestRapidOnInstrumentedProgram(t *testing.T) {
	require.NoError(t, flag.Set("rapid.nofailfile", "true"))
	t.Cleanup(func() { _ = flag.Set("rapid.nofailfile", "false"); active = false })
	spec := &Spec{Threads: 2, Memory: "sc", Preemptions: -1}

	naive := program(spec, Target{Name: "get", Getter: func() any { return get() }, Zero: func() { Zero(&instance) }})
	rec := &recordTB{TB: t}
	// Without the race detector, whose report every schedule has, so that
	// rapid must find an interleaving that constructs twice.
	rapid.Check(rec, func(rt *rapid.T) { explore.RapidCheck(rt, naive, explore.WithoutRaces()) })
	assert.True(t, rec.failed, "rapid finds the naive getter's violation")
	assert.Contains(t, rec.out.String(), "multiple-construction")
	assert.Contains(t, rec.out.String(), "schedule: ")

	locked := program(spec, Target{Name: "locked", Getter: func() any { return lockedGet() },
		Zero: func() { Zero(&instance); lockedMu = msync.Mutex{} }})
	ok := &recordTB{TB: t}
	rapid.Check(ok, func(rt *rapid.T) { explore.RapidCheck(rt, locked) })
	assert.False(t, ok.failed, "the locked getter passes: %s", ok.out.String())
}
