package gotest

// The slots a rewritten select statement receives into and sends from:
// the rewriter cannot always name a channel's element type (it may be
// unexported in another package, or a type parameter), so it asks for a
// slot typed by the channel itself. The slot is the select's own
// temporary, never shared: its reads and writes are native.

// RecvSlot is a new zero element of ch, for a receive case's value.
func RecvSlot[T any](ch <-chan T) *T { return new(T) }

// SendSlot is a new zero element of ch, for a send case's value, which
// the rewritten code assigns with Go's assignability (an untyped constant,
// or a concrete value sent on a channel of an interface type).
func SendSlot[T any](ch chan<- T) *T { return new(T) }
