package model

import "fmt"

// Value is what a modelled location holds. Object references are Values too:
// [Nil] is the null reference and a reference to an object is its id + 1.
type Value int64

// Nil is the null reference, and the zero value of every location.
const Nil Value = 0

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
