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
// times each calls the getter. The fields after Calls are knobs of some
// protocols only (the dual family); their zero values mean the protocol's
// defaults, and protocols without the knob ignore them, so the zero Workload
// plus Threads and Calls is always a valid one.
type Workload struct {
	// Threads is the number of worker threads (callers), 1..MaxThreads.
	Threads int
	// Calls is how many times each worker calls the getter, 1..MaxCalls.
	Calls int
	// Entries, for protocols with several entry points (the dual family),
	// says which one each worker uses: worker i calls through
	// Entries[i % len(Entries)], every call. Empty means the default mix,
	// worker i uses Entry(i % NumEntries): get_env(), the constructor, the
	// class method, get_env(), … Every element must be below NumEntries.
	Entries []Entry
	// Resets, for protocols with a reset fixture (dual-reset,
	// dual-selfheal), is how many times the fixture thread sets the class's
	// instance back to None while the workers run: 0 means 1, at most
	// MaxResets. Where each reset falls among the workers' steps is not a
	// knob: the checker explores every position.
	Resets int
}

// Entry is one of the entry points of a protocol that has several (the
// dual family models a Python module with three ways in).
type Entry uint8

// The entry points of the dual family.
const (
	// EntryAccessor is the module-level accessor, get_env().
	EntryAccessor Entry = iota
	// EntryConstructor is a constructor call, IsolatedEnvironment().
	EntryConstructor
	// EntryClassMethod is the class method IsolatedEnvironment.get_instance().
	EntryClassMethod
	// NumEntries is the number of entry points.
	NumEntries
)

var entryNames = [...]string{"get_env", "constructor", "get_instance"}

func (e Entry) String() string {
	if e < NumEntries {
		return entryNames[e]
	}
	return fmt.Sprintf("Entry(%d)", uint8(e))
}

// ParseEntry parses an entry point's name: get_env, constructor or
// get_instance.
func ParseEntry(s string) (Entry, error) {
	for i, n := range entryNames {
		if n == s {
			return Entry(i), nil
		}
	}
	return 0, fmt.Errorf("unknown entry point %q: use get_env, constructor or get_instance", s)
}

// EntryOf is the entry point worker i uses under the workload.
func (w Workload) EntryOf(i int) Entry {
	if len(w.Entries) == 0 {
		return Entry(i % int(NumEntries))
	}
	return w.Entries[i%len(w.Entries)]
}

// ResetCount is the number of resets the fixture thread performs.
func (w Workload) ResetCount() int {
	if w.Resets == 0 {
		return 1
	}
	return w.Resets
}

// DefaultWorkload is two threads calling the getter once each.
var DefaultWorkload = Workload{Threads: 2, Calls: 1}

// MaxThreads bounds Workload.Threads.
const MaxThreads = 64

// MaxCalls bounds Workload.Calls.
const MaxCalls = 1000

// MaxResets bounds Workload.Resets.
const MaxResets = 16

// Validate rejects a workload no protocol can run.
func (w Workload) Validate() error {
	if w.Threads < 1 || w.Threads > MaxThreads {
		return fmt.Errorf("threads = %d: must be between 1 and %d", w.Threads, MaxThreads)
	}
	if w.Calls < 1 || w.Calls > MaxCalls {
		return fmt.Errorf("calls = %d: must be between 1 and %d", w.Calls, MaxCalls)
	}
	for i, e := range w.Entries {
		if e >= NumEntries {
			return fmt.Errorf("entry %d is %d: must be below %d (get_env, constructor, get_instance)", i, e, NumEntries)
		}
	}
	if w.Resets < 0 || w.Resets > MaxResets {
		return fmt.Errorf("resets = %d: must be between 0 (the default, one reset) and %d", w.Resets, MaxResets)
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
	// Groups, for a protocol whose threads are identical only in groups,
	// gives each thread's group under a workload (model.Program.Groups).
	Groups func(wl Workload) []int
	// Acceptable lists violation kinds the protocol declares harmless.
	Acceptable []model.Kind
	// Expect lists, per memory model, every violation kind exhaustive
	// exploration is expected to find with one call per thread and enough
	// threads (see MinThreads), acceptable kinds included, in the order of
	// model.Kinds. The expected verdict follows: safe if every kind found is
	// Acceptable. It is what the tests compare derived verdicts with; it is
	// never used to produce one. Use Expected for a given workload.
	Expect map[model.Memory][]model.Kind
	// MinThreads gives, for a kind of Expect that needs more worker threads
	// than the default workload has, the fewest threads (at one call each)
	// with which it appears; kinds not listed appear from the default
	// workload on.
	MinThreads map[model.Kind]int
	// Build creates the shared state of one execution and the thread bodies.
	Build func(w *model.World, wl Workload) []model.Body
}

// Program is the protocol under a workload, ready to check.
func (p *Protocol) Program(wl Workload) model.Program {
	return model.Program{
		Name:       p.Name,
		Identical:  p.Identical,
		Groups:     p.groups(wl),
		Acceptable: p.Acceptable,
		Build:      func(w *model.World) []model.Body { return p.Build(w, wl) },
	}
}

func (p *Protocol) groups(wl Workload) []int {
	if p.Groups == nil {
		return nil
	}
	return p.Groups(wl)
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
	DCL,
	DCLAtomic,
	DCLEarlyPublish,
	DCLNoRecheck,
	Once,
	OnceCAS,
	OncePanic,
	CAS,
	Eager,
	Dual,
	DualReset,
	DualSelfHeal,
}

// Expected lists the kinds exhaustive exploration of the protocol under m
// with threads worker threads, one call each, is expected to find: Expect[m]
// without the kinds MinThreads says need more threads.
func (p *Protocol) Expected(m model.Memory, threads int) []model.Kind {
	ks := []model.Kind{}
	for _, k := range p.Expect[m] {
		if threads >= p.MinThreads[k] {
			ks = append(ks, k)
		}
	}
	return ks
}

// ExpectedSafe says whether the protocol is expected to be safe under m
// with threads worker threads: true if every kind Expected lists is
// declared Acceptable.
func (p *Protocol) ExpectedSafe(m model.Memory, threads int) bool {
	for _, k := range p.Expected(m, threads) {
		if !slices.Contains(p.Acceptable, k) {
			return false
		}
	}
	return true
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
// a Build function, an expectation for every memory model listing known
// kinds in the order of model.Kinds, and only known kinds declared acceptable.
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
		for _, m := range model.Memories {
			ks := p.Expect[m]
			for i, k := range ks {
				if !slices.Contains(model.Kinds, k) {
					errs = append(errs, fmt.Errorf("protocol %q expects unknown kind %q", p.Name, k))
				} else if i > 0 && slices.Index(model.Kinds, ks[i-1]) >= slices.Index(model.Kinds, k) {
					errs = append(errs, fmt.Errorf("protocol %q: expected kinds under %s are not in the order of model.Kinds, or repeat", p.Name, m))
				}
			}
		}
		for k, n := range p.MinThreads {
			if n < 1 || n > MaxThreads {
				errs = append(errs, fmt.Errorf("protocol %q: MinThreads of %s is %d, must be between 1 and %d", p.Name, k, n, MaxThreads))
			}
			listed := false
			for _, m := range model.Memories {
				listed = listed || slices.Contains(p.Expect[m], k)
			}
			if !listed {
				errs = append(errs, fmt.Errorf("protocol %q: MinThreads names %s, which no expectation lists", p.Name, k))
			}
		}
		for _, k := range p.Acceptable {
			if !slices.Contains(model.Kinds, k) {
				errs = append(errs, fmt.Errorf("protocol %q declares unknown kind %q acceptable", p.Name, k))
			}
		}
	}
	return errors.Join(errs...)
}
