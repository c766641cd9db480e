package protocols

import (
	"fmt"
	"slices"
	"strconv"

	"pgregory.net/rapid"
)

// WorkloadGen generates workloads for property tests that explore programs
// and schedules together: 1..maxThreads threads, each calling the getter
// 1..maxCalls times (both bounded by MaxThreads and MaxCalls). rapid shrinks
// a failing workload toward fewer threads and calls.
func WorkloadGen(maxThreads, maxCalls int) *rapid.Generator[Workload] {
	maxThreads = min(max(maxThreads, 1), MaxThreads)
	maxCalls = min(max(maxCalls, 1), MaxCalls)
	return rapid.Custom(func(t *rapid.T) Workload {
		return Workload{
			Threads: rapid.IntRange(1, maxThreads).Draw(t, "threads"),
			Calls:   rapid.IntRange(1, maxCalls).Draw(t, "calls"),
		}
	})
}

// WorkloadKeyValues writes a workload as key/value pairs, as save files
// keep it. WorkloadFromKeyValues reads them back.
func WorkloadKeyValues(w Workload) map[string]string {
	return map[string]string{
		"threads": strconv.Itoa(w.Threads),
		"calls":   strconv.Itoa(w.Calls),
	}
}

// WorkloadFromKeyValues reads a workload written by WorkloadKeyValues and
// validates it. A missing key takes DefaultWorkload's value; an unknown key
// is an error, since it may change what a saved schedule means.
func WorkloadFromKeyValues(kv map[string]string) (Workload, error) {
	w := DefaultWorkload
	keys := make([]string, 0, len(kv))
	for k := range kv {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := kv[k]
		var dst *int
		switch k {
		case "threads":
			dst = &w.Threads
		case "calls":
			dst = &w.Calls
		default:
			return Workload{}, fmt.Errorf("workload key %q is unknown to this version (known: threads, calls)", k)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return Workload{}, fmt.Errorf("workload %s = %q: not a number", k, v)
		}
		*dst = n
	}
	if err := w.Validate(); err != nil {
		return Workload{}, fmt.Errorf("workload: %w", err)
	}
	return w, nil
}
