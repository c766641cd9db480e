package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// withProtocol adds p to protocols.All for the duration of the test.
func withProtocol(t *testing.T, p *protocols.Protocol) {
	saved := protocols.All
	protocols.All = append(append([]*protocols.Protocol(nil), saved...), p)
	t.Cleanup(func() { protocols.All = saved })
}

// tolerant is naive declaring every kind it can show acceptable: a search
// that finds only acceptable kinds is safe, says so, and shows an example
// labelled as acceptable; a replay of it exits 0.
var tolerant = &protocols.Protocol{
	Name:       "tolerant",
	Doc:        "naive, with every kind it shows declared acceptable (a test protocol)",
	Identical:  true,
	Acceptable: []model.Kind{model.MultipleConstruction, model.DivergentInstances, model.DataRace, model.PartialInit},
	Expect:     protocols.Naive.Expect,
	Build:      protocols.Naive.Build,
}

func TestAcceptableKinds(t *testing.T) {
	withProtocol(t, tolerant)
	r := runCmd(t, "explore", "-protocol", "tolerant")
	require.Equal(t, exitSafe, r.code, r.stderr)
	golden(t, "explore-acceptable", r.stdout)

	r = runCmd(t, "explore", "-protocol", "tolerant", "-format", "json")
	require.Equal(t, exitSafe, r.code, r.stderr)
	var ex exploreReport
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &ex))
	assert.Equal(t, "safe", ex.Verdict)
	assert.Empty(t, ex.Violations)
	assert.ElementsMatch(t, []string{"data-race", "divergent-instances", "multiple-construction"}, ex.Acceptable)
	require.NotNil(t, ex.Counterexample)

	rr := runCmd(t, splitCommand(t, ex.Counterexample.Replay)...)
	assert.Equal(t, exitSafe, rr.code, rr.stderr)
	assert.Contains(t, rr.stdout, "no violation in this execution")
	assert.Contains(t, rr.stdout, "acceptable  ")
}

// TestVerdictsExitCodes: verdicts exits 0 when every derived verdict
// matches the expectation, 1 when one does not (a protocol that expects
// naive to be safe), 3 when a search could not finish.
func TestVerdictsExitCodes(t *testing.T) {
	withProtocol(t, &protocols.Protocol{
		Name:      "wrong-expectation",
		Doc:       "naive, expected to be safe (a test protocol)",
		Identical: true,
		Expect:    map[model.Memory][]model.Kind{model.SC: {}, model.TSO: {}, model.PSO: {}},
		Build:     protocols.Naive.Build,
	})
	r := runCmd(t, "verdicts", "-protocols", "mutex", "-memory", "sc,tso")
	assert.Equal(t, exitSafe, r.code, r.stdout)
	assert.Contains(t, r.stdout, "| `mutex` | safe | safe | safe | yes |")

	r = runCmd(t, "verdicts", "-protocols", "mutex,wrong-expectation", "-memory", "sc")
	assert.Equal(t, exitViolation, r.code, r.stdout)
	assert.Contains(t, r.stdout, "| `wrong-expectation` | data-race, divergent-instances, multiple-construction | safe | **no** (sc) |")

	r = runCmd(t, "verdicts", "-protocols", "mutex", "-memory", "sc", "-max-executions", "1", "-format", "json")
	assert.Equal(t, exitUnknown, r.code, r.stdout)
	var table verdictTable
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &table))
	require.Len(t, table.Rows, 1)
	assert.False(t, table.Rows[0].Match)
	assert.Equal(t, "unknown", table.Rows[0].Results[0].Verdict)
}
