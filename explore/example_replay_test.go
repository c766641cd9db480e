package explore_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
)

// A counterexample saved with -save (or explore.NewSaveFile) is a small
// JSON file: what was checked, how, and the schedule. Reading it back and
// replaying it performs the same execution again, step for step; the
// strategy, seed and run in it regenerate the same execution from the seed
// alone.
func ExampleSaveFile_Replay() {
	saved := `{
  "format": "singlecheck-counterexample",
  "version": 1,
  "tool": "0.1.0",
  "protocol": "naive",
  "workload": {"calls": "1", "threads": "2"},
  "memory": "sc",
  "no_races": true,
  "strategy": "random",
  "seed": 1,
  "run": 3,
  "runs": 1000,
  "schedule": "0.1.0x4.1x4"
}`
	f, err := explore.ReadSaveFile(strings.NewReader(saved))
	if err != nil {
		fmt.Println(err)
		return
	}
	p, _ := protocols.Lookup(f.Protocol)
	wl, err := protocols.WorkloadFromKeyValues(f.Workload)
	if err != nil {
		fmt.Println(err)
		return
	}
	e, err := f.Replay(p.Program(wl))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(explore.FormatTrace(e))
	// Output:
	//    1  T0    load         inst             nil
	//    2  T1    load         inst             nil
	//    3  T0    new          T                T#1
	//    4  T0    init         T#1.ready        done
	//    5  T0    store        inst             T#1
	//    6  T0    obtain                        T#1
	//    7  T1    new          T                T#2   ← multiple-construction: T1 constructed T again: construction number 2
	//    8  T1    init         T#2.ready        done
	//    9  T1    store        inst             T#2
	//   10  T1    obtain                        T#2   ← divergent-instances: T1 obtained T#2, another caller obtained T#1
}

// A sampling search names the seed and run of its counterexample;
// ReplayRun regenerates that run from them alone and gives the same
// execution, so "-strategy pct -seed 7 -run I" is as good as the schedule.
func ExampleReplayRun() {
	prog := protocols.Naive.Program(protocols.Workload{Threads: 4, Calls: 1})
	c := explore.Config{NoSymmetry: true, Strategy: "pct", Seed: 7, Runs: 100, NoRaces: true, StopAtFirst: true}
	res, err := explore.Explore(context.Background(), prog, c)
	if err != nil {
		fmt.Println(err)
		return
	}
	ce := res.Counterexample
	e, err := explore.ReplayRun(prog, c, ce.Run)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Verdict, "seed", ce.Seed)
	fmt.Println("same schedule:", e.Schedule.String() == ce.Schedule.String())
	fmt.Println("same trace:", explore.FormatTrace(e) == explore.FormatTrace(ce.Execution))
	// Output:
	// violation seed 7
	// same schedule: true
	// same trace: true
}
