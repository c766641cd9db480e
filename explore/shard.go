package explore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/model"
)

// Sharding runs one split search (split.go) on several machines: shard k of
// n explores the subtrees whose index is k-1 modulo n, in prefix order, and
// writes what it found as a Shard (JSON); MergeShards combines the shards'
// files into the result of the whole search. Every shard computes the same
// subtrees (they depend only on the program and the configuration), so the
// shards cover disjoint parts whose union is the whole search, and the
// merge is the parallel search's merge (split_merge.go): its verdict, kinds
// and trace count are the whole search's, whatever machine ran what.
//
// A shard alone is not a search of the program: its result is incomplete
// (never safe), and only a merge of every shard of one search can be
// complete. A merge whose shards are missing, duplicated, of different
// searches (program, workload, options, subtrees) or whose counterexamples
// do not replay is incomplete and says why: unknown, unless a shard found a
// violation, which stands.

// ShardFormat names the format of a Shard's JSON.
const ShardFormat = "singlecheck-shard/1"

// Shard is what one shard of a split search found, as written to JSON.
type Shard struct {
	Format string `json:"format"`
	// Search is what every shard of one search must agree on.
	Search ShardSearch `json:"search"`
	// Shard is this shard's number, 1 to Shards.
	Shard  int `json:"shard"`
	Shards int `json:"shards"`
	// Subtrees is the number of subtrees of the whole search, and Split a
	// hash of their prefixes: shards of one search agree on both.
	Subtrees int    `json:"subtrees"`
	Split    string `json:"split"`
	// Parts are the subtrees this shard explored, in order.
	Parts []ShardPart `json:"parts"`
	// Source names where the shard was read from (a file name), for
	// messages; it is not written.
	Source string `json:"-"`
}

// ShardSearch describes the search a shard is part of.
type ShardSearch struct {
	Program string `json:"program"`
	// Workload is the caller's description of what the program runs (the
	// command line's workload flags): shards must agree on it.
	Workload      string `json:"workload"`
	Strategy      string `json:"strategy"`
	Memory        string `json:"memory"`
	Races         bool   `json:"races"`
	Symmetry      bool   `json:"symmetry"`
	MaxExecutions int    `json:"max_executions"`
	MaxSteps      int    `json:"max_steps"`
	StopAtFirst   bool   `json:"stop_at_first"`
	Timeout       string `json:"timeout"`
}

// ShardPart is one explored subtree.
type ShardPart struct {
	Subtree      int    `json:"subtree"` // 0-based index among Shard.Subtrees
	Prefix       string `json:"prefix"`  // the decisions its executions start with
	Strategy     string `json:"strategy"`
	Symmetry     bool   `json:"symmetry"`
	Executions   int    `json:"executions"`
	Steps        int    `json:"steps"`
	StepBound    int    `json:"step_bound"`
	SleepBlocked int    `json:"sleep_blocked"`
	Complete     bool   `json:"complete"`
	Reason       string `json:"reason"`
	Stopped      bool   `json:"stopped"`
	Equivalence  string `json:"equivalence,omitempty"`
	// Kinds are the violation kinds found, acceptable ones included.
	Kinds []model.Kind `json:"kinds"`
	// Outcomes and Traces are the hashes of the distinct final states and
	// the signatures of the distinct traces (hexadecimal).
	Outcomes []string `json:"outcomes"`
	Traces   []string `json:"traces,omitempty"`
	// Counterexample is the part's counterexample, ByKind each kind's
	// first (schedule and run index within the part).
	Counterexample *ShardExecution               `json:"counterexample,omitempty"`
	ByKind         map[model.Kind]ShardExecution `json:"by_kind,omitempty"`
}

// ShardExecution names one execution of a part by its schedule.
type ShardExecution struct {
	Schedule string `json:"schedule"`
	Run      int    `json:"run"`
}

// ParseShard reads "K/N" (1 ≤ K ≤ N ≤ MaxShards).
func ParseShard(s string) (k, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > MaxShards || k < 1 || k > n {
		return 0, 0, fmt.Errorf("shard %q: want K/N with 1 ≤ K ≤ N ≤ %d, such as 2/4 (the second of four shards)", s, MaxShards)
	}
	return k, n, nil
}

// MaxShards bounds the number of shards.
const MaxShards = 10_000

// shardSearch describes the search c configures on prog.
func shardSearch(prog model.Program, c Config, workload string) ShardSearch {
	return ShardSearch{Program: prog.Name, Workload: workload, Strategy: c.Strategy, Memory: c.Memory.String(),
		Races: !c.NoRaces, Symmetry: !c.NoSymmetry, MaxExecutions: c.MaxExecutions, MaxSteps: c.MaxSteps,
		StopAtFirst: c.StopAtFirst, Timeout: c.Timeout.String()}
}

// splitHash is a hash of the subtrees' prefixes.
func splitHash(units []subtree) string {
	h := sha256.New()
	for _, u := range units {
		fmt.Fprintf(h, "%s %v\n", u.prefix, u.leaf)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ExploreShard explores shard k of n of the search c configures on prog
// (c.Workers goroutines explore its subtrees) and returns its Shard and its
// own result, which is incomplete: only MergeShards of every shard can
// say safe. workload describes what prog runs beyond its name (MergeShards
// refuses shards that disagree on it). The strategy must be splittable
// (Splittable); an error wraps ErrNotSplittable otherwise.
func ExploreShard(ctx context.Context, prog model.Program, c Config, workload string, k, n int) (*Shard, *Result, error) {
	if err := c.Normalize(); err != nil {
		return nil, nil, err
	}
	if _, _, err := ParseShard(fmt.Sprintf("%d/%d", k, n)); err != nil {
		return nil, nil, err
	}
	if !Splittable(c) {
		return nil, nil, fmt.Errorf("strategy %s cannot be sharded: %w", c.Strategy, ErrNotSplittable)
	}
	if symmetryOrderApplies(prog, c) {
		return nil, nil, ErrSymmetryOrderNotSplittable
	}
	start := time.Now()
	ctx, cancel := withTimeLimit(ctx, c.Timeout)
	defer cancel()
	units, err := splitTree(ctx, prog, c, n)
	if err != nil {
		return nil, nil, err
	}
	var mine []subtree
	var idx []int
	for i := k - 1; i < len(units); i += n {
		mine, idx = append(mine, units[i]), append(idx, i)
	}
	parts, err := runSubtrees(ctx, prog, c, mine, start)
	if err != nil {
		return nil, nil, err
	}
	sh := &Shard{Format: ShardFormat, Search: shardSearch(prog, c, workload), Shard: k, Shards: n,
		Subtrees: len(units), Split: splitHash(units)}
	for i, r := range parts {
		sh.Parts = append(sh.Parts, shardPart(idx[i], mine[i], r))
	}
	res := mergeSubtrees(prog, c, mine, parts, fmt.Sprintf("shard %d of %d: %d of the search's %d subtrees; merge every shard's result for the verdict", k, n, len(mine), len(units)))
	res.Stats.Elapsed = time.Since(start)
	return sh, res, nil
}

func shardPart(i int, u subtree, r *Result) ShardPart {
	p := ShardPart{Subtree: i, Prefix: u.prefix.String(), Strategy: r.Strategy, Symmetry: r.Symmetry,
		Executions: r.Stats.Executions, Steps: r.Stats.Steps, StepBound: r.Stats.StepBound,
		SleepBlocked: r.Stats.SleepBlocked, Complete: r.Complete, Reason: r.Reason, Stopped: r.part.stopped,
		Equivalence: r.Stats.Equivalence, Kinds: slices.Concat(r.Violations, r.Acceptable), Outcomes: []string{}}
	for h := range r.part.outcomes {
		p.Outcomes = append(p.Outcomes, strconv.FormatUint(h, 16))
	}
	slices.Sort(p.Outcomes)
	for s := range r.part.signatures {
		p.Traces = append(p.Traces, s.String())
	}
	slices.Sort(p.Traces)
	if ce := r.Counterexample; ce != nil {
		p.Counterexample = &ShardExecution{Schedule: ce.Schedule.String(), Run: ce.Run}
	}
	for k, ce := range r.ByKind {
		if p.ByKind == nil {
			p.ByKind = map[model.Kind]ShardExecution{}
		}
		p.ByKind[k] = ShardExecution{Schedule: ce.Schedule.String(), Run: ce.Run}
	}
	return p
}

// Save writes the shard's JSON to path (atomically: a reader never sees
// half a file).
func (s *Shard) Save(path string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomically(path, append(b, '\n'))
}

// LoadShard reads a shard's JSON from path; its Source is path.
func LoadShard(path string) (*Shard, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Shard
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s is not a shard's result: %w", path, err)
	}
	if s.Format != ShardFormat {
		return nil, fmt.Errorf("%s is not a shard's result (format %q, want %q)", path, s.Format, ShardFormat)
	}
	s.Source = path
	return &s, nil
}
