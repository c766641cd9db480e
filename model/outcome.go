package model

import (
	"slices"
	"strconv"
)

// Threads started during an execution get their IDs in the order the
// execution created them, which two executions of one Mazurkiewicz trace
// need not share: when T0 and T1 each start a goroutine, the two spawns
// commute, and which child is T2 depends on the interleaving. The outcome
// of an execution therefore names a started thread by its place in the
// spawn tree instead (T0.1 is T0's first child, T0.1.2 that thread's
// second), and lists threads in an order of those names, so that
// executions of one trace have one outcome.

// outcomeName names t in an outcome: Name for a worker or the init thread,
// the parent's outcome name and t's place among its children otherwise.
func (t *Thread) outcomeName() string {
	if t.parent == nil {
		return t.Name()
	}
	return t.parent.outcomeName() + "." + strconv.Itoa(t.nth)
}

// spawnPath is t's root thread's ID followed by t's place among its
// parent's children at each generation: the order of outcomes.
func (t *Thread) spawnPath() []int {
	if t.parent == nil {
		return []int{t.id}
	}
	return append(t.parent.spawnPath(), t.nth)
}

// outcomeOrder is the execution's threads in outcome order: the threads
// Build and SetInit made, by ID, then the started ones by spawn path.
func (w *World) outcomeOrder() []*Thread {
	order := slices.Clone(w.threads)
	slices.SortStableFunc(order, func(a, b *Thread) int {
		if (a.parent == nil) != (b.parent == nil) {
			if a.parent == nil {
				return -1
			}
			return 1
		}
		if a.parent == nil {
			return a.id - b.id
		}
		return slices.Compare(a.spawnPath(), b.spawnPath())
	})
	return order
}
