package selects

// Every form of select the rewriter handles.

type T struct{ N int }

var (
	in       = make(chan int, 1)
	out      = make(chan any, 1)
	got      int
	okShared bool
	never    chan int
)

// Get exercises the forms; its result is a T.
func Get() *T {
	select {
	case v, ok := <-in:
		_ = ok
		return &T{N: v}
	case got, okShared = <-in:
	case got = <-in:
	case <-never:
	case out <- 1:
	case out <- &T{}:
	default:
	}
loop:
	for {
		select {
		case in <- 2:
			break loop
		case <-in:
			continue loop
		}
	}
	return &T{N: got}
}

// Labeled: break L leaves the select.
func Labeled() {
L:
	select {
	case <-in:
		break L
	default:
	}
}

// Block never returns.
func Block() {
	select {}
}

// Terminating: every case returns, so no return follows.
func Terminating() int {
	select {
	case v := <-in:
		return v
	default:
		return 0
	}
}
