package classifier_test

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/internal/testrules"
)

// TestExplainConditionMiss: a term whose rule tags only near a toxicity, or only in a
// sentence that reports an observation, says so when it stands alone, naming only the
// conditions that do not hold.
func TestExplainConditionMiss(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		text, facet, reason string
		want                bool
	}{
		{"Tocilizumab was given to four patients.", "toxicity_treatment", "with a term of", true},
		{"Tocilizumab was given to four patients for grade 2 CRS.", "toxicity_treatment", "with a term of", false},
		{"Leucopenia is common with this class of drugs.", "adverse_event", "observed signal", true},
		{"Leucopenia developed in 3 of 40 patients.", "adverse_event", "observed signal", false},
		// only the conditions that fail are named: the count is there, the harm line before is not
		{"Pneumonia was seen in 3 of 40 patients.", "adverse_event", "observed signal", false},
		{"Pneumonia was seen in 3 of 40 patients.", "adverse_event", "up to 1 sentences before", true},
		// the heading a sentence stands under is quoted, or said to be none
		{"Pneumonia was seen in 3 of 40 patients.", "adverse_event", "in the heading it stands under (here none)", true},
		{"A trial report\n\nEfficacy\nThe 40 men were seen monthly.\n\nPneumonia was seen in 3 of 40 men.", "adverse_event", `(here "Efficacy")`, true},
		{"A trial report\n\nSafety\nThe 40 men were seen monthly.\n\nAt entry, 3 of the 40 men had pneumonia.", "adverse_event", "with no term of adverse_event.at_entry", true},
		{"A trial report\n\nSafety\nThe 40 men were seen monthly.\n\nPneumonia was seen in 3 of 40 men.", "adverse_event", "with no term of adverse_event.at_entry", false},
	}
	for _, tt := range tests {
		exps := c.ExplainText(tt.text)
		got := false
		var misses []string
		for _, ex := range exps {
			for _, nm := range ex.NearMisses {
				misses = append(misses, nm.Reason)
				if nm.Facet == tt.facet && strings.Contains(nm.Reason, tt.reason) && strings.HasSuffix(nm.Reason, "here that does not hold") {
					got = true
				}
			}
		}
		if got != tt.want {
			t.Errorf("%q: near miss for the %s %v, want %v (%q)", tt.text, tt.facet, got, tt.want, misses)
		}
	}
}
