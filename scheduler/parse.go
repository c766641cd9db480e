package scheduler

import (
	"fmt"
	"strconv"
)

// maxRepeat bounds a number in a schedule's text (a repeat count, a thread,
// a location, a value), so that a typo cannot ask for billions of anything.
// String writes a longer run of equal decisions as several runs.
const maxRepeat = 1 << 20

// Limits say how much of a schedule an execution can use. Parse refuses
// text that asks for more, at the position where it does, in time linear in
// the length of the text and before building anything: a short text such as
// "0x1048576.0x1048576" cannot make it allocate more than the execution it
// is for could ever replay.
type Limits struct {
	// MaxSteps is the step bound of the execution (0: DefaultMaxSteps). An
	// execution makes at most MaxSteps thread and flush decisions, and at
	// most as many choices (a choice is made inside a step).
	MaxSteps int
	// Threads bounds the threads of the execution; a token that runs or
	// flushes thread Threads or above is refused. 0: not checked.
	Threads int
}

// LimitsOf returns the limits of executions under opt: its step bound,
// and its bound on threads (threads may be started during an execution, so
// the ones a program builds are not all it can have).
func LimitsOf(opt Options) Limits {
	threads := opt.MaxThreads
	if threads <= 0 {
		threads = DefaultMaxThreads
	}
	return Limits{MaxSteps: opt.MaxSteps, Threads: threads}
}

func (l Limits) maxSteps() int {
	if l.MaxSteps <= 0 {
		return DefaultMaxSteps
	}
	return l.MaxSteps
}

// ParseError is a schedule text that could not be read, with the 1-based
// byte position where reading failed. Beyond is set when the text is well
// formed but asks for more than the Limits allow.
type ParseError struct {
	Pos    int
	Msg    string
	Beyond bool
}

func (e *ParseError) Error() string {
	if e.Beyond {
		return fmt.Sprintf("schedule does not fit at position %d: %s", e.Pos, e.Msg)
	}
	return fmt.Sprintf("malformed schedule at position %d: %s", e.Pos, e.Msg)
}

// Parse reads a schedule's text form, as String writes it, within the
// default limits: Limits{} (DefaultMaxSteps, threads not checked).
func Parse(text string) (Schedule, error) { return ParseWithin(text, Limits{}) }

// ParseWithin reads a schedule's text form, as String writes it, refusing
// text beyond lim (see Limits). Errors are *ParseError and name the
// position. For every Schedule s whose numbers are at most 1<<20 and that
// fits lim, ParseWithin(s.String(), lim) is s.
func ParseWithin(text string, lim Limits) (Schedule, error) {
	// Counting first makes the one allocation exact: 24 bytes a decision.
	n := 0
	if err := scan(text, lim, func(_ Decision, k int) { n += k }); err != nil {
		return nil, err
	}
	s := make(Schedule, 0, n)
	_ = scan(text, lim, func(d Decision, k int) {
		start := len(s)
		s = s[:start+k]
		s[start] = d
		for done := 1; done < k; done *= 2 { // a run fills by doubling copies
			copy(s[start+done:], s[start:start+done])
		}
	})
	return s, nil
}

// Check reports whether text is a schedule within lim, as ParseWithin
// would, without building it: it allocates nothing for a valid text.
func Check(text string, lim Limits) error {
	return scan(text, lim, func(Decision, int) {})
}

// scan reads text token by token, checks each against lim before emitting
// it with its repeat count, and stops at the first error.
func scan(text string, lim Limits, emit func(d Decision, n int)) error {
	if text == "-" {
		return nil
	}
	if text == "" {
		return &ParseError{Pos: 1, Msg: `empty schedule (the empty schedule is written "-")`}
	}
	steps, choices, maxSteps := 0, 0, lim.maxSteps()
	p := parser{text: text, threads: lim.Threads}
	for {
		tokenStart := p.pos
		d, err := p.decision()
		if err != nil {
			return err
		}
		n, countStart := 1, tokenStart
		if p.peek() == 'x' {
			p.pos++
			countStart = p.pos
			if n, err = p.number("a repeat count after 'x'"); err != nil {
				return err
			}
			if n < 2 {
				return &ParseError{Pos: countStart + 1, Msg: fmt.Sprintf("repeat count %d out of range [2, %d]", n, maxRepeat)}
			}
		}
		// Counted before anything is built: n is at most maxRepeat, so the
		// sums cannot overflow before they pass maxSteps.
		if d.Kind == ChoiceDecision {
			choices += n
		} else {
			steps += n
		}
		if steps > maxSteps || choices > maxSteps {
			what := "thread and flush decisions"
			if d.Kind == ChoiceDecision {
				what = "choices"
			}
			return &ParseError{Pos: countStart + 1, Beyond: true, Msg: fmt.Sprintf(
				"the schedule reaches %d %s here, more than an execution under the step bound of %d steps can make",
				max(steps, choices), what, maxSteps)}
		}
		emit(d, n)
		if p.pos == len(text) {
			return nil
		}
		if p.peek() != '.' {
			return &ParseError{Pos: p.pos + 1, Msg: fmt.Sprintf("unexpected %q, want '.' or 'x'", p.peek())}
		}
		p.pos++
	}
}

type parser struct {
	text    string
	pos     int
	threads int // the number of worker threads; 0: not checked
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
		t, err := p.thread("a thread number after 'f'")
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
	t, err := p.thread("a thread number, f<thread>:<location> or c<value>")
	return Decision{Kind: ThreadDecision, Thread: t}, err
}

// thread reads a thread number and checks it names a worker thread.
func (p *parser) thread(want string) (int, error) {
	start := p.pos
	t, err := p.number(want)
	if err == nil && p.threads > 0 && t >= p.threads {
		return 0, &ParseError{Pos: start + 1, Beyond: true, Msg: fmt.Sprintf(
			"thread %d does not exist: an execution has at most %d threads (0 to %d)", t, p.threads, p.threads-1)}
	}
	return t, err
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
		return 0, &ParseError{Pos: start + 1, Msg: "leading zero in a number"}
	}
	if p.pos-start > 7 { // more digits than maxRepeat has: too large, and not worth converting
		return 0, &ParseError{Pos: start + 1, Msg: fmt.Sprintf("number %s too large (at most %d)", abbreviate(p.text[start:p.pos]), maxRepeat)}
	}
	n, err := strconv.Atoi(p.text[start:p.pos])
	if err != nil || n > maxRepeat {
		return 0, &ParseError{Pos: start + 1, Msg: fmt.Sprintf("number %s too large (at most %d)", p.text[start:p.pos], maxRepeat)}
	}
	return n, nil
}

func (p *parser) errorf(format string, args ...any) error {
	return &ParseError{Pos: p.pos + 1, Msg: fmt.Sprintf(format, args...)}
}

// abbreviate shortens a long piece of text for an error message.
func abbreviate(s string) string {
	if len(s) <= 24 {
		return s
	}
	return s[:20] + "…"
}
