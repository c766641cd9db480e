package progs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/singlecheck/singlecheck/model"
)

// Parse reads a Spec in the form Spec.String prints. Its Vars is one more
// than the highest variable the threads use.
func Parse(text string) (Spec, error) {
	var s Spec
	if head, rest, ok := strings.Cut(text, ": "); ok && (strings.HasPrefix(head, "m") || strings.HasPrefix(head, "c")) {
		for _, decl := range strings.Split(head, ", ") {
			var c, n int
			switch {
			case decl == fmt.Sprintf("m%d reentrant", len(s.Reentrant)):
				s.Reentrant = append(s.Reentrant, true)
			case decl == fmt.Sprintf("m%d plain", len(s.Reentrant)):
				s.Reentrant = append(s.Reentrant, false)
			case scanDecl(decl, "c%d cap %d", &c, &n) && c == len(s.Caps) && n >= 0:
				s.Caps = append(s.Caps, n)
			case strings.HasPrefix(decl, "m"):
				m := len(s.Reentrant)
				return Spec{}, fmt.Errorf("mutex %d: %q is not \"m%d reentrant\" or \"m%d plain\"", m, decl, m, m)
			default:
				return Spec{}, fmt.Errorf("channel %d: %q is not \"c%d cap N\" (N ≥ 0)", len(s.Caps), decl, len(s.Caps))
			}
		}
		text = rest
	}
	s.Vars = 1
	for i, thread := range strings.Split(text, " || ") {
		var ops []Op
		for j, src := range strings.Split(thread, "; ") {
			o, err := parseOp(strings.TrimSpace(src))
			if err != nil {
				return Spec{}, fmt.Errorf("thread %d, operation %d: %w", i, j, err)
			}
			if max(o.Chan, o.Chan2) >= s.Chans() {
				return Spec{}, fmt.Errorf("thread %d, operation %d: %q names a channel the program does not declare", i, j, src)
			}
			if (o.Kind == Lock || o.Kind == Unlock || o.Kind == TryLock || o.Kind == CondWait) && o.Mutex >= s.Mutexes() {
				return Spec{}, fmt.Errorf("thread %d, operation %d: %q names a mutex the program does not declare", i, j, src)
			}
			s.Vars = max(s.Vars, o.Var+1)
			ops = append(ops, o)
		}
		s.Threads = append(s.Threads, ops)
	}
	if err := s.checkThreads(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// checkThreads checks that every spawn, wait and join of s names a thread
// of s, and that every spawn starts a later thread no other spawn starts.
func (s Spec) checkThreads() error {
	by := map[int]int{}
	for i, ops := range s.Threads {
		for j, o := range ops {
			if o.Kind != Spawn && o.Kind != Wait && o.Kind != Join {
				continue
			}
			if o.Thread >= len(s.Threads) {
				return fmt.Errorf("thread %d, operation %d: %q names a thread the program does not have", i, j, o)
			}
			if o.Kind != Spawn {
				continue
			}
			if o.Thread <= i {
				return fmt.Errorf("thread %d, operation %d: %q starts a thread that is not a later one (a thread starts only threads listed after it)", i, j, o)
			}
			if p, ok := by[o.Thread]; ok {
				return fmt.Errorf("thread %d, operation %d: %q starts thread %d, which thread %d starts already", i, j, o, o.Thread, p)
			}
			by[o.Thread] = i
		}
	}
	return nil
}

// MustParse is Parse for programs written in tests; it panics on an error.
func MustParse(text string) Spec {
	s, err := Parse(text)
	if err != nil {
		panic(err)
	}
	return s
}

// parseOp reads one operation in the form Op.String prints.
func parseOp(src string) (Op, error) {
	var o Op
	var cmp string
	scan := func(format string, args ...any) bool {
		n, err := fmt.Sscanf(src, format, args...)
		return err == nil && n == len(args) && fmt.Sprintf(format, deref(args)...) == src
	}
	switch {
	case src == "fence":
		o.Kind = Fence
	case src == "choose":
		o.Kind = Choose
	case scan("r%d=trylock m%d", &o.Reg, &o.Mutex):
		o.Kind = TryLock
	case src == "rlock rw":
		o.Kind = RLock
	case src == "runlock rw":
		o.Kind = RUnlock
	case src == "wlock rw":
		o.Kind = WLock
	case src == "wunlock rw":
		o.Kind = WUnlock
	case scan("r%d=tryrlock rw", &o.Reg):
		o.Kind = TryRLock
	case scan("r%d=trywlock rw", &o.Reg):
		o.Kind = TryWLock
	case scan("lock m%d", &o.Mutex):
		o.Kind = Lock
	case scan("unlock m%d", &o.Mutex):
		o.Kind = Unlock
	case scan("a=%d", &o.Val):
		o.Kind = AtomicStore
	case scan("r%d=a", &o.Reg):
		o.Kind = AtomicLoad
	case scan("r%d=cas(a,%d,%d)", &o.Reg, &o.Old, &o.Val):
		o.Kind = CAS
	case scan("r%d=swap(a,%d)", &o.Reg, &o.Val):
		o.Kind = Swap
	case scan("r%d=add(a,%d)", &o.Reg, &o.Val):
		o.Kind = Add
	case src == "wgdone":
		o.Kind = WGDone
	case src == "wgwait":
		o.Kind = WGWait
	case src == "signal":
		o.Kind = Signal
	case src == "broadcast":
		o.Kind = Broadcast
	case scan("wgadd %d", &o.Val) && o.Val >= 1:
		o.Kind = WGAdd
	case scan("put %d", &o.Val) && o.Val >= 1:
		o.Kind = Put
	case scan("r%d=get", &o.Reg):
		o.Kind = Get
	case scan("r%d=cwait m%d x%d", &o.Reg, &o.Mutex, &o.Var):
		o.Kind = CondWait
	case scan("go t%d", &o.Thread):
		o.Kind = Spawn
	case scan("wait t%d", &o.Thread):
		o.Kind = Wait
	case scan("join t%d", &o.Thread):
		o.Kind = Join
	case scan("c%d<-%d", &o.Chan, &o.Val):
		o.Kind = Send
	case scan("r%d=<-c%d", &o.Reg, &o.Chan):
		o.Kind = Recv
	case scan("close c%d", &o.Chan):
		o.Kind = Close
	case scan("r%d=select(c%d<-%d,c%d,default)", &o.Reg, &o.Chan, &o.Val, &o.Chan2) && o.Val > 0:
		o.Kind, o.Default = Select, true
	case scan("r%d=select(c%d<-%d,c%d)", &o.Reg, &o.Chan, &o.Val, &o.Chan2) && o.Val > 0:
		o.Kind = Select
	case scan("r%d=select(c%d,c%d,default)", &o.Reg, &o.Chan, &o.Chan2):
		o.Kind, o.Default = Select, true
	case scan("r%d=select(c%d,c%d)", &o.Reg, &o.Chan, &o.Chan2):
		o.Kind = Select
	case scan("r%d=x%d", &o.Reg, &o.Var):
		o.Kind = Load
	case scan("x%d=r%d+1", &o.Var, &o.Reg):
		o.Kind, o.Val = Store, -1
	case scan("x%d=%d", &o.Var, &o.Val) && o.Val >= 0:
		o.Kind = Store
	case strings.HasPrefix(src, "if r"):
		var reg, skip int
		var val model.Value
		f := strings.Fields(strings.NewReplacer("==", " == ", "!=", " != ").Replace(strings.TrimPrefix(src, "if r")))
		if len(f) != 5 || f[3] != "skip" {
			return Op{}, fmt.Errorf("%q is not a branch \"if rR==C skip N\" or \"if rR!=C skip N\"", src)
		}
		cmp = f[1]
		var err error
		if reg, err = strconv.Atoi(f[0]); err == nil {
			var c int
			if c, err = strconv.Atoi(f[2]); err == nil {
				val = model.Value(c)
				skip, err = strconv.Atoi(f[4])
			}
		}
		if err != nil || (cmp != "==" && cmp != "!=") || skip < 1 {
			return Op{}, fmt.Errorf("%q is not a branch \"if rR==C skip N\" or \"if rR!=C skip N\" (N ≥ 1)", src)
		}
		o = Op{Kind: Branch, Reg: reg, Val: val, Eq: cmp == "==", Skip: skip}
	default:
		return Op{}, fmt.Errorf("%q is no operation (see Op.String for the forms)", src)
	}
	if o.Reg < 0 || o.Reg >= NumRegs {
		return Op{}, fmt.Errorf("%q: register r%d is not one of r0..r%d", src, o.Reg, NumRegs-1)
	}
	if o.Var < 0 || o.Mutex < 0 || o.Chan < 0 || o.Chan2 < 0 || o.Thread < 0 || o.Val < -1 || o.Old < 0 {
		return Op{}, fmt.Errorf("%q: negative variable, mutex or value", src)
	}
	return o, nil
}

func scanDecl(src, format string, args ...any) bool {
	n, err := fmt.Sscanf(src, format, args...)
	return err == nil && n == len(args) && fmt.Sprintf(format, deref(args)...) == src
}

// deref turns the pointers Sscanf filled into their values, for printing
// them back.
func deref(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch p := a.(type) {
		case *int:
			out[i] = *p
		case *model.Value:
			out[i] = *p
		}
	}
	return out
}
