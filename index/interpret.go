package index

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// Interpretation says how [Interpret] read a query.
type Interpretation struct {
	// Filters are the facet values recognised, each with the query text it came from.
	Filters []InterpretedFilter `json:"filters"`
	// Text is the free text left over.
	Text string `json:"text"`
	// Syntax is true when the query was bleve query-string syntax, passed on unread.
	Syntax bool `json:"syntax,omitempty"`
	// Literal is true when interpretation was turned off (--literal, literal=).
	Literal bool `json:"literal,omitempty"`
	// Note says when the query was read otherwise than it looks: a long query with a colon
	// or a quote is read as free text, not as query-string syntax (see [Limits.Clauses]).
	Note string `json:"note,omitempty"`
	// MinPercent is an incidence bound read from the query ("in more than 10% of patients"),
	// with the words it came from; it bounds the outcome filters (see [Query.MinPercent]).
	MinPercent     float64 `json:"min_percent,omitempty"`
	MinPercentText string  `json:"min_percent_text,omitempty"`
	// IDs are the document ids a query of nothing but ids was read as ("NCT02547948").
	IDs []string `json:"ids,omitempty"`
	// Suggestion is the query with misspelt words replaced by vocabulary terms, when the
	// query found nothing and such words were found ("tocilizumb" → "tocilizumab").
	Suggestion string `json:"suggestion,omitempty"`
}

// percentBound finds an incidence bound in a query: "more than 10%", "> 10%", "at least 5%
// of patients". A strict bound ("more than 10%") starts a tenth of a percent above.
var percentBound = regexp.MustCompile(`(?i)(?:\bin\s+)?(\bmore\s+than|\bover|\babove|\bgreater\s+than|\bat\s+least|>=|≥|>)\s*(\d{1,3}(?:\.\d+)?)\s*%(?:\s+of\s+(?:the\s+)?(?:patients|participants|subjects|cases))?`)

// boundsOutcome reports whether a percent bound has an outcome filter to bound: an affirmed
// value or a grade range.
func boundsOutcome(found []InterpretedFilter) bool {
	for _, f := range found {
		fc, ok := classifier.LookupFacet(f.Facet)
		if !ok || fc.Kind != classifier.Outcome || f.Exclude || strings.Contains(f.Value, "/") {
			continue
		}
		if _, negOnly := fc.NegatedOnly(f.Value); !negOnly {
			return true
		}
	}
	return false
}

func readPercentBound(q string) (float64, Span, bool) {
	m := percentBound.FindStringSubmatchIndex(q)
	if m == nil {
		return 0, Span{}, false
	}
	p, err := strconv.ParseFloat(q[m[4]:m[5]], 64)
	if err != nil || p > 100 {
		return 0, Span{}, false
	}
	switch op := strings.ToLower(q[m[2]:m[3]]); {
	case op == ">=" || op == "≥" || strings.HasPrefix(op, "at"):
	default:
		p += 0.1
	}
	return min(p, 100), Span{m[0], m[1]}, true
}

// InterpretedFilter is a filter that [Interpret] found, with the words it came from.
type InterpretedFilter struct {
	Filter
	// Text is the part of the query the filter stands for ("grade 2 CRS", "no ICANS").
	Text string `json:"text"`
	// Rule is the id of the rule that recognised it, or "vocabulary" when the words equal a
	// vocabulary term that no rule tagged on its own (a bare "tocilizumab").
	Rule string `json:"rule"`
}

// Interpreter reads search queries with one rule set: the classifier that tags them and the
// lookup of the rule set's vocabulary terms, built once by [NewInterpreter]. Whoever puts a
// rule set in force builds its Interpreter beside it and drops both together, so nothing
// outlives a rule set (a server that reloads its rules keeps only the Interpreter in force).
// An Interpreter is immutable and safe for concurrent use.
type Interpreter struct {
	c     *classifier.Classifier
	vocab *vocabulary
}

// NewInterpreter builds the Interpreter of c's rule set.
func NewInterpreter(c *classifier.Classifier) *Interpreter {
	return &Interpreter{c: c, vocab: newVocabulary(c.RuleSet())}
}

// Classifier returns the classifier the Interpreter tags queries with.
func (in *Interpreter) Classifier() *classifier.Classifier { return in.c }

// Interpret reads q with c, building c's vocabulary lookup for this one call: a caller that
// reads many queries with one rule set keeps an [Interpreter] instead.
func Interpret(c *classifier.Classifier, q string) (Query, Interpretation) {
	return NewInterpreter(c).Interpret(q)
}

// Interpret reads a search query the way documents are read: it tags the query with the
// rules, as a one-sentence document, and turns what the rules recognise into filters; the
// words no tag covers stay free text. It returns the query to run and what it understood,
// for showing.
//
//   - An affirmed (or hypothetical: a query states no facts) outcome tag becomes a filter on
//     its value: "grade 2 CRS" → crs_grade=2. A grade implies its syndrome, so crs=present is
//     not added beside crs_grade.
//   - A negated outcome tag asks for documents that say it did not happen: "no ICANS" →
//     icans=absent, "no neutropenia" → adverse_event="neutropenia: absent"; a negated grade
//     ("no grade ≥3 CRS") asks for the negated tag itself, crs_grade="3+/negated", and so
//     does an event denied at some grades only ("no grade ≥3 infections" →
//     adverse_event="infection/negated": documents that deny infections, at any grade). A grade
//     written as a lower bound ("grade ≥2", "grade 2 or higher") becomes the range "≥2".
//   - A mention tag becomes a filter whatever its status: "CD20" → antigen=CD20, and "no ICANS
//     lupus nephritis" still asks for lupus nephritis.
//   - Rules that need context (a treatment is tagged only beside a toxicity) miss bare words,
//     so the words left over are then compared, longest run first and ignoring case, with the
//     vocabulary terms of the rule set: "tocilizumab" alone → toxicity_treatment=tocilizumab.
//   - When any filter was found, small connecting words ("of", "with", "and", …) and words of
//     the facet names found ("grade", "remission") are dropped from the free text.
//
// A query in bleve's query-string syntax ([IsQuerySyntax]) is returned unchanged as Text.
func (in *Interpreter) Interpret(q string) (Query, Interpretation) {
	return in.interpret(q, IsQuerySyntax(q))
}

// interpret is [Interpreter.Interpret] where the caller says whether q is query syntax: a
// long query that only looks like it is read as free text.
func (in *Interpreter) interpret(q string, syntax bool) (Query, Interpretation) {
	q = strings.TrimSpace(q)
	if q == "" {
		return Query{}, Interpretation{Filters: []InterpretedFilter{}}
	}
	if syntax {
		q = in.syntaxValues(q)
		return Query{Text: q, Literal: true}, Interpretation{Filters: []InterpretedFilter{}, Text: q, Syntax: true}
	}
	var found []InterpretedFilter
	var covered []Span
	res := in.c.Tag(&corpus.Document{ID: "query", Text: q, Source: "query"})
	for _, s := range res.Sentences {
		for _, t := range s.Tags {
			f, ok := tagFilter(t)
			if !ok {
				continue
			}
			covered = append(covered, Span{t.Start, t.End})
			text := q[t.Start:t.End]
			if t.Status == classifier.Negated && t.Cue != "" && !strings.HasPrefix(t.Cue, "section:") {
				if i := lastIndexFold(q[:t.Start], t.Cue); i >= 0 {
					covered = append(covered, Span{i, i + len(t.Cue)})
					text = q[i:t.End]
					if sp, ok := in.gradeSpan(q, t.Start, t.End); ok && t.DeniedGrade != "" {
						covered = append(covered, sp) // "no grade ≥3 infections", "no infections of grade ≥3"
					}
				}
			}
			found = append(found, InterpretedFilter{Filter: f, Text: text, Rule: t.Rule})
		}
	}
	words := queryWords(q, covered)
	words, found = in.vocabularyFilters(q, words, found)
	found = tidyFilters(found)
	bound, boundSpan, hasBound := readPercentBound(q)
	if hasBound && boundsOutcome(found) {
		kept := words[:0]
		for _, w := range words {
			if !overlaps(w, []Span{boundSpan}) {
				kept = append(kept, w)
			}
		}
		words = kept
	} else {
		hasBound = false
	}
	if len(found) > 0 {
		words = dropGlue(q, words, found)
	}
	parts := make([]string, 0, len(words))
	for _, w := range words {
		if hasWord(q[w.Start:w.End]) { // a lone "+" or "-" left over is no word to search for
			parts = append(parts, q[w.Start:w.End])
		}
	}
	text := strings.Join(parts, " ")
	query := Query{Text: text, Prose: true}
	for _, f := range found {
		query.Filters = append(query.Filters, f.Filter)
	}
	if found == nil {
		found = []InterpretedFilter{}
	}
	interp := Interpretation{Filters: found, Text: text}
	if hasBound {
		query.MinPercent = bound
		interp.MinPercent, interp.MinPercentText = bound, q[boundSpan.Start:boundSpan.End]
	}
	return query, interp
}

// gradeSpan returns the words of the grade that limits a denial of the event at [start,
// end), written before it ("no grade ≥3 infections") or after it ("no infections of grade
// 3 or higher"), which are no free text; the words between the cue and the event keep
// theirs ("no pediatric grade 3 infections"). An "of" between the event and its grade goes
// with the grade.
func (in *Interpreter) gradeSpan(q string, start, end int) (Span, bool) {
	ctx, err := in.c.Context(q, q[start:end])
	if err != nil || ctx.Grade == "" {
		return Span{}, false
	}
	sp := Span{ctx.GradeStart, ctx.GradeEnd}
	if sp.Start >= end {
		sp.Start = end // "of", "(" and a scale's name between
	}
	return sp, true
}

// tagFilter turns a tag of the query into a filter.
func tagFilter(t classifier.Tag) (Filter, bool) {
	fc, ok := classifier.LookupFacet(t.Facet)
	if !ok || t.Value == classifier.NoValue {
		return Filter{}, false
	}
	f := Filter{Facet: t.Facet, Value: t.Value}
	_, graded := gradeFacets[t.Facet]
	switch {
	case fc.Kind == classifier.Mention:
	case t.Status != classifier.Negated:
		if graded && strings.HasSuffix(t.Value, "+") {
			f.Value = "≥" + strings.TrimSuffix(t.Value, "+")
		}
	default:
		if absent, ok := fc.AbsentValue(t.Value); ok && t.DeniesValue() {
			f.Value = absent
		} else { // a negated grade, or an event denied at some grades ("no grade ≥3
			// infections"): no document value says it, the sentence tags do
			f.Value = t.Value + "/" + classifier.Negated
		}
	}
	return f, true
}

// tidyFilters drops repeated filters, and crs=present (icans=present) beside a crs_grade
// (icans_grade) filter, which implies it.
func tidyFilters(in []InterpretedFilter) []InterpretedFilter {
	var out []InterpretedFilter
	for _, f := range in {
		dup := false
		for _, o := range out {
			if o.Filter == f.Filter {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	implied := map[string]bool{}
	for _, f := range out {
		if base, ok := strings.CutSuffix(f.Facet, "_grade"); ok && !f.Exclude && !strings.HasSuffix(f.Value, "/"+classifier.Negated) {
			implied[base] = true
		}
	}
	return slices.DeleteFunc(out, func(f InterpretedFilter) bool {
		return implied[f.Facet] && f.Value == "present" && !f.Exclude
	})
}

// lastIndexFold returns the start of the last occurrence of sub in s, ignoring case, or -1.
func lastIndexFold(s, sub string) int {
	return strings.LastIndex(strings.ToLower(s), strings.ToLower(sub))
}

// queryWords returns the words of q (runs of non-space characters, trimmed of surrounding
// punctuation) that overlap no covered span.
func queryWords(q string, covered []Span) []Span {
	var out []Span
	i := 0
	for i < len(q) {
		for i < len(q) && isSpaceByte(q[i]) {
			i++
		}
		j := i
		for j < len(q) && !isSpaceByte(q[j]) {
			j++
		}
		if j > i {
			w := trimPunct(q, Span{i, j})
			if w.End > w.Start && !overlaps(w, covered) {
				out = append(out, w)
			}
		}
		i = j
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// trimPunct narrows a word's span to drop leading and trailing punctuation.
func trimPunct(q string, w Span) Span {
	trim := func(r rune) bool { return unicode.IsPunct(r) && r != '≥' && r != '%' }
	s := q[w.Start:w.End]
	left := strings.TrimLeftFunc(s, trim)
	w.Start += len(s) - len(left)
	right := strings.TrimRightFunc(left, trim)
	w.End = w.Start + len(right)
	return w
}

func overlaps(w Span, spans []Span) bool {
	for _, s := range spans {
		if w.Start < s.End && s.Start < w.End {
			return true
		}
	}
	return false
}

// glueWords are dropped from the free text once filters stand for the rest of a query.
var glueWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "with": true,
	"in": true, "on": true, "for": true, "to": true, "by": true, "grade": true, "grades": true,
}

// dropGlue removes connecting words and the words of the found facets' names ("grade",
// "remission", "treatment") from the free text.
func dropGlue(q string, words []Span, found []InterpretedFilter) []Span {
	names := map[string]bool{}
	for _, f := range found {
		for _, p := range strings.Split(f.Facet, "_") {
			names[p] = true
		}
	}
	var out []Span
	for _, w := range words {
		lw := strings.ToLower(q[w.Start:w.End])
		if glueWords[lw] || names[lw] || names[strings.TrimSuffix(lw, "s")] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// vocabEntry is a vocabulary term that [Interpret] matches against leftover words.
type vocabEntry struct {
	facet, value, rule string
	exact              string // non-empty: the form must match in this case
}

// vocabulary is the lookup from normalised term to the vocabulary entries of a rule set,
// and the single words its terms are made of (for spelling suggestions).
type vocabulary struct {
	terms map[string][]vocabEntry
	words map[string]bool
	pairs map[string]bool // two words that follow each other in a term ("cytokine release")
}

// newVocabulary builds the vocabulary lookup of rs: its emitted vocabulary terms and the
// values of the mention facets.
func newVocabulary(rs *classifier.RuleSet) *vocabulary {
	m := map[string][]vocabEntry{}
	add := func(form string, e vocabEntry) {
		k := normTerm(form)
		if len([]rune(k)) < 2 {
			return
		}
		for _, o := range m[k] {
			if o.facet == e.facet && o.value == e.value && o.exact == e.exact {
				return
			}
		}
		m[k] = append(m[k], e)
	}
	for _, v := range rs.Vocabularies {
		if !v.Emit || v.Facet == "" {
			continue
		}
		if _, ok := classifier.LookupFacet(v.Facet); !ok {
			continue
		}
		for _, g := range v.Terms {
			if g.Value == classifier.NoValue {
				continue
			}
			add(g.Value, vocabEntry{facet: v.Facet, value: g.Value, rule: "vocabulary"})
			for _, form := range g.Forms {
				e := vocabEntry{facet: v.Facet, value: g.Value, rule: "vocabulary"}
				if slices.Contains(v.ExactCase, form) {
					e.exact = form
				}
				add(form, e)
			}
		}
	}
	for _, f := range classifier.Facets() {
		if f.Kind != classifier.Mention {
			continue
		}
		for _, v := range f.Values {
			add(v, vocabEntry{facet: f.Name, value: v, rule: "vocabulary"})
		}
	}
	words, pairs := map[string]bool{}, map[string]bool{}
	for k := range m {
		ws := strings.Fields(k)
		for i := 1; i < len(ws); i++ {
			pairs[ws[i-1]+" "+ws[i]] = true
		}
		for _, w := range ws {
			if len([]rune(w)) >= 4 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
				words[w] = true
			}
		}
	}
	return &vocabulary{terms: m, words: words, pairs: pairs}
}

// Suggest returns q with each word of at least 5 letters that no vocabulary term is replaced
// by the vocabulary's nearest one-word term within 2 edits ("tocilizumb cytokin relase" →
// "tocilizumab cytokine release"), or "" when no word changes.
func (in *Interpreter) Suggest(q string) string {
	words := strings.Fields(q)
	cands := make([][]string, len(words)) // the nearest terms of each misspelt word
	for i, w := range words {
		norm := normTerm(w)
		if len([]rune(norm)) < 5 || strings.ContainsAny(norm, " 0123456789") || in.vocab.terms[norm] != nil || in.vocab.words[norm] {
			continue
		}
		bestD := 3
		for t := range in.vocab.words {
			switch d := editDistance(norm, t, 3); {
			case d < bestD:
				bestD, cands[i] = d, []string{t}
			case d == bestD && d <= 2:
				cands[i] = append(cands[i], t)
			}
		}
		slices.Sort(cands[i])
	}
	changed := false
	for i, cs := range cands {
		if len(cs) == 0 {
			continue
		}
		// Of equally near words, one that makes a vocabulary term with a neighbour
		// ("cytokine release", not "cytokine relapse").
		pick := cs[0]
		for _, c := range cs {
			prev, next := "", ""
			if i > 0 {
				prev = normTerm(words[i-1]) + " " + c
			}
			if i+1 < len(words) {
				n := normTerm(words[i+1])
				if len(cands[i+1]) > 0 {
					n = cands[i+1][0]
				}
				next = c + " " + n
			}
			if in.vocab.pairs[prev] || in.vocab.pairs[next] {
				pick = c
				break
			}
		}
		words[i], changed = pick, true
	}
	if !changed {
		return ""
	}
	return strings.Join(words, " ")
}

// editDistance is the edit distance of a and b with a swap of two neighbouring letters as
// one edit ("neutropneia"), or max when it is at least max.
func editDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= max || -d >= max {
		return max
	}
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[0] {
		rows[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur, prev, pp := rows[i%3], rows[(i+2)%3], rows[(i+1)%3] // rows i, i-1, i-2
		cur[0] = i
		low := i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
			low = min(low, cur[j])
		}
		if low >= max {
			return max
		}
	}
	return min(rows[len(ra)%3][len(rb)], max)
}

// syntaxField is a facet field in query-string syntax: an optional sign, the field, and a
// word or a quoted phrase.
var syntaxField = regexp.MustCompile(`(^|[\s(])([+-]?)([a-z_]+):("[^"]*"|[^\s()"]+)`)

// syntaxValues writes the facet values of a query in query-string syntax as the index holds
// them: "-disease:lupus" excludes the documents whose disease is SLE, the value "lupus" is
// tagged as. A value no vocabulary term names is left as written.
func (in *Interpreter) syntaxValues(q string) string {
	return syntaxField.ReplaceAllStringFunc(q, func(m string) string {
		g := syntaxField.FindStringSubmatch(m)
		lead, sign, field, val := g[1], g[2], g[3], g[4]
		f, ok := classifier.LookupFacet(field)
		if !ok {
			return m
		}
		raw := strings.Trim(val, `"`)
		for _, e := range in.vocab.terms[normTerm(raw)] {
			if e.facet == f.Name && (e.exact == "" || e.exact == raw) {
				if e.value == raw {
					return m
				}
				v := e.value
				if strings.ContainsAny(v, " \t") {
					v = `"` + v + `"`
				}
				return lead + sign + field + ":" + v
			}
		}
		return m
	})
}

// normTerm lower-cases a term and writes hyphens and dashes as spaces, single-spaced.
func normTerm(s string) string {
	s = strings.Map(func(r rune) rune {
		if isJoiner(r) && r != '/' {
			return ' '
		}
		return unicode.ToLower(r)
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// maxTermWords is the longest run of query words compared with vocabulary terms.
const maxTermWords = 6

// vocabularyFilters matches runs of leftover words (adjacent in the query, longest first)
// against the vocabulary and turns each match into a filter, with the status the context
// cues of the rule set give it in the query ("without neutropenia" is negated). It returns
// the words still left and the filters.
func (in *Interpreter) vocabularyFilters(q string, words []Span, found []InterpretedFilter) ([]Span, []InterpretedFilter) {
	var covered []Span
	statuses := map[string]classifier.ContextResult{}
	for i := 0; i < len(words); {
		n := in.matchRun(q, words[i:], &found, &covered, statuses)
		if n == 0 {
			n = 1
		}
		i += n
	}
	if len(covered) == 0 {
		return words, found
	}
	var rest []Span
	for _, w := range words {
		if !overlaps(w, covered) {
			rest = append(rest, w)
		}
	}
	return rest, found
}

// matchRun finds the longest vocabulary term at the start of words, records its filter and
// the spans it covers, and returns how many words it took (0 when none). statuses keeps the
// context status of each surface form already read: Context reads the whole query, and a
// query that repeats a term must not read it once per repeat.
func (in *Interpreter) matchRun(q string, words []Span, found *[]InterpretedFilter, covered *[]Span, statuses map[string]classifier.ContextResult) int {
	for n := min(maxTermWords, len(words)); n >= 1; n-- {
		run := words[:n]
		if !adjacent(q, run) {
			continue
		}
		span := Span{run[0].Start, run[n-1].End}
		surface := q[span.Start:span.End]
		for _, e := range in.vocab.terms[normTerm(surface)] {
			if e.exact != "" && e.exact != surface {
				continue
			}
			if _, graded := gradeFacets[e.facet]; graded {
				continue // a bare number is no grade
			}
			t := classifier.Tag{Facet: e.facet, Value: e.value, Status: classifier.Affirmed, Start: span.Start, End: span.End}
			ctx, seen := statuses[surface]
			if !seen {
				var err error
				if ctx, err = in.c.Context(q, surface); err != nil {
					ctx = classifier.ContextResult{Status: classifier.Affirmed}
				}
				statuses[surface] = ctx
			}
			t.Status, t.Cue = ctx.Status, ctx.Cue
			if t.Status == classifier.Negated && e.facet == "adverse_event" {
				t.DeniedGrade = ctx.Grade // "no life-threatening neutropenia": those grades only
			}
			f, ok := tagFilter(t)
			if !ok {
				continue
			}
			text := surface
			*covered = append(*covered, span)
			if t.Status == classifier.Negated && t.Cue != "" {
				if i := lastIndexFold(q[:span.Start], t.Cue); i >= 0 {
					*covered = append(*covered, Span{i, i + len(t.Cue)})
					text = q[i:span.End]
					if sp, ok := in.gradeSpan(q, span.Start, span.End); ok && t.DeniedGrade != "" {
						*covered = append(*covered, sp)
					}
				}
			}
			*found = append(*found, InterpretedFilter{Filter: f, Text: text, Rule: e.rule})
			return n
		}
	}
	return 0
}

// adjacent reports whether the words of run follow each other in q with only spaces and
// hyphens between them.
func adjacent(q string, run []Span) bool {
	for k := 1; k < len(run); k++ {
		between := q[run[k-1].End:run[k].Start]
		if strings.TrimFunc(between, func(r rune) bool { return r == ' ' || r == '\t' || isJoiner(r) }) != "" {
			return false
		}
	}
	return true
}
