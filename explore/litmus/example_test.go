package litmus_test

import (
	"context"
	"fmt"

	"github.com/singlecheck/singlecheck/explore/litmus"
	"github.com/singlecheck/singlecheck/model"
)

// Store buffering under SC and TSO: only TSO's store buffers let both loads
// read 0.
func ExampleDerive() {
	for _, m := range []model.Memory{model.SC, model.TSO} {
		d, err := litmus.Derive(context.Background(), litmus.SB, m, "dfs")
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(m)
		for _, o := range d.Outcomes {
			fmt.Println(" ", o)
		}
	}
	// Output:
	// sc
	//   x=1 y=1 T0:r0=0 T1:r1=1
	//   x=1 y=1 T0:r0=1 T1:r1=0
	//   x=1 y=1 T0:r0=1 T1:r1=1
	// tso
	//   x=1 y=1 T0:r0=0 T1:r1=0
	//   x=1 y=1 T0:r0=0 T1:r1=1
	//   x=1 y=1 T0:r0=1 T1:r1=0
	//   x=1 y=1 T0:r0=1 T1:r1=1
}
