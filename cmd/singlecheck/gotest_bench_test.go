package main

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/singlecheck/singlecheck/explore"
	"github.com/singlecheck/singlecheck/protocols"
)

// BenchmarkGoTestPerExecution compares, per execution of one exhaustive
// DFS search, the naive singleton checked as unmodified Go
// (examples/plain/naive, instrumented by singlecheck test) with the same
// protocol written against package model (protocols' naive), three callers
// each. It reports ns/exec and ns/step of both; the instrumented search
// runs inside its test binary, so its figure is the search's own elapsed
// time, without the build.
func BenchmarkGoTestPerExecution(b *testing.B) {
	const threads = 3
	b.Run("model", func(b *testing.B) {
		p, ok := protocols.Lookup("naive")
		if !ok {
			b.Fatal("no protocol naive")
		}
		prog := p.Program(protocols.Workload{Threads: threads, Calls: 1})
		var execs, steps int
		var ns int64
		for b.Loop() {
			res, err := explore.Explore(context.Background(), prog, explore.Config{Strategy: "dfs", NoSymmetry: true})
			if err != nil {
				b.Fatal(err)
			}
			execs += res.Stats.Executions
			steps += res.Stats.Steps
			ns += res.Stats.Elapsed.Nanoseconds()
		}
		b.ReportMetric(float64(ns)/float64(execs), "ns/exec")
		b.ReportMetric(float64(ns)/float64(steps), "ns/step")
	})
	b.Run("instrumented", func(b *testing.B) {
		var execs, steps int
		var ns int64
		for b.Loop() {
			var out, errOut bytes.Buffer
			code := run([]string{"test", "-format", "json", "-getter", "Get", "-threads", "3", "-strategy", "dfs",
				"-symmetry=false", "../../examples/plain/naive"}, &out, &errOut)
			if code != exitViolation {
				b.Fatalf("exit %d: %s", code, errOut.String())
			}
			var rep testReport
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				b.Fatal(err)
			}
			execs += rep.Stats.Executions
			steps += rep.Stats.Steps
			ns += rep.Stats.ElapsedNS
		}
		b.ReportMetric(float64(ns)/float64(execs), "ns/exec")
		b.ReportMetric(float64(ns)/float64(steps), "ns/step")
	})
}
