// Package litmus holds the classic litmus tests of weak memory as model
// programs, their published outcome sets under SC, TSO and PSO, and Derive,
// which computes the outcomes a memory model actually reaches by exhaustive
// exploration. A test passes when the derived set equals the published one:
// that checks the store-buffer machines of package model against the
// literature.
//
// An outcome is the final state of an execution, written as the test's
// observables in order: final memory values ("x=1") and the values threads
// read into registers ("T1:r0=0", recorded with model.Thread.Observe), as
// "x=1 y=1 T0:r0=0 T1:r1=1".
//
// The published set of a test under a memory model is every combination of
// its observables' values (each observable lists the values it can take in
// some execution under SC) minus the outcomes the literature forbids under
// that model (Test.Forbidden). Each test's doc says where its verdicts are
// published, and why a store-buffer machine gives them.
package litmus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// Test is one litmus test.
type Test struct {
	// Name is the test's usual name (SB, MP, 2+2W, …).
	Name string
	// Doc describes the test, its published verdicts and their sources.
	Doc string
	// Build creates the test's variables and returns its threads.
	Build func(w *model.World) []model.Body
	// Observables are the final memory values and registers an outcome is
	// made of, in the order outcomes print them.
	Observables []Observable
	// Forbidden lists, per memory model, the published forbidden outcomes:
	// conditions (partial outcomes, "T0:r0=0 T1:r1=0") that no execution
	// may end in. A model absent from the map forbids nothing.
	Forbidden map[model.Memory][]string
}

// Observable is one observed value of an outcome and the values it can
// take.
type Observable struct {
	// Name is a variable ("x") or a thread's register ("T1:r0").
	Name   string
	Values []model.Value
}

// Program is the test as a program the checker can explore.
func (t *Test) Program() model.Program {
	return model.Program{Name: "litmus/" + t.Name, Build: t.Build}
}

// Condition is a partial outcome: values for some observables.
type Condition map[string]model.Value

// ParseCondition reads "name=value" pairs separated by spaces.
func ParseCondition(s string) (Condition, error) {
	c := Condition{}
	for _, f := range strings.Fields(s) {
		name, val, ok := strings.Cut(f, "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("condition %q: %q is not name=value", s, f)
		}
		v, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("condition %q: value of %s: %w", s, name, err)
		}
		if _, dup := c[name]; dup {
			return nil, fmt.Errorf("condition %q names %s twice", s, name)
		}
		c[name] = model.Value(v)
	}
	return c, nil
}

// Matches reports whether the outcome o (as Outcome returns) satisfies c.
func (c Condition) Matches(o string) bool {
	full, err := ParseCondition(o)
	if err != nil {
		return false
	}
	for name, v := range c {
		if got, ok := full[name]; !ok || got != v {
			return false
		}
	}
	return true
}

// Outcome turns a world's outcome text (model.World.Outcome:
// "x=1 y=1 T0: r0=0 T1: r1=1") into the test's outcome: its observables in
// order. It fails if an observable is missing or the world holds a value
// the test does not observe, since either means the test is wrong.
func (t *Test) Outcome(worldOutcome string) (string, error) {
	vals := map[string]string{}
	prefix := ""
	for _, f := range strings.Fields(worldOutcome) {
		if strings.HasSuffix(f, ":") {
			prefix = f
			continue
		}
		name, val, ok := strings.Cut(f, "=")
		if !ok {
			return "", fmt.Errorf("test %s: unreadable outcome %q", t.Name, worldOutcome)
		}
		vals[prefix+name] = val
	}
	parts := make([]string, 0, len(t.Observables))
	for _, o := range t.Observables {
		v, ok := vals[o.Name]
		if !ok {
			return "", fmt.Errorf("test %s: outcome %q has no %s", t.Name, worldOutcome, o.Name)
		}
		delete(vals, o.Name)
		parts = append(parts, o.Name+"="+v)
	}
	if len(vals) > 0 {
		extra := make([]string, 0, len(vals))
		for k := range vals {
			extra = append(extra, k)
		}
		slices.Sort(extra)
		return "", fmt.Errorf("test %s: outcome %q holds values the test does not observe: %s",
			t.Name, worldOutcome, strings.Join(extra, ", "))
	}
	return strings.Join(parts, " "), nil
}

// Published is the published outcome set of the test under m, sorted: every
// combination of the observables' values that m does not forbid.
func (t *Test) Published(m model.Memory) ([]string, error) {
	var forbidden []Condition
	for _, s := range t.Forbidden[m] {
		c, err := ParseCondition(s)
		if err != nil {
			return nil, fmt.Errorf("test %s: %w", t.Name, err)
		}
		forbidden = append(forbidden, c)
	}
	var out []string
	var rec func(i int, parts []string)
	rec = func(i int, parts []string) {
		if i == len(t.Observables) {
			o := strings.Join(parts, " ")
			for _, c := range forbidden {
				if c.Matches(o) {
					return
				}
			}
			out = append(out, o)
			return
		}
		ob := t.Observables[i]
		for _, v := range ob.Values {
			rec(i+1, append(parts, ob.Name+"="+strconv.FormatInt(int64(v), 10)))
		}
	}
	rec(0, nil)
	slices.Sort(out)
	return out, nil
}

// Validate checks a test's description: a name, a Build, observables with
// values, and forbidden conditions that parse and name observables with
// values they can take.
func (t *Test) Validate() error {
	if t.Name == "" || t.Build == nil || len(t.Observables) == 0 {
		return fmt.Errorf("litmus test %q: needs a name, a Build and observables", t.Name)
	}
	values := map[string][]model.Value{}
	for _, o := range t.Observables {
		if len(o.Values) == 0 {
			return fmt.Errorf("litmus test %s: observable %s has no values", t.Name, o.Name)
		}
		values[o.Name] = o.Values
	}
	for m, conds := range t.Forbidden {
		for _, s := range conds {
			c, err := ParseCondition(s)
			if err != nil {
				return fmt.Errorf("litmus test %s under %s: %w", t.Name, m, err)
			}
			for name, v := range c {
				vs, ok := values[name]
				if !ok || !slices.Contains(vs, v) {
					return fmt.Errorf("litmus test %s under %s: condition %q: %s=%d is not an observable value", t.Name, m, s, name, v)
				}
			}
		}
	}
	return nil
}

// Lookup finds a test of All by name.
func Lookup(name string) (*Test, bool) {
	for _, t := range All {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}
