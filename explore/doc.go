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
//   - [Trace] and [FormatTrace]: an execution in words; [TraceStates]: the
//     shared memory and store buffers before and after each step.
//   - [RapidCheck], [RapidRun] and [RapidDecider]: schedules drawn by
//     pgregory.net/rapid, which shrinks a failing one to the fewest
//     preemptions; [CountPreemptions] counts them.
//   - [ReplayRun]: run I of a sampling search ([Random], [PCT]) regenerated
//     from (strategy, seed, I) alone.
//   - [SaveFile]: a counterexample on disk ([NewSaveFile], [ReadSaveFile],
//     [LoadSaveFile], [SaveFile.Replay]).
//
// Strategies implement [Strategy] (Begin, Decide, End, Exhaustive), one file
// each, and are listed by name in strategy.go. [DFS] enumerates every
// interleaving and is the reference every reduction is checked against.
// [DPOR] ("dpor", the default, and "source-dpor") explores at least one
// execution of every Mazurkiewicz trace; [TraceSignature] identifies an
// execution's trace whatever strategy produced it, and [CountTraces] makes
// any strategy report Stats.Traces. The package's tests check DPOR against
// DFS (same traces, outcomes and violation kinds) on the built-in protocols
// and on rapid-generated programs (explore/internal/progs); set
// SINGLECHECK_LONG=1 for the longer sweeps (weak memory at N = 2 and 3 and
// at N = 4 for optimality, more and larger generated programs).
//
// A verdict is safe only when an exhaustive strategy ran out of executions
// with no limit hit and no execution cut off; a sampling strategy or a limit
// gives unknown, never safe.
package explore
