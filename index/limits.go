package index

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Limits bound what one search may cost, checked before it runs: bleve's own timeout
// checks come only between documents, so a query that is costly per document (a phrase of
// 5,000 words, a regexp matching every term) would run on, and hold memory, long after its
// deadline. A query over a limit is an [ErrBadQuery] whose message names the limit.
type Limits struct {
	// QueryBytes is the longest query, in bytes (config max_query_bytes).
	QueryBytes int
	// Terms is the most distinct words of free text, or terms of query-string syntax
	// (each word of a phrase counts), after repeated ones are folded (max_query_terms).
	Terms int
	// Clauses is the most clauses of query-string syntax (max_query_clauses). A query that
	// looks like syntax but has more words than this is read as free text: a pasted
	// paragraph with a colon or a quote in it is prose, not syntax.
	Clauses int
	// Expensive is the most regexps, fuzzy terms (a~1) and wildcards that start with * or ?
	// in one query; 0 forbids them (max_query_expensive).
	Expensive int
	// Expansion is the most index terms that the wildcards, regexps and fuzzy terms of one
	// query may expand to, together (max_query_expansion). It bounds the memory of a
	// search: bleve keeps one posting reader per term.
	Expansion int
}

// DefaultLimits are the limits of a search that states none.
var DefaultLimits = Limits{QueryBytes: 10000, Terms: 512, Clauses: 64, Expensive: 2, Expansion: 4096}

// maxPhraseWords is the most words of free text that are also searched as a phrase: a
// longer text is a pasted paragraph, whose exact phrase no document holds, and a phrase's
// cost grows with its words.
const maxPhraseWords = 12

// limitsOr returns *l, or [DefaultLimits] when l is nil.
func limitsOr(l *Limits) Limits {
	if l == nil {
		return DefaultLimits
	}
	return *l
}

// Excerpt quotes the start of s for an error message about a user's input: at most 60
// characters and 160 bytes as quoted (a byte that is not UTF-8 quotes as four), followed by
// "… (N bytes)" when cut, so that an error never echoes a long query or header back. Every
// message of this package and of the HTTP API that quotes what a user sent uses it.
func Excerpt(s string) string {
	const most, mostQuoted = 60, 160
	size, runes := len(`""`), 0
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		size += len(strconv.Quote(s[i:i+w])) - len(`""`)
		if runes == most || size > mostQuoted {
			return fmt.Sprintf("%q… (%d bytes)", s[:i], len(s))
		}
		runes++
		i += w
	}
	return strconv.Quote(s)
}

// checkQueryBytes reports a query longer than the limit.
func (l Limits) checkQueryBytes(q string) error {
	if len(q) > l.QueryBytes {
		return fmt.Errorf("%w: the query is %d bytes; the most is %d (max_query_bytes)", ErrBadQuery, len(q), l.QueryBytes)
	}
	return nil
}

// foldWords returns the words of free text with repeats (ignoring case) left out, in
// order of first appearance.
func foldWords(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.Fields(text) {
		k := strings.ToLower(w)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, w)
	}
	return out
}

// syntaxCost is what a parsed query-string query will cost.
type syntaxCost struct {
	err                       error // the first leaf that is invalid (a regexp that does not compile)
	clauses, terms, expensive int
	phrase                    int // words of the longest phrase
}

// maxQuotedPhraseWords is the most words of a "quoted phrase": a phrase reads the positions
// of each of its words in every document that holds them all.
const maxQuotedPhraseWords = 32

// costOf adds up the leaf queries of q and validates them.
func costOf(q query.Query, c *syntaxCost) {
	if v, ok := q.(query.ValidatableQuery); ok && c.err == nil {
		if _, composite := q.(*query.BooleanQuery); !composite {
			c.err = v.Validate()
		}
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if sub != nil {
				costOf(sub, c)
			}
		}
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			costOf(sub, c)
		}
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			costOf(sub, c)
		}
	case *query.MatchPhraseQuery:
		c.clauses++
		n := len(strings.Fields(q.MatchPhrase))
		c.terms += n
		c.phrase = max(c.phrase, n)
	case *query.MatchQuery:
		c.clauses++
		c.terms += max(1, len(strings.Fields(q.Match)))
		if q.Fuzziness > 0 {
			c.expensive++
		}
	case *query.FuzzyQuery:
		c.clauses++
		c.terms++
		c.expensive++
	case *query.RegexpQuery:
		c.clauses++
		c.terms++
		c.expensive++
	case *query.WildcardQuery:
		c.clauses++
		c.terms++
		if strings.HasPrefix(q.Wildcard, "*") || strings.HasPrefix(q.Wildcard, "?") {
			c.expensive++
		}
	default:
		c.clauses++
		c.terms++
	}
}

// check reports the first limit the cost is over.
func (l Limits) check(c syntaxCost) error {
	switch {
	case c.err != nil:
		return fmt.Errorf("%w: %w", ErrBadQuery, shortError(c.err))
	case c.clauses > l.Clauses:
		return fmt.Errorf("%w: the query has %d clauses; the most is %d (max_query_clauses)", ErrBadQuery, c.clauses, l.Clauses)
	case c.terms > l.Terms:
		return fmt.Errorf("%w: the query has %d terms; the most is %d (max_query_terms)", ErrBadQuery, c.terms, l.Terms)
	case c.phrase > maxQuotedPhraseWords:
		return fmt.Errorf("%w: a phrase of the query has %d words; the most is %d", ErrBadQuery, c.phrase, maxQuotedPhraseWords)
	case c.expensive > l.Expensive && l.Expensive == 0:
		return fmt.Errorf("%w: regexps, fuzzy terms (word~1) and wildcards that start with * are turned off here (max_query_expensive)", ErrBadQuery)
	case c.expensive > l.Expensive:
		return fmt.Errorf("%w: the query has %d regexps, fuzzy terms (word~1) or wildcards that start with *; the most is %d (max_query_expensive)", ErrBadQuery, c.expensive, l.Expensive)
	}
	return nil
}

// fold drops repeated clauses from the lists of q (the same clause twice in a conjunction
// or a disjunction asks nothing more and costs twice), in place, and returns q.
func fold(q query.Query) query.Query {
	dedupe := func(qs []query.Query) []query.Query {
		seen := map[string]bool{}
		out := qs[:0]
		for _, sub := range qs {
			sub = fold(sub)
			b, err := json.Marshal(sub)
			if err == nil {
				k := fmt.Sprintf("%T%s", sub, b)
				if seen[k] {
					continue
				}
				seen[k] = true
			}
			out = append(out, sub)
		}
		return out
	}
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []*query.Query{&q.Must, &q.Should, &q.MustNot, &q.Filter} {
			if *sub != nil {
				*sub = fold(*sub)
			}
		}
	case *query.ConjunctionQuery:
		q.Conjuncts = dedupe(q.Conjuncts)
	case *query.DisjunctionQuery:
		q.Disjuncts = dedupe(q.Disjuncts)
		if q.Min > float64(len(q.Disjuncts)) {
			q.Min = float64(len(q.Disjuncts))
		}
	}
	return q
}

// wildcardToRegexp writes a wildcard (* and ?) as the regexp bleve runs for it.
var wildcardToRegexp = strings.NewReplacer("+", `\+`, "(", `\(`, ")", `\)`, "^", `\^`, "$", `\$`,
	".", `\.`, "{", `\{`, "}", `\}`, "[", `\[`, "]", `\]`, "|", `\|`, `\`, `\\`, "*", ".*", "?", ".")

// expansionLeaf is a query term that expands to the index terms it matches: a regexp
// (wildcards become one) or a fuzzy term.
type expansionLeaf struct {
	field, regexp, fuzzy string
	fuzziness            int
	prefix               string
}

// checkExpansion counts the index terms that the regexps, wildcards and fuzzy terms of q
// expand to, reading the term dictionaries (never more than the limit plus one term each),
// and reports a query over [Limits.Expansion] before bleve opens a reader for each term.
// (bleve's own per-search limit, search.MaxTermSearchersKey, panics in v2.6.1 when a
// regexp or fuzzy expansion reaches it.)
func (ix *Index) checkExpansion(q query.Query, lim Limits) error {
	var leaves []expansionLeaf
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.BooleanQuery:
			for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
				if sub != nil {
					walk(sub)
				}
			}
		case *query.ConjunctionQuery:
			for _, sub := range q.Conjuncts {
				walk(sub)
			}
		case *query.DisjunctionQuery:
			for _, sub := range q.Disjuncts {
				walk(sub)
			}
		case *query.RegexpQuery:
			leaves = append(leaves, expansionLeaf{field: q.FieldVal, regexp: q.Regexp})
		case *query.WildcardQuery:
			leaves = append(leaves, expansionLeaf{field: q.FieldVal, regexp: wildcardToRegexp.Replace(q.Wildcard)})
		case *query.FuzzyQuery:
			prefix := ""
			if q.Prefix > 0 && q.Prefix <= len(q.Term) {
				prefix = q.Term[:q.Prefix]
			}
			leaves = append(leaves, expansionLeaf{field: q.FieldVal, fuzzy: q.Term, fuzziness: q.Fuzziness, prefix: prefix})
		case *query.MatchQuery:
			if q.Fuzziness > 0 {
				for _, w := range strings.Fields(strings.ToLower(q.Match)) {
					leaves = append(leaves, expansionLeaf{field: q.FieldVal, fuzzy: w, fuzziness: q.Fuzziness, prefix: ""})
				}
			}
		}
	}
	walk(q)
	if len(leaves) == 0 {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return ErrClosed
	}
	rs, release, err := ix.snapshots()
	if err != nil {
		return err
	}
	defer release()
	// Every shard's search expands to the terms of every shard's dictionary (fanout.go).
	grs, err := globalReaders(rs)
	if err != nil {
		return err
	}
	return expansionWithin(grs[0], leaves, lim)
}

// expansionWithin counts the terms of one snapshot that the leaves expand to, and reports
// [ErrBadQuery] past lim.Expansion.
func expansionWithin(r bindex.IndexReader, leaves []expansionLeaf, lim Limits) error {
	total := 0
	for _, l := range leaves {
		if l.field == "" {
			l.field = fieldText
		}
		var dict bindex.FieldDict
		var err error
		switch {
		case l.regexp != "":
			rr, ok := r.(bindex.IndexReaderRegexp)
			if !ok {
				return nil
			}
			dict, err = rr.FieldDictRegexp(l.field, l.regexp)
		default:
			rf, ok := r.(bindex.IndexReaderFuzzy)
			if !ok {
				return nil
			}
			dict, err = rf.FieldDictFuzzy(l.field, l.fuzzy, l.fuzziness, l.prefix)
		}
		if err != nil {
			return fmt.Errorf("%w: %w", ErrBadQuery, shortError(err))
		}
		for total <= lim.Expansion {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			total++
		}
		_ = dict.Close()
		if total > lim.Expansion {
			return fmt.Errorf("%w: the query's regexps, wildcards and fuzzy terms match more than %d index terms; make them narrower (max_query_expansion)", ErrBadQuery, lim.Expansion)
		}
	}
	return nil
}
