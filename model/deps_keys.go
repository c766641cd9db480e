package model

// keyTable is a depTracker's state per key. A key with no thread has a
// slot in slices when its location and ordinal are small: flat[Kind] for
// ordinal 0 (memory locations, objects' metadata, allocation order, the
// symmetry order's spawn key), deep[Kind] for the symmetry order's pair
// keys (ordinals from 1); the others are kept in a map. The tracker looks a
// key up twice per access of every event, and hashing 24-byte keys was a
// tenth of optimal DPOR's time with symmetry.
//
// Entries outlive executions, so that a tracker reused for a new execution
// (DepClocks.Reset) allocates nothing for the keys the last one touched:
// an entry whose epoch is not the table's is empty, and reset is one
// increment instead of a sweep of every key.
type keyTable struct {
	epoch uint64
	flat  [][]*keyDeps   // [Kind][Loc+flatLocBias], ordinal 0
	deep  [][][]*keyDeps // [Kind][Loc][Ord], ordinals from 1
	other map[Key]*keyDeps
}

// Limits of the slices: a flat key has a Loc from -flatLocBias (the
// strategies' keys of negative location) to below denseLimit-flatLocBias,
// a deep key a Loc and an Ord below denseLimit.
const (
	denseLimit  = 1 << 12
	flatLocBias = 8
)

type keyDeps struct {
	last  VC
	reads VC
	epoch uint64
}

// reset empties every entry, keeping its storage.
func (t *keyTable) reset() { t.epoch++ }

// slotKind says where k is kept: 1 flat, 2 deep, 0 the map.
func slotKind(k Key) int {
	switch {
	case k.Thread != 0:
		return 0
	case k.Ord == 0 && uint32(k.Loc+flatLocBias) < denseLimit:
		return 1
	case uint32(k.Loc) < denseLimit && uint64(k.Ord) < denseLimit:
		return 2
	}
	return 0
}

// get is the state of k in this execution, nil if no event touched it.
func (t *keyTable) get(k Key) *keyDeps {
	var kd *keyDeps
	switch slotKind(k) {
	case 1:
		i := int(k.Loc + flatLocBias)
		if int(k.Kind) >= len(t.flat) || i >= len(t.flat[k.Kind]) {
			return nil
		}
		kd = t.flat[k.Kind][i]
	case 2:
		if int(k.Kind) >= len(t.deep) || int(k.Loc) >= len(t.deep[k.Kind]) || int(k.Ord) >= len(t.deep[k.Kind][k.Loc]) {
			return nil
		}
		kd = t.deep[k.Kind][k.Loc][k.Ord]
	default:
		kd = t.other[k]
	}
	if kd == nil || kd.epoch != t.epoch {
		return nil
	}
	return kd
}

// make is the state of k in this execution, made (or emptied, if an
// earlier execution left it) when no event touched it yet.
func (t *keyTable) make(k Key) *keyDeps {
	var slot **keyDeps
	switch slotKind(k) {
	case 1:
		row := grown(&t.flat, int(k.Kind))
		slot = grown(row, int(k.Loc+flatLocBias))
	case 2:
		rows := grown(&t.deep, int(k.Kind))
		slot = grown(grown(rows, int(k.Loc)), int(k.Ord))
	default:
		if t.other == nil {
			t.other = map[Key]*keyDeps{}
		}
		kd := t.other[k]
		if kd == nil {
			kd = &keyDeps{epoch: t.epoch}
			t.other[k] = kd
		}
		slot = &kd
	}
	if *slot == nil {
		*slot = &keyDeps{epoch: t.epoch}
	}
	kd := *slot
	if kd.epoch != t.epoch {
		kd.last, kd.reads, kd.epoch = nil, kd.reads[:0], t.epoch
	}
	return kd
}

// grown is &(*s)[i], *s grown to hold it.
func grown[E any](s *[]E, i int) *E {
	if i >= len(*s) {
		*s = append(*s, make([]E, i+1-len(*s))...)
	}
	return &(*s)[i]
}

// each calls f with every entry an event of this execution touched.
func (t *keyTable) each(f func(*keyDeps)) {
	visit := func(kd *keyDeps) {
		if kd != nil && kd.epoch == t.epoch {
			f(kd)
		}
	}
	for _, row := range t.flat {
		for _, kd := range row {
			visit(kd)
		}
	}
	for _, rows := range t.deep {
		for _, row := range rows {
			for _, kd := range row {
				visit(kd)
			}
		}
	}
	for _, kd := range t.other {
		visit(kd)
	}
}
