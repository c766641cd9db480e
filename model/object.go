package model

import (
	"fmt"
	"reflect"
)

// Class is a kind of object whose construction the oracles count: a
// singleton's class. Allocating an object (New) is one construction; its
// fields are initialized by separate steps (Init), which are plain stores.
type Class struct {
	loc    int
	fields []string
	atomic bool
}

// NewClass creates a class named name with the given fields. An object is
// fully initialized once each of its fields has been initialized.
func NewClass(w *World, name string, fields ...string) Class {
	c := Class{loc: w.newLoc(name, LocClass), fields: fields}
	w.locs[c.loc].fieldNames = fields
	return c
}

// NewAtomicClass creates a class whose fields are atomic: initializing one
// is a sequentially consistent atomic store, and reading them never races.
// It models languages whose attribute accesses are atomic, as Python's are
// under the interpreter lock.
func NewAtomicClass(w *World, name string, fields ...string) Class {
	c := NewClass(w, name, fields...)
	c.atomic = true
	w.locs[c.loc].atomicFields = true
	return c
}

// Loc is the class's location in its World.
func (c Class) Loc() int { return c.loc }

// New allocates an object of the class: a construction. Constructing a
// class twice in one execution is a multiple-construction violation.
func (c Class) New(t *Thread) Value {
	return t.do(Op{Kind: OpNew, Loc: c.loc})
}

// Init initializes field number field of object ref (a plain store).
// Initializing a field of an object already handed out to a caller, a
// second time, is a reinitialization violation.
func (c Class) Init(t *Thread, ref Value, field int) {
	class, fields, ok := t.w.ObjectOf(ref)
	if !ok || class != c.loc {
		panic(fmt.Sprintf("Init of field %d of %s: not an object of class %s", field, c.describe(ref), t.w.LocName(c.loc)))
	}
	if field < 0 || field >= len(fields) {
		panic(fmt.Sprintf("Init of field %d: class %s has %d fields", field, t.w.LocName(c.loc), len(fields)))
	}
	kind := OpInit
	if c.atomic {
		kind = OpAtomicInit
	}
	t.do(Op{Kind: kind, Loc: fields[field], Old: ref, Arg: Value(field)})
}

// InitAll initializes every field of ref, one step each, in order.
func (c Class) InitAll(t *Thread, ref Value) {
	for i := range c.fields {
		c.Init(t, ref, i)
	}
}

func (c Class) describe(ref Value) string {
	if ref == Nil {
		return "nil"
	}
	if IsRef(ref) {
		return fmt.Sprintf("#%d", RefNumber(ref))
	}
	return fmt.Sprintf("%d", ref)
}

// A construction writes the allocation key: object numbers and field
// locations are handed out in allocation order, so no two commute.
var newSpec = opSpec{
	name: "new",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, Access{Key: Key{Kind: KeyAlloc}, Write: true})
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value = w.allocate(op.Loc)
		if op.box != nil { // a Go object marked Constructed
			if w.constructed == nil {
				w.constructed = map[uintptr]Value{}
			}
			w.constructed[reflect.ValueOf(op.box).Pointer()] = ev.Value
			w.noteConstructed(t, op.box, ev.Value)
			ev.Box = op.box
		}
		return ev.Value
	},
	check: func(w *World, t *Thread, op *Op, ev int) { w.checkConstruction(t, op.Loc) },
}

// metaAccess is the write of whether object ref was handed out, which an
// initialization makes (the reinitialization oracle reads it).
func metaAccess(ref Value) Access {
	return Access{Key: Key{Kind: KeyMeta, Loc: int32(RefNumber(ref))}, Write: true}
}

// Initializing a field is a plain store to it (op.Old is the object).
var initSpec = opSpec{
	name: "init",
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(acc, w.storeAccess(t, op.Loc), metaAccess(op.Old))
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		ev.Value = 1
		ev.Buffered = w.store(t, op.Loc, 1, nil)
		return 1
	},
	check: func(w *World, t *Thread, op *Op, ev int) {
		if w.races {
			w.checkWrite(t, op.Loc, ev)
		}
		w.checkInit(t, op.Old, op.Loc)
	},
}

// Initializing a field of an atomic class is an atomic store to it.
var atomicInitSpec = opSpec{
	name:  "atomic-init",
	fence: true,
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		return append(w.memoryWrite(op.Loc, acc), metaAccess(op.Old))
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		w.writeMemory(op.Loc, 1, nil)
		ev.Value = 1
		w.releaseStore(t, &w.locs[op.Loc])
		return 1
	},
	check: func(w *World, t *Thread, op *Op, ev int) { w.checkInit(t, op.Old, op.Loc) },
}

// allocate makes a new object of the class at location class.
func (w *World) allocate(class int) Value {
	w.locs[class].count++
	names := w.locs[class].fieldNames
	obj := object{class: class, fields: make([]int, len(names)), number: w.locs[class].count}
	id := len(w.objects) + 1
	for i := range names {
		obj.fields[i] = w.newLoc("", LocField) // named on demand by LocName
		w.locs[obj.fields[i]].obj = id - 1
		w.locs[obj.fields[i]].atomicFields = w.locs[class].atomicFields
	}
	w.objects = append(w.objects, obj)
	return RefOf(id)
}
