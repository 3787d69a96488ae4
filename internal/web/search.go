package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
)

// AllDocuments is the query that matches every document (with the filters, if any).
const AllDocuments = "*"

// SearchRequest is a search as the CLI's flags and the API's parameters state it.
type SearchRequest struct {
	// Query is what the user typed. [AllDocuments] ("*") matches every document.
	Query string
	// Filters are "facet=value" or "facet!=value" strings (--filter, filter=).
	Filters []string
	// Literal turns interpretation off: the query is free text (or query-string syntax) only.
	Literal bool
	// SameSentence requires the filters (given and interpreted) to hold in one sentence.
	SameSentence bool
	// Facets names the facets to count; empty means all, "none" none (see [index.Query]).
	Facets []string
	// Limit is the most hits returned (0: 10); Offset the hits skipped.
	Limit, Offset int
	// Sentences is the most sentences shown per hit (0: 3).
	Sentences int
}

// SearchResponse is the JSON of a search, for `trialtag search --format json` and
// GET /api/search alike.
type SearchResponse struct {
	// Query is the query as given.
	Query string `json:"query"`
	// Interpretation is what the query was read as.
	Interpretation Interpretation `json:"interpretation"`
	// Filters are the filters given explicitly (--filter, filter=).
	Filters []index.Filter `json:"filters"`
	// Total is how many documents match; Hits holds the page asked for.
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Facets maps each facet counted to its values, most frequent first.
	Facets map[string][]index.FacetCount `json:"facets"`
}

// Interpretation is how a query was read: the facet values recognised, each with the words
// it came from, and the free text left over.
type Interpretation struct {
	index.Interpretation
	// Literal is true when interpretation was turned off (--literal).
	Literal bool `json:"literal,omitempty"`
}

// Hit is a matching document: its id (as `trialtag tag` gives it), title, source, score,
// facets and best sentences, whose tags and free-text matches give the spans to highlight
// (byte offsets into the document's text; subtract the sentence's start for its text).
type Hit struct {
	ID        string              `json:"id"`
	Title     string              `json:"title"`
	Source    string              `json:"source"`
	Score     float64             `json:"score"`
	Facets    map[string][]string `json:"facets"`
	Sentences []index.HitSentence `json:"sentences"`
}

// NewSearchResponse builds the JSON of a search from what [index.Index.Search] returned.
func NewSearchResponse(query string, in Interpretation, explicit []index.Filter, res *index.Results) *SearchResponse {
	out := &SearchResponse{
		Query:          query,
		Interpretation: in,
		Filters:        explicit,
		Hits:           []Hit{},
		Facets:         map[string][]index.FacetCount{},
	}
	if out.Interpretation.Filters == nil {
		out.Interpretation.Filters = []index.InterpretedFilter{}
	}
	if out.Filters == nil {
		out.Filters = []index.Filter{}
	}
	if res == nil {
		return out
	}
	out.Total = res.Total
	for _, h := range res.Hits {
		hit := Hit{ID: h.ID, Title: h.Title, Source: h.Source, Score: h.Score, Facets: h.Facets, Sentences: h.Sentences}
		if hit.Facets == nil {
			hit.Facets = map[string][]string{}
		}
		if hit.Sentences == nil {
			hit.Sentences = []index.HitSentence{}
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, counts := range res.Facets {
		if counts == nil {
			counts = []index.FacetCount{}
		}
		out.Facets[name] = counts
	}
	return out
}

// Search interprets req with interp (unless it is literal), runs it on ix and returns its JSON.
// Problems with the request (no query, an unknown facet, a bad filter, a negative limit)
// wrap [index.ErrBadQuery].
func Search(ctx context.Context, ix *index.Index, interp *index.Interpreter, req SearchRequest) (*SearchResponse, error) {
	q := strings.TrimSpace(req.Query)
	var explicit []index.Filter
	for _, s := range req.Filters {
		f, err := index.ParseFilter(s)
		if err != nil {
			return nil, err
		}
		if err := checkFacet(f.Facet, false); err != nil {
			return nil, fmt.Errorf("filter %q: %w", s, err)
		}
		explicit = append(explicit, f)
	}
	if q == "" && len(explicit) == 0 {
		return nil, fmt.Errorf("%w: missing query: give a query (%q for every document) or a filter", index.ErrBadQuery, AllDocuments)
	}
	for _, name := range req.Facets {
		if name == "none" && len(req.Facets) == 1 {
			continue
		}
		if err := checkFacet(name, true); err != nil {
			return nil, fmt.Errorf("facets: %w", err)
		}
	}
	switch {
	case req.Limit < 0:
		return nil, fmt.Errorf("%w: limit %d is negative", index.ErrBadQuery, req.Limit)
	case req.Offset < 0:
		return nil, fmt.Errorf("%w: offset %d is negative", index.ErrBadQuery, req.Offset)
	case req.Sentences < 0:
		return nil, fmt.Errorf("%w: sentences %d is negative", index.ErrBadQuery, req.Sentences)
	}
	var iq index.Query
	in := Interpretation{Literal: req.Literal}
	switch {
	case q == "" || q == AllDocuments:
		in.Interpretation = index.Interpretation{Filters: []index.InterpretedFilter{}}
	case req.Literal:
		iq = index.Query{Text: q, Literal: true}
		in.Interpretation = index.Interpretation{Filters: []index.InterpretedFilter{}, Text: q, Syntax: index.IsQuerySyntax(q)}
	default:
		iq, in.Interpretation = interp.Interpret(q)
	}
	for _, f := range explicit {
		if !slices.Contains(iq.Filters, f) {
			iq.Filters = append(iq.Filters, f)
		}
	}
	iq.SameSentence = req.SameSentence
	iq.Facets = req.Facets
	iq.Limit = req.Limit
	iq.Offset = req.Offset
	iq.Sentences = req.Sentences
	res, err := ix.Search(ctx, iq)
	if err != nil {
		return nil, err
	}
	return NewSearchResponse(req.Query, in, explicit, res), nil
}

// checkFacet reports an unknown facet name, listing the known ones. ranges allows the
// grade range facets (crs_grade_range) that only facet counts know.
func checkFacet(name string, ranges bool) error {
	if _, ok := classifier.LookupFacet(name); ok {
		return nil
	}
	if base, ok := strings.CutSuffix(name, "_range"); ok && ranges {
		if f, ok := classifier.LookupFacet(base); ok && f.Graded {
			return nil
		}
	}
	names := make([]string, 0, len(classifier.Facets))
	for _, f := range classifier.Facets {
		names = append(names, f.Name)
	}
	return fmt.Errorf("%w: unknown facet %q (facets: %s)", index.ErrBadQuery, name, strings.Join(names, ", "))
}

// ParseSearchRequest reads the parameters of GET /api/search: q, filter (repeatable,
// facet=value), literal, same_sentence, facets (comma-separated or repeated), limit, offset
// and sentences. Unknown parameters are ignored.
func ParseSearchRequest(v url.Values) (SearchRequest, error) {
	req := SearchRequest{Query: v.Get("q"), Filters: v["filter"]}
	var errs []error
	boolean := func(name string) bool {
		s, ok := v[name]
		if !ok {
			return false
		}
		if s[0] == "" {
			return true // ?literal
		}
		b, err := strconv.ParseBool(s[0])
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not true or false", name, s[0]))
		}
		return b
	}
	integer := func(name string) int {
		s := v.Get(name)
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a whole number ≥ 0", name, s))
		}
		return n
	}
	req.Literal = boolean("literal")
	req.SameSentence = boolean("same_sentence")
	req.Limit = integer("limit")
	req.Offset = integer("offset")
	req.Sentences = integer("sentences")
	for _, f := range v["facets"] {
		for _, name := range strings.Split(f, ",") {
			if name = strings.TrimSpace(name); name != "" {
				req.Facets = append(req.Facets, name)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return req, fmt.Errorf("%w: %w", index.ErrBadQuery, err)
	}
	return req, nil
}
