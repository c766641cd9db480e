package scheduler

import (
	"strconv"
	"strings"
)

// DecisionKind says what a decision chose.
type DecisionKind uint8

// The kinds of decision.
const (
	// ThreadDecision lets a thread perform its pending operation.
	ThreadDecision DecisionKind = iota
	// FlushDecision moves the oldest buffered store of a thread (to one
	// location, under PSO) into memory.
	FlushDecision
	// ChoiceDecision picks the value of a pending Choose.
	ChoiceDecision
)

// Decision is one choice the scheduler made.
type Decision struct {
	Kind DecisionKind
	// Thread is the thread that runs or whose buffer is flushed; 0 for a Choice.
	Thread int
	// Arg is the flushed location, or the chosen value; 0 for Run.
	Arg int
}

// String is the decision's token in a schedule's text: "2" runs thread 2,
// "f1:4" flushes thread 1's oldest store to location 4, "c1" chooses 1.
func (d Decision) String() string {
	switch d.Kind {
	case FlushDecision:
		return "f" + strconv.Itoa(d.Thread) + ":" + strconv.Itoa(d.Arg)
	case ChoiceDecision:
		return "c" + strconv.Itoa(d.Arg)
	}
	return strconv.Itoa(d.Thread)
}

// Schedule is the list of decisions of one execution. Replaying it
// reproduces the execution exactly.
type Schedule []Decision

// String is the schedule's text form: tokens separated by dots, a run of k
// equal tokens written once with "x<k>" after it (a run longer than 1<<20,
// the largest repeat count, as several runs). It is stable, contains only
// characters a shell leaves alone ([0-9a-z.:]), and ParseWithin reads it
// back. Example: "0x3.1.c1.f1:4.0x2". The empty schedule is "-".
func (s Schedule) String() string {
	if len(s) == 0 {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] && j-i < maxRepeat {
			j++
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s[i].String())
		if j-i > 1 {
			b.WriteByte('x')
			b.WriteString(strconv.Itoa(j - i))
		}
		i = j
	}
	return b.String()
}
