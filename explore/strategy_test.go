package explore_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/singlecheck/singlecheck/explore"
)

// The exhaustive strategies are those that can end safe: every other one
// samples and says unknown when it finds nothing.
func TestExhaustiveStrategyNames(t *testing.T) {
	assert.Equal(t, []string{"dfs", "dpor", "source-dpor"}, explore.ExhaustiveStrategyNames())
}
