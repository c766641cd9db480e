package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
)

// diagram is a Mermaid sequence diagram: a participant per thread and one
// for shared memory, and one message or note per step, in step order. It is
// a plain data structure so that tests can compare it; render prints it.
type diagram struct {
	Participants []participant
	Items        []item
}

type participant struct {
	ID    string
	Label string // "" when the ID is the label
}

// item is a message (From → To) or, if Note is set, a note over Over.
type item struct {
	From, To string
	Dashed   bool // a reply: a value coming back from memory
	Note     bool
	Over     []string
	Text     string
}

// memoryID is the shared memory's participant.
const memoryID = "Mem"

// buildDiagram turns an execution's steps into a diagram: reads are replies
// from memory to the thread, writes messages from the thread to memory, a
// buffered store a message from the thread to itself (it stays in its store
// buffer) and its flush a later message to memory; a caller obtaining an
// instance, and every violation detected, are notes.
func buildDiagram(steps []explore.TraceStep) diagram {
	var d diagram
	for _, c := range columns(steps) {
		d.Participants = append(d.Participants, participant{ID: c.name})
	}
	d.Participants = append(d.Participants, participant{ID: memoryID, Label: "shared memory"})
	for _, s := range steps {
		text := fmt.Sprintf("%d. %s", s.Step, cell(s))
		switch {
		case s.Thread < 0:
			// a pseudo-step: only its violations are shown
		case s.Op == "obtain":
			d.Items = append(d.Items, item{Note: true, Over: []string{s.ThreadName}, Text: text})
		case s.Buffered:
			d.Items = append(d.Items, item{From: s.ThreadName, To: s.ThreadName, Text: text})
		case s.Op == "load" || s.Op == "atomic-load":
			d.Items = append(d.Items, item{From: memoryID, To: s.ThreadName, Dashed: true, Text: text})
		default:
			d.Items = append(d.Items, item{From: s.ThreadName, To: memoryID, Text: text})
		}
		if kinds := stepKinds(s); len(kinds) > 0 {
			over := []string{s.ThreadName}
			if s.Thread < 0 {
				over = []string{d.Participants[0].ID, memoryID}
			}
			d.Items = append(d.Items, item{Note: true, Over: over,
				Text: fmt.Sprintf("⚠ %s detected at step %d", strings.Join(kinds, ", "), s.Step)})
		}
	}
	return d
}

// render prints the diagram in Mermaid's syntax, ready for a ```mermaid
// block on GitHub.
func (d diagram) render(w io.Writer) {
	fmt.Fprintln(w, "sequenceDiagram")
	for _, p := range d.Participants {
		if p.Label != "" {
			fmt.Fprintf(w, "    participant %s as %s\n", p.ID, mermaidText(p.Label))
		} else {
			fmt.Fprintf(w, "    participant %s\n", p.ID)
		}
	}
	for _, it := range d.Items {
		switch {
		case it.Note:
			fmt.Fprintf(w, "    Note over %s: %s\n", strings.Join(it.Over, ","), mermaidText(it.Text))
		case it.Dashed:
			fmt.Fprintf(w, "    %s-->>%s: %s\n", it.From, it.To, mermaidText(it.Text))
		default:
			fmt.Fprintf(w, "    %s->>%s: %s\n", it.From, it.To, mermaidText(it.Text))
		}
	}
}

// mermaidText escapes what Mermaid would read as syntax in a message, each
// as its entity code: '#' starts a comment that hides the rest of the line
// (so "T#1" would show as "T"), ';' ends a statement, and '<' and '>' would
// be read as HTML. Mermaid turns the codes back into the characters.
func mermaidText(s string) string { return mermaidEscaper.Replace(s) }

var mermaidEscaper = strings.NewReplacer("#", "#35;", ";", "#59;", "<", "#lt;", ">", "#gt;")
