// Package sync is a drop-in replacement for the standard library's sync
// package, for code checked by singlecheck: changing the import line
//
//	import "sync"
//
// to
//
//	import "github.com/singlecheck/singlecheck/model/sync"
//
// makes every Mutex, RWMutex, WaitGroup, Cond, Once, Map and Pool
// operation a step of the modelled goroutine that performs it, whose
// interleavings explore.CheckFunc and explore.CheckSingleton explore. The
// API is the standard library's (a test compares the two), and so are the
// documented semantics; each type's doc says where the model differs.
//
// Every primitive finds the running modelled goroutine with model.Current,
// and so panics with model.ErrOutsideCheck when used outside a checked
// function: there is no fallback to a real lock. Used on a goroutine that
// checked code started with a real go statement, it ends that goroutine
// and the search stops with an error wrapping model.ErrUnmanagedGoroutine
// (start goroutines with model.Go or WaitGroup.Go). As in Go, zero values are
// ready to use: a primitive gets its state in the model on its first use
// in an execution (a fresh one in every execution, so a primitive
// declared outside the checked function starts unlocked and empty each
// time), and keeps it in itself, so that assigning a zero value to it
// (resetting a struct that holds a Once, say) gives it fresh state as in
// Go. Each operation looks the state up when its step runs, not when its
// goroutine reaches the call, as Go reads the fields when the operation
// runs: a reset landing in between is seen by the step. A goroutine
// blocked in Lock or Wait when its primitive is reset finds the zeroed one
// (as a Go goroutine that has not parked yet does; one already parked on
// the old one would stay parked, which the model does not explore). A
// primitive copied after its first use panics when the copy is used
// ("sync: Mutex copied after first use"): Go leaves that to go vet, and a
// copy would otherwise share the original's state.
//
// Misuse panics with Go's message (an unlock of an unlocked mutex, an
// RUnlock without RLock, a negative WaitGroup counter), which the checker
// reports as a panic violation.
package sync
