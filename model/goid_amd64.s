#include "textflag.h"

// func goroutineID() uintptr
//
// The address of the running goroutine's runtime descriptor, read from
// thread-local storage: constant for the goroutine's life, distinct between
// live goroutines.
TEXT ·goroutineID(SB),NOSPLIT,$0-8
	MOVQ (TLS), AX
	MOVQ AX, ret+0(FP)
	RET
