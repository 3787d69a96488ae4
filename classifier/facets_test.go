package classifier

import "testing"

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
