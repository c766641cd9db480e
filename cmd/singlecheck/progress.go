package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/singlecheck/singlecheck/explore"
)

// isTerminal reports whether w is a terminal, where a live progress line
// helps; anywhere else it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width of the terminal w is, or 0 if w is not one (a
// file or a pipe: no limit).
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// outputWidth is the width a table printed on w fits: the -width flag if
// given, else the terminal's.
func outputWidth(flag int, w io.Writer) int {
	if flag > 0 {
		return flag
	}
	return terminalWidth(w)
}

// progress keeps one live line on a terminal up to date.
type progress struct {
	w      io.Writer
	prefix string // what is being searched, for a command that runs several searches
	width  int    // the terminal's width, 0 if unknown: the line is cut to fit it
	shown  bool
}

// newProgress returns the progress line for stderr, or nil when it would be
// noise: -quiet, or stderr is not a terminal.
func newProgress(stderr io.Writer, quiet bool, prefix string) *progress {
	if quiet || !isTerminal(stderr) {
		return nil
	}
	return &progress{w: stderr, prefix: prefix, width: terminalWidth(stderr)}
}

// update redraws the line; explore.Config.Progress calls it from the search
// loop. A line wider than the terminal is cut, since a wrapped one could
// not be redrawn in place.
func (p *progress) update(st explore.Stats) {
	line := p.prefix + progressText(st)
	if r := []rune(line); p.width > 1 && len(r) >= p.width {
		line = string(r[:p.width-2]) + "…"
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// clear erases the line, if one was drawn. A nil progress does nothing.
func (p *progress) clear() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// progressText is the progress line: executions, traces if known, the
// violation kinds found so far, rate and elapsed time.
func progressText(st explore.Stats) string {
	parts := []string{plural(st.Executions, "execution")}
	if st.Traces > 0 {
		parts = append(parts, plural(st.Traces, "trace"))
	}
	if len(st.Found) > 0 {
		parts = append(parts, "found "+kindList(st.Found, ""))
	} else {
		parts = append(parts, "no violation yet")
	}
	if s := st.Elapsed.Seconds(); s > 0 {
		parts = append(parts, fmt.Sprintf("%.0f executions/s", float64(st.Executions)/s))
	}
	parts = append(parts, st.Elapsed.Round(100*time.Millisecond).String()+" elapsed (Ctrl-C stops and reports)")
	return strings.Join(parts, ", ")
}
