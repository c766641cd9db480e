package sync_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// search explores every execution of main under memory m with strategy
// (the default if empty) and returns the result.
func search(t *testing.T, main func(), m model.Memory, strategy string) *explore.Result {
	t.Helper()
	res, err := explore.Explore(context.Background(), explore.FuncProgram(t.Name(), main),
		explore.Config{Memory: m, Strategy: strategy})
	require.NoError(t, err)
	require.True(t, res.Complete, "%s: the search did not finish: %s", t.Name(), res.Reason)
	return res
}

// panicMessage is the message of the first panic violation res found.
func panicMessage(t *testing.T, res *explore.Result) string {
	t.Helper()
	ce := res.ByKind[model.Panic]
	require.NotNil(t, ce, "no panic found: %v", res.Violations)
	for _, v := range ce.Execution.Violations() {
		if v.Kind == model.Panic {
			return v.Msg
		}
	}
	return ""
}

// eachMemory runs f under SC, TSO and PSO.
func eachMemory(t *testing.T, f func(t *testing.T, m model.Memory)) {
	for _, m := range model.Memories {
		t.Run(m.String(), func(t *testing.T) { f(t, m) })
	}
}
