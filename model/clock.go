package model

// VC is a vector clock: entry i counts the steps of thread i that happen
// before (or are) the event carrying it.
type VC []uint32

// Join sets c to the pointwise maximum of c and o.
func (c VC) Join(o VC) {
	for i, v := range o {
		if v > c[i] {
			c[i] = v
		}
	}
}

// LessEq reports whether c ≤ o pointwise: the event stamped c happens before
// (or is) the event stamped o.
func (c VC) LessEq(o VC) bool {
	for i, v := range c {
		if v > o[i] {
			return false
		}
	}
	return true
}

// Clone returns a copy of c.
func (c VC) Clone() VC { return append(VC(nil), c...) }
