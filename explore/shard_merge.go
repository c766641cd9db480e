package explore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/model"
)

// MergeShards combines shards of the search c configures on prog into its
// result (shard.go). workload must be what ExploreShard was given. Shards
// that are missing, duplicated or of another search leave the result
// incomplete, with the reason; so does a counterexample that does not
// replay. It returns an error only for a bad Config or no shards at all.
func MergeShards(ctx context.Context, prog model.Program, c Config, workload string, shards []*Shard) (*Result, error) {
	if err := c.Normalize(); err != nil {
		return nil, err
	}
	if len(shards) == 0 {
		return nil, fmt.Errorf("no shards to merge: give every shard's file")
	}
	start := time.Now()
	n := shards[0].Shards
	if n < 1 || n > MaxShards {
		return nil, fmt.Errorf("%s: shard count %d is not between 1 and %d", shards[0].Source, n, MaxShards)
	}
	units, err := splitTree(ctx, prog, c, n)
	if err != nil {
		return nil, fmt.Errorf("computing the subtrees to merge: %w", err)
	}
	want := shardSearch(prog, c, workload)
	split := splitHash(units)
	var problems []string
	seen := map[int]string{}
	parts := make([]*Result, len(units))
	replayed := map[string]*Counterexample{}
	for _, sh := range shards {
		name := sh.Source
		if name == "" {
			name = fmt.Sprintf("shard %d/%d", sh.Shard, sh.Shards)
		}
		switch {
		case sh.Format != ShardFormat:
			problems = append(problems, fmt.Sprintf("%s is not a shard result (format %q, want %q)", name, sh.Format, ShardFormat))
			continue
		case sh.Search != want:
			problems = append(problems, fmt.Sprintf("%s is of another search (%s)", name, searchDiff(want, sh.Search)))
			continue
		case sh.Shards != n:
			problems = append(problems, fmt.Sprintf("%s is shard %d of %d, the others are of %d", name, sh.Shard, sh.Shards, n))
			continue
		case sh.Subtrees != len(units) || sh.Split != split:
			problems = append(problems, fmt.Sprintf("%s split the search differently (%d subtrees, %s; here %d, %s): run every shard and the merge with one version", name, sh.Subtrees, sh.Split, len(units), split))
			continue
		case sh.Shard < 1 || sh.Shard > n:
			problems = append(problems, fmt.Sprintf("%s has shard number %d, not between 1 and %d", name, sh.Shard, n))
			continue
		}
		if prev, dup := seen[sh.Shard]; dup {
			problems = append(problems, fmt.Sprintf("shard %d of %d is given twice (%s and %s); only the first counts", sh.Shard, n, prev, name))
			continue
		}
		seen[sh.Shard] = name
		for _, p := range sh.Parts {
			if p.Subtree < 0 || p.Subtree >= len(units) || (p.Subtree-(sh.Shard-1))%n != 0 || p.Prefix != units[p.Subtree].prefix.String() {
				problems = append(problems, fmt.Sprintf("%s holds subtree %d (%s), which is not one of its own", name, p.Subtree, p.Prefix))
				continue
			}
			r, err := partResult(prog, c, p, replayed)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s, subtree %d: %v", name, p.Subtree, err))
				continue
			}
			parts[p.Subtree] = r
		}
	}
	for k := 1; k <= n; k++ {
		if _, ok := seen[k]; !ok {
			problems = append(problems, fmt.Sprintf("shard %d of %d is missing", k, n))
		}
	}
	res := mergeSubtrees(prog, c, units, parts, strings.Join(problems, "; "))
	if res.Strategy == "" {
		res.Strategy = c.Strategy
	}
	res.Stats.Elapsed = time.Since(start)
	return res, nil
}

// searchDiff names the fields in which got differs from want.
func searchDiff(want, got ShardSearch) string {
	var d []string
	add := func(what string, w, g any) {
		if w != g {
			d = append(d, fmt.Sprintf("%s %v, not %v", what, g, w))
		}
	}
	add("program", want.Program, got.Program)
	add("workload", want.Workload, got.Workload)
	add("strategy", want.Strategy, got.Strategy)
	add("memory", want.Memory, got.Memory)
	add("races", want.Races, got.Races)
	add("symmetry", want.Symmetry, got.Symmetry)
	add("max executions", want.MaxExecutions, got.MaxExecutions)
	add("max steps", want.MaxSteps, got.MaxSteps)
	add("stop at first", want.StopAtFirst, got.StopAtFirst)
	add("timeout", want.Timeout, got.Timeout)
	return strings.Join(d, ", ")
}

// partResult turns a shard's part back into a subtree's result, replaying
// its counterexamples (each distinct schedule once, in replayed).
func partResult(prog model.Program, c Config, p ShardPart, replayed map[string]*Counterexample) (*Result, error) {
	r := &Result{Program: prog.Name, Memory: c.Memory, Strategy: p.Strategy, Symmetry: p.Symmetry,
		Complete: p.Complete, Reason: p.Reason}
	r.Stats = Stats{Executions: p.Executions, Steps: p.Steps, StepBound: p.StepBound, SleepBlocked: p.SleepBlocked,
		Equivalence: p.Equivalence}
	r.part = partData{outcomes: map[uint64]struct{}{}, stopped: p.Stopped}
	for _, h := range p.Outcomes {
		v, err := strconv.ParseUint(h, 16, 64)
		if err != nil {
			return nil, fmt.Errorf("outcome %q: %w", h, err)
		}
		r.part.outcomes[v] = struct{}{}
	}
	if p.Equivalence != "" {
		r.part.signatures = map[Signature]struct{}{}
		for _, t := range p.Traces {
			s, err := parseSignature(t)
			if err != nil {
				return nil, err
			}
			r.part.signatures[s] = struct{}{}
		}
	}
	for _, k := range model.Kinds {
		if !slices.Contains(p.Kinds, k) {
			continue
		}
		if slices.Contains(prog.Acceptable, k) {
			r.Acceptable = append(r.Acceptable, k)
		} else {
			r.Violations = append(r.Violations, k)
		}
	}
	get := func(x ShardExecution) (*Counterexample, error) {
		key := fmt.Sprintf("%d %s", x.Run, x.Schedule)
		if ce, ok := replayed[key]; ok {
			return ce, nil
		}
		e, err := ReplaySchedule(prog, x.Schedule, c)
		if err != nil {
			return nil, fmt.Errorf("its counterexample does not replay: %w", err)
		}
		ce := &Counterexample{Schedule: e.Schedule, Execution: e, Run: x.Run}
		replayed[key] = ce
		return ce, nil
	}
	if p.Counterexample != nil {
		ce, err := get(*p.Counterexample)
		if err != nil {
			return nil, err
		}
		r.Counterexample = ce
	}
	for k, x := range p.ByKind {
		ce, err := get(x)
		if err != nil {
			return nil, err
		}
		if r.ByKind == nil {
			r.ByKind = map[model.Kind]*Counterexample{}
		}
		r.ByKind[k] = ce
	}
	return r, nil
}

func parseSignature(s string) (Signature, error) {
	var sig Signature
	if len(s) != 32 {
		return sig, fmt.Errorf("trace signature %q: want 32 hexadecimal digits", s)
	}
	for i := range sig {
		v, err := strconv.ParseUint(s[16*i:16*(i+1)], 16, 64)
		if err != nil {
			return sig, fmt.Errorf("trace signature %q: %w", s, err)
		}
		sig[i] = v
	}
	return sig, nil
}
