package explore

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// SaveFormat names the save-file format in every file's "format" field.
const SaveFormat = "singlecheck-counterexample"

// SaveVersion is the version of the save-file format this build writes and
// the only one it reads. It changes whenever a schedule saved by an older
// build could mean a different execution (a change in the decision encoding,
// in how strategies draw from a seed, or in the file's fields).
const SaveVersion = 1

// ToolVersion is the version of singlecheck recorded in save files, for
// people reading them; compatibility is decided by SaveVersion alone.
const ToolVersion = "0.1.0"

// SaveFile is a counterexample saved to disk: everything needed to perform
// the execution again (the protocol, its workload, the memory model and the
// schedule) and to regenerate it from its seed (the strategy, seed, run,
// runs and depth).
type SaveFile struct {
	// Format is SaveFormat; Version is SaveVersion; Tool is ToolVersion.
	Format  string `json:"format"`
	Version int    `json:"version"`
	Tool    string `json:"tool"`
	// Protocol names the program checked.
	Protocol string `json:"protocol"`
	// Workload holds the protocol's workload as key/value pairs, as the
	// caller chose to write it (for the built-in protocols: threads, calls,
	// and the dual family's knobs).
	Workload map[string]string `json:"workload"`
	// Memory is the memory model: sc, tso or pso.
	Memory string `json:"memory"`
	// NoRaces is true if the data-race detector was off.
	NoRaces bool `json:"no_races,omitempty"`
	// MaxSteps is the step bound (0: the default).
	MaxSteps int `json:"max_steps,omitempty"`
	// Strategy, Seed, Run, Runs and Depth say which search found the
	// execution and where in it: for a seeded strategy, (Strategy, Seed,
	// Run) regenerate it (see ReplayRun).
	Strategy string `json:"strategy"`
	Seed     uint64 `json:"seed"`
	Run      int    `json:"run"`
	Runs     int    `json:"runs,omitempty"`
	Depth    int    `json:"depth,omitempty"`
	// Schedule is the schedule's text form; replaying it performs the
	// execution again.
	Schedule string `json:"schedule"`
	// Violations lists the kinds the execution showed, for readers; replay
	// recomputes them.
	Violations []string `json:"violations,omitempty"`
}

// NewSaveFile describes counterexample ce of a search configured by c over
// the protocol named protocol under workload.
func NewSaveFile(protocol string, workload map[string]string, c Config, ce *Counterexample) *SaveFile {
	f := &SaveFile{
		Format: SaveFormat, Version: SaveVersion, Tool: ToolVersion,
		Protocol: protocol, Workload: workload,
		Memory: c.Memory.String(), NoRaces: c.NoRaces, MaxSteps: c.MaxSteps,
		Strategy: c.Strategy, Seed: ce.Seed, Run: ce.Run, Runs: c.Runs, Depth: c.Depth,
		Schedule: ce.Schedule.String(),
	}
	if f.Strategy == "" {
		f.Strategy = "dfs"
	}
	if ce.Execution != nil {
		seen := map[model.Kind]bool{}
		for _, v := range ce.Violations() {
			if !seen[v.Kind] {
				seen[v.Kind] = true
				f.Violations = append(f.Violations, string(v.Kind))
			}
		}
	}
	return f
}

// Write writes f as indented JSON.
func (f *SaveFile) Write(w io.Writer) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Save writes f to the file path, replacing it: to a temporary file in the
// same directory, renamed to path once complete, so that path holds either
// its old content or the whole new file, never part of one.
func (f *SaveFile) Save(path string) error {
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return err
	}
	if err := writeAtomically(path, b.Bytes()); err != nil {
		return fmt.Errorf("saving the counterexample: %w", err)
	}
	return nil
}

// MaxSaveFileSize bounds what ReadSaveFile reads: a save file of any real
// counterexample is far smaller (a schedule's runs are compressed).
const MaxSaveFileSize = 64 << 20

// ErrIncompatibleSaveFile is wrapped by the error ReadSaveFile returns for a
// file written in another version of the format.
var ErrIncompatibleSaveFile = errors.New("incompatible save file")

// ReadSaveFile reads a save file and checks it: the format and its version,
// the memory model, the schedule's syntax, the run index. Errors say what is
// wrong and what to do.
func ReadSaveFile(r io.Reader) (*SaveFile, error) {
	data, err := readAtMost(r, MaxSaveFileSize)
	if err != nil {
		return nil, fmt.Errorf("reading a save file: %w", err)
	}
	if len(data) > MaxSaveFileSize {
		return nil, fmt.Errorf("save file larger than %d MiB, the most singlecheck reads: it was not written by singlecheck explore -save", MaxSaveFileSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("not a singlecheck save file: it is empty")
	}
	var f SaveFile
	if err := json.Unmarshal(data, &f); err != nil {
		// A Decoder (which buffers the input again) only to explain why.
		dec := json.NewDecoder(bytes.NewReader(data))
		if dec.Decode(new(json.RawMessage)) == nil && dec.More() {
			return nil, errors.New("not a singlecheck save file: more than one JSON value")
		}
		return nil, fmt.Errorf("not a singlecheck save file (malformed JSON: %w)", err)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return &f, nil
}

// check validates the fields of a decoded save file.
func (f *SaveFile) check() error {
	switch {
	case f.Format != SaveFormat:
		return fmt.Errorf("not a singlecheck save file: format is %q, want %q", f.Format, SaveFormat)
	case f.Version != SaveVersion:
		return fmt.Errorf("%w: it was written in save-file format version %d (by singlecheck %s); this singlecheck %s reads version %d only: re-run the search with this version to save the counterexample again",
			ErrIncompatibleSaveFile, f.Version, orUnknown(f.Tool), ToolVersion, SaveVersion)
	case f.Protocol == "":
		return errors.New("save file names no protocol")
	case f.Run < 0:
		return fmt.Errorf("save file has run %d: a run index is 0 or more", f.Run)
	case f.Runs < 0 || f.Depth < 0 || f.MaxSteps < 0:
		return errors.New("save file has a negative runs, depth or max_steps")
	case f.MaxSteps > MaxMaxSteps:
		return fmt.Errorf(`save file has "max_steps": %d: it must be at most %d (0 for the default)`, f.MaxSteps, MaxMaxSteps)
	case f.Depth > MaxDepth:
		return fmt.Errorf(`save file has "depth": %d: it must be at most %d (0 for the default)`, f.Depth, MaxDepth)
	}
	if _, ok := strategies[f.Strategy]; !ok {
		return fmt.Errorf(`save file has "strategy": %q: unknown strategy; it must be one of %s`, f.Strategy, strings.Join(StrategyNames(), ", "))
	}
	if _, err := model.ParseMemory(f.Memory); err != nil {
		return fmt.Errorf(`save file has "memory": %w`, err)
	}
	// Checked without being built: replay builds it once, within the
	// program's limits.
	if err := scheduler.Check(f.Schedule, scheduler.Limits{MaxSteps: f.MaxSteps}); err != nil {
		return fmt.Errorf(`save file has "schedule": %w`, err)
	}
	return nil
}

// readAtMost reads r to its end, or to limit+1 bytes, into a buffer sized
// once from the reader's size where it has one (a file, a strings.Reader).
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	size := int64(bytes.MinRead)
	if st, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil {
			size = fi.Size()
		}
	} else if sz, ok := r.(interface{ Size() int64 }); ok {
		size = sz.Size()
	}
	var b bytes.Buffer
	b.Grow(int(min(size, limit)+1) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, limit+1))
	return b.Bytes(), err
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "unknown"
	}
	return s
}

// LoadSaveFile reads and checks the save file at path.
func LoadSaveFile(path string) (*SaveFile, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading a save file: %w", err)
	}
	defer fh.Close()
	f, err := ReadSaveFile(fh)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// Config is the configuration the file was saved with: strategy, seed,
// runs, depth, memory model, step bound and race detection.
func (f *SaveFile) Config() (Config, error) {
	m, err := model.ParseMemory(f.Memory)
	if err != nil {
		return Config{}, fmt.Errorf("save file: %w", err)
	}
	return Config{Strategy: f.Strategy, Memory: m, NoRaces: f.NoRaces, MaxSteps: f.MaxSteps,
		Seed: f.Seed, Runs: f.Runs, Depth: f.Depth}, nil
}

// Replay performs the saved execution again on prog (which the caller
// builds from f.Protocol and f.Workload) by replaying its schedule strictly.
func (f *SaveFile) Replay(prog model.Program) (*scheduler.Execution, error) {
	c, err := f.Config()
	if err != nil {
		return nil, err
	}
	return ReplaySchedule(prog, f.Schedule, c)
}
