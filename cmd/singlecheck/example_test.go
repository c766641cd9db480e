package main

import "os"

// Replaying a schedule that explore printed shows the execution as a
// sequence diagram: here the two threads of naive both read nil before
// either publishes, so both construct. (Mermaid reads "#35;" as '#'.)
func Example_replayMermaid() {
	run([]string{"replay", "-protocol", "naive", "-races=false", "-schedule", "0.1.0x4.1x4", "-format", "mermaid"}, os.Stdout, os.Stderr)
	// Output:
	// sequenceDiagram
	//     participant T0
	//     participant T1
	//     participant Mem as shared memory
	//     Mem-->>T0: 1. load inst → nil
	//     Mem-->>T1: 2. load inst → nil
	//     T0->>Mem: 3. new T → T#35;1
	//     T0->>Mem: 4. init T#35;1.ready
	//     T0->>Mem: 5. store inst ← T#35;1
	//     Note over T0: 6. obtain T#35;1
	//     T1->>Mem: 7. new T → T#35;2
	//     Note over T1: ⚠ multiple-construction detected at step 7
	//     T1->>Mem: 8. init T#35;2.ready
	//     T1->>Mem: 9. store inst ← T#35;2
	//     Note over T1: 10. obtain T#35;2
	//     Note over T1: ⚠ divergent-instances detected at step 10
}
