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
// the event itself does, and so does a denial of every grade. The evidence of each value
// (Producers) is exactly the tags that give it.
func TestGradedDenials(t *testing.T) {
	t.Parallel()
	denial := func(value, grade string) Tag {
		return Tag{Facet: "adverse_event", Value: value, Status: Negated, Cue: "no", DeniedGrade: grade}
	}
	affirmed := Tag{Facet: "adverse_event", Value: "neutropenia", Status: Affirmed}
	spared := func(n int, of ...int) Tag { // "infection was absent in 18 of 20"
		t := denial("infection", "")
		t.Incidence = &Incidence{N: &n}
		if len(of) > 0 {
			t.Incidence.Of = &of[0]
		}
		return t
	}
	tests := []struct {
		name     string
		tags     []Tag
		want     []string // the document's adverse_event values
		producer []int    // per value of want, the indexes of the tags that give it
	}{
		{"the event itself", []Tag{denial("infection", "")}, []string{"infection: absent"}, []int{0}},
		{"grade 3 or higher", []Tag{denial("infection", "3+")}, nil, nil},
		{"one grade", []Tag{denial("neutropenia", "4")}, nil, nil},
		{"fatal", []Tag{denial("infection", "5")}, nil, nil},
		{"low grades only", []Tag{denial("infection", "1-2")}, nil, nil},
		{"every grade by its bound", []Tag{denial("infection", "1+")}, []string{"infection: absent"}, []int{0}},
		{"every grade by its range", []Tag{denial("infection", "1-5")}, []string{"infection: absent"}, []int{0}},
		{"a graded denial beside the denial itself", []Tag{denial("infection", "3+"), denial("infection", "")}, []string{"infection: absent"}, []int{1}},
		{"a graded denial beside the event", []Tag{denial("neutropenia", "3+"), affirmed}, []string{"neutropenia"}, []int{1}},
		{"none of them had it", []Tag{spared(0, 20)}, []string{"infection: absent"}, []int{0}},
		{"all of them were spared it", []Tag{spared(20, 20)}, []string{"infection: absent"}, []int{0}},
		{"some of them were spared it", []Tag{spared(18, 20)}, nil, nil},
		{"some were spared it, of a whole not given, who may be all", []Tag{spared(4)}, []string{"infection: absent"}, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := []Sentence{{Tags: tt.tags}}
			sents[0].Section = "results"
			got := DocumentFacets(sents)["adverse_event"]
			if !slices.Equal(got, tt.want) {
				t.Errorf("facets = %q, want %q", got, tt.want)
			}
			r := &Result{Sentences: sents}
			for i, v := range tt.want {
				ps := r.Producers("adverse_event", v)
				if len(ps) != 1 || ps[0].Tag != tt.tags[tt.producer[i]] {
					t.Errorf("Producers(%q) = %v, want tag %d only", v, ps, tt.producer[i])
				}
			}
			for _, tg := range tt.tags {
				if ps := r.Producers("adverse_event", tg.Value+": absent"); !slices.Contains(tt.want, tg.Value+": absent") && len(ps) > 0 {
					t.Errorf("Producers(%q) = %v for a value the document does not have", tg.Value+": absent", ps)
				}
			}
		})
	}
}
