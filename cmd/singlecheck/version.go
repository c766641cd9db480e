package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// runVersion prints the version of the module the binary was built from.
func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version")
	if code, ok := parseFlags(fs, args, stdout, stderr); !ok {
		return code
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(stdout, versionText(bi))
	return exitSafe
}

// versionText is one line: the module version ("(devel)" for a build from
// a checkout, "v1.2.3" for go install …@v1.2.3), the commit and whether the
// tree was modified when the build knows them, and the Go version.
func versionText(bi *debug.BuildInfo) string {
	if bi == nil {
		return "singlecheck (unknown version: built without module information)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	parts := []string{"singlecheck " + v}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if modified == "true" {
			rev += ", modified"
		}
		parts = append(parts, "commit "+rev)
	}
	parts = append(parts, bi.GoVersion)
	return strings.Join(parts, ", ")
}

// tool is how the commands singlecheck prints (replay lines, "try it")
// start: "singlecheck" for an installed binary, or the go run line that
// started this one, so that pasting the line works either way.
var tool = toolCommand(os.Executable, debug.ReadBuildInfo)

// toolCommand detects a binary that go run built: it lives in a go-build
// temporary directory, in a folder named exe. Its command is go run with
// the main package's import path, and @version when go run named one.
func toolCommand(executable func() (string, error), buildInfo func() (*debug.BuildInfo, bool)) string {
	exe, err := executable()
	if err != nil || !strings.Contains(exe, "go-build") || filepath.Base(filepath.Dir(exe)) != "exe" {
		return "singlecheck"
	}
	bi, ok := buildInfo()
	if !ok || bi.Path == "" {
		return "singlecheck"
	}
	path := bi.Path
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		path += "@" + v
	}
	return "go run " + path
}
