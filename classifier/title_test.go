package classifier_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestTitlesTagged: a record's title is text like its abstract, in the title section, so
// the antigen, disease and phase it names reach the facets; a title that names an outcome
// names a topic, which no outcome facet counts.
func TestTitlesTagged(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	want := map[string]map[string][]string{
		"39000001":    {"antigen": {"BCMA"}, "disease": {"SLE"}, "trial_phase": {"phase 1"}},
		"39000003":    {"antigen": {"CD19"}, "disease": {"inflammatory myopathy"}},
		"39000004":    {"crs": nil},
		"NCT09000005": {"antigen": {"CD22"}, "trial_phase": {"phase 2"}},
	}
	seen := 0
	for _, file := range []string{"meta.medline", "meta.xml", "meta.jsonl"} {
		for doc, err := range corpus.Load(context.Background(), []string{"../corpus/testdata/load/" + file}, corpus.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			facets, ok := want[doc.ID]
			if !ok {
				continue
			}
			seen++
			res := c.Tag(doc)
			if len(res.Sentences) == 0 || res.Sentences[0].Section != corpus.SectionTitle ||
				res.Sentences[0].Start != doc.TitleStart || res.Sentences[0].End != doc.TitleEnd {
				t.Errorf("%s: the first sentence is not the title: %+v", doc.ID, res.Sentences[0].Sentence)
			}
			for facet, vals := range facets {
				if got := res.Facets[facet]; !slices.Equal(got, vals) {
					t.Errorf("%s: %s = %v, want %v", doc.ID, facet, got, vals)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("tagged %d of the %d documents", seen, len(want))
	}
}

// TestTitlePhrases: a document rule's title phrase (": a review") makes a review only in the
// title; in running text it names another work, and the document's own results stand. A
// meta-analysis's pooled counts are its own results (r4).
func TestTitlePhrases(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	records := `{"id":"r1","title":"Late cytopenias after CAR-T cells: a review","text":"Grade 3 neutropenia occurred in 4 of 15 patients after CD19 CAR-T cells."}
{"id":"r2","title":"Late cytopenias after CD19 CAR-T cells in lupus","text":"Late cytopenias were frequent: a review of earlier CAR-T trials found the same. Grade 3 neutropenia occurred in four patients after the CAR-T cells."}
{"id":"r3","title":"How I treat late cytopenias after CAR-T cells","text":"Grade 3 neutropenia occurred in 4 of 15 patients after CD19 CAR-T cells."}
{"id":"r4","title":"Neutropenia after CAR-T cells: a systematic review and meta-analysis","text":"Grade 3 neutropenia occurred in 140 of 515 patients after CD19 CAR-T cells."}
{"id":"r5","title":"Late cytopenias after CAR-T cells: current management and future directions","text":"Grade 3 neutropenia occurred in 4 of 15 patients after CD19 CAR-T cells."}
{"id":"r6","title":"Late cytopenias after CD19 CAR-T cells in lupus","text":"A systematic review and meta-analysis of earlier CAR-T trials found late cytopenias in most. Grade 3 neutropenia occurred in four patients after the CAR-T cells."}
`
	want := map[string]string{"r1": "document.review", "r2": "", "r3": "document.review", "r4": "", "r5": "document.review", "r6": ""}
	for _, doc := range loadRecords(t, records) {
		tg, found := neutropeniaTag(c.Tag(doc))
		if !found {
			t.Fatalf("%s: no neutropenia tag", doc.ID)
		}
		rule := ""
		if strings.HasPrefix(tg.Cue, "document: ") {
			rule = "document.review"
		}
		if rule != want[doc.ID] {
			t.Errorf("%s: neutropenia decided by %q, want %q", doc.ID, rule, want[doc.ID])
		}
	}
}

// TestCueUnlessInTitle: a named trial is another study's cue, unless the document's title
// names that trial (a report of it) and does not set it against its own ("ineligible for",
// "versus"); so is one a cue pattern reads by its shape ("the SolarIS trial", "CheckMate
// 067"), which is also the report's own where its own words name it ("The ElderCAR study is
// our trial") and no name where it is a term ("In COHORT 2,").
func TestCueUnlessInTitle(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	records := `{"id":"own","title":"Three-year follow-up of ZUMA-7","text":"In ZUMA-7, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"other","title":"Axi-cel outside trials at four centres","text":"In ZUMA-7, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"other-trial","title":"Three-year follow-up of ZUMA-1","text":"In ZUMA-7, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"ineligible","title":"Axi-cel in patients ineligible for ZUMA-7","text":"In ZUMA-7, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"versus","title":"Axi-cel at four centres versus ZUMA-7","text":"In ZUMA-7, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"own-named","title":"Final results of the SolarIS trial","text":"In the SolarIS trial, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"other-named","title":"Axi-cel outside trials at four centres","text":"In the SolarIS trial, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"versus-named","title":"Axi-cel at four centres versus the SolarIS trial","text":"In the SolarIS trial, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"own-numbered","title":"Five-year outcomes of CheckMate 067","text":"In CheckMate 067, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"other-numbered","title":"Axi-cel outside trials at four centres","text":"In CheckMate 067, grade 3 neutropenia occurred in 40 of 170 patients after the CAR-T cells."}
{"id":"own-said","title":"CAR-T cells in older adults","text":"The ElderCAR study is our phase 2 trial of the CAR-T cells. In the ElderCAR study, grade 3 neutropenia occurred in 12 of 30 patients."}
{"id":"part","title":"CAR-T cells in older adults","text":"In COHORT 2, grade 3 neutropenia occurred in 4 of 12 patients after the CAR-T cells."}
`
	want := map[string]string{"own": classifier.Affirmed, "other": classifier.Generic, "other-trial": classifier.Generic, "ineligible": classifier.Generic, "versus": classifier.Generic,
		"own-named": classifier.Affirmed, "other-named": classifier.Generic, "versus-named": classifier.Generic,
		"own-numbered": classifier.Affirmed, "other-numbered": classifier.Generic, "own-said": classifier.Affirmed, "part": classifier.Affirmed}
	for _, doc := range loadRecords(t, records) {
		tg, _ := neutropeniaTag(c.Tag(doc))
		if got := tg.Status; got != want[doc.ID] {
			t.Errorf("%s: neutropenia %q, want %q", doc.ID, got, want[doc.ID])
		}
	}
}

// loadRecords loads JSON Lines records ({"id","title","text"}) as the corpus loader reads a
// file of them, titles and all.
func loadRecords(t *testing.T, records string) []*corpus.Document {
	t.Helper()
	path := filepath.Join(t.TempDir(), "records.jsonl")
	if err := os.WriteFile(path, []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for doc, err := range corpus.Load(context.Background(), []string{path}, corpus.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// neutropeniaTag returns the last neutropenia tag of a tagged document, and whether it has one.
func neutropeniaTag(res *classifier.Result) (classifier.Tag, bool) {
	var out classifier.Tag
	found := false
	for _, s := range res.Sentences {
		for _, tg := range s.Tags {
			if tg.Facet == "adverse_event" && tg.Value == "neutropenia" {
				out, found = tg, true
			}
		}
	}
	return out, found
}
