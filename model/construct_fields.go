package model

import (
	"fmt"
	"reflect"
)

// The construction fields of Go objects marked Constructed. A Go object
// has no declared fields (as a Class's objects have); instead, a plain
// store that its constructing goroutine makes into the object's memory
// before any caller obtained the object is a write of the construction.
// The partial-init oracle then judges a caller's Obtain as it does for a
// Class: the caller must see every such write. It does not if the write
// still waits in the constructor's store buffer (TSO, PSO): the caller
// would read the field's older value through the pointer it was given.
// A write that is the thread's own, or that was flushed, is seen; under
// SC every write is. A later plain store to a field the construction
// wrote, once a caller obtained the object, is a reinitialization.
//
// Dependencies: a construction write writes the object's KeyMeta, which
// an obtain reads, so the two never commute (which of them came first
// decides whether the write counts); the obtain's loads of the
// construction fields conflict with their flushes.

// goObject is a Go object marked Constructed: its memory, the goroutine
// that constructed it, and the writes of its construction.
type goObject struct {
	start, end uintptr
	ref        Value
	thread     int
	fields     []int       // locations written, in first-write order
	last       map[int]Key // the KeyStore of the construction's last store to each
}

// noteConstructed records the Go object v (a pointer) that t constructed
// as ref.
func (w *World) noteConstructed(t *Thread, v any, ref Value) {
	rv := reflect.ValueOf(v)
	start := rv.Pointer()
	w.goObjects = append(w.goObjects, goObject{start: start, end: start + rv.Type().Elem().Size(), ref: ref, thread: t.id})
}

// constructionOf is the object whose construction a plain store by t to
// loc belongs to, or nil.
func (w *World) constructionOf(t *Thread, loc int) *goObject {
	ext := w.locs[loc].ext
	if ext == nil || ext.addr == 0 {
		return nil
	}
	for i := range w.goObjects {
		o := &w.goObjects[i]
		if o.thread == t.id && ext.addr >= o.start && ext.addr < o.end && !w.objects[RefNumber(o.ref)-1].obtained {
			return o
		}
	}
	return nil
}

// goObjectOf is the Go object ref stands for, or nil.
func (w *World) goObjectOf(ref Value) *goObject {
	for i := range w.goObjects {
		if w.goObjects[i].ref == ref {
			return &w.goObjects[i]
		}
	}
	return nil
}

// constructionAccess appends the KeyMeta write of a plain store by t to
// loc if it is a construction write, or a write of a field that a
// construction wrote (which is a reinitialization once the object was
// handed out).
func (w *World) constructionAccess(t *Thread, loc int, acc Footprint) Footprint {
	if o := w.constructionOf(t, loc); o != nil {
		acc = append(acc, metaAccess(o.ref))
	}
	if o := w.initializedBy(loc); o != nil {
		acc = append(acc, metaAccess(o.ref))
	}
	return acc
}

// initializedBy is the object whose construction wrote loc, or nil.
func (w *World) initializedBy(loc int) *goObject {
	for i := range w.goObjects {
		if _, ok := w.goObjects[i].last[loc]; ok {
			return &w.goObjects[i]
		}
	}
	return nil
}

// checkGoReinit reports a plain store by t to a field that the
// construction of an object wrote, once the object was handed out to a
// caller: the instance is initialized again, as Class.Init's oracle says
// of a Class's field.
func (w *World) checkGoReinit(t *Thread, loc int) {
	if o := w.initializedBy(loc); o != nil && w.objects[RefNumber(o.ref)-1].obtained {
		w.violate(Reinitialization, t.id, "%s wrote %s of %s again, after the instance was handed out (its construction wrote it)",
			t.Name(), w.LocName(loc), w.RefName(o.ref))
	}
}

// noteConstructionStore records a plain store by t to loc, just made with
// key key (KeyNone if it was not buffered), if it is a construction write.
func (w *World) noteConstructionStore(t *Thread, loc int, key Key) {
	o := w.constructionOf(t, loc)
	if o == nil {
		return
	}
	if o.last == nil {
		o.last = map[int]Key{}
	}
	if _, ok := o.last[loc]; !ok {
		o.fields = append(o.fields, loc)
	}
	o.last[loc] = key
}

// constructionLoads appends the loads by t of ref's construction fields,
// for an obtain's footprint.
func (w *World) constructionLoads(t *Thread, ref Value, acc Footprint) Footprint {
	if o := w.goObjectOf(ref); o != nil {
		for _, f := range o.fields {
			acc = append(acc, w.loadAccess(t, f))
		}
	}
	return acc
}

// checkConstructionSeen reports partial-init if t obtained ref while a
// write of its construction still waits in the constructor's store
// buffer; it reports the first such field only, as for a Class.
func (w *World) checkConstructionSeen(t *Thread, ref Value) {
	o := w.goObjectOf(ref)
	if o == nil || o.thread == t.id {
		return
	}
	ctor := w.threads[o.thread]
	for _, f := range o.fields {
		k := o.last[f]
		if k.Kind == KeyNone {
			continue
		}
		for _, e := range ctor.buf {
			if e.key == k {
				v, box := w.loadBox(t, f)
				w.violate(PartialInit, t.id, "%s obtained %s but cannot see %s initialized: it reads %s, %s's write of %s is still in its store buffer",
					t.Name(), w.RefName(ref), w.LocName(f), describeValue(w, v, box), ctor.Name(), describeValue(w, e.val, e.box))
				return
			}
		}
	}
}

// describeValue is a Go value as a violation's message prints it.
func describeValue(w *World, v Value, box any) string {
	if box == nil {
		return fmt.Sprint(v)
	}
	switch reflect.ValueOf(box).Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func, reflect.Slice:
		return w.RefName(v)
	}
	return fmt.Sprintf("%#v", box)
}
