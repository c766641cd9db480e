package explore

// ExhaustiveStrategyNames lists, sorted, the strategies whose search covers
// every execution when it runs out of them (Coverage.Exhaustive): those that
// can prove a program safe. The others sample.
func ExhaustiveStrategyNames() []string {
	var names []string
	for _, n := range StrategyNames() {
		c := Config{Strategy: n}
		if c.Normalize() != nil {
			continue
		}
		if s, err := NewStrategy(&c); err == nil && s.Coverage().Exhaustive {
			names = append(names, n)
		}
	}
	return names
}
