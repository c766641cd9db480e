package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/model"
)

// runMerge combines the partial results of 'explore -shard K/N' into the
// result of the whole search and prints it as explore would (merge FILES).
// The search is the one the files name (protocol, workload, options); a
// file that cannot be read, a missing or duplicated shard, or a shard of
// another search makes the verdict unknown, never safe, with the reason.
func runMerge(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("merge")
	format := fs.String("format", "text", "output format: text or json")
	kind := fs.String("kind", "", "show the first counterexample of this violation kind (default: the most serious kind found)")
	save := fs.String("save", "", "write the counterexample shown to this file, for 'singlecheck replay -file'")
	html := fs.String("html", "", "also write the counterexample shown to this file as an interactive page")
	var width int
	registerWidth(fs, &width)
	err := parseStrict(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, stdout)
		return exitSafe
	}
	if err != nil {
		return usageError(stderr, "merge", "%v (run 'singlecheck merge -h' for the flags)", explainParseError(fs, err))
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return usageError(stderr, "merge", "%v", err)
	}
	if *kind != "" && !isKind(*kind) {
		return usageError(stderr, "merge", "-kind %q: unknown violation kind; use one of %s", *kind, kindList(model.Kinds, ""))
	}
	files := fs.Args()
	if len(files) == 0 {
		return usageError(stderr, "merge", "no files: give the partial result of every shard (explore -shard K/N -out FILE)")
	}
	for _, out := range []struct{ flag, path string }{{"save", *save}, {"html", *html}} {
		if out.path != "" {
			if err := explore.CheckSavePath(out.path); err != nil {
				return usageError(stderr, "merge", "-%s %s: %v", out.flag, out.path, err)
			}
		}
	}
	var shards []*explore.Shard
	var unreadable []string
	for _, path := range files {
		sh, err := explore.LoadShard(path)
		if err != nil {
			unreadable = append(unreadable, err.Error())
			continue
		}
		shards = append(shards, sh)
	}
	if len(shards) == 0 {
		return usageError(stderr, "merge", "no shard's result could be read: %s", strings.Join(unreadable, "; "))
	}
	w, c, err := searchOf(shards[0].Search)
	if err != nil {
		return usageError(stderr, "merge", "%s: %v", shards[0].Source, err)
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := explore.MergeShards(ctx, w.program(), c, w.flags(), shards)
	if err != nil {
		fmt.Fprintf(stderr, "singlecheck merge: %v\n", err)
		return exitUnknown
	}
	if len(unreadable) > 0 {
		// A shard whose file cannot be read is a shard that failed: the
		// merged search did not see its part.
		res.Complete = false
		res.Reason = strings.Join(append(unreadable, res.Reason), "; ")
		if res.Verdict == explore.Safe {
			res.Verdict = explore.Unknown
		}
	}
	x := &exploration{w: w, res: res, cfg: c, width: outputWidth(width, stdout)}
	x.shown, x.kind = res.Pick(model.Kind(*kind))
	x.wanted = model.Kind(*kind)
	if *save != "" {
		x.save(*save, stderr)
	}
	if *html != "" {
		x.writeHTMLFile(*html, stderr)
	}
	if *format == "json" {
		if err := writeJSON(stdout, x.report()); err != nil {
			fmt.Fprintf(stderr, "singlecheck merge: %v\n", err)
			return exitUnknown
		}
	} else {
		x.writeText(stdout)
	}
	return verdictCode(res.Verdict)
}

// searchOf rebuilds the workload and configuration a shard ran with.
func searchOf(s explore.ShardSearch) (workload, explore.Config, error) {
	fs := newFlagSet("shard")
	var wf workloadFlags
	wf.register(fs)
	if err := parseStrict(fs, strings.Fields(s.Workload)); err != nil || fs.NArg() > 0 {
		return workload{}, explore.Config{}, fmt.Errorf("workload %q is not explore's flags: %v", s.Workload, err)
	}
	w, err := wf.resolve()
	if err != nil {
		return workload{}, explore.Config{}, err
	}
	c := w.config()
	c.Strategy, c.MaxExecutions, c.StopAtFirst, c.NoSymmetry = s.Strategy, s.MaxExecutions, s.StopAtFirst, !s.Symmetry
	if c.Timeout, err = time.ParseDuration(s.Timeout); err != nil {
		return workload{}, explore.Config{}, fmt.Errorf("timeout %q: %w", s.Timeout, err)
	}
	if err := c.Normalize(); err != nil {
		return workload{}, explore.Config{}, err
	}
	return w, c, nil
}

func isKind(k string) bool {
	for _, x := range model.Kinds {
		if string(x) == k {
			return true
		}
	}
	return false
}
