package explore

import (
	"fmt"
	"slices"

	"github.com/singlecheck/singlecheck/model"
)

// mergeSubtrees combines the results of a split search's subtrees, given
// in prefix order (split.go), into the result of the whole search. It is a
// function of the parts alone, so it does not depend on who explored them
// or when:
//
//   - executions, steps, step-bound cuts and sleep-blocked executions are
//     sums; distinct outcomes and traces are the sizes of the unions of the
//     parts' outcome hashes and trace signatures;
//   - the kinds found are the union; the counterexample is the first part's
//     that has a kind the program does not declare acceptable (else the
//     first part's), and each kind's is the first part's that found it, their
//     run indices counting the executions of the parts before;
//   - the search is complete only if every part is: a part that was cut,
//     interrupted or never run leaves it incomplete, and the reason names the
//     first such part. A part that stopped at its first violation
//     (StopAtFirst) ends the merge: the parts after it are not counted.
//
// A nil part was not explored. missing, if not empty, says why parts are
// absent (a shard that did not report): the merged search is then
// incomplete, whatever the parts say.
func mergeSubtrees(prog model.Program, c Config, units []subtree, parts []*Result, missing string) *Result {
	out := &Result{Program: prog.Name, Memory: c.Memory, Preemptions: c.Preemptions}
	outcomes := map[uint64]struct{}{}
	var sigs map[Signature]struct{}
	found := map[model.Kind]bool{}
	shifted := map[*Counterexample]*Counterexample{}
	shift := func(ce *Counterexample, offset int) *Counterexample {
		if s, ok := shifted[ce]; ok {
			return s
		}
		s := *ce
		s.Run += offset
		shifted[ce] = &s
		return &s
	}
	complete := missing == ""
	out.Reason = missing
	offset := 0
	stopped := false
	named := false
	for i, r := range parts {
		if r == nil {
			if complete {
				complete = false
				out.Reason = fmt.Sprintf("subtree %d of %d (executions starting %s) was not explored", i+1, len(units), units[i].prefix)
			}
			continue
		}
		if !named {
			named = true
			out.Strategy, out.Symmetry, out.Sampling = r.Strategy, r.Symmetry, r.Sampling
		}
		st := &out.Stats
		st.Executions += r.Stats.Executions
		st.Steps += r.Stats.Steps
		st.StepBound += r.Stats.StepBound
		st.SleepBlocked += r.Stats.SleepBlocked
		if r.Stats.Equivalence != "" {
			st.Equivalence = r.Stats.Equivalence
			if sigs == nil {
				sigs = map[Signature]struct{}{}
			}
			for s := range r.part.signatures {
				sigs[s] = struct{}{}
			}
		}
		for h := range r.part.outcomes {
			outcomes[h] = struct{}{}
		}
		for _, k := range slices.Concat(r.Violations, r.Acceptable) {
			found[k] = true
		}
		if ce := r.Counterexample; ce != nil &&
			(out.Counterexample == nil || out.Counterexample.acceptableOnly(prog) && !ce.acceptableOnly(prog)) {
			out.Counterexample = shift(ce, offset)
		}
		for _, k := range model.Kinds {
			if ce := r.ByKind[k]; ce != nil && out.ByKind[k] == nil {
				if out.ByKind == nil {
					out.ByKind = map[model.Kind]*Counterexample{}
				}
				out.ByKind[k] = shift(ce, offset)
			}
		}
		offset += r.Stats.Executions
		if r.part.stopped {
			stopped = true
			complete = false
			if missing == "" {
				out.Reason = fmt.Sprintf("stopped at the first violation, after %s", plural(st.Executions, "execution"))
			}
			break
		}
		if !r.Complete && complete {
			complete = false
			out.Reason = fmt.Sprintf("subtree %d of %d (executions starting %s): %s", i+1, len(units), units[i].prefix, r.Reason)
		}
	}
	if !stopped && len(parts) < len(units) && complete {
		complete = false
		out.Reason = fmt.Sprintf("only %d of the %d subtrees were explored", len(parts), len(units))
	}
	out.Stats.Outcomes = len(outcomes)
	out.Stats.Traces = len(sigs)
	out.part = partData{outcomes: outcomes, signatures: sigs, stopped: stopped}
	for _, k := range model.Kinds {
		if !found[k] {
			continue
		}
		out.Stats.Found = append(out.Stats.Found, k)
		if slices.Contains(prog.Acceptable, k) {
			out.Acceptable = append(out.Acceptable, k)
		} else {
			out.Violations = append(out.Violations, k)
		}
	}
	out.Complete = complete
	switch {
	case len(out.Violations) > 0:
		out.Verdict = Violation
	case out.Complete:
		out.Verdict = Safe
	default:
		out.Verdict = Unknown
	}
	return out
}
