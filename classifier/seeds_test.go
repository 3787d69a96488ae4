package classifier_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

const seedsDir = "../corpus/seeds"

// seedFacets is the table of TAGS.md: the exact document facets each seed must get for these
// columns ("—" is an empty list).
var seedFacets = map[string]map[string][]string{
	"000_7842d42057d300b0": {
		"antigen": {"BCMA", "CD20"}, "crs": {"present"}, "crs_grade": {"1", "2"}, "icans": {"absent"},
		"toxicity_treatment": {"supportive care"},
		"remission":          {"complete response", "drug-free remission", "renal response"},
		"adverse_event":      {"dose-limiting toxicity: absent"},
	},
	"001_7c1521d75b74a78c": {
		"antigen": {"BCMA", "CD19"}, "crs": {"present"}, "crs_grade": {"1"}, "icans": {"absent"},
		"toxicity_treatment": {"supportive care"}, "remission": {"DORIS", "LLDAS"},
		"adverse_event": {"anemia", "dose-limiting toxicity: absent", "neutropenia", "thrombocytopenia", "treatment-related death: absent"},
	},
	"002_05720a88e771276d": {
		"antigen": {"BCMA", "CD19"}, "crs": nil, "crs_grade": nil, "icans": nil, "toxicity_treatment": nil,
		"remission":     {"complete renal response", "complete response", "DORIS", "drug-free remission", "serological remission"},
		"adverse_event": nil,
	},
	"003_712c9c4fc3fafea0": {
		"antigen": {"CD19"}, "crs": {"present"}, "crs_grade": {"1"}, "icans": {"absent"}, "toxicity_treatment": nil,
		"remission": {"complete renal response", "partial response", "renal response"}, "adverse_event": nil,
	},
	"004_53fd14e8ab82a8c2": {
		"antigen": {"BCMA", "CD19"}, "crs": {"present"}, "crs_grade": {"1", "2"}, "icans": {"absent"},
		"toxicity_treatment": {"corticosteroids", "supportive care", "tocilizumab"}, "remission": nil,
		"adverse_event": {"dose-limiting toxicity: absent", "lymphopenia", "neutropenia"},
	},
}

// seedDiseases are the disease values each seed must include.
var seedDiseases = map[string][]string{
	"000_7842d42057d300b0": {"inflammatory myopathy", "lupus nephritis", "multiple sclerosis", "NMOSD", "SLE"},
	"001_7c1521d75b74a78c": {"SLE"},
	"002_05720a88e771276d": {"lupus nephritis", "SLE"},
	"003_712c9c4fc3fafea0": {"lupus nephritis", "SLE"},
	"004_53fd14e8ab82a8c2": {"inflammatory myopathy", "lupus nephritis", "multiple myeloma", "SLE", "systemic sclerosis"},
}

func tagSeed(tb testing.TB, id string) *classifier.Result {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(seedsDir, id+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return testrules.Default(tb).Tag(&corpus.Document{ID: id, Text: string(b), Source: id + ".txt"})
}

func TestSeedFacets(t *testing.T) {
	for id, want := range seedFacets {
		t.Run(id, func(t *testing.T) {
			r := tagSeed(t, id)
			for facet, vals := range want {
				got := r.Facets[facet]
				if !slices.Equal(got, vals) {
					t.Errorf("%s: facet %s = %q, want %q", id, facet, got, vals)
				}
			}
			for _, d := range seedDiseases[id] {
				if !slices.Contains(r.Facets["disease"], d) {
					t.Errorf("%s: disease %q missing from %q", id, d, r.Facets["disease"])
				}
			}
		})
	}
}

// findSentence returns the tagged sentence holding text.
func findSentence(tb testing.TB, r *classifier.Result, text string) classifier.Sentence {
	tb.Helper()
	for _, s := range r.Sentences {
		if strings.Contains(s.Text, text) {
			return s
		}
	}
	tb.Fatalf("%s: no sentence holds %q", r.Document.ID, text)
	return classifier.Sentence{}
}

func hasTag(s classifier.Sentence, facet, value, status string) bool {
	for _, t := range s.Tags {
		if t.Facet == facet && (value == "" || t.Value == value) && (status == "" || t.Status == status) {
			return true
		}
	}
	return false
}

// TestSeedSentenceFacts holds the per-sentence notes of TAGS.md.
func TestSeedSentenceFacts(t *testing.T) {
	type fact struct {
		seed, sentence       string
		facet, value, status string
		absent               bool // the tag must not be there
	}
	facts := []fact{
		{"002_05720a88e771276d", "No high-grade cytokine release syndrome or neurotoxicity", "crs_grade", "3+", classifier.Negated, false},
		{"002_05720a88e771276d", "No high-grade cytokine release syndrome or neurotoxicity", "icans_grade", "3+", classifier.Negated, false},
		{"002_05720a88e771276d", "No high-grade cytokine release syndrome or neurotoxicity", "crs", "", "", true},
		{"002_05720a88e771276d", "No high-grade cytokine release syndrome or neurotoxicity", "icans", "", "", true},
		{"003_712c9c4fc3fafea0", "Safety was assessed by recording cytokine-release syndrome", "crs", "present", classifier.Hypothetical, false},
		{"003_712c9c4fc3fafea0", "Safety was assessed by recording cytokine-release syndrome", "icans", "present", classifier.Hypothetical, false},
		{"003_712c9c4fc3fafea0", "No ICANS occurred in the study.", "icans", "present", classifier.Negated, false},
		{"004_53fd14e8ab82a8c2", "The patient successfully tapered off corticosteroids", "toxicity_treatment", "", "", true},
		{"004_53fd14e8ab82a8c2", "Tocilizumab was administered to 4 patients", "toxicity_treatment", "tocilizumab", classifier.Affirmed, false},
		{"004_53fd14e8ab82a8c2", "Tocilizumab was administered to 4 patients", "toxicity_treatment", "corticosteroids", classifier.Affirmed, false},
		{"004_53fd14e8ab82a8c2", "was managed supportively", "toxicity_treatment", "supportive care", classifier.Affirmed, false},
		{"004_53fd14e8ab82a8c2", "Neutropenia Grade 3-4 occurred", "crs_grade", "", "", true},
		{"001_7c1521d75b74a78c", "BAFF-dependent signatures", "antigen", "BAFF-R", "", true},
		{"001_7c1521d75b74a78c", "CD19⁻BCMA⁺ long-lived plasma cells", "antigen", "CD19", "", false},
		{"001_7c1521d75b74a78c", "CD19⁻BCMA⁺ long-lived plasma cells", "antigen", "BCMA", "", false},
		{"001_7c1521d75b74a78c", "The most common grade 3 or higher adverse events", "crs_grade", "", "", true},
		{"000_7842d42057d300b0", "Adverse events of grade 3 or greater", "crs_grade", "", "", true},
		{"000_7842d42057d300b0", "discontinue corticosteroid treatment", "toxicity_treatment", "", "", true},
	}
	for _, f := range facts {
		t.Run(f.seed+"/"+f.facet+"="+f.value, func(t *testing.T) {
			s := findSentence(t, tagSeed(t, f.seed), f.sentence)
			got := hasTag(s, f.facet, f.value, f.status)
			if got == f.absent {
				t.Errorf("%s: %q: tag %s=%s (%s) present=%v, want %v; tags: %+v", f.seed, s.Text, f.facet, f.value, f.status, got, !f.absent, s.Tags)
			}
		})
	}
}

// TestSeedFurnitureAndReferences: page furniture yields no tags; 001's reference list is a
// references section and does not reach the facets.
func TestSeedFurnitureAndReferences(t *testing.T) {
	for id := range seedFacets {
		r := tagSeed(t, id)
		for _, s := range r.Sentences {
			if s.Section == corpus.SectionFurniture && len(s.Tags) > 0 {
				t.Errorf("%s: furniture sentence %q has tags %+v", id, s.Text, s.Tags)
			}
			if strings.Contains(s.Text, "MDS 2023") && s.Section != corpus.SectionFurniture {
				t.Errorf("%s: menu line %q is not furniture", id, s.Text)
			}
		}
	}
	r := tagSeed(t, "001_7c1521d75b74a78c")
	s := findSentence(t, r, "Mougiakakos")
	if s.Section != corpus.SectionReferences {
		t.Errorf("001 reference %q is in section %q, want references", s.Text, s.Section)
	}
}

// TestSeedGolden compares the whole tagged output of the seeds with testdata/seeds.golden.jsonl
// (refresh with go test -run TestSeedGolden -update).
func TestSeedGolden(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	ids := make([]string, 0, len(seedFacets))
	for id := range seedFacets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := tagSeed(t, id)
		type sent struct {
			Index   int              `json:"index"`
			Section corpus.Section   `json:"section"`
			Text    string           `json:"text"`
			Tags    []classifier.Tag `json:"tags"`
		}
		out := struct {
			ID        string              `json:"id"`
			Facets    map[string][]string `json:"facets"`
			Sentences []sent              `json:"sentences"`
		}{ID: id, Facets: r.Facets}
		for _, s := range r.Sentences {
			if len(s.Tags) > 0 {
				out.Sentences = append(out.Sentences, sent{s.Index, s.Section, s.Text, s.Tags})
			}
		}
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
	}
	checkGolden(t, filepath.Join("testdata", "seeds.golden.jsonl"), buf.Bytes(), "TestSeedGolden", "tagged seeds", "document")
}

// checkGolden compares got with the golden file (rewriting it first under -update) and
// fails at the first line that differs; what names the content, unit its lines.
func checkGolden(t *testing.T, golden string, got []byte, test, what, unit string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, test)
	}
	if !bytes.Equal(want, got) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("%s differ from %s at %s %d:\n got: %.600s\nwant: %.600s\n(run with -update if the change is intended)", what, golden, unit, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differ from %s in length (run with -update if intended)", what, golden)
	}
}
