package model

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
)

// State keys: a fingerprint of everything that decides how an execution
// can go on from where it stands, for a search that caches the states it
// has explored (a stateful search, explore/statecache.go).
//
// A thread's body is Go code whose local variables the model cannot see.
// It is deterministic, though (the nondeterminism check enforces it), so
// its state is a function of what its operations returned: the key holds,
// per thread, a hash of the sequence of its operations and their results
// (Thread.hist), beside its announced operation, its store buffer and
// what the oracles keep of it. The shared state is every location's
// contents, the objects, and what the oracles and the race detector
// remember: two states with one key have the same futures, the same
// violations in them and the same final outcomes.
//
// The race detector's vector clocks grow without bound, but what decides
// its future reports is finite: for every access it remembers, which
// clocks (threads' and synchronization objects') already include it. A
// later join only takes maxima, so an access happens before a later step
// exactly when some clock that flows into that step includes it now. The
// key holds that bit matrix, not the clocks.
//
// With symmetry groups (SetSymmetryGroups), the threads of a group are
// sorted by the hash of their local state before the shared state is
// written, and every thread reference in it is renamed accordingly, so
// that states equal up to a permutation of interchangeable workers
// (almost always) get one key. Any fixed renaming keeps the key sound;
// sorting only makes it find more equal states.

// StateKey is a 128-bit fingerprint of an execution's state (see above).
// Distinct states collide with probability about n²/2¹²⁹ for n states.
type StateKey [2]uint64

// stateKeyer holds the buffers StateKey reuses between calls.
type stateKeyer struct {
	buf     []byte
	local   [][2]uint64 // per thread: the hash of its local state
	order   []int       // canonical position -> thread
	rename  []int       // thread -> canonical position
	holders []VC        // the clocks whose inclusion of accesses is recorded
}

// StateKey is the fingerprint of the current state, and whether the world
// holds only what a key can capture. If symmetric, the threads of each
// symmetry group are identified up to a permutation. It cannot capture channels, and not
// the Go memory of ordinary code checked through the drop-in packages
// (Implicit programs): for those, ok is false and a caching search must
// not prune.
func (d *Driver) StateKey(symmetric bool) (key StateKey, ok bool) {
	w := d.w
	if w.implicit || w.chans != nil || len(w.extLocs) > 0 || len(w.goObjects) > 0 {
		return StateKey{}, false
	}
	k := &d.keyer
	k.canonicalOrder(w, symmetric)
	b := k.buf[:0]
	b = binary.AppendUvarint(b, uint64(len(w.threads)))
	for _, tid := range k.order {
		b = binary.LittleEndian.AppendUint64(b, k.local[tid][0])
		b = binary.LittleEndian.AppendUint64(b, k.local[tid][1])
	}
	b = binary.AppendVarint(b, int64(w.obtained))
	for i := range w.locs {
		l := &w.locs[i]
		b = append(b, byte(l.kind))
		b = binary.AppendVarint(b, int64(l.val))
		b = binary.AppendVarint(b, int64(k.thread(l.owner)))
		b = binary.AppendVarint(b, int64(l.count))
		b = binary.AppendVarint(b, int64(l.base))
		b = binary.AppendVarint(b, int64(l.inits))
		b = binary.AppendVarint(b, int64(l.aux))
		for _, tid := range k.order {
			h := 0
			if tid < len(l.holds) {
				h = l.holds[tid]
			}
			b = binary.AppendVarint(b, int64(h))
		}
	}
	for _, o := range w.objects {
		b = binary.AppendUvarint(b, uint64(o.class))
		b = binary.AppendUvarint(b, uint64(o.number))
		b = append(b, boolByte(o.obtained))
	}
	if w.races {
		b = k.appendRaces(b, w)
	}
	k.buf = b
	h := fnv.New128a()
	h.Write(b)
	var sum [16]byte
	h.Sum(sum[:0])
	return StateKey{binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:])}, true
}

// thread is the canonical name of thread tid (-1 stays -1).
func (k *stateKeyer) thread(tid int) int {
	if tid < 0 || tid >= len(k.rename) {
		return tid
	}
	return k.rename[tid]
}

// canonicalOrder hashes every thread's local state and orders the threads:
// each symmetry group's members take the group's slots in order of their
// hashes; every other thread keeps its slot.
func (k *stateKeyer) canonicalOrder(w *World, symmetric bool) {
	n := len(w.threads)
	k.local = slices.Grow(k.local[:0], n)[:n]
	k.order = slices.Grow(k.order[:0], n)[:n]
	k.rename = slices.Grow(k.rename[:0], n)[:n]
	for i, t := range w.threads {
		k.local[i] = t.localHash(w)
		k.order[i] = i
	}
	// Threads started during the execution are named by their parents;
	// renaming workers would rename them too, which the key does not do:
	// with any, no group is reordered (sound, only weaker).
	if symmetric && w.symGroups != nil && n == len(w.symGroups)+boolInt(w.hasInit()) {
		first := boolInt(w.hasInit() && w.threads[0].init)
		workers := k.order[first : first+len(w.symGroups)]
		for g := range groupsOf(w.symGroups) {
			var slots, members []int
			for i, gi := range w.symGroups {
				if gi == g {
					slots = append(slots, first+i)
					members = append(members, first+i)
				}
			}
			slices.SortStableFunc(members, func(a, b int) int {
				return compareHash(k.local[a], k.local[b])
			})
			for j, s := range slots {
				workers[s-first] = members[j]
			}
		}
	}
	for pos, tid := range k.order {
		k.rename[tid] = pos
	}
}

// groupsOf lists the distinct groups, in order of first appearance.
func groupsOf(groups []int) []int {
	var out []int
	for _, g := range groups {
		if !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

func compareHash(a, b [2]uint64) int {
	switch {
	case a[0] != b[0]:
		return cmpU64(a[0], b[0])
	default:
		return cmpU64(a[1], b[1])
	}
}

func cmpU64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hasInit reports whether the world has an init thread.
func (w *World) hasInit() bool {
	for _, t := range w.threads {
		if t.init {
			return true
		}
	}
	return false
}

// localHash is the hash of what decides thread t's future on its side: the
// history of its results, its announced operation, its store buffer, how
// far it is in a spin iteration, and what the oracles keep of it.
func (t *Thread) localHash(w *World) [2]uint64 {
	var b [256]byte
	s := b[:0]
	s = binary.LittleEndian.AppendUint64(s, t.hist[0])
	s = binary.LittleEndian.AppendUint64(s, t.hist[1])
	s = append(s, boolByte(t.done), boolByte(t.aborted), boolByte(t.panicked), byte(t.pending.Kind))
	s = binary.AppendVarint(s, int64(t.pending.Loc))
	s = binary.AppendVarint(s, int64(t.pending.Arg))
	s = binary.AppendVarint(s, int64(t.pending.Old))
	s = binary.AppendUvarint(s, uint64(len(t.buf)))
	for _, e := range t.buf {
		s = binary.AppendUvarint(s, uint64(e.loc))
		s = binary.AppendVarint(s, int64(e.val))
	}
	s = binary.AppendUvarint(s, uint64(t.children))
	if t.spin != nil {
		s = append(s, 1+boolByte(t.spin.wrote))
		for _, r := range t.spin.reads {
			s = binary.AppendUvarint(s, uint64(r.loc))
			s = binary.AppendVarint(s, int64(r.val))
		}
	}
	h := fnv.New128a()
	h.Write(s)
	var sum [16]byte
	h.Sum(sum[:0])
	return [2]uint64{binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:])}
}

// noteResult extends t's history with the operation it just performed and
// what it returned (see StateKey).
func (t *Thread) noteResult(op *Op, ev *Event) {
	x := uint64(op.Kind) | uint64(uint32(op.Loc))<<8
	y := uint64(t.result) ^ uint64(boolByte(ev.OK))<<63
	t.hist[0] = mix64(t.hist[0]^x) + y
	t.hist[1] = mix64(t.hist[1]+mix64(y)) ^ x
}

// appendRaces writes the race detector's memory: per plain location, its
// remembered accesses, each as its thread and the set of clocks that
// include it (see StateKey).
func (k *stateKeyer) appendRaces(b []byte, w *World) []byte {
	k.holders = k.holders[:0]
	for _, tid := range k.order {
		k.holders = append(k.holders, w.threads[tid].clock)
	}
	for i := range w.locs { // a nil clock includes nothing
		k.holders = append(k.holders, w.locs[i].clock, w.locs[i].rclock)
	}
	for loc := range w.raceStates {
		rs := &w.raceStates[loc]
		if rs.reads == nil {
			continue
		}
		b = binary.AppendUvarint(b, uint64(loc))
		b = k.appendAccesses(b, rs.write, rs.reads)
		if a := rs.atomic; a != nil {
			b = append(b, 1)
			b = k.appendAccesses(b, a.write, a.reads)
		}
	}
	return b
}

// appendEpoch writes a remembered access: none, or its canonical thread
// and which holders' clocks include it.
// appendAccesses appends a location's remembered write and, in the
// key's thread order, each thread's remembered read (0 for none).
func (k *stateKeyer) appendAccesses(b []byte, write epoch, reads []epoch) []byte {
	b = k.appendEpoch(b, write)
	for _, tid := range k.order {
		if tid < len(reads) {
			b = k.appendEpoch(b, reads[tid])
		} else {
			b = append(b, 0)
		}
	}
	return b
}

func (k *stateKeyer) appendEpoch(b []byte, e epoch) []byte {
	u := e.acc.Thread
	if u < 0 {
		return append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(k.thread(u))+1)
	b = append(b, boolByte(e.acc.Write))
	var bits byte
	n := 0
	for _, c := range k.holders {
		if e.clock <= c.At(u) {
			bits |= 1 << (n % 8)
		}
		if n++; n%8 == 0 {
			b = append(b, bits)
			bits = 0
		}
	}
	return append(b, bits)
}
