package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// searchFile is a data-driven search case: index/testdata/<case>/searches.json.
type searchFile struct {
	// Docs is the folder of documents to index, relative to the case folder (default docs).
	Docs     string       `json:"docs"`
	Searches []searchCase `json:"searches"`
}

// searchCase is one search and what it must return.
type searchCase struct {
	Name string `json:"name"`
	// Interpret is a query read by Interpret with the default rules; Search is a Query run
	// as it is. One of them is set.
	Interpret string `json:"interpret,omitempty"`
	Search    *Query `json:"search,omitempty"`
	// WantFilters and WantText are what Interpret must make of the query, when given.
	WantFilters []Filter `json:"want_filters,omitempty"`
	WantText    *string  `json:"want_text,omitempty"`
	// Hits are the expected ids; Order says how to compare them: "exact" (the default:
	// these ids in this order), "set" (these ids in any order) or "first" (these ids lead).
	Hits  []string `json:"hits"`
	Order string   `json:"order,omitempty"`
	// Facets are expected facet counts, each compared exactly.
	Facets map[string][]FacetCount `json:"facets,omitempty"`
}

func TestSearches(t *testing.T) {
	cases, err := filepath.Glob("testdata/*/searches.json")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no search cases: %v", err)
	}
	for _, path := range cases {
		dir := filepath.Dir(path)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var sf searchFile
			if err := json.Unmarshal(b, &sf); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if sf.Docs == "" {
				sf.Docs = "docs"
			}
			docs := loadDocs(t, filepath.Join(dir, sf.Docs))
			for _, shards := range []int{1, 3} {
				ix, _ := buildIndexShards(t, docs, shards)
				for _, sc := range sf.Searches {
					t.Run(fmt.Sprintf("%s/%d shards", sc.Name, shards), func(t *testing.T) { checkSearch(t, ix, sc) })
				}
			}
		})
	}
}

// checkSearch runs one search case.
func checkSearch(t *testing.T, ix *Index, sc searchCase) {
	t.Helper()
	var q Query
	switch {
	case sc.Search != nil && sc.Interpret == "":
		q = *sc.Search
	case sc.Search == nil && sc.Interpret != "":
		var in Interpretation
		q, in = Interpret(testrules.Default(t), sc.Interpret)
		if sc.WantFilters != nil && !slices.Equal(q.Filters, sc.WantFilters) {
			t.Errorf("Interpret(%q) filters = %v, want %v", sc.Interpret, q.Filters, sc.WantFilters)
		}
		if sc.WantText != nil && q.Text != *sc.WantText {
			t.Errorf("Interpret(%q) text = %q, want %q", sc.Interpret, q.Text, *sc.WantText)
		}
		if len(in.Filters) != len(q.Filters) {
			t.Errorf("Interpret(%q): interpretation lists %d filters, query has %d", sc.Interpret, len(in.Filters), len(q.Filters))
		}
	default:
		t.Fatalf("case %q: set exactly one of interpret and search", sc.Name)
	}
	if len(sc.Facets) > 0 && len(q.Facets) == 0 {
		for name := range sc.Facets {
			q.Facets = append(q.Facets, name)
		}
		slices.Sort(q.Facets)
	}
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	want := sc.Hits
	if want == nil {
		want = []string{}
	}
	if got == nil {
		got = []string{}
	}
	switch sc.Order {
	case "", "exact":
		if !slices.Equal(got, want) {
			t.Errorf("hits = %q, want %q", got, want)
		}
	case "set":
		g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
		if !slices.Equal(g, w) {
			t.Errorf("hits = %q, want (any order) %q", got, want)
		}
	case "first":
		if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
			t.Errorf("hits = %q, want them to start with %q", got, want)
		}
	default:
		t.Fatalf("case %q: unknown order %q", sc.Name, sc.Order)
	}
	if sc.Order != "first" && res.Total != uint64(len(want)) && q.Limit == 0 && len(want) < defaultLimit {
		t.Errorf("total = %d, want %d", res.Total, len(want))
	}
	for name, wantCounts := range sc.Facets {
		if !slices.Equal(res.Facets[name], wantCounts) {
			t.Errorf("facet %s = %v, want %v", name, res.Facets[name], wantCounts)
		}
	}
	for _, h := range res.Hits {
		if h.Source == "" || h.Facets == nil {
			t.Errorf("hit %s lacks its source or facets", h.ID)
		}
		if tagFilters(q.Filters) > 0 && len(h.Sentences) == 0 {
			t.Errorf("hit %s shows no sentence for the filters %v", h.ID, q.Filters)
		}
	}
}

// tagFilters counts the filters on tag facets, whose sentences a hit shows.
func tagFilters(fs []Filter) int {
	n := 0
	for _, f := range fs {
		if _, ok := classifier.LookupFacet(f.Facet); ok && !f.Exclude {
			n++
		}
	}
	return n
}

// TestDocumentByOtherIDs: a document is found by any id its record gives.
func TestDocumentByOtherIDs(t *testing.T) {
	t.Parallel()
	ix, _ := buildIndex(t, loadDocs(t, "testdata/meta/docs"))
	for id, want := range map[string]string{
		"39100001":          "39100001",
		"PMC9100001":        "39100001",
		"10.9999/ir.2021.1": "39100001",
		"10.9999/IR.2021.1": "39100001",
		"NCT09100003":       "39100003",
		"NCT09100004":       "NCT09100004",
	} {
		d, err := ix.Document(id)
		if err != nil {
			t.Errorf("Document(%q): %v", id, err)
			continue
		}
		if d.ID != want {
			t.Errorf("Document(%q) = %s, want %s", id, d.ID, want)
		}
		if id == "39100001" && (d.Meta == nil || d.Meta.PMCID != "PMC9100001" || d.Text[d.TitleStart:d.TitleEnd] != d.Title) {
			t.Errorf("Document(%q) lost its meta or title range: %+v %d:%d", id, d.Meta, d.TitleStart, d.TitleEnd)
		}
	}
	if _, err := ix.Document("PMC0000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("an unknown id: %v, want ErrNotFound", err)
	}
}

// TestBestSentencesOnce checks that a text that repeats a sentence (a page with its
// abstract twice) shows it once among a hit's best sentences.
func TestBestSentencesOnce(t *testing.T) {
	text := "CD19 CAR-T in lupus. Other words here.\nCD19 CAR-T  in lupus. A third CD19 sentence."
	sents := []storedSentence{
		{Index: 0, Start: 0, End: 20},
		{Index: 1, Start: 21, End: 38},
		{Index: 2, Start: 39, End: 60},
		{Index: 3, Start: 61, End: 83},
	}
	matches := []Span{{0, 4}, {39, 43}, {69, 73}}
	got := bestSentences(text, sents, nil, matches, 3)
	var idx []int
	for _, s := range got {
		idx = append(idx, s.Index)
	}
	if !slices.Equal(idx, []int{0, 3}) {
		t.Errorf("best sentences %v, want [0 3] (sentence 2 repeats sentence 0)", idx)
	}
}

func TestIDsOnly(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"NCT02547948", []string{"NCT02547948"}},
		{"nct02547948", []string{"nct02547948"}},
		{"PMID 39100001", []string{"39100001"}},
		{"PMID:39100001, PMC9100001", []string{"39100001", "PMC9100001"}},
		{"doi:10.1000/xyz.1", []string{"10.1000/xyz.1"}},
		{"ChiCTR2000031234 2020-001234-56", []string{"ChiCTR2000031234", "2020-001234-56"}},
		{"CD19 NCT02547948", nil},
		{"grade 2 CRS", nil},
		{"2023", nil},
		{"PMID", nil},
	}
	for _, tt := range tests {
		if got := IDsOnly(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("IDsOnly(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestAnswerByID finds a document by its id although its text never says it.
func TestAnswerByID(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "NCT01234567", Text: "A phase 1 study of CD19 CAR-T cells in lupus.", Source: "a.txt"},
		{ID: "other", Text: "The registry record NCT07654321 is cited here.", Source: "b.txt"},
	}
	ix, _ := buildIndex(t, docs)
	in := NewInterpreter(testrules.Default(t))
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"NCT01234567", []string{"NCT01234567"}},
		{"nct01234567", []string{"NCT01234567"}},
		{"NCT09999999", nil},
	} {
		res, err := ix.Answer(context.Background(), in, Request{Query: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if !slices.Equal(ids, tt.want) || !slices.Equal(res.Interpretation.IDs, []string{tt.q}) {
			t.Errorf("%q: hits %v (read as ids %v), want %v", tt.q, ids, res.Interpretation.IDs, tt.want)
		}
	}
}
