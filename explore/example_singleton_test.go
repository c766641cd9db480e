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
	// FAIL: TestSettings: multiple-construction, divergent-instances (2 executions, 2 traces)
	// search incomplete: other kinds may exist (stopped at the first violation, after 2 executions)
	// the first execution found with multiple-construction (execution 2):
	//    1  T0    load         instance         nil
	//    2  T0    new          Settings         Settings#1
	//    3  T1    load         instance         nil
	//    4  T1    new          Settings         Settings#2   ← multiple-construction: T1 constructed Settings again: construction number 2
	//    5  T1    store        instance         Settings#2
	//    6  T1    obtain                        Settings#2
	//    7  T0    store        instance         Settings#1
	//    8  T0    obtain                        Settings#1   ← divergent-instances: T0 obtained Settings#1, another caller obtained Settings#2
	//
	// replay: SINGLECHECK_REPLAY='TestSettings=0x2.1x4.0x2' go test -run '^TestSettings$' github.com/singlecheck/singlecheck/explore
}
