package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// testSave is what singlecheck test -save writes: the command line that
// replays the counterexample shown, and the counterexample itself, for
// singlecheck test -file.
type testSave struct {
	// Format names the file's kind.
	Format string `json:"format"`
	// Args are singlecheck test's arguments that replay it, -schedule and
	// the package included.
	Args []string `json:"args"`
	// Report is the run's report, as -format json prints it.
	Report testReport `json:"report"`
}

const testSaveFormat = "singlecheck-test-save/1"

// writeSave writes the save file of a counterexample.
func writeSave(path string, args []string, rep testReport, stderr io.Writer) {
	b, err := json.MarshalIndent(testSave{Format: testSaveFormat, Args: args, Report: rep}, "", "  ")
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck test: -save %s failed, the counterexample was not saved (the result is printed all the same): %v\n", path, err)
		return
	}
	fmt.Fprintf(stderr, "singlecheck test: counterexample saved to %s (replay it with: %s test -file %s)\n", path, tool, path)
}

// readSave reads a save file and returns the arguments that replay it.
func readSave(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("-file: %w", err)
	}
	var s testSave
	if err := json.Unmarshal(b, &s); err != nil || s.Format != testSaveFormat {
		return nil, fmt.Errorf("-file %s: not a file written by singlecheck test -save", path)
	}
	return s.Args, nil
}
