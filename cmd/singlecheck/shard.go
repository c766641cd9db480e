package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// workersEnv is -workers' environment twin: it sets the default.
const workersEnv = "SINGLECHECK_WORKERS"

// registerWorkers registers -workers; 0, the default, is autoWorkers'.
func registerWorkers(fs *flag.FlagSet, workers *int) {
	fs.IntVar(workers, "workers", 0, "explore disjoint subtrees of the search on this many goroutines; 1 is the sequential search; "+
		"0 picks $"+workersEnv+" if set, else the number of CPUs for dfs and 1 for dpor and source-dpor, whose split repeats work "+
		"(docs/SHARDING.md); strategies that cannot be split (random, pct, dpor with -preemptions) always run on one")
}

// autoWorkers is the number of workers -workers 0 stands for under
// strategy: $SINGLECHECK_WORKERS if set, else the number of CPUs for DFS,
// whose subtrees share no work, and 1 for DPOR, whose subtrees repeat the
// traces their prefixes do not tell apart (measured in docs/BENCHMARKS.md:
// on two cores, more work than the second core gives back).
func autoWorkers(strategy string) int {
	if v, err := strconv.Atoi(os.Getenv(workersEnv)); err == nil && v > 0 {
		return min(v, explore.MaxWorkers)
	}
	if strategy == "dfs" {
		return runtime.NumCPU()
	}
	return 1
}

// runShard explores shard K/N of the search (explore -shard) and writes its
// partial result: as JSON on stdout, or to -out with the shard's report on
// stdout (in -format). The exit code speaks of the shard's part: 1 if it found a
// violation, 0 if it explored its whole part, 3 if a limit cut it.
func runShard(f *exploreFlags, w workload, c explore.Config, stdout, stderr io.Writer) int {
	k, n, err := explore.ParseShard(f.shard)
	if err != nil {
		return usageError(stderr, "explore", "-shard: %v", err)
	}
	switch {
	case !explore.Splittable(c):
		return usageError(stderr, "explore", "-shard: strategy %s cannot be split into shards: %v", strategyOrDefault(f.strategy), explore.ErrNotSplittable)
	case f.save != "" || f.html != "":
		return usageError(stderr, "explore", "-shard: a shard shows no counterexample; give -save or -html to 'singlecheck merge'")
	}
	if f.out != "" {
		if err := explore.CheckSavePath(f.out); err != nil {
			return usageError(stderr, "explore", "-out %s: %v", f.out, err)
		}
	}
	ctx, stop := interruptible()
	defer stop()
	sh, res, err := explore.ExploreShard(ctx, w.program(), c, w.flags(), k, n)
	if errors.Is(err, explore.ErrSymmetryOrderNotSplittable) {
		return usageError(stderr, "explore", "-shard: %v", err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck explore: shard %d/%d: %v\n", k, n, err)
		return exitUnknown
	}
	if f.out != "" {
		if err := sh.Save(f.out); err != nil {
			fmt.Fprintf(stderr, "singlecheck explore: -out %s: %v\n", f.out, err)
			return exitUnknown
		}
		x := &exploration{w: w, res: res, cfg: c, width: outputWidth(f.width, stdout)}
		x.shown, x.kind = res.Pick(model.Kind(f.kind))
		if f.format == "json" {
			if err := writeJSON(stdout, x.report()); err != nil {
				fmt.Fprintf(stderr, "singlecheck explore: %v\n", err)
				return exitUnknown
			}
		} else {
			x.writeText(stdout)
		}
		fmt.Fprintf(stderr, "singlecheck explore: shard %d/%d written to %s (combine the %d files with: %s merge FILES...)\n", k, n, f.out, n, tool)
	} else {
		if err := writeJSON(stdout, sh); err != nil {
			fmt.Fprintf(stderr, "singlecheck explore: %v\n", err)
			return exitUnknown
		}
		fmt.Fprintf(stderr, "singlecheck explore: shard %d/%d: %s, %s\n", k, n, plural(len(sh.Parts), "subtree"), statsText(res.Stats))
	}
	return shardCode(sh, res)
}

// shardCode is a shard's exit code: 1 if it found a violation, 0 if every
// part of it was explored completely, 3 otherwise.
func shardCode(sh *explore.Shard, res *explore.Result) int {
	if res.Verdict == explore.Violation {
		return exitViolation
	}
	for _, p := range sh.Parts {
		if !p.Complete || p.Stopped {
			return exitUnknown
		}
	}
	return exitSafe
}
