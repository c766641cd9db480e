package gotest

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// Report is what a run found, as the command reads it back. Field names
// are stable.
type Report struct {
	// Target names what ran: "Get" (getter) or "TestX" (test).
	Target   string `json:"target"`
	Memory   string `json:"memory"`
	Strategy string `json:"strategy"`
	// Verdict is "safe", "violation" or "unknown" for a search, and
	// "violation" or "no-violation" for a replay.
	Verdict    string   `json:"verdict"`
	Violations []string `json:"violations"`
	Reason     string   `json:"reason"`
	Complete   bool     `json:"complete"`
	Stats      Stats    `json:"stats"`
	// Counterexample is the execution shown; nil if there is none.
	Counterexample *Execution `json:"counterexample"`
}

// Stats are explore.Stats in JSON.
type Stats struct {
	Executions int   `json:"executions"`
	Steps      int   `json:"steps"`
	Traces     int   `json:"traces,omitempty"`
	Outcomes   int   `json:"outcomes"`
	StepBound  int   `json:"step_bound"`
	ElapsedMS  int64 `json:"elapsed_ms"`
	ElapsedNS  int64 `json:"elapsed_ns"`
}

// Execution is one execution, step by step, in the user's source terms.
type Execution struct {
	Kind     string `json:"kind,omitempty"`
	Schedule string `json:"schedule"`
	Status   string `json:"status"`
	Message  string `json:"message,omitempty"`
	Run      int    `json:"run"`
	Seed     uint64 `json:"seed,omitempty"`
	Steps    []Step `json:"steps"`
}

// Step is one event of an execution.
type Step struct {
	Step      int    `json:"step"`
	Thread    string `json:"thread"`
	Operation string `json:"operation"`
	Location  string `json:"location,omitempty"`
	Value     string `json:"value,omitempty"`
	Buffered  bool   `json:"buffered,omitempty"`
	// Pos is the source position of the statement ("config.go:42"), and
	// Source its text; empty for steps the checker adds (flushes, the
	// obtain of a caller's result).
	Pos        string      `json:"pos,omitempty"`
	Source     string      `json:"source,omitempty"`
	Violations []Violation `json:"violations,omitempty"`
}

// Violation is one violation detected at a step.
type Violation struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// executionOf turns an execution into its report.
func executionOf(e *scheduler.Execution) *Execution {
	evs := e.World.Events()
	x := &Execution{Schedule: e.Schedule.String(), Status: e.Status.String(), Message: e.Message()}
	for i, ts := range explore.Trace(e) {
		s := Step{Step: ts.Step, Thread: ts.ThreadName, Operation: ts.Op, Location: ts.Location, Value: ts.Value, Buffered: ts.Buffered}
		if i < len(evs) && evs[i].Site != nil {
			s.Pos, s.Source = evs[i].Site.Pos, evs[i].Site.Text
		}
		for _, v := range ts.Violations {
			s.Violations = append(s.Violations, Violation{Kind: string(v.Kind), Message: v.Msg})
		}
		x.Steps = append(x.Steps, s)
	}
	return x
}

// reportOf turns a search's result into its report.
func reportOf(target string, res *explore.Result, want model.Kind) *Report {
	r := &Report{
		Target: target, Memory: res.Memory.String(), Strategy: res.Strategy,
		Verdict: string(res.Verdict), Reason: res.Reason, Complete: res.Complete,
		Violations: []string{},
		Stats: Stats{Executions: res.Stats.Executions, Steps: res.Stats.Steps, Traces: res.Stats.Traces,
			Outcomes: res.Stats.Outcomes, StepBound: res.Stats.StepBound, ElapsedMS: res.Stats.Elapsed.Milliseconds(),
			ElapsedNS: res.Stats.Elapsed.Nanoseconds()},
	}
	for _, k := range res.Violations {
		r.Violations = append(r.Violations, string(k))
	}
	if ce, kind := res.Pick(want); ce != nil {
		r.Counterexample = executionOf(ce.Execution)
		r.Counterexample.Kind, r.Counterexample.Run = string(kind), ce.Run
		if res.Sampling {
			r.Counterexample.Seed = ce.Seed
		}
	}
	return r
}

// write writes the report to path.
func (r *Report) write(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the report: %w", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
