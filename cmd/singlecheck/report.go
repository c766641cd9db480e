package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// The JSON output of singlecheck. Field names are stable: new fields may be
// added, existing ones keep their name and meaning.
//
// explore -format json prints one exploreReport:
//
//	protocol        string   the protocol's name
//	threads         int      -threads
//	calls           int      -calls
//	memory          string   "sc", "tso" or "pso"
//	race_detection  bool     whether data races were looked for (false
//	                         with -races=false: a safe verdict then says
//	                         nothing of data races)
//	strategy        string   the strategy that ran
//	verdict         string   "safe", "violation" or "unknown"
//	violations      []string the distinct kinds found that the protocol does
//	                         not declare acceptable, sorted by name
//	acceptable      []string the distinct kinds found that the protocol
//	                         declares acceptable, sorted by name
//	reason          string   why the search is not complete ("" if it is)
//	complete        bool     the search covered every execution: only then
//	                         are violations every kind that can occur
//	warning         string   "search incomplete: other kinds may exist" when
//	                         complete is false, "" otherwise
//	counterexample  object   null if no execution had a violation, else:
//	    kind        string   the kind this execution was chosen to show
//	    schedule    string   the schedule; replay -schedule accepts it
//	    status      string   "finished", "deadlocked", "step-bound", "abandoned", "panicked",
//	                         "interrupted"
//	    run         int      index of the execution in the search (0-based)
//	    seed        uint     the seed, only when a sampling strategy ran
//	    replay      string   the command that replays it
//	    seed_replay string   the command that regenerates it from its seed,
//	                         only when a sampling strategy ran
//	    steps       []step   the execution, one entry per event:
//	        step      int      1-based position
//	        thread    string   "T0", "T1", … or "init"
//	        operation string   load, store, atomic-load, atomic-store, cas,
//	                           lock, unlock, new, init, choose, obtain, flush
//	        location  string   what it touched ("" if nothing)
//	        value     string   value read, written or obtained ("nil", "T#1",
//	                           "0"; for a cas "nil→T#1 ok")
//	        buffered  bool     a plain store that went into a store buffer
//	        violation []object violations detected at this step, each
//	                           {"kind", "message"}; absent if none
//	stats           object
//	    executions, steps, elapsed_ms, traces (absent where the strategy
//	    does not count them: dfs, random, pct), equivalence (the trace
//	    equivalence traces counts classes of, with traces), sleep_blocked,
//	    outcomes (distinct final states), step_bound (executions cut off
//	    by -max-steps): integers but equivalence
//
// replay -format json prints one replayReport: protocol, threads, calls,
// memory, race_detection as above; verdict ("violation" or "no-violation"); violations and
// acceptable as above but for this one execution; and execution, an object
// like counterexample (without kind, run and seed).
type exploreReport struct {
	Protocol       string      `json:"protocol"`
	Threads        int         `json:"threads"`
	Calls          int         `json:"calls"`
	Memory         string      `json:"memory"`
	RaceDetection  bool        `json:"race_detection"`
	Strategy       string      `json:"strategy"`
	Verdict        string      `json:"verdict"`
	Violations     []string    `json:"violations"`
	Acceptable     []string    `json:"acceptable"`
	Reason         string      `json:"reason"`
	Complete       bool        `json:"complete"`
	Warning        string      `json:"warning"`
	Counterexample *execReport `json:"counterexample"`
	Stats          statsReport `json:"stats"`
}

type execReport struct {
	Kind       string       `json:"kind,omitempty"`
	Schedule   string       `json:"schedule"`
	Status     string       `json:"status"`
	Run        *int         `json:"run,omitempty"`
	Seed       *uint64      `json:"seed,omitempty"`
	Replay     string       `json:"replay"`
	SeedReplay string       `json:"seed_replay,omitempty"`
	Steps      []stepReport `json:"steps"`
}

type stepReport struct {
	Step      int               `json:"step"`
	Thread    string            `json:"thread"`
	Operation string            `json:"operation"`
	Location  string            `json:"location"`
	Value     string            `json:"value"`
	Buffered  bool              `json:"buffered"`
	Violation []violationReport `json:"violation,omitempty"`
}

type violationReport struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

type statsReport struct {
	Executions   int    `json:"executions"`
	Steps        int    `json:"steps"`
	ElapsedMS    int64  `json:"elapsed_ms"`
	Traces       *int   `json:"traces,omitempty"`
	Equivalence  string `json:"equivalence,omitempty"`
	SleepBlocked int    `json:"sleep_blocked"`
	Outcomes     int    `json:"outcomes"`
	StepBound    int    `json:"step_bound"`
	// States, StateBytes and Pruned are a stateful search's (-state-cache).
	States     int `json:"states,omitempty"`
	StateBytes int `json:"state_bytes,omitempty"`
	Pruned     int `json:"pruned,omitempty"`
}

type replayReport struct {
	Protocol      string     `json:"protocol"`
	Threads       int        `json:"threads"`
	Calls         int        `json:"calls"`
	Memory        string     `json:"memory"`
	RaceDetection bool       `json:"race_detection"`
	Verdict       string     `json:"verdict"`
	Violations    []string   `json:"violations"`
	Acceptable    []string   `json:"acceptable"`
	Execution     execReport `json:"execution"`
}

// exploration is everything explore prints, in either format.
type exploration struct {
	w        workload
	res      *explore.Result
	sampling bool // the strategy samples: seed and run reproduce an execution
	cfg      explore.Config
	shown    *explore.Counterexample
	kind     model.Kind // the kind shown was chosen for ("" if none)
	wanted   model.Kind // the kind -kind asked for ("" if none)
	width    int        // the width the table fits (0: no limit)
}

// racesOff is what the text output says when -races=false.
const racesOff = "not checked (-races=false): data races are not reported"

func (x *exploration) report() exploreReport {
	r := exploreReport{
		Protocol:      x.w.proto.Name,
		Threads:       x.w.wl.Threads,
		Calls:         x.w.wl.Calls,
		Memory:        x.w.memory.String(),
		RaceDetection: x.w.races,
		Strategy:      x.res.Strategy,
		Verdict:       string(x.res.Verdict),
		Violations:    nonNil(kindStrings(x.res.Violations)),
		Acceptable:    nonNil(kindStrings(x.res.Acceptable)),
		Reason:        x.res.Reason,
		Complete:      x.res.Complete,
		Stats: statsReport{
			Executions:   x.res.Stats.Executions,
			Steps:        x.res.Stats.Steps,
			ElapsedMS:    x.res.Stats.Elapsed.Milliseconds(),
			Traces:       tracesOf(x.res.Stats),
			Equivalence:  x.res.Stats.Equivalence,
			SleepBlocked: x.res.Stats.SleepBlocked,
			Outcomes:     x.res.Stats.Outcomes,
			StepBound:    x.res.Stats.StepBound,
			States:       x.res.Stats.States,
			StateBytes:   x.res.Stats.StateBytes,
			Pruned:       x.res.Stats.Pruned,
		},
	}
	if !x.res.Complete {
		r.Warning = explore.Incomplete
	}
	if ce := x.shown; ce != nil {
		er := execJSON(ce.Execution, x.replayCommand())
		er.Kind = string(x.kind)
		run := ce.Run
		er.Run = &run
		if x.sampling {
			seed := ce.Seed
			er.Seed = &seed
			er.SeedReplay = x.seedCommand()
		}
		r.Counterexample = &er
	}
	return r
}

// seedCommand is the command that regenerates the counterexample shown from
// its strategy, seed and run index.
func (x *exploration) seedCommand() string {
	c := x.cfg
	s := fmt.Sprintf("%s replay %s -strategy %s -seed %d -run %d -runs %d", tool, x.w.flags(), c.Strategy, x.shown.Seed, x.shown.Run, c.Runs)
	if c.Depth > 0 {
		s += fmt.Sprintf(" -depth %d", c.Depth)
	}
	return s
}

// replayCommand is the command that replays the counterexample shown.
func (x *exploration) replayCommand() string {
	return replayCommand(x.w, x.shown.Schedule)
}

func replayCommand(w workload, s scheduler.Schedule) string {
	return tool + " replay " + w.flags() + " -schedule " + s.String()
}

func execJSON(e *scheduler.Execution, replay string) execReport {
	steps := explore.Trace(e)
	r := execReport{Schedule: e.Schedule.String(), Status: e.Status.String(), Replay: replay,
		Steps: make([]stepReport, len(steps))}
	for i, s := range steps {
		sr := stepReport{Step: s.Step, Thread: s.ThreadName, Operation: s.Op, Location: s.Location,
			Value: s.Value, Buffered: s.Buffered}
		for _, v := range s.Violations {
			sr.Violation = append(sr.Violation, violationReport{Kind: string(v.Kind), Message: v.Msg})
		}
		r.Steps[i] = sr
	}
	return r
}

// splitKinds returns the distinct kinds of vs that acceptable does and does
// not list, each sorted by name.
func splitKinds(vs []model.Violation, acceptable []model.Kind) (bad, ok []string) {
	for _, v := range vs {
		dst := &bad
		if slices.Contains(acceptable, v.Kind) {
			dst = &ok
		}
		if !slices.Contains(*dst, string(v.Kind)) {
			*dst = append(*dst, string(v.Kind))
		}
	}
	slices.Sort(bad)
	slices.Sort(ok)
	return nonNil(bad), nonNil(ok)
}

// nonNil makes an empty list print as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// tracesOf is the trace count of st, nil where the strategy does not count
// traces (a 0 there would read as a measurement).
func tracesOf(st explore.Stats) *int {
	if st.Equivalence == "" {
		return nil
	}
	return &st.Traces
}
