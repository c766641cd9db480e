package native_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/protocols/native"
)

// One goroutine can never break the contract, whatever the protocol: a
// check of the harness's oracle, run sequentially so that it is not racy.
func TestTrialOfOneCallerIsClean(t *testing.T) {
	for name, fresh := range native.Protocols {
		o := native.Trial(fresh, 1)
		assert.False(t, o.Buggy(), name)
		assert.Equal(t, int32(1), o.Constructions, name)
	}
}

// The oracle flags what it should: a hand-made outcome of each kind.
func TestOutcomeBuggy(t *testing.T) {
	assert.True(t, native.Outcome{Constructions: 2}.Buggy())
	assert.True(t, native.Outcome{Constructions: 1, Divergent: true}.Buggy())
	assert.True(t, native.Outcome{Constructions: 1, Partial: 1}.Buggy())
	assert.False(t, native.Outcome{Constructions: 1}.Buggy())
}

// BenchmarkStress is the stress test a user would write: b.N trials of N
// goroutines each. It reports the fraction of trials that broke the
// contract, the trial at which it first broke (0: never), and the wall time
// to that trial. Run it with and without -race; under -race the race
// detector also reports the unsynchronized accesses (and marks the run
// failed), which is the other way a stress test catches these bugs.
//
//	go test -run '^$' -bench Stress -benchtime 2000x ./protocols/native
func BenchmarkStress(b *testing.B) {
	for _, name := range []string{"naive", "dcl"} {
		for _, n := range []int{2, 4, 8} {
			b.Run(fmt.Sprintf("%s/N=%d", name, n), func(b *testing.B) {
				fresh := native.Protocols[name]
				buggy, first := 0, 0
				var firstAt time.Duration
				start := time.Now()
				for i := range b.N {
					if native.Trial(fresh, n).Buggy() {
						buggy++
						if first == 0 {
							first = i + 1
							firstAt = time.Since(start)
						}
					}
				}
				b.ReportMetric(float64(buggy)/float64(b.N), "buggy/trial")
				b.ReportMetric(float64(first), "first-buggy-trial")
				b.ReportMetric(float64(firstAt.Microseconds()), "µs-to-first")
			})
		}
	}
}
