package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/explore"
)

// isTerminal reports whether w is a terminal (a character device), where a
// live progress line helps; anywhere else it would be noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progress keeps one live line on a terminal up to date.
type progress struct {
	w      io.Writer
	prefix string // what is being searched, for a command that runs several searches
	shown  bool
}

// update redraws the line; explore.Config.Progress calls it from the search
// loop.
func (p *progress) update(st explore.Stats) {
	fmt.Fprintf(p.w, "\r\x1b[K%s%s", p.prefix, progressText(st))
	p.shown = true
}

// clear erases the line, if one was drawn. A nil progress does nothing.
func (p *progress) clear() {
	if p != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// progressText is the progress line: executions, traces if known, rate and
// elapsed time.
func progressText(st explore.Stats) string {
	parts := []string{plural(st.Executions, "execution")}
	if st.Traces > 0 {
		parts = append(parts, plural(st.Traces, "trace"))
	}
	if s := st.Elapsed.Seconds(); s > 0 {
		parts = append(parts, fmt.Sprintf("%.0f executions/s", float64(st.Executions)/s))
	}
	parts = append(parts, st.Elapsed.Round(100*time.Millisecond).String()+" elapsed (Ctrl-C stops and reports)")
	return strings.Join(parts, ", ")
}
