package explore

import (
	"github.com/singlecheck/singlecheck/model"
	"github.com/singlecheck/singlecheck/scheduler"
)

// statefulDFS is DFS with a table of the states it has explored (state
// caching): an execution that reaches a state already in the table is
// abandoned there, because everything that can follow from the state has
// been explored from its first visit, or will be, in DFS order, before
// the search ends.
//
// Why that is sound. A state's key (model.Driver.StateKey) determines its
// futures: the same executions continue from it, with the same violations
// and the same final outcomes. No state repeats along one execution (every
// step extends a thread's history or drains a store buffer), so the state
// graph is acyclic and a state found in the table is never one whose
// subtree DFS is still in the middle of: its subtree was explored to the
// end, or cut by a limit, which the result then reports. Outcomes and
// violation kinds reachable from the state were therefore found there.
//
// Two things depend on the path to a state rather than on the state, and
// are kept apart: the violations the path itself committed, and the
// counterexample that shows them. An execution whose prefix holds a
// violation kind that no execution has shown to the end yet is not
// abandoned at a visited state: it runs to its end, so that every kind
// found has a complete, replayable counterexample.
//
// With symmetry, keys identify states equal up to a permutation of each
// symmetry group's threads; the futures of such states are equal up to the
// same permutation, which the symmetry reduction assumes of every program
// that declares its threads interchangeable (symmetry.go).
//
// A state the key cannot capture (channels, ordinary Go memory) is never
// stored nor pruned: the search is then plain DFS there.
type statefulDFS struct {
	dfs
	symmetric bool
	visited   map[model.StateKey]struct{}
	shown     map[model.Kind]bool // kinds of executions that ran to their end
	pruned    int
}

// stateEntryBytes estimates the memory one visited state costs: its key
// and the map's overhead.
const stateEntryBytes = 40

func newStatefulDFS(symmetric bool) *statefulDFS {
	return &statefulDFS{symmetric: symmetric, visited: map[model.StateKey]struct{}{}, shown: map[model.Kind]bool{}}
}

// Decide replays the log, then at every new decision point looks the
// state up: a visited one ends the execution (see above); a new one is
// stored, and the search goes on as DFS.
func (s *statefulDFS) Decide(p *scheduler.Point) int {
	if k, ok := s.log.Replay(p); ok {
		return k
	}
	// A choice point is the middle of a Choose step, in the state of the
	// thread decision just before it: it is not a state of its own.
	if p.Index >= len(s.pinned) && p.Alternatives[0].Kind != scheduler.ChoiceDecision {
		if key, ok := p.StateKey(s.symmetric); ok {
			if _, seen := s.visited[key]; !seen {
				s.visited[key] = struct{}{}
			} else if !s.unshownKinds(p.World) {
				s.pruned++
				return -1
			}
		}
	}
	return s.dfs.extend(p)
}

// unshownKinds reports whether w's violations include a kind no execution
// has shown to its end.
func (s *statefulDFS) unshownKinds(w *model.World) bool {
	for _, v := range w.Violations() {
		if !s.shown[v.Kind] {
			return true
		}
	}
	return false
}

// End notes the kinds an execution that was not abandoned showed.
func (s *statefulDFS) End(e *scheduler.Execution) error {
	if e.Status != scheduler.Abandoned {
		for _, v := range e.World.Violations() {
			s.shown[v.Kind] = true
		}
	}
	return s.dfs.End(e)
}

// Coverage: every execution, up to the states pruned.
func (s *statefulDFS) Coverage() Coverage {
	return Coverage{Name: "dfs", Exhaustive: true, Symmetry: s.symmetric,
		States: len(s.visited), StateBytes: len(s.visited) * stateEntryBytes, Pruned: s.pruned}
}

// A stateful search is not split: its table would be one per subtree,
// and sharing it between workers would make the pruned executions, and so
// the counts, depend on timing.
func (s *statefulDFS) splittable() bool { return false }
