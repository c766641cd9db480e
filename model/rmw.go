package model

// Atomic read-modify-write operations: Swap, Add, And and Or, as Go's
// sync/atomic has them. Each reads a location's memory and writes it in one
// indivisible step and returns the value it found (the drop-in package
// model/sync/atomic derives Add's new value from it, as Go's Add returns
// it). Like every atomic of the model they are sequentially consistent, as
// Go's atomics are (https://go.dev/ref/mem): a fence under TSO and PSO
// (the thread's store buffer drains first), and for happens-before both an
// acquire of what earlier atomic writes of the location released and a
// release into it, as a successful compare-and-swap is.
//
// Dependency rule (deps.go): a read-modify-write reads and writes the KeyMem
// key of its location, and writes the KeyNext of the flushed store it
// overwrites there (memoryWrite). So it conflicts with every access to the
// location by another process: loads (plain or atomic), stores, flushes,
// compare-and-swaps (failed ones read KeyMem) and other read-modify-writes,
// even two Adds, which commute on the final value but not on the values
// they return. As a fence it also reads the KeyStore of every store its
// thread made since its previous fence (accessesOf), which orders it after
// their flushes.
//
// Event fields: Value and New are the value written, Old the value found,
// OK is true; Box is the Go value written for external memory.

// Swap atomically stores x and returns the value the variable held.
func (a Atomic) Swap(t *Thread, x Value) (old Value) {
	return t.do(Op{Kind: OpSwap, Loc: a.loc, Arg: x})
}

// Add atomically adds delta (wrapping around as int64 does) and returns
// the new value, as Go's atomic.Int64.Add does.
func (a Atomic) Add(t *Thread, delta Value) Value {
	return t.do(Op{Kind: OpAdd, Loc: a.loc, Arg: delta}) + delta
}

// And atomically replaces the value by its bitwise and with mask and
// returns the old value, as Go's atomic.Int64.And does.
func (a Atomic) And(t *Thread, mask Value) (old Value) {
	return t.do(Op{Kind: OpAnd, Loc: a.loc, Arg: mask})
}

// Or atomically replaces the value by its bitwise or with mask and returns
// the old value, as Go's atomic.Int64.Or does.
func (a Atomic) Or(t *Thread, mask Value) (old Value) {
	return t.do(Op{Kind: OpOr, Loc: a.loc, Arg: mask})
}

// IsRMW reports whether the operation is an atomic read-modify-write
// (Swap, Add, And, Or): an event of one always writes its location.
func (k OpKind) IsRMW() bool { return k >= OpSwap && k <= OpOr }

var (
	swapSpec = rmwSpec("swap", func(_, x Value) Value { return x })
	addSpec  = rmwSpec("add", func(v, x Value) Value { return v + x })
	andSpec  = rmwSpec("and", func(v, x Value) Value { return v & x })
	orSpec   = rmwSpec("or", func(v, x Value) Value { return v | x })
)

// rmwSpec is the spec of a read-modify-write that writes f(old, Op.Arg)
// to a location the World holds. For external memory (a Go variable) Op.rmw
// computes the Go value written from the one found and Op.box, so that it
// wraps around as the variable's type does; a Swap of external memory
// writes Op.box, whose key is Op.Arg.
func rmwSpec(name string, f func(old, arg Value) Value) opSpec {
	return opSpec{
		name:  name,
		fence: true,
		accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
			return w.memoryWrite(op.Loc, acc)
		},
		apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
			l := &w.locs[op.Loc]
			w.acquire(t, l)
			old, oldBox := w.memValue(op.Loc)
			v, box := f(old, op.Arg), op.box
			if op.rmw != nil {
				box = op.rmw.apply(oldBox, op.box)
				v = w.keyOf(box)
			}
			w.writeMemory(op.Loc, v, box)
			w.release(t, l)
			ev.Value, ev.New, ev.Old, ev.OK, ev.Box = v, v, old, true, box
			t.resultBox = oldBox
			return old
		},
		check: checkAtomicWrite,
	}
}
