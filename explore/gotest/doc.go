// Package gotest runs a Go package that singlecheck test has instrumented:
// the driver test file the command generates calls Main, which reads the
// search's settings from the file named by the environment variable
// SINGLECHECK_SPEC, explores the executions of the target (the getter's
// callers, or a test body) and writes a Report as JSON to the file the
// settings name. The command reads that report and prints it.
//
// It also holds the functions the rewritten code calls (Read, Ref, MapR, …), so that
// the rewriter only inserts calls and never declares code in a user's
// package beyond the driver and one reset function.
//
// Nothing here is meant to be called by hand: write a check against
// explore.CheckFunc or explore.CheckSingleton instead.
package gotest
