package litmus

import (
	"fmt"
	"slices"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// Fingerprint names the Mazurkiewicz trace of an execution of a program
// over plain variables, atomics and mutexes, computed from its events alone
// (independently of any strategy's dependency relation): two executions
// have the same fingerprint if and only if they order every pair of
// dependent memory events alike. Dependent are two events on one location
// in memory, at least one a write: a flush, an SC store, an atomic store or
// successful CAS, a lock or unlock, against each other and against loads
// that read memory (a load served from the thread's own store buffer
// depends on nothing outside its thread, and two reads never depend on each
// other). Buffered stores are local to their thread until flushed.
//
// The fingerprint lists, per location, its writes in memory order and, for
// each read from memory, the number of writes before it; a thread's step is
// named by the thread and its position among the thread's steps (a flush by
// the step that stored the value). Obtain's reads of an object's fields are
// not part of it: for protocols, whose threads obtain instances, two traces
// that differ only there share a fingerprint.
func Fingerprint(w *model.World) string {
	type id struct{ thread, step int }
	type read struct {
		who    id
		writes int
	}
	steps := map[int]int{}          // thread → steps so far
	buffered := map[[2]int][]id{}   // (thread, loc) → stores waiting, oldest first
	writes := map[int][]id{}        // loc → writes to memory, in order
	reads := map[int][]read{}       // loc → reads from memory
	choices := map[id]model.Value{} // nondeterministic choices taken
	for _, ev := range w.Events() {
		if ev.Op == model.OpFlush {
			k := [2]int{ev.Thread, ev.Loc}
			q := buffered[k]
			if len(q) == 0 {
				// A flush with nothing buffered cannot happen; name it anyway.
				writes[ev.Loc] = append(writes[ev.Loc], id{ev.Thread, -1})
				continue
			}
			writes[ev.Loc] = append(writes[ev.Loc], q[0])
			buffered[k] = q[1:]
			continue
		}
		me := id{ev.Thread, steps[ev.Thread]}
		steps[ev.Thread]++
		k := [2]int{ev.Thread, ev.Loc}
		switch ev.Op {
		case model.OpStore, model.OpInit:
			if ev.Buffered {
				buffered[k] = append(buffered[k], me)
			} else {
				writes[ev.Loc] = append(writes[ev.Loc], me)
			}
		case model.OpLoad:
			if len(buffered[k]) == 0 {
				reads[ev.Loc] = append(reads[ev.Loc], read{me, len(writes[ev.Loc])})
			}
		case model.OpAtomicLoad:
			reads[ev.Loc] = append(reads[ev.Loc], read{me, len(writes[ev.Loc])})
		case model.OpCAS:
			if ev.OK {
				writes[ev.Loc] = append(writes[ev.Loc], me)
			} else {
				reads[ev.Loc] = append(reads[ev.Loc], read{me, len(writes[ev.Loc])})
			}
		case model.OpAtomicStore, model.OpLock, model.OpUnlock, model.OpNew,
			model.OpSwap, model.OpAdd, model.OpAnd, model.OpOr:
			writes[ev.Loc] = append(writes[ev.Loc], me)
		case model.OpChoose:
			choices[me] = ev.Value
		}
	}
	var parts []string
	for loc := range w.NumLocs() {
		ws, rs := writes[loc], reads[loc]
		if len(ws) == 0 && len(rs) == 0 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s:", w.LocName(loc))
		for _, x := range ws {
			fmt.Fprintf(&b, " w%d.%d", x.thread, x.step)
		}
		rtext := make([]string, len(rs))
		for i, r := range rs {
			rtext[i] = fmt.Sprintf(" r%d.%d@%d", r.who.thread, r.who.step, r.writes)
		}
		slices.Sort(rtext)
		b.WriteString(strings.Join(rtext, ""))
		parts = append(parts, b.String())
	}
	ctext := make([]string, 0, len(choices))
	for c, v := range choices {
		ctext = append(ctext, fmt.Sprintf("c%d.%d=%d", c.thread, c.step, v))
	}
	slices.Sort(ctext)
	parts = append(parts, ctext...)
	return strings.Join(parts, "; ")
}
