package gotest

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// SpecEnv is the environment variable naming the settings file.
const SpecEnv = "SINGLECHECK_SPEC"

// Spec is the search's settings, as the command writes them.
type Spec struct {
	// Mode is "getter" (N goroutines call the getter) or "test" (a test
	// body runs as the main modelled goroutine).
	Mode string `json:"mode"`
	// Test names the test function of mode "test".
	Test string `json:"test,omitempty"`
	// Threads is the number of callers of the getter.
	Threads int `json:"threads"`
	// Strategy .. NoRaces are explore.Config's fields of the same names.
	Strategy      string `json:"strategy"`
	Memory        string `json:"memory"`
	MaxExecutions int    `json:"max_executions"`
	TimeoutMS     int64  `json:"timeout_ms"`
	MaxSteps      int    `json:"max_steps"`
	StopAtFirst   bool   `json:"stop_at_first"`
	NoSymmetry    bool   `json:"no_symmetry"`
	Preemptions   int    `json:"preemptions"` // -1: unbounded
	Seed          uint64 `json:"seed"`
	Runs          int    `json:"runs"`
	Depth         int    `json:"depth"`
	NoRaces       bool   `json:"no_races"`
	Kind          string `json:"kind,omitempty"`
	// Schedule, if set, is replayed instead of searching.
	Schedule string `json:"schedule,omitempty"`
	// Out is the file the report goes to.
	Out string `json:"out"`
}

// ReadSpec reads the settings file path names.
func ReadSpec(path string) (*Spec, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the settings of singlecheck test: %w", err)
	}
	var s Spec
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("settings file %s: %w (it is written by singlecheck test; run the command again)", path, err)
	}
	return &s, nil
}

// Config is the explore.Config the settings describe.
func (s *Spec) Config() (explore.Config, error) {
	m, err := model.ParseMemory(s.Memory)
	if err != nil {
		return explore.Config{}, fmt.Errorf("memory %q: %w", s.Memory, err)
	}
	c := explore.Config{
		Strategy:      s.Strategy,
		Memory:        m,
		MaxExecutions: s.MaxExecutions,
		Timeout:       time.Duration(s.TimeoutMS) * time.Millisecond,
		MaxSteps:      s.MaxSteps,
		StopAtFirst:   s.StopAtFirst,
		NoSymmetry:    s.NoSymmetry,
		Seed:          s.Seed,
		Runs:          s.Runs,
		Depth:         s.Depth,
		NoRaces:       s.NoRaces,
		Kind:          model.Kind(s.Kind),
	}
	if s.Preemptions >= 0 {
		c.Preemptions = explore.PreemptionBound(s.Preemptions)
	}
	return c, c.Normalize()
}
