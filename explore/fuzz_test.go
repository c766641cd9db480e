package explore_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// FuzzReadSaveFile: ReadSaveFile never panics on any bytes; a file it
// accepts has a valid Config and is written back and read again unchanged
// (an empty list may come back as none).
//
//	go test ./explore -run '^$' -fuzz FuzzReadSaveFile -fuzztime 20s
func FuzzReadSaveFile(f *testing.F) {
	good := `{"format": "singlecheck-counterexample", "version": 1, "tool": "0.1.0", "protocol": "naive",
		"workload": {"threads": "2", "calls": "1"}, "memory": "tso", "strategy": "pct", "seed": 3, "run": 7,
		"runs": 100, "depth": 2, "max_steps": 50, "schedule": "0x3.1x5.0x2", "violations": ["data-race"]}`
	for _, s := range []string{good, ``, `{}`, `{"format": "singlecheck-counterexample", "version": 2}`, good + good,
		`{"format": "singlecheck-counterexample", "version": 1, "protocol": "naive", "memory": "sc", "strategy": "nosuch", "schedule": "0"}`,
		`{"format": "singlecheck-counterexample", "version": 1, "protocol": "naive", "memory": "sc", "strategy": "dfs", "max_steps": 99999999999, "schedule": "0"}`,
		`{"format": "singlecheck-counterexample", "version": 1, "protocol": "naive", "memory": "sc", "strategy": "dfs", "schedule": "0x1048576.0x1048576"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, err := explore.ReadSaveFile(bytes.NewReader(data))
		if err != nil {
			return
		}
		if _, err := sf.Config(); err != nil {
			t.Fatalf("accepted a file whose Config fails: %v", err)
		}
		var b bytes.Buffer
		if err := sf.Write(&b); err != nil {
			t.Fatalf("writing back: %v", err)
		}
		again, err := explore.ReadSaveFile(&b)
		if err != nil {
			t.Fatalf("the file written back is refused: %v\n%s", err, b.String())
		}
		// An empty list is written as no list (omitempty) and read back nil.
		if diff := cmp.Diff(sf, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("read, written and read again (-first +second):\n%s", diff)
		}
	})
}

// FuzzReplay: replaying any text as a schedule of any built-in protocol
// under any memory model never panics and ends in one of three ways: the
// text is refused (*scheduler.ParseError), it does not fit the program
// (*scheduler.MismatchError), or the execution replays; the models are
// deterministic, so nothing else may happen. A schedule that replays
// replays again from its own text to the same events.
//
//	go test ./explore -run '^$' -fuzz FuzzReplay -fuzztime 20s
func FuzzReplay(f *testing.F) {
	for _, s := range []string{"0x3.1x5.0x2", "0.1.0x4.1x4", "0x7.1x4", "0.f0:0.1", "c1", "0x1048576", "-", "0x2", "1.0.f1:2.f0:1.1x3"} {
		for p := range len(protocols.All) {
			f.Add(uint8(p), uint8(0), uint8(2), s)
		}
		f.Add(uint8(0), uint8(1), uint8(2), s)
		f.Add(uint8(2), uint8(2), uint8(3), s)
	}
	f.Fuzz(func(t *testing.T, proto, memory, threads uint8, text string) {
		p := protocols.All[int(proto)%len(protocols.All)]
		m := model.Memories[int(memory)%len(model.Memories)]
		prog := p.Program(protocols.Workload{Threads: 1 + int(threads)%4, Calls: 1 + int(threads/4)%2})
		c := explore.Config{Memory: m, MaxSteps: 500}
		e, err := explore.ReplaySchedule(prog, text, c)
		var pe *scheduler.ParseError
		var me *scheduler.MismatchError
		switch {
		case errors.As(err, &pe), errors.As(err, &me):
			return
		case err != nil:
			t.Fatalf("%s under %s: replaying %q: unexpected error %v", p.Name, m, text, err)
		}
		again, err := explore.ReplaySchedule(prog, e.Schedule.String(), c)
		if err != nil {
			t.Fatalf("%s under %s: %q replayed, but its own text %q does not: %v", p.Name, m, text, e.Schedule, err)
		}
		if !scheduler.SameEvents(e.World.Events(), again.World.Events()) {
			t.Fatalf("%s under %s: %q and %q give different events", p.Name, m, text, e.Schedule)
		}
	})
}
