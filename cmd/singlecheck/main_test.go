package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is what one in-process run of the command produced.
type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

// TestBadInput checks that every kind of bad input ends with exit 2, no
// output on stdout, and exactly one line on stderr that says what is wrong.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // a substring of the one line on stderr
	}{
		{"no command", nil, "Usage"},
		{"unknown command", []string{"explor"}, `did you mean "explore"?`},
		{"unknown help topic", []string{"help", "nope"}, `unknown command "nope"`},
		{"unknown protocol", []string{"explore", "-protocol", "naiv"}, `did you mean "naive"?`},
		{"unknown protocol far from any", []string{"explore", "-protocol", "zzzzzzzzzzzz"}, "singlecheck list"},
		{"unknown protocol, replay", []string{"replay", "-protocol", "mutx", "-schedule", "0"}, `did you mean "mutex"?`},
		{"unknown protocol, describe", []string{"describe", "nieve"}, `did you mean "naive"?`},
		{"describe without a name", []string{"describe"}, "missing protocol name"},
		{"missing protocol", []string{"explore"}, "missing -protocol"},
		{"state cache with dpor", []string{"explore", "-protocol", "naive", "-strategy", "dpor", "-state-cache"}, "use -strategy dfs"},
		{"state cache with the default strategy", []string{"explore", "-protocol", "naive", "-state-cache"}, "use -strategy dfs"},
		{"state cache with a preemption bound", []string{"explore", "-protocol", "naive", "-strategy", "dfs", "-state-cache", "-preemptions", "1"}, "preemption bound"},
		{"threads zero", []string{"explore", "-protocol", "naive", "-threads", "0"}, "-threads 0: must be between 1 and 64"},
		{"threads negative", []string{"explore", "-protocol", "naive", "-threads", "-3"}, "-threads -3"},
		{"threads too many", []string{"explore", "-protocol", "naive", "-threads", "65"}, "-threads 65"},
		{"threads not a number", []string{"explore", "-protocol", "naive", "-threads", "two"}, `invalid value "two" for flag -threads: want a whole number`},
		{"calls zero", []string{"explore", "-protocol", "naive", "-calls", "0"}, "-calls 0"},
		{"calls too many", []string{"replay", "-protocol", "naive", "-calls", "1001", "-schedule", "0"}, "-calls 1001"},
		{"unknown flag", []string{"explore", "-protocol", "naive", "-thread", "2"}, "flag provided but not defined: -thread"},
		{"unknown flag, list", []string{"list", "-v"}, "flag provided but not defined: -v"},
		{"stray argument", []string{"explore", "-protocol", "naive", "extra"}, `unexpected argument "extra"`},
		{"unknown memory model", []string{"explore", "-protocol", "naive", "-memory", "arm"}, `unknown memory model "arm"`},
		{"unknown strategy", []string{"explore", "-protocol", "naive", "-strategy", "dfz"}, `did you mean "dfs"?`},
		{"unknown format", []string{"explore", "-protocol", "naive", "-format", "yaml"}, `-format "yaml": use text, json`},
		{"mermaid is for replay", []string{"explore", "-protocol", "naive", "-format", "mermaid"}, `-format "mermaid"`},
		{"unknown replay format", []string{"replay", "-protocol", "naive", "-schedule", "0", "-format", "dot"}, `-format "dot"`},
		{"unknown kind", []string{"explore", "-protocol", "naive", "-kind", "data-rac"}, `did you mean "data-race"?`},
		{"negative max executions", []string{"explore", "-protocol", "naive", "-max-executions", "-1"}, "-max-executions -1"},
		{"negative timeout", []string{"explore", "-protocol", "naive", "-timeout", "-1s"}, "-timeout -1s"},
		{"bad timeout", []string{"explore", "-protocol", "naive", "-timeout", "soon"}, "invalid value"},
		{"negative max steps", []string{"explore", "-protocol", "naive", "-max-steps", "-5"}, "-max-steps -5"},
		{"negative runs", []string{"explore", "-protocol", "naive", "-runs", "-1"}, "-runs -1"},
		{"negative depth", []string{"explore", "-protocol", "naive", "-depth", "-2"}, "-depth -2"},
		{"bad preemption bound", []string{"explore", "-protocol", "naive", "-preemptions", "-2"}, "-preemptions -2"},
		{"negative seed", []string{"explore", "-protocol", "naive", "-seed", "-1"}, `invalid value "-1" for flag -seed: want a whole number, 0 or more`},
		{"missing schedule", []string{"replay", "-protocol", "naive"}, "missing -schedule"},
		{"malformed schedule", []string{"replay", "-protocol", "naive", "-schedule", "0.1.x3"}, "at position 5"},
		{"malformed schedule, letters", []string{"replay", "-protocol", "naive", "-schedule", "abc"}, "at position 1"},
		{"malformed schedule, repeat", []string{"replay", "-protocol", "naive", "-schedule", "0x1"}, "at position 3"},
		{"schedule names a missing thread", []string{"replay", "-protocol", "naive", "-schedule", "0.2"}, "does not fit naive with 2 threads, 1 call each under sc: schedule does not fit at step 2"},
		{"schedule names a thread beyond the bound on threads", []string{"replay", "-protocol", "naive", "-schedule", "0.1000"}, "does not fit at position 3: thread 1000 does not exist: an execution has at most 1000 threads (0 to 999)"},
		{"schedule cannot run where it asks", []string{"replay", "-protocol", "naive", "-schedule", "0.f0:1"}, "does not fit naive with 2 threads, 1 call each under sc: schedule does not fit at step 2"},
		{"schedule of 64 huge repeats", []string{"replay", "-protocol", "naive", "-schedule", strings.Repeat("0x1048576.", 63) + "0x1048576"},
			`"0x1048576.0x1048576.0x1048576."…".0x1048576.0x1048576.0x1048576" (639 bytes): schedule does not fit at position 3: the schedule reaches 1048576 thread and flush decisions here, more than an execution under the step bound of 10000 steps can make (replaying naive with 2 threads, 1 call each, -max-steps 10000)`},
		{"schedule beyond -max-steps", []string{"replay", "-protocol", "naive", "-max-steps", "4", "-schedule", "0x3.1x5.0x2"}, "does not fit at position 7: the schedule reaches 8 thread and flush decisions"},
		{"schedule too short", []string{"replay", "-protocol", "naive", "-schedule", "0x2"}, "at step 3"},
		{"schedule too long", []string{"replay", "-protocol", "naive", "-schedule", "0x5.1x5.0"}, "at step 8: the execution ended"},
		{"schedule flushes under sc", []string{"replay", "-protocol", "naive", "-schedule", "0.f0:1"}, "at step 2"},
		{"schedule for other threads", []string{"replay", "-protocol", "naive", "-threads", "1", "-schedule", "0x3.1.0x2.1x4"}, "at step 4"},
		// Options that would do nothing, numbers Go's flag package would
		// read in another base, flags given twice.
		{"runs with dpor", []string{"explore", "-protocol", "naive", "-runs", "5"}, "-runs is only meaningful with a sampling strategy (-strategy random or pct), not dpor"},
		{"runs with dfs", []string{"explore", "-protocol", "naive", "-strategy", "dfs", "-runs", "5"}, "-runs is only meaningful with a sampling strategy (-strategy random or pct), not dfs"},
		{"seed with dfs", []string{"explore", "-protocol", "naive", "-strategy", "dfs", "-seed", "3"}, "-seed is only meaningful with a sampling strategy"},
		{"seed with dpor", []string{"explore", "-protocol", "naive", "-seed", "0"}, "-seed is only meaningful with a sampling strategy"},
		{"preemptions with random", []string{"explore", "-protocol", "naive", "-strategy", "random", "-preemptions", "0"}, "-preemptions bounds an exhaustive search (dfs, dpor, source-dpor); random samples"},
		{"preemptions with pct", []string{"explore", "-protocol", "naive", "-strategy", "pct", "-preemptions", "2"}, "-preemptions bounds an exhaustive search"},
		{"threads in hexadecimal", []string{"explore", "-protocol", "naive", "-threads", "0x2"}, `invalid value "0x2" for flag -threads: want a whole number such as 3 (in decimal)`},
		{"calls with an underscore", []string{"explore", "-protocol", "naive", "-calls", "1_0"}, `invalid value "1_0" for flag -calls: want a whole number such as 3 (in decimal)`},
		{"seed in octal", []string{"explore", "-protocol", "naive", "-strategy", "random", "-seed", "0o17"}, `for flag -seed: want a whole number, 0 or more (in decimal)`},
		{"threads out of range for an int", []string{"explore", "-protocol", "naive", "-threads", "99999999999999999999"}, "for flag -threads: 99999999999999999999 is out of range"},
		{"flag given twice", []string{"explore", "-protocol", "naive", "-threads", "2", "-threads", "3"}, "-threads given 2 times: give each flag once"},
		{"bool flag given twice", []string{"explore", "-protocol", "naive", "-quiet", "-quiet=false"}, "-quiet given 2 times"},
		{"replay flag given twice", []string{"replay", "-protocol", "naive", "-schedule", "0", "-schedule", "1"}, "-schedule given 2 times"},
		// Messages that name the flag and the range.
		{"timeout beyond a duration", []string{"explore", "-protocol", "naive", "-timeout", "99999999h"}, `invalid value "99999999h" for flag -timeout: want a duration such as 5s, 2m or 1h30m (a number needs a unit), at most 2562047h`},
		{"depth too large", []string{"explore", "-protocol", "naive", "-strategy", "pct", "-depth", "33"}, "-depth 33: must be between 1 and 32 (0 for the default 3)"},
		{"preemption bound too large", []string{"explore", "-protocol", "naive", "-preemptions", "10001"}, "-preemptions 10001: must be between 0 and 10000 (-1 for no bound)"},
		{"describe names two protocols", []string{"describe", "naive", "-protocol", "mutex"}, `two protocols named, "naive" as the argument and "mutex" with -protocol`},
		{"bench threads negative", []string{"bench", "-threads", "-1"}, `-threads "-1": want a thread count (1 to 64), a range such as 2-8 or a list such as 2,4,8`},
		{"bench threads in a list", []string{"bench", "-threads", "2,x"}, `-threads "2,x": "x": want a thread count`},
		{"bench threads in hexadecimal", []string{"bench", "-threads", "0x2"}, `-threads "0x2": want a thread count`},
		{"bench limit beyond a duration", []string{"bench", "-limit", "99999999h"}, "for flag -limit: want a duration"},
		{"save where nothing can be written", []string{"explore", "-protocol", "dual-selfheal", "-threads", "6", "-strategy", "dfs", "-timeout", "5s", "-save", "/proc/nope/x.json", "-format", "json"},
			"-save /proc/nope/x.json: cannot write a file in /proc/nope: no such file or directory"},
		{"viewer where nothing can be written", []string{"explore", "-protocol", "naive", "-html", "/proc/nope/x.html"}, "-html /proc/nope/x.html: cannot write a file in /proc/nope: no such file or directory"},
		{"verdicts threads", []string{"verdicts", "-threads", "100"}, "-threads 100"},
		{"verdicts protocol", []string{"verdicts", "-protocols", "naive,mutx"}, `did you mean "mutex"?`},
		{"verdicts memory", []string{"verdicts", "-memory", "sc,x86"}, `unknown memory model "x86"`},
		{"verdicts format", []string{"verdicts", "-format", "text"}, `-format "text"`},
		{"verdicts timeout", []string{"verdicts", "-timeout", "-1m"}, "-timeout -1m"},
		// A sampling strategy cannot prove a verdict: verdicts refuses it.
		{"verdicts sampling strategy", []string{"verdicts", "-strategy", "pct"}, "-strategy pct samples executions, so it cannot prove a verdict; the table needs an exhaustive one: dfs, dpor, source-dpor"},
		{"verdicts unknown strategy", []string{"verdicts", "-strategy", "dfz"}, `did you mean "dfs"?`},
		// -depth is PCT's: any other strategy would ignore it.
		{"depth without pct", []string{"explore", "-protocol", "naive", "-depth", "3"}, "-depth is the bug depth of -strategy pct; strategy dpor would ignore it"},
		{"depth with random", []string{"explore", "-protocol", "naive", "-strategy", "random", "-depth", "3"}, "strategy random would ignore it"},
		// A value the flag package cannot parse says what the flag takes.
		{"timeout without a unit", []string{"explore", "-protocol", "naive", "-timeout", "5"}, `invalid value "5" for flag -timeout: want a duration such as 5s`},
		{"verdicts timeout without a unit", []string{"verdicts", "-timeout", "5"}, "want a duration such as 5s"},
		{"negative width", []string{"explore", "-protocol", "naive", "-width", "-1"}, "-width -1"},
		{"html is not explore's format", []string{"explore", "-protocol", "naive", "-format", "html"}, `-format "html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, tt.args...)
			assert.Equal(t, exitBadInput, r.code, "stderr: %s", r.stderr)
			assert.Empty(t, r.stdout)
			assert.Contains(t, r.stderr, tt.want)
			assert.NotContains(t, r.stderr, "goroutine", "a Go stack trace reached the user")
			if len(tt.args) > 0 {
				assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "want one line, got:\n%s", r.stderr)
			}
		})
	}
}

// TestExitCodes checks each documented exit code with an input whose
// answer is known without the tool: naive's two threads can both see nil
// (two loads before any store); mutex serializes the getter; a search
// limited to one execution cannot be exhaustive.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"help"}, exitSafe},
		{"--help", []string{"--help"}, exitSafe},
		{"help for a command", []string{"help", "explore"}, exitSafe},
		{"-h of a command", []string{"replay", "-h"}, exitSafe},
		{"list", []string{"list"}, exitSafe},
		{"describe", []string{"describe", "mutex"}, exitSafe},
		{"safe protocol", []string{"explore", "-protocol", "mutex"}, exitSafe},
		{"violation", []string{"explore", "-protocol", "naive"}, exitViolation},
		{"violation, json", []string{"explore", "-protocol", "naive", "-format", "json"}, exitViolation},
		{"one thread cannot race", []string{"explore", "-protocol", "naive", "-threads", "1"}, exitSafe},
		{"limit hit", []string{"explore", "-protocol", "mutex", "-max-executions", "1"}, exitUnknown},
		{"time limit hit", []string{"explore", "-protocol", "mutex", "-threads", "8", "-timeout", "1ns"}, exitUnknown},
		// T0 runs its whole call (lock, load, new, init, store, unlock,
		// obtain) before T1 runs its (lock, load, unlock, obtain).
		{"replay without violation", []string{"replay", "-protocol", "mutex", "-schedule", "0x7.1x4"}, exitSafe},
		{"replay with violation", []string{"replay", "-protocol", "naive", "-schedule", "0.1.0x4.1x4"}, exitViolation},
		{"bad input", []string{"explore", "-protocol", "nope"}, exitBadInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, tt.args...)
			assert.Equal(t, tt.want, r.code, "stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			if tt.want != exitBadInput {
				assert.NotEmpty(t, r.stdout)
			}
		})
	}
}

// TestInterrupted: a search whose context is cancelled (Ctrl-C) reports the
// statistics so far with verdict unknown and exit 3.
func TestInterrupted(t *testing.T) {
	saved := interruptible
	t.Cleanup(func() { interruptible = saved })
	interruptible = func() (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx, cancel
	}
	r := runCmd(t, "explore", "-protocol", "naive", "-format", "json")
	require.Equal(t, exitUnknown, r.code, r.stderr)
	var rep exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rep))
	assert.Equal(t, "unknown", rep.Verdict)
	assert.Contains(t, rep.Reason, "interrupted")
}

func TestHelpListsEveryCommandAndExitCode(t *testing.T) {
	r := runCmd(t, "help")
	for _, c := range commands {
		assert.Contains(t, r.stdout, "singlecheck "+c.name)
	}
	for _, code := range []string{"0  safe", "1  violation", "2  bad input", "3  unknown"} {
		assert.Contains(t, r.stdout, code)
	}
}
