package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// SavedSearch is a search kept under a name, which a [Percolator] runs on every document
// the index adds or updates. Its fields are those of a [Request]: the query is read with
// the rules as `trialtag search` reads it, unless Literal.
type SavedSearch struct {
	// Name identifies the search in alerts; it is unique among the searches of a
	// Percolator.
	Name string `json:"name"`
	// Query is what a user would type ([AllDocuments], "*", for every document).
	Query string `json:"query"`
	// Filters are "facet=value" or "facet!=value" strings, as --filter takes them.
	Filters []string `json:"filters,omitempty"`
	// SameSentence requires the tag filters to hold in one sentence.
	SameSentence bool `json:"same_sentence,omitempty"`
	// Literal reads the query as free text (or query-string syntax) only.
	Literal bool `json:"literal,omitempty"`
	// MinPercent bounds the filtered outcome values by incidence (see [Query.MinPercent]).
	MinPercent float64 `json:"min_percent,omitempty"`
}

// request is the search as a [Request].
func (s SavedSearch) request() Request {
	return Request{Query: s.Query, Filters: s.Filters, SameSentence: s.SameSentence, Literal: s.Literal, MinPercent: s.MinPercent}
}

// Parts of a saved search that a [SearchError] blames.
const (
	PartName   = "name"
	PartQuery  = "query"
	PartFilter = "filters"
)

// SearchError is a saved search that cannot run: which search, which part of it (one of
// [PartName], [PartQuery] and [PartFilter], with Item the filter's index) and why. Errors
// of the query wrap [ErrBadQuery].
type SearchError struct {
	Search string
	Part   string
	Item   int
	Err    error
}

func (e *SearchError) Error() string {
	where := e.Part
	if e.Part == PartFilter {
		where = fmt.Sprintf("filter %d", e.Item+1)
	}
	return fmt.Sprintf("saved search %s: %s: %v", Excerpt(e.Search), where, e.Err)
}

func (e *SearchError) Unwrap() error { return e.Err }

// PreparedSearch is a saved search as a [Percolator] reads it: the search and what its
// query was read as (the filters the rules recognised, with the words they came from,
// and the free text left).
type PreparedSearch struct {
	SavedSearch
	Interpretation Interpretation `json:"interpretation"`

	query    Query    // what runs
	explicit []Filter // the filters given apart from the query
	syntax   bool     // query-string syntax: bleve decides it, on an index of the batch
	text     map[Filter]string
}

// Percolator runs saved searches on new documents: each search against just those
// documents, as a search over an index of them would (same filters, same free-text
// matching), and says which filters and which sentences matched. [Index.SetPercolator]
// makes the index run one on every document it adds or updates.
//
// It scales with what is new, not with what is kept: a search is looked at only for the
// documents that hold its anchor (a value a filter requires, or a word of its free text),
// and is decided on the fields the index builds for them anyway, in memory. Only searches
// in query-string syntax (and forms of it memory cannot decide) need bleve, on a
// temporary in-memory index of the new documents, built once per batch when one is there.
//
// A Percolator is immutable after [NewPercolator] and safe for concurrent use.
type Percolator struct {
	searches []*PreparedSearch
}

// NewPercolator reads each saved search with interp, as [Index.Answer] reads a request
// within lim (nil: [DefaultLimits]), and checks that it can run. It reports every
// search that cannot, each a *[SearchError], joined; a name must be unique, non-empty and
// free of control characters.
func NewPercolator(interp *Interpreter, searches []SavedSearch, lim *Limits) (*Percolator, error) {
	p := &Percolator{}
	var errs []error
	seen := map[string]bool{}
	for _, s := range searches {
		bad := func(part string, item int, err error) {
			errs = append(errs, &SearchError{Search: s.Name, Part: part, Item: item, Err: err})
		}
		switch {
		case strings.TrimSpace(s.Name) == "":
			bad(PartName, 0, errors.New("a saved search needs a name"))
			continue
		case strings.ContainsFunc(s.Name, unicode.IsControl):
			bad(PartName, 0, errors.New("a name may not hold control characters"))
			continue
		case seen[s.Name]:
			bad(PartName, 0, errors.New("another saved search has this name"))
			continue
		}
		seen[s.Name] = true
		ps, err := prepareSearch(interp, s, lim)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.searches = append(p.searches, ps)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// asWritten is a term source that knows no documents: values stay as written. Checking a
// saved search builds its queries on it.
type asWritten struct{}

func (asWritten) resolve(_, v string) string               { return v }
func (asWritten) checkExpansion(query.Query, Limits) error { return nil }

// prepareSearch reads one saved search and checks that its queries build, blaming the
// filter or the query.
func prepareSearch(interp *Interpreter, s SavedSearch, lim *Limits) (*PreparedSearch, error) {
	l := limitsOr(lim)
	for i, fs := range s.Filters {
		f, err := ParseFilter(fs)
		if err == nil {
			err = checkFacet(f.Facet, false)
		}
		if err == nil {
			_, err = compileFilter(asWritten{}, f)
		}
		if err != nil {
			return nil, &SearchError{Search: s.Name, Part: PartFilter, Item: i, Err: err}
		}
	}
	req := s.request()
	req.Limits = &l
	q, in, explicit, err := prepare(context.Background(), interp, req)
	if err == nil {
		_, err = buildPlan(asWritten{}, q)
	}
	if err != nil {
		return nil, &SearchError{Search: s.Name, Part: PartQuery, Err: err}
	}
	ps := &PreparedSearch{SavedSearch: s, Interpretation: in, query: q, explicit: explicit,
		syntax: q.Text != "" && !q.Prose && IsQuerySyntax(q.Text), text: map[Filter]string{}}
	for _, f := range in.Filters {
		ps.text[f.Filter] = f.Text
	}
	return ps, nil
}

// Len returns how many searches p runs; 0 for a nil Percolator.
func (p *Percolator) Len() int {
	if p == nil {
		return 0
	}
	return len(p.searches)
}

// Searches returns the searches p runs, in the order given.
func (p *Percolator) Searches() []PreparedSearch {
	if p == nil {
		return nil
	}
	out := make([]PreparedSearch, len(p.searches))
	for i, s := range p.searches {
		out[i] = *s
	}
	return out
}

// Only returns a Percolator that runs only the search named name, or nil when p has none
// of that name: for trying one search (its examples) without the others.
func (p *Percolator) Only(name string) *Percolator {
	if p == nil {
		return nil
	}
	for _, s := range p.searches {
		if s.Name == name {
			return &Percolator{searches: []*PreparedSearch{s}}
		}
	}
	return nil
}

// Match is a document that a saved search matched, and what matched in it.
type Match struct {
	// Search is the saved search's name; Document the document's id.
	Search   string `json:"search"`
	Document string `json:"document"`
	// Filters are the filters the search required (those its query was read as, then
	// those given apart), each with the sentences whose tags satisfy it.
	Filters []FilterMatch `json:"filters"`
	// Text is what the free text of the search found, when it has any.
	Text *TextMatch `json:"text,omitempty"`
	// Sentences are the sentences something matched in, in text order: at most
	// maxMatchSentences, the ones most parts of the search matched in, each text cut to
	// maxMatchSentenceBytes.
	Sentences []MatchSentence `json:"sentences"`
}

// FilterMatch is a filter of a saved search that a document satisfied.
type FilterMatch struct {
	// Filter is the filter as facet=value (facet!=value for one that excludes).
	Filter string `json:"filter"`
	// Text is the words of the query the filter was read from ("grade ≥3 ICANS"); empty
	// for a filter given apart from the query.
	Text string `json:"text,omitempty"`
	// Sentences are the indexes of the sentences whose tags satisfy it; none for a filter on
	// what the record says about itself, or one that excludes.
	Sentences []int `json:"sentences,omitempty"`
}

// TextMatch is what the free text of a saved search found in a document.
type TextMatch struct {
	// Query is the free text; Terms the words of it the document holds (as analysed,
	// lower case).
	Query string   `json:"query"`
	Terms []string `json:"terms"`
	// Sentences are the indexes of the sentences those words stand in.
	Sentences []int `json:"sentences,omitempty"`
}

// MatchSentence is a sentence that something of a saved search matched in.
type MatchSentence struct {
	Index   int            `json:"index"`
	Section corpus.Section `json:"section,omitempty"`
	// Start and End are byte offsets into the document text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Limits of what a [Match] says.
const (
	maxMatchSentences     = 10
	maxMatchSentenceBytes = 600
)

// Percolate runs every saved search of p against docs, as one batch of new documents,
// and returns the matches, by document and then by search in the order of p's searches.
// A document whose id repeats counts once, its last version.
func (p *Percolator) Percolate(ctx context.Context, docs []*classifier.Result) ([]Match, error) {
	if p.Len() == 0 || len(docs) == 0 {
		return nil, nil
	}
	eds := make([]*evalDoc, 0, len(docs))
	for _, r := range docs {
		if r == nil || r.Document == nil {
			return nil, errors.New("percolating: a result without a document")
		}
		doc, sents, data := searchFields(r, "", "")
		ed := newEvalDoc(r, doc, sents)
		ed.data = data
		eds = append(eds, ed)
	}
	return p.percolate(ctx, lastOfEach(eds))
}

// lastOfEach keeps the last document of each id, in the order of first appearance.
func lastOfEach(docs []*evalDoc) []*evalDoc {
	at := map[string]int{}
	var out []*evalDoc
	for _, d := range docs {
		if i, ok := at[d.doc.id]; ok {
			out[i] = d
			continue
		}
		at[d.doc.id] = len(out)
		out = append(out, d)
	}
	return out
}
