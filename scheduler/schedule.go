package scheduler

import (
	"fmt"
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
// equal tokens written once with "x<k>" after it. It is stable, contains only
// characters a shell leaves alone ([0-9a-z.:]), and Parse reads it back.
// Example: "0x3.1.c1.f1:4.0x2". The empty schedule is "-".
func (s Schedule) String() string {
	if len(s) == 0 {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] {
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

// maxRepeat bounds a run length in a schedule's text, so that a typo cannot
// ask for billions of decisions.
const maxRepeat = 1 << 20

// ParseError is a malformed schedule text, with the 1-based byte position
// where reading failed.
type ParseError struct {
	Pos int
	Msg string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("malformed schedule at position %d: %s", e.Pos, e.Msg)
}

// Parse reads a schedule's text form, as String writes it. Errors are
// *ParseError and name the position.
func Parse(text string) (Schedule, error) {
	if text == "-" {
		return Schedule{}, nil
	}
	if text == "" {
		return nil, &ParseError{1, `empty schedule (the empty schedule is written "-")`}
	}
	var s Schedule
	p := parser{text: text}
	for {
		d, err := p.decision()
		if err != nil {
			return nil, err
		}
		n := 1
		if p.peek() == 'x' {
			p.pos++
			start := p.pos
			n, err = p.number("a repeat count after 'x'")
			if err != nil {
				return nil, err
			}
			if n < 2 || n > maxRepeat {
				return nil, &ParseError{start + 1, fmt.Sprintf("repeat count %d out of range [2, %d]", n, maxRepeat)}
			}
		}
		for range n {
			s = append(s, d)
		}
		if p.pos == len(text) {
			return s, nil
		}
		if p.peek() != '.' {
			return nil, &ParseError{p.pos + 1, fmt.Sprintf("unexpected %q, want '.' or 'x'", p.peek())}
		}
		p.pos++
	}
}

type parser struct {
	text string
	pos  int
}

func (p *parser) peek() byte {
	if p.pos < len(p.text) {
		return p.text[p.pos]
	}
	return 0
}

func (p *parser) decision() (Decision, error) {
	switch p.peek() {
	case 'f':
		p.pos++
		t, err := p.number("a thread number after 'f'")
		if err != nil {
			return Decision{}, err
		}
		if p.peek() != ':' {
			return Decision{}, p.errorf("want ':' and a location after the flushed thread")
		}
		p.pos++
		l, err := p.number("a location after ':'")
		return Decision{Kind: FlushDecision, Thread: t, Arg: l}, err
	case 'c':
		p.pos++
		v, err := p.number("a value after 'c'")
		return Decision{Kind: ChoiceDecision, Arg: v}, err
	}
	t, err := p.number("a thread number, f<thread>:<location> or c<value>")
	return Decision{Kind: ThreadDecision, Thread: t}, err
}

func (p *parser) number(want string) (int, error) {
	start := p.pos
	for p.pos < len(p.text) && p.text[p.pos] >= '0' && p.text[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == start {
		if p.pos == len(p.text) {
			return 0, p.errorf("unexpected end, want %s", want)
		}
		return 0, p.errorf("unexpected %q, want %s", p.text[p.pos], want)
	}
	if p.pos-start > 1 && p.text[start] == '0' {
		return 0, &ParseError{start + 1, "leading zero in a number"}
	}
	n, err := strconv.Atoi(p.text[start:p.pos])
	if err != nil || n > maxRepeat {
		return 0, &ParseError{start + 1, fmt.Sprintf("number %s too large", p.text[start:p.pos])}
	}
	return n, nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &ParseError{p.pos + 1, fmt.Sprintf(format, args...)}
}
