// Package explore searches the executions of a modelled program and judges
// them.
//
// Entry points:
//
//   - [Explore] and [Search]: run a search as a [Config] says, returning a
//     [Result] with a [Verdict] (safe, violation, unknown), the violation
//     kinds found, the first [Counterexample] and [Stats].
//   - [Check] and [Replay]: the same from a go test, failing the test with
//     the readable trace of the most serious kind found ([Result.Pick],
//     [WithKind]) and the command that replays it ([ReplayEnv]).
//   - [CheckFunc] and [FuncProgram]: ordinary Go code, run as the main
//     modelled goroutine of every execution (model.Go, model.Read and
//     model.Write, the drop-in packages under model/).
//   - [Trace] and [FormatTrace]: an execution in words; [TraceStates]: the
//     shared memory and store buffers before and after each step.
//   - [RapidCheck], [RapidRun] and [RapidDecider]: schedules drawn by
//     pgregory.net/rapid, which shrinks a failing one to the fewest
//     preemptions; [CountPreemptions] counts them.
//   - [ReplayRun]: run I of a sampling search (random, pct) regenerated
//     from (strategy, seed, I) alone.
//   - [SaveFile]: a counterexample on disk ([NewSaveFile], [ReadSaveFile],
//     [LoadSaveFile], [SaveFile.Replay]).
//   - [Config].Workers: a search split into disjoint subtrees explored on
//     goroutines and merged in a fixed order (split.go, parallel.go);
//     [ExploreShard], [Shard] and [MergeShards]: the same split run on
//     several machines (shard.go). A shard alone is never complete.
//
// Strategies implement [Strategy] (Begin, Decide, End, Coverage), one file
// each, and are built by name ([StrategyNames], [NewStrategy]). The
// contract is closed: what a search covered (exhaustive or not, what a bound
// cut, traces, sleep-blocked executions, the seed, the strategy's name) is
// the one [Coverage] value a strategy returns, so a wrapper cannot lose it.
//
// "dfs" enumerates every interleaving and is the reference every reduction
// is checked against. "dpor" (the default; optimal DPOR with wakeup trees)
// and "source-dpor" explore at least one execution of every trace of the
// model's dependency relation (model/deps.go: under TSO and PSO, the
// classes of reads-from and coherence order); optimal DPOR explores exactly
// one per trace on programs without choices. [TraceSignature] identifies an
// execution's trace whatever strategy produced it, and [CountTraces] makes
// any strategy report Stats.Traces. Symmetry reduction (on by default for
// programs whose threads are identical) identifies executions equal up to a
// permutation of the threads: fully with DFS; with DPOR (no preemption
// bound) just as fully, over a dependency relation refined so that DPOR
// stays exact (the symmetry order, dpor_symorder.go, in its buffered mode
// under TSO and PSO, dpor_symorder_buffers.go), and under a bound for
// threads that have not started (dpor_symmetry.go says why). The package's tests check
// every reduction against DFS (same traces or orbits, outcomes and
// violation kinds) on the built-in protocols and on rapid-generated
// programs (explore/internal/progs); set SINGLECHECK_LONG=1 for the longer
// sweeps.
//
// Config.StateCache makes DFS stateful (statecache.go): it cuts an
// execution at a state already explored, by a fingerprint of the state
// (model.Driver.StateKey), checked against plain DFS the same way.//
// A verdict is safe only when an exhaustive strategy ran out of executions
// with nothing cut: no limit hit, no execution cut off by the step bound, no
// backtrack point left by a preemption bound. A sampling strategy or a limit
// gives unknown, never safe.
package explore
