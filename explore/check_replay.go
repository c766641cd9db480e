package explore

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"

	"github.com/singlecheck/singlecheck/scheduler"
)

// replayRequest returns the schedule SINGLECHECK_REPLAY asks t to replay:
// ok is false when the variable is unset or names another test. A value
// without a test name is an error that says how to write one.
func replayRequest(t TB) (schedule string, ok bool, err error) {
	v := os.Getenv(ReplayEnv)
	if v == "" {
		return "", false, nil
	}
	// Schedules never contain '=', test names may: the last one splits.
	i := strings.LastIndex(v, "=")
	if i < 0 {
		return "", false, fmt.Errorf("%s=%q names no test: write %s='%s=%s' so that only that test replays it",
			ReplayEnv, v, ReplayEnv, t.Name(), v)
	}
	if v[:i] != t.Name() {
		return "", false, nil
	}
	return v[i+1:], true, nil
}

// replayCommand is the shell command that re-runs just this test with the
// schedule replayed, from anywhere in the module: it names the test's
// package by import path.
func replayCommand(t TB, s scheduler.Schedule) string {
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return fmt.Sprintf("%s=%s go test -run %s %s", ReplayEnv, shellQuote(t.Name()+"="+s.String()),
		shellQuote(strings.Join(parts, "/")), testPackage())
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// testPackage is the package of the test that called into explore: the
// import path of the innermost caller in a _test.go file, or its directory
// if that cannot be told, or "." if there is no such caller.
func testPackage() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, "_test.go") {
			return packageOf(f.Function, filepath.Dir(f.File))
		}
		if !more {
			return "."
		}
	}
}

// packageOf is the import path of the package that defines function (a
// runtime name such as "example.com/m/pkg_test.TestX.func1", whose last path
// element has its dots escaped as %2e), found in directory dir. A test of a
// main package is named "main.TestX": its import path comes from the
// enclosing go.mod, or else the directory is returned.
func packageOf(function, dir string) string {
	slash := strings.LastIndex(function, "/")
	dot := strings.Index(function[slash+1:], ".")
	if dot >= 0 {
		pkg := strings.TrimSuffix(function[:slash+1+dot], "_test")
		if pkg != "main" {
			return strings.ReplaceAll(pkg, "%2e", ".")
		}
	}
	if p := modulePackage(dir); p != "" {
		return p
	}
	return dir
}

// modulePackage is the import path of directory dir from the go.mod of the
// module that contains it, or "" if there is none.
func modulePackage(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if mod := moduleLine(filepath.Join(d, "go.mod")); mod != "" {
			rel, err := filepath.Rel(d, dir)
			if err != nil {
				return ""
			}
			if rel == "." {
				return mod
			}
			return mod + "/" + filepath.ToSlash(rel)
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// moduleLine is the module path a go.mod file declares, or "".
func moduleLine(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
