package scheduler_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/singlecheck/singlecheck/scheduler"
)

// FuzzParse: on any text and limits, ParseWithin never panics; it and Check
// agree; an error is a *ParseError with a position inside the text (or
// just past it); a schedule it returns is within the limits, allocated
// exactly (so its memory is 24 bytes a decision, and at most two decisions
// per step of the bound), and survives the round trip through String.
//
//	go test ./scheduler -run '^$' -fuzz FuzzParse -fuzztime 20s
func FuzzParse(f *testing.F) {
	for _, s := range []string{"-", "0", "0x3.1x5.0x2", "0x3.1.c1.f1:4.0x2", "f12:345x6", "c0x2.1", "0x1048576.0",
		"0.1.x3", "01", "0x1", "99999999999999999999", "0x10001", "0.2", ""} {
		f.Add(s, uint16(0), uint8(0))
		f.Add(s, uint16(10), uint8(2))
	}
	f.Fuzz(func(t *testing.T, text string, maxSteps uint16, threads uint8) {
		lim := scheduler.Limits{MaxSteps: int(maxSteps), Threads: int(threads % 70)}
		s, err := scheduler.ParseWithin(text, lim)
		if checkErr := scheduler.Check(text, lim); (err == nil) != (checkErr == nil) || (err != nil && err.Error() != checkErr.Error()) {
			t.Fatalf("ParseWithin says %v, Check says %v", err, checkErr)
		}
		if err != nil {
			var pe *scheduler.ParseError
			if !errors.As(err, &pe) || pe.Pos < 1 || pe.Pos > len(text)+1 {
				t.Fatalf("error %v (%T) is not a *ParseError with a position in 1..%d", err, err, len(text)+1)
			}
			return
		}
		bound := lim.MaxSteps
		if bound == 0 {
			bound = scheduler.DefaultMaxSteps
		}
		if len(s) > 2*bound || cap(s) != len(s) {
			t.Fatalf("%d decisions (capacity %d) for a step bound of %d", len(s), cap(s), bound)
		}
		back, err := scheduler.ParseWithin(s.String(), lim)
		if err != nil || !slices.Equal(s, back) {
			t.Fatalf("round trip of %q through %q: %v", text, s.String(), err)
		}
	})
}
