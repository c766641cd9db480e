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
// width is the width to fit, in columns (0: no limit, for a file or a
// pipe). When the wide layout does not fit, or there are more than
// maxColumns threads, the table has one "thread" column naming the thread
// of each step instead; its cells, and the details, wrap to the width.
func writeTable(w io.Writer, steps []explore.TraceStep, width int) {
	cols := columns(steps)
	wide := tableRows(steps, cols, false)
	if len(cols) <= maxColumns && (width <= 0 || tableWidth(columnWidths(wide)) <= width) {
		printRows(w, wide, columnWidths(wide))
	} else {
		narrow := tableRows(steps, cols, true)
		widths := columnWidths(narrow)
		if width > 0 {
			fitWidths(widths, width)
		}
		printRows(w, narrow, widths)
	}
	var detected []string
	for _, s := range steps {
		for _, v := range s.Violations {
			who := ""
			if s.Thread >= 0 {
				who = " " + s.ThreadName
			}
			note := fmt.Sprintf("step %d%s: %s", s.Step, who, v)
			if width <= 0 {
				detected = append(detected, "  "+note)
				continue
			}
			for i, line := range wrapWords(note, max(width-4, 20)) {
				indent := "  "
				if i > 0 {
					indent = "    "
				}
				detected = append(detected, indent+line)
			}
		}
	}
	if len(detected) > 0 {
		fmt.Fprintf(w, "\nDetected:\n%s\n", strings.Join(detected, "\n"))
	}
}

// tableRows are the header, a placeholder for the rule, and one row per
// step: in the wide layout a cell per thread, in the narrow one the
// thread's name and its cell.
func tableRows(steps []explore.TraceStep, cols []column, narrow bool) [][]string {
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
		row[len(row)-1] = strings.Join(stepKinds(s), ", ")
		rows = append(rows, row)
	}
	return rows
}

// stepKinds are the distinct kinds of the violations detected at s.
func stepKinds(s explore.TraceStep) []string {
	var kinds []string
	for _, v := range s.Violations {
		if !slices.Contains(kinds, string(v.Kind)) {
			kinds = append(kinds, string(v.Kind))
		}
	}
	return kinds
}

// columnWidths is the widest cell of each column.
func columnWidths(rows [][]string) []int {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	return widths
}

// tableWidth is the width of a table with these column widths: two spaces
// between columns.
func tableWidth(widths []int) int {
	n := 2 * (len(widths) - 1)
	for _, w := range widths {
		n += w
	}
	return n
}

// fitWidths shrinks the narrow layout's last two columns (operation and
// detected) until the table fits width, keeping each at least as wide as
// its header and a readable minimum.
func fitWidths(widths []int, width int) {
	op, det := len(widths)-2, len(widths)-1
	for tableWidth(widths) > width {
		switch {
		case widths[det] > 16 && widths[det] >= widths[op]:
			widths[det]--
		case widths[op] > 20:
			widths[op]--
		case widths[det] > len("detected"):
			widths[det]--
		default:
			return // as narrow as it can be
		}
	}
}

// printRows prints the rows with the given column widths, the rule second,
// step numbers right-aligned; a cell wider than its column wraps onto
// continuation lines.
func printRows(w io.Writer, rows [][]string, widths []int) {
	rule := make([]string, len(widths))
	for i := range rule {
		rule[i] = strings.Repeat("-", widths[i])
	}
	rows[1] = rule
	for _, r := range rows {
		cells := make([][]string, len(r))
		lines := 1
		for i, c := range r {
			cells[i] = []string{c}
			if utf8.RuneCountInString(c) > widths[i] {
				cells[i] = wrapWords(c, widths[i])
			}
			lines = max(lines, len(cells[i]))
		}
		for l := range lines {
			var b strings.Builder
			for i := range r {
				c := ""
				if l < len(cells[i]) {
					c = cells[i][l]
				}
				pad := strings.Repeat(" ", max(widths[i]-utf8.RuneCountInString(c), 0))
				if i == 0 { // right-align step numbers
					b.WriteString(pad + c)
					continue
				}
				b.WriteString("  " + c + pad)
			}
			fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
		}
	}
}

// wrapWords breaks s into lines of at most width runes, at spaces where it
// can and inside a word longer than a line where it must.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for utf8.RuneCountInString(word) > width {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			r := []rune(word)
			lines, word = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) <= width:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// maxColumns is the most thread columns a table has; see writeTable.
const maxColumns = 8

// legend explains the table's notation; it is printed once, after it.
const legend = `Each row is one step; only the thread in whose column it appears moved.
→ is the value read (or created), ← the value written; T#1, T#2 are the first
and second objects constructed of class T (each class numbers its own);
"obtain" is the getter returning an instance to its caller; a "(buffered)"
store waits in its thread's store buffer until a flush makes it visible to
the other threads.`
