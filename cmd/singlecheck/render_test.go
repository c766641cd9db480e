package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// steps is a small hand-written trace: T1 reads nil, T0 buffers a store,
// T0's buffer flushes, T1 constructs and a violation is detected there.
var steps = []explore.TraceStep{
	{Step: 1, Thread: 1, ThreadName: "T1", Op: "load", Location: "inst", Value: "nil"},
	{Step: 2, Thread: 0, ThreadName: "T0", Op: "store", Location: "inst", Value: "T#1", Buffered: true},
	{Step: 3, Thread: 0, ThreadName: "T0", Op: "flush", Location: "inst", Value: "T#1"},
	{Step: 4, Thread: 1, ThreadName: "T1", Op: "new", Location: "T", Value: "T#2",
		Violations: []model.Violation{
			{Kind: model.MultipleConstruction, Msg: "again"},
			{Kind: model.MultipleConstruction, Msg: "and again"},
		}},
	{Step: 5, Thread: 1, ThreadName: "T1", Op: "obtain", Value: "T#2"},
}

func TestCell(t *testing.T) {
	tests := []struct {
		step explore.TraceStep
		want string
	}{
		{explore.TraceStep{Op: "load", Location: "inst", Value: "nil"}, "load inst → nil"},
		{explore.TraceStep{Op: "atomic-load", Location: "p", Value: "T#1"}, "atomic-load p → T#1"},
		{explore.TraceStep{Op: "store", Location: "inst", Value: "T#1"}, "store inst ← T#1"},
		{explore.TraceStep{Op: "store", Location: "inst", Value: "T#1", Buffered: true}, "store inst ← T#1 (buffered)"},
		{explore.TraceStep{Op: "flush", Location: "inst", Value: "T#1"}, "flush inst ← T#1"},
		{explore.TraceStep{Op: "init", Location: "T#1.ready", Value: "done"}, "init T#1.ready"},
		{explore.TraceStep{Op: "new", Location: "T", Value: "T#2"}, "new T → T#2"},
		{explore.TraceStep{Op: "cas", Location: "p", Value: "nil→T#1 ok"}, "cas p nil→T#1 ok"},
		{explore.TraceStep{Op: "lock", Location: "mu"}, "lock mu"},
		{explore.TraceStep{Op: "unlock", Location: "mu"}, "unlock mu"},
		{explore.TraceStep{Op: "choose", Value: "1"}, "choose → 1"},
		{explore.TraceStep{Op: "obtain", Value: "T#1"}, "obtain T#1"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, cell(tt.step))
	}
}

func TestTable(t *testing.T) {
	var b bytes.Buffer
	writeTable(&b, steps, 0)
	want := `step  T0                           T1               detected
----  ---------------------------  ---------------  ---------------------
   1                               load inst → nil
   2  store inst ← T#1 (buffered)
   3  flush inst ← T#1
   4                               new T → T#2      multiple-construction
   5                               obtain T#2

Detected:
  step 4 T1: multiple-construction: again
  step 4 T1: multiple-construction: and again
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
}

// TestNarrowTable: with more threads than fit as columns, each row names
// its thread instead.
func TestNarrowTable(t *testing.T) {
	var many []explore.TraceStep
	for i := range maxColumns + 1 {
		many = append(many, explore.TraceStep{Step: i + 1, Thread: i, ThreadName: "T" + strconv.Itoa(i),
			Op: "obtain", Value: "T#1"})
	}
	many[maxColumns].Violations = []model.Violation{{Kind: model.Deadlock, Msg: "stuck"}}
	var b bytes.Buffer
	writeTable(&b, many, 0)
	lines := strings.Split(b.String(), "\n")
	assert.Equal(t, "step  thread  operation   detected", lines[0])
	assert.Equal(t, "   1  T0      obtain T#1", lines[2])
	assert.Equal(t, "   9  T8      obtain T#1  deadlock", lines[10])
}

func TestBuildDiagram(t *testing.T) {
	want := diagram{
		Participants: []participant{{ID: "T0"}, {ID: "T1"}, {ID: "Mem", Label: "shared memory"}},
		Items: []item{
			{From: "Mem", To: "T1", Dashed: true, Text: "1. load inst → nil"},
			{From: "T0", To: "T0", Text: "2. store inst ← T#1 (buffered)"},
			{From: "T0", To: "Mem", Text: "3. flush inst ← T#1"},
			{From: "T1", To: "Mem", Text: "4. new T → T#2"},
			{Note: true, Over: []string{"T1"}, Text: "⚠ multiple-construction detected at step 4"},
			{Note: true, Over: []string{"T1"}, Text: "5. obtain T#2"},
		},
	}
	if diff := cmp.Diff(want, buildDiagram(steps)); diff != "" {
		t.Errorf("diagram (-want +got):\n%s", diff)
	}
}

func TestRenderDiagram(t *testing.T) {
	d := diagram{
		Participants: []participant{{ID: "T0"}, {ID: "Mem", Label: "shared memory"}},
		Items: []item{
			{From: "Mem", To: "T0", Dashed: true, Text: "1. load a; b"},
			{From: "T0", To: "Mem", Text: "2. store inst ← T#1"},
			{Note: true, Over: []string{"T0", "Mem"}, Text: "deadlock"},
		},
	}
	var b bytes.Buffer
	d.render(&b)
	want := `sequenceDiagram
    participant T0
    participant Mem as shared memory
    Mem-->>T0: 1. load a#59; b
    T0->>Mem: 2. store inst ← T#35;1
    Note over T0,Mem: deadlock
`
	assert.Equal(t, want, b.String())
}

// Mermaid reads '#' as the start of a comment (T#1 would show as T), ';' as
// the end of a statement and '<', '>' as HTML: each is written as its
// entity code, which Mermaid turns back into the character. The browser
// test renders the result and checks the instance names survive.
func TestMermaidText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"new T → T#1", "new T → T#35;1"},
		{"a; b", "a#59; b"},
		{"#59;", "#35;59#59;"},
		{"map<K>", "map#lt;K#gt;"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mermaidText(tt.in), tt.in)
	}
}

// TestDiagramCoversEveryStep: every step of a trace appears in the diagram
// exactly once, in order, whatever the operations.
func TestDiagramCoversEveryStep(t *testing.T) {
	ops := []string{"load", "atomic-load", "store", "atomic-store", "cas", "lock", "unlock", "new", "init", "choose", "obtain", "flush"}
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 20).Draw(t, "n")
		var st []explore.TraceStep
		for i := range n {
			th := rapid.IntRange(0, 3).Draw(t, "thread")
			st = append(st, explore.TraceStep{Step: i + 1, Thread: th, ThreadName: "T" + string(rune('0'+th)),
				Op: rapid.SampledFrom(ops).Draw(t, "op"), Location: "x", Value: "1", Buffered: rapid.Bool().Draw(t, "buffered")})
		}
		d := buildDiagram(st)
		if len(d.Items) != n {
			t.Fatalf("%d items for %d steps", len(d.Items), n)
		}
		for i, it := range d.Items {
			if !strings.HasPrefix(it.Text, strconv.Itoa(i+1)+". ") {
				t.Fatalf("item %d is %q", i, it.Text)
			}
		}
	})
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"naive", "naive", 0}, {"naiv", "naive", 1}, {"mutx", "mutex", 1},
		{"kitten", "sitting", 3}, {"", "abc", 3}, {"dcl-atomic", "dcl", 7}, {"ü", "u", 1},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, editDistance(tt.a, tt.b), "%q %q", tt.a, tt.b)
	}
}

// TestEditDistanceIsAMetric: symmetric, zero exactly on equal strings,
// bounded by the longer length, and obeying the triangle inequality.
func TestEditDistanceIsAMetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		gen := rapid.StringMatching(`[a-c-]{0,6}`)
		a, b, c := gen.Draw(t, "a"), gen.Draw(t, "b"), gen.Draw(t, "c")
		ab := editDistance(a, b)
		if ab != editDistance(b, a) {
			t.Fatalf("not symmetric")
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("d(%q,%q) = %d", a, b, ab)
		}
		if ab > max(len(a), len(b)) {
			t.Fatalf("d(%q,%q) = %d exceeds the longer length", a, b, ab)
		}
		if editDistance(a, c) > ab+editDistance(b, c) {
			t.Fatalf("triangle inequality fails for %q %q %q", a, b, c)
		}
	})
}

func TestSuggestion(t *testing.T) {
	names := []string{"naive", "mutex", "dcl", "dcl-atomic"}
	assert.Equal(t, `: did you mean "naive"?`, suggestion("niave", names))
	assert.Equal(t, `: did you mean "dcl-atomic"?`, suggestion("dcl-atomc", names))
	assert.Equal(t, "", suggestion("completely-different", names))
}

func TestProgressText(t *testing.T) {
	st := explore.Stats{Executions: 3000, Traces: 1200, Elapsed: 1500 * 1e6}
	assert.Equal(t, "3000 executions, 1200 traces, no violation yet, 2000 executions/s, 1.5s elapsed (Ctrl-C stops and reports)", progressText(st))
	st.Found = []model.Kind{model.MultipleConstruction, model.DataRace}
	assert.Equal(t, "3000 executions, 1200 traces, found data-race, multiple-construction, 2000 executions/s, 1.5s elapsed (Ctrl-C stops and reports)", progressText(st))
	var b bytes.Buffer
	p := &progress{w: &b}
	p.update(st)
	p.clear()
	assert.Equal(t, "\r\x1b[K"+progressText(st)+"\r\x1b[K", b.String())
	assert.False(t, isTerminal(&b))
}
