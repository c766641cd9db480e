package scheduler

import "fmt"

// Log is the decision log of a search: the decisions of a prefix of
// executions, each with a fingerprint of the alternatives it was chosen
// among. A strategy records the decisions of an execution, truncates the
// log at the point it backtracks to, changes the choice there, and replays
// the log at the start of the next execution (loom's Path plays this part).
// While replaying, every point must offer what it offered when the
// decision was recorded; if it does not, the model is not deterministic,
// and the log says so (ErrNondeterministic) instead of following a
// different execution.
type Log struct {
	entries []logEntry
	pos     int
	err     error
}

type logEntry struct {
	alts uint64 // fingerprint of the point's alternatives
	n    int    // how many there were
	k    int    // the alternative chosen
}

// fingerprint of a point's alternatives: equal lists always agree, and
// different ones almost never do.
func fingerprint(alts []Decision) uint64 {
	h := uint64(14695981039346656037)
	for _, a := range alts {
		h ^= uint64(a.Kind)<<56 ^ uint64(a.Thread)<<32 ^ uint64(uint32(a.Arg))
		h *= 1099511628211
	}
	return h
}

// Rewind starts a new execution: the log replays from its first decision.
func (l *Log) Rewind() { l.pos, l.err = 0, nil }

// Len is the number of decisions recorded.
func (l *Log) Len() int { return len(l.entries) }

// Pos is the number of decisions replayed or recorded in the current
// execution.
func (l *Log) Pos() int { return l.pos }

// Truncate drops the decisions from number n on.
func (l *Log) Truncate(n int) { l.entries = l.entries[:n] }

// Choice is the alternative chosen at decision i and how many there were.
func (l *Log) Choice(i int) (k, n int) { return l.entries[i].k, l.entries[i].n }

// SetChoice makes the next replay choose alternative k at decision i.
func (l *Log) SetChoice(i, k int) { l.entries[i].k = k }

// Replay returns the recorded choice at p if p is within the recorded
// prefix (ok true). A point that does not offer what it offered when the
// choice was recorded makes Replay return -1 and Err the
// nondeterminism error. Past the prefix, ok is false: record a choice.
func (l *Log) Replay(p *Point) (k int, ok bool) {
	if l.pos >= len(l.entries) {
		return 0, false
	}
	e := &l.entries[l.pos]
	if e.n != len(p.Alternatives) || e.alts != fingerprint(p.Alternatives) {
		l.err = fmt.Errorf("at decision %d: %w", l.pos+1, ErrNondeterministic)
		return -1, true
	}
	l.pos++
	return e.k, true
}

// Record appends the choice of alternative k at p, past the prefix.
func (l *Log) Record(p *Point, k int) {
	l.entries = append(l.entries, logEntry{alts: fingerprint(p.Alternatives), n: len(p.Alternatives), k: k})
	l.pos++
}

// Err is the nondeterminism found while replaying, or found at the end:
// an execution that ended before replaying the whole prefix.
func (l *Log) Err() error {
	if l.err == nil && l.pos < len(l.entries) {
		return fmt.Errorf("execution ended after %d decisions, before the %d it took before: %w",
			l.pos, len(l.entries), ErrNondeterministic)
	}
	return l.err
}

// find is the index of alternative d at p, or -1.
func (p *Point) find(d Decision) int {
	for i, a := range p.Alternatives {
		if a == d {
			return i
		}
	}
	return -1
}
