package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
)

// viewerPage is the interactive counterexample viewer: one HTML file with
// its style and script inline, so that it opens anywhere without a network.
// {{TITLE}} and {{DATA}} are replaced by the page's title and its view as
// JSON.
//
//go:embed viewer.html
var viewerPage string

// write prints the viewer page for v.
func (v *view) write(w io.Writer) error {
	// json.Marshal escapes <, > and & as \u003c…, so the data cannot close
	// the script element it sits in.
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding the viewer's data: %w", err)
	}
	page := strings.NewReplacer("{{TITLE}}", html.EscapeString(v.Title), "{{DATA}}", string(data)).Replace(viewerPage)
	_, err = io.WriteString(w, page)
	return err
}

// writeHTMLFile writes the viewer page of the counterexample shown to path
// (explore -html). It returns a non-zero exit code if it could not.
func (x *exploration) writeHTMLFile(path string, stderr io.Writer) int {
	if x.shown == nil {
		fmt.Fprintf(stderr, "singlecheck explore: no counterexample, so no viewer was written to %s\n", path)
		return 0
	}
	v := newView(x.w, x.shown.Execution, x.replayCommand())
	v.Kind = string(x.kind)
	if !x.res.Complete {
		v.Warning = fmt.Sprintf("%s (%s)", explore.Incomplete, x.res.Reason)
	}
	var b strings.Builder
	if err := v.write(&b); err != nil {
		fmt.Fprintf(stderr, "singlecheck explore: -html: %v\n", err)
		return exitUnknown
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return usageError(stderr, "explore", "-html: writing the viewer: %v", err)
	}
	fmt.Fprintf(stderr, "singlecheck explore: counterexample viewer written to %s (open it in a browser)\n", path)
	return 0
}
