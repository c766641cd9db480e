// Package rewrite instruments the files of a type-checked Go package for
// singlecheck test, on copies: the user's files are read, never written.
//
// In the rewritten copy
//   - every read and write of a location that may be shared becomes a call
//     of gotest.Read or gotest.Ref(…).Store (a modelled plain access):
//     package-level variables (of any package), local variables that a
//     closure captures or whose address is taken, and fields, elements and
//     pointees reached through a pointer, a slice or from such a location;
//     values of the drop-in primitives' types are not loaded, they have
//     operations of their own;
//   - map lookups, len, range, assignments and deletes go through
//     gotest.MapR / gotest.MapW (one location per map);
//   - channel operations become the model's (model.ChanSend, ChanRecv, …)
//     over the real channel, and a select statement model.Select over
//     model.RecvFrom, SendTo and Default cases, in a switch on the case
//     taken (selects.go);
//   - a spin-wait, for cond { } with a body that only yields, becomes
//     gotest.SpinWhile: the model's spin-assume (spin.go);
//   - go statements become gotest.Go with the function value and the
//     arguments evaluated at the statement, as Go does;
//   - allocations of the getter's result type (&T{…}, new(T)), or the calls
//     of the -constructor function, are wrapped with gotest.Constructed;
//   - each statement is preceded by gotest.At(&site), for traces in the
//     user's terms ("config.go:42" and the source line);
//   - imports listed in Imports (sync → the drop-in model/sync, …) are
//     replaced where the drop-in exists;
//   - package initialization moves out of the process's start: the var
//     declarations lose their initializers, which become functions called
//     (in Go's initialization order, then the init functions, renamed) by
//     the generated InitName, which the driver runs on each execution's
//     init thread after ZeroName zeroed every variable;
//   - in test mode, *testing.T in test files becomes *gotest.T and each
//     TestXxx is renamed (TestName), so that go test does not run it.
//
// Known imprecisions, not reported as limits: an assignment's operands are
// evaluated twice in x op= y when x's address has side effects; range over
// a shared slice reads its elements natively; maps are one location each,
// never buffered under TSO and PSO; a call into an uninstrumented package
// that writes through a pointer it was given writes natively.
//
// Constructs it cannot model faithfully are returned as Limits with their
// position; the command reports them and the verdict is unknown unless the
// user accepts them.
package rewrite
