package model

// The dependency relation of the model's events: the one relation that
// partial-order reduction, trace signatures and symmetry reduction share.
// It is not the happens-before of Event.Clock, which the race detector
// builds from synchronization only; the two are kept apart.
//
// Events belong to processes: a thread, or a store buffer (under TSO one
// per thread, under PSO one per thread and location), whose flushes are
// events of their own. A fence (a mutex operation, an atomic) that drains
// its thread's buffer when it runs is recorded as the flushes, each an
// event of its buffer's process, followed by the fence with an empty
// buffer: one step of the scheduler and the equivalent sequence of flush
// decisions and the fence are the same trace.
//
// Each event has a footprint: the accesses it makes to keys, each a read or
// a write. Two events of different processes are dependent when their
// footprints touch one key and at least one writes it. The footprint of each
// operation is stated next to the operation (the accesses function of its
// opSpec); the keys are:
//
//   - KeyMem: the memory of a location, or the state of a synchronization
//     object (a mutex). Loads and atomic loads read it; atomic stores,
//     successful compare-and-swaps, read-modify-writes (which also read it;
//     rmw.go), flushes and plain stores under SC write it. A failed compare-and-swap reads it, as in the DPOR literature: it
//     changes nothing.
//   - KeyStore: one buffered store, the ord-th store of a thread to a
//     location. The store writes it, its flush writes it (so the flush
//     follows the store), and the thread's next fence reads it (so the
//     fence follows the flush).
//   - KeyNext: the write that overwrites a buffered store s in memory: every
//     write to memory writes the KeyNext of the flushed store it replaces.
//   - KeyAlloc: allocation order. Object numbers and field locations are
//     handed out in allocation order, so allocations never commute.
//   - KeyMeta: whether an object was handed out to a caller, which the
//     reinitialization oracle reads: Init writes it, Obtain reads it.
//   - KeyEpoch: the current phase of calls (NewEpoch writes it, Obtain
//     reads it, as the instance oracles judge an obtain against its phase).
//   - KeyWake: the completion of a thread's blocked channel operation
//     (chan.go): the step that completes it writes it, the thread's wait
//     reads it.
//   - KeyReader and KeyReaders: the read holds of an RWMutex, per thread
//     and all of them (rwmutex.go): a reader writes its own KeyReader, and
//     an access to KeyReaders conflicts with a write of any KeyReader of
//     the same mutex, so that readers commute with each other and not
//     with a writer that waits for them.
//
// Loads of a thread's own store make traces under TSO and PSO the classes
// of reads-from and coherence order, as in Abdulla, Aronis, Atig, Jonsson,
// Leonardsson and Sagonas ("Stateless model checking for TSO and PSO",
// TACAS 2015; Nidhugg): a load that reads the loading thread's own store s
// (from its buffer, or from memory after s was flushed and before anything
// overwrote it) reads s's KeyNext, not the location's memory. It reads s
// whatever else happens around it, except once s is overwritten: so it is
// independent of s's flush, and of every other thread's write that comes
// before s in coherence, and dependent on the one write that overwrites s
// (and through it on all later ones). A thread that stores and then loads
// its own store has one trace, not two, whatever the other threads write.

// KeyKind says what a Key names.
type KeyKind uint32

// The kinds of key.
const (
	KeyNone KeyKind = iota
	KeyMem
	KeyStore
	KeyNext
	KeyAlloc
	KeyMeta
	KeyEpoch
	// KeyAll stands for every key: an access to it conflicts with every
	// access, and the dependency order puts it after every event before it
	// and before every event after it. A step after which the program
	// panicked has it, since ending the execution disables every other
	// thread, and so does an opaque step (model.Opaque).
	KeyAll
	// KeyReader: the read holds of one thread (Thread) on an RWMutex
	// (Loc). A reader's RLock and RUnlock write it; readers of different
	// threads touch different keys, so they commute (see rwmutex.go).
	KeyReader
	// KeyReaders: whether any thread read-holds an RWMutex (Loc). An
	// access to it conflicts with every write of a KeyReader of the same
	// RWMutex, whatever the thread (and with a write of itself): a writer
	// that waits for the readers to leave, or a TryLock that fails because
	// of them, reads it.
	KeyReaders
	// KeyWake: the completion of a blocked channel operation, the Ord-th
	// wait of a thread: the step that completes it writes it, the
	// thread's chan-wait reads it (chan.go).
	KeyWake
	// KeyOrder: no operation accesses it. A strategy that refines the
	// dependency relation adds accesses to it to the footprints it
	// analyses (Loc and Ord are the strategy's; see DepClocks), never to
	// an event's.
	KeyOrder
)

// Key is an abstract location an event accesses. Keys are stable across
// the executions of one program as long as the executions agree on the
// past: threads are named by Thread.Key, locations by index.
//
// Its fields fill its 24 bytes without padding, so that maps keyed by it
// hash it as plain memory (a padded struct is hashed field by field, which
// cost a sixth of optimal DPOR's time with symmetry).
type Key struct {
	Kind   KeyKind
	Loc    int32  // KeyMem, KeyStore, KeyNext: the location; KeyMeta: the object number
	Ord    int64  // KeyStore, KeyNext: the store's number among the thread's stores to Loc
	Thread uint64 // KeyStore, KeyNext: the storing thread's Key
}

// Access is one access of an event to a key.
type Access struct {
	Key   Key
	Write bool
}

// Conflicts reports whether two accesses of events of different
// processes make the events dependent.
func (a Access) Conflicts(b Access) bool {
	if a.Key.Kind == KeyAll || b.Key.Kind == KeyAll {
		return true
	}
	if !(a.Write || b.Write) {
		return false
	}
	return a.Key == b.Key || readersMatch(a.Key, b.Key) || readersMatch(b.Key, a.Key)
}

// readersMatch reports whether a is the KeyReaders of the RWMutex whose
// KeyReader b is.
func readersMatch(a, b Key) bool {
	return a.Kind == KeyReaders && b.Kind == KeyReader && a.Loc == b.Loc
}

// EndsAll is the access of an event after which the execution ended for
// every thread (a panic), and of an opaque step: it conflicts with
// everything.
var EndsAll = Access{Key: Key{Kind: KeyAll}, Write: true}

// Footprint is the accesses of one event.
type Footprint []Access

// Conflicts reports whether two footprints make their events dependent.
func (f Footprint) Conflicts(g Footprint) bool {
	for _, a := range f {
		for _, b := range g {
			if a.Conflicts(b) {
				return true
			}
		}
	}
	return false
}

// FootprintMask summarizes a footprint in two 64-bit sets, for a quick
// test that two footprints cannot conflict: every key falls into one of
// 64 buckets (by its kind and location; a KeyReaders and the KeyReader
// keys of its RWMutex share one), Any holds the buckets of its accesses
// and Written those of its writes. A KeyAll access fills both.
type FootprintMask struct{ Any, Written uint64 }

// Mask is f's FootprintMask.
func (f Footprint) Mask() FootprintMask {
	var m FootprintMask
	for _, a := range f {
		if a.Key.Kind == KeyAll {
			return FootprintMask{Any: ^uint64(0), Written: ^uint64(0)}
		}
		kind := a.Key.Kind
		if kind == KeyReaders {
			kind = KeyReader // readersMatch: one bucket for both
		}
		bit := uint64(1) << (mix64(uint64(kind)<<32|uint64(uint32(a.Key.Loc))) >> 58)
		m.Any |= bit
		if a.Write {
			m.Written |= bit
		}
	}
	return m
}

// MayConflict is false only if footprints with masks m and n do not
// conflict (Footprint.Conflicts): no write of one shares a bucket with an
// access of the other.
func (m FootprintMask) MayConflict(n FootprintMask) bool {
	return m.Written&n.Any != 0 || m.Any&n.Written != 0
}

func memKey(loc int) Key { return Key{Kind: KeyMem, Loc: int32(loc)} }

func storeKey(thread uint64, loc, ord int) Key {
	return Key{Kind: KeyStore, Loc: int32(loc), Ord: int64(ord), Thread: thread}
}

// nextKey is the KeyNext of buffered store s (a KeyStore).
func nextKey(s Key) Key {
	s.Kind = KeyNext
	return s
}

// NextKey is the KeyNext of buffered store s (a KeyStore): the key the
// write that overwrites s in memory writes.
func NextKey(s Key) Key { return nextKey(s) }

// Process names a process: a thread, or one of its store buffers.
type Process struct {
	// Thread is the thread's Key.
	Thread uint64
	// Buffer is ThreadProcess for the thread itself, TSOBuffer for its
	// store buffer under TSO, or the location of its buffer under PSO.
	Buffer int32
	// pad fills the struct, always zero: with no padding bytes, maps keyed
	// by Process hash it as plain memory. (A blank field would not do:
	// comparison skips it, so the struct would again need a hash of its
	// own.)
	//lint:ignore U1000 never read: it is there for the struct's layout
	pad int32
}

// The Buffer of a thread's own process and of its TSO store buffer.
const (
	ThreadProcess = -2
	TSOBuffer     = -1
)

// IsThread reports whether p is a thread rather than a store buffer.
func (p Process) IsThread() bool { return p.Buffer == ThreadProcess }

// bufferProcess is the process that flushes thread t's stores to loc.
func (w *World) bufferProcess(t *Thread, loc int) Process {
	if w.mem == TSO {
		return Process{Thread: t.key, Buffer: TSOBuffer}
	}
	return Process{Thread: t.key, Buffer: int32(loc)}
}

// depTracker computes the dependency clock of every event: entry i of an
// event's clock counts the events of process i (numbered in order of first
// appearance in the execution) that precede it in the dependency order,
// itself included. Per key it keeps what a new access must be ordered
// after: the last write, and the reads since. (Every earlier access to the
// key is ordered before one of those.)
type depTracker struct {
	procs []Process
	index map[Process]int
	last  []VC     // per process: the clock of its last event
	keys  keyTable // per key: its last write and the reads since
	// readers joins, per RWMutex, the clocks of every KeyReader write
	// (last) and of every KeyReaders access (reads): a KeyReaders access
	// follows the former, a KeyReader write the latter.
	readers map[int32]*keyDeps
	starts  map[uint64]VC // per thread not yet started: the clock it starts from
	// all is the clock of the last event that accessed KeyAll (every
	// later event is ordered after it), nil if none.
	all VC
	// scratch is the clock being computed; snap copies a finished clock
	// into storage that stays put (the world's arena).
	scratch VC
	snap    func(VC) VC
}

func newDepTracker(snap func(VC) VC) *depTracker {
	return &depTracker{index: map[Process]int{}, starts: map[uint64]VC{}, snap: snap}
}

// reset empties d for a new execution, keeping its storage: the state of
// a key is emptied, not dropped, which is the same to clock (an empty
// clock joins nothing).
func (d *depTracker) reset() {
	d.procs = d.procs[:0]
	clear(d.index)
	clear(d.last)
	d.last = d.last[:0]
	d.keys.reset()
	for _, g := range d.readers { // both joined into, so owned
		g.last, g.reads = g.last[:0], g.reads[:0]
	}
	clear(d.starts)
	d.all = nil
}

// process is p's number in this execution, numbering it if it is new.
// An execution has a few processes (a thread each, and its buffers under
// TSO and PSO): a scan of them is faster than hashing p.
func (d *depTracker) process(p Process) int {
	if len(d.procs) <= 16 {
		for i, q := range d.procs {
			if q == p {
				return i
			}
		}
	}
	i, ok := d.index[p]
	if !ok {
		i = len(d.procs)
		d.index[p] = i
		d.procs = append(d.procs, p)
		d.last = append(d.last, nil)
	}
	return i
}

// clock computes the clock of an event of process p with footprint acc,
// records it, and returns the process's index and the clock (in storage
// that stays put; callers must not modify it).
func (d *depTracker) clock(p Process, acc Footprint) (int, VC) {
	i := d.process(p)
	c := d.scratch[:0]
	if prev := d.last[i]; prev != nil {
		c = append(c, prev...)
	} else if start, ok := d.starts[p.Thread]; ok && p.IsThread() {
		c = append(c, start...)
	}
	if len(acc) > 0 { // an event with no access conflicts with nothing
		c.Join(d.all)
	}
	touchesAll := false
	for _, a := range acc {
		d.joinReaders(&c, a)
		if a.Key.Kind == KeyAll {
			touchesAll = true
			d.joinEvery(&c)
			continue
		}
		k := d.keys.get(a.Key)
		if k == nil {
			continue
		}
		c.Join(k.last)
		if a.Write {
			c.Join(k.reads)
		}
	}
	c.grow(i + 1)
	c[i]++
	d.scratch = c
	c = d.snap(c)
	if touchesAll {
		d.all = c
	}
	for _, a := range acc {
		if a.Key.Kind == KeyAll {
			continue
		}
		k := d.keys.make(a.Key)
		if a.Write {
			k.last, k.reads = c, k.reads[:0]
		} else {
			k.reads.Join(c)
		}
	}
	for _, a := range acc {
		d.noteReaders(c, a)
	}
	d.last[i] = c
	return i, c
}

// joinReaders joins into c what access a follows across the KeyReader
// keys of one RWMutex (see readers).
func (d *depTracker) joinReaders(c *VC, a Access) {
	switch {
	case a.Key.Kind == KeyReaders:
		if g := d.readers[a.Key.Loc]; g != nil {
			c.Join(g.last)
		}
	case a.Key.Kind == KeyReader && a.Write:
		if g := d.readers[a.Key.Loc]; g != nil {
			c.Join(g.reads)
		}
	}
}

// noteReaders records an event with clock c and access a for later
// joinReaders.
func (d *depTracker) noteReaders(c VC, a Access) {
	if a.Key.Kind != KeyReaders && (a.Key.Kind != KeyReader || !a.Write) {
		return
	}
	if d.readers == nil {
		d.readers = map[int32]*keyDeps{}
	}
	g := d.readers[a.Key.Loc]
	if g == nil {
		g = &keyDeps{}
		d.readers[a.Key.Loc] = g
	}
	if a.Key.Kind == KeyReaders {
		g.reads.Join(c)
	} else {
		g.last.Join(c)
	}
}

// joinEvery joins into c every access recorded so far: an access to KeyAll
// is ordered after all of them.
func (d *depTracker) joinEvery(c *VC) {
	d.keys.each(func(k *keyDeps) {
		c.Join(k.last)
		c.Join(k.reads)
	})
}

// spawned records that thread child starts after the event with clock c:
// its first event is ordered after it.
func (d *depTracker) spawned(child uint64, c VC) { d.starts[child] = c.Clone() }

// TrackDependencies gives every event recorded so far its process and its
// dependency clock (Event.Proc, Event.Dep). It processes only the events
// recorded since its last call, so a strategy may call it at every
// decision, or once at the end of the execution, for the same cost.
func (w *World) TrackDependencies() {
	if w.deps == nil {
		w.deps = newDepTracker(w.snapshotClock)
	}
	for ; w.depsDone < len(w.events); w.depsDone++ {
		ev := &w.events[w.depsDone]
		t := w.threads[ev.Thread]
		p := Process{Thread: t.key, Buffer: ThreadProcess}
		if ev.Op == OpFlush {
			p = w.bufferProcess(t, ev.Loc)
		}
		ev.Proc, ev.Dep = w.deps.clock(p, ev.Acc)
		if ev.Op == OpSpawn {
			w.deps.spawned(w.threads[ev.Value].key, ev.Dep)
		}
	}
}
