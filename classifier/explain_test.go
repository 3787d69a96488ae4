package classifier_test

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/internal/testrules"
)

// TestExplainConditionMiss: a term whose rule tags only near a toxicity says so when it
// stands alone.
func TestExplainConditionMiss(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		text string
		want bool
	}{
		{"Tocilizumab was given to four patients.", true},
		{"Tocilizumab was given to four patients for grade 2 CRS.", false},
	}
	for _, tt := range tests {
		exps := c.ExplainText(tt.text)
		got := false
		for _, nm := range exps[0].NearMisses {
			if nm.Facet == "toxicity_treatment" && strings.Contains(nm.Reason, "there is none") {
				got = true
			}
		}
		if got != tt.want {
			t.Errorf("%q: near miss for the treatment %v, want %v (%+v)", tt.text, got, tt.want, exps[0].NearMisses)
		}
	}
}
