package model

import (
	"fmt"
	"reflect"
	"strings"
)

// Constructions and instances of ordinary Go code, for the singleton
// contract: code marks the objects it constructs with Constructed, and a
// harness reports each instance a caller obtained with Obtain. The oracles
// are those of Class.New and Thread.Obtain: a type constructed twice is a
// multiple-construction, two callers with different instances are
// divergent-instances, a nil instance is nil-instance.
// The plain stores (Write) that the constructing goroutine makes into a
// constructed object before any caller obtained it are its construction:
// a caller that obtains the object while one of them is still in the
// constructor's store buffer is partial-init, and a later store to such a
// field, once a caller obtained the object, is reinitialization
// (construct_fields.go).
// Fields set natively, before Constructed (the literal's in
// Constructed(&T{Size: 8})), are not seen as writes at all.

// Constructed marks v, a non-nil pointer to an object just built, as a
// construction of its type: a step of the running modelled goroutine. From
// then on traces print v as Type#k (the k-th object of its type) and the
// oracles count it; constructing one type twice in an execution is a
// multiple-construction violation. It returns v, so that it can wrap the
// allocation: return model.Constructed(&Config{…}).
func Constructed[T any](v *T) *T {
	if v == nil {
		panic("model.Constructed(nil): mark the object once it is built")
	}
	t := Current()
	class := t.w.classOf(reflect.TypeFor[T]())
	t.do(Op{Kind: OpNew, Loc: class, box: v})
	return v
}

// classOf is the class location standing for Go type typ, made on first
// use; its name is the type's name without its package path.
func (w *World) classOf(typ reflect.Type) int {
	if loc, ok := w.classes[typ]; ok {
		return loc
	}
	if w.classes == nil {
		w.classes = map[reflect.Type]int{}
	}
	name := typ.String()
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	loc := w.newLoc(name, LocClass)
	w.classes[typ] = loc
	return loc
}

// Obtain records that the caller running on the current modelled goroutine
// obtained instance v (a pointer; nil if it got none): a step the oracles
// judge (see Thread.Obtain). A pointer that was not marked Constructed is
// still compared by identity with the other callers' instances.
func Obtain(v any) {
	t := Current()
	if v != nil {
		if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer {
			panic(fmt.Sprintf("model.Obtain(%T): an instance is a pointer", v))
		}
	}
	t.Obtain(t.w.keyOf(v))
}

// isPtrKey reports whether v is the key of a pointer that is not a
// construction.
func isPtrKey(v Value) bool { return v > ptrBase }

// NewEpoch starts a new phase of calls, as a test does that resets a
// singleton (a ResetForTests) after every caller of the first phase
// returned and before the next phase starts: from then on constructions
// and instances are counted afresh, so constructing the type again is not a
// multiple-construction and the next callers may obtain a new instance. It
// is a step of the running modelled goroutine. A reset that overlaps
// callers is not a phase boundary: call NewEpoch only where the callers of
// the phase before have been joined.
func NewEpoch() { Current().do(Op{Kind: OpEpoch}) }

// An epoch writes allocation order and the phase (KeyAlloc, KeyEpoch): it
// changes what every later construction and obtain is judged against, so
// it conflicts with every allocation and every obtain. It is a fence.
var epochSpec = opSpec{
	name:  "epoch",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: Key{Kind: KeyAlloc}, Write: true}, Access{Key: Key{Kind: KeyEpoch}, Write: true})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		for i := range w.locs {
			if w.locs[i].kind == LocClass {
				w.locs[i].base = w.locs[i].count
			}
		}
		w.obtained = Nil
		return 0
	},
}

// Opaque is a step whose accesses the checker does not know: it conflicts
// with every other step, so DPOR tries it at every position relative to
// the steps of the other goroutines. Code runs natively from one modelled
// step to the next, as part of the step before it; code that changes
// shared state the model does not see (a test reset that assigns zero
// values to package variables) must therefore start with Opaque, or the
// checker treats it as touching nothing another goroutine reads. It is a
// fence.
func Opaque() { Current().do(Op{Kind: OpOpaque}) }

var opaqueSpec = opSpec{
	name:  "opaque",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, EndsAll)
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value { t.opaque = true; return 0 },
}
