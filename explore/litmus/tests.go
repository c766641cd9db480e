package litmus

import "github.com/singlecheck/singlecheck/model"

// Sources of the published verdicts, cited by the tests below:
//
//   - [x86-TSO]: S. Owens, S. Sarkar, P. Sewell, "A Better x86 Memory Model:
//     x86-TSO", TPHOLs 2009; and P. Sewell, S. Sarkar, S. Owens, F. Zappa
//     Nardelli, M. O. Myreen, "x86-TSO: A Rigorous and Usable Programmer's
//     Model for x86 Multiprocessors", CACM 53(7), 2010, which goes through
//     the examples of Intel's SDM vol. 3A §8.2.3 (Examples 8-1 to 8-10) and
//     gives x86-TSO's verdict on each.
//   - [SPARC]: The SPARC Architecture Manual, Version 8 (1992), chapter 6
//     and appendix K (the formal TSO and PSO models), and Version 9 (1994),
//     chapter 8: under PSO a processor's stores to different locations may
//     reach memory out of order (only STBAR/MEMBAR #StoreStore orders them);
//     loads are not reordered, and memory is a single order of stores seen
//     alike by all processors (stores are atomic), as under TSO.
//   - [Tutorial]: L. Maranget, S. Sarkar, P. Sewell, "A Tutorial
//     Introduction to the ARM and POWER Relaxed Memory Models", 2012, which
//     names the tests (SB, MP, LB, WRC, IRIW, 2+2W, R, S) and their shapes;
//     J. Alglave, L. Maranget, M. Tautschnig, "Herding Cats", TOPLAS 2014,
//     which gives their TSO verdicts.
//
// Under SC every forbidden outcome below needs a cycle in the order of the
// accesses, which an interleaving cannot have. The other combinations of
// the observables' values are all reached by some interleaving (each test
// says which values an observable can take).

var (
	zeroOne = []model.Value{0, 1}
	one     = []model.Value{1}
	oneTwo  = []model.Value{1, 2}
	zero    = []model.Value{0}
)

// fence is an atomic compare-and-swap on f that always succeeds: a full
// fence, as x86's locked instructions (which drain the store buffer,
// [x86-TSO]) or SPARC's atomic ldstub with MEMBAR.
func fence(f model.Atomic, t *model.Thread) { f.CompareAndSwap(t, 0, 0) }

// SB is store buffering (Dekker's core): each thread stores to one variable
// and loads the other. Both loads reading 0 needs a load to overtake its
// thread's earlier store: forbidden under SC; allowed under TSO (Intel SDM
// Example 8-3, "Loads May Be Reordered with Older Stores", [x86-TSO]) and so
// under the weaker PSO [SPARC]. On a store-buffer machine both stores wait
// in their buffers while both loads read memory.
var SB = &Test{
	Name: "SB",
	Doc:  "store buffering: T0: x=1; r0=y  ‖  T1: y=1; r1=x",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); t.Observe("r0", y.Load(t)) },
			func(t *model.Thread) { y.Store(t, 1); t.Observe("r1", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"T0:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden:   map[model.Memory][]string{model.SC: {"T0:r0=0 T1:r1=0"}},
}

// MP is message passing: T0 writes data then a flag; T1 reads the flag then
// the data. Flag set and data unset is forbidden under SC and TSO (Intel
// SDM Example 8-1, "Stores Are not Reordered with other Stores": the buffer
// is FIFO and loads are not reordered, [x86-TSO]) and allowed under PSO,
// where the store of y may leave T0's buffer before the store of x [SPARC].
var MP = &Test{
	Name: "MP",
	Doc:  "message passing: T0: x=1; y=1  ‖  T1: r0=y; r1=x",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", y.Load(t)); t.Observe("r1", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"T1:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T1:r0=1 T1:r1=0"},
		model.TSO: {"T1:r0=1 T1:r1=0"},
	},
}

// LB is load buffering: each thread loads one variable, then stores to the
// other. Both loads reading 1 needs a store to overtake its thread's earlier
// load. Forbidden under SC, TSO (Intel SDM Example 8-2, "Stores Are Not
// Reordered with Older Loads": reads are never delayed, [x86-TSO]) and PSO
// (loads are not reordered with later stores [SPARC]). On a store-buffer
// machine a load completes when it executes, before the thread's later
// store even enters its buffer, so the value a load reads was stored before
// the load ran: both loads reading 1 would need each store before the other.
var LB = &Test{
	Name: "LB",
	Doc:  "load buffering: T0: r0=x; y=1  ‖  T1: r1=y; x=1",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { t.Observe("r0", x.Load(t)); y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r1", y.Load(t)); x.Store(t, 1) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"T0:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T0:r0=1 T1:r1=1"},
		model.TSO: {"T0:r0=1 T1:r1=1"},
		model.PSO: {"T0:r0=1 T1:r1=1"},
	},
}

// WW22 is 2+2W: two threads each store to x and y in opposite orders. Final
// x=1 and y=1 means each thread's first store reached memory after the
// other thread's second store: a cycle in store order. Forbidden under SC
// and TSO (stores reach memory in program order, "Herding Cats" [Tutorial]);
// allowed under PSO, where each thread's second store may reach memory
// first [SPARC].
var WW22 = &Test{
	Name: "2+2W",
	Doc:  "two plus two writes: T0: x=1; y=2  ‖  T1: y=1; x=2",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); y.Store(t, 2) },
			func(t *model.Thread) { y.Store(t, 1); x.Store(t, 2) },
		}
	},
	Observables: []Observable{{"x", oneTwo}, {"y", oneTwo}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"x=1 y=1"},
		model.TSO: {"x=1 y=1"},
	},
}

// IRIW is independent reads of independent writes: two writers, and two
// readers reading x and y in opposite orders. The readers disagreeing on the
// order of the writes (T2 sees x but not y, T3 sees y but not x) is
// forbidden under SC, TSO (Intel SDM Example 8-7, "Stores Are Seen in a
// Consistent Order by Other Processors", [x86-TSO]) and PSO (stores are
// atomic: one memory order for all [SPARC]). On a store-buffer machine a
// store becomes visible to every other thread at the same moment, when it
// is flushed into the one shared memory, and loads are not reordered.
var IRIW = &Test{
	Name: "IRIW",
	Doc:  "independent reads of independent writes: T0: x=1  ‖  T1: y=1  ‖  T2: r0=x; r1=y  ‖  T3: r2=y; r3=x",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", x.Load(t)); t.Observe("r1", y.Load(t)) },
			func(t *model.Thread) { t.Observe("r2", y.Load(t)); t.Observe("r3", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one},
		{"T2:r0", zeroOne}, {"T2:r1", zeroOne}, {"T3:r2", zeroOne}, {"T3:r3", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T2:r0=1 T2:r1=0 T3:r2=1 T3:r3=0"},
		model.TSO: {"T2:r0=1 T2:r1=0 T3:r2=1 T3:r3=0"},
		model.PSO: {"T2:r0=1 T2:r1=0 T3:r2=1 T3:r3=0"},
	},
}

// R: T0 stores x then y; T1 stores y then loads x. Final y=2 (T1's store
// last) with r0=0 needs T1's load to overtake its own earlier store, as in
// SB: forbidden under SC, allowed under TSO ("Herding Cats" [Tutorial]:
// R is the store-buffering shape with a coherence edge; an MFENCE forbids
// it) and PSO. On a store-buffer machine T1's y=2 waits in its buffer while
// T1 reads x=0 from memory; then T0's stores and finally T1's reach memory.
var R = &Test{
	Name: "R",
	Doc:  "R: T0: x=1; y=1  ‖  T1: y=2; r0=x",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); y.Store(t, 1) },
			func(t *model.Thread) { y.Store(t, 2); t.Observe("r0", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", oneTwo}, {"T1:r0", zeroOne}},
	Forbidden:   map[model.Memory][]string{model.SC: {"y=2 T1:r0=0"}},
}

// WRC is write-to-read causality: T1 reads T0's x=1 then writes y; T2 reads
// y=1 then x. T2 seeing y=1 but x=0 is forbidden under SC, TSO (Intel SDM
// Example 8-6, "Stores Are Transitively Visible", [x86-TSO]) and PSO
// (stores atomic, loads in order [SPARC]): once T1 has read x=1 from memory
// every thread reads it there.
var WRC = &Test{
	Name: "WRC",
	Doc:  "write-to-read causality: T0: x=1  ‖  T1: r0=x; y=1  ‖  T2: r1=y; r2=x",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", x.Load(t)); y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r1", y.Load(t)); t.Observe("r2", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"T1:r0", zeroOne}, {"T2:r1", zeroOne}, {"T2:r2", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T1:r0=1 T2:r1=1 T2:r2=0"},
		model.TSO: {"T1:r0=1 T2:r1=1 T2:r2=0"},
		model.PSO: {"T1:r0=1 T2:r1=1 T2:r2=0"},
	},
}

// S: T0 stores x=2 then y=1; T1 reads y then stores x=1. r0=1 with final
// x=2 needs T0's x=2 to reach memory after T1's x=1, which came after T1
// read T0's later store y=1: a store overtaking an earlier store. Forbidden
// under SC and TSO ("Herding Cats" [Tutorial]); allowed under PSO, where
// T0's y=1 can reach memory before its x=2 [SPARC].
var S = &Test{
	Name: "S",
	Doc:  "S: T0: x=2; y=1  ‖  T1: r0=y; x=1",
	Build: func(w *model.World) []model.Body {
		x, y := model.NewVar(w, "x"), model.NewVar(w, "y")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 2); y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", y.Load(t)); x.Store(t, 1) },
		}
	},
	Observables: []Observable{{"x", oneTwo}, {"y", one}, {"T1:r0", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"x=2 T1:r0=1"},
		model.TSO: {"x=2 T1:r0=1"},
	},
}

// CoRR is read-read coherence: T1 reads x twice; reading T0's x=1 and then
// the initial 0 is forbidden under every model (coherence: Intel SDM §8.2.2
// and [x86-TSO]; [SPARC]): a value, once in memory, is only overwritten.
var CoRR = &Test{
	Name: "CoRR",
	Doc:  "read-read coherence: T0: x=1  ‖  T1: r0=x; r1=x",
	Build: func(w *model.World) []model.Body {
		x := model.NewVar(w, "x")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", x.Load(t)); t.Observe("r1", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"T1:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T1:r0=1 T1:r1=0"},
		model.TSO: {"T1:r0=1 T1:r1=0"},
		model.PSO: {"T1:r0=1 T1:r1=0"},
	},
}

// SBFences is SB with a full fence (an atomic read-modify-write) between
// each thread's store and load: both loads reading 0 is forbidden under
// every model (Intel SDM Examples 8-9 and 8-10, loads and stores are not
// reordered with locked instructions, [x86-TSO]; MEMBAR #StoreLoad
// [SPARC]). It checks that atomics drain the store buffer.
var SBFences = &Test{
	Name: "SB+fences",
	Doc:  "store buffering with fences: T0: x=1; fence; r0=y  ‖  T1: y=1; fence; r1=x",
	Build: func(w *model.World) []model.Body {
		x, y, f := model.NewVar(w, "x"), model.NewVar(w, "y"), model.NewAtomic(w, "f")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); fence(f, t); t.Observe("r0", y.Load(t)) },
			func(t *model.Thread) { y.Store(t, 1); fence(f, t); t.Observe("r1", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"f", zero}, {"T0:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T0:r0=0 T1:r1=0"},
		model.TSO: {"T0:r0=0 T1:r1=0"},
		model.PSO: {"T0:r0=0 T1:r1=0"},
	},
}

// MPFence is MP with a fence between the writer's two stores, as SPARC's
// STBAR (MEMBAR #StoreStore) under PSO: flag set and data unset is then
// forbidden under every model [SPARC], since the reader's loads are not
// reordered. It checks that atomics drain the buffer under PSO.
var MPFence = &Test{
	Name: "MP+fence",
	Doc:  "message passing with a store fence: T0: x=1; fence; y=1  ‖  T1: r0=y; r1=x",
	Build: func(w *model.World) []model.Body {
		x, y, f := model.NewVar(w, "x"), model.NewVar(w, "y"), model.NewAtomic(w, "f")
		return []model.Body{
			func(t *model.Thread) { x.Store(t, 1); fence(f, t); y.Store(t, 1) },
			func(t *model.Thread) { t.Observe("r0", y.Load(t)); t.Observe("r1", x.Load(t)) },
		}
	},
	Observables: []Observable{{"x", one}, {"y", one}, {"f", zero}, {"T1:r0", zeroOne}, {"T1:r1", zeroOne}},
	Forbidden: map[model.Memory][]string{
		model.SC:  {"T1:r0=1 T1:r1=0"},
		model.TSO: {"T1:r0=1 T1:r1=0"},
		model.PSO: {"T1:r0=1 T1:r1=0"},
	},
}

// All lists the litmus tests in a fixed order.
var All = []*Test{SB, MP, LB, WW22, IRIW, R, WRC, S, CoRR, SBFences, MPFence}
