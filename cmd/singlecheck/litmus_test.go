package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore/litmus"
	"github.com/singlecheck/singlecheck/model"
)

func runLitmusArgs(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = runLitmus(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestLitmusText(t *testing.T) {
	code, out, errs := runLitmusArgs("-test", "SB,MP")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 8)
	assert.Equal(t, []string{"TEST", "MODEL", "MATCH", "OUTCOMES", "EXECUTIONS", "BEYOND", "SC"}, strings.Fields(lines[0]))
	// SB's relaxed outcome appears under TSO and PSO only; MP's under PSO only.
	assert.Equal(t, []string{"SB", "sc", "yes", "3/3", "3"}, strings.Fields(lines[1]))
	assert.Equal(t, []string{"SB", "tso", "yes", "4/4", "4", "T0:r0=0", "T1:r1=0"}, strings.Fields(lines[2]))
	assert.Equal(t, []string{"MP", "tso", "yes", "3/3", "3"}, strings.Fields(lines[5]))
	assert.Equal(t, []string{"MP", "pso", "yes", "4/4", "4", "T1:r0=1", "T1:r1=0"}, strings.Fields(lines[6]))
	assert.Equal(t, "all 6 outcome sets match the published sets", lines[7])
}

func TestLitmusJSON(t *testing.T) {
	code, out, errs := runLitmusArgs("-format", "json")
	require.Equal(t, 0, code, errs)
	var rep struct {
		Tests []struct {
			Name   string `json:"name"`
			Models []struct {
				Memory    string   `json:"memory"`
				Reachable []string `json:"reachable"`
				Published []string `json:"published"`
				Matches   bool     `json:"matches_published"`
			} `json:"models"`
		} `json:"tests"`
		Matches bool `json:"matches_published"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.True(t, rep.Matches)
	require.Len(t, rep.Tests, len(litmus.All))
	for i, tr := range rep.Tests {
		assert.Equal(t, litmus.All[i].Name, tr.Name)
		require.Len(t, tr.Models, 3)
		for j, m := range tr.Models {
			assert.Equal(t, model.Memories[j].String(), m.Memory)
			assert.True(t, m.Matches, "%s %s", tr.Name, m.Memory)
			assert.Equal(t, m.Published, m.Reachable)
		}
	}
	// Spot checks against the literature: 2+2W's x=1 y=1 only under PSO.
	ww := rep.Tests[3]
	require.Equal(t, "2+2W", ww.Name)
	assert.NotContains(t, ww.Models[0].Reachable, "x=1 y=1")
	assert.NotContains(t, ww.Models[1].Reachable, "x=1 y=1")
	assert.Contains(t, ww.Models[2].Reachable, "x=1 y=1")
}

func TestLitmusMismatchExitsOne(t *testing.T) {
	saved := litmus.All
	defer func() { litmus.All = saved }()
	wrong := *litmus.MP
	wrong.Forbidden = nil // claims SC and TSO reach MP's relaxed outcome
	litmus.All = []*litmus.Test{&wrong}

	code, out, _ := runLitmusArgs()
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "MP sc: published but not reached: T1:r0=1 T1:r1=0")
	assert.Contains(t, out, "MP tso: published but not reached: T1:r0=1 T1:r1=0")
	assert.Contains(t, out, "2 of 3 outcome sets differ")

	code, out, _ = runLitmusArgs("-format", "json")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, `"matches_published": false`)
}

func TestLitmusBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-format", "xml"}, `-format "xml": use text, json`},
		{[]string{"-test", "SB,XX"}, `unknown litmus test "XX"`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-nosuch"}, "flag provided but not defined"},
		{[]string{"-test", "SB", "-strategy", "nosuch"}, "unknown strategy"},
	}
	for _, tc := range tests {
		code, out, errs := runLitmusArgs(tc.args...)
		assert.Equal(t, 2, code, tc.args)
		assert.Empty(t, out, tc.args)
		assert.Contains(t, errs, tc.want, tc.args)
	}
}

func TestLitmusHelp(t *testing.T) {
	code, out, errs := runLitmusArgs("-h")
	assert.Equal(t, 0, code)
	assert.Empty(t, errs)
	assert.Contains(t, out, "Usage: singlecheck litmus")
	assert.Contains(t, out, "-format")
}
