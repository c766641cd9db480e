package model

// DepClocks computes dependency clocks, as TrackDependencies does, for a
// sequence of events whose footprints a strategy has refined: it passes
// each event's process and footprint (Event.Acc with accesses of its own,
// to KeyOrder keys) in execution order, from the first event of the
// execution, and gets the clock the event has under the refined relation.
// A refinement only adds dependencies, so every clock is at least the
// event's Event.Dep, and processes are numbered as in Event.Proc.
type DepClocks struct{ d *depTracker }

// NewDepClocks returns a DepClocks for one execution.
func NewDepClocks() *DepClocks {
	var arena Arena[uint32]
	return &DepClocks{d: newDepTracker(func(c VC) VC { return arena.Copy(c, ArenaChunk, 4) })}
}

// Reset makes c ready for another execution, reusing its storage; clocks
// it returned before stay valid.
func (c *DepClocks) Reset() { c.d.reset() }

// Clock records the next event, of process p with footprint acc, and
// returns its process number and clock (the caller may keep the clock).
func (c *DepClocks) Clock(p Process, acc Footprint) (int, VC) { return c.d.clock(p, acc) }

// Spawned records that the thread with Key child starts after the event
// with clock at (the event that spawned it).
func (c *DepClocks) Spawned(child uint64, at VC) { c.d.spawned(child, at) }
