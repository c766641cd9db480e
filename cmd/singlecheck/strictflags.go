package main

import (
	"errors"
	"flag"
	"fmt"
	"time"
)

// strictValue wraps a flag's Value while the command line is parsed: it
// counts how often the flag is given, takes numbers in decimal only (Go's
// flag package would read -threads 0x2 as 2 and 1_0 as 10), and explains a
// duration it cannot read.
type strictValue struct {
	flag.Value
	sets int
}

// IsBoolFlag lets a wrapped boolean flag stand alone (-quiet).
func (v *strictValue) IsBoolFlag() bool {
	b, ok := v.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func (v *strictValue) Set(s string) error {
	v.sets++
	g, _ := v.Value.(flag.Getter)
	if g == nil {
		return v.Value.Set(s)
	}
	switch g.Get().(type) {
	case int, int64:
		if !isDecimal(s) {
			return errors.New("want a whole number such as 3 (in decimal)")
		}
		if err := v.Value.Set(s); err != nil {
			return fmt.Errorf("%s is out of range", s)
		}
		return nil
	case uint, uint64:
		if !isDecimal(s) || s[0] == '-' {
			return errors.New("want a whole number, 0 or more (in decimal)")
		}
		if err := v.Value.Set(s); err != nil {
			return fmt.Errorf("%s is out of range", s)
		}
		return nil
	case time.Duration:
		if err := v.Value.Set(s); err != nil {
			return errors.New("want a duration such as 5s, 2m or 1h30m (a number needs a unit), at most 2562047h (about 292 years)")
		}
		return nil
	}
	return v.Value.Set(s)
}

// isDecimal reports whether s is an optional minus sign and decimal digits.
func isDecimal(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseStrict parses args into fs with every flag wrapped in a
// strictValue, then puts the original Values back (so that usage texts
// are unchanged), and refuses a flag given more than once.
func parseStrict(fs *flag.FlagSet, args []string) error {
	wrapped := map[string]*strictValue{}
	fs.VisitAll(func(f *flag.Flag) {
		w := &strictValue{Value: f.Value}
		wrapped[f.Name] = w
		f.Value = w
	})
	err := fs.Parse(args)
	fs.VisitAll(func(f *flag.Flag) { f.Value = wrapped[f.Name].Value })
	if err != nil {
		return err
	}
	var twice error
	fs.Visit(func(f *flag.Flag) {
		if n := wrapped[f.Name].sets; n > 1 && twice == nil {
			twice = fmt.Errorf("-%s given %d times: give each flag once", f.Name, n)
		}
	})
	return twice
}
