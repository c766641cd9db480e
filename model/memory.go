package model

// The store buffers of TSO and PSO, as operational models: x86-TSO (Owens,
// Sarkar and Sewell, "A better x86 memory model: x86-TSO", TPHOLs 2009;
// Sewell et al., CACM 53(7), 2010) gives each thread one FIFO buffer of
// stores; SPARC PSO (The SPARC Architecture Manual, Version 8, appendix K,
// and Version 9, chapter 8) lets stores to different locations leave a
// thread's buffer out of order, which is a FIFO buffer per thread and
// location. A plain store enters the buffer; a flush, a decision of the
// scheduler, moves the oldest entry (under PSO, the oldest entry for one
// location) into memory; a plain load reads the thread's own newest buffered
// store to its location, else memory. Mutex operations and atomics drain
// the buffer before they take effect (World.Step), as locked instructions
// and MFENCE do on x86; the model's atomics are sequentially consistent.
// Under SC there are no buffers.

// bufEntry is one store waiting in a store buffer.
type bufEntry struct {
	loc int
	val Value
	box any // the Go value stored, for external memory (external.go)
	key Key // the store's KeyStore
}

// load is a plain load by t: its own newest buffered store to loc, else memory.
func (w *World) load(t *Thread, loc int) Value {
	v, _ := w.loadBox(t, loc)
	return v
}

// loadBox is load with the Go value read, for external memory.
func (w *World) loadBox(t *Thread, loc int) (Value, any) {
	for i := len(t.buf) - 1; i >= 0; i-- {
		if t.buf[i].loc == loc {
			return t.buf[i].val, t.buf[i].box
		}
	}
	return w.memValue(loc)
}

// memValue is what location loc holds in memory: its Value, and for
// external memory the Go value.
func (w *World) memValue(loc int) (Value, any) {
	l := &w.locs[loc]
	if l.ext == nil {
		return l.val, nil
	}
	box := l.ext.read()
	return w.keyOf(box), box
}

// setMemory writes location loc's memory.
func (w *World) setMemory(loc int, v Value, box any) {
	l := &w.locs[loc]
	if l.ext != nil {
		l.ext.write(box)
	}
	l.val = v
}

// loadAccess is the footprint of a plain load of loc by t: a read of the
// location's memory, or, if the value read is t's own store s, of s's
// KeyNext (see deps.go).
func (w *World) loadAccess(t *Thread, loc int) Access {
	for i := len(t.buf) - 1; i >= 0; i-- {
		if t.buf[i].loc == loc {
			return Access{Key: nextKey(t.buf[i].key)}
		}
	}
	if s := w.locs[loc].lastStore; s.Kind != KeyNone && s.Thread == t.key {
		return Access{Key: nextKey(s)}
	}
	return Access{Key: memKey(loc)}
}

// overwrite appends the KeyNext write of a write to loc's memory: the
// flushed store it replaces there, if the last write was one.
func (w *World) overwrite(loc int, acc Footprint) Footprint {
	if s := w.locs[loc].lastStore; s.Kind != KeyNone {
		acc = append(acc, Access{Key: nextKey(s), Write: true})
	}
	return acc
}

// storeAccess is the footprint of a plain store to loc by t: under SC a
// write of memory, under TSO and PSO of the store's own key.
func (w *World) storeAccess(t *Thread, loc int) Access {
	if w.mem == SC {
		return Access{Key: memKey(loc), Write: true}
	}
	return Access{Key: storeKey(t.key, loc, t.storesTo(loc)), Write: true}
}

// memoryWrite appends the footprint of a write to loc's memory that does
// not go through a buffer (an atomic store, a successful CAS): the
// location's memory and the store it overwrites.
func (w *World) memoryWrite(loc int, acc Footprint) Footprint {
	return w.overwrite(loc, append(acc, Access{Key: memKey(loc), Write: true}))
}

// storesTo is the number of stores t has made to loc so far.
func (t *Thread) storesTo(loc int) int {
	if loc < len(t.stores) {
		return t.stores[loc]
	}
	return 0
}

// store is a plain store by t. Under SC it reaches memory at once; under TSO
// and PSO it waits in t's store buffer, and store reports true.
func (w *World) store(t *Thread, loc int, v Value, box any) (buffered bool) {
	if w.mem == SC {
		w.setMemory(loc, v, box)
		w.locs[loc].lastStore = Key{}
		return false
	}
	e := bufEntry{loc, v, box, storeKey(t.key, loc, t.storesTo(loc))}
	for len(t.stores) <= loc {
		t.stores = append(t.stores, 0)
	}
	t.stores[loc]++
	t.buf = append(t.buf, e)
	t.since = append(t.since, e)
	return true
}

// writeMemory is a write of loc that does not go through a buffer (an
// atomic store, a CAS).
func (w *World) writeMemory(loc int, v Value, box any) {
	w.setMemory(loc, v, box)
	w.locs[loc].lastStore = Key{}
}

// drain flushes all of t's buffered stores, oldest first, recording a flush
// event for each: mutexes, atomics and CAS are fences. Draining in one go
// loses no behaviour: every interleaving of those flushes with other
// threads' steps is also reached by flush decisions taken before the fence.
func (w *World) drain(t *Thread) {
	for len(t.buf) > 0 {
		w.flushEntry(t, 0)
	}
}

// Flushable appends to dst the locations whose oldest buffered store in
// thread tid's buffer may reach memory next: under TSO only the buffer's
// oldest entry, under PSO the oldest entry of each location, in order of
// first appearance. It is empty under SC.
func (d *Driver) Flushable(dst []int, tid int) []int {
	w := d.w
	buf := w.threads[tid].buf
	if len(buf) == 0 {
		return dst
	}
	if w.mem == TSO {
		return append(dst, buf[0].loc)
	}
	for i, e := range buf {
		first := true
		for _, p := range buf[:i] {
			if p.loc == e.loc {
				first = false
				break
			}
		}
		if first {
			dst = append(dst, e.loc)
		}
	}
	return dst
}

// Flush moves the oldest store to loc in thread tid's buffer into memory and
// records a flush event, as the step of decision number decision. Under TSO
// loc must be the location of the buffer's oldest entry. It reports false
// if there is no such store.
func (d *Driver) Flush(tid, loc, decision int) bool {
	w := d.w
	t := w.threads[tid]
	for i, e := range t.buf {
		if e.loc == loc {
			if w.mem == TSO && i != 0 {
				return false
			}
			w.decision = decision
			w.flushEntry(t, i)
			return true
		}
	}
	return false
}

// flushEntry moves entry i of t's buffer into memory. A flush is not a step
// of the thread: it does not advance the thread's clock, and the event
// carries the thread's current clock. It writes the location's memory and
// the store's key (so it follows the store, and the thread's next fence
// follows it).
func (w *World) flushEntry(t *Thread, i int) {
	e := t.buf[i]
	t.buf = append(t.buf[:i], t.buf[i+1:]...)
	buf := [3]Access{{Key: e.key, Write: true}, {Key: memKey(e.loc), Write: true}}
	acc := w.overwrite(e.loc, buf[:2])
	w.setMemory(e.loc, e.val, e.box)
	w.locs[e.loc].lastStore = e.key
	ev := Event{Thread: t.id, Op: OpFlush, Loc: e.loc, Value: e.val, Box: e.box, Decision: w.decision}
	w.record(&ev, acc, t.clock)
}

// PendingFlush is a store still in a buffer: the flush that would move it
// to memory, as an event of its buffer's process with its footprint.
type PendingFlush struct {
	Proc Process
	Acc  Footprint
	// Store is the store's key (the KeyStore its store event wrote).
	Store Key
}

// PendingFlushes lists the flushes thread tid's buffered stores still
// await, oldest first.
func (d *Driver) PendingFlushes(tid int) []PendingFlush {
	w := d.w
	t := w.threads[tid]
	out := make([]PendingFlush, len(t.buf))
	for i, e := range t.buf {
		// The flush's overwrite key depends on what memory holds then; the
		// location's memory key orders it with every write there anyway.
		out[i] = PendingFlush{Proc: w.bufferProcess(t, e.loc), Store: e.key,
			Acc: w.overwrite(e.loc, Footprint{{Key: e.key, Write: true}, {Key: memKey(e.loc), Write: true}})}
	}
	return out
}
