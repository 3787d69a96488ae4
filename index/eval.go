package index

import (
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/trialtag/trialtag/classifier"
)

// This file decides bleve queries on documents held in memory, without an index: the
// queries [buildPlan] makes, on the fields [searchFields] gives a document, which are the
// fields [Index.Update] indexes. A [Percolator] uses it to match saved searches against
// new documents; since the queries and the fields are the very ones a search runs and the
// index holds, a saved search matches a new document exactly when a search would find it.
// A form it cannot decide in memory (query-string syntax: wildcards, regexps, fuzzy terms,
// phrases) is reported as not exact, and the caller asks bleve.

// evalDoc is a new document as the percolator sees it: its bleve document and tagged
// sentence documents, and the terms of its text fields, analysed on first use.
type evalDoc struct {
	res   *classifier.Result
	doc   bleveDoc
	sents []bleveDoc
	// change is ChangeAdded or ChangeUpdated, and hash the content hash, of a document an
	// update percolates.
	change, hash string
	// data is the record to store, when doc.fields lacks it (bleve needs it only for a
	// search it decides, see batch.memIndex).
	data *storedData
	// analysed maps each text field analysed so far to its terms, each with the spans of
	// the document text where it stands.
	analysed map[string]map[string][]Span
}

// newEvalDoc makes the percolator's view of a tagged document.
func newEvalDoc(res *classifier.Result, doc bleveDoc, sents []bleveDoc) *evalDoc {
	return &evalDoc{res: res, doc: doc, sents: sents}
}

// textFields are the fields analysed with [TextAnalyzer] that free text searches.
var textFields = []string{fieldText, fieldTitle}

// terms returns the terms of a text field of d, as [TextAnalyzer] indexes them, each with
// where it stands; nil for a field that is not text. With a closed word list (see
// [evaluator.closeWords]) it keeps only the words queries ask for: a document holds
// hundreds of terms, the searches of a batch ask for a few.
func (e *evaluator) terms(d *evalDoc, field string) map[string][]Span {
	field = textField(field)
	if !slices.Contains(textFields, field) {
		return nil
	}
	if m, ok := d.analysed[field]; ok {
		return m
	}
	if d.analysed == nil {
		d.analysed = map[string]map[string][]Span{}
	}
	v, _ := d.doc.fields[field].(string)
	m := map[string][]Span{}
	for _, tok := range (textAnalyzer{}).Analyze([]byte(v)) {
		if e.wanted != nil && !e.wanted[string(tok.Term)] {
			continue
		}
		m[string(tok.Term)] = append(m[string(tok.Term)], Span{tok.Start, tok.End})
	}
	d.analysed[field] = m
	return m
}

// evaluator decides queries on [evalDoc]s. It keeps the analysed words of the free-text
// queries it has met, so that a query met on many documents is analysed once. It is not
// safe for concurrent use.
type evaluator struct {
	// words maps a match or phrase query to its analysed words: one list of alternatives
	// per position ("patient" also reads "patients").
	words map[query.Query][][]string
	// wanted, once closed, holds every word of the queries met before; documents keep
	// only those of their terms. A query met afterwards with another word is not decided
	// here (it is left to bleve).
	wanted map[string]bool
	closed bool
}

// closeWords fixes the words the queries met so far ask for: from now on documents keep
// only those terms, and a query with another word is not exact.
func (e *evaluator) closeWords() {
	e.wanted = map[string]bool{}
	for _, ws := range e.words {
		for _, alts := range ws {
			for _, w := range alts {
				e.wanted[w] = true
			}
		}
	}
	e.closed = true
}

func newEvaluator() *evaluator { return &evaluator{words: map[query.Query][][]string{}} }

// queryWords returns the words of a match or phrase query, analysed with its analyzer, by
// position; ok is false when the analyzer is not trialtag's.
func (e *evaluator) queryWords(q query.Query, text, analyzer string) ([][]string, bool) {
	if w, ok := e.words[q]; ok {
		return w, true
	}
	if e.closed {
		return nil, false
	}
	var a textAnalyzer
	switch analyzer {
	case QueryAnalyzer:
		a = textAnalyzer{query: true}
	case TextAnalyzer:
	default:
		return nil, false
	}
	var out [][]string
	last := -1
	for _, tok := range a.Analyze([]byte(text)) {
		if tok.Position != last || len(out) == 0 {
			out = append(out, nil)
			last = tok.Position
		}
		out[len(out)-1] = append(out[len(out)-1], string(tok.Term))
	}
	e.words[q] = out
	return out, true
}

// eval reports whether q matches the bleve document fields of d (d.doc, or one of
// d.sents). exact is false when q holds a form this evaluator cannot decide; match is then
// meaningless.
func (e *evaluator) eval(q query.Query, d *evalDoc, fields map[string]any) (match, exact bool) {
	switch q := q.(type) {
	case *query.TermQuery:
		return slices.Contains(stringValues(fields[q.FieldVal]), q.Term), true
	case *query.NumericRangeQuery:
		incMin, incMax := true, false // bleve's defaults
		if q.InclusiveMin != nil {
			incMin = *q.InclusiveMin
		}
		if q.InclusiveMax != nil {
			incMax = *q.InclusiveMax
		}
		for _, n := range numberValues(fields[q.FieldVal]) {
			if inNumericRange(n, q.Min, q.Max, incMin, incMax) {
				return true, true
			}
		}
		return false, true
	case *query.TermRangeQuery:
		incMin, incMax := true, false // bleve's defaults
		if q.InclusiveMin != nil {
			incMin = *q.InclusiveMin
		}
		if q.InclusiveMax != nil {
			incMax = *q.InclusiveMax
		}
		for _, t := range stringValues(fields[q.FieldVal]) {
			if inTermRange(t, q.Min, q.Max, incMin, incMax) {
				return true, true
			}
		}
		return false, true
	case *query.ConjunctionQuery:
		exact := true
		for _, sub := range q.Conjuncts {
			m, ex := e.eval(sub, d, fields)
			if ex && !m {
				return false, true
			}
			exact = exact && ex
		}
		return exact, exact
	case *query.DisjunctionQuery:
		need := max(int(q.Min), 1)
		matched, unsure := 0, false
		for _, sub := range q.Disjuncts {
			m, ex := e.eval(sub, d, fields)
			switch {
			case !ex:
				unsure = true
			case m:
				matched++
			}
			if matched >= need {
				return true, true
			}
		}
		return false, !unsure
	case *query.MatchQuery:
		if q.Fuzziness != 0 {
			return false, false
		}
		terms := e.termsIn(d, fields, q.FieldVal)
		if terms == nil {
			return false, false
		}
		words, ok := e.queryWords(q, q.Match, q.Analyzer)
		if !ok {
			return false, false
		}
		found := 0
		for _, alts := range words {
			for _, w := range alts {
				if _, ok := terms[w]; ok {
					found++
					break
				}
			}
		}
		if q.Operator == query.MatchQueryOperatorAnd {
			return len(words) > 0 && found == len(words), true
		}
		return found > 0, true
	case *query.MatchPhraseQuery:
		terms := e.termsIn(d, fields, q.FieldVal)
		if terms == nil {
			return false, false
		}
		words, ok := e.queryWords(q, q.MatchPhrase, q.Analyzer)
		if !ok || len(words) == 0 {
			return false, false
		}
		// A phrase needs every one of its words: a missing one decides. With all of them
		// there, their positions decide, which only bleve knows.
		for _, alts := range words {
			if !slices.ContainsFunc(alts, func(w string) bool { _, ok := terms[w]; return ok }) {
				return false, true
			}
		}
		return false, false
	}
	return false, false
}

// termsIn returns the terms of a text field when fields are the document's own; nil for
// a sentence document (which holds no text) or a field that is not text.
func (e *evaluator) termsIn(d *evalDoc, fields map[string]any, field string) map[string][]Span {
	if fields[fieldType] != typeDoc {
		return nil
	}
	return e.terms(d, field)
}

// stringValues returns the keyword values of a field as searchFields stores them.
func stringValues(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	}
	return nil
}

// numberValues returns the numeric values of a field as searchFields stores them.
func numberValues(v any) []float64 {
	switch v := v.(type) {
	case float64:
		return []float64{v}
	case []float64:
		return v
	}
	return nil
}

// inNumericRange reports whether n lies in the range, as bleve's numeric range searcher
// decides it (nil bounds are open).
func inNumericRange(n float64, lo, hi *float64, incLo, incHi bool) bool {
	if math.IsNaN(n) {
		return false
	}
	if lo != nil && (n < *lo || !incLo && n == *lo) {
		return false
	}
	if hi != nil && (n > *hi || !incHi && n == *hi) {
		return false
	}
	return true
}

// inTermRange reports whether term t lies in the range, as bleve's term range searcher
// decides it: bytewise, "" an open bound, an exclusive bound leaving out only itself.
func inTermRange(t, lo, hi string, incLo, incHi bool) bool {
	if lo != "" && (t < lo || !incLo && t == lo) {
		return false
	}
	if hi != "" && (t > hi || !incHi && t == hi) {
		return false
	}
	return true
}
