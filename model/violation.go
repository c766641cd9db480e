package model

import "fmt"

// Kind names one way of breaking the singleton contract.
type Kind string

// The violation kinds. See DESIGN.md's table; the doc of each constant is the
// contract its oracle checks.
const (
	// MultipleConstruction: a class's constructor ran more than once.
	MultipleConstruction Kind = "multiple-construction"
	// DivergentInstances: two callers obtained different instances.
	DivergentInstances Kind = "divergent-instances"
	// PartialInit: a caller obtained an instance with a field whose
	// initialization it cannot see.
	PartialInit Kind = "partial-init"
	// Reinitialization: a field was initialized again on an instance that had
	// already been handed out to a caller.
	Reinitialization Kind = "reinitialization"
	// NilInstance: a caller obtained no instance at all.
	NilInstance Kind = "nil-instance"
	// Deadlock: no thread can move and not all have finished.
	Deadlock Kind = "deadlock"
	// DataRace: two conflicting plain accesses not ordered by happens-before.
	DataRace Kind = "data-race"
	// Panic: a thread body panicked (or misused a mutex).
	Panic Kind = "panic"
	// Assertion: a protocol's own check failed.
	Assertion Kind = "assertion"
)

// Kinds lists every violation kind in a fixed order.
var Kinds = []Kind{MultipleConstruction, DivergentInstances, PartialInit,
	Reinitialization, NilInstance, Deadlock, DataRace, Panic, Assertion}

// Violation is one broken contract, found at one event of an execution.
type Violation struct {
	Kind Kind
	// Event is the index in the execution's events of the event where the
	// violation was detected; -1 if it was detected when no event happened
	// (a deadlock).
	Event int
	// Thread is the thread that performed that event, or -1.
	Thread int
	// Msg explains the violation in words.
	Msg string
	// Stack is the Go stack of a panic, empty for other kinds.
	Stack string
	// Race names the two accesses of a data-race violation; nil for other
	// kinds.
	Race *Race
	// lazy writes Msg, for a violation whose message is not written yet
	// (World.Violations writes it).
	lazy func() string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s: %s", v.Kind, v.Msg)
}
