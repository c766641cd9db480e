// Package examples holds four singletons written in ordinary Go against
// the drop-in packages model/sync and model/sync/atomic, each checked in
// its tests with explore.CheckSingleton and explore.CheckFunc:
//
//   - onceconfig: a sync.Once config with a ResetForTests (its bug: a
//     reset that lands inside Once.Do);
//   - dclpool: a double-checked pool over atomic.Pointer and sync.Mutex;
//   - oncevalue: sync.OnceValue;
//   - rwcache: a lazily filled cache behind an RWMutex.
//
// Each differs from the code it stands for in its import lines and in
// marking what it builds with model.Constructed, which the
// multiple-construction oracle counts. Package-level variables that are
// not drop-in primitives (a plain *Config) are not seen by the checker:
// code runs natively between modelled steps, so their accesses are
// neither interleaved nor checked for races (declare them model.Shared,
// or let singlecheck test instrument the package, to check them too).
package examples
