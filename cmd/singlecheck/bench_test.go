package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBenchCommand(t *testing.T) {
	var out, errOut strings.Builder
	code := runBench([]string{"-protocols", "mutex", "-threads", "2,3", "-strategies", "dfs,dfs+symmetry", "-quiet"}, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "explored/traces")
	assert.Equal(t, 4, strings.Count(out.String(), "mutex"), out.String())
}

func TestBenchCommandBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"-protocols", "nosuch"},
		{"-threads", "8-2"},
		{"-threads", "x"},
		{"-strategies", "bogus"},
		{"-memory", "arm"},
		{"-limit", "-1s"},
		{"extra"},
		{"-nosuchflag"},
	} {
		var out, errOut strings.Builder
		assert.Equal(t, 2, runBench(args, &out, &errOut), "%v", args)
		assert.NotEmpty(t, errOut.String(), "%v", args)
	}
}

func TestParseThreads(t *testing.T) {
	got, err := parseThreads("2-4,8")
	assert.NoError(t, err)
	assert.Equal(t, []int{2, 3, 4, 8}, got)
}
