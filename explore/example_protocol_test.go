package explore_test

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// lazyConfig models a lazily loaded configuration, written against the
// public model API the way one writes the real Go code:
//
//	var (
//		mu  sync.Mutex
//		cfg atomic.Pointer[Config]
//	)
//
//	func Get() *Config {
//		if c := cfg.Load(); c != nil {
//			return c
//		}
//		mu.Lock()
//		defer mu.Unlock()
//		if recheck {            // the buggy version leaves this out
//			if c := cfg.Load(); c != nil {
//				return c
//			}
//		}
//		c := load()             // allocate, then fill in the fields
//		cfg.Store(c)
//		return c
//	}
//
// Without the second check, two callers that both see nil before either
// takes the lock both load: the lock serializes the loads but does not
// prevent the second one.
func lazyConfig(recheck bool, threads int) model.Program {
	return model.Program{
		Name:      "lazy-config",
		Identical: true,
		Build: func(w *model.World) []model.Body {
			mu := model.NewMutex(w, "mu")
			cfg := model.NewAtomic(w, "cfg")
			class := model.NewClass(w, "Config", "path", "limits")
			get := func(t *model.Thread) model.Value {
				if c := cfg.Load(t); c != model.Nil {
					return c
				}
				mu.Lock(t)
				defer mu.Unlock(t)
				if recheck {
					if c := cfg.Load(t); c != model.Nil {
						return c
					}
				}
				c := class.New(t)
				class.InitAll(t, c)
				cfg.Store(t, c)
				return c
			}
			bodies := make([]model.Body, threads)
			for i := range bodies {
				bodies[i] = func(t *model.Thread) { t.Obtain(get(t)) }
			}
			return bodies
		},
	}
}

// printTB is an explore.TB that prints what a test would report, so that
// an example can show it (with the time a search took, which varies,
// elided); in a real test pass the *testing.T.
type printTB struct{ name string }

func (p printTB) Helper()      {}
func (p printTB) Name() string { return p.name }
func (p printTB) Logf(format string, args ...any) {
	fmt.Println("log: " + elapsed.ReplaceAllString(fmt.Sprintf(format, args...), "…"))
}

var elapsed = regexp.MustCompile(`[0-9.]+(ns|µs|ms|s)\b`)

func (p printTB) Fatalf(format string, args ...any) {
	fmt.Println("FAIL: " + strings.TrimRight(fmt.Sprintf(format, args...), "\n"))
}

// Check a protocol of your own from a go test: explore.Check searches every
// interleaving and fails the test with the trace of a counterexample and
// the command that replays it. Here the buggy lazy-config (no second check
// under the lock) fails; in a test, t is the *testing.T.
func ExampleCheck() {
	t := printTB{name: "TestLazyConfig"}
	explore.Check(t, lazyConfig(false, 2), explore.WithStrategy("dfs"))
	// Output:
	// FAIL: lazy-config: multiple-construction, divergent-instances (46 executions)
	// the first execution found with multiple-construction (execution 7):
	//    1  T0    atomic-load  cfg              nil
	//    2  T0    lock         mu
	//    3  T0    new          Config           Config#1
	//    4  T0    init         Config#1.path    done
	//    5  T0    init         Config#1.limits  done
	//    6  T1    atomic-load  cfg              nil
	//    7  T0    atomic-store cfg              Config#1
	//    8  T0    unlock       mu
	//    9  T0    obtain                        Config#1
	//   10  T1    lock         mu
	//   11  T1    new          Config           Config#2   ← multiple-construction: T1 constructed Config again: construction number 2
	//   12  T1    init         Config#2.path    done
	//   13  T1    init         Config#2.limits  done
	//   14  T1    atomic-store cfg              Config#2
	//   15  T1    unlock       mu
	//   16  T1    obtain                        Config#2   ← divergent-instances: T1 obtained Config#2, another caller obtained Config#1
	//
	// replay: SINGLECHECK_REPLAY='TestLazyConfig=0x5.1.0x3.1x7' go test -run '^TestLazyConfig$' github.com/singlecheck/singlecheck/explore
}

// The fixed protocol, checked exhaustively, is safe: Check passes and its
// result says so.
func ExampleCheck_safe() {
	t := printTB{name: "TestLazyConfigFixed"}
	res := explore.Check(t, lazyConfig(true, 3), explore.WithStrategy("dfs"))
	fmt.Println(res.Verdict, res.Stats.Executions > 0)
	// Output:
	// log: lazy-config: safe (1815 executions, …)
	// safe true
}
