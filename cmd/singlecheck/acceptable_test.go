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
