package explore

import "github.com/singlecheck/singlecheck/model"

// The symmetry order with store buffers (TSO and PSO): the buffered mode.
//
// Under SC a worker has one process and the order makes the m-th events
// of two grouped workers dependent (dpor_symorder.go). With store buffers
// a worker also has a buffer process (one per location under PSO), and
// the filter hides j while every process of j has as many events as its
// counterpart of h and the pair is unbroken; j could then be ahead of h
// on one process and behind on another, and an event of h that makes the
// two level disables j's next event without being its ordinal twin.
//
// The buffered mode makes each grouped worker one sequence while one of
// its pairs is not known broken: every event of any of its processes
// writes the worker's own key (workerOrderKey), so the worker's events
// are ordered among themselves, and its m-th event in that sequence
// writes KeyOrder{pair, m} for each such pair, as the thread's m-th event
// does under SC. The filter, in this mode, also breaks a pair whose m-th
// events in the two sequences are not mirrors (symmetryFilter.add), which
// a flush beside a thread's step never is. Then two workers are level
// exactly when their sequences are equally long and mirror each other
// position by position, and the SC argument (dpor_symmetry.go) applies to
// the sequences: j never runs ahead of h, h's next event never disables j,
// and it enables j when they were level, the m-th events of both
// sequences being dependent.
//
// A worker that has made an object (OpNew) is never level with an
// unbroken partner again (no other worker's event mirrors a New, whose
// object is new), so from its New on its pairs count as known broken
// (symOrder.known): its events stop writing the keys, and the order costs
// nothing more. Without that, a check-then-create worker that never
// learned of its partner's construction kept its own flushes and steps
// ordered to the end: `naive` under TSO at N = 3 took 247 executions for
// 11 orbits, against 11 with it.
//
// The price is the order within a worker: while it is unbroken with some
// partner, its buffer's flushes and its thread's steps are dependent even
// where the model's relation has them independent, so DPOR explores both
// orders of such pairs.

// eventAt is where an event stands in its process: the process's number
// and the event's position in it (from 1), so that a clock includes the
// event when its entry for the process is at least num.
type eventAt struct {
	proc int
	num  uint32
}

// workerOrderKey is the key every event of worker x writes, in the
// buffered mode, while one of its pairs is not known broken.
func workerOrderKey(x int) model.Key {
	return model.Key{Kind: model.KeyOrder, Loc: int32(-2 - x)}
}
