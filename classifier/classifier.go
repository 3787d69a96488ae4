package classifier

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trialtag/trialtag/corpus"
)

// defaultScope is how many words a cue reaches when its group names no scope.
const defaultScope = 10

// Tag is one fact found in a sentence.
type Tag struct {
	Facet  string `json:"facet"`
	Value  string `json:"value"`
	Status string `json:"status"`
	// Cue is the text of the cue that made the tag negated or hypothetical ("no", "was not
	// observed"), or "section: methods" when the section did.
	Cue string `json:"cue,omitempty"`
	// Start and End are byte offsets into the document text, End exclusive.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Rule is the id of the rule that made the tag.
	Rule    string         `json:"rule"`
	Section corpus.Section `json:"section"`
	// Incidence is how many patients had it, when the text says so next to it (outcome
	// tags only).
	Incidence *Incidence `json:"incidence,omitempty"`
	// DeniedGrade is, for a negated adverse event, the grades its denial is limited to, as
	// grade values are written ("3+" for "no grade ≥3 infections", "5" for "no fatal
	// infections"): empty for a denial of the event itself (see [Tag.DeniesValue]).
	DeniedGrade string `json:"denied_grade,omitempty"`
}

// match is a tag while the engine works on it: the tag, and what the engine knows of how it
// was found. Only the Tag leaves the engine.
type match struct {
	Tag
	cueRule      string // the id of the cue group (or section rule) that decided the status
	noCount      bool   // that cue group negates without saying no patient had it (no_count)
	ustart, uend int    // units of the tag's span
	// bstart, bend are the units a count binds to: the span, or in a list of grades the item
	// of its own grade ("grade 1, n = 12; grade 2, n = 5").
	bstart, bend int
	// gstart is where the grade of a grade rule starts when it stands after the event ("CRS
	// occurred, and 10 patients had grade 1"), else -1: a count before it binds there.
	gstart       int
	mstart, mend int // units of the whole match
	qualifies    []string
	near         *Condition // the rule's condition, when it asks for terms nearby
	chained      bool
	sstart, send int       // units the tag's status is judged on: the grade of a grade rule, else its span
	cellGrade    []string  // the grade of the table column whose cell an adverse event's tag stands before (CellColumnRule)
	cellGroup    int       // the group (1, 2, …) of that column, under a header that repeats its columns for each group
	column       int       // the table column whose header named the tag's event (EventColumnRule), 1 for the first after the label; 0 elsewhere
	pattern      *Pattern  // the pattern rule that made the tag, if any
	caps         []capture // what its elements matched
}

// Sentence is a sentence with its tags.
type Sentence struct {
	corpus.Sentence
	Tags []Tag `json:"tags"`
}

// DocumentJSON is the JSON of a tagged document: what `trialtag tag --format jsonl` prints
// one per line and POST /api/tag returns, and the head of the index's stored document.
type DocumentJSON struct {
	ID        string              `json:"id"`
	Title     string              `json:"title"`
	Source    string              `json:"source"`
	Facets    map[string][]string `json:"facets"`
	Sentences []Sentence          `json:"sentences"`
	// Meta is what the record says about itself: date, journal, publication types, ids.
	Meta *corpus.Meta `json:"meta,omitempty"`
	// Kind is the kind of document its loader knows it to be ("registry").
	Kind string `json:"kind,omitempty"`
}

// JSON returns the document's JSON: empty facets and tags are {} and [], never null.
func (r *Result) JSON() DocumentJSON {
	d := DocumentJSON{ID: r.Document.ID, Title: r.Document.Title, Source: r.Document.Source, Facets: r.Facets,
		Sentences: r.Sentences, Meta: r.Document.Meta, Kind: r.Document.Kind}
	if d.Facets == nil {
		d.Facets = map[string][]string{}
	}
	if d.Sentences == nil {
		d.Sentences = []Sentence{}
	}
	cloned := false // the result's own sentences are never changed
	for i := range d.Sentences {
		if d.Sentences[i].Tags == nil {
			if !cloned {
				d.Sentences, cloned = slices.Clone(d.Sentences), true
			}
			d.Sentences[i].Tags = []Tag{}
		}
	}
	return d
}

// Result is a tagged document.
type Result struct {
	Document  *corpus.Document
	Sentences []Sentence
	// Facets maps each facet with at least one value to its sorted values (TAGS.md).
	Facets map[string][]string
}

// run is the engine's record of tagging one document, for Explain and the rule examples:
// each sentence's working state with its matches, the matches exclude cues removed (with
// the cue in cueRule), and the ids of every cue group found.
type run struct {
	states   []*sentenceState
	excluded []match
	cueHits  []string
	// docRules are the document rules the document falls under, each with what made it.
	docRules []docKind
	// kind is the kind of document its loader knows it to be (corpus.KindRegistry), or "".
	kind string
	// openingMarked: markOpening has run (it runs when a status first needs it).
	openingMarked bool
	// text is the document's text; lean is set for a document over leanBytes, whose
	// sentences hold their units only while they are worked on (see ensureUnits).
	text string
	lean bool
	// docClasses are the classes of the terms that stand in the document (after the
	// vocabularies' own document conditions), for rules with document conditions.
	docClasses map[string]bool
	// headings holds, for each sentence, the heading it stands under (headingsOver), read
	// when a rule first asks; sentences under one heading share it.
	headings []*heading
}

// defaultLeanBytes is the size above which a document is tagged lean: each sentence's units
// are made when it is worked on and dropped after, so that peak memory follows the sentence,
// not the document. Tags are the same either way; only the time differs (units are cut
// twice).
const defaultLeanBytes = 1 << 20

// tagDocumentWhole tags a document never lean, whatever its size, so that every sentence
// keeps its working state: what explaining a sentence and judging a phrase's context read.
func (c *Classifier) tagDocumentWhole(doc *corpus.Document, sents []corpus.Sentence) (*Result, *run) {
	whole := *c // the same compiled rules
	whole.leanBytes = math.MaxInt
	return whole.tagDocument(doc, sents)
}

// ensureUnits gives a sentence its units again in a lean run.
func (c *Classifier) ensureUnits(rn *run, st *sentenceState) {
	if st.units == nil && !st.skip {
		st.units = c.units(rn.text, *st.sent)
		wordPercents(st)
	}
}

// withUnits runs fn with the sentence's units, given back for it in a lean run and
// dropped again after: what reads a sentence after its own tagging (the opening and the
// methods of a text without headings, markOpening) reads its signals and their words as
// that tagging did.
func (c *Classifier) withUnits(rn *run, st *sentenceState, fn func()) {
	lean := st.units == nil
	c.ensureUnits(rn, st)
	fn()
	if lean {
		rn.release(st)
	}
}

// composeHundreds joins numbers in words around "hundred" into one number, as a sentence
// that opens with its count spells it out: "One hundred sixteen patients", "two hundred and
// five", "one hundred". The vocabulary names the numbers below a hundred; the hundreds are
// their composition, not more words to list.
func composeHundreds(us []unit, nums []hit) []hit {
	out := nums[:0]
	for i := 0; i < len(nums); i++ {
		h := nums[i]
		n, err := strconv.Atoi(h.value)
		if err != nil || n < 1 || n > 9 || h.end >= len(us) || us[h.end].norm != "hundred" {
			out = append(out, h)
			continue
		}
		total, end := n*100, h.end+1
		next := end
		if next < len(us) && us[next].norm == "and" {
			next++
		}
		if i+1 < len(nums) && nums[i+1].start == next {
			if m, err := strconv.Atoi(nums[i+1].value); err == nil && m >= 1 && m <= 99 {
				total, end = total+m, nums[i+1].end
				i++
			}
		}
		h.value, h.end = strconv.Itoa(total), end
		out = append(out, h)
	}
	return out
}

// wordPercents makes "percent" after a number in words a percent sign, as it is after
// digits ("seventy percent of patients" as "70 percent"): numbers in words are vocabulary,
// found after the units are cut.
func wordPercents(st *sentenceState) {
	for _, h := range st.numbers {
		if h.end < len(st.units) && st.units[h.end].norm == "percent" {
			st.units[h.end].norm, st.units[h.end].word = "%", false
		}
	}
}

// release drops a sentence's units in a lean run, once nothing needs them.
func (rn *run) release(st *sentenceState) {
	if rn.lean {
		st.units = nil
	}
}

// docKind is a document rule a document falls under, and why: "publication type Review",
// "kind registry", or the phrase found.
type docKind struct {
	rule *DocumentRule
	why  string
}

// Classifier tags documents with a compiled rule set. It is safe for concurrent use.
type Classifier struct {
	rs        *RuleSet
	sp        *corpus.Splitter
	root      *trieNode
	patterns  []*compiledPattern
	sections  []*SectionRule
	signals   []compiledSignal
	incidence []compiledIncidence
	cuePats   []cuePattern
	noCount   map[string]bool // ids of the negation cue groups whose tags get no zero count

	proseUnits bool
	leanBytes  int // documents over this size are tagged lean (defaultLeanBytes)

	// openingNamed and methodsNamed: a section rule names SectionOpening, or
	// SectionUnheadedMethods, so markOpening reads them; openingWhole is the largest
	// WholeText of the rules of openings. Read from the rules once, at New.
	openingNamed, methodsNamed bool
	openingWhole               int
	// headingNamed: the classes a rule's heading condition reads (Heading, HeadingLacks),
	// by which a pmc label's part names its section (labelHeading). Read once, at New.
	headingNamed map[string]bool
}

// compiledIncidence is an incidence rule with its pattern in the form the matcher runs.
type compiledIncidence struct {
	*IncidenceRule
	p    *Pattern
	need [][]string // classes a sentence must hold for the pattern to match (classNeeds)
}

// cuePattern is one of a cue group's patterns (CueGroup.Patterns) in the form the matcher
// runs.
type cuePattern struct {
	cg   *CueGroup
	p    *Pattern
	need [][]string
	// capital: the pattern reads a name with a capital ("[A-Z]" in a regexp), so a sentence
	// with no word capitalised past its first letter (innerCapital) is passed over
	capital bool
}

// patternCues returns the cues the cue groups' patterns find in a sentence, as hits like
// those of their phrases. Each match is a term entry of its own, its norms the words from
// the pattern's first /regexp/ to its last before any ">>" (the cue's name, "checkmate
// 067", for UnlessInTitle) or else all it matched. A name that starts on one of the
// vocabulary terms found in the sentence (a study's part, "COHORT 2") is none; a pattern of
// plain words names nothing, so it may open on a term's word ("were not graded" after
// "infections", whose "were" heads a list of kinds).
func (c *Classifier) patternCues(st *sentenceState, terms []hit) []hit {
	if len(c.cuePats) == 0 {
		return nil
	}
	capital := slices.ContainsFunc(st.units, innerCapital) // the names most patterns read have one
	var out []hit
	var cp *cuePattern
	emit := func(start, end int, caps []capture) {
		from, to := -1, end
		for _, cap := range caps {
			if cap.name == matchCapture && cap.start < end { // (words after ">>" follow the cue, no part of its name)
				if from < 0 {
					from = cap.start
				}
				to = cap.end
			}
		}
		named := from >= 0 // a /regexp/ read a name; a pattern of plain words names nothing
		if from < 0 {
			from = start
		}
		if named && slices.ContainsFunc(terms, func(h hit) bool { return h.entry.vocab != nil && h.start <= from && from < h.end }) {
			return // a term is no name: "In COHORT 2,", "In PART 2,"
		}
		e := &termEntry{cue: cp.cg, value: cp.cg.Category, form: textOf(st, start, end), group: "cue", pattern: true}
		for _, u := range st.units[from:to] {
			e.norms = append(e.norms, u.norm)
		}
		out = append(out, hit{entry: e, class: "cue", value: cp.cg.Category, start: start, end: end})
	}
	m := patternMatcher{s: st}
	for i := range c.cuePats {
		cp = &c.cuePats[i]
		if (capital || !cp.capital) && st.hasAll(cp.need) {
			m.p = cp.p
			m.run(emit)
		}
	}
	return out
}

// withPatternCues adds the cue patterns' cues to the phrase cues of a sentence. As within the
// phrases (findTerms: the longest at a start), a pattern's cue that starts where a phrase's
// does and runs longer stands for both: "should be studied further" (the field's later work)
// is no "should be studied" (a protocol's instruction) as well. A pattern cue that gives a
// status (negated, hypothetical, generic) also stands for a phrase cue of another group that
// it holds whole: "trials are needed to establish whether" is no "to establish whether" (this
// study's aim). A phrase of the pattern's own group stays ("in ZUMA-1" holds the name the
// phrase reads), and so does a terminator or pseudo-cue phrase, which limits other cues and
// gives no status ("attributed to" ends a reach whatever pattern starts with it). A
// terminator or pseudo-cue pattern drops no phrase but one that starts where it does.
func (c *Classifier) withPatternCues(st *sentenceState, cues, terms []hit) []hit {
	pats := c.patternCues(st, terms)
	if len(pats) == 0 {
		return cues
	}
	cues = slices.DeleteFunc(cues, func(h hit) bool {
		if cat := h.entry.cue.Category; cat == CueTerminator || cat == CuePseudo {
			return false
		}
		return slices.ContainsFunc(pats, func(p hit) bool {
			if p.start == h.start && p.end > h.end {
				return true
			}
			switch p.entry.cue.Category {
			case CueNegated, CueHypothetical, CueGeneric:
				return p.start <= h.start && h.end <= p.end && p.end-p.start > h.end-h.start && p.entry.cue != h.entry.cue
			}
			return false
		})
	})
	return append(cues, pats...)
}

// readsCapital reports whether a cue pattern's source asks for a capital letter ("[A-Z]" in
// one of its regexps), as the names of trials it reads have: such a pattern is worth running
// only in a sentence with a word capitalised past its first letter (innerCapital).
func readsCapital(src string) bool { return strings.Contains(src, "[A-Z]") }

// innerCapital reports whether a unit is written with a capital past its first letter
// ("GiACTA", "KEYNOTE"), as the names cue patterns read are: a sentence with no such word
// is passed over without running the patterns.
func innerCapital(u unit) bool {
	for i := 1; i < len(u.cased); i++ {
		if b := u.cased[i]; b >= 'A' && b <= 'Z' {
			return true
		}
	}
	return false
}

// ownedNames returns, for a document where a cue pattern found a name, the words of its
// title (a word the title sets against its own left out, comparedInTitle: "… versus the
// SolarIS trial" names another trial) and the names its own sentences write (ownsNames,
// nameWords). A lean run's released units are read again: this is rare work, done only
// where a pattern found a cue.
func (c *Classifier) ownedNames(doc *corpus.Document, sents []corpus.Sentence, states []*sentenceState) ([]string, map[string]bool) {
	var title []string
	var own map[string]bool
	for i, st := range states {
		if st.skip {
			continue
		}
		us := st.units
		if us == nil {
			us = c.units(doc.Text, sents[i])
		}
		if sents[i].Section == corpus.SectionTitle {
			for k, u := range us {
				if comparedInTitle(us, k) || k > 0 && us[k-1].norm == "the" && comparedInTitle(us, k-1) {
					u.norm = ""
				}
				title = append(title, u.norm)
			}
			continue
		}
		if ownsNames(sents[i].Section, us) {
			own = nameWords(us, own)
		}
	}
	return title, own
}

// ownsNames reports whether a sentence of section sec, its units us, speaks of the report's
// own study, so that a name in it is the study's own: it stands in a Methods or Objectives
// section ("The ARIES trial randomised 300 adults"), or it says "we", "our" or "this" ("In
// the ARIES trial, we …").
func ownsNames(sec corpus.Section, us []unit) bool {
	switch sec {
	case corpus.SectionMethods, corpus.SectionObjectives:
		return true
	}
	return slices.ContainsFunc(us, func(u unit) bool { return ownWords[u.norm] })
}

// ownWords are the words by which a sentence names the report's own study.
var ownWords = map[string]bool{"we": true, "our": true, "this": true, "present": true}

// nameWords adds to names the words of units written with two capitals or more ("ARIES",
// "GiACTA"): the names a cue pattern may read.
func nameWords(us []unit, names map[string]bool) map[string]bool {
	for _, u := range us {
		caps := 0
		for _, r := range u.cased {
			if unicode.IsUpper(r) {
				caps++
			}
		}
		if caps >= 2 {
			if names == nil {
				names = map[string]bool{}
			}
			names[u.norm] = true
		}
	}
	return names
}

// containsRun reports whether the words run stand in words, one after another.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// compiledSignal is a signal with its pattern in the form the pattern matcher runs.
type compiledSignal struct {
	*Signal
	p    *Pattern
	need [][]string // classes a sentence must hold for the pattern to match (classNeeds)
	lazy bool       // of a lazy category (lazySignals): run only when a document rule asks
}

// classNeeds lists, for each class element a pattern cannot do without, the classes one of
// which a sentence must hold for the pattern to match there: a sentence that lacks one is
// passed over without running the pattern.
func classNeeds(elems []elem) [][]string {
	var need [][]string
	for _, e := range elems {
		if e.kind == elemClass && !e.optional {
			need = append(need, e.classes)
		}
	}
	return need
}

// appliesIn reports whether the signal is evidence in a section (not one of its
// except_sections).
func (sg *compiledSignal) appliesIn(sec corpus.Section) bool {
	return !containsStr(sg.ExceptSections, string(sec))
}

// fits reports whether a match of the signal over the units [start, end) is one: an
// opening signal's match opens its sentence or follows a colon ("Brief Summary: Interim
// results: …"); a superscript signal's match has no space in it, and what follows it to
// the end of the sentence is more of the marker, written on ("-14" of "12-14"), or a full
// stop.
func (sg *compiledSignal) fits(st *sentenceState, start, end int) bool {
	if sg.Opening && !opensSentence(st.units, start) && !opensAfterColon(st.units, start) {
		return false
	}
	if !sg.Superscript {
		return true
	}
	for u := start + 1; u < len(st.units); u++ {
		if u >= end && !superscriptTail(st.units[u].norm) || st.units[u].space {
			return false
		}
	}
	return true
}

// superscriptTail reports whether a unit may go on a superscript reference marker: a
// number, a range's dash, a comma or the full stop.
func superscriptTail(n string) bool {
	return isNumber(n) || n == "-" || n == "–" || n == "," || n == "."
}

type compiledPattern struct {
	*Pattern
	need [][]string // each inner list: one of these classes must occur in the sentence
}

// New compiles a rule set into a Classifier that splits text with sp.
func New(rs *RuleSet, sp *corpus.Splitter) (*Classifier, error) {
	if rs == nil || sp == nil {
		return nil, fmt.Errorf("classifier.New: rule set and splitter are required")
	}
	c := &Classifier{rs: rs, sp: sp, root: &trieNode{}, sections: rs.Sections, leanBytes: defaultLeanBytes}
	for _, sr := range rs.Sections {
		if containsStr(sr.Sections, SectionOpening) {
			c.openingNamed = true
			c.openingWhole = max(c.openingWhole, sr.WholeText)
		}
		c.methodsNamed = c.methodsNamed || containsStr(sr.Sections, SectionUnheadedMethods)
	}
	c.headingNamed = map[string]bool{}
	conds := make([]Condition, 0, len(rs.Vocabularies)+len(rs.Patterns))
	for _, v := range rs.Vocabularies {
		conds = append(conds, v.When)
	}
	for _, p := range rs.Patterns {
		conds = append(conds, p.When)
	}
	for _, w := range conds {
		for _, cl := range slices.Concat(w.Heading, w.HeadingLacks) {
			c.headingNamed[cl] = true
		}
	}
	for _, v := range rs.Vocabularies {
		exact := map[string]bool{}
		for _, f := range v.ExactCase {
			exact[f] = true
		}
		group := v.Facet
		if group == "" || !v.Emit {
			group = "class:" + v.Class
		}
		for _, g := range v.Terms {
			for _, form := range g.Forms {
				us := phraseUnits(form)
				if len(us) == 0 {
					continue
				}
				e := &termEntry{vocab: v, value: g.Value, form: form, group: group}
				for _, u := range us {
					e.norms = append(e.norms, u.norm)
					if exact[form] {
						e.cased = append(e.cased, u.cased)
					}
				}
				c.root.add(e)
			}
		}
	}
	for _, cg := range rs.Cues {
		for _, ph := range cg.Phrases {
			us := phraseUnits(ph)
			if len(us) == 0 {
				continue
			}
			group := "cue"
			if cg.Category == CuePseudo {
				group = "cue.pseudo" // found on their own, then they silence the cues they overlap
			}
			e := &termEntry{cue: cg, value: cg.Category, form: ph, group: group}
			for _, u := range us {
				e.norms = append(e.norms, u.norm)
			}
			c.root.add(e)
		}
	}
	for _, d := range rs.Documents {
		for k, ph := range slices.Concat(d.Phrases, d.TitlePhrases) {
			us := phraseUnits(ph)
			if len(us) == 0 {
				continue
			}
			e := &termEntry{doc: d, value: d.Category, form: ph, group: "doc", titleOnly: k >= len(d.Phrases)}
			for _, u := range us {
				e.norms = append(e.norms, u.norm)
			}
			c.root.add(e)
		}
	}
	for _, cg := range rs.Cues {
		if cg.NoCount {
			if c.noCount == nil {
				c.noCount = map[string]bool{}
			}
			c.noCount[cg.ID] = true
		}
	}
	for _, r := range rs.Incidence {
		c.incidence = append(c.incidence, compiledIncidence{IncidenceRule: r, p: &Pattern{ID: r.ID, Source: r.Source, elems: r.elems, barWords: r.barWords, barClass: r.barClass}, need: classNeeds(r.elems)})
	}
	for _, cg := range rs.Cues {
		for i, elems := range cg.patternElems {
			c.cuePats = append(c.cuePats, cuePattern{cg: cg, p: &Pattern{ID: cg.ID, Source: cg.Patterns[i], elems: elems}, need: classNeeds(elems),
				capital: readsCapital(cg.Patterns[i])})
		}
	}
	for _, sg := range rs.Signals {
		c.signals = append(c.signals, compiledSignal{Signal: sg, p: &Pattern{ID: sg.ID, Source: sg.Source, elems: sg.elems},
			need: classNeeds(sg.elems), lazy: slices.Contains(lazySignals, sg.Category)})
	}
	for _, p := range rs.Patterns {
		c.patterns = append(c.patterns, &compiledPattern{Pattern: p, need: classNeeds(p.elems)})
	}
	return c, nil
}

// units splits a sentence into the units rules match, straight from the sentence text. Units
// are finer than prose's tokens and cut at the same places, so deriving them from prose
// tokens (proseUnits, used by a test that checks this claim) gives the same units at twice
// the cost: see ARCHITECTURE.md.
func (c *Classifier) units(text string, sent corpus.Sentence) []unit {
	if c.proseUnits {
		return c.splitGluedTerms(sentenceUnits(text, c.sp.Tokens(sent)))
	}
	return c.splitGluedTerms(finishUnits(appendUnits(make([]unit, 0, len(sent.Text)/5+4), sent.Text, sent.Start, true)))
}

// splitGluedTerms splits a word in capitals that a table's row label glued to its first
// cell's count, before a bracketed number ("ICANS2 (16.7)", "CRS9 (75.0)"), into the label
// and the count, where the capitals alone are an outcome's term: splitGluedCounts leaves
// capitals and digits whole, as codes ("CD19", "JCAR017") are written so.
func (c *Classifier) splitGluedTerms(us []unit) []unit {
	glued := false // most sentences hold none: a quick look before the split's own pass
	for i := 0; i+1 < len(us) && !glued; i++ {
		if cs := us[i].cased; len(cs) > 3 && cs[0] >= 'A' && cs[0] <= 'Z' && cs[len(cs)-1] >= '0' && cs[len(cs)-1] <= '9' && us[i+1].norm == "(" {
			glued = true
		}
	}
	if !glued {
		return us
	}
	return splitUnits(us, func(i int) int {
		if i+2 < len(us) && us[i+1].norm == "(" && isNumber(us[i+2].norm) {
			if k := gluedCapsAt(us[i].cased); k > 0 && c.outcomeWord(lower(us[i].cased[:k])) {
				return k
			}
		}
		return 0
	})
}

// gluedCapsAt returns where the digits start in a word of three or more capitals that a count
// ends ("ICANS2", "CRS15"), or 0; a count that opens with a 0 is a code's ("JCAR017").
func gluedCapsAt(s string) int {
	k := 0
	for k < len(s) && 'A' <= s[k] && s[k] <= 'Z' {
		k++
	}
	if k < 3 || k == len(s) || s[k] == '0' && len(s) > k+1 {
		return 0
	}
	for j := k; j < len(s); j++ {
		if s[j] < '0' || s[j] > '9' {
			return 0
		}
	}
	return k
}

// outcomeWord reports whether a word alone is a term of an outcome facet ("icans", "crs").
func (c *Classifier) outcomeWord(w string) bool {
	if c.root == nil {
		return false
	}
	nx := c.root.next[w]
	if nx == nil {
		return false
	}
	for _, e := range nx.entries {
		if e.vocab != nil && e.vocab.Emit && isOutcome(e.vocab.Facet) {
			return true
		}
	}
	return false
}

// RuleSet returns the rules the classifier was compiled from.
func (c *Classifier) RuleSet() *RuleSet { return c.rs }

// Splitter returns the splitter the classifier uses.
func (c *Classifier) Splitter() *corpus.Splitter { return c.sp }

// sentenceState is the working state of one sentence.
type sentenceState struct {
	sent *corpus.Sentence // in the sentences being tagged
	// skip: the sentence is furniture and is not worked on; else units holds its units
	// (dropped between uses in a lean run).
	skip  bool
	units []unit
	hits  []hit // sorted by start
	// entryEnd is where the sentence's opening clause of the state at entry ends (atEntryEnd),
	// set once by the incidence binder before its counts are bound.
	entryEnd int
	numbers  []hit // numbers in words, sorted by start (for incidence rules)
	cues     []hit
	classes  map[string]bool
	grades   []*gradeCap
	graded   []bool
	matches  []match // the sentence's tags as the engine found them

	signalsFound bool // signals holds what the signals found (they run once, when asked)
	// eventHits are the event rules' matches (runIncidence), once run: the binder and the
	// population statements both read them.
	eventHits        []incidenceHit
	eventHitsRun     bool
	observed, remote *signalHit // the first observed and the first generic signal, or nil
	// listVerdict is what the sentence, ending with a colon, gives the items of the list it
	// leads (listLead), once read (listRead).
	listVerdict  *verdict
	listRead     bool
	clauseRemote []*signalHit    // every hit of a generic signal that speaks for its clause
	study        bool            // a study signal was found
	recordStudy  bool            // a record-study signal was found (it counts in a registry record only)
	lazy         map[string]bool // the lazy signal categories run so far: whether each matched
	opening      bool            // the sentence opens a text without headings (SectionOpening)
	// unheadedMethods: the sentence tells the design of a text without headings, after its
	// opening or from its aim, and before its first result (SectionUnheadedMethods).
	unheadedMethods bool
	// shape is what kind of table row the sentence is, read once (see tableShape).
	shape rowShape
	// header is the header block over a table row (headerBlock), read once per table: a
	// row's block is the one of the row above it.
	header     []unit
	headerRead bool
	// caption is the grade the caption over a table row names for all rows
	// (captionAboveGrade), read once per row.
	caption     []string
	captionRead bool
	// cellArms: the sentence is a row without bars whose cells side by side are groups'
	// counts, no header of grades over it (set by the incidence binder).
	cellArms bool
	// cellRows: the sentence is rows without bars that ran together, each read under a
	// header of grades (cellColumnTags): rules of a table row's cells read it as a row.
	cellRows bool
}

// signalHit is a signal found in a sentence, with the units it matched (sig is nil for an
// observed signal found apart from a generic one: only that one stands there counts).
type signalHit struct {
	sig        *Signal
	start, end int
}

// colonOpensCount reports whether unit k is a colon that opens a clause whose subject is a
// count of patients: a number right after the colon and, before any comma, semicolon or
// colon, a verb of what befell them ("Four were not infused: two died of sepsis", "no adult
// had grade 3 ICANS: 3 (10%) had grade 2", "…: 2 patients with CRS received dexamethasone"),
// or deaths it breaks down by cause ("five died without progression: three of infection"):
// a denial or a plan before the colon does not reach that clause's events. A list after a
// colon, numbered or not ("none of the following: 1) CRS, 2) ICANS", "none of these: 3
// types of infection or ICANS", "…: 2 episodes of CRS that required tocilizumab"), is still
// in reach.
func (s *sentenceState) colonOpensCount(k int) bool {
	if s.units[k].norm != ":" || !s.numberAt(k+1) {
		return false
	}
	if k+2 < len(s.units) && (s.units[k+2].norm == "of" || s.units[k+2].norm == "from") {
		return true // "three of infection"
	}
	for j := k + 2; j < len(s.units) && j <= k+8; j++ {
		switch u := s.units[j].norm; {
		case u == "," || u == ";" || u == ":" || u == ")" && j == k+2:
			return false // "1) CRS, 2) ICANS": an item's number
		case u == "that" || u == "which" || u == "who" || u == "whom":
			return false // "none of these: 2 episodes of CRS that required tocilizumab": a listed kind's own clause
		case clauseVerbs[u]:
			return true
		}
	}
	return false
}

// numberAt reports whether unit i is a number, in digits ("6", "1,036") or in words ("six"),
// as a pattern's {number} element does (elemNumber).
func (s *sentenceState) numberAt(i int) bool {
	if i >= len(s.units) {
		return false
	}
	u := s.units[i].norm
	return isNumeral(u) || isThousands(u) || len(s.numbersAt(i)) > 0
}

// numbersAt returns the numbers in words ("three") that start at unit i.
func (s *sentenceState) numbersAt(i int) []hit {
	for k, h := range s.numbers {
		if h.start == i {
			return s.numbers[k : k+1]
		}
	}
	return nil
}

func (s *sentenceState) hitsAt(i int) []hit {
	lo := sort.Search(len(s.hits), func(k int) bool { return s.hits[k].start >= i })
	hi := lo
	for hi < len(s.hits) && s.hits[hi].start == i {
		hi++
	}
	return s.hits[lo:hi]
}

func (s *sentenceState) gradeAt(i int) (gradeCap, bool) {
	if i >= len(s.units) {
		return gradeCap{}, false
	}
	if s.grades == nil {
		s.grades = make([]*gradeCap, len(s.units))
		s.graded = make([]bool, len(s.units))
	}
	if !s.graded[i] {
		s.graded[i] = true
		if g, ok := parseGrade(s.units, i); ok {
			s.grades[i] = &g
		}
	}
	if g := s.grades[i]; g != nil {
		return *g, true
	}
	return gradeCap{}, false
}

// CodeCapture is the pattern capture {code}: a code name as written ("XK-19").
const CodeCapture = "code"

// NotCodeClass is the vocabulary class of the words a {code} never is though they mix
// letters and digits ("4-1BB", "IL-6", "COVID-19").
const NotCodeClass = "product.not_code"

// CodeWordClass is the vocabulary class of the words that may stand beside a target
// antigen in a word that names no product ("anti-CD19", "CD19-CAR", "BCMA-targeted"), and
// that end no code ("4SCAR-GD2-modified").
const CodeWordClass = "product.code_word"

// notCode are code-shaped words that name no product: a CAR by its target ("CART-33",
// "CAR19T", "CD19CART"), a registry id ("NCT06311223", "ChiCTR2100048888").
var notCode = regexp.MustCompile(`(?i)^((cd\d+|bcma|gd2|her2)?cart?-?t?\d*t?|(nct|chictr|isrctn|eudract|ctri|jrct|actrn)-?\d.*)$`)

// codeAt reads a code name starting at unit i: the units joined by hyphens or nothing,
// holding a letter and a digit, that no known product or NotCodeClass term covers whole,
// and that are not target antigens and NotCodeClass terms with CodeWordClass terms around
// them. It returns the code as written (dashes as hyphens) and the unit after it.
func (s *sentenceState) codeAt(i int) (string, int, bool) {
	us := s.units
	if i >= len(us) || !us[i].word || i > 0 && !us[i].space && us[i].start-us[i-1].end <= 1 && us[i-1].word {
		return "", 0, false // not the start of a word ("19" in "XK-19")
	}
	j := i + 1
	for j < len(us) && us[j].word && !us[j].space && us[j].start-us[j-1].end <= 1 {
		j++
	}
	codeWord := func(u int) bool { return s.hasClassAt(u, CodeWordClass) }
	for j-1 > i && codeWord(j-1) { // "4SCAR-GD2-modified": the code ends before the word
		j--
	}
	letter, digit := false, false
	for k := i; k < j; k++ {
		for _, r := range us[k].norm {
			letter = letter || unicode.IsLetter(r)
			digit = digit || unicode.IsDigit(r)
		}
	}
	if !letter || !digit { // most words: no code, and no string built
		return "", 0, false
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if k > i && us[k].start > us[k-1].end {
			b.WriteByte('-')
		}
		b.WriteString(us[k].cased)
	}
	// A code holds two letters in a row ("XK-19", "4SCAR-GD2"): a dose ("1-5x10e7") does not.
	if b.Len() < 3 || !twoLetters(b.String()) || notCode.MatchString(b.String()) {
		return "", 0, false
	}
	inside := make([]bool, j-i) // units an antigen covers
	for _, h := range s.hits {
		if h.start >= j || h.end <= i {
			continue
		}
		switch {
		case h.class == "antigen" || h.class == NotCodeClass && (h.start > i || h.end < j):
			for u := max(h.start, i); u < min(h.end, j); u++ {
				inside[u-i] = true
			}
		case h.class == "product" || h.class == NotCodeClass || h.class == "trial_id" || h.class == "disease":
			return "", 0, false // a name the vocabularies know, or no code
		}
	}
	if slices.Contains(inside, true) {
		rest := false
		for k := i; k < j; k++ {
			rest = rest || !inside[k-i] && !codeWord(k)
		}
		if !rest {
			return "", 0, false // "anti-CD19", "CD19-CAR", "CD19-4-1BB"
		}
	}
	return b.String(), j, true
}

// twoLetters reports whether s holds two letters in a row.
func twoLetters(s string) bool {
	prev := false
	for _, r := range s {
		l := unicode.IsLetter(r)
		if l && prev {
			return true
		}
		prev = l
	}
	return false
}

// listSkip are the words that may stand between the items of a list of grades:
// "grade 1, n = 6; grade 2, n = 3", "grade 1 (4 patients) and grade 2 (1 patient)",
// "grade 1 in 47% of the cohort and grade 2 in 22%",
// "grade 1 (48% of patients), with grade 2 in 19%", "3 instances being grade 1 and 1 being
// grade 3", "grade 1 in 20 and grade 2 in 6, and reached grade 3 in two". A verb ("grade 2
// developed in 4, and grade 3 …") starts a clause of its own; "reached", whose object is the
// next grade, does not. Words that set cases apart (class count.except: "apart from", "with
// the exception of") go on with the list too: "all grade 1 apart from one grade 2 event".
var listSkip = map[string]bool{
	",": true, ";": true, "(": true, ")": true, "n": true, "=": true, "%": true, ":": true,
	"patients": true, "patient": true, "pts": true, "cases": true, "case": true, "in": true,
	"and": true, "or": true, "of": true, "events": true, "each": true, "respectively": true,
	"subjects": true, "participants": true, "adults": true, "children": true, "recipients": true, "one": true, "two": true, "three": true, "four": true,
	"five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "the": true, "remaining": true, "others": true, "other": true,
	"except": true, "for": true, "with": true, "being": true, "were": true, "was": true,
	"instances": true, "instance": true, "episodes": true, "episode": true, "event": true,
	"/": true, "at": true, "cohort": true, "population": true, "reached": true,
}

// listGappedVerbs are the verbs of an item of a list of grades that the next item, written
// without a verb of its own, shares: "grade 1 occurred in 80% (n = 16) and grade 3 in
// 10% (n = 2)".
var listGappedVerbs = map[string]bool{"occurred": true, "developed": true, "arose": true, "observed": true, "seen": true,
	"reported": true, "noted": true, "affected": true}

// listGap is the most units that may stand between two grades of a list: enough for an
// item's share and fraction, "grade 2 developed in 40% (n = 8/20) and of grade 3".
const listGap = 14

// gradeListAt reads a grade at unit i and the grades listed after it, each with its count:
// "grade 1, n = 6; grade 2, n = 3; grade 3, n = 1". A listed grade that a term follows
// ("… and grade 3 neutropenia") belongs to that term and ends the list.
func (s *sentenceState) gradeListAt(i int) (gradeCap, bool) {
	g, ok := s.gradeAt(i)
	if !ok {
		return g, false
	}
	out := gradeCap{values: append([]string(nil), g.values...), start: g.start, end: g.end}
	for range g.values {
		out.spans = append(out.spans, [2]int{g.start, g.end})
	}
	for {
		k := out.end
		verb := false // a verb between: the next grade must share it ("… and grade 3-4 in 10%")
		gapped := ""  // that verb: a next grade that repeats it is a parallel item ("grade 2 affected 21, and grade 3 affected 3")
		// "grade 1 (47%) and 2 (35%)", "grade 1 (n = 30) or 2 (n = 15)", "grade was 1 in 10 patients, 2 in 4, and 3 in 1": a bare
		// grade after "and" or a comma, with its own share or count written as the first item's
		bareGrade := func(k int) bool {
			if !isGradeDigit(s.units[k].norm) || k+1 >= len(s.units) || s.units[k-1].norm != "and" && s.units[k-1].norm != "or" && s.units[k-1].norm != "," || verb {
				return false
			}
			switch s.units[out.end].norm {
			case "(":
				return s.units[k+1].norm == "("
			case "in":
				return s.units[k+1].norm == "in" && k+2 < len(s.units) && (isNumber(s.units[k+2].norm) || len(s.numbersAt(k+2)) > 0)
			}
			return false
		}
		for k < len(s.units) && k-out.end < listGap && (listSkip[s.units[k].norm] || isNumber(s.units[k].norm) && !bareGrade(k) || listGappedVerbs[s.units[k].norm] || s.countsVerb(k) || s.hasClassAt(k, ExceptClass)) {
			if listGappedVerbs[s.units[k].norm] && !s.countsVerb(k) { // "and one developed grade 4" has its subject
				verb, gapped = true, s.units[k].norm
			}
			k++
		}
		if k == out.end || k >= len(s.units) {
			break
		}
		var next gradeCap
		if !startsGrade(s.units[k].norm) {
			if !bareGrade(k) {
				break
			}
			next = gradeCap{values: []string{s.units[k].norm}, start: k, end: k + 1}
		} else if next, ok = s.gradeAt(k); !ok {
			break
		} else if s.termNear(next.end) {
			if s.countedGradesBefore(out, next.end) {
				out.values = append(out.values, next.values...)
				for range next.values {
					out.spans = append(out.spans, [2]int{next.start, next.end})
				}
				out.end = next.end
			}
			break
		}
		if verb && (next.end >= len(s.units) || s.units[next.end].norm != "in" && s.units[next.end].norm != "(" && s.units[next.end].norm != gapped) {
			break // "grade 2 developed in 4, and grade 3 arose later": a clause of its own
		}
		for _, v := range next.values {
			if !containsStr(out.values, v) {
				out.values = append(out.values, v)
				out.spans = append(out.spans, [2]int{next.start, next.end})
			}
		}
		out.end = next.end
	}
	return out, true
}

// countedGradesBefore reports whether the grades of list g are each a count's and name no
// term of their own, so that the term at unit term, after the list's last grade, is theirs
// too: "17 patients had grade 1, 11 had grade 2 and 1 had grade 4 CRS". The first grade is
// the object of a verb whose subject is a count ("17 had", "17 patients (57%) had"), a
// comma, "and" or a bracket follows each grade ("5 had grade 3 events, and 1 had grade 4
// CRS" lists no grades of CRS), and no grade of an outcome of another value stands before
// the list in its clause ("12 had grade 1 neutropenia, 5 had grade 2, and 2 had grade 3
// CRS": grade 2 is the neutropenia's; "Among the 30 with cytopenia, 17 had grade 1, …" is
// no grade of the cytopenia).
func (s *sentenceState) countedGradesBefore(g gradeCap, term int) bool {
	v := g.start - 1
	if v < 1 || !subjectVerbs[s.units[v].norm] {
		return false
	}
	if !s.countsVerb(v) {
		j := v - 1
		if s.units[j].norm == ")" { // "17 patients (57%) had"
			if j = openingBracket(s.units, j) - 1; j < 0 {
				return false
			}
		}
		if j < 1 || !s.hasClassAt(j, CountNounClass) || !s.numberAt(j-1) {
			return false
		}
	}
	for _, sp := range g.spans {
		if sp[1] >= len(s.units) {
			return false
		}
		if n := s.units[sp[1]].norm; n != "," && n != "and" && n != "(" {
			return false
		}
	}
	// a grade before the list in its clause that grades an outcome of another value
	// ("grade 1 neutropenia, 5 had grade 2, …") is the one the list's grades leave out
	own := s.outcomeTermsIn(term, term+2)
	from := g.start
	for from > 0 && s.units[from-1].norm != ";" {
		from--
	}
	for u := from; u < g.start; u++ {
		if o, ok := s.gradeAt(u); ok && o.end <= g.start {
			// its outcome right after it ("grade 1 neutropenia") or right before it
			// ("neutropenia of grade 3")
			for _, t := range append(s.outcomeTermsIn(o.end, o.end+2), s.outcomeTermsIn(max(from, o.start-3), o.start)...) {
				if !slices.Contains(own, t) {
					return false
				}
			}
			u = o.end - 1
		}
	}
	return true
}

// outcomeTermsIn returns the facet and value ("crs=present") of each outcome term that
// starts in units [from, to).
func (s *sentenceState) outcomeTermsIn(from, to int) []string {
	var out []string
	for _, h := range s.hits {
		if h.start >= from && h.start < to && h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) {
			out = append(out, h.entry.vocab.Facet+"="+h.value)
		}
	}
	return out
}

// countsVerb reports whether unit k is a verb whose subject is the count right before it,
// as an item of a list of grades has it: "13 had grade 1, 5 had grade 2", "4 (20%)
// experienced grade 3".
func (s *sentenceState) countsVerb(k int) bool {
	if k == 0 || !subjectVerbs[s.units[k].norm] {
		return false
	}
	j := k - 1
	if s.units[j].norm == ")" {
		for j > 0 && s.units[j].norm != "(" {
			j--
		}
		j--
	}
	return j >= 0 && (isNumber(s.units[j].norm) || len(s.numbersAt(j)) > 0)
}

// startsGrade reports whether a grade in a list may start with the word: "grade 2" or "G2".
func startsGrade(w string) bool {
	return gradeWords[w] || len(w) == 2 && w[0] == 'g' && w[1] >= '1' && w[1] <= '5'
}

// termNear reports whether a term starts within two units after i, no comma or semicolon
// between: "grade 3 neutropenia", not "grade 3, neurotoxicity in 9%".
func (s *sentenceState) termNear(i int) bool {
	for k := i; k < i+2 && k < len(s.units); k++ {
		if n := s.units[k].norm; n == "," || n == ";" {
			return false
		}
		// (a word that names no topic is no term the grade could be of: "neutropenia
		// exceeding grade 2 were seen", where "were" heads lists)
		if slices.ContainsFunc(s.hitsAt(k), func(h hit) bool { return h.entry.vocab != nil && h.entry.vocab.Topic }) {
			return true
		}
	}
	return false
}

// canStart reports whether element e could match at unit i: a cheap test that skips most
// start positions.
func (s *sentenceState) canStart(e *elem, i int) bool {
	u := s.units[i].norm
	switch e.kind {
	case elemWord:
		if e.firstMask&firstBit(u) == 0 {
			return false
		}
		if e.firsts != nil {
			return e.firsts[u]
		}
		for _, alt := range e.alts {
			if alt[0] == u {
				return true
			}
		}
		return false
	case elemClass:
		for _, h := range s.hitsAt(i) {
			if containsStr(e.classes, h.class) {
				return true
			}
		}
		return false
	case elemGrade:
		switch u {
		case "grade", "grades", "gr", "grd", "high", "higher", "low", "mildest", "lowest", "severe", "fatal", "life", "≥", ">", "≤", "<",
			"greater", "more", "worse", "g", "exceed", "exceeded", "exceeding", "exceeds", "above", "beyond", "over", "at":
			return true
		}
		return len(u) == 2 && u[0] == 'g'
	case elemNumber:
		return s.numberAt(i) // as patternMatcher.match reads it: "1,036 (86.0)"
	case elemCode:
		return s.units[i].word
	case elemRegexp:
		if e.prefixes != nil {
			ok := false
			for _, p := range e.prefixes {
				if strings.HasPrefix(u, p) {
					ok = true
					break
				}
			}
			if !ok {
				return false
			}
		}
		return e.matchRegexp(s.units[i].cased)
	}
	return true
}

func (s *sentenceState) isBarrier(p *Pattern, k int) bool {
	u := s.units[k].norm
	for _, w := range p.barWords {
		if w == u {
			return true
		}
	}
	if len(p.barClass) > 0 {
		// a number is a barrier of class "number" in digits ("475") as in words ("nine")
		if containsStr(p.barClass, NumberClass) && s.numberAt(k) {
			return true
		}
		for _, h := range s.hitsAt(k) {
			if containsStr(p.barClass, h.class) {
				return true
			}
		}
	}
	return false
}

// Tag splits a document into sentences and tags them.
func (c *Classifier) Tag(doc *corpus.Document) *Result {
	return c.TagSentences(doc, c.sp.SplitDocument(doc))
}

// TagSentences tags the given sentences of doc (as [corpus.Splitter.Split] returns them).
func (c *Classifier) TagSentences(doc *corpus.Document, sents []corpus.Sentence) *Result {
	res, _ := c.tagDocument(doc, sents)
	return res
}

// tagDocument tags the sentences and also returns the engine's record of it, for Explain
// and the rule examples.
func (c *Classifier) tagDocument(doc *corpus.Document, sents []corpus.Sentence) (*Result, *run) {
	states := make([]*sentenceState, len(sents))
	docClasses := map[string]bool{}
	var docPhrases []hit     // phrases of document rules ("in this review")
	var inTitle []*termEntry // the title's cues that hold only where the title lacks them
	patternFound := false    // a cue pattern found a cue (patternCues)
	rn := &run{states: states, text: doc.Text, lean: len(doc.Text) > c.leanBytes}
	var redefined map[*termEntry]bool
	for i, sent := range sents {
		st := &sentenceState{sent: &sents[i]}
		states[i] = st
		if sent.Section == corpus.SectionFurniture {
			st.skip = true
			continue
		}
		st.units = c.units(doc.Text, sent)
		all := findTerms(c.root, st.units)
		st.classes = map[string]bool{}
		for _, h := range all {
			if h.entry.cue != nil {
				st.cues = append(st.cues, h)
				continue
			}
			if h.entry.doc != nil {
				if sent.Section.CountsForFacets() && (!h.entry.titleOnly || sent.Section == corpus.SectionTitle) {
					docPhrases = append(docPhrases, h)
				}
				continue
			}
			if h.class == NumberClass {
				st.numbers = append(st.numbers, h) // counts, for incidence rules only
				continue
			}
			st.hits = append(st.hits, h)
			st.classes[h.class] = true
			docClasses[h.class] = true
		}
		st.numbers = composeHundreds(st.units, st.numbers)
		wordPercents(st)
		st.cues = dropOffOpening(st.units, dropUnderPseudo(dropInCodes(st.units, c.withPatternCues(st, st.cues, st.hits), st.hits)))
		if sent.Section == corpus.SectionTitle {
			for _, h := range st.cues {
				if h.entry.cue.UnlessInTitle && !comparedInTitle(st.units, h.start) {
					inTitle = append(inTitle, h.entry)
				}
			}
		}
		patternFound = patternFound || slices.ContainsFunc(st.cues, func(h hit) bool { return h.entry.pattern })
		redefined = otherDefinitions(st, redefined)
		rn.release(st)
	}
	// "ZUMA-1" in the title of a report of ZUMA-1 names the report's own trial: no cue of
	// another study in it.
	var titleWords []string      // the title's words, for the names cue patterns read
	var ownNames map[string]bool // names written in the report's own words (ownsNames)
	if patternFound {
		titleWords, ownNames = c.ownedNames(doc, sents, states)
	}
	if len(inTitle) > 0 || patternFound {
		for _, st := range states {
			st.cues = slices.DeleteFunc(st.cues, func(h hit) bool {
				return h.entry.cue.UnlessInTitle && (slices.ContainsFunc(inTitle, func(e *termEntry) bool { return slices.Equal(e.norms, h.entry.norms) }) ||
					h.entry.pattern && (containsRun(titleWords, h.entry.norms) || ownNames[h.entry.norms[0]]))
			})
		}
	}
	// Terms of vocabularies whose document conditions fail are no terms here, for patterns
	// either: "neurotoxicity" in a chemotherapy paper anchors no ICANS grade. The document's
	// classes are then those of the terms that stand.
	allClasses := docClasses
	docClasses = map[string]bool{}
	for _, st := range states {
		if st.skip {
			continue
		}
		kept := st.hits[:0]
		clear(st.classes)
		for _, h := range st.hits {
			if h.entry.cased != nil && redefined[h.entry] {
				continue
			}
			if docOK(h.entry.vocab.When, allClasses) || !limitsValue(h.entry.vocab.When, h.value) {
				kept = append(kept, h)
				st.classes[h.class] = true
				if st.sent.Section != corpus.SectionFurniture {
					docClasses[h.class] = true
				}
			}
		}
		st.hits = kept
	}
	rn.kind = doc.Kind
	c.keepContinuations(rn)
	res := &Result{Document: doc, Sentences: make([]Sentence, len(sents))}
	rn.docRules = c.documentKinds(doc, docPhrases)
	rn.docClasses = docClasses
	inc := c.newIncidenceBinder(doc, rn)
	for i, st := range states {
		if st.skip {
			continue
		}
		c.ensureUnits(rn, st)
		st.matches = c.tagSentence(doc, states, i, docClasses, rn)
		if !anyOutcome(st.matches) {
			if cols := c.eventColumnTags(doc, states, i, rn); len(cols) > 0 {
				st.matches = append(st.matches, cols...)
			} else {
				st.matches = append(st.matches, c.tableRowTags(doc, states, i, rn)...)
			}
		} else if cols := c.gradeColumnTags(doc, states, i, rn); len(cols) > 0 {
			st.matches = append(st.matches, cols...)
		} else if cells := c.cellColumnTags(doc, states, i, rn); len(cells) > 0 {
			st.matches = append(st.matches, cells...)
		} else if grades := c.gradeSectionTags(doc, states, i, rn); len(grades) > 0 {
			st.matches = append(st.matches, grades...)
		} else if lines := c.gradeLineTags(doc, st, rn); len(lines) > 0 {
			st.matches = append(st.matches, lines...)
		} else if st.tableShape().barred && !slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.Facet != toxicityTreatmentFacet }) {
			// "Tocilizumab | 20 (50.0) |": a treatment row takes its header's event, in
			// place of the treatment's own tag
			if rows := c.tableRowTags(doc, states, i, rn); len(rows) > 0 {
				st.matches = append(slices.DeleteFunc(st.matches, func(m match) bool { return m.Facet == toxicityTreatmentFacet }), rows...)
			}
		}
		for _, h := range st.cues {
			rn.cueHits = append(rn.cueHits, h.entry.cue.ID)
		}
		inc.sentence(i, st)
		groupCells(st)
		deniedGrades(st)
		rn.release(st)
		if rn.lean { // what only this sentence's own tagging needed; its cues, numbers and
			// classes stay (a few words), as the opening and the methods of a text without
			// headings read its signals later (markOpening)
			st.grades, st.graded = nil, nil
		}
	}
	inc.finish()
	for i, st := range states {
		res.Sentences[i] = Sentence{Sentence: sents[i], Tags: []Tag{}}
		if len(st.matches) > 0 {
			tags := make([]Tag, len(st.matches))
			for k := range st.matches {
				tags[k] = st.matches[k].Tag
			}
			res.Sentences[i].Tags = tags
		}
	}
	res.Facets = DocumentFacets(res.Sentences)
	return res, rn
}

// otherDefinitions finds exact-case abbreviations that the document defines as something
// else: "Copenhagen Risk Score (CRS)" or "mass spectrometry (MS)", where the words before the
// brackets spell the abbreviation and are no term of its class. Such an abbreviation means
// that other thing throughout the document. It adds those of one sentence to out.
func otherDefinitions(st *sentenceState, out map[*termEntry]bool) map[*termEntry]bool {
	for _, h := range st.hits {
		e := h.entry
		if e.cased == nil || h.start < 2 || h.end >= len(st.units) || st.units[h.start-1].norm != "(" || st.units[h.end].norm != ")" {
			continue
		}
		defined := false // by a term of the abbreviation's own class, joined to it or not
		for _, o := range st.hits {
			if o.class == h.class && (o.end == h.start-1 || o.start < h.start-1 && o.end > h.end) {
				defined = true
				break
			}
		}
		if defined || !spells(st.units[:h.start-1], e.norms) {
			continue
		}
		if out == nil {
			out = map[*termEntry]bool{}
		}
		out[e] = true
	}
	return out
}

// spells reports whether the last words before an abbreviation start with its letters, as
// in "Copenhagen Risk Score" for CRS.
func spells(before []unit, abbr []string) bool {
	letters := []rune(strings.Join(abbr, ""))
	if len(letters) < 2 || len(letters) > 8 {
		return false
	}
	k := len(before)
	for i := len(letters) - 1; i >= 0; i-- {
		k--
		for k >= 0 && !before[k].word {
			k--
		}
		if k < 0 {
			return false
		}
		first, _ := utf8.DecodeRuneInString(before[k].norm)
		if first != letters[i] {
			return false
		}
	}
	return true
}

// subjectReach is how many words a cue of subject_verbs looks ahead for its verb.
const subjectReach = 15

// subjectVerbAt returns the unit of the first of the cue group's subject verbs within
// subjectReach words after unit from, in the cue's clause (before a terminator: "No patient
// had CRS, and no deaths were recorded"), or -1. A verb of a relative clause on the subject
// ("none of the patients who developed CRS had ICANS", "who had developed", "who
// subsequently developed", "… CRS that required tocilizumab …") says who the patients were:
// the verbs right after "who" or "that" are passed over, with the reach lengthened by
// relativeReach, and the main verb after them is the subject's; only where none follows is
// the first relative one taken.
func subjectVerbAt(us []unit, cg *CueGroup, from int, terminator func(k int) bool) int {
	if len(cg.SubjectVerbs) == 0 {
		return -1
	}
	words, reach, relative := 0, subjectReach, -1
	rel := false // a "who" or "that" was read, and its verb's words go on
	for k := from; k < len(us) && words <= reach; k++ {
		if terminator(k) {
			break
		}
		switch n := us[k].norm; {
		case n == "who" || n == "that": // right after the cue too: "no patients who had CRS …"
			rel = true
		case cg.subjectVerbs.verbAfter(us, k):
			if !rel {
				if relative >= 0 && existencePassive(us, k) {
					// "no patients who developed CRS were seen": the main verb says only that
					// there were none such, so the relative clause's event is denied too
					return relative
				}
				return k
			}
			if relative < 0 {
				relative, reach = k, subjectReach+relativeReach
			}
		case us[k].word:
			rel = false // the relative verb's object ("CRS"), or a determiner's noun ("that cohort")
		}
		if us[k].word {
			words++
		}
	}
	return relative
}

// existencePassive reports whether the verb at unit k is "was" or "were" with a participle
// of finding ("were seen", "was observed", "were identified"): a clause that says
// only whether such patients were there at all.
func existencePassive(us []unit, k int) bool {
	if us[k].norm != "was" && us[k].norm != "were" || k+1 >= len(us) {
		return false
	}
	return existenceParticiples[us[k+1].norm]
}

// existenceParticiples are the participles of finding after "was/were" (existencePassive).
var existenceParticiples = map[string]bool{"seen": true, "observed": true, "identified": true, "recorded": true,
	"reported": true, "noted": true, "found": true, "documented": true, "detected": true, "encountered": true}

// relativeReach is how many more words a cue of subject_verbs looks ahead for its main verb
// past a relative clause on its subject ("none of the 14 patients who developed grade 1 CRS
// after the first infusion of the product had ICANS").
const relativeReach = 10

// contrastCueAt reports whether a cue that sets a clause against another (a group with
// the contrast key: "whereas", "although", "but") starts at unit k.
func (s *sentenceState) contrastCueAt(k int) bool {
	for _, h := range s.cues {
		if h.start == k && h.entry.cue.Contrast {
			return true
		}
	}
	return false
}

// contrastOpensAt reports whether unit k opens a clause that a comma and a contrast cue open,
// "in" or "the" between them: ", whereas ELIANA …", ", but in ZUMA-1 …".
func (s *sentenceState) contrastOpensAt(k int) bool {
	for n := 0; n < 2 && k > 0 && (s.units[k-1].norm == "in" || s.units[k-1].norm == "the"); n++ {
		k--
	}
	return k > 1 && s.contrastCueAt(k-1) && s.units[k-2].norm == ","
}

// contrastClauseBefore returns the first unit of the clause that a comma and a contrast cue
// open before unit k (", whereas neurotoxicity was reported in … KarMMa"), or -1: no
// comma, semicolon, colon, other terminator ("than in") or comparison cue ("as in") may
// stand between that cue and k, nor an opening bracket unless it holds the name at k
// ("… in 18% of participants (KarMMa)").
func (s *sentenceState) contrastClauseBefore(k int) int {
	for u := k - 1; u > 0; u-- {
		switch s.units[u].norm {
		case ",", ";", ":":
			return -1
		case "(", "[":
			if u != k-1 || !s.closesAfterName(k) {
				return -1 // "(ZUMA-1, 13%)" compares; "(KarMMa)" names the clause's source
			}
		}
		for _, h := range s.cues {
			c := h.entry.cue
			if h.start != u {
				continue
			}
			if c.Category == CueContrast {
				return -1
			}
			if !c.opensClause() {
				continue // not "developed" or "was reported", which stop only a backward reach
			}
			if !c.Contrast || s.units[u-1].norm != "," {
				return -1
			}
			return h.end
		}
	}
	return -1
}

// ReportedInClass is the vocabulary class of the words that tie a finding to the work
// named after them ("reported in", "seen with"): after a comparison, what they follow is
// that work's.
const ReportedInClass = "context.reported_in"

// CriteriaClass is the vocabulary class of the words that name criteria or a definition
// ("by the criteria used in ZUMA-1"): what they qualify is graded by the work named after
// them, not found in it.
const CriteriaClass = "context.criteria_word"

// tiedToWork reports whether the words [from, name) after a comparison tie what they
// name to the work whose name starts at unit name: words of ReportedInClass, or "of",
// "in" or "from" right before the name ("the grade 3 CRS rate of JULIET"), where no
// words of CriteriaClass stand between.
func (s *sentenceState) tiedToWork(from, name int) bool {
	if s.hasClassIn(from, name, ReportedInClass) {
		return true
	}
	if name-1 < from || s.hasClassIn(from, name, CriteriaClass) {
		return false
	}
	switch s.units[name-1].norm {
	case "of", "in", "from":
		return true
	}
	return false
}

// comparedBefore returns the unit after the words of a comparison with other work
// (an opens_clause terminator, "compares favourably with", "similar to") that stand before
// unit k in its clause, or -1: the words from there to k name what the other work found
// where tiedToWork ties them to it ("… compares favourably with the severe
// neurotoxicity reported in TRANSCEND").
func (s *sentenceState) comparedBefore(k int) int {
	for u := k - 1; u >= 0; u-- {
		switch s.units[u].norm {
		case ",", ";", ":", "(", "[", ")", "]":
			return -1
		}
		for _, h := range s.cues {
			c := h.entry.cue
			if h.start != u || !c.opensClause() && c.Category != CueContrast {
				continue
			}
			if !c.endsClause() && c.Category != CueContrast && h.end < k {
				return h.end // a comparison (opens_clause), not a clause's end or a contrast
			}
			return -1
		}
	}
	return -1
}

// closesAfterName reports whether the bracket opened before unit k closes right after the
// cue that starts at k: the bracket holds the name alone ("(KarMMa)").
func (s *sentenceState) closesAfterName(k int) bool {
	for _, h := range s.cues {
		if h.start == k && h.end < len(s.units) && (s.units[h.end].norm == ")" || s.units[h.end].norm == "]") {
			return true
		}
	}
	return false
}

// contrastClauseEnd returns the end of the clause that a frame ending at unit ce makes other
// work, and false when the clause is the report's own after all. The clause ends at its
// first clause break (clauseBreak: not a comma before words that go on with it, ", including
// …", nor one inside a list of outcomes, "CRS (84%), neurotoxicity (18%) and infections
// (69%)"), and before a comma or "and" after the name from which on words name the report's
// own patients with an outcome of their own ("… and grade 2 CRS arose in 5 of our 40
// adults", "…, with infections in 3 of our 40 adults"). Own words after the name with no
// outcome of their own compare ("… versus 2 of our 40 adults"): the clause is ours.
func (c *Classifier) contrastClauseEnd(st *sentenceState, ce int) (int, bool) {
	// listItem: an outcome term (a grade or severity before it) opens unit u, or the unit
	// after "and"/"or"
	listItem := func(u int) bool {
		if u < len(st.units) && (st.units[u].norm == "and" || st.units[u].norm == "or") {
			u++
		}
		if g, ok := parseGrade(st.units, u); ok {
			u = g.end
		}
		return len(st.outcomeTermsIn(u, u+1)) > 0
	}
	k := ce
	for k < len(st.units) && !(clauseBreak(st, k) && !(st.units[k].norm == "," && listItem(k+1))) {
		k++
	}
	if !c.ownIn(st, ce, k) {
		return k, true
	}
	// words after the name that name our patients: a second member of the comparison
	// ("… of KarMMa participants versus 2 of our 40 adults") makes the clause ours, unless
	// an outcome of its own stands between ("… and grade 2 CRS arose in 5 of our 40 adults")
	for a := ce; a < k; a++ {
		if n := st.units[a].norm; (n == "and" || n == ",") && c.ownIn(st, a, k) && len(st.outcomeTermsIn(a, k)) > 0 {
			return a, true
		}
	}
	return k, false
}

// opensSentence reports whether unit k opens its sentence: it is the first word, or the
// second after a preposition ("In", "On", "Across") or an article ("The").
func opensSentence(us []unit, k int) bool {
	words, i := 0, 0
	if len(us) > 2 && (us[1].norm == "." || us[1].norm == ")") && enumerator(us[0].norm) {
		i = 2 // a list item's number opens nothing: "I. To estimate …", "2) Determine …"
	}
	for ; i < k; i++ {
		if us[i].word {
			words++
		}
	}
	return words == 0 || words == 1 && frameLead[us[0].norm]
}

// leadWords open an adverbial clause that may stand before a sentence's main clause: "For
// grade 2 CRS, give tocilizumab", "If fever persists, add dexamethasone".
var leadWords = map[string]bool{"for": true, "if": true, "when": true, "once": true, "upon": true, "after": true, "in": true, "until": true, "unless": true, "at": true, "before": true, "during": true}

// opensAfterLead reports whether unit k opens the main clause after a leading adverbial
// clause and its comma, the sentence opening with a lead word (leadWords) and no other comma
// between, but one that joins a second lead ("For grade 1 CRS lasting a day, or for any
// grade 2 CRS, give tocilizumab").
func opensAfterLead(us []unit, k int) bool {
	if k < 2 || us[k-1].norm != "," || !leadWords[us[0].norm] {
		return false
	}
	for i := 1; i < k-1; i++ {
		switch us[i].norm {
		case ";", ":":
			return false
		case ",":
			j := i + 1
			if j < k-1 && (us[j].norm == "or" || us[j].norm == "and") {
				j++
			}
			if j >= k-1 || !leadWords[us[j].norm] {
				return false
			}
		}
	}
	return true
}

// stepEnd returns where the clause of a step that a semicolon or colon opened ends: the
// first ";" at or after unit from, the opening word of a condition ("give fluids if the
// patient is neutropenic", whose verb is the condition's), or the sentence's end.
func stepEnd(us []unit, from int) int {
	for k := from; k < len(us); k++ {
		if us[k].norm == ";" || conditionWords[us[k].norm] {
			return k
		}
	}
	return len(us)
}

// conditionWords open a condition inside a step: its verb is not the step's own.
var conditionWords = map[string]bool{"if": true, "unless": true, "when": true, "whenever": true, "until": true}

// opensAfterColon reports whether unit k opens, capitalised, what a colon introduces: a
// step of an algorithm or a list item after its label ("No improvement after 8 hours: Add
// dexamethasone").
func opensAfterColon(us []unit, k int) bool {
	if k < 1 || k >= len(us) || us[k-1].norm != ":" || us[k].cased == "" {
		return false
	}
	c := us[k].cased[0]
	return c >= 'A' && c <= 'Z'
}

// contrastOpens reports whether a contrast cue (CueContrast, or a terminator with
// CueGroup.Contrast or CueGroup.OpeningContrast) opens the sentence and stands
// before unit k with no comma between: k is in the clause that sets other work against the
// report's own.
func (s *sentenceState) contrastOpens(k int) bool {
	for _, h := range s.cues {
		if c := h.entry.cue; c.Category != CueContrast && !c.Contrast && !c.OpeningContrast || h.start >= k || !opensSentence(s.units, h.start) {
			continue
		}
		for u := h.end; u < k; u++ {
			if s.units[u].norm == "," || s.units[u].norm == ";" {
				return false
			}
		}
		return true
	}
	return false
}

// causeOpens reports whether a clause of cause opens the sentence before unit k with no comma
// between (a terminator read only at the opening that holds its clause apart: a group with
// both opening_only and contrast), and the clause speaks for itself: it reports what happened
// (it counts patients, "Because 2 of the first 4 adults had grade 3 CRS, …", names the first
// of them, or has a verb of what befell: "Since severe ICANS followed the first infusion, …")
// or has a status cue of its own ("Because grade 3 CRS has been reported with this product,
// …"). A cause with neither ("Because lupus is chronic, …", "Since its approval in 2017, …")
// stays in reach of the main clause's cues.
func (s *sentenceState) causeOpens(k int) bool {
	for _, h := range s.cues {
		c := h.entry.cue
		if c.Category != CueTerminator || !c.Contrast || !c.OpeningOnly || h.start >= k || !opensSentence(s.units, h.start) {
			continue
		}
		clause := s.units[h.end:k]
		if slices.ContainsFunc(clause, func(u unit) bool { return u.norm == "," || u.norm == ";" }) {
			return false
		}
		counted := s.hasClassIn(h.end, k, CountNounClass) && (slices.ContainsFunc(clause, func(u unit) bool { return isNumeral(u.norm) || u.norm == "first" }) ||
			slices.ContainsFunc(s.numbers, func(n hit) bool { return n.start >= h.end && n.end <= k }))
		ownCue := slices.ContainsFunc(s.cues, func(o hit) bool {
			switch o.entry.cue.Category {
			case CueNegated, CueHypothetical, CueGeneric:
				return o.start >= h.end && o.end <= k
			}
			return false
		})
		return counted || ownCue || s.wordIn(h.end, k, pastEventVerbs)
	}
	return false
}

// pastEventVerbs say in the past tense that something befell a patient or was done for it: a
// clause of cause with one reports what happened ("Because grade 3 ICANS developed early, …").
var pastEventVerbs = map[string]bool{"developed": true, "occurred": true, "arose": true, "experienced": true, "required": true,
	"needed": true, "received": true, "died": true, "suffered": true, "followed": true, "led": true, "persisted": true,
	"lasted": true, "complicated": true, "prompted": true, "necessitated": true, "emerged": true, "recurred": true,
	"given": true, "managed": true, "administered": true, "treated": true}

// enumerator reports whether a unit numbers an item of a list: a roman numeral up to xii,
// one or two digits, or a single letter.
func enumerator(n string) bool {
	switch n {
	case "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii":
		return true
	}
	return len(n) <= 2 && isDigits(n) || len(n) == 1 && n[0] >= 'a' && n[0] <= 'z'
}

// frameLead are the words that may stand before a sentence's framing cue.
var frameLead = map[string]bool{"in": true, "on": true, "across": true, "among": true, "the": true, "a": true, "an": true, "from": true}

// reportLead are the words of what a study gave that may open a sentence before the study's
// name: "Data from the KarMMa-3 trial showed …", "Results of ZUMA-1 …".
var reportLead = map[string]bool{"data": true, "results": true, "findings": true, "analyses": true, "analysis": true, "reports": true, "outcomes": true, "updates": true, "evidence": true}

// opensAfterReport reports whether unit k opens its sentence after the words of what a
// study gave and "from" or "of" ("Data from the KarMMa-3 trial", "Results of ZUMA-1"): a
// frame named there frames the sentence as one named first does, unless its first clause
// names the report's own patients ("Data from ZUMA-1 were set against our 30 adults, in
// whom …"; the caller asks, clauseEnd): "Data from ZUMA-1, where CRS occurred in 93%,
// were compared with our cohort" stays ZUMA-1's (so does, wrongly, "Results of ZUMA-1, a
// multicentre trial, were set against our 30 adults, …": the first clause ends at the
// apposition).
func opensAfterReport(us []unit, k int) bool {
	return k >= 2 && reportLead[us[0].norm] && (us[1].norm == "from" || us[1].norm == "of") &&
		(k == 2 || k == 3 && frameLead[us[2].norm])
}

// dropInCodes drops the cues that are part of a code name: a cue word joined by a hyphen
// or nothing to a word with a digit ("IF-3", "NO-1", "MAY-02" are products and studies, not
// "if", "no" and "may"), and the "no" of a group's name ("the no-drain group"), whose noun
// is a term of CountGroupClass among terms.
func dropInCodes(us []unit, cues, terms []hit) []hit {
	glued := func(k int) bool { // unit k joined to unit k-1 into one written word
		return k > 0 && k < len(us) && us[k].word && us[k-1].word && !us[k].space && us[k].start-us[k-1].end <= 1
	}
	digit := func(k int) bool { return strings.ContainsAny(us[k].norm, "0123456789") }
	out := cues[:0]
	for _, h := range cues {
		if glued(h.end) && digit(h.end) || glued(h.start) && digit(h.start-1) || groupName(us, h, terms, glued) {
			continue
		}
		out = append(out, h)
	}
	return out
}

// groupName reports whether cue h is the "no" of a group's name, joined by a hyphen to the
// word after it and followed by the group's noun ("6 in the no-drain group had a wound
// infection", "the no-treatment arm"): it names the group, it denies nothing.
func groupName(us []unit, h hit, terms []hit, glued func(int) bool) bool {
	if h.end != h.start+1 || us[h.start].norm != "no" || !glued(h.end) || us[h.end].start-us[h.start].end != 1 {
		return false
	}
	return slices.ContainsFunc(terms, func(t hit) bool {
		return t.class == CountGroupClass && t.start > h.end && t.start <= h.end+2
	})
}

// dropOffOpening removes the terminators read only where they open their sentence
// (CueGroup.OpeningOnly) that stand elsewhere: "because" opens a clause of cause only at the
// opening ("Because three adults had grade 3 ICANS, …"), while "… stopped the drug because
// of grade 2 CRS" ends no reach.
func dropOffOpening(us []unit, cues []hit) []hit {
	return slices.DeleteFunc(cues, func(h hit) bool {
		return h.entry.cue.Category == CueTerminator && h.entry.cue.OpeningOnly && !opensSentence(us, h.start)
	})
}

// dropUnderPseudo removes the cues that overlap a pseudo-cue: "not" in "not only" negates
// nothing. A pseudo-cue that a longer cue holds whole is that cue's words, no pseudo-cue:
// "if any" in "if any of the following". A terminator that ends where the pseudo-cue ends
// stays: the pseudo-cue's last words open the clause the terminator opens ("may reflect" in
// "the low rate of ICANS … may reflect the lower dose we used" still ends the reach of "we
// used"), while one inside it ("occurred" in "occurred more frequently") is its words only.
func dropUnderPseudo(cues []hit) []hit {
	var pseudo []hit
	for _, h := range cues {
		if h.entry.cue.Category == CuePseudo && !slices.ContainsFunc(cues, func(o hit) bool {
			return o.entry.cue.Category != CuePseudo && o.start <= h.start && o.end >= h.end && o.end-o.start > h.end-h.start
		}) {
			pseudo = append(pseudo, h)
		}
	}
	if len(pseudo) == 0 {
		return cues
	}
	out := cues[:0]
	for _, h := range cues {
		keep := h.entry.cue.Category != CuePseudo || slices.ContainsFunc(pseudo, func(p hit) bool { return p.start == h.start && p.end == h.end })
		if h.entry.cue.Category != CuePseudo {
			for _, p := range pseudo {
				if h.start < p.end && p.start < h.end && (h.entry.cue.Category != CueTerminator || h.end != p.end) {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, h)
		}
	}
	return out
}

// limitsValue reports whether a condition's document limits hold for tags of value
// (Condition.DocumentValues).
func limitsValue(cond Condition, value string) bool {
	return len(cond.DocumentValues) == 0 || containsStr(cond.DocumentValues, value)
}

func docOK(cond Condition, docClasses map[string]bool) bool {
	if len(cond.DocumentHas) > 0 {
		ok := false
		for _, cl := range cond.DocumentHas {
			if docClasses[cl] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	for _, cl := range cond.DocumentLacks {
		if docClasses[cl] {
			return false
		}
	}
	return true
}

// nearOK reports whether sentence i holds a term of a Near class (other than the tag's own
// span), one of the Window sentences before it a term of a NearBefore class, or the heading
// it stands under a term of a Heading class.
func (c *Classifier) nearOK(cond Condition, states []*sentenceState, i int, t *match, rn *run) bool {
	if len(cond.Heading) > 0 && rn != nil && c.headingOK(cond, rn, i) {
		return true
	}
	for _, h := range states[i].hits {
		if containsStr(cond.Near, h.class) && !(h.start >= t.mstart && h.end <= t.mend) {
			return true
		}
	}
	// The rows of a table take no room in the window, and from a row neither do the header
	// lines over it: "Most common adverse events" over "Headache 20 (5.6) …" and "Urinary
	// tract infection 16 (4.5) …" names what every row under it counts, and "Tocilizumab was
	// given to 24 patients" after a table whose rows count CRS treats it.
	rows := 0
	for k, left := i-1, cond.Window; k >= 0 && left > 0; k-- {
		for _, h := range states[k].hits {
			if containsStr(cond.NearBefore, h.class) {
				return true
			}
		}
		if skip := c.rowShape(rn, states[k]).row || states[i].tableShape().row && c.isHeaderLine(rn, states[k]); skip && rows < tableRowsOver {
			rows++
			continue
		}
		left--
	}
	return false
}

// heading is a heading line a sentence stands under: its text and the classes of its terms.
type heading struct {
	text    string
	classes map[string]bool
}

// holdsAny reports whether the heading names a term of any of the classes.
func (h *heading) holdsAny(classes []string) bool {
	return slices.ContainsFunc(classes, func(cl string) bool { return h.classes[cl] })
}

// with returns h joined with the heading over it (a table's group label with its caption):
// h's text, the classes of both. Over nothing it is h.
func (h *heading) with(over *heading) *heading {
	if over == nil {
		return h
	}
	j := &heading{text: h.text, classes: maps.Clone(h.classes)}
	maps.Copy(j.classes, over.classes)
	return j
}

// headingsOver returns, for each sentence of the run, the heading it stands under (nil for
// none), found once per document. A heading is
//   - a line that the splitter took out between a sentence and the one before it (a label
//     such as "BODY.RESULTS.SAFETY:" or "Results:"): the splitter keeps every other line as
//     sentences, so what lies between two sentences is headings and white space. Of a pmc
//     label the last part that names a class a heading condition reads counts ("SAFETY" of
//     "BODY.RESULTS.EFFICACY OUTCOMES.SAFETY:" and of "BODY.RESULTS.SAFETY.DEATHS:",
//     labelHeading);
//   - a sentence that reads as a heading (headingLike: "Adverse events" over its paragraph,
//     a short line of its own), or a Markdown heading (markdownHeading: "## Safety" alone on
//     its line, "# Safety" at a paragraph's start). A line that opens with "#" otherwise is
//     none. A Markdown heading deeper than the one before it ("### Infections" under
//     "## Safety") heads a part of that one's section: it holds the classes of both.
//
// A heading holds until the next one. A table's caption ("Table 3 Adverse events by arm")
// heads only the table's own lines (its rows, its header lines and row labels, up to the
// next prose sentence or heading), after which the heading before it holds again; a
// heading inside a table over more of it (a group of its rows) heads that group in the same
// way where it names what a heading condition reads ("Adverse events", joined with the
// caption's classes; a neutral "Hematologic" gives its rows back to the caption), and one
// over prose, a caption or a new table's header line, or a Markdown heading, ends the
// table. A figure's caption heads nothing. The document's title is none.
func (c *Classifier) headingsOver(rn *run) []*heading {
	if rn.headings != nil {
		return rn.headings
	}
	rn.headings = make([]*heading, len(rn.states))
	var cur, table *heading // table: the heading over the table's lines only
	var captionH *heading   // the table's caption
	var outline []outlined  // the Markdown headings cur stands under, outermost first
	inTable := false        // a caption or a row came since the last prose sentence or heading
	prevEnd := 0
	for i, st := range rn.states {
		s := st.sent
		if line, ok := lastLine(rn.text, prevEnd, s.Start); ok {
			cur, table, captionH, inTable, outline = c.labelHeading(rn.text, line), nil, nil, false, nil
		}
		prevEnd = max(prevEnd, s.End)
		rn.headings[i] = cur
		if st.skip {
			continue
		}
		row := c.rowShape(rn, st).row
		caption, figure := captionOf(rn.text, s)
		markdown := c.markdownHeading(rn, i)
		// a line opening with "#" is a heading only as a Markdown one (markdownHeading; a
		// table's "# Participants" cell or a "#" footnote is none)
		hashed := strings.HasPrefix(strings.TrimSpace(s.Text), "#")
		isHeading := !row && !caption && !figure && (markdown || !hashed && c.headingLike(rn, i, false))
		// Inside a table a heading over more of the table (a group of its rows: "Adverse
		// events" over "Chronic GVHD 2 (7) 1 (3)", "Week 12" over a repeated header line)
		// heads those rows only; one over prose or a caption, over a new table's header line
		// after a blank line, or a Markdown heading, ends the table.
		inner := isHeading && inTable && !markdown && !c.overProse(rn, i) && !c.overCaption(rn, i) &&
			!(c.overHeaderLine(rn, i) && blankBefore(rn.text, s.Start))
		tableLine := !isHeading && (row || inTable && !prose(s.Text))
		if table != nil && (tableLine || inner) {
			rn.headings[i] = table
		}
		switch {
		case caption:
			captionH = c.newHeading(rn.text, *s)
			table, inTable = captionH, true
		case figure || tableLine:
			// a figure's caption heads nothing; a table's own line heads nothing either
		case inner:
			// a group label that names what a heading condition reads heads its rows with
			// the caption over it (whose "Baseline characteristics" still vetoes); a neutral
			// one ("Hematologic", "Primary outcome") gives them back to the caption alone
			table = captionH
			if h := c.newHeading(rn.text, *s); c.namesHeading(h) {
				table = h.with(captionH)
			}
		case isHeading:
			cur, table, captionH, inTable = c.newHeading(rn.text, *s), nil, nil, false
			if !markdown {
				outline = nil
				break
			}
			// a Markdown heading deeper than the one before it ("### Infections" under
			// "## Safety") is a part of that one's section and holds its classes too
			level := markdownLevel(s.Text)
			for len(outline) > 0 && outline[len(outline)-1].level >= level {
				outline = outline[:len(outline)-1]
			}
			if len(outline) > 0 {
				cur = cur.with(outline[len(outline)-1].h)
			}
			outline = append(outline, outlined{level, cur})
		default:
			table, captionH, inTable = nil, nil, false // prose ends a table
		}
		inTable = inTable || row
	}
	return rn.headings
}

// outlined is a Markdown heading of the outline a sentence stands under: its level (the
// number of its "#"s) and the heading, joined with those above it.
type outlined struct {
	level int
	h     *heading
}

// markdownLevel is the number of "#"s that open a Markdown heading's line.
func markdownLevel(line string) int {
	t := strings.TrimSpace(line)
	return len(t) - len(strings.TrimLeft(t, "#"))
}

// labelHeading reads a heading line the splitter took out. Of a pmc-style label
// ("BODY.RESULTS.SAFETY.DEATHS:", "BODY.RESULTS.SAFETY.:") it reads the parts from the last
// back and keeps the first that names a class some rule's heading condition reads
// (headingNamed), so a leaf names the part ("SAFETY" of "…EFFICACY OUTCOMES.SAFETY") and a
// leaf of other words takes its part's ("DEATHS" or "INFECTIONS" under "SAFETY"); a dot
// between digits ("SAFETY AT 0.5 MG/KG") splits nothing.
func (c *Classifier) labelHeading(text string, line corpus.Sentence) *heading {
	if !strings.HasPrefix(line.Text, "BODY.") && !strings.HasPrefix(line.Text, "ABSTRACT.") {
		return c.newHeading(text, line)
	}
	label := strings.TrimRight(line.Text, ":. ")
	var last *heading
	for end := len(label); end > 0; {
		k := end - 1
		for k >= 0 && !(label[k] == '.' && !(k > 0 && k+1 < len(label) && isDigit(label[k-1]) && isDigit(label[k+1]))) {
			k--
		}
		part := corpus.Sentence{Start: line.Start + k + 1, End: line.Start + end, Text: label[k+1 : end]}
		h := c.newHeading(text, part)
		if last == nil {
			last = h
		}
		if c.namesHeading(h) {
			return h
		}
		end = k
	}
	return last
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// namesHeading reports whether a heading holds a class some rule's heading condition reads.
func (c *Classifier) namesHeading(h *heading) bool {
	for cl := range h.classes {
		if c.headingNamed[cl] {
			return true
		}
	}
	return false
}

// headingLike reports whether sentence i reads as a heading: a line on its own of at most
// headingLikeWords words (a Markdown heading's "#"s and emphasis aside), with no columns
// (two blanks or a tab), no "=", "%" or "|", whose words can be a heading's (headingWords:
// not "The median follow-up was 24 months", "See table 2", a lone cell "NS"), that ends with
// no sentence or clause punctuation and reports nothing (no observed signal), and that
// stands over prose (a sentence of three words or more), a caption, a table's row, a header
// line or a bullet and not right under another short line (afterCell), unless anyNext (a
// Markdown heading): a short line over or under another short line is a table's header cell
// or row label ("Drug" over "Placebo", "Hematologic" over "Neutropenia"), even where the
// splitter took it for a topic heading.
func (c *Classifier) headingLike(rn *run, i int, anyNext bool) bool {
	st := rn.states[i]
	s := st.sent
	t := headingText(s.Text)
	if st.skip || s.Section == corpus.SectionTitle || t == "" || strings.ContainsAny(t, "\n=%") || columned(t) ||
		!lineAlone(rn.text, s.Start, s.End) || len(strings.Fields(t)) > headingLikeWords {
		return false
	}
	if last, _ := utf8.DecodeLastRuneInString(t); strings.ContainsRune(".!?:;,", last) || !headingWords(t) {
		return false
	}
	if !anyNext && (!c.overProse(rn, i) && !c.overTableOrList(rn, i) || c.afterCell(rn, i)) {
		return false
	}
	c.withUnits(rn, st, func() { c.findSignals(st) })
	return st.observed == nil
}

// markdownHeading reports whether sentence i is a Markdown heading, alone on its line: one
// of level two or more ("## Safety", "### Adverse events (%)", "## Efficacy at week 12:")
// whatever its words, or of level one ("# Safety") at a paragraph's start with a heading's
// words (a flattened table's "# Participants" cell or a "#" footnote is none).
func (c *Classifier) markdownHeading(rn *run, i int) bool {
	s := rn.states[i].sent
	t := strings.TrimSpace(s.Text)
	level := markdownLevel(t)
	if level == 0 || level > 6 || len(t) == level || t[level] != ' ' || strings.Contains(t, "\n") || !lineAlone(rn.text, s.Start, s.End) {
		return false
	}
	if level >= 2 {
		return true
	}
	return blankBefore(rn.text, s.Start) && c.headingLike(rn, i, true)
}

// afterCell reports whether the sentence before i is a short line of its own that is no
// prose and no row (a header cell "Event" over "Drug" over "Placebo", a caption): a short
// line right under it is the next cell, not a heading.
func (c *Classifier) afterCell(rn *run, i int) bool {
	k := i - 1
	for k >= 0 && rn.states[k].skip {
		k--
	}
	if k < 0 {
		return false
	}
	p := rn.states[k].sent
	return lineAlone(rn.text, p.Start, p.End) && !strings.Contains(p.Text, "\n") && !prose(p.Text) &&
		!blankBefore(rn.text, rn.states[i].sent.Start) && !c.rowShape(rn, rn.states[k]).row
}

// blankBefore reports whether an empty line (or the text's start) stands right before the
// line that opens at start.
func blankBefore(text string, start int) bool {
	before := strings.TrimRight(text[:start], " \t\r")
	if before == "" {
		return true
	}
	rest, ok := strings.CutSuffix(before, "\n")
	rest = strings.TrimRight(rest, " \t\r")
	return ok && (rest == "" || strings.HasSuffix(rest, "\n"))
}

// captionOf reports whether a sentence is a table's caption (alone on its line, no prose
// that names the table: captionVerb) or a figure's.
func captionOf(text string, s *corpus.Sentence) (table, figure bool) {
	table = tableCaptionRe.MatchString(s.Text) && lineAlone(text, s.Start, s.End) && !captionVerb(s.Text)
	return table, !table && figureCaptionRe.MatchString(s.Text)
}

// columned reports whether a line is set in columns: two blanks, a tab or a bar between its
// cells ("Event   Drug (n = 30)   Placebo (n = 30)").
func columned(t string) bool {
	return strings.Contains(t, "  ") || strings.ContainsAny(t, "\t|")
}

// overCaption reports whether the sentence after i is a table's or a figure's caption.
func (c *Classifier) overCaption(rn *run, i int) bool {
	k := nextKept(rn, i)
	if k < 0 {
		return false
	}
	table, figure := captionOf(rn.text, rn.states[k].sent)
	return table || figure
}

// overHeaderLine reports whether the sentence after i is a table's header line of columns,
// no row.
func (c *Classifier) overHeaderLine(rn *run, i int) bool {
	k := nextKept(rn, i)
	return k >= 0 && columned(strings.TrimSpace(rn.states[k].sent.Text)) && !c.rowShape(rn, rn.states[k]).row
}

// nextKept is the index of the first sentence after i that is not furniture, or -1.
func nextKept(rn *run, i int) int {
	for k := i + 1; k < len(rn.states); k++ {
		if !rn.states[k].skip {
			return k
		}
	}
	return -1
}

// overProse reports whether the sentence after i is prose (prose).
func (c *Classifier) overProse(rn *run, i int) bool {
	k := nextKept(rn, i)
	return k >= 0 && prose(rn.states[k].sent.Text)
}

// overTableOrList reports whether the sentence after i opens a table (a caption, a figure's
// caption, a row, a header line of columns) or a list (a bullet).
func (c *Classifier) overTableOrList(rn *run, i int) bool {
	k := nextKept(rn, i)
	if k < 0 {
		return false
	}
	t := strings.TrimSpace(rn.states[k].sent.Text)
	return c.overCaption(rn, i) || c.rowShape(rn, rn.states[k]).row || columned(t) ||
		strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "• ")
}

// headingText is a heading line's words: a Markdown heading's "#"s and a line's emphasis
// ("**Safety**") set aside.
func headingText(text string) string {
	t := strings.TrimSpace(text)
	if r := strings.TrimLeft(t, "#"); r != t && (r == "" || r[0] == ' ') {
		t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(r), "#"))
	}
	return strings.Trim(t, "*_ ")
}

// prose reports whether text ends as a sentence or a list's lead does (".", "!", "?", ":",
// closing quotes and brackets aside) and has three words or more: a table's cell "No." or
// "(s.d.)" is none.
func prose(text string) bool {
	return endsProse(text) && len(strings.Fields(text)) >= 3
}

// captionVerb reports whether a verb of headingVerbs follows a caption's number with no
// relative word before it: "Table 3 lists the events" and "Table 3 in the appendix lists
// …" name a table, they are no caption; "Table 3 Adverse events that occurred in two
// patients" is one.
func captionVerb(text string) bool {
	words := strings.Fields(text)
	for _, w := range words[min(1, len(words)):] {
		lw := strings.ToLower(strings.Trim(w, ",;()"))
		if lw == "that" || lw == "which" || lw == "who" {
			return false
		}
		if headingVerbs[lw] {
			return true
		}
	}
	return false
}

// headingWords reports whether a line's words can be a heading's: it opens with a capital
// (after a section number, "3.4 Safety"), holds a word of three letters or more and none of
// headingVerbs. A lone cell ("NS", "43 (6.0)") or a note ("See table 2") is none.
func headingWords(text string) bool {
	words := strings.Fields(sectionNumberRe.ReplaceAllString(text, ""))
	if len(words) == 0 {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsUpper(first) {
		return false
	}
	long := false
	for _, w := range words {
		if headingVerbs[strings.ToLower(w)] {
			return false
		}
		long = long || utf8.RuneCountInString(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })) >= 3
	}
	return long
}

// headingLikeWords is the most words of a sentence that reads as a heading (headingLike).
const headingLikeWords = 12

// headingVerbs are words that make a short line a sentence or a note, not a heading.
var headingVerbs = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "see": true, "shows": true, "showed": true, "show": true,
	"lists": true, "summarizes": true, "summarises": true, "occurred": true, "received": true,
	"presents": true, "gives": true, "describes": true, "displays": true, "reports": true,
	"compares": true, "details": true, "depicts": true, "illustrates": true,
}

// sectionNumberRe matches a heading's section number ("3.", "3.4", "2)").
var sectionNumberRe = regexp.MustCompile(`^\d+(?:\.\d+)*[.)]?\s+`)

// endsProse reports whether text ends as a sentence or a list's lead does (".", "!", "?",
// ":"), closing quotes and brackets aside.
func endsProse(text string) bool {
	t := strings.TrimRight(text, " \t\"'”’)]")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:", last)
}

// tableCaptionRe and figureCaptionRe match the start of a table's or a figure's caption:
// "Table 2.", "Table 3 Adverse events", "Table 3 – …", "Table III.", "Supplementary Table
// S1:", "Table 3Adverse events" (glued by a flattening), "Figure 1A", "Fig 3", "FIG. 2".
// Prose that names one ("Table 3 lists …") has a verb of headingVerbs after its number and
// no relative word before it (captionVerb).
var (
	tableCaptionRe  = regexp.MustCompile(`^(?:Supplementa(?:l|ry) )?(?:Table|TABLE)\s*(?:S?\d+[A-Za-z]?|[IVXL]+)(?:\s*[-–—|:.]|\s+[A-Za-z(]|[A-Z]|$)`)
	figureCaptionRe = regexp.MustCompile(`^(?:Supplementa(?:l|ry) )?(?i:fig(?:ure)?\.?)\s*(?:S?\d+[A-Za-z]?|[IVXL]+)(?:\s*[-–—|:.]|\s+[A-Za-z(]|[A-Z]|$)`)
)

// lineAlone reports whether text[start:end] fills its line: only spaces or tabs stand
// between it and the line breaks (or the text's ends) around it.
func lineAlone(text string, start, end int) bool {
	before := strings.TrimRight(text[:start], " \t")
	after := strings.TrimLeft(text[end:], " \t\r")
	return (before == "" || before[len(before)-1] == '\n') && (after == "" || after[0] == '\n')
}

// lastLine returns the last line of text[from:to] that holds a letter, trimmed, as a
// sentence of its own.
func lastLine(text string, from, to int) (corpus.Sentence, bool) {
	if from >= to {
		return corpus.Sentence{}, false
	}
	gap := text[from:to]
	for end := len(gap); end > 0; {
		start := strings.LastIndexByte(gap[:end], '\n') + 1
		l := strings.TrimSpace(gap[start:end])
		if strings.ContainsFunc(l, unicode.IsLetter) {
			st := from + start + strings.Index(gap[start:end], l)
			return corpus.Sentence{Start: st, End: st + len(l), Text: l}, true
		}
		end = start - 1
	}
	return corpus.Sentence{}, false
}

// newHeading reads a heading line: the classes of its terms (none: an empty set, which
// still ends the heading before it).
func (c *Classifier) newHeading(text string, line corpus.Sentence) *heading {
	h := &heading{text: line.Text, classes: map[string]bool{}}
	for _, t := range findTerms(c.root, c.units(text, line)) {
		if t.entry.cue == nil && t.entry.doc == nil && t.class != NumberClass {
			h.classes[t.class] = true
		}
	}
	return h
}

// headingOK reports whether the heading over sentence i names a term of a Heading class and
// none of a HeadingLacks class. A heading over a Methods, Objectives, Background or
// Discussion section heads what was planned, measured or known ("Safety assessments"), not
// what befell the patients, so it holds nowhere there.
func (c *Classifier) headingOK(cond Condition, rn *run, i int) bool {
	switch rn.states[i].sent.Section {
	case corpus.SectionMethods, corpus.SectionObjectives, corpus.SectionBackground, corpus.SectionDiscussion:
		return false
	}
	h := c.headingsOver(rn)[i]
	return h != nil && !h.holdsAny(cond.HeadingLacks) && h.holdsAny(cond.Heading)
}

// rowShape is the table-row shape of another sentence of the document, its units loaded
// only when the shape was never read (a big document's other sentences hold none).
func (c *Classifier) rowShape(rn *run, st *sentenceState) rowShape {
	if st.shape.known || st.units != nil {
		return st.tableShape()
	}
	c.ensureUnits(rn, st)
	sh := st.tableShape()
	rn.release(st)
	return sh
}

// isHeaderLine is headerLine of another sentence of the document, its units loaded if need be.
func (c *Classifier) isHeaderLine(rn *run, st *sentenceState) bool {
	if st.units != nil {
		return headerLine(st.units)
	}
	c.ensureUnits(rn, st)
	ok := headerLine(st.units)
	rn.release(st)
	return ok
}

// headerLine reports whether units are a short line with no full stop, as a table's column
// headers are ("Laparoscopic", "Open (N = 108) (N = 113) n (%) n (%)").
func headerLine(us []unit) bool {
	return len(us) > 0 && len(us) <= tableHeaderUnits && us[len(us)-1].norm != "."
}

// tableHeaderUnits is the most units of a line of a table's column headers.
const tableHeaderUnits = 24

// tableRowsOver is the most rows of a table that a line over them reaches past.
const tableRowsOver = 30

// newMatch is an affirmed tag of the units [us, ue) of a sentence, found by a match of the
// units [ms, me) (the span a qualifier's negation must cover).
func newMatch(doc *corpus.Document, st *sentenceState, facet, value, rule string, us, ue, ms, me int) match {
	start, end := st.units[us].start, st.units[ue-1].end
	return match{Tag: Tag{Facet: facet, Value: value, Status: Affirmed, Start: start, End: end,
		Text: doc.Text[start:end], Rule: rule, Section: st.sent.Section},
		ustart: us, uend: ue, bstart: us, bend: ue, gstart: -1, mstart: ms, mend: me, sstart: us, send: ue}
}

func (c *Classifier) tagSentence(doc *corpus.Document, states []*sentenceState, i int, docClasses map[string]bool, rn *run) []match {
	st := states[i]
	var tags []match
	mk := func(facet, value, rule string, us, ue, ms, me int) match {
		return newMatch(doc, st, facet, value, rule, us, ue, ms, me)
	}
	for _, h := range st.hits {
		v := h.entry.vocab
		if !v.Emit || h.value == NoValue {
			continue
		}
		t := mk(v.Facet, h.value, v.ID, h.start, h.end, h.start, h.end)
		t.near = nearCondition(&v.When)
		tags = append(tags, t)
	}
	for _, p := range c.patterns {
		inDoc := docOK(p.When, docClasses)
		if !inDoc && len(p.When.DocumentValues) == 0 || !st.hasAll(p.need) {
			continue
		}
		// a rule that refers back holds only for a match that opens its sentence: try no other
		m := &patternMatcher{s: st, p: p.Pattern, opening: len(p.When.RefersTo) > 0}
		m.run(func(ms, me int, caps []capture) {
			us, ue := ms, me
			var values []string
			var spans [][2]int // each value's item in a list of grades, when there are several
			for _, cp := range caps {
				if p.At != "" && (cp.name == p.At || cp.class == p.At) {
					us, ue = cp.start, cp.end
				}
				if name, ok := strings.CutPrefix(p.Value, "$"); ok && (cp.name == name || cp.class == name) {
					if len(cp.spans) == len(cp.values) && len(cp.spans) > 1 && cp.spans[0] != cp.spans[len(cp.spans)-1] {
						for len(spans) < len(values) {
							spans = append(spans, [2]int{})
						}
						spans = append(spans, cp.spans...)
					}
					values = append(values, cp.values...)
				}
			}
			if p.Value == "$grade" && len(values) == 1 {
				// "grade 2 CRS or higher": the bound after the term opens the grade it names
				if e, ok := openAfterTerm(st.units, me); ok && len(values[0]) == 1 && values[0] >= "1" && values[0] <= "4" {
					values = openGrade(int(values[0][0] - '0'))
					if ue == me {
						ue = e
					}
					me = e
				}
			}
			switch {
			case p.Value == JoinedValue:
				// The matched words as written, without the spaces: "ISRCTN 77383050".
				values = []string{strings.Join(strings.Fields(doc.Text[st.units[ms].start:st.units[me-1].end]), "")}
			case !strings.HasPrefix(p.Value, "$"):
				values = []string{p.Value}
			}
			for vi, val := range values {
				if !inDoc && limitsValue(p.When, val) {
					continue // "the incidence of anaemia" in a malaria trial: its endpoint
				}
				t := mk(p.Facet, val, p.ID, us, ue, ms, me)
				if vi < len(spans) && spans[vi] != [2]int{} {
					t.bstart, t.bend = spans[vi][0], spans[vi][1]
				}
				t.qualifies = p.Qualifies
				t.near = nearCondition(&p.When)
				t.pattern = p.Pattern
				t.caps = append([]capture(nil), caps...)
				for _, cp := range caps {
					if cp.name == "grade" && strings.TrimPrefix(p.Value, "$") == "grade" {
						// "CRS occurred in 49%, with no grade ≥3 events": the cue governs the
						// grade, wherever the term stands.
						t.sstart, t.send = cp.start, cp.end
						if cp.start > us {
							t.gstart = cp.start
						}
					}
				}
				if vi < len(spans) && spans[vi] != [2]int{} && spans[vi][0] >= t.sstart && spans[vi][1] <= t.send {
					// "grade 1, n = 10; grade 2, n = 4; grade 3, n = 0": each grade of a list
					// is judged on its own item
					t.sstart, t.send = spans[vi][0], spans[vi][1]
				}
				tags = append(tags, t)
			}
		})
	}
	// Near conditions, with chaining.
	if hasNear(tags) {
		ok := make([]bool, len(tags))
		for k := range tags {
			ok[k] = tags[k].near == nil || c.conditionOK(*tags[k].near, states, i, &tags[k], rn)
		}
		for k := range tags {
			if ok[k] || !tags[k].near.Chain {
				continue
			}
			for j := range tags {
				if j != k && ok[j] && tags[j].Rule == tags[k].Rule && tags[j].near != nil {
					tags[k].chained = true
					break
				}
			}
		}
		kept := tags[:0]
		for k, t := range tags {
			if ok[k] || t.chained {
				kept = append(kept, t)
			}
		}
		tags = kept
	}
	if len(tags) == 0 {
		return nil
	}
	tags = respectiveGrades(st, tags, mk)
	tags = c.applyContext(st, tags, rn)
	if lead := c.listLead(states, i, rn); lead != nil {
		// "Your team will be watching for:" then "• signs of CRS or ICANS": an item of a list
		// is said under its lead's cue.
		for k := range tags {
			if isOutcome(tags[k].Facet) && tags[k].Status == Affirmed {
				tags[k].Status, tags[k].Cue, tags[k].cueRule = lead.status, "list: "+lead.cue, lead.rule
			}
		}
	}
	if st.isBareTerm() {
		// A sentence that is only a term ("Cytokine release syndrome.") names a topic, a
		// heading: generic, it says nothing happened.
		for k := range tags {
			if isOutcome(tags[k].Facet) && tags[k].Status == Affirmed {
				tags[k].Status, tags[k].Cue, tags[k].cueRule = Generic, "heading", ""
			}
		}
	}
	tags = dedupe(tags)
	return tags
}

func hasNear(tags []match) bool {
	for _, t := range tags {
		if t.near != nil {
			return true
		}
	}
	return false
}

// nearCondition returns the rule's condition when it asks for terms nearby or for an
// observed signal in the sentence, or nil.
func nearCondition(c *Condition) *Condition {
	if len(c.Near)+len(c.NearBefore)+len(c.Heading)+len(c.HeadingLacks)+len(c.UnlessNear)+len(c.RefersTo) == 0 && !c.Observed && !c.Prose {
		return nil
	}
	return c
}

// conditionOK reports whether sentence i meets a tag's sentence condition: a term of a Near
// class nearby or a Heading class in the heading over it (when the condition names any), no
// term of an UnlessNear class, no heading over it with a HeadingLacks class (without a
// Heading class, which reads them itself), prose (when it asks for it) and an observed
// signal (when it asks for one).
func (c *Classifier) conditionOK(cond Condition, states []*sentenceState, i int, t *match, rn *run) bool {
	if len(cond.Near)+len(cond.NearBefore)+len(cond.Heading) > 0 && !c.nearOK(cond, states, i, t, rn) {
		return false
	}
	if c.headingLacksHit(cond, rn, i) {
		return false
	}
	if unlessNearHit(cond, states[i], t.mstart, t.mend) {
		return false
	}
	if cond.Prose && states[i].tableShape().row {
		return false
	}
	if len(cond.RefersTo) > 0 && !refersBack(cond, states, i, t) {
		return false
	}
	if cond.Observed {
		c.findSignals(states[i])
		return states[i].observed != nil
	}
	return true
}

// refersBack reports whether a match meets its RefersTo condition: it opens sentence i,
// which names no referent itself, and the sentence before names referents of RefersTo
// classes only ("Cytokine release syndrome developed in 35 of them." then "It was grade 1
// in 20, …"; after "ICANS arose in 5 adults after CRS." an "It" could mean either).
func refersBack(cond Condition, states []*sentenceState, i int, t *match) bool {
	if t.mstart != 0 || i == 0 {
		return false
	}
	among := cond.Referents
	if len(among) == 0 {
		among = cond.RefersTo
	}
	for _, h := range states[i].hits {
		if containsStr(among, h.class) {
			return false
		}
	}
	named := false
	for _, h := range states[i-1].hits {
		if containsStr(among, h.class) {
			if !containsStr(cond.RefersTo, h.class) {
				return false
			}
			named = true
		}
	}
	return named
}

// headingLacksHit reports whether a condition without a Heading class has HeadingLacks
// classes and the heading over sentence i holds one: "Renal failure requiring dialysis"
// under the caption "Patients' characteristics before surgery" tells of the patients at
// entry, whatever harm words it holds.
func (c *Classifier) headingLacksHit(cond Condition, rn *run, i int) bool {
	if len(cond.Heading) > 0 || len(cond.HeadingLacks) == 0 || rn == nil {
		return false
	}
	h := c.headingsOver(rn)[i]
	return h != nil && h.holdsAny(cond.HeadingLacks)
}

// unlessNearHit reports whether the sentence of a match holds a term of an UnlessNear class
// outside the match at units [start, end) ("At baseline, 12 of the 60 men had anaemia",
// "…, 10 of whom had it at baseline").
func unlessNearHit(cond Condition, st *sentenceState, start, end int) bool {
	for _, h := range st.hits {
		if containsStr(cond.UnlessNear, h.class) && !(h.start >= start && h.end <= end) {
			return true
		}
	}
	return false
}

// isBareTerm reports whether the sentence's words are all inside terms, and few: a heading
// such as "ICANS." or "Cytokine release syndrome".
func (s *sentenceState) isBareTerm() bool {
	words := 0
	for k, u := range s.units {
		if !u.word {
			continue
		}
		words++
		inside := false
		for _, h := range s.hits {
			if h.entry.vocab != nil && !h.entry.vocab.Topic {
				continue // words that name no topic ("resolved after")
			}
			if h.start <= k && k < h.end {
				inside = true
				break
			}
		}
		if !inside || words > 5 {
			return false
		}
	}
	return words > 0
}

func (s *sentenceState) hasAll(need [][]string) bool {
	for _, any := range need {
		ok := false
		for _, cl := range any {
			if s.classes[cl] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// bracketEnd returns end, or past the closing bracket of the last bracket opened in the units
// [from, end) and still open at end when no terminator stands before that close.
func bracketEnd(us []unit, from, end int, term func(int) bool) int {
	depth, open := 0, -1
	for u := from; u < end; u++ {
		switch us[u].norm {
		case "(":
			if depth == 0 {
				open = u
			}
			depth++
		case ")":
			if depth > 0 {
				depth--
			}
		}
	}
	if depth == 0 || open < 0 {
		return end
	}
	c := closingBracket(us, open)
	if c < end {
		return end
	}
	for u := end; u < c; u++ {
		if term(u) {
			return end
		}
	}
	return c + 1
}

// scope is the reach of one cue in a sentence, in units [start, end).
type scope struct {
	cue        hit
	start, end int
}

// crossedIntoCount reports whether a terminator the hypothetical cue crosses (", and")
// starts at unit k and the clause after it, up to a semicolon, counts the report's patients
// (an observed signal with a number, not an arm's name, "a control group"): a clause of its
// own that reports, no part of the plan's rule. Not where the cue's clause states a plan
// (planBefore: "dose escalation would stop if …, and grade 4 CRS developed in 2 of the first
// 6": the rule goes on).
func (c *Classifier) crossedIntoCount(st *sentenceState, cue hit, k int) bool {
	cg := cue.entry.cue
	crossed := slices.ContainsFunc(st.cues, func(h hit) bool {
		return h.start == k && h.entry.cue.Category == CueTerminator && cg.crossForms[strings.Join(h.entry.norms, " ")]
	})
	if !crossed || planBefore(st.units, cue.start) {
		return false
	}
	end := k + 1
	for end < len(st.units) && st.units[end].norm != ";" {
		end++
	}
	return c.signalMatches(st, SignalObserved, func(start, stop int) bool {
		if start <= k || stop > end {
			return false
		}
		for u := start; u < stop; u++ {
			if st.numberAt(u) {
				return true
			}
		}
		return false
	}, false)
}

// planModals are the modals of a plan's rule ("would stop if …"), unlike those of what a
// protocol permitted ("could be given if …").
var planModals = map[string]bool{"would": true, "will": true, "shall": true, "should": true}

// planBefore reports whether the clause before unit end, back to a comma or semicolon,
// states a plan's rule: a modal of a plan ("would stop if …") or "was to be", "were to be"
// ("enrolment was to be paused if …"), not in a relative clause ("patients who were to be
// infused received G-CSF if …").
func planBefore(us []unit, end int) bool {
	from := end
	for from > 0 && us[from-1].norm != ";" && us[from-1].norm != "," {
		from--
	}
	for k := from; k < end; k++ {
		if k > 0 && (relativeWords[us[k-1].norm] || us[k-1].norm == "who") {
			continue // "patients who were to be infused"
		}
		if planModals[us[k].norm] || (us[k].norm == "was" || us[k].norm == "were") && k+2 < end && us[k+1].norm == "to" && us[k+2].norm == "be" {
			return true
		}
	}
	return false
}

// scopes computes the reach of every negation, hypothetical and exclude cue: from the cue
// forward and/or backward, at most the cue's scope in words, cut at terminators and ";" (but
// those the cue crosses) and at the words that end it. A cue that holds only without some
// signal (CueGroup.UnlessSignal) is dropped first from a sentence that has one.
func (c *Classifier) scopes(st *sentenceState) []scope {
	c.dropUnheldCues(st)
	var out []scope
	flat := -1
	flattened := func() bool { // computed once, only for a cue that reaches back over cells
		if flat < 0 {
			flat = 0
			if flattenedTable(st.units) {
				flat = 1
			}
		}
		return flat == 1
	}
	lower := -1                   // whether the sentence has a lower-case letter (computed once, when asked)
	acronym := func(k int) bool { // a word in capitals in a sentence that is not all capitals: "WHO grade 3"
		if !capitalsOnly(st.units[k].cased) {
			return false
		}
		if lower < 0 {
			lower = 0
			for _, u := range st.units {
				if strings.ToUpper(u.cased) != u.cased {
					lower = 1
					break
				}
			}
		}
		return lower == 1
	}
	isTerm := func(cg *CueGroup, k int, dir string) bool {
		if st.units[k].norm == ";" {
			return !cg.crossForms[";"] // an exclusion list's items: "uncontrolled infections; pregnancy"
		}
		if cg.endForms[st.units[k].norm] && (k == 0 || !relativeWords[st.units[k-1].norm] || nonRestrictive(st.units, k-1)) && !acronym(k) && !soFar(st.units, k) {
			return true // (not the verb of a relative clause inside the reach: "… by CRS that developed on day 2, and by ICANS"; nor an acronym, "WHO grade 3"; but ", which reflects …" comments on the clause)
		}
		if dir == Forward && (cg.Category == CueNegated || cg.Category == CueHypothetical) && st.colonOpensCount(k) {
			return true // "four were not infused: two died of sepsis", "watched for ICANS: 3 had grade 2 ICANS"
		}
		for _, h := range st.cues {
			if h.entry.cue.Category == CueTerminator && h.start == k &&
				(h.entry.cue.Direction == Both || h.entry.cue.Direction == dir) &&
				!cg.crossForms[strings.Join(h.entry.norms, " ")] {
				return true
			}
		}
		return false
	}
	for _, h := range st.cues {
		cg := h.entry.cue
		switch cg.Category {
		case CueNegated, CueHypothetical, CueGeneric, CueExclude:
		default:
			continue
		}
		if cg.forward != nil && (opensSentence(st.units, h.start) || h.start > 0 && st.units[h.start-1].norm == ";") {
			cg = cg.forward // "At baseline, 12 of the 60 adults had anaemia": opening, it reaches forward
		}
		// A cue read only where it opens its sentence opens one after a colon too, as a
		// step of an algorithm does, after a leading adverbial clause ("For grade 2 CRS,
		// give …") and after a semicolon, which opens a clause as a sentence does ("…may
		// occur; monitor liver tests and give corticosteroids"), or a lower-case step after
		// a colon ("Grade 3 CRS: transfer to intensive care and give dexamethasone"), when no
		// verb of its own follows it there ("…; repeat doses of tocilizumab were needed" is
		// no command); other frames keep to the sentence's own opening.
		afterBreak := h.start > 0 && (st.units[h.start-1].norm == ";" || st.units[h.start-1].norm == ":") && !st.verbIn(h.end, stepEnd(st.units, h.end))
		afterSemicolon := afterBreak && st.units[h.start-1].norm == ";"
		// A generic frame opens the clause a contrast opens after a comma too ("We saw CRS in
		// 60%, whereas ELIANA reported it in 77%"): that clause is the other work's.
		afterContrast := cg.Category == CueGeneric && st.contrastOpensAt(h.start)
		opens := opensSentence(st.units, h.start) || cg.OpeningOnly && (opensAfterColon(st.units, h.start) || opensAfterLead(st.units, h.start) || afterBreak || afterContrast) ||
			cg.Frame && opensAfterReport(st.units, h.start) && !c.ownIn(st, 0, clauseEnd(st, 0))
		contrasted := cg.Category == CueGeneric && st.contrastOpens(h.start)
		// "No patient developed ICANS, whereas neurotoxicity was reported in 18% of KarMMa
		// participants": a frame named inside a clause that a comma and a contrast open
		// makes that clause, from the contrast on, other work.
		// That clause ends where contrastClauseEnd says, and it is no other work's where
		// its words before the name name the report's own patients ("…, whereas CRS arose
		// in 12 of our 40 adults and in most KarMMa participants").
		if cg.Category == CueGeneric && cg.Frame && !opens && !contrasted {
			from := st.contrastClauseBefore(h.start)
			end, other := -1, false
			if from >= 0 && !c.ownIn(st, from, h.end) {
				end, other = c.contrastClauseEnd(st, h.end)
			}
			if other {
				out = append(out, scope{cue: h, start: from, end: end})
				continue // that clause is all the frame's reach
			}
			if cg.OpeningOnly {
				// "Severe ICANS in our cohort (5%) compares favourably with the severe
				// neurotoxicity reported in TRANSCEND": what a comparison names before the
				// other work's name is that work's
				if from := st.comparedBefore(h.start); from >= 0 && st.tiedToWork(from, h.start) && !c.ownIn(st, from, h.end) {
					out = append(out, scope{cue: h, start: from, end: h.start})
				}
				continue // (a frame read anywhere keeps its own reach where the clause is ours)
			}
		}
		if cg.OpeningOnly && !opens && !(cg.Frame && contrasted) {
			continue
		}
		max := cg.Scope
		if max == 0 {
			max = defaultScope
		}
		first := len(out) // this cue's scopes start here
		if cg.Frame && opens && !contrasted {
			max = len(st.units) // "In an earlier study of the product, …": the whole sentence
		}
		if contrasted {
			// "Unlike in the pivotal trial, grade 3 CRS arose in 2 of our 20 adults": the
			// other work stands in the opening clause, and its reach ends with it.
			from := h.end
			k := from
			for k < len(st.units) && !(st.units[k].norm == "," && !relativeAfter(st.units, k)) && !isTerm(cg, k, Forward) {
				k++
			}
			if k > from {
				out = append(out, scope{cue: h, start: from, end: k})
			}
			if cg.Frame && !opens && h.start > 0 {
				// "Whereas grade 3 ICANS was reported in 28% of ZUMA-1 participants, …": a
				// frame named inside the contrasting clause makes all of that clause other work.
				out = append(out, scope{cue: h, start: 0, end: h.start})
			}
			// Its backward reach is the usual one: "Although neurotoxicity is a frequent
			// complication of methotrexate, …" is knowledge up to the opening word.
		} else if cg.Direction == Forward || cg.Direction == Both {
			from := h.end
			// "none of the 4 recipients of the product developed CRS": CRS, after the verb of a
			// subject that names people; a subject of events is itself denied ("none of the
			// AEs were treatment-related").
			if v := subjectVerbAt(st.units, cg, h.end, func(k int) bool { return isTerm(cg, k, Forward) }); v >= 0 && (st.hasClassIn(h.start, v, CountNounClass) || cg.NeedsVerb && !st.eventSubject(h.end)) {
				from = v // (": none of the 9 given tocilizumab developed ICANS": people, though no noun says so)
			} else if cg.NeedsVerb && v < 0 {
				continue // ": none of the 12 patients with grade 1 CRS and …": a tally line denies nothing
			}
			// "Without premedication, CRS developed …", "Although no grade ≥3 CRS was observed,
			// grade 2 ICANS …": a negation in a phrase or clause set before the main clause
			// ends where that clause begins.
			fronted := cg.Category == CueNegated && (cg.Fronted && opensSentence(st.units, h.start) || st.contrastOpens(h.start))
			words, k := 0, from
			for ; k < len(st.units); k++ {
				if isTerm(cg, k, Forward) && !st.serialListAnd(from, k) && !(k == h.end && st.units[k].word && cg.endForms[st.units[k].norm]) {
					break // (a word that ends the reach is the cue's own verb right after it: "had not developed VAP")
				}
				if cg.Category == CueHypothetical && cg.crossForms != nil && k > from && c.crossedIntoCount(st, h, k) {
					break // "tocilizumab was given if CRS reached grade 2, and grade 3 ICANS developed in 4 of 30": the crossed clause reports
				}
				if fronted && st.units[k].norm == "," && st.mainClauseAfter(from, k, cg.Fronted || st.verbIn(0, h.start) || st.wordIn(0, h.start, reportVerbs)) {
					break
				}
				if st.units[k].word {
					words++
					if words > max {
						break
					}
				}
			}
			if (cg.Category == CueNegated || cg.Category == CueGeneric && max >= defaultScope) && words > max {
				// "no grade ≥3 CRS or ICANS, deaths or DLTs were reported", "is associated with
				// toxicities including CRS, neurotoxicity, cytopenias and infections" (not a
				// modifier's short reach: "preexisting infection and infection during …")
				k = st.outcomeListEnd(k, cg.Category == CueGeneric)
			}
			// "No complications (such as low blood pressure, bradycardia or rash) were seen":
			// a bracket opened in the reach belongs to the words before it, to its close.
			if k < len(st.units) {
				k = bracketEnd(st.units, from, k, func(u int) bool { return isTerm(cg, u, Forward) })
			}
			if k > from {
				out = append(out, scope{cue: h, start: from, end: k})
			}
			// "For grade 2 CRS, give tocilizumab": a frame opening the main clause after a
			// leading clause or a colon holds that lead too, the condition of its instruction
			// (not a clause a semicolon closed, which stands on its own, nor the report's own
			// clause that a contrast sets the other work against: "We saw CRS in 60%, whereas
			// ELIANA …").
			if cg.Frame && opens && h.start > 0 && !opensSentence(st.units, h.start) && !afterSemicolon && !afterContrast {
				out = append(out, scope{cue: h, start: 0, end: h.start})
			}
		}
		if cg.Direction == Backward || cg.Direction == Both {
			words, k := 0, h.start-1
			cells, last := 0, 0 // numbers in a row, brackets aside (a flattened table's cells), and the run's last
			for ; k >= 0; k-- {
				if st.units[k].norm == ")" {
					// "late infections and cytopenias (neutropenia, anaemia … beyond the first
					// month) are associated with": a bracket is an aside, its words no part of
					// the reach's count
					if o := openingBracket(st.units, k); o >= 0 {
						k = o
						continue
					}
				}
				// "Nephrotoxicity, defined as a rise in creatinine of 0.5 mg/dL, was not
				// observed": a definition set off by commas is an aside as a bracket is
				if o := st.commaAsideCue(k); o >= 0 {
					k = o
					continue
				}
				if isTerm(cg, k, Backward) && !(cg.Category == CueNegated && (st.terminatorEndsAt(k, h.start) || st.serialListAndBefore(k, h.start))) {
					break
				}
				// "Because three of the first six adults developed grade 3 ICANS, the protocol
				// was amended": a clause of cause that opens the sentence is held apart up to
				// its comma; no cue after it reaches back into it (a clause of contrast is
				// not: "While CAR-T cells can induce remission, relapse remains a challenge"
				// states the knowledge of both)
				if st.units[k].norm == "," && st.causeOpens(k) {
					break
				}
				if u := st.units[k]; u.word && u.norm[0] >= '0' && u.norm[0] <= '9' {
					// "… Pneumonia b 4 1 0.37 … a Fever is defined as …": a table's
					// footnote defines its own term, not the rows above it
					if cells++; cells == 1 {
						last = k
					} else if cells == tableRunLen && flattened() {
						k = last
						break
					}
				} else if u.word {
					cells = 0
				}
				if st.units[k].word {
					words++
					if words > max {
						break
					}
				}
			}
			if cg.Category == CueNegated && words > max && k >= 0 {
				k = st.negatedListHead(k, h.start)
			}
			if k+1 < h.start {
				out = append(out, scope{cue: h, start: k + 1, end: h.start})
			}
		}
		// "Sepsis, a frequent complication in earlier trials, occurred in two of our
		// patients": other work named in an aside set off by commas after an event speaks of
		// the aside only
		if cg.Category != CueGeneric {
			continue
		}
		if l, r := st.asideAround(h.start, h.end); l >= 0 {
			kept := out[:first]
			for _, sc := range out[first:] {
				if sc.start <= l {
					sc.start = l + 1
				}
				if sc.end > r {
					sc.end = r
				}
				if sc.start < sc.end {
					kept = append(kept, sc)
				}
			}
			out = kept
		}
	}
	return out
}

// commaAsideCue returns the comma that opens an aside closed by the comma at unit k, when
// a forward hypothetical cue that opens with a comma opens it (a definition, ", defined as
// … ,"; not a pseudo-cue's ", most commonly …,"), with no comma or clause end between, or -1.
func (s *sentenceState) commaAsideCue(k int) int {
	if s.units[k].norm != "," {
		return -1
	}
	for _, h := range s.cues {
		if h.start >= k || len(h.entry.norms) == 0 || h.entry.norms[0] != "," || h.entry.cue.Direction != Forward || h.entry.cue.Category != CueHypothetical {
			continue
		}
		aside := true
		for u := h.end; u < k; u++ {
			if n := s.units[u].norm; n == "," || clauseEnds[n] || n == "." {
				aside = false
				break
			}
		}
		if aside {
			return h.start
		}
	}
	return -1
}

// asideAround returns the commas around the words [start, end) when they stand in an aside
// that follows an outcome term and that its clause's verb follows ("Sepsis, a frequent
// complication in earlier trials, occurred …"), or -1, -1.
func (s *sentenceState) asideAround(start, end int) (int, int) {
	l := start - 1
	for l >= 0 && s.units[l].norm != "," {
		if n := s.units[l].norm; n == ";" || n == "(" || n == ")" || n == ":" {
			return -1, -1
		}
		l--
	}
	if l < 1 || !slices.ContainsFunc(s.hits, func(h hit) bool { return h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) && h.end == l }) {
		return -1, -1
	}
	r := end
	for r < len(s.units) && s.units[r].norm != "," {
		if n := s.units[r].norm; n == ";" || n == "." || n == "(" || n == ")" || n == ":" {
			return -1, -1
		}
		r++
	}
	if r+1 >= len(s.units) || r-l > asideWords || !clauseVerbs[s.units[r+1].norm] {
		return -1, -1 // (an item of a list is no aside: "hemorrhage, infection, the need …, anxiety")
	}
	return l, r
}

// asideWords is the most units an aside between commas may hold.
const asideWords = 16

// relativeAfter reports whether the comma at unit k opens a relative clause of the phrase
// before it ("Unlike in ZUMA-1, where neurotoxicity peaked on day 5, …"): that clause is
// the phrase's own.
func relativeAfter(us []unit, k int) bool {
	return k+1 < len(us) && (us[k+1].norm == "where" || us[k+1].norm == "which" || us[k+1].norm == "in" && k+2 < len(us) && us[k+2].norm == "which")
}

// negatedListHead returns where a backward negation that starts at unit cue, whose reach
// ran out of words at unit k inside a list of kinds, reaches: to the words the list's head
// ("such as", "including") names the kinds of, so that "Complications such as headache,
// dizziness, nausea, and vomiting did not occur" denies the complications. It returns k
// when the words before the cue are no list of two or more items after such a head.
func (s *sentenceState) negatedListHead(k, cue int) int {
	comma := false
	for j := cue - 1; j >= 0 && cue-j < 40; j-- {
		for _, h := range s.hits {
			if h.class != ListHeadClass || h.end != j+1 {
				continue
			}
			if !comma || h.value != ListKindsValue {
				return k
			}
			np := h.start
			for np > 0 && h.start-np < 4 && s.units[np-1].word && !isNumber(s.units[np-1].norm) && !notListWords[s.units[np-1].norm] && s.units[np-1].norm != "and" && s.units[np-1].norm != "or" {
				np--
			}
			return np - 1
		}
		switch u := s.units[j]; {
		case u.norm == ",":
			comma = true
		case u.norm == "and" || u.norm == "or":
		case !u.word || isNumber(u.norm) || notListWords[u.norm]:
			return k
		}
	}
	return k
}

// mainClauseAfter reports whether the comma at unit k ends a phrase or clause set before
// the main clause, for a negation whose reach starts at unit from: the words before the
// comma hold their own verb ("Although no grade ≥3 CRS was observed, …"), or, after a
// fronted phrase or a clause whose verb came before the negation (phrase), the words after
// it up to the next comma do ("Without premedication, CRS developed …", "Although there
// were no deaths, infections occurred …"), or a personal subject opens them ("Since earlier
// studies reported no interactions, we here report three cases …"). A list of items
// ("Although no CRS, ICANS or infection occurred, …") runs on to its verb.
func (s *sentenceState) mainClauseAfter(from, k int, phrase bool) bool {
	if s.verbIn(from, k) {
		return true
	}
	if !phrase {
		return false
	}
	if k+1 < len(s.units) && personalSubjects[s.units[k+1].norm] {
		return true
	}
	next := k + 1
	for next < len(s.units) && s.units[next].norm != "," && s.units[next].norm != ";" {
		next++
	}
	return s.verbIn(k+1, next)
}

// verbIn reports whether a clause verb stands in the units [from, to): "Although there were
// no deaths, …" has the verb of its clause before its negation.
func (s *sentenceState) verbIn(from, to int) bool {
	return s.wordIn(from, to, clauseVerbs)
}

// wordIn reports whether a word of set stands in the units [from, to).
func (s *sentenceState) wordIn(from, to int, set map[string]bool) bool {
	return slices.ContainsFunc(s.units[from:to], func(u unit) bool { return set[u.norm] })
}

// clauseVerbs are the verbs that show a clause of its own: one before a fronted negation
// (verbIn), one right after an aside's closing comma, going on with the clause the aside
// interrupts (asideAround), one before a colon, which makes what precedes it no label
// (labelGrade), one after a count that opens the clause after a colon (colonOpensCount).
var clauseVerbs = map[string]bool{"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "have": true,
	"did": true, "developed": true, "occurred": true, "experienced": true, "required": true, "needed": true, "received": true,
	"arose": true, "emerged": true, "resolved": true, "remained": true, "showed": true, "died": true, "reached": true,
	"affected": true, "complicated": true, "can": true, "may": true, "might": true, "could": true, "led": true, "leads": true,
	"caused": true, "causes": true, "persisted": true, "lasted": true, "responded": true, "appeared": true, "became": true,
	"tends": true, "tend": true, "occurs": true, "develops": true, "remains": true}

// reportVerbs are the verbs by which a clause reports what a study saw: before a fronted
// negation they show its clause too ("Whereas the pivotal trial reported no grade 5 CRS,
// grade 4 CRS occurred …"), but they are no clause verbs elsewhere (labelGrade reads
// "Grade 3-4 events observed: …" as a label).
var reportVerbs = map[string]bool{"reported": true, "observed": true, "described": true, "found": true, "noted": true, "saw": true, "documented": true, "recorded": true}

// personalSubjects open a main clause with its subject: "…, we report".
var personalSubjects = map[string]bool{"we": true, "they": true}

// terminatorEndsAt reports whether a terminator cue that starts at unit k ends at unit end,
// where a backward negation starts: the verb of the negation's own clause ("ICANS was
// reported in none of the patients"), which ends no reach of it. (Other backward cues keep
// stopping there: a plan or knowledge after "was reported" is another clause's.)
func (s *sentenceState) terminatorEndsAt(k, end int) bool {
	return slices.ContainsFunc(s.cues, func(h hit) bool {
		return h.entry.cue.Category == CueTerminator && h.start == k && h.end == end
	})
}

// comparedInTitle reports whether the trial a title names at unit k is set against the
// report's own study, not its own: "… versus ZUMA-1", "… outside ZUMA-1", "patients who would
// not have qualified for MajesTEC-1", "ineligible for KarMMa".
func comparedInTitle(us []unit, k int) bool {
	if k < 1 {
		return false
	}
	switch us[k-1].norm {
	case "versus", "vs", "than", "unlike", "outside", "beyond":
		return true
	case "for", "to":
		return k >= 2 && titleEligibility[us[k-2].norm]
	}
	return false
}

// titleEligibility are the words of eligibility before "for" that set a trial against the
// report's own patients in a title ("ineligible for", "qualified for").
var titleEligibility = map[string]bool{"eligible": true, "ineligible": true, "qualified": true, "qualify": true, "enrolled": true, "enrolment": true, "enrollment": true, "criteria": true, "compared": true, "comparison": true}

// serialListAnd reports whether unit k opens the ", and" before the last item of a serial
// list in a cue's reach that starts at from: "is associated with fever, rash, and CRS". The
// reach already holds a comma, and the item after "and" is at most four words, none a count,
// a verb or a preposition, that end their clause ("… rash, and other skin changes [4]."). A
// clause joined by ", and" ("No CRS occurred, and two had ICANS"; "no CRS in arm A,
// fever, and ICANS in arm B") still ends the reach. It reads words only, not terms, so that
// the status of any phrase (context, StatusAt) is decided as a tag's is.
func (s *sentenceState) serialListAnd(from, k int) bool {
	if k+2 >= len(s.units) || s.units[k].norm != "," || s.units[k+1].norm != "and" {
		return false
	}
	comma := false
	for j := from; j < k && !comma; j++ {
		comma = s.units[j].norm == ","
	}
	if !comma {
		return false
	}
	for j := k + 2; j < len(s.units) && j <= k+6; j++ {
		u := s.units[j]
		if j > k+2 && listItemEnds[u.norm] {
			return true
		}
		if !s.listWord(j) {
			return false
		}
	}
	return k+6 >= len(s.units)
}

// serialListAndBefore reports whether unit k opens the ", and" before the last item of a
// serial list that ends where a backward negation starts: "CRS, ICANS, and infections were
// not seen". The last item runs from "and" to the cue, and the item before the comma back to
// another comma; each is at most four words, none a count, a verb or a preposition. A
// clause joined by ", and" ("In arm A, CRS arose in 3, and ICANS was not seen") still ends
// the reach: its words before the comma are no list item.
func (s *sentenceState) serialListAndBefore(k, end int) bool {
	if k+2 >= end || end-(k+2) > 4 || s.units[k].norm != "," || s.units[k+1].norm != "and" {
		return false
	}
	item := s.listWord
	for j := k + 2; j < end; j++ {
		if !item(j) {
			return false
		}
	}
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		if s.units[j].norm == "," {
			return j < k-1
		}
		if !item(j) {
			return false
		}
	}
	return false
}

// listWord reports whether unit k may be a word of a list's item: a word, no count (in
// figures or words) and none of notListWords (a verb or a preposition).
func (s *sentenceState) listWord(k int) bool {
	u := s.units[k]
	return u.word && !isNumber(u.norm) && len(s.numbersAt(k)) == 0 && !notListWords[u.norm]
}

// shortItemAfter reports whether the words from unit k to the next comma or the sentence's
// end are a list's last item, not a clause: at most three words, none a count, a verb or a
// preposition of notListWords ("and agammaglobulinemia, and …", not "and infection arose in
// 6 of our adults").
func (s *sentenceState) shortItemAfter(k int) bool {
	words := 0
	for ; k < len(s.units); k++ {
		u := s.units[k]
		if u.norm == "," || u.norm == "." || u.norm == ";" {
			break
		}
		if !s.listWord(k) {
			return false
		}
		if words++; words > 3 {
			return false
		}
	}
	return words > 0
}

// eventSubject reports whether the subject that starts at unit k (after "none of") is made
// of events, not people: its head, past a determiner and a number, is an outcome term or a
// word of events ("none of the CRS events was grade 3", "none of the infusions was followed
// by …"), which the denial itself denies.
func (s *sentenceState) eventSubject(k int) bool {
	for k < len(s.units) && (subjectLeads[s.units[k].norm] || isNumber(s.units[k].norm)) {
		k++
	}
	if k >= len(s.units) {
		return false
	}
	if eventUnits[s.units[k].norm] || eventNouns[s.units[k].norm] {
		return true
	}
	for _, h := range s.hits {
		if h.start == k && h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) {
			return true
		}
	}
	return false
}

// subjectLeads are the determiners before a denied subject's head ("none of the", "of our").
var subjectLeads = map[string]bool{"the": true, "our": true, "these": true, "those": true, "its": true, "their": true}

// eventNouns are heads of a subject of events besides eventUnits ("none of the cases").
var eventNouns = map[string]bool{"event": true, "cases": true, "case": true, "episode": true, "reactions": true, "infections": true}

// soFar reports whether unit k is the "so" of "so far", a time adverb ("none of the 12
// participants treated so far has developed ICANS"), not the conjunction that opens a
// clause of its own.
func soFar(units []unit, k int) bool {
	return units[k].norm == "so" && k+1 < len(units) && units[k+1].norm == "far" &&
		(k+2 >= len(units) || !comparatives[units[k+2].norm]) // not ", so far fewer developed …": a degree
}

// listItemEnds are the units after which a list's last item has ended its clause.
var listItemEnds = map[string]bool{".": true, ",": true, ";": true, ":": true, "(": true, "[": true}

// notListWords are the verbs and prepositions that show a clause, not a list's last item,
// after ", and".
var notListWords = map[string]bool{"was": true, "were": true, "is": true, "are": true, "had": true, "has": true, "have": true,
	"did": true, "developed": true, "occurred": true, "experienced": true, "required": true, "needed": true, "received": true,
	"in": true, "at": true, "on": true, "after": true, "during": true, "for": true, "with": true, "by": true, "from": true,
	"then": true, "also": true, "we": true, "they": true, "it": true, "there": true, "no": true, "not": true}

// outcomeListEnd returns where a list of outcome terms that runs through unit k ends: a
// negation's reach that stops inside "CRS, ICANS, deaths or DLTs" covers the whole list.
// It returns k when no outcome term covers unit k, except that with throughItem a reach
// that stops inside a list's item of other words ("are common and include organ damage from
// high-dose chemotherapy, infection, haemorrhage") runs on when outcome terms follow that
// item's joiner (listItemRest): the cue's list is theirs too.
func (s *sentenceState) outcomeListEnd(k int, throughItem bool) int {
	covering := func(u int) int { // the end of an outcome term covering unit u, or -1
		end := -1
		for _, h := range s.hits {
			if h.start <= u && u < h.end && h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) {
				end = max(end, h.end)
			}
		}
		return end
	}
	e := covering(k)
	if e < 0 && k > 0 && k < len(s.units) && covering(k-1) == k {
		e = k // the reach ended right after a term, at the list's joiner
	}
	if e < 0 && throughItem {
		e = s.listItemRest(k, covering)
	}
	if e < 0 {
		return k
	}
	for e < len(s.units) {
		n := s.units[e].norm
		next := e + 1
		if n == "," && next < len(s.units) && (s.units[next].norm == "or" || s.units[next].norm == "and") {
			next++
		}
		if n != "," && n != "or" && n != "and" && n != "nor" || next >= len(s.units) {
			break
		}
		f := covering(next)
		if f < 0 && throughItem {
			// "infection, bleeding and graft-versus-host disease": an item of other words
			// between outcome terms keeps the list going
			f = s.listItemRest(next, covering)
		}
		if f < 0 {
			break
		}
		e = f
	}
	return e
}

// listItemRest returns the end of the outcome term that follows the first joiner (a comma,
// "and", "or") after unit k, in a list item (at most four words on, no verb or clause word
// between), or that the item's own words lead to ("B-cell aplasia-associated
// hypogammaglobulinemia"), when that term ends the sentence or the list goes on after it
// (", infection, haemorrhage"): not a term that a relative clause follows (", and neutropenia, which
// lasted …"), and after ", and" or ", or" only the list's last term, the
// sentence's end right after it (else ", and" may open a clause of its own); else -1.
func (s *sentenceState) listItemRest(k int, covering func(int) int) int {
	words := 0
	for c := k; c < len(s.units); c++ {
		u := s.units[c]
		if u.norm == "," || u.norm == "and" || u.norm == "or" {
			next, clause := c+1, false
			if u.norm == "," && next < len(s.units) && (s.units[next].norm == "and" || s.units[next].norm == "or") {
				next, clause = next+1, true
			}
			e := covering(next)
			if e < 0 {
				return -1
			}
			if e == len(s.units) {
				return e
			}
			switch n := s.units[e].norm; {
			case n == ".":
			case clause:
				return -1
			case n == ",":
				if e+1 < len(s.units) && relativeWords[s.units[e+1].norm] {
					return -1
				}
			case n != "and" && n != "or":
				return -1
			}
			return e
		}
		if e := covering(c); e >= 0 && words > 0 && c == k+words {
			// "…, B-cell aplasia-associated hypogammaglobulinemia and …": the item's own
			// words lead to its outcome term, which ends it as a joiner or the end follows
			if e == len(s.units) {
				return e
			}
			switch n := s.units[e].norm; {
			case n == ".":
				return e
			case n == "and" || n == "or":
				if s.shortItemAfter(e + 1) {
					return e // "… hypogammaglobulinemia and agammaglobulinemia, …"
				}
				return -1 // "… and infection arose in 6 of our adults": a clause
			case n == ",":
				if e+1 < len(s.units) && relativeWords[s.units[e+1].norm] {
					return -1
				}
				return e
			}
			return -1
		}
		if !u.word || notListWords[u.norm] || covering(c) >= 0 {
			return -1
		}
		if words++; words > 4 {
			return -1
		}
	}
	return -1
}

// deniedTreatmentCue ends the cue of an outcome that a denied treatment was to be given for:
// "for CRS (a denied treatment)".
const deniedTreatmentCue = " (a denied treatment)"

// consequenceBefore returns where a ConsequenceClass term ends right before outcome m starts
// ("ICU admission for CRS", "discontinuation due to grade 3 ICANS": at most two words
// between), or -1.
func consequenceBefore(st *sentenceState, m match) int {
	for _, h := range st.hits {
		if h.class == ConsequenceClass && h.end <= m.ustart && m.ustart-h.end <= 2 && allWords(st.units[h.end:m.ustart]) {
			return h.start
		}
	}
	return -1
}

// DiseaseClass is the class of the disease vocabularies' terms (the facet's own name): a
// disease named before an exclude cue is what its treatment failed.
const DiseaseClass = "disease"

// deathsAfter returns where the words that make outcome m the cause of deaths end, right
// after it or after the rest of a short list it opens ("CRS-related deaths", "CRS or
// ICANS related deaths", "ICANS-associated mortality"), or 0.
func deathsAfter(st *sentenceState, m match) int {
	us := st.units
	k := st.skipList(m.uend, 1, 4, nil) // "CRS or ICANS related deaths": the rest of the list
	if k+1 >= len(us) {
		return 0
	}
	switch us[k].norm {
	case "related", "associated", "attributable":
	default:
		return 0
	}
	if deathWords[us[k+1].norm] {
		return k + 2
	}
	return 0
}

// deathWords name deaths, as denied deaths that an event would have caused write them.
var deathWords = map[string]bool{"death": true, "deaths": true, "mortality": true, "fatality": true, "fatalities": true}

// skipList returns the unit reached from unit k, stepping by dir (1 forward, -1 back) over
// at most most units of a list of outcomes: "or", "and", a comma, an outcome term's words,
// or a word also accepts ("grade", a numeral).
func (st *sentenceState) skipList(k, dir, most int, also func(string) bool) int {
	for n := 0; n < most; n++ {
		u := k
		if dir < 0 {
			u = k - 1
		}
		if u < 0 || u >= len(st.units) {
			break
		}
		w := st.units[u].norm
		if w != "or" && w != "and" && w != "," && !st.outcomeAt(u) && (also == nil || !also(w)) {
			break
		}
		k += dir
	}
	return k
}

// deathsBefore reports whether outcome m is what denied deaths named before it were
// related to: "no deaths related to CRS", "no deaths were attributed to ICANS" (a death
// word at most three units before "related to", "attributed to", "attributable to", "due
// to" or "caused by", with at most a list's words of other outcomes between those and m).
func deathsBefore(st *sentenceState, m match) bool {
	us := st.units
	k := st.skipList(m.ustart, -1, 4, nil)
	if k < 2 || !(us[k-1].norm == "to" || us[k-1].norm == "by") {
		return false
	}
	switch us[k-2].norm {
	case "related", "attributed", "attributable", "due", "caused":
	default:
		return false
	}
	for j := k - 3; j >= 0 && j >= k-5; j-- {
		if deathWords[us[j].norm] {
			return true
		}
	}
	return false
}

// outcomeAt reports whether unit k is inside a term of CRS, ICANS or an adverse event.
func (st *sentenceState) outcomeAt(k int) bool {
	for _, h := range st.hits {
		if h.start <= k && k < h.end && h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) && h.entry.vocab.Facet != toxicityTreatmentFacet {
			return true
		}
	}
	return false
}

// stoppedBecauseBefore reports whether outcome m is the reason a denied stop names before
// it: "discontinued therapy because of", "withdrew due to", "stopped treatment because of"
// (a verb of stopping at most three words before "because of" or "due to"), with at most a
// grade ("because of grade 3 CRS") or a list's words of other outcomes ("because of CRS or
// ICANS") between those and m.
func stoppedBecauseBefore(st *sentenceState, m match) bool {
	us := st.units
	k := st.skipList(m.ustart, -1, 5, gradeListWord) - 2
	if k < 1 || !(us[k].norm == "because" || us[k].norm == "due") || !(us[k+1].norm == "of" || us[k+1].norm == "to") {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch us[j].norm {
		case "discontinued", "stopped", "withdrew", "withdrawn", "interrupted", "discontinue", "stop":
			return true
		}
	}
	return false
}

// noneOfWere reports whether outcome m stands in "none of the <events> were <what they
// were>" ("None of the infections were fatal", "none of the grade 3 infections or CRS
// episodes was severe"): the denial is of a quality of events that happened. Up to four
// words of the events' own (a grade, a kind, a list's other items) may stand on either side
// of m.
func noneOfWere(st *sentenceState, m match) bool {
	us := st.units
	eventWord := func(w string) bool { return gradeListWord(w) || w == "events" || w == "episodes" || w == "cases" }
	k := m.ustart
	for n := 0; n < 4 && k > 0 && us[k-1].norm != "the" && us[k-1].norm != "these" && us[k-1].norm != "those" && us[k-1].norm != "of" &&
		us[k-1].word && !subjectVerbs[us[k-1].norm]; n++ {
		k-- // "none of the bacterial infections", "none of the grade 3 infections"
	}
	if k >= 1 && (us[k-1].norm == "the" || us[k-1].norm == "these" || us[k-1].norm == "those") {
		k--
	}
	if k < 2 || us[k-1].norm != "of" || us[k-2].norm != "none" {
		return false
	}
	e := st.skipList(m.uend, 1, 4, eventWord) // "none of the infections or CRS episodes were fatal"
	if e+1 >= len(us) || us[e].norm != "was" && us[e].norm != "were" && us[e].norm != "proved" && us[e].norm != "became" {
		return false
	}
	switch us[e+1].norm {
	case "fatal", "severe", "serious", "life", "life-threatening", "lethal", "grade", "dose-limiting":
		return true // (not "judged to be related": cue.negated.subject reads that as a denial)
	}
	return false
}

// dosesCapped tells whether a denial caps the number of a treatment's doses: "more than
// two doses of tocilizumab", "more than a single dose of", "more than two tocilizumab
// doses", "more than one administration of" (capped: the treatment is neither denied nor
// said to have been given), or "fewer than two doses of" (atLeast: denying fewer than N
// says each patient had at least N, so the treatment was given).
func dosesCapped(st *sentenceState, m match) (capped, atLeast bool) {
	us := st.units
	k := m.ustart // the words before the number: "… than N doses of" before m, or "… than N" before m and "doses" after
	switch {
	case k >= 2 && us[k-1].norm == "of" && doseCountWords[us[k-2].norm]:
		k -= 2
	case m.uend < len(us) && doseCountWords[us[m.uend].norm]:
	default:
		return false, false
	}
	if k >= 2 && us[k-1].norm == "single" && us[k-2].norm == "a" {
		k-- // "a single dose": "a" is its number
	} else if k >= 1 && !isNumber(us[k-1].norm) && len(st.numbersAt(k-1)) == 0 {
		return false, false
	}
	if k < 3 || us[k-2].norm != "than" {
		return false, false
	}
	switch us[k-3].norm {
	case "more":
		return true, false
	case "fewer", "less":
		return false, true
	}
	return false, false
}

// doseCountWords are the words that count a treatment's doses.
var doseCountWords = map[string]bool{"dose": true, "doses": true, "course": true, "courses": true, "infusion": true,
	"infusions": true, "administration": true, "administrations": true}

// gradeListWord reports whether a word may stand in a list of graded outcomes beside their
// terms: "grade", "≥" or a numeral ("because of grade 3 CRS or ICANS").
func gradeListWord(w string) bool { return w == "grade" || w == "≥" || isNumeral(w) }

// listTailBefore reports whether the units [from, to) are the rest of a short list that a
// denied treatment opens, "or high-flow oxygen": an "or" first, then at most three words and
// no term of an outcome, so that "No patient needed vasopressors or high-flow oxygen for
// CRS" denies both, not the CRS.
func listTailBefore(st *sentenceState, from, to int) bool {
	if to-from < 2 || to-from > 4 || st.units[from].norm != "or" {
		return false // "vasopressors and most needed oxygen for CRS" is a clause of its own
	}
	for k := from; k < to; k++ {
		if st.outcomeAt(k) {
			return false
		}
	}
	return allWords(st.units[from:to])
}

// unlessAfterWords is the most units between a term of an exclude cue's UnlessAfter classes
// and the cue: "grade 3 CRS that did not improve within three days despite tocilizumab".
const unlessAfterWords = 10

// toxicityBefore reports whether the term nearest before unit at (the start of an exclude
// cue whose words end at end), at most unlessAfterWords units back with no clause break
// between, is of one of classes and no part of a disease's name: what the treatment the cue
// names was given for ("ICANS worsened despite dexamethasone", "CRS refractory to
// tocilizumab"), not the disease it failed ("CRS arose in the adult with lupus refractory to
// steroids", "immune thrombocytopenia refractory to steroids"). A cue that opens the
// sentence looks after its words instead: "Despite tocilizumab, CRS progressed".
func toxicityBefore(st *sentenceState, classes []string, at, end int) bool {
	if len(classes) == 0 {
		return false
	}
	kind := func(h hit) int { // 0: no term that counts, 1: a disease, 2: a toxicity
		switch {
		case h.class == DiseaseClass:
			return 1
		case !containsStr(classes, h.class):
			return 0
		case slices.ContainsFunc(st.hits, func(d hit) bool { return d.class == DiseaseClass && d.start <= h.start && h.end <= d.end }):
			return 1
		}
		return 2
	}
	near, nearKind := -1, 0
	for _, h := range st.hits {
		k := kind(h)
		if k == 0 {
			continue
		}
		if at <= 1 { // a fronted cue: the first term after it
			if h.start >= end && h.start-end <= unlessAfterWords && (near < 0 || h.start < near || h.start == near && k < nearKind) {
				near, nearKind = h.start, k
			}
			continue
		}
		if h.end <= at && at-h.end <= unlessAfterWords && !clauseBreakIn(st, h.end, at) &&
			(near < 0 || h.end > near || h.end == near && k < nearKind) {
			near, nearKind = h.end, k
		}
	}
	return nearKind == 2
}

// applyContext gives each tag its status, drops tags that exclude cues remove, and drops a
// term's own tag when a negated qualifier (a grade) governs it.
func (c *Classifier) applyContext(st *sentenceState, tags []match, rn *run) []match {
	scs := c.scopes(st)
	drop := make([]bool, len(tags))
	for k := range tags {
		t := &tags[k]
		for s := range scs {
			sc := &scs[s]
			if sc.cue.entry.cue.Category != CueExclude || sc.start >= t.send || sc.end <= t.sstart ||
				(sc.cue.start >= t.sstart && sc.cue.end <= t.send) {
				continue // not an exclusion, out of reach, or part of the tagged words themselves
			}
			if containsStr(sc.cue.entry.cue.AppliesTo, t.Facet) && !drop[k] && !toxicityBefore(st, sc.cue.entry.cue.UnlessAfter, sc.cue.start, sc.cue.end) {
				drop[k] = true
				ex := *t
				ex.cueRule = sc.cue.entry.cue.ID
				rn.excluded = append(rn.excluded, ex)
			}
		}
		if v := c.judge(st, scs, t.sstart, t.send, t.Facet, rn); v.status != Affirmed {
			t.Status, t.Cue, t.cueRule = v.status, v.cue, v.rule
			t.noCount = c.noCount[v.rule]
		}
	}
	// An abbreviation in brackets right after its long form, "… neurotoxicity syndrome
	// [ICANS]", is the same mention: it takes the long form's status, whatever a cue's
	// reach.
	for k := range tags {
		t := &tags[k]
		if t.ustart < 2 || t.uend >= len(st.units) || !openers[st.units[t.ustart-1].norm] || !closers[st.units[t.uend].norm] {
			continue
		}
		for j := range tags {
			if l := &tags[j]; j != k && l.Facet == t.Facet && l.Value == t.Value && l.uend == t.ustart-1 {
				t.Status, t.Cue, t.cueRule, t.noCount = l.Status, l.Cue, l.cueRule, l.noCount
				break
			}
		}
	}
	// "None of the infections were fatal": the negation denies what the events were, and
	// says they happened
	for k := range tags {
		if t := &tags[k]; t.Status == Negated && isOutcome(t.Facet) && t.Facet != toxicityTreatmentFacet && noneOfWere(st, *t) {
			t.Status, t.Cue, t.cueRule, t.noCount = Affirmed, "", "", false
		}
	}
	// "No patient received more than two doses of tocilizumab": the negation denies the
	// number of doses, not the treatment; that is neither denied nor said to have been given
	for k := range tags {
		t := &tags[k]
		if t.Status != Negated || t.Facet != toxicityTreatmentFacet {
			continue
		}
		switch capped, atLeast := dosesCapped(st, *t); {
		case capped:
			t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, "a denied number of doses", "", false
		case atLeast:
			t.Status, t.Cue, t.cueRule, t.noCount = Affirmed, "", "", false // "no patient had fewer than two doses"
		}
	}
	// "No patient needed corticosteroids for CRS": the negation denies the treatment, not
	// what it would have been given for; that is named as what would have called for it,
	// hypothetical: neither denied nor said to have happened.
	for k := range tags {
		t := &tags[k]
		if t.Status != Negated || t.Facet == toxicityTreatmentFacet || !isOutcome(t.Facet) {
			continue
		}
		// "No CRS-related deaths occurred", "No deaths were attributed to CRS", "No patient
		// discontinued therapy because of CRS": the deaths or the stopping are denied, and
		// CRS is what would have caused them
		if e := deathsAfter(st, *t); e > 0 {
			t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, textOf(st, t.uend, e)+" (a denied consequence)", "", false
			continue
		}
		if stoppedBecauseBefore(st, *t) {
			t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, "a denied stop (a denied consequence)", "", false
			continue
		}
		if deathsBefore(st, *t) {
			t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, "denied deaths (a denied consequence)", "", false
			continue
		}
		if c := consequenceBefore(st, *t); c >= 0 {
			// "No patient required ICU admission for CRS": the admission is denied, and
			// CRS is what would have called for it
			t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, textOf(st, c, t.ustart)+" (a denied consequence)", "", false
			continue
		}
		from := forBefore(st, *t)
		if from < 0 {
			continue
		}
		for j := range tags {
			if tr := tags[j]; tr.Facet == toxicityTreatmentFacet && tr.Status == Negated && tr.cueRule == t.cueRule && tr.uend <= from && (from-tr.uend <= 2 || listTailBefore(st, tr.uend, from)) {
				t.Status, t.Cue, t.cueRule, t.noCount = Hypothetical, textOf(st, from, t.ustart)+deniedTreatmentCue, "", false
				break
			}
		}
	}
	// Qualifiers: a negated grade leaves its term unsaid.
	for k := range tags {
		q := &tags[k]
		if len(q.qualifies) == 0 || q.Status != Negated || drop[k] {
			continue
		}
		for j := range tags {
			t := &tags[j]
			if j == k || t.ustart < q.mstart || t.uend > q.mend || t.Status != Negated {
				continue // a term outside the negation stays: "CRS occurred, with no grade ≥3 events"
			}
			for _, h := range st.hits {
				if h.start == t.ustart && h.end == t.uend && h.entry.vocab != nil && h.entry.vocab.ID == t.Rule && containsStr(q.qualifies, h.class) {
					drop[j] = true
				}
			}
		}
	}
	out := tags[:0]
	for k, t := range tags {
		if !drop[k] {
			out = append(out, t)
		}
	}
	return out
}

// keepContinuations drops each after_other_work cue ("However, …" continuing a cited
// study) whose sentence does not follow a sentence of other work in the same section, or
// names a study of the report's own.
func (c *Classifier) keepContinuations(rn *run) {
	for i, st := range rn.states {
		if st.skip || !slices.ContainsFunc(st.cues, func(h hit) bool { return h.entry.cue.AfterOtherWork }) {
			continue
		}
		if !slices.ContainsFunc(st.hits, func(h hit) bool { return h.entry.vocab != nil && isOutcome(h.entry.vocab.Facet) }) {
			// no outcome for the cue to govern: leave the signals unrun
			st.cues = slices.DeleteFunc(st.cues, func(h hit) bool { return h.entry.cue.AfterOtherWork })
			continue
		}
		j := i - 1
		for j >= 0 && rn.states[j].skip {
			j--
		}
		holds := false
		if j >= 0 && rn.states[j].sent.Section == st.sent.Section {
			prev := rn.states[j]
			c.ensureUnits(rn, prev)
			c.findSignals(prev)
			c.ensureUnits(rn, st)
			c.findSignals(st)
			// the report's own patients, study or plan ("the investigators chose …") end it
			holds = c.otherWork(prev) && !st.study && !(st.recordStudy && rn.kind == corpus.KindRegistry) && !c.ownIn(st, 0, len(st.units)) && !c.hasSignal(st, SignalPlan)
			rn.release(prev)
			rn.release(st)
		}
		if !holds {
			st.cues = slices.DeleteFunc(st.cues, func(h hit) bool { return h.entry.cue.AfterOtherWork })
		}
	}
}

// bullets are the marks that open an item of a list.
var bullets = map[string]bool{"•": true, "-": true, "*": true, "·": true, "–": true, "▪": true, "◦": true}

// bulleted reports whether a sentence's text opens with a bullet, read from the text so that
// a list's items need no units to be known.
func bulleted(text string) bool {
	text = strings.TrimLeft(text, " \t\n")
	for b := range bullets {
		if strings.HasPrefix(text, b) {
			return true
		}
	}
	return false
}

// listLead returns the verdict a list item (a sentence that opens with a bullet) takes from
// the sentence that leads its list: the nearest sentence before it that is no item, when
// that sentence ends with a colon and a hypothetical or generic cue reaches the colon ("Your
// team will be watching for:", "Monitor patients for:"); else nil.
func (c *Classifier) listLead(states []*sentenceState, i int, rn *run) *verdict {
	st := states[i]
	if !bulleted(st.sent.Text) {
		return nil
	}
	for j := i - 1; j >= 0 && j >= i-40; j-- {
		lead := states[j]
		if lead.skip || bulleted(lead.sent.Text) {
			continue // an item before this one, or a line left out (a short item is page furniture)
		}
		if lead.sent.Section != st.sent.Section {
			return nil
		}
		if !lead.listRead {
			lead.listRead = true
			c.ensureUnits(rn, lead)
			if us := lead.units; len(us) > 1 && us[len(us)-1].norm == ":" {
				n := len(us)
				if got := c.judge(lead, c.scopes(lead), n-2, n-1, "", nil); got.status == Hypothetical || got.status == Generic {
					lead.listVerdict = &got
				}
			}
			rn.release(lead)
		}
		return lead.listVerdict
	}
	return nil
}

// openers and closers are the brackets an abbreviation stands in.
var (
	openers = map[string]bool{"(": true, "[": true}
	closers = map[string]bool{")": true, "]": true}
)

// dedupe removes repeated tags (same facet, value and span) and sorts by position.
func dedupe(tags []match) []match {
	sort.SliceStable(tags, func(a, b int) bool {
		if tags[a].Start != tags[b].Start {
			return tags[a].Start < tags[b].Start
		}
		if tags[a].Facet != tags[b].Facet {
			return tags[a].Facet < tags[b].Facet
		}
		return tags[a].Value < tags[b].Value
	})
	out := tags[:0]
	for _, t := range tags {
		if n := len(out); n > 0 {
			p := out[n-1]
			if p.Facet == t.Facet && p.Value == t.Value && p.Start == t.Start && p.End == t.End {
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// relativeWords open a relative clause about a thing: a word a cue ends at ("developed") is
// none right after them ("by CRS that developed on day 2"). "Who" is not one: "patients
// without ICANS who developed CRS" ends the denial at the verb of the patients.
var relativeWords = map[string]bool{"that": true, "which": true}

// nonRestrictive reports whether the relative word at unit k is ", which" before a verb of
// comment (commentEnds): a comment on the clause before it ("…, which reflects early
// dexamethasone"), not a part of its noun; ", which developed on day 5" stays in the reach.
func nonRestrictive(us []unit, k int) bool {
	return k > 0 && k+1 < len(us) && us[k].norm == "which" && us[k-1].norm == "," && commentEnds[us[k+1].norm]
}

// commentEnds are the end words that comment on a clause after ", which".
var commentEnds = map[string]bool{"reflect": true, "reflects": true, "reflected": true}

// DocumentFacets computes a document's facets from its tagged sentences, as TAGS.md defines
// them and [Facet]'s methods decide: mention facets collect every value; outcome facets
// collect affirmed values, and "absent" (or "<value>: absent") for values only negated, by
// denials of the value itself ([Tag.DeniesValue]: "no grade ≥3 infections" is none).
// Sentences in furniture or reference sections do not count.
func DocumentFacets(sents []Sentence) map[string][]string {
	type acc struct{ counted, negated map[string]bool }
	accs := map[string]*acc{}
	for _, s := range sents {
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, t := range s.Tags {
			f, ok := LookupFacet(t.Facet)
			if !ok {
				continue
			}
			a := accs[t.Facet]
			if a == nil {
				a = &acc{counted: map[string]bool{}, negated: map[string]bool{}}
				accs[t.Facet] = a
			}
			switch {
			case f.Counts(t.Status):
				a.counted[t.Value] = true
			case t.DeniesValue():
				a.negated[t.Value] = true
			}
		}
	}
	out := map[string][]string{}
	for name, a := range accs {
		f, _ := LookupFacet(name)
		var vals []string
		for v := range a.counted {
			vals = append(vals, v)
		}
		for v := range a.negated {
			if absent, ok := f.AbsentValue(v); ok && !a.counted[v] && !slices.Contains(vals, absent) {
				vals = append(vals, absent)
			}
		}
		if len(vals) == 0 {
			continue
		}
		SortValues(vals)
		out[name] = vals
	}
	return out
}

// TagAt is a tag with the sentence it stands in.
type TagAt struct {
	Sentence *Sentence
	Tag      Tag
}

// Producers returns the tags that give the document the facet value value, in document
// order: the evidence of a value of r.Facets. For a facet trialtag does not know, every tag
// with that value.
func (r *Result) Producers(facet, value string) []TagAt {
	f, known := LookupFacet(facet)
	counted := map[string]bool{}
	for _, s := range r.Sentences {
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, t := range s.Tags {
			if t.Facet == facet && known && f.Counts(t.Status) {
				counted[t.Value] = true
			}
		}
	}
	var out []TagAt
	for i := range r.Sentences {
		s := &r.Sentences[i]
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, t := range s.Tags {
			if t.Facet != facet {
				continue
			}
			if known && f.Produces(t, value, counted[t.Value]) || !known && t.Value == value {
				out = append(out, TagAt{s, t})
			}
		}
	}
	return out
}

// SortValues sorts facet values as TAGS.md lists them: case-insensitively.
func SortValues(vals []string) {
	sort.Slice(vals, func(a, b int) bool {
		la, lb := strings.ToLower(vals[a]), strings.ToLower(vals[b])
		if la != lb {
			return la < lb
		}
		return vals[a] < vals[b]
	})
}

// capitalsOnly reports whether a word is written in capitals only, as an acronym is ("WHO",
// the World Health Organization, not the pronoun "who") when the text around it is not.
func capitalsOnly(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters > 1
}
