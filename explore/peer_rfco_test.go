package explore

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rfcoClass names the reads-from and coherence class of an execution: for
// every read, the write it read from; for every location, the order of the
// writes that reached its memory; for every mutex, the order of the
// operations on it. Two executions with the same class are equivalent
// under Nidhugg's equivalence for SC, TSO and PSO (Abdulla et al., TACAS
// 2015: traces are the program order with reads-from and coherence). It is
// computed from the events alone, independently of model/deps.go: a test
// oracle for the equivalence the dependency relation is meant to have.
//
// A thread's operations are numbered in program order (flushes are not
// its operations); a write is named by its thread and number, "init" for
// a location's initial value. A plain load reads the thread's newest
// buffered store to the location if there is one, else memory; a flush
// moves the thread's oldest buffered store to its location.
func rfcoClass(e *scheduler.Execution) string {
	type id struct{ thread, op int }
	w := e.World
	var (
		ops      = map[int]int{}          // per thread: operations so far
		buffered = map[[2]int][]id{}      // per thread and location: stores not yet flushed, oldest first
		last     = map[int]id{}           // per location: the write its memory holds
		co       = map[int][]id{}         // per location (or mutex): writes (operations) in order
		reads    []string                 // each read and the write it read
		init     = id{thread: -1, op: -1} // the initial value
	)
	lastWrite := func(loc int) id {
		if v, ok := last[loc]; ok {
			return v
		}
		return init
	}
	write := func(loc int, by id) { last[loc] = by; co[loc] = append(co[loc], by) }
	read := func(by, from id) { reads = append(reads, fmt.Sprintf("%v<-%v", by, from)) }
	for _, ev := range w.Events() {
		if ev.Op == model.OpFlush {
			key := [2]int{ev.Thread, ev.Loc}
			write(ev.Loc, buffered[key][0])
			buffered[key] = buffered[key][1:]
			continue
		}
		me := id{ev.Thread, ops[ev.Thread]}
		ops[ev.Thread]++
		switch ev.Op {
		case model.OpLoad:
			if b := buffered[[2]int{ev.Thread, ev.Loc}]; len(b) > 0 {
				read(me, b[len(b)-1])
			} else {
				read(me, lastWrite(ev.Loc))
			}
		case model.OpStore:
			if ev.Buffered {
				key := [2]int{ev.Thread, ev.Loc}
				buffered[key] = append(buffered[key], me)
			} else {
				write(ev.Loc, me)
			}
		case model.OpAtomicLoad:
			read(me, lastWrite(ev.Loc))
		case model.OpAtomicStore:
			write(ev.Loc, me)
		case model.OpCAS:
			read(me, lastWrite(ev.Loc))
			if ev.OK {
				write(ev.Loc, me)
			}
		case model.OpLock, model.OpUnlock:
			co[ev.Loc] = append(co[ev.Loc], me)
		}
	}
	var b strings.Builder
	for _, loc := range slices.Sorted(maps.Keys(co)) {
		fmt.Fprintf(&b, "%s:%v ", w.LocName(loc), co[loc])
	}
	slices.Sort(reads)
	b.WriteString(strings.Join(reads, " "))
	return b.String()
}

// TestOwnBufferedLoadIsOneClass: on the smallest program where a load
// reads its thread's own buffered store beside another thread's write
// (Nidhugg's ROWE_1 under TSO: T0: x=1; r=x || T1: x=2), optimal DPOR
// explores each reads-from and coherence class once. The load reads no
// memory, so whether T1's store reaches memory before or after it does not
// matter; only T1's store coming after T0's in coherence does, and the
// model orders the load before that through the key of the write that
// overwrites T0's store (model.KeyNext).
func TestOwnBufferedLoadIsOneClass(t *testing.T) {
	i := slices.IndexFunc(peerTSO, func(p peerProg) bool { return p.test == "ROWE_1" })
	require.GreaterOrEqual(t, i, 0)
	p := peerTSO[i]
	byClass := map[string]int{}
	ownBuffered := 0
	wrap := func(r *recorder) Strategy {
		return endHook{r, func(e *scheduler.Execution) {
			byClass[rfcoClass(e)]++
			ownFlush, load := -1, -1
			for k, ev := range e.World.Events() {
				switch {
				case ev.Op == model.OpLoad:
					load = k
				case ev.Op == model.OpFlush && ev.Thread == 0:
					ownFlush = k
				}
			}
			if load < ownFlush {
				ownBuffered++
			}
		}}
	}
	exploreReachWrapped(t, p.program(), peerConfig(p, "dpor"), peerMaxExec, false, wrap)
	require.Len(t, byClass, 3, "reads-from and coherence classes")
	for class, n := range byClass {
		assert.Equal(t, 1, n, "class %s explored %d times", class, n)
	}
	assert.Positive(t, ownBuffered, "no execution has the load read T0's buffered store: the program no longer tests it")
}

// endHook calls f on every execution the strategy ends.
type endHook struct {
	Strategy
	f func(e *scheduler.Execution)
}

func (h endHook) End(e *scheduler.Execution) error { h.f(e); return h.Strategy.End(e) }
