// Package helper hands out the Conn that package state holds: the
// check-then-create is in state, not here. Checked alone, state's code
// runs natively and no interleaving inside it is explored; checked with
// -instrument ./state, two callers can both see no instance in state and
// both build one (state is the naive getter).
package helper

import "github.com/singlecheck/singlecheck/examples/plain/helper/state"

// Get returns the one Conn.
func Get() *state.Conn { return state.Instance() }
