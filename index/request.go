package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/trialtag/trialtag/classifier"
)

// AllDocuments is the query that matches every document (with the filters, if any).
const AllDocuments = "*"

// Request is a search as the CLI's flags and the API's parameters state it.
type Request struct {
	// Query is what the user typed. [AllDocuments] ("*") matches every document.
	Query string
	// Filters are "facet=value" or "facet!=value" strings (--filter, filter=).
	Filters []string
	// Literal turns interpretation off: the query is free text (or query-string syntax) only.
	Literal bool
	// SameSentence requires the filters (given and interpreted) to hold in one sentence.
	SameSentence bool
	// Facets names the facets to count; empty means all, "none" none (see [Query]).
	Facets []string
	// FacetSize is the most values counted per facet (0: 10; at most MaxFacetSize).
	FacetSize int
	// Limit is the most hits returned (0: 10); Offset the hits skipped.
	Limit, Offset int
	// Sentences is the most sentences shown per hit (0: 3).
	Sentences int
	// Sort orders the hits: relevance (""), newest, oldest, id or incidence.
	Sort string
	// MinPercent bounds the filtered outcome values by incidence (see [Query.MinPercent]);
	// a bound the query states ("in more than 10%") counts too, the higher one wins.
	MinPercent float64
	// Limits bound the cost of the search; nil means [DefaultLimits].
	Limits *Limits
}

// Response is the JSON of a search, for `trialtag search --format json` and
// GET /api/search alike.
type Response struct {
	// Query is the query as given.
	Query string `json:"query"`
	// Interpretation is what the query was read as.
	Interpretation Interpretation `json:"interpretation"`
	// Filters are the filters given explicitly (--filter, filter=).
	Filters []Filter `json:"filters"`
	// MinPercent is the incidence bound the search used (given or read from the query).
	MinPercent float64 `json:"min_percent,omitempty"`
	// Total is how many documents match; Hits holds the page asked for.
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Facets maps each facet counted to its values, most frequent first.
	Facets map[string][]FacetCount `json:"facets"`
}

// newResponse builds the JSON of a search from what [Index.Search] returned.
func newResponse(query string, in Interpretation, explicit []Filter, res *Results) *Response {
	out := &Response{
		Query:          query,
		Interpretation: in,
		Filters:        explicit,
		Hits:           []Hit{},
		Facets:         map[string][]FacetCount{},
	}
	if out.Interpretation.Filters == nil {
		out.Interpretation.Filters = []InterpretedFilter{}
	}
	if out.Filters == nil {
		out.Filters = []Filter{}
	}
	if res == nil {
		return out
	}
	out.Total = res.Total
	for _, h := range res.Hits {
		hit := h
		if hit.Facets == nil {
			hit.Facets = map[string][]string{}
		}
		if hit.Sentences == nil {
			hit.Sentences = []HitSentence{}
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, counts := range res.Facets {
		if counts == nil {
			counts = []FacetCount{}
		}
		out.Facets[name] = counts
	}
	return out
}

// Answer interprets req with interp (unless it is literal), runs it on the index and returns
// its JSON: what `trialtag search` prints and GET /api/search serves. Problems with the
// request (no query, an unknown facet, a bad filter, a negative limit) wrap [ErrBadQuery].
//
// The query's cost is bounded before anything runs (see [Limits]), and ctx cancels every
// step: a client that has gone stops its search.
func (ix *Index) Answer(ctx context.Context, interp *Interpreter, req Request) (*Response, error) {
	iq, in, explicit, err := prepare(ctx, interp, req)
	if err != nil {
		return nil, err
	}
	res, err := ix.Search(ctx, iq)
	if err != nil {
		return nil, err
	}
	out := newResponse(req.Query, in, explicit, res)
	out.MinPercent = iq.MinPercent
	if q := strings.TrimSpace(req.Query); res.Total == 0 && !req.Literal && !in.Syntax && len(iq.IDs) == 0 && interp != nil {
		out.Interpretation.Suggestion = interp.Suggest(q)
	}
	return out, nil
}

// prepare checks req and reads its query with interp (unless it is literal) into the
// [Query] to run, with what the query was read as and the filters given apart from it:
// what [Index.Answer] runs, and what a [Percolator] keeps of a saved search. Its errors
// wrap [ErrBadQuery].
func prepare(ctx context.Context, interp *Interpreter, req Request) (Query, Interpretation, []Filter, error) {
	var none Interpretation
	q := strings.TrimSpace(req.Query)
	lim := limitsOr(req.Limits)
	if err := lim.checkQueryBytes(q); err != nil {
		return Query{}, none, nil, err
	}
	if len(req.Filters) > lim.Clauses {
		return Query{}, none, nil, fmt.Errorf("%w: %d filters; the most is %d (max_query_clauses)", ErrBadQuery, len(req.Filters), lim.Clauses)
	}
	for _, f := range req.Filters {
		if err := lim.checkQueryBytes(f); err != nil {
			return Query{}, none, nil, fmt.Errorf("filter: %w", err)
		}
	}
	var explicit []Filter
	for _, s := range req.Filters {
		f, err := ParseFilter(s)
		if err != nil {
			return Query{}, none, nil, err
		}
		if err := checkFacet(f.Facet, false); err != nil {
			return Query{}, none, nil, fmt.Errorf("filter %s: %w", Excerpt(s), err)
		}
		explicit = append(explicit, f)
	}
	if q == "" && len(explicit) == 0 {
		return Query{}, none, nil, fmt.Errorf("%w: missing query: give a query (%q for every document) or a filter", ErrBadQuery, AllDocuments)
	}
	for _, name := range req.Facets {
		if name == "none" && len(req.Facets) == 1 {
			continue
		}
		if err := checkFacet(name, true); err != nil {
			return Query{}, none, nil, fmt.Errorf("facets: %w", err)
		}
	}
	switch {
	case req.Limit < 0:
		return Query{}, none, nil, fmt.Errorf("%w: limit %d is negative", ErrBadQuery, req.Limit)
	case req.Offset < 0:
		return Query{}, none, nil, fmt.Errorf("%w: offset %d is negative", ErrBadQuery, req.Offset)
	case req.Sentences < 0:
		return Query{}, none, nil, fmt.Errorf("%w: sentences %d is negative", ErrBadQuery, req.Sentences)
	case req.FacetSize < 0 || req.FacetSize > MaxFacetSize:
		return Query{}, none, nil, fmt.Errorf("%w: facet_size %d is not between 0 and %d", ErrBadQuery, req.FacetSize, MaxFacetSize)
	}
	if err := ctx.Err(); err != nil {
		return Query{}, none, nil, err
	}
	// A long query that looks like syntax (a colon, a quote) is a pasted paragraph: prose.
	syntax := IsQuerySyntax(q)
	prose := syntax && len(strings.Fields(q)) > lim.Clauses
	syntax = syntax && !prose
	var iq Query
	var in Interpretation
	ids := IDsOnly(q)
	switch {
	case q == "" || q == AllDocuments:
		in = Interpretation{Filters: []InterpretedFilter{}}
	case len(ids) > 0:
		// A query of ids finds the documents known by them, whatever their text says.
		iq = Query{IDs: ids}
		in = Interpretation{Filters: []InterpretedFilter{}, IDs: iq.IDs}
	case req.Literal:
		iq = Query{Text: q, Literal: true, Prose: !syntax}
		in = Interpretation{Filters: []InterpretedFilter{}, Text: q, Syntax: syntax}
	default:
		iq, in = interp.interpret(q, syntax)
	}
	in.Literal = req.Literal
	if prose {
		in.Note = fmt.Sprintf("read as free text: it has more than %d words, too many for query syntax (max_query_clauses)", lim.Clauses)
	}
	if q != "" && q != AllDocuments && !syntax && len(iq.Filters) == 0 && len(iq.IDs) == 0 && !hasWord(iq.Text) {
		return Query{}, none, nil, fmt.Errorf("%w: the query %s has no words to search for (%q matches every document)", ErrBadQuery, Excerpt(q), AllDocuments)
	}
	if err := ctx.Err(); err != nil {
		return Query{}, none, nil, err
	}
	for _, f := range explicit {
		if !slices.Contains(iq.Filters, f) {
			iq.Filters = append(iq.Filters, f)
		}
	}
	iq.SameSentence = req.SameSentence
	iq.Facets = req.Facets
	iq.FacetSize = req.FacetSize
	iq.Limit = req.Limit
	iq.Offset = req.Offset
	iq.Sentences = req.Sentences
	iq.Sort = req.Sort
	iq.MinPercent = max(iq.MinPercent, req.MinPercent)
	iq.Limits = &lim
	return iq, in, explicit, nil
}

// checkFacet reports an unknown facet name, listing the known ones. ranges allows the
// grade range facets (crs_grade_range) that only facet counts know.
func checkFacet(name string, ranges bool) error {
	if IsFacet(name) && (!ranges || name != fieldDate) {
		return nil
	}
	if base, ok := strings.CutSuffix(name, "_range"); ok && ranges {
		if f, ok := classifier.LookupFacet(base); ok && f.Graded {
			return nil
		}
	}
	names := make([]string, 0, len(classifier.Facets())+len(MetaFacets))
	for _, f := range classifier.Facets() {
		names = append(names, f.Name)
	}
	names = append(names, MetaFacets...)
	return fmt.Errorf("%w: unknown facet %s (facets: %s)", ErrBadQuery, Excerpt(name), strings.Join(names, ", "))
}

// hasWord reports whether text holds a letter or a digit.
func hasWord(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
