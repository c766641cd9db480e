package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
)

// A search cut short says so in every format, also when it found
// violations: the kinds it lists may not be all.
func TestIncompleteSearchSaysSoInEveryFormat(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"execution limit", []string{"explore", "-protocol", "dual-selfheal", "-threads", "3", "-max-executions", "50"}},
		{"stop at first", []string{"explore", "-protocol", "naive", "-stop-at-first"}},
		{"unknown", []string{"explore", "-protocol", "mutex", "-strategy", "dfs", "-max-executions", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := runCmd(t, tt.args...)
			assert.Contains(t, text.stdout, "\nnote        "+explore.Incomplete)
			js := runCmd(t, append(tt.args, "-format", "json")...)
			var rep exploreReport
			require.NoError(t, json.Unmarshal([]byte(js.stdout), &rep))
			assert.False(t, rep.Complete)
			assert.Equal(t, explore.Incomplete, rep.Warning)
			assert.NotEmpty(t, rep.Reason)
		})
	}
	complete := runCmd(t, "explore", "-protocol", "naive")
	assert.NotContains(t, complete.stdout, explore.Incomplete)
}

// The table fits the width it is given: the wide layout where it fits,
// else one row per step naming its thread, with long cells and notes
// wrapped. Without a width (a file, a pipe) it stays wide.
func TestTableFitsTheWidth(t *testing.T) {
	args := []string{"replay", "-protocol", "dual-reset", "-threads", "3", "-schedule"}
	sched := schedule(t, "dual-reset", "sc", "-threads", "3")
	args = append(args, sched)
	wide := runCmd(t, args...)
	require.Equal(t, exitViolation, wide.code, wide.stderr)
	assert.Greater(t, longestLine(wide.stdout), 200, "no width: the wide layout")
	assert.Contains(t, wide.stdout, "step  init ")

	rapid.Check(t, func(rt *rapid.T) {
		width := rapid.IntRange(50, 200).Draw(rt, "width")
		r := runCmd(t, append(args, "-width", strconv.Itoa(width))...)
		// The table and the details of each violation, up to the legend.
		table := r.stdout[strings.Index(r.stdout, "\nstep "):strings.Index(r.stdout, "Each row is one step")]
		for _, line := range strings.Split(table, "\n") {
			if n := utf8.RuneCountInString(line); n > width {
				rt.Fatalf("-width %d: a line of %d columns: %q", width, n, line)
			}
		}
		if !strings.Contains(r.stdout, "step  thread  operation") {
			rt.Fatalf("-width %d: not the narrow layout", width)
		}
	})

	// naive's wide table is 55 columns: it keeps its layout at 80.
	naive := runCmd(t, "replay", "-protocol", "naive", "-schedule", "0x3.1x5.0x2", "-width", "80")
	assert.Contains(t, naive.stdout, "step  T0                T1                detected")
}

func longestLine(s string) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(line))
	}
	return n
}

func TestWrapWords(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"a b c", 10, []string{"a b c"}},
		{"alpha beta gamma", 10, []string{"alpha beta", "gamma"}},
		{"abcdefghijkl", 5, []string{"abcde", "fghij", "kl"}},
		{"", 5, []string{""}},
		{"x → T#1", 3, []string{"x →", "T#1"}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, wrapWords(tt.in, tt.width), "%q at %d", tt.in, tt.width)
	}
}

// verdicts proves verdicts, so it takes only exhaustive strategies and its
// help lists only those.
func TestVerdictsHelpListsOnlyExhaustiveStrategies(t *testing.T) {
	r := runCmd(t, "help", "verdicts")
	assert.Contains(t, r.stdout, "exhaustive strategy: dfs, dpor, source-dpor")
	assert.NotContains(t, r.stdout, "pct")
	assert.NotContains(t, r.stdout, "random")
}

// Wording: no empty "Flags:" header for a command without flags, litmus's
// help names its flags' types as every other command's does, and one
// execution is "1 execution".
func TestWording(t *testing.T) {
	list := runCmd(t, "help", "list")
	assert.NotContains(t, list.stdout, "Flags:")
	assert.Contains(t, list.stdout, "List the built-in protocols.")

	litmus := runCmd(t, "help", "litmus")
	for _, placeholder := range []string{"-format format", "-test names", "-strategy strategy"} {
		assert.NotContains(t, litmus.stdout, placeholder)
	}
	assert.Contains(t, litmus.stdout, "-format string")

	r := runCmd(t, "explore", "-protocol", "naive", "-strategy", "dfs", "-stop-at-first", "-format", "json")
	var rep exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	require.Equal(t, 0, *rep.Counterexample.Run, "DFS's first execution breaks naive")
	assert.Equal(t, "stopped at the first violation, after 1 execution", rep.Reason)
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"-version"}, {"--version"}} {
		r := runCmd(t, args...)
		assert.Equal(t, exitSafe, r.code, args)
		assert.True(t, strings.HasPrefix(r.stdout, "singlecheck "), "%v: %q", args, r.stdout)
		assert.Equal(t, 1, strings.Count(r.stdout, "\n"))
	}
	tests := []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, "singlecheck (unknown version: built without module information)"},
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.0"}}, "singlecheck v0.1.0, go1.26.0"},
		{&debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}}},
			"singlecheck (devel), commit 0123456789ab, modified, go1.26.0"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, versionText(tt.bi))
	}
}

// The commands singlecheck prints start with go run when go run started
// it, so that pasting them works whether or not the tool is installed.
func TestToolCommand(t *testing.T) {
	info := func(version string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			return &debug.BuildInfo{Path: "github.com/singlecheck/singlecheck/cmd/singlecheck", Main: debug.Module{Version: version}}, true
		}
	}
	exe := func(path string, err error) func() (string, error) {
		return func() (string, error) { return path, err }
	}
	tests := []struct {
		name string
		exe  func() (string, error)
		bi   func() (*debug.BuildInfo, bool)
		want string
	}{
		{"installed", exe("/home/u/go/bin/singlecheck", nil), info("v0.1.0"), "singlecheck"},
		{"go run in the module", exe("/tmp/go-build123/b001/exe/singlecheck", nil), info("(devel)"),
			"go run github.com/singlecheck/singlecheck/cmd/singlecheck"},
		{"go run of a version", exe("/tmp/go-build9/b001/exe/singlecheck", nil), info("v0.1.0"),
			"go run github.com/singlecheck/singlecheck/cmd/singlecheck@v0.1.0"},
		{"a test binary", exe("/tmp/go-build9/b001/singlecheck.test", nil), info("(devel)"), "singlecheck"},
		{"no executable", exe("", errors.New("unknown")), info("(devel)"), "singlecheck"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, toolCommand(tt.exe, tt.bi), tt.name)
	}
}

// explore -html writes the viewer of the counterexample shown: one file
// that loads nothing (no src or href), with its view as JSON.
func TestExploreWritesTheViewer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "naive.html")
	r := runCmd(t, "explore", "-protocol", "naive", "-max-executions", "3", "-html", path)
	require.Equal(t, exitViolation, r.code, r.stderr)
	assert.Contains(t, r.stderr, "counterexample viewer written to "+path)
	page, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotRegexp(t, `\s(src|href)=`, string(page), "the page loads nothing")
	m := regexp.MustCompile(`(?s)<script type="application/json" id="data">(.*?)</script>`).FindSubmatch(page)
	require.NotNil(t, m)
	var v view
	require.NoError(t, json.Unmarshal(m[1], &v))
	assert.Equal(t, "multiple-construction", v.Kind)
	assert.Equal(t, explore.Incomplete+" (stopped after 3 executions (the execution limit); raise it, or use a reduction)", v.Warning)
	assert.Len(t, v.States, len(v.Steps)+1)
}
