package classifier_test

import (
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestRegistryCriterionLines checks that a history cue gives way in a registry record's
// line without a verb, a criterion of eligibility (the record's plan), and nowhere else.
func TestRegistryCriterionLines(t *testing.T) {
	c := testrules.Default(t)
	const title = "CD19 CAR T cells for relapsed lymphoma"
	for _, tt := range []struct {
		name, kind, sentence, target, want string
	}{
		{"a history line of a registry record", corpus.KindRegistry,
			"History of grade 3 or higher CRS after an earlier bispecific antibody.", "grade 3 or higher CRS", classifier.Hypothetical},
		{"a persisting toxicity line of a registry record", corpus.KindRegistry,
			"Grade 2 or higher thrombocytopenia persisting from previous therapy.", "thrombocytopenia", classifier.Hypothetical},
		{"a registry record's sentence with a verb keeps its history", corpus.KindRegistry,
			"Adults with a history of severe CRS are more likely to have it again.", "severe CRS", classifier.Generic},
		{"a line of a registry record's posted Results keeps its history", corpus.KindRegistry,
			"Results\nAdults with a history of grade 2 CRS after an earlier bispecific antibody: 3 of 20.", "grade 2 CRS", classifier.Generic},
		{"a history line of a paper keeps its history", "",
			"History of grade 3 or higher CRS after an earlier bispecific antibody.", "grade 3 or higher CRS", classifier.Generic},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := &corpus.Document{ID: "r", Source: "r", Title: title, TitleEnd: len(title), Kind: tt.kind,
				Text: title + "\n" + tt.sentence}
			at := strings.Index(doc.Text, tt.target)
			res, err := c.StatusAt(doc, at, at+len(tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.want {
				t.Errorf("%q: %s (%s %s), want %s", tt.target, res.Status, res.Rule, res.Cue, tt.want)
			}
		})
	}
}

// TestAnalysisExclusionDeaths checks that patients left out of an analysis because they died
// died of what the sentence names (cue.pseudo.analysis_exclusion), while a state at entry
// that left them out stays the plan's.
func TestAnalysisExclusionDeaths(t *testing.T) {
	c := testrules.Default(t)
	for _, tt := range []struct {
		sentence, target, want string
	}{
		{"After the CAR-T cells, three adults were excluded from the efficacy analysis because they died of sepsis in the first month.", "sepsis", classifier.Affirmed},
		{"After the CAR-T cells, three adults with neutropenia at entry were excluded from the analysis.", "neutropenia", classifier.Hypothetical},
	} {
		res, err := c.Context(tt.sentence, tt.target)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != tt.want {
			t.Errorf("%q in %q: %s (%s %s), want %s", tt.target, tt.sentence, res.Status, res.Rule, res.Cue, tt.want)
		}
	}
}
