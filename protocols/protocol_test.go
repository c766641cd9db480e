package protocols_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

func TestValidateAll(t *testing.T) {
	require.NoError(t, protocols.Validate(protocols.All))
}

func TestValidateRejects(t *testing.T) {
	good := func() *protocols.Protocol {
		return &protocols.Protocol{Name: "p", Doc: "d", Build: protocols.Naive.Build,
			Expect: map[model.Memory][]model.Kind{model.SC: {}, model.TSO: {}, model.PSO: {}}}
	}
	tests := []struct {
		name string
		list func() []*protocols.Protocol
		want string
	}{
		{"nil", func() []*protocols.Protocol { return []*protocols.Protocol{nil} }, "is nil"},
		{"no name", func() []*protocols.Protocol { p := good(); p.Name = ""; return []*protocols.Protocol{p} }, "no name"},
		{"twice", func() []*protocols.Protocol { return []*protocols.Protocol{good(), good()} }, "listed twice"},
		{"no doc", func() []*protocols.Protocol { p := good(); p.Doc = ""; return []*protocols.Protocol{p} }, "no doc"},
		{"no build", func() []*protocols.Protocol { p := good(); p.Build = nil; return []*protocols.Protocol{p} }, "no Build"},
		{"no pso", func() []*protocols.Protocol {
			p := good()
			delete(p.Expect, model.PSO)
			return []*protocols.Protocol{p}
		}, "no expectation under pso"},
		{"unknown kind", func() []*protocols.Protocol {
			p := good()
			p.Expect[model.SC] = []model.Kind{"bogus"}
			return []*protocols.Protocol{p}
		}, `unknown kind "bogus"`},
		{"order", func() []*protocols.Protocol {
			p := good()
			p.Expect[model.TSO] = []model.Kind{model.DataRace, model.PartialInit}
			return []*protocols.Protocol{p}
		}, "not in the order"},
		{"acceptable unknown", func() []*protocols.Protocol {
			p := good()
			p.Acceptable = []model.Kind{"x"}
			return []*protocols.Protocol{p}
		}, "acceptable"},
		{"min threads unlisted", func() []*protocols.Protocol {
			p := good()
			p.MinThreads = map[model.Kind]int{model.NilInstance: 3}
			return []*protocols.Protocol{p}
		}, "no expectation lists"},
	}
	require.NoError(t, protocols.Validate([]*protocols.Protocol{good()}))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := protocols.Validate(tt.list())
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// descriptors is the one-line-per-protocol table: the protocol, its name,
// whether its workers run identical code, and how many threads it runs
// besides the workers (a reset fixture).
var descriptors = []struct {
	p         *protocols.Protocol
	name      string
	identical bool
	extra     int
}{
	{protocols.Naive, "naive", true, 0},
	{protocols.Mutex, "mutex", true, 0},
	{protocols.DCL, "dcl", true, 0},
	{protocols.DCLAtomic, "dcl-atomic", true, 0},
	{protocols.DCLEarlyPublish, "dcl-early-publish", true, 0},
	{protocols.DCLNoRecheck, "dcl-no-recheck", true, 0},
	{protocols.Once, "once", true, 0},
	{protocols.OnceCAS, "once-cas", true, 0},
	{protocols.OncePanic, "once-panic", true, 0},
	{protocols.CAS, "cas", true, 0},
	{protocols.Eager, "eager", true, 0},
	{protocols.Dual, "dual", false, 0},
	{protocols.DualReset, "dual-reset", false, 1},
	{protocols.DualSelfHeal, "dual-selfheal", false, 1},
}

func TestDescriptors(t *testing.T) {
	require.Len(t, protocols.All, len(descriptors), "every protocol in All has a line here, in All's order")
	for i, d := range descriptors {
		t.Run(d.name, func(t *testing.T) {
			p := d.p
			assert.Same(t, p, protocols.All[i], "position in All")
			assert.Equal(t, d.name, p.Name)
			got, ok := protocols.Lookup(d.name)
			assert.True(t, ok)
			assert.Same(t, p, got)
			assert.Equal(t, d.identical, p.Identical)

			sum := p.Summary()
			assert.NotEmpty(t, sum)
			assert.NotEqual(t, p.Doc, sum, "a summary line, then the rest")
			assert.LessOrEqual(t, len(sum), 200, "the summary is one line a list can print")
			for _, part := range []string{"Contract:", "Modelled code", "Why it "} {
				assert.Contains(t, p.Doc, part, "the doc has the sync/once.go parts")
			}

			for _, n := range []int{1, 2, 3} {
				w := model.NewDriver(model.DriverOptions{}).World()
				bodies := p.Build(w, protocols.Workload{Threads: n, Calls: 1})
				assert.Len(t, bodies, n+d.extra, "threads at N=%d", n)
			}
		})
	}
}

func TestWorkloadValidate(t *testing.T) {
	tests := []struct {
		wl   protocols.Workload
		want string // "" for valid
	}{
		{protocols.DefaultWorkload, ""},
		{protocols.Workload{Threads: 64, Calls: 1000, Resets: 16}, ""},
		{protocols.Workload{Threads: 3, Calls: 1, Entries: []protocols.Entry{protocols.EntryClassMethod}}, ""},
		{protocols.Workload{Threads: 0, Calls: 1}, "threads = 0"},
		{protocols.Workload{Threads: 65, Calls: 1}, "threads = 65"},
		{protocols.Workload{Threads: 2, Calls: 0}, "calls = 0"},
		{protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{protocols.NumEntries}}, "entry 0 is 3"},
		{protocols.Workload{Threads: 2, Calls: 1, Resets: -1}, "resets = -1"},
		{protocols.Workload{Threads: 2, Calls: 1, Resets: 17}, "resets = 17"},
	}
	for _, tt := range tests {
		err := tt.wl.Validate()
		if tt.want == "" {
			assert.NoError(t, err, "%+v", tt.wl)
		} else if assert.Error(t, err, "%+v", tt.wl) {
			assert.Contains(t, err.Error(), tt.want)
		}
	}
}

func TestEntries(t *testing.T) {
	def := protocols.Workload{Threads: 4, Calls: 1}
	var got []string
	for i := range 4 {
		got = append(got, def.EntryOf(i).String())
	}
	assert.Equal(t, "get_env constructor get_instance get_env", strings.Join(got, " "))
	one := protocols.Workload{Threads: 2, Calls: 1, Entries: []protocols.Entry{protocols.EntryConstructor}}
	assert.Equal(t, protocols.EntryConstructor, one.EntryOf(1))
	for e := range protocols.NumEntries {
		back, err := protocols.ParseEntry(e.String())
		require.NoError(t, err)
		assert.Equal(t, e, back)
	}
	_, err := protocols.ParseEntry("getenv")
	assert.ErrorContains(t, err, "unknown entry point")
	assert.Equal(t, 1, protocols.Workload{}.ResetCount())
	assert.Equal(t, 3, protocols.Workload{Resets: 3}.ResetCount())
}
