package classifier

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

// ExampleResult is the outcome of one example of a rule.
type ExampleResult struct {
	Rule    string  `json:"rule"`
	Example Example `json:"example"`
	Passed  bool    `json:"passed"`
	// Got lists what the rule produced on the example text, as "value (status)".
	Got []string `json:"got"`
	// Msg says what was expected when the example failed.
	Msg string `json:"msg,omitempty"`
}

// RunExamples runs every example written inside the rules and reports each. An example text
// is tagged as a document of its own.
func (c *Classifier) RunExamples() []ExampleResult {
	var out []ExampleResult
	for _, v := range c.rs.Vocabularies {
		for _, ex := range v.Examples {
			out = append(out, c.runExample(v.ID, ex, !v.Emit))
		}
	}
	for _, p := range c.rs.Patterns {
		for _, ex := range p.Examples {
			out = append(out, c.runExample(p.ID, ex, false))
		}
	}
	for _, cg := range c.rs.Cues {
		for _, ex := range cg.Examples {
			out = append(out, c.runCueExample(cg, ex))
		}
	}
	for i := range c.signals {
		for _, ex := range c.signals[i].Examples {
			out = append(out, c.runSignalExample(&c.signals[i], ex))
		}
	}
	for _, d := range c.rs.Documents {
		for _, ex := range d.Examples {
			out = append(out, c.runDocumentExample(d, ex))
		}
	}
	for _, r := range c.rs.Incidence {
		for _, ex := range r.Examples {
			out = append(out, c.runIncidenceExample(r, ex))
		}
	}
	return out
}

// runIncidenceExample checks an incidence rule's example. An event rule's example names a
// tag and the incidence it must carry from this rule ("crs_grade=2 3/11"), an arm rule's
// the incidence of another arm it must join (a copy of the tag with it); a population
// rule's the population it must find ("15"). A nomatch example must not give that.
func (c *Classifier) runIncidenceExample(ir *IncidenceRule, ex Example) ExampleResult {
	r := ExampleResult{Rule: ir.ID, Example: ex}
	want, err := ParseIncidenceNotation(ex.Incidence)
	if err != nil {
		r.Msg = fmt.Sprintf("the example needs incidence: facet=value n[/of][ percent%%] (%v)", err)
		return r
	}
	doc := &corpus.Document{ID: "example", Text: ex.Text, Source: "example"}
	_, rn := c.tagDocument(doc, c.sp.Split(doc.Text))
	found := false
	if ir.Kind == IncidencePopulation {
		for _, st := range rn.states {
			if st.skip {
				continue
			}
			for _, h := range c.runIncidence(rn, st, IncidencePopulation) {
				if h.rule != ir || h.of == nil {
					continue
				}
				r.Got = append(r.Got, fmt.Sprint(*h.of))
				if want.N != nil && *h.of == *want.N {
					found = true
				}
			}
		}
	} else {
		for _, st := range rn.states {
			for _, m := range st.matches {
				if m.Incidence == nil || !incidenceFrom(m.Incidence, ir) {
					continue
				}
				r.Got = append(r.Got, m.Facet+"="+m.Value+" "+m.Incidence.String())
				if m.Facet == want.Facet && m.Value == want.Value && want.Equal(m.Incidence) {
					found = true
				}
			}
		}
	}
	r.Passed = found == ex.Match
	if !r.Passed {
		if ex.Match {
			r.Msg = "expected the incidence " + ex.Incidence
		} else {
			r.Msg = "expected no incidence " + ex.Incidence
		}
	}
	return r
}

// incidenceFrom reports whether the incidence came from the rule: its count (an event
// rule), its arm (an arm rule) or its denominator (a whole rule).
func incidenceFrom(in *Incidence, ir *IncidenceRule) bool {
	switch ir.Kind {
	case IncidenceArm:
		return in.Join == ir.ID
	case IncidenceWhole:
		return in.Whole == ir.ID
	}
	return in.Rule == ir.ID
}

// runSignalExample checks that the signal is found (match) or not (nomatch) in a sentence
// of the example's text.
func (c *Classifier) runSignalExample(sg *compiledSignal, ex Example) ExampleResult {
	r := ExampleResult{Rule: sg.ID, Example: ex}
	doc := &corpus.Document{ID: "example", Text: ex.Text, Source: "example"}
	_, rn := c.tagDocument(doc, c.sp.Split(doc.Text))
	found := false
	for _, st := range rn.states {
		if st.skip {
			continue
		}
		m := &patternMatcher{s: st, p: sg.p}
		m.run(func(start, end int, _ []capture) {
			if !sg.fits(st, start, end) {
				return // (an opening signal inside its sentence, a superscript one with spaces)
			}
			found = true
			r.Got = append(r.Got, textOf(st, start, end))
		})
	}
	r.Passed = found == ex.Match
	if !r.Passed {
		if ex.Match {
			r.Msg = "expected the signal in the text"
		} else {
			r.Msg = "expected no signal in the text"
		}
	}
	return r
}

// runDocumentExample tags the example's text as a document of the rule's kind (its loader
// kind, else its publication type, unless the rule's phrases are to find it in the text)
// and checks that the rule decides a tag's status (match) or none (nomatch).
func (c *Classifier) runDocumentExample(d *DocumentRule, ex Example) ExampleResult {
	r := ExampleResult{Rule: d.ID, Example: ex}
	doc := corpus.TextDocument("example", ex.Text) // its title as a text file's
	switch {
	case len(d.Kinds) > 0:
		doc.Kind = d.Kinds[0]
	case len(d.Phrases)+len(d.TitlePhrases) == 0:
		doc.Meta = &corpus.Meta{PublicationTypes: d.PublicationTypes[:1]}
	}
	_, rn := c.tagDocument(doc, c.sp.SplitDocument(doc))
	fired := false
	for _, st := range rn.states {
		for _, t := range st.matches {
			if t.cueRule == d.ID {
				fired = true
				r.Got = append(r.Got, t.Facet+"="+t.Value+" ("+t.Status+", "+t.Cue+")")
			}
		}
	}
	r.Passed = fired == ex.Match
	if !r.Passed {
		if ex.Match {
			r.Msg = "expected the document rule to decide a tag's status"
		} else {
			r.Msg = "expected the document rule to decide no tag's status"
		}
	}
	return r
}

func (c *Classifier) tagText(text string) *Result {
	doc := &corpus.Document{ID: "example", Text: text, Source: "example"}
	return c.Tag(doc)
}

// classHit reports whether a term of the class occurs in text.
func (c *Classifier) classHit(class, text string) bool {
	for _, sent := range c.sp.Split(text) {
		for _, h := range findTerms(c.root, sentenceUnits(text, c.sp.Tokens(sent))) {
			if h.class == class {
				return true
			}
		}
	}
	return false
}

func (c *Classifier) runExample(rule string, ex Example, classOnly bool) ExampleResult {
	r := ExampleResult{Rule: rule, Example: ex}
	if classOnly {
		var class string
		for _, v := range c.rs.Vocabularies {
			if v.ID == rule {
				class = v.Class
			}
		}
		found := c.classHit(class, ex.Text)
		r.Passed = found == ex.Match
		if !r.Passed {
			r.Msg = fmt.Sprintf("expected the class %s to be found: %v", class, ex.Match)
		}
		return r
	}
	res := c.tagText(ex.Text)
	var tags []Tag
	for _, s := range res.Sentences {
		for _, t := range s.Tags {
			if t.Rule == rule {
				tags = append(tags, t)
				r.Got = append(r.Got, t.Value+" ("+t.Status+")")
			}
		}
	}
	r.Passed, r.Msg = judge(ex, tags)
	return r
}

// judge decides an example against the tags its rule produced.
func judge(ex Example, tags []Tag) (bool, string) {
	want := "a tag"
	if len(ex.Values) > 0 {
		want = strings.Join(ex.Values, ", ")
	}
	if ex.Status != "" {
		want += " (" + ex.Status + ")"
	}
	has := func(value string) bool {
		for _, t := range tags {
			if (value == "" || t.Value == value) && (ex.Status == "" || t.Status == ex.Status) {
				return true
			}
		}
		return false
	}
	if ex.Match {
		if len(ex.Values) == 0 {
			if !has("") {
				return false, "expected " + want
			}
			return true, ""
		}
		for _, v := range ex.Values {
			if !has(v) {
				return false, "expected " + want
			}
		}
		return true, ""
	}
	if len(ex.Values) == 0 {
		if has("") {
			return false, "expected no " + want
		}
		return true, ""
	}
	for _, v := range ex.Values {
		if has(v) {
			return false, "expected no " + want
		}
	}
	return true, ""
}

func (c *Classifier) runCueExample(cg *CueGroup, ex Example) ExampleResult {
	r := ExampleResult{Rule: cg.ID, Example: ex}
	doc := &corpus.Document{ID: "example", Text: ex.Text, Source: "example"}
	_, rn := c.tagDocument(doc, c.sp.Split(doc.Text))
	fired := false
	switch cg.Category {
	case CueNegated, CueHypothetical, CueGeneric:
		// the tags the cue governs, judged as a rule's tags are: an example that names a
		// value or a status holds only for a governed tag of that value and status
		var governed []Tag
		for _, st := range rn.states {
			for _, t := range st.matches {
				if t.cueRule == cg.ID {
					governed = append(governed, t.Tag)
					r.Got = append(r.Got, t.Facet+"="+t.Value+" ("+t.Status+", cue "+t.Cue+")")
				}
			}
		}
		if len(ex.Values) > 0 || ex.Status != "" {
			ok, msg := judge(ex, governed)
			r.Passed = ok
			if !ok {
				r.Msg = msg + " governed by a cue of " + cg.ID
			}
			return r
		}
		fired = len(governed) > 0
	case CueExclude:
		for _, t := range rn.excluded {
			if t.cueRule == cg.ID {
				fired = true
				r.Got = append(r.Got, t.Facet+"="+t.Value+" removed")
			}
		}
	case CueContrast: // it holds a generic cue to its opening clause
		for _, st := range rn.states {
			for _, h := range st.cues {
				if h.entry.cue.Category == CueGeneric && st.contrastOpens(h.start) {
					fired = true
					r.Got = append(r.Got, h.entry.cue.ID+" held to the opening clause")
				}
			}
		}
	default:
		fired = slices.Contains(rn.cueHits, cg.ID)
		// a terminator or pseudo-cue has no tags of its own: the value and status an example
		// names are those of the sentence's tags it leaves alone ("… may reflect the early use
		// of dexamethasone": corticosteroids affirmed), so a match needs the cue and such a
		// tag, and a nomatch, as a rule's, needs no such tag (whether or not the cue fires:
		// "no sign of ICANS or dexamethasone use" has no corticosteroids affirmed)
		if len(ex.Values) > 0 || ex.Status != "" {
			var tags []Tag
			for _, st := range rn.states {
				for _, t := range st.matches {
					tags = append(tags, t.Tag)
					r.Got = append(r.Got, t.Facet+"="+t.Value+" ("+t.Status+")")
				}
			}
			ok, msg := judge(ex, tags)
			r.Passed = ok && (fired || !ex.Match)
			switch {
			case ex.Match && !fired:
				r.Msg = "expected a cue of " + cg.ID
			case !ok:
				r.Msg = msg + " in the sentence of a cue of " + cg.ID
			}
			return r
		}
	}
	r.Passed = fired == ex.Match
	if !r.Passed {
		if ex.Match {
			r.Msg = "expected a cue of " + cg.ID + " to govern a tag"
		} else {
			r.Msg = "expected no cue of " + cg.ID + " to govern a tag"
		}
	}
	return r
}
