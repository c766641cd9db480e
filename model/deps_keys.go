package model

// keyTable is a depTracker's state per key. A key with no thread and a
// small location and ordinal (a memory location, an object's metadata, the
// symmetry order's pair keys) has a slot in dense slices, the others one in
// a map: the tracker looks a key up twice per access of every event, and
// hashing 24-byte keys was a tenth of optimal DPOR's time with symmetry.
//
// Entries outlive executions, so that a new execution allocates nothing
// for the keys the last one touched: an entry whose epoch is not the
// table's is empty (reset is one increment, not a sweep of every key).
type keyTable struct {
	epoch uint64
	dense [][][]*keyDeps // [Kind][Loc][Ord]
	other map[Key]*keyDeps
}

// A key with a dense slot has an Ord below denseKeyLimit and a Loc from
// -denseLocBias (strategies' keys such as the symmetry order's spawn key
// have negative locations) to below denseKeyLimit-denseLocBias; its row
// is Loc+denseLocBias.
const (
	denseKeyLimit = 1 << 12
	denseLocBias  = 64
)

type keyDeps struct {
	last  VC
	reads VC
	epoch uint64
}

// reset empties every entry, keeping its storage.
func (t *keyTable) reset() { t.epoch++ }

func isDense(k Key) bool {
	return k.Thread == 0 && uint32(k.Loc+denseLocBias) < denseKeyLimit && uint64(k.Ord) < denseKeyLimit
}

// get is the state of k in this execution, nil if no event touched it.
func (t *keyTable) get(k Key) *keyDeps {
	var kd *keyDeps
	if isDense(k) {
		row := int(k.Loc + denseLocBias)
		if int(k.Kind) >= len(t.dense) || row >= len(t.dense[k.Kind]) || int(k.Ord) >= len(t.dense[k.Kind][row]) {
			return nil
		}
		kd = t.dense[k.Kind][row][k.Ord]
	} else {
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
	var kd *keyDeps
	if isDense(k) {
		slot := t.denseSlot(k)
		if *slot == nil {
			*slot = &keyDeps{epoch: t.epoch}
		}
		kd = *slot
	} else {
		if t.other == nil {
			t.other = map[Key]*keyDeps{}
		}
		if kd = t.other[k]; kd == nil {
			kd = &keyDeps{epoch: t.epoch}
			t.other[k] = kd
		}
	}
	if kd.epoch != t.epoch {
		kd.last, kd.reads, kd.epoch = nil, kd.reads[:0], t.epoch
	}
	return kd
}

// denseSlot is where the entry of k, a dense key, is kept, grown into
// existence.
func (t *keyTable) denseSlot(k Key) **keyDeps {
	for int(k.Kind) >= len(t.dense) {
		t.dense = append(t.dense, nil)
	}
	rows, r := t.dense[k.Kind], int(k.Loc+denseLocBias)
	if r >= len(rows) {
		rows = append(rows, make([][]*keyDeps, r+1-len(rows))...)
		t.dense[k.Kind] = rows
	}
	row := rows[r]
	if int(k.Ord) >= len(row) {
		row = append(row, make([]*keyDeps, int(k.Ord)+1-len(row))...)
		rows[r] = row
	}
	return &row[k.Ord]
}

// each calls f with every entry an event of this execution touched.
func (t *keyTable) each(f func(*keyDeps)) {
	for _, rows := range t.dense {
		for _, row := range rows {
			for _, kd := range row {
				if kd != nil && kd.epoch == t.epoch {
					f(kd)
				}
			}
		}
	}
	for _, kd := range t.other {
		if kd.epoch == t.epoch {
			f(kd)
		}
	}
}
