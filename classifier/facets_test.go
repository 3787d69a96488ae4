package classifier

import (
	"slices"
	"testing"
)

// TestFacetRollUp holds the one description of how tags become document facet values.
func TestFacetRollUp(t *testing.T) {
	t.Parallel()
	crs, _ := LookupFacet("crs")
	grade, _ := LookupFacet("crs_grade")
	tox, _ := LookupFacet("toxicity_treatment")
	antigen, _ := LookupFacet("antigen")
	tests := []struct {
		name          string
		f             Facet
		status        string
		counts        bool
		tagValue      string
		absent        string // AbsentValue of tagValue, "" for none
		docValue      string // a document value NegatedOnly reads back
		negatedOnly   string
		isNegatedOnly bool
	}{
		{"mention counts any status", antigen, Hypothetical, true, "CD19", "", "CD19", "", false},
		{"outcome counts affirmed", crs, Affirmed, true, "present", "absent", "absent", "present", true},
		{"outcome ignores hypothetical", crs, Hypothetical, false, "present", "absent", "present", "", false},
		{"negated grade never reaches the facet", grade, Negated, false, "3+", "", "3+", "", false},
		{"open outcome facet writes value: absent", tox, Negated, false, "tocilizumab", "tocilizumab: absent", "tocilizumab: absent", "tocilizumab", true},
		{"bare absent is not an open facet's value", tox, Affirmed, true, "anakinra", "anakinra: absent", "absent", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Counts(tt.status); got != tt.counts {
				t.Errorf("Counts(%s) = %v, want %v", tt.status, got, tt.counts)
			}
			got, ok := tt.f.AbsentValue(tt.tagValue)
			if got != tt.absent || ok != (tt.absent != "") {
				t.Errorf("AbsentValue(%q) = %q, %v; want %q", tt.tagValue, got, ok, tt.absent)
			}
			neg, ok := tt.f.NegatedOnly(tt.docValue)
			if ok != tt.isNegatedOnly || ok && neg != tt.negatedOnly {
				t.Errorf("NegatedOnly(%q) = %q, %v; want %q, %v", tt.docValue, neg, ok, tt.negatedOnly, tt.isNegatedOnly)
			}
		})
	}
}

// TestFacetsIsACopy: the vocabulary cannot be changed through what Facets returns.
func TestFacetsIsACopy(t *testing.T) {
	t.Parallel()
	fs := Facets()
	fs[0].Name = "changed"
	fs[1].Values[0] = "changed"
	if again := Facets(); again[0].Name == "changed" || again[1].Values[0] == "changed" {
		t.Error("Facets returned the vocabulary itself")
	}
}

// TestGradedDenials: a denial that a grade limits ("no grade ≥3 infections") gives the
// document no "<value>: absent", as "no high-grade CRS" gives no crs=absent; the denial of
// the event itself does, and so does a denial of every grade.
func TestGradedDenials(t *testing.T) {
	t.Parallel()
	denial := func(value, grade string) Tag {
		zero := 0
		return Tag{Facet: "adverse_event", Value: value, Status: Negated, Cue: "no",
			Incidence: &Incidence{N: &zero, Grade: grade}}
	}
	affirmed := Tag{Facet: "adverse_event", Value: "neutropenia", Status: Affirmed}
	tests := []struct {
		name   string
		tags   []Tag
		want   []string // the document's adverse_event values
		denied string   // DeniedGrade of the first tag
	}{
		{"the event itself", []Tag{denial("infection", "")}, []string{"infection: absent"}, ""},
		{"a count-free denial", []Tag{{Facet: "adverse_event", Value: "infection", Status: Negated, Cue: "no"}}, []string{"infection: absent"}, ""},
		{"grade 3 or higher", []Tag{denial("infection", "3+")}, nil, "3+"},
		{"one grade", []Tag{denial("neutropenia", "4")}, nil, "4"},
		{"fatal", []Tag{denial("infection", "5")}, nil, "5"},
		{"low grades only", []Tag{denial("infection", "1-2")}, nil, "1-2"},
		{"every grade by its bound", []Tag{denial("infection", "1+")}, []string{"infection: absent"}, ""},
		{"every grade by its range", []Tag{denial("infection", "1-5")}, []string{"infection: absent"}, ""},
		{"a graded denial beside the denial itself", []Tag{denial("infection", "3+"), denial("infection", "")}, []string{"infection: absent"}, "3+"},
		{"a graded denial beside the event", []Tag{denial("neutropenia", "3+"), affirmed}, []string{"neutropenia"}, "3+"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := []Sentence{{Tags: tt.tags}}
			sents[0].Section = "results"
			got := DocumentFacets(sents)["adverse_event"]
			if !slices.Equal(got, tt.want) {
				t.Errorf("facets = %q, want %q", got, tt.want)
			}
			if g := tt.tags[0].DeniedGrade(); g != tt.denied {
				t.Errorf("DeniedGrade = %q, want %q", g, tt.denied)
			}
			// The evidence of each value is the tags DocumentFacets took it from.
			r := &Result{Sentences: sents}
			for _, v := range got {
				if len(r.Producers("adverse_event", v)) == 0 {
					t.Errorf("no tag produces %q", v)
				}
			}
			for _, tg := range tt.tags {
				if tg.Status == Negated && !tg.DeniesValue() {
					for _, p := range r.Producers("adverse_event", tg.Value+": absent") {
						if p.Tag.DeniedGrade() != "" {
							t.Errorf("the graded denial %v produces %q", tg.Incidence.Grade, tg.Value+": absent")
						}
					}
				}
			}
		})
	}
}
