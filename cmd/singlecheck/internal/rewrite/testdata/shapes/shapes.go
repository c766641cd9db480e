// Package shapes has one of each construct the rewriter instruments.
package shapes

import (
	"runtime"
	"strings"
	"time"
)

type T struct {
	N    int
	Next *T
}

var (
	g     *T
	n, m  = 1, strings.Count("aa", "a")
	arr   [4]int
	sl    = make([]int, 4)
	cache = map[string]int{}
	fn    = func() int { return n }
)

func init() { n = 2 }

// Get allocates the result type.
func Get() *T {
	if g == nil {
		g = &T{N: 1}
	}
	return g
}

func shapes(p *T, k string) {
	local := 0
	n = 3
	n += local
	n++
	arr[1] = n
	sl[2] = arr[1]
	p.N = g.N
	g.Next.N = 4
	cache[k] = len(cache)
	delete(cache, k)
	v, ok := cache[k]
	_, _ = v, ok
	n, m = m, n
	q := new(T)
	go work(q, n)
	go func() { local++ }()
	_ = fn()
}

func work(p *T, x int) {}

// waits has spin-waits and loops that are not.
func waits() {
	for n == 0 {
	}
	for m != 2 {
		runtime.Gosched()
	}
	for g == nil {
		time.Sleep(time.Millisecond)
	}
	for i := 0; n == 0; i++ {
	}
	for m == 0 {
		arr[0]++
	}
	for {
		if n == 5 {
			break
		}
		runtime.Gosched()
	}
	for {
		if n == 6 {
			break
		}
		n++
	}
}
