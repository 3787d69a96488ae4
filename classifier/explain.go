package classifier

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

// Explanation shows how one sentence was tagged: the units rules saw, the terms and cues
// found, every tag with the rule, pattern and captures that made it, each cue's scope and
// what it governs, and for toxicity terms left without a grade or a cue, the rules that nearly
// applied and why they did not.
type Explanation struct {
	Document   string          `json:"document"`
	Sentence   corpus.Sentence `json:"sentence"`
	Units      []ExplainUnit   `json:"units"`
	Terms      []ExplainTerm   `json:"terms"`
	Cues       []ExplainCue    `json:"cues"`
	Tags       []ExplainTag    `json:"tags"`
	NearMisses []NearMiss      `json:"near_misses"`
	// UnboundCounts are the counts the incidence rules read in the sentence that no tag's
	// incidence took: where a count rule matched but its number went to no outcome.
	UnboundCounts []ExplainCount `json:"unbound_counts"`
}

// ExplainCount is a count an incidence rule read: its words and the rule.
type ExplainCount struct {
	Text  string `json:"text"`
	Rule  string `json:"rule"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ExplainUnit is one normalised unit with its offsets.
type ExplainUnit struct {
	Norm  string `json:"norm"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ExplainTerm is a vocabulary term found in the sentence.
type ExplainTerm struct {
	Text  string `json:"text"`
	Class string `json:"class"`
	Value string `json:"value"`
	Rule  string `json:"rule"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ExplainCue is a context cue with the reach of its scope.
type ExplainCue struct {
	Text      string `json:"text"`
	Rule      string `json:"rule"`
	Category  string `json:"category"`
	Direction string `json:"direction"`
	// Scopes are the texts the cue reaches (one per direction).
	Scopes []string `json:"scopes"`
	// Governs lists the tags the cue decided, as facet=value.
	Governs []string `json:"governs"`
}

// ExplainTag is a tag with how it was made.
type ExplainTag struct {
	Tag
	// StatusRule is the id of the rule whose evidence decided the tag's status (a cue, a
	// signal, a section or document rule), "" when nothing changed it from affirmed.
	StatusRule string `json:"status_rule,omitempty"`
	// Pattern is the pattern of the rule that made the tag ("" for a vocabulary term).
	Pattern  string           `json:"pattern,omitempty"`
	Match    string           `json:"match,omitempty"`
	Captures []ExplainCapture `json:"captures,omitempty"`
}

// ExplainCapture is what one named element of a pattern matched.
type ExplainCapture struct {
	Name   string   `json:"name"`
	Text   string   `json:"text"`
	Values []string `json:"values"`
}

// NearMiss is a rule that nearly tagged a term, and why it did not.
type NearMiss struct {
	Term   string `json:"term"`
	Facet  string `json:"facet"`
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
}

// ErrNoSentence is returned by [Classifier.Explain] for a sentence index out of range.
var ErrNoSentence = errors.New("no such sentence")

// Explain tags doc and explains its sentence number index (0-based).
func (c *Classifier) Explain(doc *corpus.Document, index int) (*Explanation, error) {
	sents := c.sp.SplitDocument(doc)
	if index < 0 || index >= len(sents) {
		return nil, fmt.Errorf("sentence %d of %s (it has %d): %w", index, doc.ID, len(sents), ErrNoSentence)
	}
	res, rn := c.tagDocumentWhole(doc, sents)
	return c.explain(doc, res, rn, index), nil
}

// ExplainText explains every sentence of a text given as a document of its own.
func (c *Classifier) ExplainText(text string) []*Explanation {
	// The text is read as a plain-text file is (its title from its first line), so that
	// explaining it tells what tagging it does; a title the text does not hold is left out.
	doc := corpus.TextDocument("text", text)
	if doc.Text != text {
		doc = &corpus.Document{ID: "text", Text: text}
	}
	doc.Source = "-"
	sents := c.sp.SplitDocument(doc)
	res, rn := c.tagDocumentWhole(doc, sents)
	out := make([]*Explanation, len(sents))
	for i := range sents {
		out[i] = c.explain(doc, res, rn, i)
	}
	return out
}

// TagAndExplain tags a document as Tag does and explains each of its sentences: the
// playground's one call per edit.
func (c *Classifier) TagAndExplain(doc *corpus.Document) (*Result, []*Explanation) {
	sents := c.sp.SplitDocument(doc)
	res, rn := c.tagDocumentWhole(doc, sents)
	out := make([]*Explanation, len(sents))
	for i := range sents {
		out[i] = c.explain(doc, res, rn, i)
	}
	return res, out
}

func (c *Classifier) explain(doc *corpus.Document, res *Result, rn *run, i int) *Explanation {
	st := rn.states[i]
	c.ensureUnits(rn, st)
	ex := &Explanation{Document: doc.ID, Sentence: res.Sentences[i].Sentence,
		Units: []ExplainUnit{}, Terms: []ExplainTerm{}, Cues: []ExplainCue{}, Tags: []ExplainTag{}, NearMisses: []NearMiss{},
		UnboundCounts: []ExplainCount{}}
	text := func(us, ue int) string { return doc.Text[st.units[us].start:st.units[ue-1].end] }
	for _, u := range st.units {
		ex.Units = append(ex.Units, ExplainUnit{Norm: u.norm, Start: u.start, End: u.end})
	}
	for _, h := range st.hits {
		ex.Terms = append(ex.Terms, ExplainTerm{Text: text(h.start, h.end), Class: h.class, Value: h.value,
			Rule: h.entry.vocab.ID, Start: st.units[h.start].start, End: st.units[h.end-1].end})
	}
	tags := st.matches
	for _, t := range tags {
		et := ExplainTag{Tag: t.Tag, StatusRule: t.cueRule}
		if t.pattern != nil {
			et.Pattern = t.pattern.Source
			et.Match = text(t.mstart, t.mend)
			for _, cp := range t.caps {
				name := cp.name
				if cp.class != "" {
					name = "{" + cp.class + "}"
				} else if name == "grade" {
					name = "{grade}"
				}
				et.Captures = append(et.Captures, ExplainCapture{Name: name, Text: text(cp.start, cp.end), Values: cp.values})
			}
		}
		ex.Tags = append(ex.Tags, et)
	}
	// Cues with their scopes and what they decided.
	scs := c.scopes(st)
	for _, h := range st.cues {
		cg := h.entry.cue
		ec := ExplainCue{Text: text(h.start, h.end), Rule: cg.ID, Category: cg.Category, Direction: cg.Direction,
			Scopes: []string{}, Governs: []string{}}
		for _, sc := range scs {
			if sc.cue.start == h.start && sc.cue.end == h.end {
				ec.Scopes = append(ec.Scopes, text(sc.start, sc.end))
			}
		}
		for _, t := range tags {
			if t.cueRule == cg.ID && t.Cue == ec.Text {
				ec.Governs = append(ec.Governs, t.Facet+"="+t.Value)
			}
		}
		for _, t := range rn.excluded {
			if t.cueRule == cg.ID && t.Start >= st.sent.Start && t.End <= st.sent.End {
				ec.Governs = append(ec.Governs, t.Facet+"="+t.Value+" (removed)")
			}
		}
		ex.Cues = append(ex.Cues, ec)
	}
	ex.NearMisses = c.nearMisses(rn, i, tags, scs, text)
	ex.UnboundCounts = unboundCounts(st, tags, text)
	return ex
}

// unboundCounts lists the counts the event rules read in a tagged sentence (grade numbers
// left out, as the binder leaves them) whose words no tag's incidence overlaps.
func unboundCounts(st *sentenceState, tags []match, text func(int, int) string) []ExplainCount {
	out := []ExplainCount{}
	if !st.eventHitsRun {
		return out // the binder never read this sentence (no outcome tag in it)
	}
	for _, h := range groupSizes(st, dropGradeNumbers(st, slices.Clone(st.eventHits))) {
		start, end := st.units[h.start].start, st.units[h.end-1].end
		if slices.ContainsFunc(tags, func(t match) bool {
			return t.Incidence != nil && t.Incidence.Start < end && start < t.Incidence.End
		}) || slices.ContainsFunc(out, func(c ExplainCount) bool { return c.Start == start && c.End == end }) {
			continue
		}
		out = append(out, ExplainCount{Text: text(h.start, h.end), Rule: h.rule.ID, Start: start, End: end})
	}
	return out
}

// nearMisses explains, for each CRS or ICANS term, a grade rule that did not attach and, for an
// affirmed term, the cues whose reach stopped short of it.
// conditionMiss explains a term whose vocabulary tags only under conditions, when it made
// no tag here, by the conditions that do not hold: "tocilizumab" with no toxicity in reach
// is no toxicity treatment; "pneumonia" counted in a sentence after none of harms is no
// harm.
func (c *Classifier) conditionMiss(rn *run, i int, h hit, tags []match, text func(int, int) string) []NearMiss {
	v := h.entry.vocab
	w := v.When
	if !v.Emit || v.Facet == "" || len(w.Near)+len(w.NearBefore)+len(w.Heading)+len(w.HeadingLacks)+len(w.UnlessNear) == 0 && !w.Observed && !w.Prose && len(w.DocumentHas)+len(w.DocumentLacks) == 0 {
		return nil
	}
	for _, t := range tags {
		if t.Facet == v.Facet && t.ustart <= h.start && h.end <= t.uend {
			return nil
		}
	}
	var reasons []string
	if !docOK(w, rn.docClasses) {
		var r []string
		if len(w.DocumentHas) > 0 {
			r = append(r, "in a document with a term of "+strings.Join(w.DocumentHas, ", "))
		}
		if len(w.DocumentLacks) > 0 {
			r = append(r, "in a document with no term of "+strings.Join(w.DocumentLacks, ", "))
		}
		reasons = append(reasons, strings.Join(r, " and "))
	}
	if len(w.Near)+len(w.NearBefore)+len(w.Heading) > 0 && !c.nearOK(w, rn.states, i, &match{mstart: h.start, mend: h.end}, rn) {
		var r []string
		of := "with a term of"
		if len(w.Near) > 0 {
			r = append(r, fmt.Sprintf("%s %s in the sentence", of, strings.Join(w.Near, ", ")))
			of = "of"
		}
		if len(w.NearBefore) > 0 && w.Window > 0 {
			r = append(r, fmt.Sprintf("%s %s up to %d sentences before", of, strings.Join(w.NearBefore, ", "), w.Window))
			of = "of"
		}
		if len(w.Heading) > 0 {
			where := "in the heading it stands under (here none)"
			if h := c.headingsOver(rn)[i]; h != nil {
				where = fmt.Sprintf("in the heading it stands under (here %q)", h.text)
			}
			if len(w.HeadingLacks) > 0 {
				where += " with none of " + strings.Join(w.HeadingLacks, ", ")
			}
			r = append(r, fmt.Sprintf("%s %s %s, outside a Methods, Objectives, Background or Discussion section", of, strings.Join(w.Heading, ", "), where))
		}
		reasons = append(reasons, strings.Join(r, " or "))
	}
	if c.headingLacksHit(w, rn, i) {
		reasons = append(reasons, fmt.Sprintf("under no heading with a term of %s (here %q)", strings.Join(w.HeadingLacks, ", "), c.headingsOver(rn)[i].text))
	}
	if w.Prose && rn.states[i].tableShape().row {
		reasons = append(reasons, "in prose, not in a row of a table")
	}
	if w.Observed {
		c.findSignals(rn.states[i])
		if rn.states[i].observed == nil {
			reasons = append(reasons, "in a sentence that reports what befell the study's patients (an observed signal: a count of patients, \"3 of 12\", \"in both groups\")")
		}
	}
	if unlessNearHit(w, rn.states[i], h.start, h.end) {
		reasons = append(reasons, "in a sentence with no term of "+strings.Join(w.UnlessNear, ", "))
	}
	if len(reasons) == 0 {
		return nil // its conditions hold: a cue or another rule's term took the words
	}
	return []NearMiss{{Term: text(h.start, h.end), Facet: v.Facet, Rule: v.ID,
		Reason: "it tags only " + strings.Join(reasons, " and ") + "; here that does not hold"}}
}

func (c *Classifier) nearMisses(rn *run, i int, tags []match, scs []scope, text func(int, int) string) []NearMiss {
	st := rn.states[i]
	out := []NearMiss{}
	for _, h := range st.hits {
		facet := h.entry.vocab.Facet
		if facet != "crs" && facet != "icans" {
			out = append(out, c.conditionMiss(rn, i, h, tags, text)...)
			continue
		}
		term := text(h.start, h.end)
		graded, status := false, ""
		for _, t := range tags {
			if t.Facet == facet+"_grade" && t.mstart <= h.start && h.end <= t.mend {
				graded = true
			}
			if t.Facet == facet && t.ustart == h.start {
				status = t.Status
			}
		}
		if status == "" {
			continue // no tag of its own: a qualified mention ("no grade ≥3 CRS") or a failed condition
		}
		if !graded {
			out = append(out, c.gradeMisses(st, h, term, facet+"_grade")...)
		}
		if status == Affirmed {
			seen := map[string]bool{}
			for _, sc := range scs {
				cg := sc.cue.entry.cue
				if cg.Category != CueNegated && cg.Category != CueHypothetical && cg.Category != CueGeneric {
					continue
				}
				reason := fmt.Sprintf("the %s cue %q reaches only %q", cg.Direction, text(sc.cue.start, sc.cue.end), text(sc.start, sc.end))
				if sc.end <= h.start && sc.end < len(st.units) && sc.end >= sc.cue.end {
					reason += fmt.Sprintf(", stopping before %q", st.units[sc.end].cased)
				}
				if !seen[reason] {
					seen[reason] = true
					out = append(out, NearMiss{Term: term, Facet: facet, Rule: cg.ID, Reason: reason})
				}
			}
		}
	}
	return out
}

// gradeMisses says why each grade pattern for the term's class did not give it a grade.
func (c *Classifier) gradeMisses(st *sentenceState, h hit, term, facet string) []NearMiss {
	var grades []gradeCap
	for k := 0; k < len(st.units); k++ {
		if g, ok := st.gradeAt(k); ok {
			grades = append(grades, g)
			k = g.end - 1
		}
	}
	var out []NearMiss
	for _, cp := range c.patterns {
		if cp.Facet != facet {
			continue
		}
		gi, ci, gap := -1, -1, 0
		for k, e := range cp.elems {
			switch {
			case e.kind == elemGrade:
				gi = k
			case e.kind == elemClass && containsStr(e.classes, h.class) && ci < 0:
				ci = k
			case e.kind == elemGap:
				gap += e.max
			}
		}
		if gi < 0 || ci < 0 {
			continue
		}
		if len(grades) == 0 {
			out = append(out, NearMiss{Term: term, Facet: facet, Rule: cp.ID,
				Reason: "no grade is written in the sentence ({grade} reads \"grade 2\", \"G2\", \"grade ≥3\", \"high-grade\", \"severe\")"})
			break
		}
		for _, g := range grades {
			gtext := strings.TrimSpace(textOf(st, g.start, g.end))
			var from, to int
			switch {
			case gi < ci && g.end <= h.start:
				from, to = g.end, h.start
			case gi > ci && g.start >= h.end:
				from, to = h.end, g.start
			default:
				continue
			}
			words := 0
			barrier := ""
			for k := from; k < to; k++ {
				if st.units[k].word {
					words++
				}
				if barrier == "" && st.isBarrier(cp.Pattern, k) {
					barrier = st.units[k].cased
				}
			}
			var reason string
			switch {
			case barrier != "":
				reason = fmt.Sprintf("%q stands %d words away, but %q between them is a barrier", gtext, words, barrier)
			case to-from > gap:
				reason = fmt.Sprintf("%q stands %d words away, beyond the pattern's gap of %d", gtext, to-from, gap)
			default:
				reason = fmt.Sprintf("%q is in reach, but the rest of the pattern %q did not match (a term follows the grade, or a condition failed)", gtext, cp.Source)
			}
			out = append(out, NearMiss{Term: term, Facet: facet, Rule: cp.ID, Reason: reason})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Rule < out[b].Rule })
	return out
}

func textOf(st *sentenceState, us, ue int) string {
	if us >= ue {
		return ""
	}
	off := st.sent.Start
	return st.sent.Text[st.units[us].start-off : st.units[ue-1].end-off]
}

// ContextResult is the status of a target phrase in a sentence and the cue that decided it.
type ContextResult struct {
	Status string `json:"status"`
	Cue    string `json:"cue,omitempty"`
	Rule   string `json:"rule,omitempty"`
	// Grade is the grade written right before the target ("grade ≥3", "life-threatening")
	// or right after it ("of grade 3 or higher", "(grade 4)"), as grade values are written
	// ("3+", "4"); GradeStart and GradeEnd are its byte offsets in the sentence. Empty when
	// none is written.
	Grade                string `json:"grade,omitempty"`
	GradeStart, GradeEnd int    `json:"-"`
}

// ErrTargetNotFound is returned by [Classifier.Context] when the target is not in the sentence.
var ErrTargetNotFound = errors.New("target not found in the sentence")

// Context gives the status (affirmed, negated, hypothetical or generic) of an arbitrary
// target phrase in a sentence, with the context cues and signals of the rule set, as the
// tagger gives it to a term there (a sentence on its own: no section, no document). It serves to measure the context engine on NegEx-style test sets.
// Where the target occurs more than once, an occurrence written exactly as the target is
// (its case too) is the one judged, else the first: "EDEMA" picks the marked word of
// "Edema: no peripheral EDEMA", as NegEx-style sets mark their targets.
func (c *Classifier) Context(sentence, target string) (ContextResult, error) {
	us := finishUnits(appendUnits(nil, sentence, 0, true))
	tu := phraseUnits(target)
	if len(tu) == 0 {
		return ContextResult{}, fmt.Errorf("%w: the target %q has no words", ErrTargetNotFound, target)
	}
	ts, te := -1, -1
	for i := 0; i+len(tu) <= len(us); i++ {
		ok, cased := true, true
		for k, u := range tu {
			if us[i+k].norm != u.norm {
				ok = false
				break
			}
			cased = cased && us[i+k].cased == u.cased
		}
		if ok && ts < 0 {
			ts, te = i, i+len(tu)
		}
		if ok && cased {
			ts, te = i, i+len(tu)
			break
		}
	}
	if ts < 0 {
		return ContextResult{}, fmt.Errorf("%w: %q", ErrTargetNotFound, target)
	}
	st := &sentenceState{sent: &corpus.Sentence{Text: sentence, End: len(sentence)}, units: us}
	terms := findTerms(c.root, us)
	for _, h := range terms {
		// A pseudo-cue is no pseudo-cue of a target that starts inside it: "no change" says
		// nothing of what follows it, but denies a target "change in vision".
		if h.entry.cue != nil && !(h.entry.cue.Category == CuePseudo && h.start <= ts && ts < h.end) {
			st.cues = append(st.cues, h)
		}
	}
	st.cues = dropOffOpening(us, dropUnderPseudo(dropInCodes(us, c.withPatternCues(st, st.cues, terms), terms)))
	// A sentence on its own goes on from no other sentence.
	st.cues = slices.DeleteFunc(st.cues, func(h hit) bool { return h.entry.cue.AfterOtherWork })
	// A sentence on its own: cues and signals decide, no section or document.
	v := c.judge(st, c.scopes(st), ts, te, "", nil)
	res := ContextResult{Status: v.status, Cue: v.cue, Rule: v.rule}
	if g, ok := targetGrade(us, ts, te); ok {
		res.Grade, res.GradeStart, res.GradeEnd = gradeRange(g.values), us[g.start].start, us[g.end-1].end
	}
	return res, nil
}

// gradeInWords are the words that name a grade in words, written before the event
// they grade ("severe CRS").
var gradeInWords = map[string]bool{"severe": true, "fatal": true, "life": true, "high": true, "low": true, "mild": true, "mildest": true, "lowest": true}

// targetGrade reads the grade written right before units [ts, te) or right after them:
// bare ("neutropenia grade 3-4", "≥ grade 3"; not a severity word, which is the next
// event's: "no neutropenia severe CRS"), with "of" (a scale's name may stand first), in a
// bracket or after "was"/"were": "grade ≥3 infections", "infections of (CTCAE) grade 3 or
// higher", "neutropenia (grade 4)", "neutropenia was grade 3 or higher".
func targetGrade(us []unit, ts, te int) (gradeCap, bool) {
	if g, ok := gradeCapEndingAt(us, ts); ok {
		return g, true
	}
	if te < len(us) && !gradeInWords[us[te].norm] {
		if g, ok := parseGrade(us, te); ok && len(g.values) > 0 {
			return g, true // "grade 3-4", "G≥3", "≥ grade 3", "higher than grade 2"
		}
	}
	if te < len(us) && (us[te].norm == "of" || us[te].norm == "(" || us[te].norm == "was" || us[te].norm == "were") {
		return gradeAfterWord(us, te)
	}
	return gradeCap{}, false
}
