package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/model"
)

// TestReadHoldKeysConflict: a model.KeyReader write conflicts with the same
// model.KeyReader and with the model.KeyReaders of its mutex, not with another
// thread's model.KeyReader nor with another mutex's keys; two model.KeyReaders reads
// commute.
func TestReadHoldKeysConflict(t *testing.T) {
	r := func(loc int32, thread uint64) model.Access {
		return model.Access{Key: model.Key{Kind: model.KeyReader, Loc: loc, Thread: thread}, Write: true}
	}
	all := func(loc int32) model.Access { return model.Access{Key: model.Key{Kind: model.KeyReaders, Loc: loc}} }
	for _, c := range []struct {
		name string
		a, b model.Access
		want bool
	}{
		{"same reader", r(1, 7), r(1, 7), true},
		{"two readers", r(1, 7), r(1, 8), false},
		{"reader and the holds", r(1, 7), all(1), true},
		{"the holds and a reader", all(1), r(1, 8), true},
		{"another mutex's holds", r(1, 7), all(2), false},
		{"two reads of the holds", all(1), all(1), false},
		{"a read of a reader key", model.Access{Key: r(1, 7).Key}, all(1), false},
	} {
		t.Run(c.name, func(t *testing.T) { assert.Equal(t, c.want, c.a.Conflicts(c.b)) })
	}
}

// TestReadersCommuteWritersDoNot runs two readers and a writer on an
// RWMutex and reads the dependency clocks: the readers' events are
// unordered, and the writer's wait comes after both readers' unlocks.
func TestReadersCommuteWritersDoNot(t *testing.T) {
	prog := model.Program{Name: "rw", Build: func(w *model.World) []model.Body {
		rw := model.NewRWMutex(w, "rw")
		reader := func(t *model.Thread) { rw.RLock(t); rw.RUnlock(t) }
		writer := func(t *model.Thread) { rw.Lock(t); rw.Unlock(t) }
		return []model.Body{reader, reader, writer}
	}}
	// T0 and T1 read-lock and unlock, then T2 writes.
	w := replay(t, prog, model.SC, "0.1.0.1.2x3").World
	w.TrackDependencies()
	evs := w.Events()
	before := func(a, b int) bool { return evs[a].Dep.At(evs[a].Proc) <= evs[b].Dep.At(evs[a].Proc) }
	assert.False(t, before(0, 1) || before(1, 0), "the two RLocks are ordered")
	assert.False(t, before(2, 3) || before(3, 2), "the two RUnlocks are ordered")
	assert.True(t, before(2, 5) && before(3, 5), "the writer's wait does not follow the readers' unlocks")
	assert.True(t, before(0, 4) && before(1, 4), "the writer's announcement does not follow the RLocks")
}
