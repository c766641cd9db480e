package explore

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/protocols"
)

// shardsOf runs every shard of n of the search and returns them as a
// reader of their JSON would.
func shardsOf(t *testing.T, prog model.Program, c Config, n int) []*Shard {
	t.Helper()
	var out []*Shard
	for k := 1; k <= n; k++ {
		sh, res, err := ExploreShard(context.Background(), prog, c, "test", k, n)
		require.NoError(t, err)
		require.False(t, res.Complete, "a shard alone is never complete")
		require.NotEqual(t, Safe, res.Verdict)
		b, err := json.Marshal(sh)
		require.NoError(t, err)
		var back Shard
		require.NoError(t, json.Unmarshal(b, &back))
		back.Source = fmt.Sprintf("shard-%d.json", k)
		out = append(out, &back)
	}
	return out
}

// TestShardsMergeToTheWholeSearch: for every built-in protocol at three
// threads, the four shards of its default search, written to JSON and
// merged, give the unsharded search's verdict, kinds and trace count. A
// search under DPOR's symmetry order (symmetry on, interchangeable
// threads) is refused instead, with the way out.
func TestShardsMergeToTheWholeSearch(t *testing.T) {
	configs := []Config{{NoSymmetry: true}, {Memory: model.TSO}}
	for _, p := range protocols.All {
		for _, c := range configs {
			t.Run(fmt.Sprintf("%s/%s/symmetry=%v", p.Name, c.Memory, !c.NoSymmetry), func(t *testing.T) {
				prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
				norm := c
				require.NoError(t, norm.Normalize())
				if symmetryOrderApplies(prog, norm) {
					_, _, err := ExploreShard(context.Background(), prog, c, "test", 1, 4)
					require.ErrorIs(t, err, ErrSymmetryOrderNotSplittable)
					return
				}
				whole, err := Explore(context.Background(), prog, c)
				require.NoError(t, err)
				merged, err := MergeShards(context.Background(), prog, c, "test", shardsOf(t, prog, c, 4))
				require.NoError(t, err)
				require.Empty(t, cmp.Diff(viewOf(whole, false), viewOf(merged, false)))
				require.Equal(t, whole.Verdict == Safe, merged.Verdict == Safe)
				if ce, _ := whole.Pick(""); ce != nil {
					got, _ := merged.Pick("")
					require.NotNil(t, got)
					require.NotEmpty(t, got.Execution.Violations(), "the merged counterexample replays with its violations")
				}
			})
		}
	}
}

// DPOR's symmetry order (SC, symmetry on, interchangeable threads) is not
// split: sharding it is refused with the way out, and a parallel search
// of it runs whole, with the sequential result.
func TestSymmetryOrderIsNotSplit(t *testing.T) {
	prog := protocols.Once.Program(protocols.Workload{Threads: 3, Calls: 1})
	_, _, err := ExploreShard(context.Background(), prog, Config{}, "test", 1, 2)
	require.ErrorIs(t, err, ErrSymmetryOrderNotSplittable)
	assert.Contains(t, err.Error(), "-symmetry=false")
	seq, err := Explore(context.Background(), prog, Config{})
	require.NoError(t, err)
	par, err := Explore(context.Background(), prog, Config{Workers: 2})
	require.NoError(t, err)
	assert.Equal(t, seq.Stats.Executions, par.Stats.Executions, "the same search, not a split one")
	assert.Equal(t, seq.Stats.Traces, par.Stats.Traces)
}

// TestShardMergeIncomplete: a missing, duplicated or foreign shard makes
// the merge unknown (never safe) and says why.
func TestShardMergeIncomplete(t *testing.T) {
	p, _ := protocols.Lookup("mutex")
	prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
	c := Config{NoSymmetry: true}
	shards := shardsOf(t, prog, c, 4)
	full, err := MergeShards(context.Background(), prog, c, "test", shards)
	require.NoError(t, err)
	require.Equal(t, Safe, full.Verdict)

	other, _, err := ExploreShard(context.Background(), prog, Config{NoSymmetry: true, Memory: model.TSO}, "test", 4, 4)
	require.NoError(t, err)
	other.Source = "tso.json"
	cases := []struct {
		name   string
		shards []*Shard
		reason string
	}{
		{"missing", shards[:3], "shard 4 of 4 is missing"},
		{"duplicated", []*Shard{shards[0], shards[1], shards[1], shards[2]}, "shard 2 of 4 is given twice"},
		{"foreign", append(shards[:3:3], other), "tso.json is of another search (memory tso, not sc)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := MergeShards(context.Background(), prog, c, "test", tc.shards)
			require.NoError(t, err)
			require.Equal(t, Unknown, res.Verdict)
			require.False(t, res.Complete)
			require.Contains(t, res.Reason, tc.reason)
		})
	}
}

// TestShardKeepsViolationsOfPresentShards: a violation found by a shard
// stands even when another shard is missing; the merge is then incomplete.
func TestShardKeepsViolationsOfPresentShards(t *testing.T) {
	p, _ := protocols.Lookup("naive")
	prog := p.Program(protocols.Workload{Threads: 3, Calls: 1})
	c := Config{NoSymmetry: true}
	shards := shardsOf(t, prog, c, 2)
	res, err := MergeShards(context.Background(), prog, c, "test", shards[:1])
	require.NoError(t, err)
	require.Equal(t, Violation, res.Verdict)
	require.False(t, res.Complete)
	require.Contains(t, res.Reason, "shard 2 of 2 is missing")
}

func TestParseShard(t *testing.T) {
	k, n, err := ParseShard("2/4")
	require.NoError(t, err)
	require.Equal(t, [2]int{2, 4}, [2]int{k, n})
	for _, bad := range []string{"", "4", "0/4", "5/4", "a/b", "1/0", "-1/2"} {
		_, _, err := ParseShard(bad)
		require.Error(t, err, bad)
	}
}

// TestDFSShardsAreTheWholeSearch: DFS's shards, merged, are the unsharded
// search execution for execution, its counterexamples and run indices too.
func TestDFSShardsAreTheWholeSearch(t *testing.T) {
	for _, p := range protocols.All {
		t.Run(p.Name, func(t *testing.T) {
			prog := p.Program(protocols.Workload{Threads: 2, Calls: 1})
			c := Config{Strategy: "dfs"}
			whole, err := Explore(context.Background(), prog, c)
			require.NoError(t, err)
			merged, err := MergeShards(context.Background(), prog, c, "test", shardsOf(t, prog, c, 3))
			require.NoError(t, err)
			require.Empty(t, cmp.Diff(determinismOf(whole), determinismOf(merged)))
		})
	}
}
