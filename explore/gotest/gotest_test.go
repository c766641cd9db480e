package gotest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/singlecheck/singlecheck/model"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The code below is what the rewriter makes of a naive getter, written by
// hand: the runtime is checked without building anything.

type config struct{ name string }

var instance *config

var sites = [...]Site{{Pos: "naive.go:3", Text: "if instance == nil {"}}

// Site is model.Site, for the table above.
type Site = model.Site

func get() *config {
	At(&sites[0])
	if Read(&instance, "instance") == nil {
		Ref(&instance, "instance", &sites[0]).Store(Constructed(&config{name: "x"}))
	}
	return Read(&instance, "instance")
}

func runSpec(t *testing.T, spec *Spec, tg Target) *Report {
	t.Helper()
	spec.Out = filepath.Join(t.TempDir(), "report.json")
	require.NoError(t, run(spec, tg))
	b, err := os.ReadFile(spec.Out)
	require.NoError(t, err)
	var r Report
	require.NoError(t, json.Unmarshal(b, &r))
	return &r
}

func TestGetterMode(t *testing.T) {
	tg := Target{Name: "get", Getter: func() any { return get() }, Zero: func() { Zero(&instance) }, Init: func() {}}
	r := runSpec(t, &Spec{Threads: 2, Memory: "sc", Preemptions: -1}, tg)
	assert.Equal(t, "violation", r.Verdict)
	assert.Contains(t, r.Violations, "multiple-construction")
	assert.Contains(t, r.Violations, "data-race")
	require.NotNil(t, r.Counterexample)
	assert.Equal(t, "naive.go:3", r.Counterexample.Steps[0].Pos)

	again := runSpec(t, &Spec{Threads: 2, Memory: "sc", Preemptions: -1, Schedule: r.Counterexample.Schedule}, tg)
	assert.Equal(t, "violation", again.Verdict)
	assert.Len(t, again.Counterexample.Steps, len(r.Counterexample.Steps))
}

func TestTestMode(t *testing.T) {
	tg := Target{Name: "TestX", Test: func(t *T) {
		var got *config
		Go(func() { Ref(&got, "got", nil).Store(get()) })
		mine := get()
		if g := Read(&got, "got"); g != nil && g != mine {
			t.Fatalf("two instances")
		}
	}, Zero: func() { Zero(&instance) }}
	r := runSpec(t, &Spec{Mode: "test", Memory: "sc", Preemptions: -1}, tg)
	assert.Equal(t, "violation", r.Verdict)
	assert.Contains(t, r.Violations, "assertion")
}

// Outside an execution every call does natively what it stands for.
func TestNativeOutsideExecution(t *testing.T) {
	require.False(t, active)
	var x int
	Ref(&x, "x", nil).Store(3)
	assert.Equal(t, 3, Read(&x, "x"))
	c := &config{}
	assert.Same(t, c, Constructed(c))
	m := map[string]int{}
	MapW(m, "m")["a"] = 1
	assert.Equal(t, 1, MapR(m, "m")["a"])
	done := make(chan bool)
	Go(func() { done <- true })
	assert.True(t, <-done)
	Zero(&x)
	assert.Equal(t, 0, x)
}
