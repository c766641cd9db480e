package atomic_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/internal/apicompare"
)

// Every exported identifier of sync/atomic has its counterpart here, with
// the same kind and signature.
func TestAPIMatchesSyncAtomic(t *testing.T) {
	want, err := apicompare.Import("sync/atomic")
	require.NoError(t, err)
	got, err := apicompare.Import("github.com/singlecheck/singlecheck/model/sync/atomic")
	require.NoError(t, err)
	require.NotEmpty(t, want.Scope().Names())
	assert.Empty(t, apicompare.Diff(want, got))
}
