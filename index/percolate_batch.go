package index

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// This file is one run of a Percolator over a batch of new documents: which searches to
// look at for which document (anchors), deciding them (in memory, see eval.go, or by bleve
// on an in-memory index of the batch), and saying what matched.

// anchorKey is a value a document may hold: term in field, or (any) any value at all.
type anchorKey struct {
	field, term string
	any         bool
}

// anchorsOf returns keys of which a document must hold at least one for q to match it;
// ok is false when q gives none to rely on. An empty list with ok means q matches no
// document.
func anchorsOf(e *evaluator, q query.Query) (keys []anchorKey, ok bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		return []anchorKey{{field: q.FieldVal, term: q.Term}}, true
	case *query.NumericRangeQuery:
		return []anchorKey{{field: q.FieldVal, any: true}}, true
	case *query.TermRangeQuery:
		return []anchorKey{{field: q.FieldVal, any: true}}, true
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			k, ok := anchorsOf(e, sub)
			if !ok {
				return nil, false
			}
			keys = append(keys, k...)
		}
		return keys, true
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if k, ok := anchorsOf(e, sub); ok {
				return k, true
			}
		}
		return nil, false
	case *query.MatchQuery:
		field := textField(q.FieldVal)
		if q.Fuzziness != 0 || q.Operator != query.MatchQueryOperatorOr || !slices.Contains(textFields, field) {
			return nil, false
		}
		words, ok := e.queryWords(q, q.Match, q.Analyzer)
		if !ok {
			return nil, false
		}
		for _, alts := range words {
			for _, w := range alts {
				keys = append(keys, anchorKey{field: field, term: w})
			}
		}
		return keys, true
	}
	return nil, false
}

// textField names the field a text query without one reads.
func textField(f string) string {
	if f == "" {
		return fieldText
	}
	return f
}

// better reports whether anchor keys a narrow the candidates more than b: words and
// values before mere presence of a field, then fewer keys.
func better(a, b []anchorKey) bool {
	anyA := slices.ContainsFunc(a, func(k anchorKey) bool { return k.any })
	anyB := slices.ContainsFunc(b, func(k anchorKey) bool { return k.any })
	if anyA != anyB {
		return !anyA
	}
	return len(a) < len(b)
}

// planned is a saved search built for one batch.
type planned struct {
	s *PreparedSearch
	p *plan
}

// batch is one run of a Percolator over new documents: the term source their values
// make, the evaluator, and the in-memory index made when a search needs bleve.
type batch struct {
	docs []*evalDoc
	e    *evaluator
	// values maps a field to the distinct values the documents hold in it, sorted, and
	// resolved caches what resolve answered.
	values   map[string][]string
	resolved map[[2]string]string
	mem      *Index
	hits     map[*PreparedSearch][]Hit // what bleve found, by search
}

var _ termSource = (*batch)(nil)

// resolve returns the value the batch holds for field that equals v ignoring case, or v:
// what [Index.resolve] answers on an index of just these documents.
func (b *batch) resolve(field, v string) string {
	k := [2]string{field, v}
	if r, ok := b.resolved[k]; ok {
		return r
	}
	vals, ok := b.values[field]
	if !ok {
		set := map[string]bool{}
		for _, d := range b.docs {
			for _, x := range stringValues(d.doc.fields[field]) {
				set[x] = true
			}
		}
		for x := range set {
			vals = append(vals, x)
		}
		sort.Strings(vals)
		b.values[field] = vals
	}
	r := v
	if _, found := slices.BinarySearch(vals, v); !found {
		for _, x := range vals {
			if strings.EqualFold(x, v) {
				r = x
				break
			}
		}
	}
	b.resolved[k] = r
	return r
}

// checkExpansion lets every query through: a query with wildcards, regexps or fuzzy terms
// is query-string syntax, which runs on the batch's in-memory index, whose Search checks it.
func (b *batch) checkExpansion(query.Query, Limits) error { return nil }

// percolate runs every search of p against docs (one version per id).
func (p *Percolator) percolate(ctx context.Context, docs []*evalDoc) ([]Match, error) {
	b := &batch{docs: docs, e: newEvaluator(), values: map[string][]string{}, resolved: map[[2]string]string{}}
	defer b.close()
	var plans []planned
	var bySyntax []*PreparedSearch
	// anchored maps each anchor key to the searches (indexes into plans) it stands for;
	// always are the searches to look at for every document.
	anchored := map[anchorKey][]int32{}
	var always []int32
	words := false // some anchor is a word of a text field
	for _, s := range p.searches {
		if s.syntax {
			bySyntax = append(bySyntax, s)
			continue
		}
		pl, err := buildPlan(b, s.query)
		if err != nil {
			return nil, fmt.Errorf("percolating saved search %s: %w", Excerpt(s.Name), err)
		}
		i := int32(len(plans))
		plans = append(plans, planned{s: s, p: pl})
		var best []anchorKey
		found := false
		cands := pl.must[1:] // must[0] is the document type
		if pl.sameSentence {
			cands = append(slices.Clip(cands), pl.sentence...)
		}
		for _, q := range cands {
			if k, ok := anchorsOf(b.e, q); ok && (!found || better(k, best)) {
				best, found = k, true
			}
		}
		if !found {
			always = append(always, i)
			continue
		}
		for _, k := range best {
			anchored[k] = append(anchored[k], i)
			words = words || slices.Contains(textFields, k.field) && !k.any
		}
	}
	// Every text query of the batch has been met: documents need keep only their words.
	for _, pl := range plans {
		for _, q := range slices.Concat(pl.p.must, pl.p.mustNot, pl.p.sentence) {
			walkText(q, func(q query.Query, text, analyzer string) { b.e.queryWords(q, text, analyzer) })
		}
	}
	b.e.closeWords()
	var out []Match
	seen := make([]int, len(plans)) // the document (plus one) a search was last a candidate for
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("percolating: %w", err)
		}
		cands := slices.Clone(always)
		add := func(k anchorKey) {
			for _, i := range anchored[k] {
				if seen[i] != di+1 {
					seen[i] = di + 1
					cands = append(cands, i)
				}
			}
		}
		for _, fields := range d.fieldSets() {
			for name, v := range fields {
				if name == fieldText || name == fieldTitle || name == fieldData {
					continue
				}
				if vals := stringValues(v); len(vals) > 0 {
					for _, x := range vals {
						add(anchorKey{field: name, term: x})
					}
					add(anchorKey{field: name, any: true})
				} else if len(numberValues(v)) > 0 {
					add(anchorKey{field: name, any: true})
				}
			}
		}
		if words {
			for _, f := range textFields {
				for t := range b.e.terms(d, f) {
					add(anchorKey{field: f, term: t})
				}
			}
		}
		slices.Sort(cands) // in the order of the searches
		for _, i := range cands {
			pl := plans[i]
			ok, exact := b.matches(pl.p, d)
			if !exact {
				hit, err := b.bleveHit(ctx, pl.s, d.doc.id)
				if err != nil {
					return nil, err
				}
				if hit != nil {
					out = append(out, b.explain(pl.s, pl.p, d, hit))
				}
				continue
			}
			if ok {
				out = append(out, b.explain(pl.s, pl.p, d, nil))
			}
		}
	}
	if len(bySyntax) > 0 {
		m, err := b.syntaxMatches(ctx, bySyntax)
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
		order := map[string]int{}
		for i, d := range docs {
			order[d.doc.id] = i
		}
		pos := map[string]int{}
		for i, s := range p.searches {
			pos[s.Name] = i
		}
		sort.SliceStable(out, func(i, j int) bool {
			if a, b := order[out[i].Document], order[out[j].Document]; a != b {
				return a < b
			}
			return pos[out[i].Search] < pos[out[j].Search]
		})
	}
	return out, nil
}

// walkText calls f with every match and phrase query inside q, with its text and
// analyzer.
func walkText(q query.Query, f func(q query.Query, text, analyzer string)) {
	switch q := q.(type) {
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			walkText(sub, f)
		}
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			walkText(sub, f)
		}
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if sub != nil {
				walkText(sub, f)
			}
		}
	case *query.MatchQuery:
		f(q, q.Match, q.Analyzer)
	case *query.MatchPhraseQuery:
		f(q, q.MatchPhrase, q.Analyzer)
	}
}

// fieldSets returns the field maps of the document and of its tagged sentences.
func (d *evalDoc) fieldSets() []map[string]any {
	out := make([]map[string]any, 0, 1+len(d.sents))
	out = append(out, d.doc.fields)
	for _, s := range d.sents {
		out = append(out, s.fields)
	}
	return out
}

// matches decides a plan on a document, as [Index.Search] would: every must clause holds,
// no mustNot clause does, and with same_sentence one tagged sentence holds every tag
// filter. exact is false when a clause needs bleve.
func (b *batch) matches(p *plan, d *evalDoc) (match, exact bool) {
	exact = true
	for _, q := range p.must {
		m, ex := b.e.eval(q, d, d.doc.fields)
		if ex && !m {
			return false, true
		}
		exact = exact && ex
	}
	for _, q := range p.mustNot {
		m, ex := b.e.eval(q, d, d.doc.fields)
		if ex && m {
			return false, true
		}
		exact = exact && ex
	}
	if !exact {
		return false, false
	}
	if p.sameSentence && len(p.sentence) > 0 {
		return len(b.sentencesMatching(p.sentence, d)) > 0, true
	}
	return true, true
}

// sentencesMatching returns the indexes of the tagged sentences of d that match every one
// of qs (sentence filters are keyword and numeric terms: always exact).
func (b *batch) sentencesMatching(qs []query.Query, d *evalDoc) []int {
	var out []int
	for _, s := range d.sents {
		all := true
		for _, q := range qs {
			if m, _ := b.e.eval(q, d, s.fields); !m {
				all = false
				break
			}
		}
		if all {
			out = append(out, s.sentence)
		}
	}
	return out
}

// explain says what a search matched in a document: each filter with the sentences that
// satisfy it, the words of the free text and where they stand. hit is bleve's answer when
// bleve decided the match (query-string syntax), nil otherwise.
func (b *batch) explain(s *PreparedSearch, p *plan, d *evalDoc, hit *Hit) Match {
	m := Match{Search: s.Name, Document: d.doc.id, Filters: []FilterMatch{}}
	weight := map[int]int{} // sentence → parts of the search matched in it
	if p != nil {
		add := func(cf compiledFilter, sentences []int) {
			fm := FilterMatch{Filter: cf.Filter.String(), Text: s.text[cf.Filter], Sentences: sentences}
			for _, i := range sentences {
				weight[i]++
			}
			m.Filters = append(m.Filters, fm)
		}
		for _, cf := range p.include {
			add(cf, b.sentencesMatching([]query.Query{cf.sent}, d))
		}
		for _, cf := range p.meta {
			add(cf, nil)
		}
		for _, cf := range p.exclude {
			add(cf, nil)
		}
	}
	switch {
	case hit != nil:
		if s.query.Text != "" {
			tm := &TextMatch{Query: s.query.Text, Terms: []string{}}
			for _, hs := range hit.Sentences {
				if len(hs.Matches) == 0 {
					continue
				}
				tm.Sentences = append(tm.Sentences, hs.Index)
				weight[hs.Index]++
				for _, sp := range hs.Matches {
					if t := strings.ToLower(d.res.Document.Text[sp.Start:sp.End]); !slices.Contains(tm.Terms, t) {
						tm.Terms = append(tm.Terms, t)
					}
				}
			}
			slices.Sort(tm.Sentences)
			m.Text = tm
		}
	case p != nil && p.text != nil:
		m.Text = b.explainText(p.text, d, weight)
	}
	m.Sentences = matchSentences(d.res, weight)
	return m
}

// explainText finds the words of a free-text query in a document and the sentences they
// stand in.
func (b *batch) explainText(q query.Query, d *evalDoc, weight map[int]int) *TextMatch {
	tm := &TextMatch{Terms: []string{}}
	var spans []Span
	var walk func(q query.Query)
	walk = func(q query.Query) {
		switch q := q.(type) {
		case *query.DisjunctionQuery:
			for _, sub := range q.Disjuncts {
				walk(sub)
			}
		case *query.MatchQuery:
			if tm.Query == "" {
				tm.Query = q.Match
			}
			field := textField(q.FieldVal)
			terms := b.e.terms(d, field)
			words, _ := b.e.queryWords(q, q.Match, q.Analyzer)
			shift := 0
			if field == fieldTitle {
				doc := d.res.Document
				if doc.TitleEnd <= doc.TitleStart {
					shift = -1 // the title is not in the text: its words have no sentence
				} else {
					shift = doc.TitleStart
				}
			}
			for _, alts := range words {
				for _, w := range alts {
					at, ok := terms[w]
					if !ok {
						continue
					}
					if !slices.Contains(tm.Terms, w) {
						tm.Terms = append(tm.Terms, w)
					}
					if shift >= 0 {
						for _, sp := range at {
							spans = append(spans, Span{sp.Start + shift, sp.End + shift})
						}
					}
				}
			}
		}
	}
	walk(q)
	seen := map[int]bool{}
	for _, sp := range spans {
		i, ok := sentenceAt(d.res.Sentences, sp.Start)
		if !ok || seen[i] || d.res.Sentences[i].Section == corpus.SectionFurniture {
			continue
		}
		seen[i] = true
		idx := d.res.Sentences[i].Index
		tm.Sentences = append(tm.Sentences, idx)
		weight[idx]++
	}
	slices.Sort(tm.Sentences)
	return tm
}

// sentenceAt returns the position in sents of the sentence that holds byte offset off.
func sentenceAt(sents []classifier.Sentence, off int) (int, bool) {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].End > off })
	if i < len(sents) && sents[i].Start <= off {
		return i, true
	}
	return 0, false
}

// matchSentences returns the sentences a match shows: those most parts matched in, at
// most maxMatchSentences, in text order.
func matchSentences(res *classifier.Result, weight map[int]int) []MatchSentence {
	idx := make([]int, 0, len(weight))
	for i := range weight {
		idx = append(idx, i)
	}
	sort.Slice(idx, func(a, b int) bool {
		if weight[idx[a]] != weight[idx[b]] {
			return weight[idx[a]] > weight[idx[b]]
		}
		return idx[a] < idx[b]
	})
	if len(idx) > maxMatchSentences {
		idx = idx[:maxMatchSentences]
	}
	slices.Sort(idx)
	out := make([]MatchSentence, 0, len(idx))
	for _, i := range idx {
		for _, s := range res.Sentences {
			if s.Index == i {
				out = append(out, MatchSentence{Index: i, Section: s.Section, Start: s.Start, End: s.End, Text: cutText(s.Text, maxMatchSentenceBytes)})
				break
			}
		}
	}
	return out
}

// cutText cuts s to at most n bytes, at a rune boundary, marking the cut with "…".
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// memIndex returns the batch's in-memory bleve index, built on first use: bleve decides
// what memory cannot (query-string syntax) on it.
func (b *batch) memIndex() (*Index, error) {
	if b.mem != nil {
		return b.mem, nil
	}
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	// Scorch in memory (no path), the engine of every index: searches read its hits the
	// same way.
	bi, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("percolating: an index of the new documents: %w", err)
	}
	ix := &Index{dir: "(new documents)", shards: []*shard{{dir: "(new documents)", bi: bi}}}
	bb := bi.NewBatch()
	for _, d := range b.docs {
		fields := d.doc.fields
		if _, ok := fields[fieldData]; !ok && d.data != nil {
			data, err := json.Marshal(d.data)
			if err != nil {
				_ = bi.Close()
				return nil, fmt.Errorf("percolating: encoding document %s: %w", d.doc.id, err)
			}
			fields = maps.Clone(fields)
			fields[fieldData] = string(data)
		}
		if err := bb.Index(d.doc.id, fields); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("percolating: document %s: %w", d.doc.id, err)
		}
		for _, s := range d.sents {
			if err := bb.Index(s.id, s.fields); err != nil {
				_ = bi.Close()
				return nil, fmt.Errorf("percolating: document %s: %w", d.doc.id, err)
			}
		}
	}
	if err := bi.Batch(bb); err != nil {
		_ = bi.Close()
		return nil, fmt.Errorf("percolating: an index of the new documents: %w", err)
	}
	b.mem = ix
	return ix, nil
}

// close drops the batch's in-memory index, if it made one.
func (b *batch) close() {
	if b.mem != nil {
		_ = b.mem.shards[0].bi.Close()
		b.mem = nil
	}
}

// bleveSearch runs a saved search on the batch's in-memory index and returns its hits.
func (b *batch) bleveSearch(ctx context.Context, s *PreparedSearch) ([]Hit, error) {
	if hits, ok := b.hits[s]; ok {
		return hits, nil
	}
	ix, err := b.memIndex()
	if err != nil {
		return nil, err
	}
	q := s.query
	q.Limit = len(b.docs)
	q.Offset = 0
	q.Facets = []string{"none"}
	q.Sentences = maxMatchSentences
	q.Sort = SortID
	res, err := ix.Search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("percolating saved search %s: %w", Excerpt(s.Name), err)
	}
	if b.hits == nil {
		b.hits = map[*PreparedSearch][]Hit{}
	}
	b.hits[s] = res.Hits
	return res.Hits, nil
}

// bleveHit asks bleve whether a search matches one document of the batch: the hit, or nil.
func (b *batch) bleveHit(ctx context.Context, s *PreparedSearch, id string) (*Hit, error) {
	hits, err := b.bleveSearch(ctx, s)
	if err != nil {
		return nil, err
	}
	for i := range hits {
		if hits[i].ID == id {
			return &hits[i], nil
		}
	}
	return nil, nil
}

// syntaxMatches runs the searches in query-string syntax on the batch's in-memory index.
func (b *batch) syntaxMatches(ctx context.Context, searches []*PreparedSearch) ([]Match, error) {
	byID := map[string]*evalDoc{}
	for _, d := range b.docs {
		byID[d.doc.id] = d
	}
	var out []Match
	for _, s := range searches {
		hits, err := b.bleveSearch(ctx, s)
		if err != nil {
			return nil, err
		}
		pl, err := buildPlan(b, s.query)
		if err != nil {
			return nil, fmt.Errorf("percolating saved search %s: %w", Excerpt(s.Name), err)
		}
		for i := range hits {
			if d := byID[hits[i].ID]; d != nil {
				out = append(out, b.explain(s, pl, d, &hits[i]))
			}
		}
	}
	return out, nil
}
