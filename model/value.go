package model

import "fmt"

// Value is what a modelled location holds. Object references are Values too:
// [Nil] is the null reference and a reference to an object is its id + 1.
type Value int64

// Nil is the null reference, and the zero value of every location.
const Nil Value = 0

// refBase tags references: the object numbered i (from 1, in allocation
// order) is refBase+i, far above the small integers protocols keep in flags
// and counters, so that a trace can always tell a reference from a number.
const refBase Value = 1 << 40

// IsRef reports whether v is a reference to an object (not Nil).
func IsRef(v Value) bool { return v > refBase }

// RefNumber is the number of the object ref names: 1 for the first object
// allocated in an execution, 2 for the second, and so on; 0 if v is not a
// reference.
func RefNumber(v Value) int {
	if !IsRef(v) {
		return 0
	}
	return int(v - refBase)
}

// RefOf is the reference to the object numbered n (from 1).
func RefOf(n int) Value { return refBase + Value(n) }

// Memory is a memory model.
type Memory uint8

const (
	// SC is sequential consistency: every store is visible at once.
	SC Memory = iota
	// TSO gives each thread one FIFO store buffer (x86, SPARC TSO).
	TSO
	// PSO gives each thread one FIFO store buffer per location (SPARC PSO).
	PSO
)

// Memories lists the memory models in a fixed order.
var Memories = []Memory{SC, TSO, PSO}

func (m Memory) String() string {
	switch m {
	case SC:
		return "sc"
	case TSO:
		return "tso"
	case PSO:
		return "pso"
	}
	return fmt.Sprintf("Memory(%d)", uint8(m))
}

// ParseMemory parses "sc", "tso" or "pso".
func ParseMemory(s string) (Memory, error) {
	for _, m := range Memories {
		if m.String() == s {
			return m, nil
		}
	}
	return SC, fmt.Errorf("unknown memory model %q: use sc, tso or pso", s)
}
