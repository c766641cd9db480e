package explore

import "github.com/singlecheck/singlecheck/model"

// peerPSO are the programs of Nidhugg's PSO tests (src/PSO_test.cpp,
// src/PSO_test2.cpp) that the model expresses, but for those TSO_test.cpp
// has too (peerTSOAndPSO).
var peerPSO = []peerProg{
	{"PSO_test", "minimal", model.PSO, 1, "", text("x0=1; x1=1; x0=1")},
	{"PSO_test", "mp", model.PSO, 4, "", text(messagePassing)},
	{"PSO_test", "mp_2", model.PSO, 4, "", text("r0=x1; r1=x0 || x0=1; x1=1")},
	{"PSO_test", "mp_3", model.PSO, 3, "", fencedMessagePassing},
	{"PSO_test", "Small_rowe", model.PSO, 3, "", text("x0=2; r0=x0 || x0=1")},
	{"PSO_test", "Small_rowe_2", model.PSO, 3, "", text("x0=2 || x0=1; r0=x0")},
	{"PSO_test", "Peterson", model.PSO, 16, "", text(sharedTurn)},
	{"PSO_test", "Peterson_nop", model.PSO, 16, "the local addition is no operation", text(sharedTurn)},
	{"PSO_test", "Atomic_1", model.PSO, 2, "the atomic block storing 1 then 0 to x is an atomic store of 0", atomicBlockHidesAStore},
	{"PSO_test", "Atomic_8", model.PSO, 2, "the atomic block loading x twice is one load", text("r0=x0 || x0=1")},
	{"PSO_test", "fib_fragment", model.PSO, 12, "", text("r0=x0; r1=x1 || x0=1 || x1=1; r0=x1; r1=x0; x1=1")}, // i, j
	{"PSO_test", "Wakeup_bug_1", model.PSO, 14, "", text("r0=x0; if r0==0 skip 1; r1=x2; r1=x0; x2=1; x1=0 || " + wakeupThread)},
	{"PSO_test", "Wakeup_bug_2", model.PSO, 8, "", text("r0=x0; r0=x2; if r0!=1 skip 4; r1=x0; if r1!=0 skip 2; x2=1; x1=0 || " + wakeupThread)},
	{"PSO_test2", "Overlapping_store_1", model.PSO, 4, "the two bytes of x, which no access overlaps, are two variables", text(messagePassing)},
	{"PSO_test2", "Compiler_fence_mp", model.PSO, 4, "the compiler fences are no operations", text(messagePassing)},
}

// messagePassing: main stores x (x0) and then y (x1), the other thread
// loads y and then x.
const messagePassing = "x0=1; x1=1 || r0=x1; r1=x0"

// sharedTurn: each thread raises its flag (x, y: x0, x1), stores 1 to the
// shared z (x2), and loads z and the other's flag.
const sharedTurn = "x0=1; x2=1; r0=x2; r1=x1 || x1=1; x2=1; r0=x2; r1=x0"

// wakeupThread is the thread of Nidhugg's Wakeup_bug tests, a fragment of
// Peterson's lock: it raises flag1 (x0), fences, stores x (x3) and turn
// (x2), and lowers flag1. Main loads flag1 and turn and stores turn and
// flag2 (x1).
const wakeupThread = "x0=1; fence; x3=0; x2=1; x0=0"

// fencedMessagePassing is message passing with a fence between the
// stores: the loading thread never sees y set and x not.
func fencedMessagePassing(w *model.World) []model.Body {
	v := vars(w, "x", "y")
	x, y := v[0], v[1]
	fence := newFence(w)
	return []model.Body{
		func(t *model.Thread) { x.Store(t, 1); fence(t); y.Store(t, 1) },
		func(t *model.Thread) {
			ry := y.Load(t)
			t.Assert(x.Load(t) >= ry, "y is set but x is not, across a fence")
		},
	}
}
