package explore_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/explore/internal/progs"
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// Property: the states TraceStates recomputes agree with the model on
// generated programs under every memory model: every plain load reads the
// thread's newest buffered store to its location, else memory, as the
// state before it says; every atomic load reads memory; and at the end the
// variables hold what the world's outcome says and each thread's buffers
// hold as many stores as the world's.
func TestTraceStatesAgreeWithTheModel(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		spec := progs.Gen(progs.Default).Draw(rt, "program")
		m := rapid.SampledFrom(model.Memories).Draw(rt, "memory")
		e := explore.RapidRun(rt, spec.Program(), explore.WithMemory(m))
		steps, states := explore.Trace(e), explore.TraceStates(e)
		require.Len(rt, states, len(steps)+1)
		for i, s := range steps {
			before := states[i]
			switch s.Op {
			case "load":
				want := memoryValue(rt, before, s.Location)
				for _, b := range before.Buffers {
					if b.ThreadName != s.ThreadName {
						continue
					}
					for _, entry := range b.Entries {
						if loc, v, _ := strings.Cut(entry, " ← "); loc == s.Location {
							want = v // the newest wins
						}
					}
				}
				require.Equal(rt, want, s.Value, "step %d: %s reads %s", s.Step, s.ThreadName, s.Location)
			case "atomic-load":
				require.Equal(rt, memoryValue(rt, before, s.Location), s.Value, "step %d", s.Step)
			}
		}
		end := states[len(states)-1]
		outcome := e.World.Outcome()
		for _, l := range end.Locations {
			if l.Kind == "var" || l.Kind == "atomic" {
				assert.Contains(rt, " "+outcome+" ", " "+l.Name+"="+itoa(l.Raw)+" ", "final value of %s", l.Name)
			}
		}
		for _, th := range e.World.Threads() {
			n := 0
			for _, b := range end.Buffers {
				if b.Thread == th.ID() {
					n += len(b.Entries)
				}
			}
			require.Equal(rt, th.Buffered(), n, "stores left in %s's buffers", th.Name())
		}
	})
}

func memoryValue(t require.TestingT, s explore.TraceState, name string) string {
	for _, l := range s.Locations {
		if l.Name == name {
			return l.Value
		}
	}
	require.Failf(t, "no such location", "%s", name)
	return ""
}

func itoa(v model.Value) string { return strconv.FormatInt(int64(v), 10) }

// TSO: naive's field initialization and store wait in T0's buffer, in
// order, until their flushes put them in memory.
func TestTraceStatesShowStoreBuffers(t *testing.T) {
	prog := protocols.Naive.Program(protocols.Workload{Threads: 1, Calls: 1})
	e, err := explore.ReplaySchedule(prog, "0x4.f0:2.f0:0.0", explore.Config{Memory: model.TSO})
	require.NoError(t, err)
	type row struct {
		Memory []string // name=value
		Buffer []string
	}
	var got []row
	for _, st := range explore.TraceStates(e) {
		var r row
		for _, l := range st.Locations {
			r.Memory = append(r.Memory, l.Name+"="+l.Value)
		}
		require.Len(t, st.Buffers, 1, "one buffer under TSO")
		assert.Equal(t, "T0", st.Buffers[0].ThreadName)
		assert.Empty(t, st.Buffers[0].Location, "a TSO buffer holds every location")
		r.Buffer = st.Buffers[0].Entries
		got = append(got, r)
	}
	want := []row{
		{Memory: []string{"inst=nil"}},                              // before step 1
		{Memory: []string{"inst=nil"}},                              // 1 load inst → nil
		{Memory: []string{"inst=nil", "T#1.ready=not initialized"}}, // 2 new T → T#1
		{Memory: []string{"inst=nil", "T#1.ready=not initialized"}, Buffer: []string{"T#1.ready ← initialized"}},
		{Memory: []string{"inst=nil", "T#1.ready=not initialized"}, Buffer: []string{"T#1.ready ← initialized", "inst ← T#1"}},
		{Memory: []string{"inst=nil", "T#1.ready=initialized"}, Buffer: []string{"inst ← T#1"}}, // 5 flush
		{Memory: []string{"inst=T#1", "T#1.ready=initialized"}},                                 // 6 flush
		{Memory: []string{"inst=T#1", "T#1.ready=initialized"}},                                 // 7 obtain
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("states (-want +got):\n%s", diff)
	}
}
