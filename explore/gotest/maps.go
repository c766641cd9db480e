package gotest

import (
	"reflect"

	"github.com/singlecheck/singlecheck/model"
)

// Go's maps are not addressable, so the rewriter cannot hand their
// elements to model.Read and model.Write. Instead every map stands for one
// plain location, its cell: a lookup, len or range reads the cell and an
// assignment or delete writes it, as a step just before the native map
// operation, which then runs before any other goroutine moves. That is
// exact for data races and for the dependency relation (two accesses to
// one map conflict unless both read), and coarse for what a load sees
// under TSO and PSO: the map itself is never buffered.

// cells holds the current execution's map cells, by the map's address.
var cells map[uintptr]*uint8

// start forgets the previous execution's cells.
func start() { cells = map[uintptr]*uint8{} }

func cell(m any) *uint8 {
	p := reflect.ValueOf(m).Pointer()
	c, ok := cells[p]
	if !ok {
		c = new(uint8)
		cells[p] = c
	}
	return c
}

// MapR is m, after a modelled read of m's cell (in an execution; outside
// one, m at once); name names the map in traces.
func MapR[M any](m M, name string) M {
	if !active {
		return m
	}
	model.Read(cell(m), name)
	return m
}

// MapW is m, after a modelled write of m's cell.
func MapW[M any](m M, name string) M {
	if !active {
		return m
	}
	model.Write(cell(m), 1, name)
	return m
}
