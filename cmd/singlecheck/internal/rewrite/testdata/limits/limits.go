package limits

import (
	"runtime"
	"sync"
	"time"
	"unsafe"
)

var mu sync.Mutex

func f(ch chan int) uintptr {
	time.Sleep(time.Millisecond)
	ch <- 1
	runtime.Gosched()
	return unsafe.Sizeof(mu)
}
