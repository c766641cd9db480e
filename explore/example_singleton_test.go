package explore_test

import (
	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// Settings is the instance of a lazily built singleton.
type Settings struct{ Region string }

// Check a getter written in ordinary Go: setup builds fresh state for each
// execution and returns the getter; CheckSingleton calls it from two
// goroutines (WithThreads) and holds what they obtain to the singleton
// contract. The getter reads and writes its instance through
// model.Shared, so the checker sees those accesses, and marks what it
// builds with model.Constructed. This check-then-create getter builds
// Settings twice (WithoutRaces leaves out the data race on instance, and
// StopAtFirst the search past the first violation); in a test, t is the
// *testing.T.
func ExampleCheckSingleton() {
	t := printTB{name: "TestSettings"}
	explore.CheckSingleton(t, func() func() *Settings {
		instance := model.Shared[*Settings]{Name: "instance"}
		return func() *Settings {
			if s := instance.Load(); s != nil {
				return s
			}
			s := model.Constructed(&Settings{Region: "eu"})
			instance.Store(s)
			return s
		}
	}, explore.WithoutRaces(), explore.StopAtFirst())
	// Output:
	// FAIL: TestSettings: multiple-construction, divergent-instances (3 executions, 3 traces)
	// search incomplete: other kinds may exist (stopped at the first violation, after 3 executions)
	// the first execution found with multiple-construction (execution 3):
	//    1  T0    go           -                1
	//    2  T0    go           -                2
	//    3  T0    atomic-load  caller1.done     0
	//    4  T1    load         instance         nil
	//    5  T1    new          Settings         Settings#1
	//    6  T2    load         instance         nil
	//    7  T2    new          Settings         Settings#2   ← multiple-construction: T2 constructed Settings again: construction number 2
	//    8  T2    store        instance         Settings#2
	//    9  T2    obtain                        Settings#2
	//   10  T2    atomic-store caller2.done     1
	//   11  T1    store        instance         Settings#1
	//   12  T1    obtain                        Settings#1   ← divergent-instances: T1 obtained Settings#1, another caller obtained Settings#2
	//   13  T1    atomic-store caller1.done     1
	//   14  T0    await        caller1.done     0
	//   15  T0    atomic-load  caller1.done     1
	//   16  T0    atomic-load  caller2.done     1
	//
	// replay: SINGLECHECK_REPLAY='TestSettings=0x3.1x2.2x5.1x3.0x3' go test -run '^TestSettings$' github.com/singlecheck/singlecheck/explore
}
