package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// Query is a search: free text, facet filters, and what to return.
type Query struct {
	// Text is free text, matched against titles and texts with [QueryAnalyzer]. Text that
	// looks like bleve's query-string syntax (see [IsQuerySyntax]) is run as such: fields
	// are the facet names (+crs_grade:2 +antigen:CD19), status_<facet> ("present/negated"),
	// grade_crs and grade_icans (numeric: grade_crs:>=2), title, text and source.
	Text string `json:"text,omitempty"`
	// Filters must all hold (see [Filter]).
	Filters []Filter `json:"filters,omitempty"`
	// SameSentence requires the tag filters to hold in one sentence of the document.
	SameSentence bool `json:"same_sentence,omitempty"`
	// Facets names the facets to count: facet names, and "crs_grade_range" or
	// "icans_grade_range" for counts of documents whose highest affirmed grade is at least
	// 1, 2, 3, 4, 5. Empty means every facet of [classifier.Facets]; "none" alone, none.
	Facets []string `json:"facets,omitempty"`
	// FacetSize is the most values counted per facet (default 10).
	FacetSize int `json:"facet_size,omitempty"`
	// Limit is the most hits returned (default 10); Offset skips hits, for paging.
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
	// Sentences is the most sentences shown per hit (default 3).
	Sentences int `json:"sentences,omitempty"`
	// Literal records that the caller did not interpret the text (informational only).
	Literal bool `json:"literal,omitempty"`
	// Sort orders the hits: relevance (""), newest, oldest, id or incidence (see
	// [SortNewest]).
	Sort string `json:"sort,omitempty"`
	// IDs, when set, keeps the documents known by one of these ids (the ids of a record:
	// its file name or record id, PMID, PMC id, DOI, registry numbers).
	IDs []string `json:"ids,omitempty"`
	// MinPercent keeps documents whose filtered outcome values (crs_grade=3+) were had by at
	// least this percent of patients, as the text states it or n/of gives it; 0 means no
	// bound. It needs a filter on an outcome value.
	MinPercent float64 `json:"min_percent,omitempty"`
	// Prose reads Text as free text even where it looks like query-string syntax.
	Prose bool `json:"prose,omitempty"`
	// Limits bound the cost of the search; nil means [DefaultLimits].
	Limits *Limits `json:"-"`
}

// Filter restricts a search to documents with a facet value.
//
// Value is read as:
//   - a document facet value ("CD19", "2", "absent", "neutropenia: absent"): the document's
//     facets hold it. For outcome facets (crs, crs_grade, …) that means an affirmed tag, or
//     for "absent" and "<value>: absent" only negated ones (TAGS.md); for mention facets a
//     mention of any status.
//   - "<value>/<status>" with status affirmed, negated or hypothetical ("present/hypothetical",
//     "3+/negated"): a tag with that value and status, in a section that counts towards
//     facets. This is how negated and hypothetical tags are asked for.
//   - for crs_grade and icans_grade, "≥N" or ">=N" ("≤N", "<=N"): an affirmed grade of at
//     least (at most) N, "3+" counting as 3.
//
// Values are matched case-insensitively against the values the index holds. Exclude turns
// the filter around: no document that matches it.
type Filter struct {
	Facet   string `json:"facet"`
	Value   string `json:"value"`
	Exclude bool   `json:"exclude,omitempty"`
}

// String writes the filter as facet=value (facet!=value when it excludes, facet>=value for
// a comparison).
func (f Filter) String() string {
	switch {
	case f.Exclude:
		return f.Facet + "!=" + f.Value
	case strings.HasPrefix(f.Value, ">") || strings.HasPrefix(f.Value, "<"):
		return f.Facet + f.Value
	}
	return f.Facet + "=" + f.Value
}

// ParseFilter reads "facet=value", "facet!=value" or a comparison, "facet>=value" (also >,
// <= and <): the facet is what comes before the first of "!<>=", the value what follows the
// operator, both trimmed and neither empty. A comparison's operator becomes the value's
// prefix ("year>=2023" is year, ">=2023"), and "facet=>=2" is the comparison "facet>=2", so
// that [Filter.String] of what it returns reads back as the same filter.
func ParseFilter(s string) (Filter, error) {
	bad := func() (Filter, error) {
		return Filter{}, fmt.Errorf("%w: filter %s: want facet=value, facet!=value (or year>=2023)", ErrBadQuery, Excerpt(s))
	}
	i := strings.IndexAny(s, "!<>=")
	if i < 0 {
		return bad()
	}
	f := Filter{Facet: strings.TrimSpace(s[:i])}
	rest := s[i:]
	ok := true
	switch {
	case strings.HasPrefix(rest, "!="):
		f.Value, f.Exclude = strings.TrimSpace(rest[2:]), true
	case rest[0] == '!':
		ok = false
	case rest[0] == '=':
		f.Value = strings.TrimSpace(rest[1:])
		if strings.HasPrefix(f.Value, "<") || strings.HasPrefix(f.Value, ">") {
			f.Value, ok = comparison(f.Value)
		}
	default:
		f.Value, ok = comparison(rest)
	}
	if !ok || f.Facet == "" || f.Value == "" {
		return bad()
	}
	return f, nil
}

// comparison reads s, which starts with <, >, <= or >=, as that operator followed by its
// trimmed operand ("> 3" is ">3"); ok is false when the operand is empty or starts with
// another operator ("> =3").
func comparison(s string) (string, bool) {
	op := s[:1]
	if len(s) > 1 && s[1] == '=' {
		op = s[:2]
	}
	v := strings.TrimSpace(s[len(op):])
	if v == "" || strings.ContainsAny(v[:1], "!<>=") {
		return "", false
	}
	return op + v, true
}

// MetaFacets are the facets of what a document says about itself (corpus.Meta), which
// filters, facet counts and sorting know besides the tag facets: publication_type=Review,
// journal=…, year=2023 or year>=2023, date>=2023-05.
var MetaFacets = []string{fieldPubType, fieldJournal, fieldYear}

// IsFacet reports whether name is a facet a filter or a facet count may name: a tag facet
// (classifier), a metadata facet, or date (filters only).
func IsFacet(name string) bool {
	_, ok := classifier.LookupFacet(name)
	return ok || slices.Contains(MetaFacets, name) || name == fieldDate
}

// Results is what a search found.
type Results struct {
	// Total is the number of matching documents, of which Hits holds the page asked for.
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Facets maps each facet counted to its values, most frequent first (ties by value).
	Facets map[string][]FacetCount `json:"facets"`
	Took   time.Duration           `json:"-"`
}

// Hit is a matching document.
type Hit struct {
	// ID is the document's id, as `trialtag tag` gives it.
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Source string  `json:"source"`
	Score  float64 `json:"score"`
	// Facets are the document's facets.
	Facets map[string][]string `json:"facets"`
	// Sentences are the document's best sentences for the query, best first.
	Sentences []HitSentence `json:"sentences"`
	// Meta is what the document says about itself (date, journal, publication types, ids).
	Meta *corpus.Meta `json:"meta,omitempty"`
}

// HitSentence is a sentence of a hit. All offsets are byte offsets into the document text,
// as everywhere in trialtag; subtract Start for offsets into Text.
type HitSentence struct {
	Index   int            `json:"index"`
	Section corpus.Section `json:"section"`
	Start   int            `json:"start"`
	End     int            `json:"end"`
	Text    string         `json:"text"`
	// Tags are all the tags of the sentence.
	Tags []classifier.Tag `json:"tags"`
	// Matches are the spans where free-text terms of the query matched.
	Matches []Span `json:"matches,omitempty"`
}

// Span is a stretch of a document's text, in byte offsets, End exclusive.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// FacetCount is a facet value and the number of matching documents that have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Highlight returns the sentence's text with each tag span and each free-text match passed
// through mark (tag is nil for a free-text match). Where spans overlap the outer one wins:
// "grade 2 CRS" is marked once, not also "CRS" inside it.
func (s HitSentence) Highlight(mark func(text string, tag *classifier.Tag) string) string {
	type span struct {
		start, end int
		tag        *classifier.Tag
	}
	var spans []span
	for i := range s.Tags {
		spans = append(spans, span{s.Tags[i].Start, s.Tags[i].End, &s.Tags[i]})
	}
	for _, m := range s.Matches {
		spans = append(spans, span{m.Start, m.End, nil})
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	cur := s.Start
	for _, sp := range spans {
		if sp.start < cur || sp.start < s.Start || sp.end > s.End || sp.end <= sp.start {
			continue
		}
		b.WriteString(s.Text[cur-s.Start : sp.start-s.Start])
		b.WriteString(mark(s.Text[sp.start-s.Start:sp.end-s.Start], sp.tag))
		cur = sp.end
	}
	b.WriteString(s.Text[cur-s.Start:])
	return b.String()
}

// Defaults of a [Query].
const (
	defaultLimit     = 10
	defaultFacetSize = 10
	// MaxFacetSize is the most values a search counts per facet.
	MaxFacetSize     = 500
	defaultSentences = 3
	// maxSentenceHits caps the sentences a same-sentence or co-occurrence look-up collects.
	maxSentenceHits = 200000
)

// Scoring weights: free text scores as bleve scores it (tf-idf); filters are required and
// add almost nothing themselves; how often a document's tags carry a filtered value, and
// whether the filtered tags co-occur in a sentence, raise it.
const (
	filterBoost      = 0.01
	mentionBoost     = 0.5
	cooccurBoost     = 2.0
	titleBoost       = 2.0
	phraseBoost      = 2.0
	rangeFacetSuffix = "_range"
)

// IsQuerySyntax reports whether text uses bleve's query-string syntax and so is passed to it
// as it is: it contains ':' or '"', or a word starts with '+' or '-', ends with '*' or
// '~N', or is a /regexp/. ("CD19+" and "phase 1/2" are plain text.)
func IsQuerySyntax(text string) bool {
	if strings.ContainsAny(text, ":\"") {
		return true
	}
	for _, w := range strings.Fields(text) {
		if len(w) > 1 && (w[0] == '+' || w[0] == '-') {
			return true
		}
		if strings.HasSuffix(w, "*") && len(w) > 1 {
			return true
		}
		if len(w) > 2 && w[0] == '/' && w[len(w)-1] == '/' { // a regexp
			return true
		}
		if i := strings.LastIndexByte(w, '~'); i > 0 && strings.TrimLeft(w[i+1:], "0123456789") == "" {
			return true
		}
	}
	return false
}

// compiledFilter is a filter turned into queries.
type compiledFilter struct {
	Filter
	doc    query.Query // on the document
	sent   query.Query // on a sentence, nil for excluding filters
	status query.Query // the tags that carry it, for ranking by how often; may be nil
	// match reports whether a tag satisfies the filter, for choosing sentences to show.
	match func(t classifier.Tag) bool
	// incValues are the affirmed outcome values the filter asks for (none when it asks
	// none): what a percent bound (Query.MinPercent) bounds, any one of them.
	incValues []string
}

func termQ(field, term string, boost float64) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func rangeQ(field string, min, max *float64, boost float64) *query.NumericRangeQuery {
	t := true
	q := bleve.NewNumericRangeInclusiveQuery(min, max, &t, &t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// termSource is what building a query needs from the documents it will run on: the
// value they hold for a facet value written in another case, and a check of what the
// expensive forms of query-string syntax expand to. An [Index] is one; a [Percolator]'s
// batch of new documents is another.
type termSource interface {
	// resolve returns the value the documents hold for field that equals v ignoring case,
	// or v.
	resolve(field, v string) string
	// checkExpansion reports a query whose regexps, wildcards and fuzzy terms expand to
	// more terms than lim allows.
	checkExpansion(q query.Query, lim Limits) error
}

var _ termSource = (*Index)(nil)

// compileFilter turns a filter into queries, with values as src holds them.
func compileFilter(src termSource, f Filter) (compiledFilter, error) {
	cf := compiledFilter{Filter: f}
	v := strings.TrimSpace(f.Value)
	if v == "" {
		return cf, fmt.Errorf("%w: filter %s: empty value", ErrBadQuery, f)
	}
	if IsFacet(f.Facet) {
		if _, tag := classifier.LookupFacet(f.Facet); !tag {
			return compileMetaFilter(src, f, v)
		}
	}
	fc, ok := classifier.LookupFacet(f.Facet)
	if !ok {
		return cf, fmt.Errorf("%w: unknown facet %q", ErrBadQuery, f.Facet)
	}
	// A grade range.
	if short, ok := gradeFacets[f.Facet]; ok {
		var min, max *float64
		for _, p := range []struct {
			prefix string
			lower  bool
		}{{"≥", true}, {">=", true}, {"≤", false}, {"<=", false}} {
			if rest, ok := strings.CutPrefix(v, p.prefix); ok {
				n, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
				if err != nil {
					return cf, fmt.Errorf("%w: filter %s: bad grade %q", ErrBadQuery, f, rest)
				}
				if p.lower {
					min = &n
				} else {
					max = &n
				}
			}
		}
		if min != nil || max != nil {
			for _, gv := range fc.Values {
				if n, ok := gradeNumber(gv); ok && (min == nil || n >= *min) && (max == nil || n <= *max) {
					cf.incValues = append(cf.incValues, gv)
				}
			}
			cf.doc = rangeQ(prefixGrade+short, min, max, filterBoost)
			cf.sent = rangeQ(prefixSentGrade+short, min, max, 1)
			cf.match = func(t classifier.Tag) bool {
				n, ok := gradeNumber(t.Value)
				return ok && t.Facet == f.Facet && t.Status == classifier.Affirmed &&
					(min == nil || n >= *min) && (max == nil || n <= *max)
			}
			return cf, nil
		}
	}
	// "<value>/<status>".
	if i := strings.LastIndexByte(v, '/'); i > 0 && slices.Contains(classifier.Statuses(), strings.TrimSpace(v[i+1:])) {
		val, status := src.resolve(f.Facet, strings.TrimSpace(v[:i])), strings.TrimSpace(v[i+1:])
		term := val + "/" + status
		cf.doc = termQ(prefixStatus+f.Facet, term, filterBoost)
		cf.sent = termQ(prefixTagStatus+f.Facet, term, 1)
		cf.status = termQ(prefixStatus+f.Facet, term, mentionBoost)
		cf.match = func(t classifier.Tag) bool { return t.Facet == f.Facet && t.Value == val && t.Status == status }
		return cf, nil
	}
	val := src.resolve(f.Facet, v)
	cf.doc = termQ(f.Facet, val, filterBoost)
	if fc.Kind == classifier.Mention {
		cf.sent = termQ(prefixTag+f.Facet, val, 1)
		// Mentions of any status count towards ranking.
		dj := bleve.NewDisjunctionQuery()
		for _, s := range classifier.Statuses() {
			dj.AddQuery(termQ(prefixStatus+f.Facet, val+"/"+s, mentionBoost))
		}
		cf.status = dj
		cf.match = func(t classifier.Tag) bool { return t.Facet == f.Facet && t.Value == val }
		return cf, nil
	}
	// An outcome value: the tags that make it are affirmed tags of the value, or for a
	// negated-only value ("absent", "x: absent") the denials of the value it negates, not
	// those a grade limits ("no grade ≥3 infections", [classifier.Tag.DeniesValue]).
	tv, status := val, classifier.Affirmed
	if neg, ok := fc.NegatedOnly(val); ok {
		tv, status = neg, classifier.Negated
	}
	if status == classifier.Affirmed {
		cf.incValues = []string{tv}
	}
	term := tv + "/" + status
	if status == classifier.Negated {
		term = tv + "/" + deniedTerm // not "x/negated", which graded denials have too
	}
	cf.sent = termQ(prefixTagStatus+f.Facet, term, 1)
	cf.status = termQ(prefixStatus+f.Facet, term, mentionBoost)
	cf.match = func(t classifier.Tag) bool {
		return t.Facet == f.Facet && t.Value == tv && t.Status == status && (status != classifier.Negated || t.DeniesValue())
	}
	return cf, nil
}

// compileMetaFilter turns a filter on what a document says about itself into a query: an
// exact value, or for year and date a comparison ("year>=2023", "date<2024-01"). It says
// nothing of sentences.
func compileMetaFilter(src termSource, f Filter, v string) (compiledFilter, error) {
	cf := compiledFilter{Filter: f}
	op, val := "", v
	for _, o := range []string{">=", "<=", "≥", "≤", ">", "<"} {
		if rest, ok := strings.CutPrefix(v, o); ok {
			op, val = o, strings.TrimSpace(rest)
			break
		}
	}
	switch {
	case op == "" && f.Facet != fieldDate:
		cf.doc = termQ(f.Facet, src.resolve(f.Facet, val), filterBoost)
	case f.Facet == fieldYear:
		n, err := strconv.Atoi(val)
		if err != nil {
			return cf, fmt.Errorf("%w: filter %s: %q is not a year", ErrBadQuery, f, val)
		}
		lo, hi := float64(math.MinInt32), float64(math.MaxInt32)
		switch op {
		case ">=", "≥":
			lo = float64(n)
		case ">":
			lo = float64(n + 1)
		case "<=", "≤":
			hi = float64(n)
		case "<":
			hi = float64(n - 1)
		}
		cf.doc = rangeQ(fieldYearNum, &lo, &hi, filterBoost)
	case f.Facet == fieldDate:
		d, ok := corpus.NormalizeDate(val)
		if !ok {
			return cf, fmt.Errorf("%w: filter %s: %q is not a date (2023, 2023-05 or 2023-05-17)", ErrBadQuery, f, val)
		}
		var lo, hi string
		incLo, incHi := true, true
		switch op {
		case "":
			// date=2023-05: that month, any day of it.
			lo, hi = d, d+"\uffff"
		case ">=", "≥":
			lo = d
		case ">":
			lo, incLo = d+"\uffff", false
		case "<=", "≤":
			hi = d + "\uffff"
		case "<":
			hi, incHi = d, false
		}
		q := bleve.NewTermRangeInclusiveQuery(lo, hi, &incLo, &incHi)
		q.SetField(fieldDate)
		q.SetBoost(filterBoost)
		cf.doc = q
	default:
		return cf, fmt.Errorf("%w: filter %s: %s takes a value, not a comparison", ErrBadQuery, f, f.Facet)
	}
	return cf, nil
}

// resolve returns the value the index holds for a facet that equals v ignoring case, or v.
func (ix *Index) resolve(facet, v string) string {
	found := ""
	for _, s := range ix.shards {
		exact, other := resolveIn(s.bi, facet, v)
		if exact {
			return v
		}
		if found == "" || other != "" && other < found {
			found = other
		}
	}
	if found != "" {
		return found
	}
	return v
}

// resolveIn looks for v among a shard's values of a facet: exact is true when it holds v
// itself; other is the first value (in term order) that equals v ignoring case, or "".
func resolveIn(bi bleve.Index, facet, v string) (exact bool, other string) {
	dict, err := bi.FieldDict(facet)
	if err != nil {
		return false, ""
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			return false, other
		}
		if e.Term == v {
			return true, ""
		}
		if other == "" && strings.EqualFold(e.Term, v) {
			other = e.Term
		}
	}
}

// textQuery builds the free-text query, or nil. Its cost is checked against lim first:
// free text folds repeated words and is searched as a phrase only when short; query-string
// syntax folds repeated clauses and must stay within every limit.
func textQuery(src termSource, text string, prose bool, lim Limits) (query.Query, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if err := lim.checkQueryBytes(text); err != nil {
		return nil, err
	}
	if !prose && IsQuerySyntax(text) {
		q, err := bleve.NewQueryStringQuery(text).Parse()
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrBadQuery, Excerpt(text), shortError(err))
		}
		q = fold(q)
		var c syntaxCost
		costOf(q, &c)
		if err := lim.check(c); err != nil {
			return nil, err
		}
		if err := src.checkExpansion(q, lim); err != nil {
			return nil, err
		}
		return rewrite(src, q), nil
	}
	words := foldWords(text)
	if len(words) > lim.Terms {
		return nil, fmt.Errorf("%w: the query has %d different words; the most is %d (max_query_terms)", ErrBadQuery, len(words), lim.Terms)
	}
	folded := strings.Join(words, " ")
	body := bleve.NewMatchQuery(folded)
	body.SetField(fieldText)
	body.Analyzer = QueryAnalyzer
	title := bleve.NewMatchQuery(folded)
	title.SetField(fieldTitle)
	title.Analyzer = QueryAnalyzer
	title.SetBoost(titleBoost)
	dj := bleve.NewDisjunctionQuery(body, title)
	if n := len(strings.Fields(text)); n > 1 && n <= maxPhraseWords {
		phrase := bleve.NewMatchPhraseQuery(text)
		phrase.SetField(fieldText)
		phrase.Analyzer = QueryAnalyzer
		phrase.SetBoost(phraseBoost)
		dj.AddQuery(phrase)
	}
	dj.SetMin(1)
	return dj, nil
}

// shortError cuts a parser's error to its first line and at most 200 bytes: it may quote
// the whole query.
func shortError(err error) error {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if len(msg) > 200 {
		cut := 200
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return errors.New(msg)
}

// rewrite adapts a parsed query string to the index: text queries on the text fields
// analyse with [QueryAnalyzer] instead of the index-time analyzer, and a match or phrase on
// a facet field (antigen:cd19, disease:"lupus nephritis") becomes a term query for the value
// the index holds, whatever its case.
func rewrite(src termSource, q query.Query) query.Query {
	isText := func(f string) bool { return f == "" || f == fieldText || f == fieldTitle }
	isFacet := func(f string) bool { _, ok := classifier.LookupFacet(f); return ok }
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = rewrite(src, q.Must)
		}
		if q.Should != nil {
			q.Should = rewrite(src, q.Should)
		}
		if q.MustNot != nil {
			q.MustNot = rewrite(src, q.MustNot)
		}
		if q.Filter != nil {
			q.Filter = rewrite(src, q.Filter)
		}
	case *query.ConjunctionQuery:
		for i, sub := range q.Conjuncts {
			q.Conjuncts[i] = rewrite(src, sub)
		}
	case *query.DisjunctionQuery:
		for i, sub := range q.Disjuncts {
			q.Disjuncts[i] = rewrite(src, sub)
		}
	case *query.MatchQuery:
		switch {
		case isText(q.FieldVal) && q.Analyzer == "":
			q.Analyzer = QueryAnalyzer
		case isFacet(q.FieldVal):
			return termQ(q.FieldVal, src.resolve(q.FieldVal, q.Match), q.Boost())
		}
	case *query.MatchPhraseQuery:
		switch {
		case isText(q.FieldVal) && q.Analyzer == "":
			q.Analyzer = QueryAnalyzer
		case isFacet(q.FieldVal):
			return termQ(q.FieldVal, src.resolve(q.FieldVal, q.MatchPhrase), q.Boost())
		}
	}
	return q
}

// plan is a [Query] turned into bleve queries before anything runs: what [Index.Search]
// runs on the index, and what a [Percolator] evaluates on each new document (see
// [evalQuery]). Both build it with [buildPlan], so a saved search matches a new document
// exactly when a search would find it.
type plan struct {
	// must, should and mustNot are the clauses on the document: its type, every filter
	// (the tag filters only when they need not share a sentence), the percent bound and
	// the free text; should only ranks.
	must, should, mustNot []query.Query
	// sentence are the tag filters, which one sentence document must all match: required
	// with sameSentence, a ranking bonus otherwise (when two or more may co-occur).
	sentence     []query.Query
	sameSentence bool
	// include are the tag filters that must hold, for choosing the sentences to show.
	include []compiledFilter
	// meta are the filters on what the record says about itself that must hold, and
	// exclude the filters that must not.
	meta, exclude []compiledFilter
	// text is the free-text query (also in must), or nil. untyped says must holds no type
	// clause: its other clauses find documents alone.
	text    query.Query
	untyped bool
	// outcome is the facet of the first filter on an outcome value, or "".
	outcome string
}

// everyDocument reports whether the plan asks for every document: no words, filters, ids
// or exclusions.
func (p *plan) everyDocument() bool {
	return len(p.must) == 1 && !p.untyped && len(p.should) == 0 && len(p.mustNot) == 0 && len(p.sentence) == 0
}

// buildPlan turns q into queries, with values as src holds them. Its errors are the
// query's own (an unknown facet, a bad bound, a query over a limit) and wrap [ErrBadQuery].
func buildPlan(src termSource, q Query) (*plan, error) {
	p := &plan{must: []query.Query{termQ(fieldType, typeDoc, 0)}, sameSentence: q.SameSentence}
	var bounded []string // facets a percent bound applies to
	if q.MinPercent < 0 || q.MinPercent > 100 {
		return nil, fmt.Errorf("%w: min_percent %g is not between 0 and 100", ErrBadQuery, q.MinPercent)
	}
	for _, f := range q.Filters {
		cf, err := compileFilter(src, f)
		if err != nil {
			return nil, err
		}
		if f.Exclude {
			p.mustNot = append(p.mustNot, cf.doc)
			p.exclude = append(p.exclude, cf)
			continue
		}
		if cf.sent == nil {
			// A filter on what the document says about itself: no sentence shows it.
			p.must = append(p.must, cf.doc)
			p.meta = append(p.meta, cf)
			continue
		}
		if q.MinPercent > 0 && len(cf.incValues) > 0 {
			any := bleve.NewDisjunctionQuery()
			for _, v := range cf.incValues {
				lo, hi := incidenceCode(v, q.MinPercent), incidenceCode(v, 100)
				any.AddQuery(rangeQ(prefixIncidence+cf.Facet, &lo, &hi, 0))
			}
			bounded = append(bounded, cf.Facet)
			p.must = append(p.must, any)
			cf.match = withMinPercent(cf.match, q.MinPercent)
		}
		p.include = append(p.include, cf)
		if !q.SameSentence {
			p.must = append(p.must, cf.doc)
		}
		if cf.status != nil {
			p.should = append(p.should, cf.status)
		}
		p.sentence = append(p.sentence, cf.sent)
	}
	if q.MinPercent > 0 && len(bounded) == 0 {
		return nil, fmt.Errorf("%w: min_percent %g needs a filter on an outcome value it bounds (crs_grade=3+, icans=present)", ErrBadQuery, q.MinPercent)
	}
	p.outcome = firstOutcome(p.include)
	if q.Sort == SortIncidence && len(bounded) == 0 && p.outcome == "" {
		return nil, fmt.Errorf("%w: sort incidence needs a filter on an outcome (crs_grade=2)", ErrBadQuery)
	}
	tq, err := textQuery(src, q.Text, q.Prose, limitsOr(q.Limits))
	if err != nil {
		return nil, err
	}
	if tq != nil {
		p.text = tq
		p.must = append(p.must, tq)
	}
	if len(q.IDs) > 0 {
		p.must = append(p.must, idQuery(q.IDs))
	}
	// Filters, ids and words are on fields only documents have (sentence documents hold
	// tags under other names): when one of them is required, the type clause would only
	// cost a step per hit. It weighs nothing, so scores are the same without it. Query-string
	// syntax may name any field, so it alone keeps the clause.
	if len(p.must) > 2 || len(p.must) == 2 && (tq == nil || q.Prose || !IsQuerySyntax(q.Text)) {
		p.must = p.must[1:]
		p.untyped = true
	}
	return p, nil
}

// Search runs q. Filters are required; free text, when given, is required too (at least
// one of its words). Documents rank by the free text's tf-idf score, plus how often their
// tags carry the filtered values, plus a bonus when the filtered tags co-occur in one
// sentence. Ties break by id, so results are stable.
func (ix *Index) Search(ctx context.Context, q Query) (*Results, error) {
	start := time.Now()
	q, p, req, err := ix.request(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", ix.dir, err)
	}
	facets, err := facetSpecs(q)
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", ix.dir, err)
	}
	var hits search.DocumentMatchCollection
	var total uint64
	var counts map[string][]FacetCount
	pruned := false
	if pw, ok := prunableOf(q, p, ix.shards[0].bi.Mapping()); ok {
		if hits, total, counts, pruned, err = ix.searchPruned(ctx, q, pw, req, facets); err != nil {
			return nil, err
		}
	}
	switch {
	case pruned:
	case p.everyDocument() && (q.Sort == "" || q.Sort == SortRelevance || q.Sort == SortID):
		if hits, total, counts, err = ix.searchAll(ctx, q, req, facets); err != nil {
			return nil, err
		}
	default:
		hcs := ix.newCollectors(ctx, facets)
		if q.Sort == "" || q.Sort == SortRelevance {
			// The collectors keep the best hits and break ties by id themselves: bleve
			// sorts them by score alone and loads no hit's id or doc values.
			for _, hc := range hcs {
				hc.byScore, hc.keep = true, q.Offset+q.Limit
			}
			req.SortBy([]string{"-_score"})
		}
		var res *bleve.SearchResult
		err := ix.guard(func() (err error) {
			res, err = ix.searchShards(ctx, req, func(i int) context.Context {
				return context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(hcs[i].makeHandler))
			})
			return err
		})
		if err != nil {
			return nil, err
		}
		hits, total, counts = res.Hits, res.Total, mergeCounts(facets, hcs)
	}
	if p.text != nil {
		if err := ix.addLocations(ctx, p.text, hits); err != nil {
			return nil, err
		}
	}
	out := &Results{Total: total, Hits: make([]Hit, 0, len(hits)), Facets: map[string][]FacetCount{}}
	for _, dm := range hits {
		h, err := makeHit(dm, p.include, q.Sentences)
		if err != nil {
			return nil, fmt.Errorf("searching %s: %w", ix.dir, err)
		}
		out.Hits = append(out.Hits, h)
	}
	for _, f := range facets {
		out.Facets[f.name] = counts[f.name]
	}
	out.Took = time.Since(start)
	return out, nil
}

// request makes the bleve request of q (its defaults filled in), hits sorted as q asks and
// no facets: [Index.Search] counts those itself.
func (ix *Index) request(ctx context.Context, q Query) (Query, *plan, *bleve.SearchRequest, error) {
	if q.Limit <= 0 {
		q.Limit = defaultLimit
	}
	if q.Offset < 0 {
		q.Offset = 0
	}
	if q.FacetSize <= 0 {
		q.FacetSize = defaultFacetSize
	}
	if q.Sentences <= 0 {
		q.Sentences = defaultSentences
	}
	p, err := buildPlan(ix, q)
	if err != nil {
		return q, nil, nil, err
	}
	must, should := p.must, p.should
	// Sentences where the filtered tags co-occur: required with SameSentence, a bonus
	// otherwise (when there are two filters or more to co-occur).
	if len(p.sentence) > 0 && (q.SameSentence || len(p.sentence) > 1) {
		parents, err := ix.sentenceParents(ctx, p.sentence)
		if err != nil {
			return q, nil, nil, err
		}
		ids := bleve.NewDocIDQuery(parents)
		if q.SameSentence {
			must = append(must, ids)
		} else if len(parents) > 0 {
			ids.SetBoost(cooccurBoost)
			should = append(should, ids)
		}
	}
	var top query.Query
	if len(must) == 1 && p.untyped && len(should) == 0 && len(p.mustNot) == 0 {
		// One clause alone: bleve would wrap it in a conjunction of one, a step per hit
		// that scores the same.
		top = must[0]
	} else {
		bq := bleve.NewBooleanQuery()
		bq.AddMust(must...)
		bq.AddShould(should...)
		bq.AddMustNot(p.mustNot...)
		top = bq
	}
	req := bleve.NewSearchRequestOptions(top, q.Limit, q.Offset, false)
	req.Fields = []string{fieldTitle, fieldSource, fieldText, fieldData}
	if err := sortHits(req, q.Sort, p.outcome); err != nil {
		return q, nil, nil, err
	}
	return q, p, req, nil
}

// addLocations finds where the free text matches in the hits shown, by searching those
// hits alone again: the main search would otherwise find the locations in every hit.
func (ix *Index) addLocations(ctx context.Context, text query.Query, hits search.DocumentMatchCollection) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), text), len(ids), 0, false)
	req.IncludeLocations = true
	req.Score = "none"
	res, err := ix.searchCtx(ctx, req)
	if err != nil {
		return err
	}
	locs := make(map[string]search.FieldTermLocationMap, len(res.Hits))
	for _, h := range res.Hits {
		locs[h.ID] = h.Locations
	}
	for _, h := range hits {
		h.Locations = locs[h.ID]
	}
	return nil
}

// searchCtx runs a request under ctx.
func (ix *Index) searchCtx(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	err = ix.guard(func() error {
		res, err = ix.searchShards(ctx, req, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// withReaders runs f on a reader of each shard's current snapshot (in shard order), under
// [Index.guard].
func (ix *Index) withReaders(f func(rs []bindex.IndexReader) error) error {
	return ix.guard(func() error {
		rs, release, err := ix.snapshots()
		if err != nil {
			return err
		}
		defer release()
		return f(rs)
	})
}

// guard runs f, a read of the index, under the read lock: a closed index is refused, and
// a panic of bleve's on damaged data becomes [ErrCorrupt]. Errors name the index.
func (ix *Index) guard(f func() error) (err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("searching %s: %w: %v", ix.dir, ErrCorrupt, r)
		}
	}()
	if err := f(); err != nil {
		return fmt.Errorf("searching %s: %w", ix.dir, err)
	}
	return nil
}

// sentenceParents returns the ids of the documents with a sentence that matches every
// query in qs.
func (ix *Index) sentenceParents(ctx context.Context, qs []query.Query) ([]string, error) {
	conj := bleve.NewConjunctionQuery(append([]query.Query{termQ(fieldType, typeSent, 1)}, qs...)...)
	req := bleve.NewSearchRequestOptions(conj, maxSentenceHits, 0, false)
	req.Score = "none"
	res, err := ix.searchCtx(ctx, req)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, h := range res.Hits {
		if p, ok := parentOf(h.ID); ok && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// idWord matches a word that may be a document id: a registry number (NCT, ChiCTR, ISRCTN,
// EudraCT, ACTRN, DRKS, CTRI), a PubMed or PMC id, or a DOI.
var idWord = regexp.MustCompile(`(?i)^(?:NCT\d{8}|ChiCTR[-\w]+|ISRCTN\d{8}|\d{4}-\d{6}-\d{2}|ACTRN\d{14}|DRKS\d{8}|CTRI/[\d/]+|PMC\d{4,9}|\d{7,9}|10\.\d{4,9}/\S+)$`)

// idBoost ranks a document found by its id above documents that only mention it.
const idBoost = 20

// IDsOnly returns the ids of a query that is nothing but document ids ("NCT02547948",
// "PMID 39100001", "doi:10.1000/x", several separated by spaces or commas), or nil.
func IDsOnly(q string) []string {
	var ids []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == '\t' }) {
		w = strings.Trim(w, `"'()[].`)
		low := strings.ToLower(w)
		if low == "pmid" || low == "pmid:" || low == "doi" || low == "doi:" || low == "" {
			continue
		}
		for _, p := range []string{"pmid:", "doi:"} {
			if strings.HasPrefix(low, p) {
				w = w[len(p):]
			}
		}
		if !idWord.MatchString(w) {
			return nil
		}
		ids = append(ids, w)
	}
	return ids
}

// idQuery matches the documents known by any of ids (as given, or lower-cased as DOIs are
// kept).
func idQuery(ids []string) query.Query {
	var qs []query.Query
	for _, id := range ids {
		qs = append(qs, termQ(fieldIDs, id, idBoost))
		if low := strings.ToLower(id); low != id {
			qs = append(qs, termQ(fieldIDs, low, idBoost))
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// Sort orders of [Query.Sort].
const (
	SortRelevance = "relevance"
	SortNewest    = "newest"
	SortOldest    = "oldest"
	SortID        = "id"
	// SortIncidence orders by the highest incidence percent of the first filtered outcome
	// facet, highest first (documents that state none last).
	SortIncidence = "incidence"
)

// firstOutcome returns the facet of the first filter on an outcome value, or "".
func firstOutcome(fs []compiledFilter) string {
	for _, f := range fs {
		if len(f.incValues) > 0 {
			return f.Facet
		}
	}
	return ""
}

// withMinPercent narrows a tag matcher to tags whose incidence is at least min percent.
func withMinPercent(match func(classifier.Tag) bool, min float64) func(classifier.Tag) bool {
	return func(t classifier.Tag) bool {
		p, ok := incidencePercent(t.Incidence)
		return match(t) && ok && p >= min
	}
}

// sortHits sets the order of the hits: by relevance (the default), by date (documents
// without one last either way), by id, or by the incidence of the outcome facet incFacet.
func sortHits(req *bleve.SearchRequest, order, incFacet string) error {
	byDate := func(desc bool) {
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fieldDate, Desc: desc, Type: search.SortFieldAsString, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			&search.SortDocID{},
		})
	}
	switch order {
	case "", SortRelevance:
		req.SortBy([]string{"-_score", "_id"})
	case SortNewest:
		byDate(true)
	case SortOldest:
		byDate(false)
	case SortID:
		req.SortBy([]string{"_id"})
	case SortIncidence:
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: prefixMaxInc + incFacet, Desc: true, Type: search.SortFieldAsNumber, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			&search.SortDocID{},
		})
	default:
		return fmt.Errorf("%w: sort %q: want %s, %s, %s, %s or %s", ErrBadQuery, order, SortRelevance, SortNewest, SortOldest, SortID, SortIncidence)
	}
	return nil
}

// facetSpecs returns the facets q asks to count, in order.
func facetSpecs(q Query) ([]facetSpec, error) {
	names := q.Facets
	if len(names) == 0 {
		for _, f := range classifier.Facets() {
			names = append(names, f.Name)
		}
	}
	if len(names) == 1 && names[0] == "none" {
		return nil, nil
	}
	var out []facetSpec
	for _, name := range names {
		if slices.ContainsFunc(out, func(f facetSpec) bool { return f.name == name }) {
			continue
		}
		if strings.HasSuffix(name, rangeFacetSuffix) {
			field, ok := gradeField(name)
			if !ok {
				return nil, fmt.Errorf("%w: unknown facet %q", ErrBadQuery, name)
			}
			out = append(out, facetSpec{name: name, field: field, grade: true})
			continue
		}
		if _, ok := classifier.LookupFacet(name); !ok && !slices.Contains(MetaFacets, name) {
			return nil, fmt.Errorf("%w: unknown facet %q", ErrBadQuery, name)
		}
		out = append(out, facetSpec{name: name, field: name, size: q.FacetSize})
	}
	return out, nil
}

// makeHit builds a hit from a bleve match with its stored fields.
func makeHit(dm *search.DocumentMatch, filters []compiledFilter, nSent int) (Hit, error) {
	str := func(f string) string { s, _ := dm.Fields[f].(string); return s }
	h := Hit{ID: dm.ID, Title: str(fieldTitle), Source: str(fieldSource), Score: dm.Score}
	if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
		h.Score = 0
	}
	var data storedData
	if err := json.Unmarshal([]byte(str(fieldData)), &data); err != nil {
		return h, fmt.Errorf("%w: document %s: stored data: %w", ErrCorrupt, dm.ID, err)
	}
	h.Facets = data.Facets
	if h.Facets == nil {
		h.Facets = map[string][]string{}
	}
	h.Meta = data.Meta
	text := str(fieldText)
	var matches []Span
	for _, locs := range dm.Locations[fieldText] {
		for _, l := range locs {
			if int(l.End) <= len(text) && l.Start < l.End {
				matches = append(matches, Span{int(l.Start), int(l.End)})
			}
		}
	}
	h.Sentences = bestSentences(text, data.Sentences, filters, mergeSpans(matches), nSent)
	return h, nil
}

// mergeSpans sorts spans and joins overlapping ones.
func mergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return nil
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start < last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// bestSentences picks the sentences to show for a hit: those whose tags satisfy the most
// filters (all of them together best), then those with the most free-text matches; with
// neither filters nor text, the sentences with the most tags. Furniture never shows, and
// reference-list sentences only when nothing else does.
func bestSentences(text string, sents []storedSentence, filters []compiledFilter, matches []Span, n int) []HitSentence {
	type scored struct {
		i     int
		score float64
	}
	var cands []scored
	mi := 0
	for i, s := range sents {
		if s.Section == corpus.SectionFurniture || s.End > len(text) || s.Start > s.End {
			continue
		}
		score := 0.0
		satisfied := 0
		for _, f := range filters {
			for _, t := range s.Tags {
				if f.match != nil && f.match(t) {
					satisfied++
					break
				}
			}
		}
		score += 10 * float64(satisfied)
		if len(filters) > 1 && satisfied == len(filters) {
			score += 10
		}
		for mi < len(matches) && matches[mi].End <= s.Start {
			mi++
		}
		for k := mi; k < len(matches) && matches[k].Start < s.End; k++ {
			score += 2
		}
		if len(filters) == 0 && len(matches) == 0 {
			score += float64(len(s.Tags))
		}
		if score > 0 && !s.Section.CountsForFacets() {
			score /= 100
		}
		if score > 0 {
			cands = append(cands, scored{i, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	out := make([]HitSentence, 0, min(n, len(cands)))
	shown := map[string]bool{} // a page that repeats a sentence shows it once
	for _, c := range cands {
		if len(out) == n {
			break
		}
		s := sents[c.i]
		key := strings.Join(strings.Fields(text[s.Start:s.End]), " ")
		if shown[key] {
			continue
		}
		shown[key] = true
		hs := HitSentence{Index: s.Index, Section: s.Section, Start: s.Start, End: s.End, Text: text[s.Start:s.End], Tags: s.Tags}
		if hs.Tags == nil {
			hs.Tags = []classifier.Tag{}
		}
		for _, m := range matches {
			if m.Start >= s.Start && m.End <= s.End {
				hs.Matches = append(hs.Matches, m)
			}
		}
		out = append(out, hs)
	}
	return out
}
