package explore_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/internal/heap"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
	"github.com/singlecheck/singlecheck/scheduler"
)

// hostileInput is one worst case of a kind of schedule text (or save
// file) a user could hand to replay.
type hostileInput struct {
	name string
	prog model.Program
	text string
	save bool // text is a save file, read and then replayed
}

// lowest always runs the lowest alternative: thread 0 until it finishes,
// then thread 1, and so on.
type lowest struct{}

func (lowest) Decide(*scheduler.Point) int { return 0 }

// hostileInputs are the worst inputs of each kind under the default step
// bound: counts far beyond it, a megabyte of tokens beyond it, numbers and
// threads out of range, the longest schedule it admits (one that replays
// for all of its 10,000 steps), and a save file at the 64 MiB limit.
func hostileInputs() []hostileInput {
	naive := protocols.Naive.Program(protocols.Workload{Threads: 2, Calls: 1})
	big := protocols.DualSelfHeal.Program(protocols.Workload{Threads: 64, Calls: 1000})
	full := scheduler.Run(big, lowest{}, scheduler.Options{}).Schedule.String()
	save := `{"format": "singlecheck-counterexample", "version": 1, "protocol": "naive", "memory": "sc", "strategy": "dfs", "schedule": "` +
		strings.Repeat("0x1048576.", 63) + `0x1048576"}`
	inputs := []hostileInput{
		{"64 counts of 2^20", naive, strings.Repeat("0x1048576.", 63) + "0x1048576", false},
		{"4096 counts of 2^20", naive, strings.Repeat("0x1048576.", 4095) + "0x1048576", false},
		{"a MiB of single tokens", naive, strings.Repeat("0.", 1<<19) + "0", false},
		{"a MiB of flushes", naive, strings.Repeat("f1:1048576.", 1<<20/11), false},
		{"a MiB-long number", naive, strings.Repeat("9", 1<<20), false},
		{"a missing thread", naive, "0.1.2", false},
		{"a thread beyond the bound on threads", naive, "0.1.1000", false},
		{"the longest schedule the bound admits", big, full, false},
		{"a save file of 64 counts of 2^20", naive, save, true},
	}
	if !raceOn {
		inputs = append(inputs, hostileInput{"a save file of 64 MiB", naive,
			save[:len(save)-1] + strings.Repeat(" ", explore.MaxSaveFileSize-len(save)) + "}", true})
	}
	return inputs
}

// replayInput reads and replays one input as the CLI does, returning the
// error (most are refused).
func replayInput(in hostileInput) error {
	if in.save {
		f, err := explore.ReadSaveFile(strings.NewReader(in.text))
		if err != nil {
			return err
		}
		_, err = f.Replay(in.prog)
		return err
	}
	_, err := explore.ReplaySchedule(in.prog, in.text, explore.Config{})
	return err
}

// Parsing and replaying the worst input of each kind costs a bounded amount
// of memory: a text refused for asking too much costs at most a few bytes
// per input byte (a save file: the file, read once, and its decoded
// string), and no text costs more than replaying the longest schedule the
// step bound admits. Before the limits, the first input alone took 1.5 GB.
// (Under the race detector the 64 MiB save file is left out: decoding it
// takes seconds there.)
func TestReplayOfHostileInputIsBounded(t *testing.T) {
	inputs := hostileInputs()
	var longest uint64
	for _, in := range inputs {
		if strings.HasPrefix(in.name, "the longest") {
			require.NoError(t, replayInput(in), "the longest schedule must replay")
			longest = heap.Bytes(1, func() { _ = replayInput(in) })
		}
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			var err error
			b := heap.Bytes(1, func() { err = replayInput(in) })
			perByte := float64(b) / float64(len(in.text))
			t.Logf("%d bytes of input: %d bytes allocated, %.2f per input byte", len(in.text), b, perByte)
			if strings.HasPrefix(in.name, "the longest") {
				return
			}
			require.Error(t, err, "every other input is refused")
			if !in.save {
				assert.LessOrEqual(t, b, longest, "costs more than the longest replay the bound admits")
			}
			// A few KiB whatever the input (building the program to learn
			// its threads, JSON decoding, the error), and per input byte:
			// nothing for a schedule, the file read once and its schedule
			// decoded once for a save file.
			const fixed = 16 << 10
			perByteLimit := 0.0
			if in.save {
				perByteLimit = 2.1
			}
			assert.LessOrEqual(t, float64(b), fixed+perByteLimit*float64(len(in.text)),
				"a refused input costs at most %d bytes and %.1f per input byte", fixed, perByteLimit)
		})
	}
}

// BenchmarkReplayHostileInput reports what reading and replaying the worst
// input of each kind costs, per input byte.
//
//	go test ./explore -run '^$' -bench ReplayHostileInput -benchmem
func BenchmarkReplayHostileInput(b *testing.B) {
	for _, in := range hostileInputs() {
		b.Run(strings.ReplaceAll(in.name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				_ = replayInput(in)
			}
			runtime.ReadMemStats(&after)
			n := float64(b.N)
			b.ReportMetric(float64(len(in.text)), "input-bytes")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n/float64(len(in.text)), "B/input-byte")
		})
	}
}
