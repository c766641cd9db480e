// Package protocols is the library of built-in singleton protocols, each
// modelled against package model in a file of its own and described by an
// exported Protocol. All lists them in a fixed order.
package protocols

import (
	"errors"
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
)

// Workload is how a protocol is exercised: how many threads, and how many
// times each calls the getter.
type Workload struct {
	Threads int
	Calls   int
}

// DefaultWorkload is two threads calling the getter once each.
var DefaultWorkload = Workload{Threads: 2, Calls: 1}

// MaxThreads bounds Workload.Threads.
const MaxThreads = 64

// MaxCalls bounds Workload.Calls.
const MaxCalls = 1000

// Validate rejects a workload no protocol can run.
func (w Workload) Validate() error {
	if w.Threads < 1 || w.Threads > MaxThreads {
		return fmt.Errorf("threads = %d: must be between 1 and %d", w.Threads, MaxThreads)
	}
	if w.Calls < 1 || w.Calls > MaxCalls {
		return fmt.Errorf("calls = %d: must be between 1 and %d", w.Calls, MaxCalls)
	}
	return nil
}

// Protocol describes one built-in protocol.
type Protocol struct {
	// Name is the protocol's name on the command line.
	Name string
	// Doc states the contract, shows the real code modelled, and says why the
	// protocol holds or fails. Its first line is a summary.
	Doc string
	// Identical says the worker threads run the same code (symmetry).
	Identical bool
	// Acceptable lists violation kinds the protocol declares harmless.
	Acceptable []model.Kind
	// Expect lists, per memory model, the violation kinds exhaustive
	// exploration is expected to find (none: safe). It is what the tests
	// compare derived verdicts with; it is never used to produce one.
	Expect map[model.Memory][]model.Kind
	// Build creates the shared state of one execution and the thread bodies.
	Build func(w *model.World, wl Workload) []model.Body
}

// Program is the protocol under a workload, ready to check.
func (p *Protocol) Program(wl Workload) model.Program {
	return model.Program{
		Name:       p.Name,
		Identical:  p.Identical,
		Acceptable: p.Acceptable,
		Build:      func(w *model.World) []model.Body { return p.Build(w, wl) },
	}
}

// Summary is the first line of the doc.
func (p *Protocol) Summary() string {
	for i, r := range p.Doc {
		if r == '\n' {
			return p.Doc[:i]
		}
	}
	return p.Doc
}

// All lists the built-in protocols in a fixed order.
var All = []*Protocol{
	Naive,
	Mutex,
}

// Lookup finds a protocol by name.
func Lookup(name string) (*Protocol, bool) {
	for _, p := range All {
		if p.Name == name {
			return p, true
		}
	}
	return nil, false
}

// Validate checks a list of protocols: names unique and non-empty, a doc,
// a Build function, an expectation for every memory model.
func Validate(list []*Protocol) error {
	var errs []error
	seen := map[string]bool{}
	for i, p := range list {
		if p == nil {
			errs = append(errs, fmt.Errorf("protocol %d is nil", i))
			continue
		}
		if p.Name == "" {
			errs = append(errs, fmt.Errorf("protocol %d has no name", i))
		}
		if seen[p.Name] {
			errs = append(errs, fmt.Errorf("protocol %q is listed twice", p.Name))
		}
		seen[p.Name] = true
		if p.Doc == "" {
			errs = append(errs, fmt.Errorf("protocol %q has no doc", p.Name))
		}
		if p.Build == nil {
			errs = append(errs, fmt.Errorf("protocol %q has no Build", p.Name))
		}
		for _, m := range model.Memories {
			if _, ok := p.Expect[m]; !ok {
				errs = append(errs, fmt.Errorf("protocol %q has no expectation under %s", p.Name, m))
			}
		}
		for _, ks := range p.Expect {
			for _, k := range ks {
				if !slices.Contains(model.Kinds, k) {
					errs = append(errs, fmt.Errorf("protocol %q expects unknown kind %q", p.Name, k))
				}
			}
		}
	}
	return errors.Join(errs...)
}
