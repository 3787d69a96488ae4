package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// percolationDocs are the documents the percolation tests run on: the seeds, the written
// evaluation reports, the browser tests' MEDLINE records, and a few short records of our
// own with dates, journals and publication types, so that every kind of filter has
// documents on both sides of it.
func percolationDocs(tb testing.TB) []*corpus.Document {
	tb.Helper()
	docs := loadDocs(tb, seedsDir, "../testdata/eval/docs", "../e2e/testdata/records.medline")
	own := []struct {
		id, text, date, journal string
		types                   []string
	}{
		{"own-1", "Grade 3 CRS occurred in 4 of 20 patients (20%) after CD19 CAR-T cells; tocilizumab was given. No ICANS occurred.", "2023-05-17", "Journal of Made-up Haematology", []string{"Clinical Trial"}},
		{"own-2", "In this review we discuss BCMA-directed products for multiple myeloma. Grade 2 ICANS was reported in one of ten patients.", "2021", "Invented Reviews", []string{"Review"}},
		{"own-3", "Eleven patients with lupus nephritis received CD19 CAR-T cells; grade 1 CRS occurred in 3 of 11 patients and neutropenia in 5 of 11.", "2024-01", "journal of made-up haematology", []string{"Clinical Trial, Phase I"}},
		{"own-4", "Patients without cytokine release syndrome were followed for one year; no neutropenia was seen.", "", "", nil},
		{"own-5", "After CD19 CAR-T cells, no grade 3 or higher infections occurred among the 12 patients, and no infection was fatal.", "", "", nil},
		{"own-6", "After CD19 CAR-T cells, no infections occurred among the 9 patients.", "", "", nil},
	}
	for _, o := range own {
		d := &corpus.Document{ID: o.id, Text: o.text, Source: "own/" + o.id}
		if o.date != "" || o.journal != "" || o.types != nil {
			d.Meta = &corpus.Meta{Date: o.date, Journal: o.journal, PublicationTypes: o.types}
		}
		docs = append(docs, d)
	}
	return docs
}

// percolationSearches are saved searches of every shape a search takes: interpreted
// queries, free text, filters on tags and on records, exclusions, same-sentence, percent
// bounds, case-insensitive values, literal queries and query-string syntax.
var percolationSearches = []SavedSearch{
	{Name: "grade 2 crs tocilizumab", Query: "grade 2 CRS tocilizumab"},
	{Name: "no icans", Query: "no ICANS"},
	{Name: "cd19", Query: "CD19"},
	{Name: "lupus nephritis", Query: "lupus nephritis"},
	{Name: "grade 3+ crs", Query: "grade ≥3 CRS"},
	{Name: "crs", Query: "CRS"},
	{Name: "neutropenia", Query: "neutropenia"},
	{Name: "tocilizumab alone", Query: "tocilizumab"},
	{Name: "bcma myeloma", Query: "BCMA multiple myeloma"},
	{Name: "free text", Query: "remission durable"},
	{Name: "free text plurals", Query: "patient"},
	{Name: "free text compound", Query: "CAR-T cells"},
	{Name: "nothing", Query: "xylophone quasar"},
	{Name: "free text with filter", Query: "children", Filters: []string{"antigen=GD2"}},
	{Name: "every review", Query: "*", Filters: []string{"publication_type=Review"}},
	{Name: "no reviews", Query: "CD19", Filters: []string{"publication_type!=Review"}},
	{Name: "year range", Query: "*", Filters: []string{"year>=2023"}},
	{Name: "year below", Query: "*", Filters: []string{"year<2023"}},
	{Name: "year equal", Query: "*", Filters: []string{"year=2024"}},
	{Name: "date month", Query: "*", Filters: []string{"date=2023-05"}},
	{Name: "date after", Query: "*", Filters: []string{"date>2023-05"}},
	{Name: "date from", Query: "*", Filters: []string{"date>=2024-01"}},
	{Name: "date before", Query: "*", Filters: []string{"date<2024-01"}},
	{Name: "journal any case", Query: "*", Filters: []string{"journal=JOURNAL OF MADE-UP HAEMATOLOGY"}},
	{Name: "antigen any case", Query: "*", Filters: []string{"antigen=cd19"}},
	{Name: "grade range", Query: "*", Filters: []string{"crs_grade>=2"}},
	{Name: "grade at most", Query: "*", Filters: []string{"crs_grade<=1"}},
	{Name: "negated grade", Query: "no grade ≥3 CRS"},
	{Name: "hypothetical", Query: "*", Filters: []string{"crs=present/hypothetical"}},
	{Name: "generic", Query: "*", Filters: []string{"crs=present/generic"}},
	{Name: "absent", Query: "*", Filters: []string{"icans=absent"}},
	{Name: "value absent", Query: "*", Filters: []string{"adverse_event=neutropenia: absent"}},
	{Name: "value absent in one sentence", Query: "*", Filters: []string{"adverse_event=infection: absent"}, SameSentence: true},
	{Name: "graded denial", Query: "no grade ≥3 infections"},
	{Name: "same sentence", Query: "CRS tocilizumab", SameSentence: true},
	{Name: "same sentence antigen", Query: "*", Filters: []string{"antigen=CD19", "crs=present"}, SameSentence: true},
	{Name: "exclude", Query: "CRS", Filters: []string{"antigen!=CD19"}},
	{Name: "percent", Query: "CRS in more than 10% of patients"},
	{Name: "percent given", Query: "neutropenia", MinPercent: 40},
	{Name: "literal", Query: "tocilizumab", Literal: true},
	{Name: "syntax", Query: "+crs_grade:2 +antigen:CD19"},
	{Name: "syntax phrase", Query: `text:"CAR T cells"`},
	{Name: "syntax wildcard", Query: "lupu*"},
	{Name: "syntax fuzzy", Query: "tocilizumap~1"},
	{Name: "syntax exclusion", Query: "+crs:present -antigen:CD19"},
}

// TestPercolateAgreesWithSearch checks the percolator's one promise: a saved search
// matches a new document exactly when a search over an index of the new documents finds
// it, for searches of every shape.
func TestPercolateAgreesWithSearch(t *testing.T) {
	docs := percolationDocs(t)
	ix, _ := buildIndex(t, docs)
	c := testrules.Default(t)
	interp := NewInterpreter(c)
	p, err := NewPercolator(interp, percolationSearches, nil)
	if err != nil {
		t.Fatal(err)
	}
	results := make([]*classifier.Result, len(docs))
	for i, d := range docs {
		results[i] = c.Tag(d)
	}
	matches, err := p.Percolate(context.Background(), results)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, m := range matches {
		got[m.Search] = append(got[m.Search], m.Document)
	}
	for _, s := range percolationSearches {
		t.Run(s.Name, func(t *testing.T) {
			resp, err := ix.Answer(context.Background(), interp, Request{Query: s.Query, Filters: s.Filters, SameSentence: s.SameSentence,
				Literal: s.Literal, MinPercent: s.MinPercent, Limit: len(docs), Facets: []string{"none"}})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, h := range resp.Hits {
				want = append(want, h.ID)
			}
			slices.Sort(want)
			have := slices.Clone(got[s.Name])
			slices.Sort(have)
			if !slices.Equal(have, want) {
				t.Errorf("percolation matched %q,\nsearch finds %q", have, want)
			}
		})
	}
	// The test means something only if searches of each kind match some documents and
	// miss others.
	for _, name := range []string{"crs", "cd19", "free text with filter", "year range", "date month", "journal any case",
		"same sentence antigen", "exclude", "percent", "syntax", "syntax wildcard"} {
		if n := len(got[name]); n == 0 || n == len(docs) {
			t.Errorf("%s matched %d of %d documents: the comparison shows nothing", name, n, len(docs))
		}
	}
}

// TestPercolateExplains checks what a match says: each filter with the sentences whose
// tags satisfy it, the words of the free text and their sentences, and the sentences
// themselves.
func TestPercolateExplains(t *testing.T) {
	c := testrules.Default(t)
	p, err := NewPercolator(NewInterpreter(c), []SavedSearch{
		{Name: "severe crs", Query: "grade ≥3 CRS tocilizumab followed", Filters: []string{"year>=2020", "publication_type!=Review"}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	doc := &corpus.Document{ID: "d1", Source: "d1.txt", Meta: &corpus.Meta{Date: "2024-02"},
		Text: "Twelve patients were treated. Grade 3 CRS occurred in two patients. Both received tocilizumab and were followed for a year."}
	ms, err := p.Percolate(context.Background(), []*classifier.Result{c.Tag(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 {
		t.Fatalf("got %d matches, want 1: %+v", len(ms), ms)
	}
	m := ms[0]
	if m.Search != "severe crs" || m.Document != "d1" {
		t.Errorf("match of %q on %q", m.Search, m.Document)
	}
	want := map[string][]int{"crs_grade=≥3": {1}, "toxicity_treatment=tocilizumab": {2}, "year>=2020": nil, "publication_type!=Review": nil}
	if len(m.Filters) != len(want) {
		t.Errorf("filters %+v, want %v", m.Filters, want)
	}
	for _, f := range m.Filters {
		w, ok := want[f.Filter]
		if !ok || !slices.Equal(f.Sentences, w) {
			t.Errorf("filter %s: sentences %v, want %v (known: %v)", f.Filter, f.Sentences, w, ok)
		}
	}
	if m.Filters[0].Text != "grade ≥3 CRS" {
		t.Errorf("the first filter was read from %q, want the words of the query", m.Filters[0].Text)
	}
	if m.Text == nil || !slices.Equal(m.Text.Terms, []string{"followed"}) || !slices.Equal(m.Text.Sentences, []int{2}) {
		t.Errorf("text match %+v, want followed in sentence 2", m.Text)
	}
	var idx []int
	for _, s := range m.Sentences {
		idx = append(idx, s.Index)
		if !strings.Contains(doc.Text, s.Text) || doc.Text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d: %q is not the text at %d–%d", s.Index, s.Text, s.Start, s.End)
		}
	}
	if !slices.Equal(idx, []int{1, 2}) {
		t.Errorf("sentences %v, want 1 and 2", idx)
	}
}

// TestNewPercolatorErrors checks that every bad search is reported, each with the part of
// it to blame.
func TestNewPercolatorErrors(t *testing.T) {
	interp := NewInterpreter(testrules.Default(t))
	_, err := NewPercolator(interp, []SavedSearch{
		{Name: "ok", Query: "CRS"},
		{Name: "", Query: "CRS"},
		{Name: "ok", Query: "ICANS"},
		{Name: "bad filter", Query: "CRS", Filters: []string{"year>=2020", "colour=blue"}},
		{Name: "bad date", Query: "CRS", Filters: []string{"date>=May"}},
		{Name: "no words", Query: "(((("},
		{Name: "bound without outcome", Query: "CD19", MinPercent: 10},
		{Name: "bad syntax", Query: `text:"unclosed`},
		{Name: "empty", Query: ""},
	}, nil)
	if err == nil {
		t.Fatal("no error")
	}
	want := []struct {
		search, part string
		item         int
	}{
		{"", PartName, 0}, {"ok", PartName, 0}, {"bad filter", PartFilter, 1}, {"bad date", PartFilter, 0},
		{"no words", PartQuery, 0}, {"bound without outcome", PartQuery, 0}, {"bad syntax", PartQuery, 0}, {"empty", PartQuery, 0},
	}
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	if len(errs) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(errs), len(want), err)
	}
	for i, e := range errs {
		var se *SearchError
		if !errors.As(e, &se) {
			t.Fatalf("error %d is %T, not *SearchError: %v", i, e, e)
		}
		if se.Search != want[i].search || se.Part != want[i].part || se.Item != want[i].item {
			t.Errorf("error %d: %q %s %d, want %+v: %v", i, se.Search, se.Part, se.Item, want[i], e)
		}
	}
}

// TestPercolateNothing checks that a percolator with no searches, or no documents, finds
// nothing and does nothing.
func TestPercolateNothing(t *testing.T) {
	c := testrules.Default(t)
	var nilP *Percolator
	if nilP.Len() != 0 {
		t.Error("a nil percolator has searches")
	}
	res := []*classifier.Result{c.Tag(&corpus.Document{ID: "x", Text: "CRS occurred."})}
	for _, p := range []*Percolator{nilP, {}} {
		if ms, err := p.Percolate(context.Background(), res); err != nil || ms != nil {
			t.Errorf("Percolate = %v, %v", ms, err)
		}
	}
}

// TestPercolateAsksBleve checks the fallback: a search whose queries hold a form memory
// cannot decide (here a wildcard, in a search that is not marked as query-string syntax) is
// decided by bleve on an index of the batch, with the answer a search gives.
func TestPercolateAsksBleve(t *testing.T) {
	c := testrules.Default(t)
	docs := percolationDocs(t)
	results := make([]*classifier.Result, len(docs))
	for i, d := range docs {
		results[i] = c.Tag(d)
	}
	ps := &PreparedSearch{SavedSearch: SavedSearch{Name: "wild", Query: "lupu*"}, query: Query{Text: "lupu*"}, text: map[Filter]string{}}
	e := newEvaluator()
	pl, err := buildPlan(asWritten{}, ps.query)
	if err != nil {
		t.Fatal(err)
	}
	d := newEvalDoc(results[0], bleveDoc{fields: map[string]any{fieldType: typeDoc, fieldText: "lupus"}}, nil)
	if _, exact := e.eval(pl.text, d, d.doc.fields); exact {
		t.Fatal("a wildcard was decided in memory; the test needs a form that is not")
	}
	ms, err := (&Percolator{searches: []*PreparedSearch{ps}}).Percolate(context.Background(), results)
	if err != nil {
		t.Fatal(err)
	}
	ix, _ := buildIndex(t, docs)
	res, err := ix.Search(context.Background(), Query{Text: "lupu*", Limit: len(docs), Facets: []string{"none"}})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, m := range ms {
		got = append(got, m.Document)
		if m.Text == nil || len(m.Sentences) == 0 {
			t.Errorf("%s: the match says nothing of where: %+v", m.Document, m)
		}
	}
	for _, h := range res.Hits {
		want = append(want, h.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("bleve's fallback matched %q, search finds %q", got, want)
	}
}
