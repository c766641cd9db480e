package model

// VC is a vector clock: entry i counts the events of thread (or process) i
// that happen before (or are) the event carrying it. Missing entries are
// zero, so clocks of different lengths compare as if padded: threads may
// start during an execution.
type VC []uint32

// At is entry i, zero if c is shorter.
func (c VC) At(i int) uint32 {
	if i < len(c) {
		return c[i]
	}
	return 0
}

// grow makes c at least n entries long.
func (c *VC) grow(n int) {
	for len(*c) < n {
		*c = append(*c, 0)
	}
}

// Join sets c to the pointwise maximum of c and o, growing c if o is
// longer.
func (c *VC) Join(o VC) {
	if len(o) > len(*c) {
		c.grow(len(o))
	}
	d := *c
	for i, v := range o {
		if v > d[i] {
			d[i] = v
		}
	}
}

// LessEq reports whether c ≤ o pointwise: the event stamped c happens before
// (or is) the event stamped o.
func (c VC) LessEq(o VC) bool {
	for i, v := range c {
		if v > o.At(i) {
			return false
		}
	}
	return true
}

// Clone returns a copy of c.
func (c VC) Clone() VC { return append(VC(nil), c...) }
