package model

// A select: Op.box holds its cases ([]selCase), Op.Arg is 1 if it has a
// default, Op.Loc is its first non-nil channel (-1 if none).
//
// It is enabled unless it would block forever (every case on a nil
// channel, no default). Its choices are its ready cases (Go picks one
// uniformly at random; the checker explores each); with none ready it
// takes its default, or queues its thread on every case's channel. Its
// event's Value is the index of the case taken (-1: the default,
// len(cases): queued), and it writes the KeyMem of every channel among
// its cases (see the dependency rule in chan.go).
var selectSpec = opSpec{
	name:  "select",
	fence: true,
	enabled: func(w *World, t *Thread, op *Op) bool {
		return op.Loc >= 0 || op.Arg == 1
	},
	choices: func(w *World, t *Thread, op *Op) int {
		return max(len(w.readyCases(casesOf(op))), 1)
	},
	accesses: func(w *World, t *Thread, op *Op, acc Footprint) Footprint {
		for _, sc := range casesOf(op) {
			if sc.loc >= 0 {
				acc = w.chanAccess(sc.loc, false, acc)
			}
		}
		return acc
	},
	apply: func(w *World, t *Thread, op *Op, ev *Event) Value {
		cases := casesOf(op)
		ready := w.readyCases(cases)
		if len(ready) == 0 {
			if op.Arg == 1 {
				ev.Value = -1
				w.setResult(t, chanResult{cas: -1})
				return chanDone
			}
			ev.Value = Value(len(cases))
			w.queue(t, cases)
			return chanQueued
		}
		i := ready[w.choice]
		sc := cases[i]
		ev.Value = Value(i)
		c := w.chanOf(sc.loc)
		if sc.send {
			ev.Box = sc.box
			w.setResult(t, chanResult{cas: i})
			if _, panics := w.trySend(t, c, chanItem{key: sc.key, box: sc.box}); panics {
				return chanPanic
			}
			return chanDone
		}
		it, ok, _ := w.tryRecv(t, c)
		ev.Box, ev.OK = it.box, ok
		w.setResult(t, chanResult{item: it, ok: ok, cas: i})
		return chanDone
	},
}

// readyCases are the indices of the cases that would complete now.
func (w *World) readyCases(cases []selCase) []int {
	var ready []int
	for i, sc := range cases {
		if sc.loc < 0 {
			continue
		}
		c := w.chanOf(sc.loc)
		if sc.send && c.sendReady() || !sc.send && c.recvReady() {
			ready = append(ready, i)
		}
	}
	return ready
}
