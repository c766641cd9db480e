package explore_test

import (
	"flag"
	"fmt"
	"strings"

	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
)

// rapidPrintTB is a rapid.TB that records a failure instead of failing,
// so that an example can show it; in a real test pass the *testing.T.
type rapidPrintTB struct {
	printTB
	failed bool
	out    strings.Builder
}

func (p *rapidPrintTB) Log(args ...any)                   {}
func (p *rapidPrintTB) Logf(format string, args ...any)   {}
func (p *rapidPrintTB) Skipf(format string, args ...any)  {}
func (p *rapidPrintTB) Skip(args ...any)                  {}
func (p *rapidPrintTB) SkipNow()                          {}
func (p *rapidPrintTB) Error(args ...any)                 { p.Errorf("%s", fmt.Sprint(args...)) }
func (p *rapidPrintTB) Fatal(args ...any)                 { p.Error(args...) }
func (p *rapidPrintTB) Fatalf(format string, args ...any) { p.Errorf(format, args...) }
func (p *rapidPrintTB) FailNow()                          { p.failed = true }
func (p *rapidPrintTB) Fail()                             { p.failed = true }
func (p *rapidPrintTB) Failed() bool                      { return p.failed }
func (p *rapidPrintTB) Errorf(format string, args ...any) {
	p.failed = true
	fmt.Fprintf(&p.out, format+"\n", args...)
}

// A rapid property test of your own protocol: rapid draws the schedule of
// each test case (explore.RapidCheck performs one execution per case) and,
// when one breaks the contract, shrinks it to the fewest preemptions. In a
// test this is
//
//	func TestLazyConfig(t *testing.T) {
//		rapid.Check(t, func(t *rapid.T) {
//			explore.RapidCheck(t, lazyConfig(false, 4))
//		})
//	}
//
// and the failure reads like Check's, with the schedule rapid shrank to,
// its number of preemptions, and rapid's -rapid.seed and fail file that
// reproduce it. The fixed version passes.
func ExampleRapidCheck() {
	// Keep this example from writing a fail file; a real test wants one.
	_ = flag.Set("rapid.nofailfile", "true")
	defer func() { _ = flag.Set("rapid.nofailfile", "false") }()

	fixed := &rapidPrintTB{printTB: printTB{name: "TestLazyConfigFixed"}}
	rapid.Check(fixed, func(t *rapid.T) { explore.RapidCheck(t, lazyConfig(true, 4)) })
	fmt.Println("fixed version failed:", fixed.failed)

	buggy := &rapidPrintTB{printTB: printTB{name: "TestLazyConfig"}}
	rapid.Check(buggy, func(t *rapid.T) { explore.RapidCheck(t, lazyConfig(false, 4)) })
	fmt.Println("buggy version failed:", buggy.failed)
	for _, line := range strings.Split(buggy.out.String(), "\n") {
		if strings.HasPrefix(line, "schedule:") {
			// The line is "schedule: <schedule> (<n> preemptions)".
			fmt.Println(line[strings.LastIndex(line, "("):])
			break
		}
	}
	// Output:
	// fixed version failed: false
	// buggy version failed: true
	// (1 preemption)
}
