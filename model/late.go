package model

// A drop-in primitive (model/sync, model/sync/atomic) keeps its model state
// behind a pointer in the Go value, which ordinary code may overwrite
// natively: a test reset assigns a zero sync.Once while callers run. Go
// reads the value's fields when an operation runs, so a reset that lands
// after a goroutine entered an operation and before the operation's
// access is seen by that access. A drop-in therefore gives the operations
// whose state a reset may replace a resolver (ResolveAtStep), which finds
// the location from the value when the step runs, not when it is
// announced; and since a reset is native code after an opaque step
// (Opaque), the resolvers of every announced operation run again once the
// opaque step's thread announces its next one, so that pending footprints
// (which DPOR's sleep sets and races read) name the locations the steps
// will access.

// ResolveAtStep says that the location of t's next operation is what
// resolve returns when the operation runs (and after every opaque step
// while it waits), instead of the one it is announced with. resolve must
// return a location of the kind the operation takes; it may create one (a
// zeroed primitive's fresh state), and the step then counts as creating
// locations.
func (t *Thread) ResolveAtStep(resolve func(*Thread) int) { t.late = resolve }

// resolve sets op's location to what its resolver finds now.
func (w *World) resolve(t *Thread, op *Op) {
	n := len(w.locs)
	op.Loc = op.resolve(t)
	if len(w.locs) > n {
		op.creates = true
	}
}

// resolvePending runs the resolvers of the operations the threads other
// than t have announced: t's opaque step has just run native code that
// may have replaced their state. Locations created meanwhile count for
// t's next operation (Thread.do marks it).
func (w *World) resolvePending(t *Thread) {
	for _, u := range w.threads {
		if u != t && !u.done && u.pending.resolve != nil {
			u.pending.Loc = u.pending.resolve(u)
		}
	}
}
