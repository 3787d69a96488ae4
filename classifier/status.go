package classifier

import (
	"fmt"
	"slices"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

// verdict is the status of a span and the evidence that decided it: a cue's text (or
// "section: discussion", "signal: …", "document: …") and the id of its rule.
type verdict struct {
	status, cue, rule string
	// byAbsence: the rule that decided rests on what the sentence lacks (a document rule's
	// unless_signal), too weak to overturn a possibility that stays hypothetical.
	byAbsence bool
}

// The status of a span is decided in this order (the first that applies wins):
//
//  1. a cue whose reach covers it: hypothetical, then generic, then negated;
//  2. a signal of the sentence: an observed one ("in 3 of 12 patients") keeps the status, a
//     generic one (a citation "[8]") makes it generic;
//  3. a document rule (a review: generic; a registry record: hypothetical), unless it
//     yields to an observed signal or leaves the document's opening (its background before
//     it speaks of its own study) to the section rules;
//  4. a section rule (Methods: hypothetical; Background, Discussion: generic), likewise.
//
// Steps 2 to 4 change only an affirmed or negated status, and section and document rules
// only for their facets. A facet of "" (Context, StatusAt on any phrase) counts as every
// facet.

// scopedVerdict decides step 1 for the units [ts, te) of a sentence with the cue scopes scs.
// A cue inside the span itself does not count ("NMS without rigidity"), unless the span
// opens with it ("no complication", "risk of infection"): then it speaks for the rest.
// yields reports a hypothetical verdict of a cue that gives way to generic evidence
// (CueGroup.YieldsToGeneric: yieldsGeneric), to a generic context alone
// (CueGroup.YieldsToContext: yieldsContext), or, for such a condition beside a
// possibility, to either save for the study's own care or a registry record's plan
// (yieldsEither).
//
// observed tells whether the sentence has an observed signal; it is asked only when a
// hypothetical cue that yields to one (CueGroup.YieldsToObserved) is in reach. own tells
// whether the clause of a generic cue that yields to them (CueGroup.YieldsToOwn) names the
// report's own patients or study.
func scopedVerdict(st *sentenceState, scs []scope, ts, te int, observed func() bool, own func(cue hit) bool) (v verdict, yields yieldKind) {
	var neg, hyp, gen *scope
	for s := range scs {
		sc := &scs[s]
		if !sc.reaches(ts, te) {
			continue
		}
		switch sc.cue.entry.cue.Category {
		case CueNegated:
			if neg == nil {
				neg = sc
			}
		case CueHypothetical:
			// A plan ("will", "endpoint") outranks a possibility ("can", "might") or a record
			// ("were recorded"): the cue that gives way to less evidence wins.
			if hyp == nil || yieldCount(sc.cue.entry.cue) < yieldCount(hyp.cue.entry.cue) {
				hyp = sc
			}
		case CueGeneric:
			if gen == nil || gen.cue.entry.cue.YieldsToNegation && !sc.cue.entry.cue.YieldsToNegation {
				gen = sc
			}
		}
	}
	if gen != nil && neg != nil && gen.cue.entry.cue.YieldsToNegation {
		gen = nil // "no history of seizures"
	}
	if hyp != nil && neg != nil && hyp.cue.entry.cue.YieldsToNegation {
		hyp = nil // "no ICANS was recorded"
	}
	if gen != nil && gen.cue.entry.cue.YieldsToOwn && own(gen.cue) {
		gen = nil // "no secondary malignancies have been observed in our patients"
	}
	if hyp != nil && hyp.cue.entry.cue.YieldsToObserved && observed() {
		hyp = nil // "ICANS was documented in five patients"
	}
	if hyp != nil && gen != nil && gen.cue.entry.cue.YieldsToPossibility && hyp.cue.start < gen.cue.start && !clauseBreakIn(st, hyp.cue.end, gen.cue.start) {
		gen = nil // "Possible risks of the study drug include infections": the list is the possibility's
	}
	if hyp != nil && gen != nil && hyp.cue.entry.cue.YieldsToGeneric {
		hyp = nil // a possibility in general knowledge: "in murine models, … prevents GVHD"
	}
	// a condition beside a possibility, a cue that yields to any generic evidence and to a
	// negation ("CRS can progress to grade 4 if tocilizumab is delayed [12]"), yields as the
	// possibility does, save where the sentence tells of the study's own care or is a
	// registry record's plan (the judge asks); beside a protocol's wording ("is given if …,
	// as the ASTCT recommends [5]") it stays a condition
	either := hyp != nil && hyp.cue.entry.cue.YieldsToContext && slices.ContainsFunc(scs, func(sc scope) bool {
		return sc.cue.entry.cue.Category == CueHypothetical && sc.cue.entry.cue.YieldsToGeneric && sc.cue.entry.cue.YieldsToNegation && sc.reaches(ts, te)
	})
	for _, v := range []struct {
		sc     *scope
		status string
	}{{hyp, Hypothetical}, {gen, Generic}, {neg, Negated}} {
		if v.sc != nil {
			out := verdict{status: v.status, cue: textOf(st, v.sc.cue.start, v.sc.cue.end), rule: v.sc.cue.entry.cue.ID}
			switch {
			case v.sc != hyp:
			case hyp.cue.entry.cue.YieldsToGeneric:
				return out, yieldsGeneric
			case hyp.cue.entry.cue.YieldsToContext && either:
				return out, yieldsEither
			case hyp.cue.entry.cue.YieldsToContext:
				return out, yieldsContext
			}
			return out, yieldsNone
		}
	}
	return verdict{status: Affirmed}, yieldsNone
}

// reaches reports whether the scope covers some of the units [ts, te), its cue not inside
// them.
func (sc scope) reaches(ts, te int) bool {
	return sc.start < te && sc.end > ts && !(sc.cue.start > ts && sc.cue.end <= te)
}

// yieldKind is what evidence a hypothetical verdict gives way to.
type yieldKind int

const (
	yieldsNone    yieldKind = iota
	yieldsGeneric           // any generic evidence: a cue, a signal, a section, a document
	yieldsContext           // a generic section or document alone
	yieldsEither            // a condition beside a possibility: as yieldsGeneric, save for the study's own care or a registry record's plan
)

// yieldCount weighs how much evidence a cue gives way to: two for each kind of evidence
// (generic, a negation, an observed signal), one for a generic context alone, which is
// less than any generic evidence (a condition outranks a possibility or a protocol's
// wording: "anakinra is added if CRS does not respond", "is given if …").
func yieldCount(c *CueGroup) int {
	n := 0
	for _, y := range []bool{c.YieldsToGeneric, c.YieldsToNegation, c.YieldsToObserved} {
		if y {
			n += 2
		}
	}
	if c.YieldsToContext {
		n++
	}
	return n
}

// findSignals runs the signals on a sentence once, keeping the first generic one and the
// first observed one that is no part of it.
func (c *Classifier) findSignals(st *sentenceState) {
	if st.signalsFound {
		return
	}
	st.signalsFound = true
	for i := range c.signals {
		sg := &c.signals[i]
		if sg.lazy || !sg.appliesIn(st.sent.Section) ||
			sg.Category == SignalObserved && st.observed != nil || sg.Category == CueGeneric && st.remote != nil && !sg.Clause ||
			sg.Category == SignalStudy && st.study || sg.Category == SignalRecordStudy && st.recordStudy || !st.hasAll(sg.need) {
			continue
		}
		m := &patternMatcher{s: st, p: sg.p}
		m.run(func(start, end int, _ []capture) {
			if !sg.fits(st, start, end) {
				return
			}
			h := &signalHit{sig: sg.Signal, start: start, end: end}
			if sg.Clause {
				st.clauseRemote = append(st.clauseRemote, h)
			}
			switch {
			case sg.Category == SignalObserved && st.observed == nil:
				st.observed = h
			case sg.Category == CueGeneric && st.remote == nil:
				st.remote = h
			case sg.Category == SignalStudy:
				st.study = true
			case sg.Category == SignalRecordStudy:
				st.recordStudy = true
			}
		})
	}
	// An observed signal that overlaps the generic one is part of it: "up to one in ten
	// patients" states a rate, not a count of ten patients. One that holds the generic one
	// whole reads it as its own subject ("approximately one third of patients had"); another
	// may stand apart (rarely asked: most sentences have one of the two or none).
	if g, o := st.remote, st.observed; g != nil && o != nil && o.end > g.start && o.start < g.end && !(o.start <= g.start && o.end >= g.end) {
		st.observed = nil
		c.signalMatches(st, SignalObserved, func(start, end int) bool {
			if end <= g.start || start >= g.end {
				st.observed = &signalHit{start: start, end: end}
			}
			return st.observed != nil
		}, false)
	}
}

// hasSignal reports whether a signal of a lazy category (lazySignals) matches the sentence;
// those signals run only when a document rule asks, once per sentence and category.
func (c *Classifier) hasSignal(st *sentenceState, category string) bool {
	if found, ok := st.lazy[category]; ok {
		return found
	}
	found := c.signalMatches(st, category, func(int, int) bool { return true }, false)
	if st.lazy == nil {
		st.lazy = map[string]bool{}
	}
	st.lazy[category] = found
	return found
}

// hasAnySignal reports whether a signal of one of the lazy categories matches the sentence.
func (c *Classifier) hasAnySignal(st *sentenceState, categories []string) bool {
	return slices.ContainsFunc(categories, func(cat string) bool { return c.hasSignal(st, cat) })
}

// dropUnheldCues drops the cues that hold only without a signal of some categories
// (CueGroup.UnlessSignal) from a sentence that has one (an observed one, found for every
// sentence, or a lazy one), and those of a section they are no cue in (CueGroup.ExceptSections).
func (c *Classifier) dropUnheldCues(st *sentenceState) {
	st.cues = slices.DeleteFunc(st.cues, func(h hit) bool {
		if containsStr(h.entry.cue.ExceptSections, string(st.sent.Section)) {
			return true
		}
		return slices.ContainsFunc(h.entry.cue.UnlessSignal, func(cat string) bool {
			if cat == SignalObserved {
				c.findSignals(st)
				return st.observed != nil
			}
			return c.hasSignal(st, cat)
		})
	})
}

// headed are the sections a heading opens; a text with one has no opening to infer.
var headed = []corpus.Section{corpus.SectionBackground, corpus.SectionObjectives, corpus.SectionMethods, corpus.SectionResults,
	corpus.SectionConclusions, corpus.SectionDiscussion}

// markOpening marks the opening of a text that does not start with a heading (an
// unstructured abstract, a registry record whose headings come later): its sentences before
// the first that speaks of the report's own study (a study or observed signal, or in a
// registry record a record-study one, in no sentence of other work: otherWork) are background, the section SectionOpening of the
// rules. A text that never turns to a study of its own before its first heading has no
// opening, unless it has no section heading (Methods, Results …) and at least a section
// rule's WholeText sentences: then all of it is the opening (a guideline, a news story). It runs the signals
// only when a section rule names that section.
func (c *Classifier) markOpening(rn *run) {
	states := rn.states
	if !c.openingNamed {
		return
	}
	whole := c.openingWhole
	most := maxOpening
	for _, dk := range rn.docRules {
		most = max(most, dk.rule.Opening)
	}
	var opening []*sentenceState
	n := 0 // sentences read, none of them speaking of a study of the text's own
	for i, st := range states {
		if st.skip || st.sent.Section == corpus.SectionTitle || !st.sent.Section.CountsForFacets() {
			continue
		}
		if slices.Contains(headed, st.sent.Section) {
			return // headings name the sections from here; what came before never turned to a study
		}
		turns := false
		c.withUnits(rn, st, func() {
			c.findSignals(st)
			turns = (st.study || st.recordStudy && rn.kind == corpus.KindRegistry || st.observed != nil) && !c.otherWork(st)
		})
		if turns {
			// The text turns to its own study here: what came before is its opening. A
			// narrative that runs longer before it does has none.
			if n <= most {
				for _, o := range opening {
					o.opening = true
				}
				if rn.kind != corpus.KindRegistry {
					c.markUnheadedMethods(rn, i, len(opening) > 0)
				}
			}
			return
		}
		if n++; n <= most {
			opening = append(opening, st)
		}
	}
	if whole > 0 && n >= whole {
		// A text of several sentences that never speaks of a study of its own (a
		// guideline, a wiki page, a news story) is background throughout.
		for _, st := range states {
			if !st.skip && st.sent.Section != corpus.SectionTitle && st.sent.Section.CountsForFacets() {
				st.opening = true
			}
		}
	}
}

// maxUnheadedMethods is the most sentences the methods of a text without headings run to
// before its first result: an abstract tells its design in a few sentences. A text that
// runs longer without a result is no abstract of a study's results.
const maxUnheadedMethods = 8

// markUnheadedMethods marks the methods of a text without headings that turns to its own
// study at the sentence from, after an opening (opened) or with a statement of its aim
// there (SignalAim: "To compare …", "This study examined …"; a results paragraph that
// starts with its patients has neither): from there, the sentences before the first that
// reports a result (an observed signal in no sentence of other work, or a result's shape,
// SignalResult) tell the study's design, the section SectionUnheadedMethods of the rules.
// A sentence that leads a bulleted list stands with its items: a result in the lead, or an
// observed signal in any item, ends the methods before the lead (an item's result shape
// alone does not: a design's endpoints, "• ICANS in the adults who developed CRS", have it
// too; so do, wrongly, uncounted results such as "• CRS that resolved within a week").
// Nothing is marked where a heading of any kind comes first (a topic heading too: "##
// Safety" over results), where no result follows or where more than maxUnheadedMethods
// sentences come before it. It runs only when a section rule names that section.
func (c *Classifier) markUnheadedMethods(rn *run, from int, opened bool) {
	if !c.methodsNamed {
		return
	}
	aim := opened
	if !aim {
		c.withUnits(rn, rn.states[from], func() { aim = c.hasSignal(rn.states[from], SignalAim) })
	}
	if !aim {
		return
	}
	var seq []*sentenceState // the sentences that count, up to a heading
	for _, st := range rn.states[from:] {
		if st.skip || st.sent.Section == corpus.SectionTitle || !st.sent.Section.CountsForFacets() {
			continue
		}
		if st.sent.Section == corpus.SectionHeading || slices.Contains(headed, st.sent.Section) {
			break // a result after it is no end of these methods
		}
		seq = append(seq, st)
	}
	// An item of a list reports a result only by an observed signal ("• ICANS in 5 of the 30
	// adults"): a design's list of endpoints has a result's shape in its items too ("• ICANS
	// in the adults who developed CRS"); another sentence by a result's shape too.
	observed := func(st *sentenceState) (found bool) {
		c.withUnits(rn, st, func() {
			c.findSignals(st)
			found = st.observed != nil && !c.otherWork(st)
		})
		return found
	}
	result := func(st *sentenceState) (found bool) {
		if observed(st) {
			return true
		}
		c.withUnits(rn, st, func() { found = c.hasSignal(st, SignalResult) })
		return found
	}
	var zone []*sentenceState
	for i := 0; i < len(seq); i++ {
		part, first := seq[i:i+1], -1 // a sentence, or a lead and its items; the first result in it
		if strings.HasSuffix(strings.TrimSpace(seq[i].sent.Text), ":") {
			j := i + 1
			for j < len(seq) && bulleted(seq[j].sent.Text) {
				j++
			}
			part = seq[i:j] // a lead and its items ("the adults had:" then "• ICANS in 5 of 30")
		}
		if result(part[0]) {
			first = 0
		} else if k := slices.IndexFunc(part[1:], observed); k >= 0 {
			first = k + 1
		}
		if first >= 0 {
			if len(zone)+first > maxUnheadedMethods {
				return // the result comes too late, if only deep in a list
			}
			for _, z := range zone {
				z.unheadedMethods = true
			}
			return
		}
		if zone = append(zone, part...); len(zone) > maxUnheadedMethods {
			return
		}
		i += len(part) - 1
	}
}

// otherWork reports whether a sentence's counts and study words are none of the report's
// own: it cites the literature (a generic signal, "[8]"), opens with a frame of other work
// ("In ZUMA-1, …", a table header that names the pivotal trials), names a pivotal trial that
// the title does not (a cue with unless_in_title, anywhere) or is advice (an opening
// instruction that is knowledge where the context is: "Consider an echocardiogram to
// assess …"), and names no study of the report's own ("in our cohort"). Such a sentence
// does not turn a text to its own study.
func (c *Classifier) otherWork(st *sentenceState) bool {
	other := st.remote != nil
	for _, h := range st.cues {
		cue := h.entry.cue
		if h.start <= 1 && cue.Frame && (cue.Category == CueGeneric || cue.Category == CueHypothetical && cue.OpeningOnly && cue.YieldsToGeneric) {
			other = true
		}
		if cue.Category == CueGeneric && cue.UnlessInTitle {
			other = true // a pivotal trial named anywhere: "… in about a third of KarMMa participants"
		}
	}
	return other && !c.ownIn(st, 0, len(st.units))
}

// maxOpening is the most sentences an opening has: an abstract states its background in
// a few sentences before it turns to its own study. A document rule may allow more
// (DocumentRule.Opening: a registry record's background runs longer).
const maxOpening = 3

// judge decides the status of the units [ts, te) of a sentence, for a tag of facet in the
// sentence's section, following the order above. scs are the sentence's cue scopes; rn the
// document's run (nil for a sentence on its own).
func (c *Classifier) judge(st *sentenceState, scs []scope, ts, te int, facet string, rn *run) verdict {
	if cites := func(sc scope) bool { return c.citesLaterClause(st, sc, ts, te) }; slices.ContainsFunc(scs, cites) {
		scs = slices.DeleteFunc(slices.Clone(scs), cites)
	}
	if yc := func(sc scope) bool { return sc.cue.entry.cue.YieldsToCriterion }; slices.ContainsFunc(scs, yc) && c.criterionLine(st, rn) {
		scs = slices.DeleteFunc(slices.Clone(scs), yc) // "History of grade ≥3 CRS with a prior CAR-T product": the record's criterion
	}
	v, yields := scopedVerdict(st, scs, ts, te, func() bool { c.findSignals(st); return st.observed != nil },
		func(cue hit) bool {
			// the cue's clause names the study's own, or the cue's part of the sentence,
			// between semicolons, says where the running study stands ("12 participants have
			// been treated so far, and no DLTs have been observed"; not "…; tocilizumab has
			// been used for CRS in most centres"); a denial reaches past the semicolons
			// ("Twelve participants have been treated so far; no DLTs have been observed")
			from, to := terminatorClause(st, cue)
			part, partEnd := cue.start, cue.end
			denial := slices.ContainsFunc(st.cues, func(n hit) bool { return n.entry.cue.Category == CueNegated && n.start >= from && n.start < to })
			for part > 0 && (denial || st.units[part-1].norm != ";") {
				part--
			}
			for partEnd < len(st.units) && (denial || st.units[partEnd].norm != ";") {
				partEnd++
			}
			return c.ownIn(st, from, to) || c.signalMatches(st, SignalProgress, func(start, end int) bool { return start >= part && end <= partEnd }, false)
		})
	if v.status != Affirmed && v.status != Negated && yields == yieldsNone {
		return v
	}
	// in a registry record a condition is the record's own plan or a consent-style risk to
	// the participant ("if steroids are needed for ICANS, they may weaken the cells"), even
	// in its opening, which is otherwise knowledge; not where the sentence cites what it says
	// ("… is often fatal if tocilizumab is delayed [3]", "… if tocilizumab is delayed, as
	// reported in the pivotal trials"); asked only of a condition that would yield
	ownRule := func() bool {
		return c.ownCare(st) || rn != nil && rn.kind == corpus.KindRegistry && !c.citesKnowledge(st, scs, ts, te)
	}
	if yields == yieldsEither {
		if ownRule() {
			return v // "we add anakinra if CRS does not respond to tocilizumab"
		}
		yields = yieldsGeneric
	}
	var d *verdict
	if yields == yieldsContext {
		// "if neutropenia occurs, …": a generic signal in the sentence may be the
		// condition's own words, and a citation the source of the study's own rule ("is
		// given if CRS reaches grade 2, as the ASTCT recommends [5]"); only the document's
		// and the section's rules weigh
		d = c.contextVerdict(st, facet, rn, v.status)
	} else if d = c.clauseVerdict(st, ts, te); d == nil {
		if c.afterClauseSignal(st, ts) || c.comparedClauseSignal(st, te) {
			// "Whereas earlier reports described frequent CRS [18], our recipients remained
			// free of CRS": the citation speaks for its own clause, not this later one; nor
			// for a finding that a comparison sets against it ("CRS occurred in 20%,
			// comparable to that of the pivotal trial [12]")
			d = c.contextVerdict(st, facet, rn, v.status)
		} else {
			d = c.defaultVerdict(st, facet, rn, v.status)
		}
	}
	switch {
	case d == nil:
		return v
	case yields != yieldsNone && (d.status != Generic || d.byAbsence):
		return v // a possibility stays hypothetical unless the context is general knowledge
	case yields == yieldsContext && ownRule():
		return v // "we gave tocilizumab if …", "tocilizumab was given if …": the study's own rule of care
	}
	return *d
}

// citesKnowledge reports whether a sentence cites what it says of the units [ts, te): a
// generic cue reaches them, or stands anywhere in the sentence where it is a cue of other
// work or knowledge ("as reported in the pivotal trials"), not of the patients' history or
// state, which a negation turns (CueGroup.YieldsToNegation: "participants with prior CAR-T
// therapy may receive tocilizumab if …"); or the sentence holds a reference marker ("[3]",
// any of its clause signals, not only the first generic signal). Other generic signals do
// not count: a present-tense event may be a condition's own words ("while lymphopenia
// persists").
func (c *Classifier) citesKnowledge(st *sentenceState, scs []scope, ts, te int) bool {
	c.findSignals(st)
	return len(st.clauseRemote) > 0 || slices.ContainsFunc(scs, func(sc scope) bool {
		cg := sc.cue.entry.cue
		return cg.Category == CueGeneric && (sc.reaches(ts, te) || !cg.YieldsToNegation)
	})
}

// criterionLine reports whether a sentence is a registry record's criterion: the document
// falls under a hypothetical document rule of kind registry that holds in the sentence's
// section (not the record's posted Results, whose lines without a verb are its counts), and
// the sentence has no verb (no SignalPredicate), as a line of its eligibility criteria has
// none.
func (c *Classifier) criterionLine(st *sentenceState, rn *run) bool {
	if rn == nil || !slices.ContainsFunc(rn.docRules, func(d docKind) bool {
		return d.rule.Category == CueHypothetical && containsFold(d.rule.Kinds, corpus.KindRegistry) &&
			!slices.Contains(d.rule.ExceptSections, string(st.sent.Section))
	}) {
		return false
	}
	return !c.hasSignal(st, SignalPredicate)
}

// ownCare reports whether a sentence tells of the study's own care: in the past ("was",
// "were", "had": "tocilizumab was given if the fever persisted"), in the first person
// ("we start dexamethasone if …", "our protocol"), but not as advice or an opinion ("we
// recommend …", "in our view", "as we noted"), or naming its own patients or study (an own
// observed signal).
func (c *Classifier) ownCare(st *sentenceState) bool {
	us := st.units
	for k, u := range us {
		switch u.norm {
		case "was", "were", "had":
			return true
		case "we", "our":
			if ownFirstPerson(us, k) {
				return true
			}
		}
	}
	return c.ownIn(st, 0, len(us))
}

// ownFirstPerson reports whether the "we" or "our" at unit k speaks of the study's own care,
// not advice or an opinion: not after "as" ("as we noted"), nor "we" before a verb of
// opinion ("we recommend"), nor "our" before "view", "opinion" or "recommendation".
func ownFirstPerson(us []unit, k int) bool {
	if k > 0 && us[k-1].norm == "as" {
		return false
	}
	next := ""
	if k+1 < len(us) {
		next = us[k+1].norm
	}
	switch us[k].norm {
	case "we":
		return !opinionVerbs[next]
	case "our":
		return next != "view" && next != "opinion" && next != "recommendation" && next != "recommendations"
	}
	return false
}

// opinionVerbs are the verbs after "we" that give advice or an opinion, not the study's own
// care: "we recommend tocilizumab if CRS reaches grade 2".
var opinionVerbs = map[string]bool{"recommend": true, "suggest": true, "propose": true, "advise": true,
	"believe": true, "think": true, "would": true, "should": true, "favour": true, "favor": true, "prefer": true}

// citesLaterClause reports whether sc is the reach of a generic cue that stands after the
// units [ts, te), in a later clause, while the clause of those units names the report's own
// study: "Our series saw neurotoxicity in 31%, half the 64% reported by Lee et al." cites
// Lee for the 64%, not for the series' own neurotoxicity.
func (c *Classifier) citesLaterClause(st *sentenceState, sc scope, ts, te int) bool {
	if sc.cue.entry.cue.Category != CueGeneric || sc.cue.start < te {
		return false
	}
	brk := -1
	for k := te; k < sc.cue.start; k++ {
		if clauseBreak(st, k) {
			brk = k
			break
		}
	}
	if brk < 0 {
		return false
	}
	return c.ownIn(st, clauseStart(st, ts), brk)
}

// clauseVerdict gives generic to the units [ts, te) when they stand in the clause that a
// clause-bound generic signal ends ("… reported in the earlier cohort [21], …") and that
// clause does not name the report's own study (an observed signal with Own: "in our
// cohort"); a count or a past-tense denial there is the cited study's. Else nil. A clause runs back from the signal
// to a comma, ";", ":" or a terminator cue.
func (c *Classifier) clauseVerdict(st *sentenceState, ts, te int) *verdict {
	c.findSignals(st)
	for _, h := range st.clauseRemote {
		if te > h.start {
			continue
		}
		from := subjectClauseStart(st, clauseStart(st, h.start))
		if ts < from || c.ownIn(st, from, h.end) {
			continue
		}
		return &verdict{status: Generic, cue: "signal: " + textOf(st, h.start, h.end) + " (its clause)", rule: h.sig.ID}
	}
	return nil
}

// afterClauseSignal reports whether the sentence's generic signal speaks only for its own
// clause (Signal.Clause, a reference marker) and unit ts stands in a later clause that itself
// names the report's own study ("…, our recipients remained free of CRS"); a later clause
// without its own words goes on with the cited finding ("[8], and ICANS in a fifth, as we
// noted": the "we" is another clause's).
func (c *Classifier) afterClauseSignal(st *sentenceState, ts int) bool {
	c.findSignals(st)
	r := st.remote
	if r == nil || !r.sig.Clause || ts < r.end || !clauseBreakIn(st, r.end, ts) {
		return false
	}
	from, to := clauseStart(st, ts), ts
	for to < len(st.units) && !clauseBreak(st, to) {
		to++
	}
	for k := from; k < to; k++ {
		if n := st.units[k].norm; n == "our" || n == "we" {
			return true
		}
	}
	return c.ownIn(st, from, to)
}

// comparedClauseSignal reports whether the sentence's generic signal speaks only for its own
// clause (Signal.Clause, a reference marker) and a terminator that opens a clause of
// comparison (CueGroup.OpensClause: "comparable to", "than in") stands between unit te and
// it: the marker cites what the finding before is compared with, not the finding.
func (c *Classifier) comparedClauseSignal(st *sentenceState, te int) bool {
	c.findSignals(st)
	r := st.remote
	if r == nil || !r.sig.Clause || te > r.start {
		return false
	}
	return slices.ContainsFunc(st.cues, func(h hit) bool {
		return h.entry.cue.Category == CueTerminator && h.entry.cue.OpensClause && h.start >= te && h.end <= r.start
	})
}

// subjectClauseStart returns where the clause that opens at unit from starts once its
// subject is counted in: where from follows the closing comma of an aside after an outcome
// term (asideAround: "Liver toxicity, as shown by liver tests, was reported in 6% … [35]"),
// the clause runs back over the aside to the term and the words before it.
func subjectClauseStart(st *sentenceState, from int) int {
	if from < 2 || st.units[from-1].norm != "," {
		return from
	}
	if l, r := st.asideAround(clauseStart(st, from-1), from-1); l >= 0 && r == from-1 {
		return clauseStart(st, l)
	}
	return from
}

// ClauseGoesOnClass is the vocabulary class of the words that, after a comma, go on with
// the clause before it ("…, including one fatal case [16]").
const ClauseGoesOnClass = "context.clause_goes_on"

// clauseBreakIn reports whether a clause ends at any unit of [from, to) (clauseBreak).
func clauseBreakIn(st *sentenceState, from, to int) bool {
	for k := from; k < to; k++ {
		if clauseBreak(st, k) {
			return true
		}
	}
	return false
}

// clauseStart is the first unit of the clause that unit k stands in (clauseBreak).
func clauseStart(st *sentenceState, k int) int {
	for k > 0 && !clauseBreak(st, k-1) {
		k--
	}
	return k
}

// clauseEnd is the unit that ends the clause unit k stands in (clauseBreak), or the
// sentence's end.
func clauseEnd(st *sentenceState, k int) int {
	for k < len(st.units) && !clauseBreak(st, k) {
		k++
	}
	return k
}

// clauseBreak reports whether unit k of a sentence ends the clause before it: a comma, ";",
// ":" or the start of a terminator cue of both directions ("whereas", "although", "but")
// that opens a clause (not CueGroup.InClause: "patients treated with"), or of a backward one
// that does (CueGroup.OpensClause: "is in line with"). A verb that stops only backward cues
// ("occurred") is inside the clause: "Grade 3 neutropenia occurred in a third [4]" cites the
// neutropenia too.
func clauseBreak(st *sentenceState, k int) bool {
	switch st.units[k].norm {
	case ",":
		// "ICANS was reported in 6%, including one fatal case [16]", "CRS arose in 70%, with
		// grade ≥3 in 5% [8]": a phrase the comma opens goes on with the clause before it
		return k+1 >= len(st.units) || !st.hasClassAt(k+1, ClauseGoesOnClass)
	case ";", ":":
		return true
	}
	for _, h := range st.cues {
		if h.entry.cue.opensClause() && h.start == k {
			return true
		}
	}
	return false
}

// terminatorClause returns the units [from, to) of the clause that a cue stands in, as
// the terminators that open a clause after a comma or semicolon bound it ("…has been
// reported elsewhere, yet none of our patients …": the own patients are another clause's),
// and semicolons. A terminator inside its clause is no bound ("in all but 2 of our 40
// patients", "while our patients were on corticosteroids"), nor a comma alone or before
// words that go on with the clause ("have been observed, with pneumonia in 3 of our 40").
func terminatorClause(st *sentenceState, cue hit) (from, to int) {
	to = len(st.units)
	bound := func(k int) {
		if k <= cue.start {
			from = max(from, k)
		} else if k >= cue.end {
			to = min(to, k)
		}
	}
	for k, u := range st.units {
		if u.norm == ";" {
			bound(k)
		}
	}
	for _, h := range st.cues {
		if !h.entry.cue.endsClause() {
			continue
		}
		comma := h.start // the comma of ", and our", or the one before "yet"
		if st.units[comma].norm != "," {
			comma--
		}
		if comma < 0 || st.units[comma].norm != "," && st.units[comma].norm != ";" || !clauseBreak(st, comma) {
			continue
		}
		if h.end <= cue.start {
			bound(h.end)
		} else {
			bound(comma)
		}
	}
	return from, to
}

// endsClause reports whether the cue group is a terminator that ends the clause before it
// and opens another, in both directions ("whereas", "but", ", and our"), not one inside its
// clause (CueGroup.InClause: "treated with").
func (c *CueGroup) endsClause() bool {
	return c.Category == CueTerminator && c.Direction == Both && !c.InClause
}

// opensClause reports whether the cue group's hits open a clause (clauseBreak): a terminator
// that ends the clause before it (endsClause), or a backward one that opens a clause of its
// own (CueGroup.OpensClause: "is in line with", "than in").
func (c *CueGroup) opensClause() bool {
	return c.endsClause() || c.Category == CueTerminator && c.OpensClause
}

// ownIn reports whether an observed signal that names the report's own study
// (Signal.Own) matches inside the units [from, to) of a sentence.
func (c *Classifier) ownIn(st *sentenceState, from, to int) bool {
	return c.signalMatches(st, SignalObserved, func(start, end int) bool { return start >= from && end <= to }, true)
}

// signalMatches reports whether a signal of category that is evidence in the sentence's
// section matches it where accept says so (the units it spans).
func (c *Classifier) signalMatches(st *sentenceState, category string, accept func(start, end int) bool, ownOnly bool) bool {
	for i := range c.signals {
		sg := &c.signals[i]
		if sg.Category != category || !sg.appliesIn(st.sent.Section) || ownOnly && !sg.Own || !st.hasAll(sg.need) {
			continue
		}
		found := false
		m := &patternMatcher{s: st, p: sg.p}
		m.run(func(start, end int, _ []capture) { found = found || sg.fits(st, start, end) && accept(start, end) })
		if found {
			return true
		}
	}
	return false
}

// defaultVerdict decides steps 2 to 4: the status that the sentence's signals, the kind of
// document or the section give a tag of facet whose status so far is status, or nil when
// none does.
func (c *Classifier) defaultVerdict(st *sentenceState, facet string, rn *run, status string) *verdict {
	c.findSignals(st)
	if st.observed == nil && st.remote != nil {
		return &verdict{status: Generic, cue: "signal: " + textOf(st, st.remote.start, st.remote.end), rule: st.remote.sig.ID}
	}
	return c.contextVerdict(st, facet, rn, status)
}

// contextVerdict is defaultVerdict past the sentence's own generic signal: the verdict of
// its document's and its section's rules.
func (c *Classifier) contextVerdict(st *sentenceState, facet string, rn *run, status string) *verdict {
	applies := func(facets []string) bool { return facet == "" || containsStr(facets, facet) }
	c.findSignals(st)
	observed := st.observed != nil
	if rn != nil {
		for _, dk := range rn.docRules {
			if !applies(dk.rule.Facets) || dk.rule.UnlessObserved && observed || dk.rule.OnlyObserved && (!observed || status != Affirmed) ||
				dk.rule.UnlessOwn && observed && c.ownIn(st, 0, len(st.units)) ||
				containsStr(dk.rule.ExceptSections, string(st.sent.Section)) ||
				len(dk.rule.IfSignal) > 0 && !c.hasAnySignal(st, dk.rule.IfSignal) || c.hasAnySignal(st, dk.rule.UnlessSignal) {
				continue
			}
			if dk.rule.Opening > 0 && !rn.openingMarked {
				rn.openingMarked = true
				c.markOpening(rn)
			}
			if dk.rule.Opening > 0 && st.opening {
				continue // the document's background, left to the section rules
			}
			return &verdict{status: dk.rule.Category, cue: "document: " + dk.why, rule: dk.rule.ID, byAbsence: len(dk.rule.UnlessSignal) > 0}
		}
	}
	if rn != nil && !rn.openingMarked {
		rn.openingMarked = true
		c.markOpening(rn)
	}
	section := string(st.sent.Section)
	if st.opening {
		section = SectionOpening
	} else if st.unheadedMethods {
		section = SectionUnheadedMethods
	}
	for _, sr := range c.sections {
		if containsStr(sr.Sections, section) && applies(sr.Facets) && !(sr.UnlessObserved && observed) &&
			!(sr.UnlessOwn && observed && c.ownIn(st, 0, len(st.units))) && !(sr.YieldingOnly && !c.yieldsToAdvice(st, status)) {
			return &verdict{status: sr.Category, cue: "section: " + section, rule: sr.ID}
		}
	}
	return nil
}

// yieldsToAdvice reports whether a section rule that holds only against a yielding cue
// (SectionRule.YieldingOnly) holds for a sentence whose status so far is status: a
// possibility or a protocol's wording (the only hypothetical status the judge leaves to
// the context), told as advice, not of the study's own care in the first person ("our
// protocol, in which tocilizumab is given …"; "we recommend" is advice) nor of what it will
// do ("in the planned trial, … will …").
func (c *Classifier) yieldsToAdvice(st *sentenceState, status string) bool {
	if status != Hypothetical || c.hasSignal(st, SignalFuture) {
		return false
	}
	for k := range st.units {
		if ownFirstPerson(st.units, k) {
			return false // the study's own care or plan, in the first person
		}
	}
	return true
}

// documentKinds returns the document rules doc falls under: by the kind its loader gave
// it, by its record's publication types, or by a phrase of the rule in its text (phrases:
// the document-rule hits of its sentences that count towards facets).
func (c *Classifier) documentKinds(doc *corpus.Document, phrases []hit) []docKind {
	var out []docKind
	for _, d := range c.rs.Documents {
		why := ""
		if doc.Kind != "" && containsFold(d.Kinds, doc.Kind) {
			why = "kind " + doc.Kind
		}
		if why == "" && doc.Meta != nil {
			for _, pt := range doc.Meta.PublicationTypes {
				if containsFold(d.PublicationTypes, pt) {
					why = "publication type " + pt
					break
				}
			}
		}
		if why == "" {
			for _, h := range phrases {
				if h.entry.doc == d {
					why = fmt.Sprintf("%q", h.entry.form)
					break
				}
			}
		}
		if why != "" {
			out = append(out, docKind{rule: d, why: why})
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

// StatusAt gives the status that a tag at the bytes [start, end) of the document would get
// in its context (its sentence's cues and signals, its section, the kind of document), and
// the evidence that decided it, whether or not a rule tags those words. It serves to measure
// the statuses on sentence sets whose targets the vocabulary may not hold.
func (c *Classifier) StatusAt(doc *corpus.Document, start, end int) (ContextResult, error) {
	sents := c.sp.SplitDocument(doc)
	_, rn := c.tagDocumentWhole(doc, sents)
	for i, st := range rn.states {
		if start < st.sent.Start || end > st.sent.End {
			continue
		}
		if st.skip {
			return ContextResult{}, fmt.Errorf("%w: bytes %d–%d are page furniture", ErrTargetNotFound, start, end)
		}
		c.ensureUnits(rn, st)
		ts, te := -1, -1
		for k, u := range st.units {
			if u.end > start && u.start < end {
				if ts < 0 {
					ts = k
				}
				te = k + 1
			}
		}
		if ts < 0 {
			return ContextResult{}, fmt.Errorf("%w: no words at bytes %d–%d", ErrTargetNotFound, start, end)
		}
		v := c.judge(rn.states[i], c.scopes(st), ts, te, "", rn)
		return ContextResult{Status: v.status, Cue: v.cue, Rule: v.rule}, nil
	}
	return ContextResult{}, fmt.Errorf("%w: bytes %d–%d are not inside one sentence", ErrTargetNotFound, start, end)
}
