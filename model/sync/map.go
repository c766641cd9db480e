package sync

import (
	"unsafe"

	"github.com/singlecheck/singlecheck/model"
)

// Map is like a Go map[any]any but is safe for concurrent use, as Go's
// sync.Map, and its zero value is empty and ready for use.
//
// The model knows a Map as one synchronized object (model.SyncObject):
// each method is one step, Load and Range read the object, every other
// method (also a CompareAndSwap that fails) updates it, and every method
// happens after every earlier update. Range takes its snapshot of the
// entries in that one step and then calls f on each, in the order the
// keys were first stored (Go's order is unspecified and Range may see
// concurrent changes; the model's is fixed, for determinism). A Map copied
// after first use panics.
type Map struct {
	st *state[*mapState]
}

type mapState struct {
	obj     model.SyncObject
	entries map[any]any
	keys    []any // in the order they were stored, for Range
}

func newMap(w *model.World, name string) *mapState {
	return &mapState{obj: model.NewSyncObject(w, name), entries: map[any]any{}}
}

// Loc is the map's location.
func (s *mapState) Loc() int { return s.obj.Loc() }

// read performs a reading step and returns the entries it found (the map's
// state is found when the step runs: stateAtStep).
func (m *Map) read() *mapState {
	t, s := stepState(&m.st, unsafe.Pointer(m), "Map", newMap)
	s.obj.Read(t)
	return m.st.s
}

// update performs an updating step and returns the entries it found.
func (m *Map) update() *mapState {
	t, s := stepState(&m.st, unsafe.Pointer(m), "Map", newMap)
	s.obj.Update(t, 0)
	return m.st.s
}

func (s *mapState) set(key, value any) {
	if _, ok := s.entries[key]; !ok {
		s.keys = append(s.keys, key)
	}
	s.entries[key] = value
}

func (s *mapState) del(key any) {
	if _, ok := s.entries[key]; !ok {
		return
	}
	delete(s.entries, key)
	for i, k := range s.keys {
		if k == key {
			s.keys = append(s.keys[:i], s.keys[i+1:]...)
			break
		}
	}
}

// Load returns the value stored in the map for a key, or nil if no value
// is present. The ok result indicates whether value was found in the map.
func (m *Map) Load(key any) (value any, ok bool) {
	value, ok = m.read().entries[key]
	return value, ok
}

// Store sets the value for a key.
func (m *Map) Store(key, value any) { m.update().set(key, value) }

// Clear deletes all the entries.
func (m *Map) Clear() {
	s := m.update()
	clear(s.entries)
	s.keys = s.keys[:0]
}

// LoadOrStore returns the existing value for the key if present.
// Otherwise, it stores and returns the given value. The loaded result is
// true if the value was loaded, false if stored.
func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool) {
	s := m.update()
	if v, ok := s.entries[key]; ok {
		return v, true
	}
	s.set(key, value)
	return value, false
}

// LoadAndDelete deletes the value for a key, returning the previous value
// if any. The loaded result reports whether the key was present.
func (m *Map) LoadAndDelete(key any) (value any, loaded bool) {
	s := m.update()
	value, loaded = s.entries[key]
	s.del(key)
	return value, loaded
}

// Delete deletes the value for a key.
func (m *Map) Delete(key any) { m.update().del(key) }

// Swap swaps the value for a key and returns the previous value if any.
// The loaded result reports whether the key was present.
func (m *Map) Swap(key, value any) (previous any, loaded bool) {
	s := m.update()
	previous, loaded = s.entries[key]
	s.set(key, value)
	return previous, loaded
}

// CompareAndSwap swaps the old and new values for key if the value stored
// in the map is equal to old. The old value must be of a comparable type.
func (m *Map) CompareAndSwap(key, old, new any) (swapped bool) {
	s := m.update()
	if v, ok := s.entries[key]; !ok || v != old {
		return false
	}
	s.set(key, new)
	return true
}

// CompareAndDelete deletes the entry for key if its value is equal to
// old. The old value must be of a comparable type. If there is no current
// value for key in the map, CompareAndDelete returns false.
func (m *Map) CompareAndDelete(key, old any) (deleted bool) {
	s := m.update()
	if v, ok := s.entries[key]; !ok || v != old {
		return false
	}
	s.del(key)
	return true
}

// Range calls f sequentially for each key and value present in the map,
// as they were at its one step. If f returns false, range stops the
// iteration.
func (m *Map) Range(f func(key, value any) bool) {
	s := m.read()
	keys := append([]any(nil), s.keys...)
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = s.entries[k]
	}
	for i, k := range keys {
		if !f(k, vals[i]) {
			return
		}
	}
}
