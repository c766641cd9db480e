package model

import "strconv"

// The oracles of the singleton contract. They run online, after the event
// they judge has been recorded, so a violation names the step where it was
// detected.

// checkConstruction reports a class constructed more than once in one
// epoch (see NewEpoch).
func (w *World) checkConstruction(t *Thread, class int) {
	if n := w.locs[class].count - w.locs[class].base; n > 1 {
		w.violate(MultipleConstruction, t.id, "%s constructed %s again: construction number %d",
			t.Name(), w.locs[class].name, n)
	}
}

// checkInit reports a field initialized again after its object was handed out.
func (w *World) checkInit(t *Thread, ref Value, field int) {
	f := &w.locs[field]
	f.inits++
	if f.inits > 1 && w.objects[RefNumber(ref)-1].obtained {
		w.violate(Reinitialization, t.id, "%s initialized %s again, after the instance was handed out",
			t.Name(), w.LocName(field))
	}
}

// checkObtain judges the instance a caller obtained: it must exist, be the
// same as every other caller's, and be visibly initialized to the caller.
func (w *World) checkObtain(t *Thread, ref Value) {
	t.obtained = append(t.obtained, ref)
	if ref == Nil {
		w.violate(NilInstance, t.id, "%s obtained no instance (nil)", t.Name())
		return
	}
	_, fields, ok := w.ObjectOf(ref)
	if !ok && !isPtrKey(ref) {
		w.violate(Assertion, t.id, "%s obtained %d, which is not an object", t.Name(), ref)
		return
	}
	if ok {
		w.objects[RefNumber(ref)-1].obtained = true
	}
	if w.obtained == Nil {
		w.obtained = ref
	} else if w.obtained != ref {
		w.violate(DivergentInstances, t.id, "%s obtained %s, another caller obtained %s",
			t.Name(), w.RefName(ref), w.RefName(w.obtained))
	}
	for _, f := range fields {
		if w.load(t, f) == Nil {
			w.violate(PartialInit, t.id, "%s obtained %s but cannot see %s initialized",
				t.Name(), w.RefName(ref), w.LocName(f))
			return
		}
	}
	w.checkConstructionSeen(t, ref)
}

// RefName is how a trace names an object: its class and its number among
// the objects of that class (T#1 is the first T constructed), or "nil".
func (w *World) RefName(ref Value) string {
	class, _, ok := w.ObjectOf(ref)
	if !ok {
		if isPtrKey(ref) {
			return "pointer#" + strconv.Itoa(int(ref-ptrBase))
		}
		return "nil"
	}
	return w.locs[class].name + "#" + strconv.Itoa(w.objects[RefNumber(ref)-1].number)
}
