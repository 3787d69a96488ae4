package classifier_test

import (
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestPlansGiveNoOutcome: a trial's plan told as a publication passage (not loaded as a
// registry record) names what it will estimate, give and follow; none of it happened, so no
// outcome facet counts it. Own sentences in the way trial summaries set out objectives and
// an outline.
func TestPlansGiveNoOutcome(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	tests := []struct{ name, text string }{
		{"numbered objectives under registry headings",
			"Anakinra to prevent neurotoxicity after CAR T cells\n\nPRIMARY OBJECTIVE:\nI. To estimate the rate of grade 3 or higher ICANS within 30 days.\n\n" +
				"SECONDARY OBJECTIVES:\nI. To estimate the rate of any-grade CRS and the use of tocilizumab and corticosteroids.\n"},
		{"a numbered objective with no heading",
			"The study gives CAR T cells to adults with lymphoma.\nI. To estimate the rate of any-grade CRS after CAR-T cells and the use of tocilizumab and corticosteroids.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := c.Tag(&corpus.Document{ID: "plan", Text: tt.text, Source: "plan"})
			for name, vals := range res.Facets {
				if fc, ok := classifier.LookupFacet(name); ok && fc.Kind == classifier.Outcome {
					t.Errorf("outcome facet %s = %v in a plan", name, vals)
				}
			}
		})
	}
}
