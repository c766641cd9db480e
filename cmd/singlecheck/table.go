package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/singlecheck/singlecheck/explore"
)

// column is one thread's column of an interleaving table.
type column struct {
	thread int
	name   string
}

// columns lists the threads that take part in steps: the init thread first
// (it runs before the others), then the workers in index order.
func columns(steps []explore.TraceStep) []column {
	var cols []column
	for _, s := range steps {
		if s.Thread < 0 || slices.ContainsFunc(cols, func(c column) bool { return c.thread == s.Thread }) {
			continue
		}
		cols = append(cols, column{s.Thread, s.ThreadName})
	}
	slices.SortFunc(cols, func(a, b column) int {
		if (a.name == "init") != (b.name == "init") {
			if a.name == "init" {
				return -1
			}
			return 1
		}
		return a.thread - b.thread
	})
	return cols
}

// cell says what one step did, in the words of its thread's column:
// "→ v" is a value read or returned, "← v" a value written.
func cell(s explore.TraceStep) string {
	var t string
	switch s.Op {
	case "load", "atomic-load", "new", "choose":
		t = join(s.Op, s.Location, "→", s.Value)
	case "store", "atomic-store", "flush":
		t = join(s.Op, s.Location, "←", s.Value)
	case "init":
		t = join(s.Op, s.Location)
	case "lock", "unlock":
		t = join(s.Op, s.Location)
	default: // cas, obtain, and anything new
		t = join(s.Op, s.Location, s.Value)
	}
	if s.Buffered {
		t += " (buffered)"
	}
	return t
}

// join joins the non-empty words with spaces, dropping an arrow with no
// value after it.
func join(words ...string) string {
	var out []string
	for i, w := range words {
		if w == "" || ((w == "→" || w == "←") && (i+1 == len(words) || words[i+1] == "")) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// writeTable prints steps as an interleaving table: one row per step, one
// column per thread, and a last column naming the violations detected at
// that step. The details of each violation follow the table.
//
// With more than maxColumns threads the columns would not fit a screen, so
// the table has one "thread" column naming the thread of each step instead.
func writeTable(w io.Writer, steps []explore.TraceStep) {
	cols := columns(steps)
	narrow := len(cols) > maxColumns
	header := []string{"step"}
	if narrow {
		header = append(header, "thread", "operation")
	} else {
		for _, c := range cols {
			header = append(header, c.name)
		}
	}
	header = append(header, "detected")
	rows := [][]string{header, nil}
	for _, s := range steps {
		row := make([]string, len(header))
		row[0] = fmt.Sprint(s.Step)
		switch {
		case narrow && s.Thread >= 0:
			row[1], row[2] = s.ThreadName, cell(s)
		case !narrow:
			for i, c := range cols {
				if c.thread == s.Thread {
					row[i+1] = cell(s)
				}
			}
		}
		var kinds []string
		for _, v := range s.Violations {
			if !slices.Contains(kinds, string(v.Kind)) {
				kinds = append(kinds, string(v.Kind))
			}
		}
		row[len(row)-1] = strings.Join(kinds, ", ")
		rows = append(rows, row)
	}
	widths := make([]int, len(header))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	rule := make([]string, len(header))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	rows[1] = rule
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			pad := widths[i] - utf8.RuneCountInString(c)
			if i == 0 { // right-align step numbers
				b.WriteString(strings.Repeat(" ", pad) + c)
				continue
			}
			b.WriteString("  " + c + strings.Repeat(" ", pad))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	var detected []string
	for _, s := range steps {
		for _, v := range s.Violations {
			who := ""
			if s.Thread >= 0 {
				who = " " + s.ThreadName
			}
			detected = append(detected, fmt.Sprintf("  step %d%s: %s", s.Step, who, v))
		}
	}
	if len(detected) > 0 {
		fmt.Fprintf(w, "\nDetected:\n%s\n", strings.Join(detected, "\n"))
	}
}

// maxColumns is the most thread columns a table has; see writeTable.
const maxColumns = 8

// legend explains the table's notation; it is printed once, after it.
const legend = `Each row is one step; only the thread in whose column it appears moved.
→ is the value read (or created), ← the value written; T#1, T#2 are the first
and second objects constructed of class T; "obtain" is the getter returning
an instance to its caller; a "(buffered)" store waits in its thread's store
buffer until a flush makes it visible to the other threads.`
