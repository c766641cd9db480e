package main

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzTestFlags feeds singlecheck test's argument parsing arbitrary
// command lines (the fuzzer's string, split at spaces): it never panics;
// bad input ends with exit 2 and one line on stderr that starts with
// "singlecheck test: ", -h with the usage on stdout and exit 0, and
// accepted input names exactly one of -getter and -run (or -file) with
// -threads in range, having written nothing. Only the flags are parsed:
// no package is loaded, no file is read or written.
func FuzzTestFlags(f *testing.F) {
	for _, seed := range []string{
		"-getter Get ./examples/plain/naive",
		"-run ^TestX$ -memory pso -threads 3 .",
		"-getter Get -reset ResetForTests -threads 2",
		"-getter Get -strategy random -seed 7 -runs 10",
		"-getter Get -strategy pct -depth 2",
		"-getter Get -instrument ./state,./other",
		"-file ce.json -format json",
		"-file ce.json -threads 3",
		"-getter Get -run X",
		"-threads 0 -getter Get",
		"-threads two",
		"-memory arm -getter Get",
		"-run ( ",
		"-timeout 5 -getter Get",
		"-max-executions -1 -getter Get",
		"-format yaml -getter Get",
		"-h",
		"-getter",
		"--getter=Get pkg -x",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		var out, errOut bytes.Buffer
		a, code, ok := parseTestArgs(args, &out, &errOut)
		if ok {
			if errOut.Len() > 0 || out.Len() > 0 {
				t.Fatalf("%q accepted but printed %q / %q", args, out.String(), errOut.String())
			}
			if a.f.file == "" && ((a.f.getter == "") == (a.f.run == "") || a.f.threads < 1 || a.f.threads > 8) {
				t.Fatalf("%q accepted with getter %q, run %q, threads %d", args, a.f.getter, a.f.run, a.f.threads)
			}
			return
		}
		switch code {
		case exitBadInput:
			msg := errOut.String()
			if !strings.HasPrefix(msg, "singlecheck test: ") || strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") {
				t.Fatalf("%q: exit 2 with stderr %q: want one line saying what is wrong", args, msg)
			}
			if out.Len() > 0 {
				t.Fatalf("%q: exit 2 with stdout %q", args, out.String())
			}
		case exitSafe:
			if !strings.Contains(out.String(), "Usage") && !strings.Contains(out.String(), "-getter") {
				t.Fatalf("%q: exit 0 without running and without the usage: %q", args, out.String())
			}
		default:
			t.Fatalf("%q: refused with exit %d (stderr %q)", args, code, errOut.String())
		}
	})
}
