package classifier_test

import (
	"fmt"
	"testing"

	"github.com/trialtag/trialtag/internal/testrules"
)

// TestRuleExamples runs every example written inside the default rule files: the same
// checks "trialtag rules test" runs.
func TestRuleExamples(t *testing.T) {
	c := testrules.Default(t)
	results := c.RunExamples()
	if len(results) < 100 {
		t.Fatalf("only %d rule examples ran; the default rules should hold far more", len(results))
	}
	for _, r := range results {
		name := fmt.Sprintf("%s/%s:%d", r.Rule, r.Example.File, r.Example.Line)
		t.Run(name, func(t *testing.T) {
			if !r.Passed {
				t.Errorf("%s:%d: %s: %s; got %v\n  text: %q", r.Example.File, r.Example.Line, r.Rule, r.Msg, r.Got, r.Example.Text)
			}
		})
	}
}

// TestEveryRuleHasExamples holds the rule that every rule shows what it must and must not tag.
func TestEveryRuleHasExamples(t *testing.T) {
	rs := testrules.Default(t).RuleSet()
	check := func(id string, pos fmt.Stringer, n, pos2 int) {
		t.Helper()
		if n == 0 || pos2 == 0 {
			t.Errorf("%s: %s: needs at least one match and one nomatch example (has %d and %d)", pos, id, n, pos2)
		}
	}
	count := func(m []bool) (int, int) {
		a, b := 0, 0
		for _, x := range m {
			if x {
				a++
			} else {
				b++
			}
		}
		return a, b
	}
	for _, v := range rs.Vocabularies {
		var m []bool
		for _, e := range v.Examples {
			m = append(m, e.Match)
		}
		a, b := count(m)
		check(v.ID, v.Pos, a, b)
	}
	for _, p := range rs.Patterns {
		var m []bool
		for _, e := range p.Examples {
			m = append(m, e.Match)
		}
		a, b := count(m)
		check(p.ID, p.Pos, a, b)
	}
	for _, cg := range rs.Cues {
		var m []bool
		for _, e := range cg.Examples {
			m = append(m, e.Match)
		}
		a, b := count(m)
		check(cg.ID, cg.Pos, a, b)
	}
	for _, sg := range rs.Signals {
		var m []bool
		for _, e := range sg.Examples {
			m = append(m, e.Match)
		}
		a, b := count(m)
		check(sg.ID, sg.Pos, a, b)
	}
	for _, d := range rs.Documents {
		var m []bool
		for _, e := range d.Examples {
			m = append(m, e.Match)
		}
		a, b := count(m)
		check(d.ID, d.Pos, a, b)
	}
}
