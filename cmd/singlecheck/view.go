package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// view is what the HTML viewer shows of one execution. It is a plain data
// structure, embedded in the page as JSON, so that tests can compare it;
// viewer.html renders it in the browser.
type view struct {
	Title    string `json:"title"`
	Protocol string `json:"protocol"`
	Workload string `json:"workload"`
	Memory   string `json:"memory"`
	Schedule string `json:"schedule"`
	// Result is "violation: kinds…" or "no violation in this execution".
	Result string `json:"result"`
	// Kind is the kind the execution was chosen to show ("" if none): the
	// viewer selects its first violation.
	Kind string `json:"kind"`
	// Warning says the search that found it was incomplete ("" otherwise).
	Warning string `json:"warning"`
	Replay  string `json:"replay"`
	// Columns are one per thread, then one per store buffer in use.
	Columns []viewColumn `json:"columns"`
	Steps   []viewStep   `json:"steps"`
	// States has one entry more than Steps: States[0] is before step 1,
	// States[i] after step i.
	States     []viewState     `json:"states"`
	Violations []viewViolation `json:"violations"`
	Legend     string          `json:"legend"`
}

type viewColumn struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	// Kind is "thread" or "buffer".
	Kind string `json:"kind"`
}

// viewStep is one row: the step's text in its column (a flush is in its
// buffer's column), and the kinds detected there.
type viewStep struct {
	Step   int      `json:"step"`
	Column string   `json:"column"`
	Thread string   `json:"thread"`
	Text   string   `json:"text"`
	Kinds  []string `json:"kinds"`
}

type viewState struct {
	Locations []viewLocation `json:"locations"`
	// Buffers maps a buffer column's ID to its entries, oldest first.
	Buffers map[string][]string `json:"buffers"`
}

type viewLocation struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// viewViolation is one violation, explained: the accesses it involves and
// the happens-before edges that reach them from other threads.
type viewViolation struct {
	Kind        string       `json:"kind"`
	Step        int          `json:"step"`
	Message     string       `json:"message"`
	Explanation string       `json:"explanation"`
	Accesses    []viewAccess `json:"accesses"`
	Edges       []viewEdge   `json:"edges"`
	// Unordered are pairs of accesses (steps) neither of which happens
	// before the other: the two sides of a data race.
	Unordered [][2]int `json:"unordered"`
}

type viewAccess struct {
	Step int    `json:"step"`
	Role string `json:"role"`
	Text string `json:"text"`
}

// viewEdge says step From happens before step To: the latest step of
// From's thread that does, so the edge is the synchronization that orders
// them.
type viewEdge struct {
	From int    `json:"from"`
	To   int    `json:"to"`
	Text string `json:"text"`
}

// newView builds the view of execution e of workload w; replay is the
// command that replays it.
func newView(w workload, e *scheduler.Execution, replay string) *view {
	steps := explore.Trace(e)
	states := explore.TraceStates(e)
	bad, _ := splitKinds(e.Violations(), w.proto.Acceptable)
	v := &view{
		Title:    fmt.Sprintf("%s: %s under %s", w.proto.Name, workloadText(w), w.memory),
		Protocol: w.proto.Name, Workload: workloadText(w), Memory: w.memory.String(),
		Schedule: e.Schedule.String(), Result: "no violation in this execution",
		Replay: replay, Legend: strings.ReplaceAll(legend, "\n", " "),
	}
	if len(bad) > 0 {
		v.Result = "violation: " + strings.Join(bad, ", ")
	}
	for _, c := range columns(steps) {
		v.Columns = append(v.Columns, viewColumn{ID: c.name, Label: c.name, Kind: "thread"})
	}
	bufferCol := func(thread, loc string) string {
		if loc == "" {
			return thread + " buffer"
		}
		return thread + " buffer: " + loc
	}
	if len(states) > 0 {
		for _, b := range states[0].Buffers {
			id := bufferCol(b.ThreadName, b.Location)
			v.Columns = append(v.Columns, viewColumn{ID: id, Label: id, Kind: "buffer"})
		}
	}
	pso := w.memory == model.PSO
	for _, s := range steps {
		col := s.ThreadName
		if s.Op == "flush" {
			loc := ""
			if pso {
				loc = s.Location
			}
			col = bufferCol(s.ThreadName, loc)
		}
		v.Steps = append(v.Steps, viewStep{Step: s.Step, Column: col, Thread: s.ThreadName, Text: cell(s), Kinds: nonNil(stepKinds(s))})
	}
	for _, st := range states {
		vs := viewState{Buffers: map[string][]string{}}
		for _, l := range st.Locations {
			vs.Locations = append(vs.Locations, viewLocation{Name: l.Name, Kind: l.Kind, Value: l.Value})
		}
		for _, b := range st.Buffers {
			vs.Buffers[bufferCol(b.ThreadName, b.Location)] = nonNil(b.Entries)
		}
		v.States = append(v.States, vs)
	}
	for _, s := range steps {
		for _, vi := range s.Violations {
			v.Violations = append(v.Violations, explainViolation(e, steps, s, vi))
		}
	}
	if len(v.Violations) > 0 {
		v.Kind = v.Violations[0].Kind
		for _, k := range model.Kinds {
			if slices.Contains(bad, string(k)) {
				v.Kind = string(k)
				break
			}
		}
	}
	return v
}

// kindExplanations say in words what each kind of violation means for the
// singleton contract.
var kindExplanations = map[model.Kind]string{
	model.MultipleConstruction: "The constructor ran more than once: more than one thread saw no instance and built its own.",
	model.DivergentInstances:   "Two callers obtained different instances, so the singleton was not single: state kept in one is invisible through the other.",
	model.PartialInit:          "A caller obtained an instance whose initialization it cannot see: the store publishing the instance became visible before the stores filling it in.",
	model.Reinitialization:     "An instance already handed out to a caller was initialized again, under the feet of the caller using it.",
	model.NilInstance:          "A caller obtained no instance at all (nil).",
	model.Deadlock:             "No thread can move, and not all have finished.",
	model.DataRace:             "Two accesses to one plain variable, at least one a write, are not ordered by happens-before (no lock, atomic or Once orders them): the Go memory model makes this a data race, and a race-free program must not have one.",
	model.Panic:                "A thread panicked.",
	model.Assertion:            "A check of the protocol's own failed.",
}

// explainViolation collects the accesses violation vi of step s involves
// and the happens-before edges that reach each of them from other threads.
func explainViolation(e *scheduler.Execution, steps []explore.TraceStep, s explore.TraceStep, vi model.Violation) viewViolation {
	evs := e.World.Events()
	out := viewViolation{Kind: string(vi.Kind), Step: s.Step, Message: vi.Msg, Explanation: kindExplanations[vi.Kind],
		Accesses: []viewAccess{}, Edges: []viewEdge{}, Unordered: [][2]int{}}
	add := func(ev int, role string) {
		if ev < 0 || ev >= len(steps) || slices.ContainsFunc(out.Accesses, func(a viewAccess) bool { return a.Step == ev+1 }) {
			return
		}
		st := steps[ev]
		out.Accesses = append(out.Accesses, viewAccess{Step: st.Step, Role: role, Text: st.ThreadName + ": " + cell(st)})
	}
	if r := vi.Race; r != nil {
		add(r.First.Event, "first access")
		add(r.Second.Event, "racing access")
		out.Unordered = append(out.Unordered, [2]int{r.First.Event + 1, r.Second.Event + 1})
	} else if vi.Event >= 0 && vi.Event < len(evs) {
		add(vi.Event, "detected here")
		for _, j := range relatedEvents(evs, vi) {
			add(j, "related")
		}
	}
	for _, a := range out.Accesses {
		out.Edges = append(out.Edges, hbEdges(e.World, steps, a.Step-1)...)
	}
	slices.SortFunc(out.Accesses, func(a, b viewAccess) int { return a.Step - b.Step })
	return out
}

// relatedEvents are the earlier events a violation other than a race is
// about: the earlier constructions of the class, the earlier obtains of
// another instance, the initializations of the fields of an obtained
// instance, the earlier initializations of a field.
func relatedEvents(evs []model.Event, vi model.Violation) []int {
	at := evs[vi.Event]
	var out []int
	for j, ev := range evs[:vi.Event] {
		switch vi.Kind {
		case model.MultipleConstruction:
			if ev.Op == model.OpNew && ev.Loc == at.Loc {
				out = append(out, j)
			}
		case model.DivergentInstances:
			if ev.Op == model.OpObtain && ev.Value != at.Value && ev.Value != model.Nil {
				out = append(out, j)
			}
		case model.PartialInit:
			if (ev.Op == model.OpInit || ev.Op == model.OpAtomicInit) && ev.Old == at.Value {
				out = append(out, j)
			}
		case model.Reinitialization:
			if (ev.Op == model.OpInit || ev.Op == model.OpAtomicInit) && ev.Loc == at.Loc {
				out = append(out, j)
			}
		}
	}
	return out
}

// hbEdges are the happens-before edges into event i from other threads: for
// each other thread, its latest step that happens before i (a flush is not
// a step of its own and starts no edge).
func hbEdges(w *model.World, steps []explore.TraceStep, i int) []viewEdge {
	evs := w.Events()
	if i < 0 || i >= len(evs) {
		return nil
	}
	to := evs[i]
	var out []viewEdge
	for th := range w.Threads() {
		if th == to.Thread || th >= len(to.Clock) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			from := evs[j]
			if from.Thread != th || from.Op == model.OpFlush {
				continue
			}
			if from.Clock[th] <= to.Clock[th] {
				out = append(out, viewEdge{From: j + 1, To: i + 1,
					Text: fmt.Sprintf("step %d (%s: %s) happens before step %d", j+1, steps[j].ThreadName, cell(steps[j]), i+1)})
				break // th's earlier steps happen before it too, through this one
			}
		}
	}
	return out
}
