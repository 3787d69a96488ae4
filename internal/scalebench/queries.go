package scalebench

import (
	"fmt"
	"strings"

	"github.com/trialtag/trialtag/index"
)

// Classes of searches, from the cheapest to the costliest kind for the index.
const (
	ClassSelective    = "selective"     // rare terms: few hits
	ClassBroad        = "broad"         // common words: most documents match
	ClassMatchAll     = "match-all"     // "*": every document
	ClassFilter       = "filter"        // facet and metadata filters, with or without text
	ClassSameSentence = "same-sentence" // filters that must hold in one sentence
)

// FacetsNone is the [index.Request] Facets value that counts no facet.
const FacetsNone = "none"

// FiveFacets are the facets counted by the searches that count facets: the five of
// index's BenchmarkSearchFiveFacets, so that the figures compare.
var FiveFacets = []string{"disease", "trial_phase", "antigen", "adverse_event", "remission"}

// Query is one search of the benchmark.
type Query struct {
	// Class is the kind of search (ClassSelective, …), which the report groups by.
	Class string
	// Request is the search as the HTTP API would receive it.
	Request index.Request
}

// Facets names the facets the query counts: "none" or how many.
func (q Query) Facets() string {
	f := q.Request.Facets
	switch {
	case len(f) == 0:
		return "all"
	case len(f) == 1 && f[0] == FacetsNone:
		return FacetsNone
	}
	return fmt.Sprint(len(f))
}

// Label writes the query as a user would read it: the quoted query, then its filters and
// options ("\"*\" crs=present", "\"grade 2 CRS\" same-sentence").
func (q Query) Label() string {
	r := q.Request
	parts := []string{fmt.Sprintf("%q", r.Query)}
	parts = append(parts, r.Filters...)
	if r.SameSentence {
		parts = append(parts, "same-sentence")
	}
	if r.Literal {
		parts = append(parts, "literal")
	}
	return strings.Join(parts, " ")
}

// DefaultQueries returns the benchmark's fixed set of searches: rare terms, common words,
// every document, filters (tag facets, a metadata year and text with a filter) and
// same-sentence searches (read from the query, or given as filters), each once without
// facet counts ("none") and then counting [FiveFacets]. Some find nothing in some corpora
// (no ctgov record has a year, and a registry record's CRS is a plan, never present): they
// still cost a search, and the report gives each query's total so that such ones show.
func DefaultQueries() []Query {
	base := []Query{
		{ClassSelective, index.Request{Query: "retinitis pigmentosa"}},
		{ClassSelective, index.Request{Query: "narcolepsy"}},
		{ClassSelective, index.Request{Query: "amyloidosis"}},
		{ClassBroad, index.Request{Query: "patients"}},
		{ClassBroad, index.Request{Query: "study"}},
		{ClassBroad, index.Request{Query: "cancer"}},
		{ClassMatchAll, index.Request{Query: index.AllDocuments}},
		{ClassFilter, index.Request{Query: index.AllDocuments, Filters: []string{"crs=present"}}},
		{ClassFilter, index.Request{Query: index.AllDocuments, Filters: []string{"trial_phase=phase 2"}}},
		{ClassFilter, index.Request{Query: index.AllDocuments, Filters: []string{"year>=2020"}}},
		{ClassFilter, index.Request{Query: "chemotherapy", Filters: []string{"trial_phase=phase 3"}}},
		{ClassSameSentence, index.Request{Query: "phase 3 breast cancer", SameSentence: true}},
		{ClassSameSentence, index.Request{Query: index.AllDocuments, Filters: []string{"trial_phase=phase 2", "disease=multiple myeloma"}, SameSentence: true}},
		{ClassSameSentence, index.Request{Query: "grade 2 CRS tocilizumab", SameSentence: true}},
	}
	var out []Query
	for _, q := range base {
		for _, facets := range [][]string{{FacetsNone}, FiveFacets} {
			q.Request.Facets = facets
			out = append(out, q)
		}
	}
	return out
}
