package classifier

import (
	"fmt"
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

// Incidence is how many patients had an outcome, bound to the tag of that outcome (and
// grade): "grade 2 CRS in 3 of 11 patients (27%)" gives the crs_grade=2 tag n 3, of 11,
// percent 27. A field the text does not give is nil. The denominator comes from the same
// words (Source "stated") or, when they give none, from the document's treated population
// ("We treated 15 patients": Source "inferred", PopulationSentence its index).
type Incidence struct {
	N       *int     `json:"n,omitempty"`
	Of      *int     `json:"of,omitempty"`
	Percent *float64 `json:"percent,omitempty"`
	// Source says where Of came from: "stated" (or nothing to say) or "inferred".
	Source             string `json:"source"`
	PopulationSentence *int   `json:"population_sentence,omitempty"`
	// Start and End are the byte offsets of the words that state it; Rule the incidence
	// rule that read them.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Rule  string `json:"rule"`
	// Unit is "events" when the words count episodes of the outcome, not patients ("one
	// episode of febrile neutropenia"); empty for patients.
	Unit string `json:"unit,omitempty"`
	// Grade is the grade of an adverse event the count counts ("grade 3-4 neutropenia in
	// 12%", "infections (40%; grade 3/4: 15%)"), as grade values are written ("3-4", "3+");
	// empty for any grade. CRS and ICANS grades are facets of their own (crs_grade).
	Grade string `json:"grade,omitempty"`
	// Arm is the place of the count among counts that give one each per arm or group of a
	// study ("4.0% versus 3.9%", "6.8% with capecitabine and 4.8% with S-1": 1 and 2); 0 when
	// the words give one count. Each arm's count after the first is on a tag of its own, a
	// copy of the outcome tag.
	Arm int `json:"arm,omitempty"`
	// Join is the arm rule that made the count another arm's count of the outcome before.
	Join string `json:"join,omitempty"`
	// Each is true when the words give one count to each outcome of a list ("one each of
	// sepsis and pneumonia", "in 3 patients each"): two items of one value are two counts.
	Each bool `json:"each,omitempty"`
	// Whole is the whole rule whose words, opening the sentence, gave Of ("Out of 14
	// patients, 2 developed …"), or PercentWholeRule for a whole another count of the
	// sentence states that the percentage is n of, or EventWholeRule for a grade's count
	// that takes its event's whole (Source "inferred" for both).
	Whole string `json:"whole,omitempty"`
	// Problems are the consistency checks it fails (n over its denominator, a percentage
	// that is not n/of, grade counts that add up past the event's): reported, not guessed.
	Problems []string `json:"problems,omitempty"`
}

// CountNounClass is the vocabulary class of the words a count of people counts ("patients",
// "children"): the parts of one count may stand apart by one of them.
const CountNounClass = "count.noun"

// exceptReach is how many units after a grade said of all of a count an exception
// ("all grade 1 except one grade 2 event") may stand and take the "all" back.
const exceptReach = 3

// SharedCountClass is the vocabulary class of the words that tie an outcome to the count of
// the outcome before it ("… in two patients and was managed supportively", "resolved with").
const SharedCountClass = "count.shared"

// ExceptClass is the vocabulary class of the words that set some cases apart from a denial
// after them ("apart from one case of grade 2 ICANS, no neurotoxicity was observed"): the
// denial is of any other case, no zero count of an outcome the sentence counts.
const ExceptClass = "count.except"

// TreatedForClass is the vocabulary class of the words that make the outcome after them what
// a treatment before them was given for ("tocilizumab was given for CRS in 26 patients"): a
// count after the outcome counts the patients treated.
const TreatedForClass = "count.treated_for"

// incidenceTreatedFor is how many units a treatment may stand before the words of
// TreatedForClass ("tocilizumab was administered for").
const incidenceTreatedFor = 6

// incidenceShared is how many units an outcome sharing a count may stand after it.
const incidenceShared = 12

// incidenceSharedAll is how many units a grade said of all of a count ("…, all of grade 1
// or 2") may stand after it, as crs.grade.all_of reaches.
const incidenceSharedAll = 24

// CountOtherClass is the vocabulary class of things other than outcomes that counts count
// ("complete response", "relapse"): a count after one of them is not an outcome's before it.
const CountOtherClass = "count.other"

// EventShareClass is the vocabulary class of the words that make a share in brackets after
// an outcome's events a share of those events ("most CRS events (91%) followed a step-up
// dose"): it says when or how the events went, not how many patients had them.
const EventShareClass = "count.event_share"

// CountResolutionClass is the vocabulary class of an event's resolution right before a count
// ("ICANS resolved in all patients"): the count is of those it resolved in, so it binds no
// outcome before these words.
const CountResolutionClass = "count.resolution"

// OccurredClass is the vocabulary class of the verbs that say an event happened ("occurred",
// "were observed"), standing between a count's outcome and the bracket of its share ("three
// treatment-related deaths occurred (5%)").
const OccurredClass = "count.occurred"

// CountGroupClass is the vocabulary class of the nouns that name a group of a study's
// patients ("cohort", "arm", "dose level"): a count that "in the second cohort" follows is
// that group's (an arm rule with Breakdown).
const CountGroupClass = "count.group"

// groupReach is how many units after its group word ("in", "among") a group noun may stand
// ("in the high-dose expansion cohort").
const groupReach = 5

// groupFollows reports whether a group of the study's patients follows unit end, after the
// count's share in brackets and its noun if any: what they received ("patients who received
// drug A"), or a group word and, within groupReach units, a noun of CountGroupClass or a
// product (or, past an "and", a plural group noun the next group shares, within twice that),
// with no clause end, comma or bracket before it.
func groupFollows(st *sentenceState, end int) bool { return groupFollowsWith(st, end, groupWords) }

// groupFollowsWith is groupFollows with words as the group words.
func groupFollowsWith(st *sentenceState, end int, words map[string]bool) bool {
	if end < len(st.units) && st.units[end].norm == "(" {
		if c := closingBracket(st.units, end); c > end {
			end = c + 1
		}
	}
	if end < len(st.units) && st.hasClassAt(end, CountNounClass) {
		end++
	}
	if end < len(st.units) && (st.units[end].norm == "that" || st.units[end].norm == "who") {
		end++
	}
	if end >= len(st.units) {
		return false
	}
	switch st.units[end].norm {
	case "received", "receiving", "given", "treated":
		return true
	}
	if !words[st.units[end].norm] {
		return false
	}
	and := false // "1 in the cast and 3 in the brace groups": one plural noun for both groups
	for u := end + 1; u < len(st.units) && (u <= end+groupReach || and && u <= end+2*groupReach); u++ {
		n := st.units[u].norm
		if clauseEnds[n] || n == "." || n == "," || n == "(" || n == ")" {
			return false
		}
		and = and || n == "and"
		if u > end+groupReach && !sharedGroupNouns[n] {
			continue
		}
		if st.hasClassAt(u, CountGroupClass) || st.hasClassAt(u, "product") {
			return true
		}
	}
	return false
}

// sharedGroupNouns are the plural group nouns that two coordinated groups may share ("in
// the cast and 3 in the brace groups").
var sharedGroupNouns = map[string]bool{"groups": true, "arms": true, "cohorts": true}

// WholeDataClass is the vocabulary class of the words after an outcome that make a whole
// the patients assessed for it ("with CRS data recorded"), not those who had it.
const WholeDataClass = "count.whole_data"

// PartialGradeClass is the vocabulary class of the words between an event and the grade
// written after it that make it the grade of most events, not of all ("CRS, mostly of grade
// 1"): a count of the event is not that grade's.
const PartialGradeClass = "count.partial_grade"

// partialGrade reports whether grade tag g's grade, written after its event, is that of
// only most of the events (PartialGradeClass between them).
func partialGrade(st *sentenceState, g match) bool {
	return g.gstart > g.ustart && st.hasClassIn(g.ustart, g.gstart, PartialGradeClass)
}

// gradeBeyondGroup reports whether grade tag g names its grade past a comma after the event
// that a subgroup's words describe ("of the 30 adults with CRS, the highest grade was 1 in
// 21"): the grade is no longer the group's description, and a count after it is the
// grade's. ("Among the adults with CRS of grade 3, 2 needed the ICU" keeps the grade the
// group's.)
func gradeBeyondGroup(st *sentenceState, g match) bool {
	if !isGrade(g.Facet) || g.gstart <= g.ustart {
		return false
	}
	for u := g.ustart + 1; u < g.gstart; u++ {
		if st.units[u].norm == "," {
			return true
		}
	}
	return false
}

// SubgroupClass is the vocabulary class of the words that make the outcome right after them
// the description of a group ("among the adults who had ICANS, four of 9 needed the ICU"): a
// count after it counts something else of that group, so it binds only from before.
const SubgroupClass = "count.subgroup"

// ComparedArmClass is the vocabulary class of the words that make the tag right after them,
// or one word on, an arm of a comparison ("infections were more frequent with tocilizumab
// (11.3%) than with placebo (5.8%)"): the counts are the compared event's, never the arm's.
const ComparedArmClass = "count.compared_arm"

// takesNoCount reports whether tag m is a treatment that only labels what a count counts:
// the arm of a comparison (ComparedArmClass) or what the outcome before it needed
// (RequirementClass).
func takesNoCount(st *sentenceState, m match) bool {
	return comparedArm(st, m) || requiredFor(st, m) || mostlyKind(st, m) || atEntry(st, m)
}

// atEntry reports whether tag m stands in the clause of the patients' state at entry that
// opens its sentence (atEntryEnd, kept in st.entryEnd): a characteristic, no incidence.
func atEntry(st *sentenceState, m match) bool {
	return m.ustart < st.entryEnd
}

// atEntryEnd returns the unit where a clause that opens with the words of the patients' state
// at entry and a comma ends ("At baseline, 12 patients (40%) had grade 2 anaemia"), or 0 when
// the sentence opens with none. The clause ends at a semicolon, or at a joining word ("and",
// "but", "whereas", "with" …) whose own clause, up to the next joining word that opens one
// (opensEntryClause), says what arose on study (AfterEntryClass: "…, and grade 3 anaemia arose in 8 after
// infusion", "… and none developed ICANS"); a list of more states at entry goes on ("…, 5 had
// neutropenia, and 3 had thrombocytopenia"). Its counts count nothing (the binder drops them)
// and its denials give no zero.
func atEntryEnd(st *sentenceState) int {
	us := st.units
	opener := slices.ContainsFunc(st.hits, func(h hit) bool {
		return h.class == AtEntryClass && h.start == 0 && h.end < len(us) && us[h.end].norm == ","
	})
	if !opener {
		return 0
	}
	end := len(us)
	for u := range us {
		if us[u].norm == ";" {
			end = u
			break
		}
	}
	for u := 1; u < end; u++ {
		if !entryJoins[us[u].norm] {
			continue
		}
		next := u + 1 // the clause this word opens runs to the next that opens one
		for next < end && !opensEntryClause(st, next) {
			next++
		}
		if st.hasClassIn(u+1, next, AfterEntryClass) {
			return u
		}
	}
	return end
}

// opensEntryClause reports whether the joining word at unit u opens a clause of its own: after
// a comma, a word of contrast ("whereas"), or one before a count that is its subject ("… had
// neutropenia and 10 of 40 developed CRS") or before a subject and its verb ("… and grade 3
// CRS arose in 10"); not one that joins two nouns or verbs of one clause ("had grade 3 CRS
// and ICANS after infusion", "… and needed tocilizumab").
func opensEntryClause(st *sentenceState, u int) bool {
	us := st.units
	switch {
	case !entryJoins[us[u].norm]:
		return false
	case u > 0 && us[u-1].norm == ",", contrastJoins[us[u].norm]:
		return true
	case u+1 < len(us) && (st.numberAt(u+1) || subjectCountWords[us[u+1].norm]):
		return true
	}
	for k := u + 2; k < len(us) && k <= u+5 && !entryJoins[us[k].norm] && us[k].norm != ","; k++ {
		if clauseVerbs[us[k].norm] {
			return true
		}
	}
	return false
}

// contrastJoins always open a clause of their own.
var contrastJoins = map[string]bool{"but": true, "whereas": true, "while": true, "although": true, "though": true, "yet": true}

// subjectCountWords open a clause's subject that counts its people ("and none had ICANS").
var subjectCountWords = map[string]bool{"none": true, "no": true, "all": true, "both": true, "neither": true}

// AtEntryClass is the vocabulary class of the words that open a sentence with the patients'
// state at entry ("At baseline,"): atEntryEnd.
const AtEntryClass = "count.at_entry"

// AfterEntryClass is the vocabulary class of the words that say what arose on study after a
// clause of the state at entry ("developed", "arose", "after the infusion"): atEntryEnd.
const AfterEntryClass = "count.after_entry"

// entryJoins may join a clause of what arose on study to one of the state at entry.
var entryJoins = map[string]bool{"and": true, "but": true, "whereas": true, "while": true, "although": true, "though": true, "yet": true, "with": true}

// mostlyKind reports whether tag m is named, in an aside between commas after a word of
// most (PartialGradeClass: "mostly", "mainly"), as the kind of most of an outcome right
// before it ("dose-limiting toxicities, mostly neutropenia, occurred in 5%"): the count is
// that outcome's, not its commonest kind's.
func mostlyKind(st *sentenceState, m match) bool {
	// the aside closes right after the kind: "cytopenias, mainly neutropenia in 12
	// patients, were common" counts the kind
	if m.uend >= len(st.units) || st.units[m.uend].norm != "," || !st.hasClassEndingAt(m.ustart, PartialGradeClass) {
		return false
	}
	for _, h := range st.hits {
		if h.class != PartialGradeClass || h.end != m.ustart || h.start < 2 || st.units[h.start-1].norm != "," {
			continue
		}
		for _, o := range st.matches {
			if isOutcome(o.Facet) && o.uend == h.start-1 {
				return true
			}
		}
	}
	return false
}

// comparedArm reports whether tag m names the arm of a comparison (ComparedArmClass).
func comparedArm(st *sentenceState, m match) bool {
	return st.hasClassEndingAt(m.ustart, ComparedArmClass) || m.ustart > 0 && st.hasClassEndingAt(m.ustart-1, ComparedArmClass)
}

// RequirementClass is the vocabulary class of the words between an outcome and a treatment
// that make the treatment what the outcome needed ("hypogammaglobulinemia requiring
// immunoglobulin replacement developed in 19 of 25"): the count is the outcome's.
const RequirementClass = "count.requirement"

// requiredFor reports whether treatment tag m is what an outcome tag right before it
// needed: a RequirementClass term ends right before m (or one word before it, "requiring a
// transfusion") and starts where an outcome tag other than a treatment ends.
func requiredFor(st *sentenceState, m match) bool {
	if m.Facet != toxicityTreatmentFacet {
		return false
	}
	for _, h := range st.hits {
		if h.class != RequirementClass || h.end != m.ustart && h.end != m.ustart-1 {
			continue
		}
		for _, o := range st.matches {
			if o.uend == h.start && isOutcome(o.Facet) && o.Facet != toxicityTreatmentFacet {
				return true
			}
		}
	}
	return false
}

// ConsequenceClass is the vocabulary class of the words that make the outcome right after
// them the cause of what a count counts ("treatment discontinuation due to ICANS",
// "hospitalisation for CRS"): a count after it counts the consequence, in a sentence as in
// a table row, so the outcome binds only from before.
const ConsequenceClass = "count.consequence"

// ReachEndClass is the vocabulary class of the words that end a count's reach forward: what
// follows them is what the patients counted were associated with ("9 of 40 needed
// hospital care and were associated with CRS"), not what they had.
const ReachEndClass = "count.reach_end"

// MeasureClass is the vocabulary class of the names of a test's measures ("sensitivity",
// "positive predictive value", "AUC"): a share stated after the outcome of a clause that a
// measure heads ("the positive predictive value of ferritin for grade 3 CRS was 82%") is the
// measure's, not the outcome's incidence.
const MeasureClass = "count.measure"

// clauseJoints join one clause to another without a comma: a verb after one belongs to
// the second clause (measureSubject).
var clauseJoints = map[string]bool{"and": true, ";": true}

// measureSubject reports whether a test's measure (MeasureClass) is the subject of the verb
// at unit k that a share follows: "the positive predictive value of ferritin for grade 3 CRS
// was 82%", not "agreement was good and the rate of CRS was 20%" (another verb, or "and",
// stands between).
func measureSubject(st *sentenceState, k int) bool {
	from := clauseStart(st, k)
	for _, h := range st.hits {
		if h.class != MeasureClass || h.start < from || h.end > k {
			continue
		}
		if !st.verbIn(h.end, k) && !st.wordIn(h.end, k, clauseJoints) {
			return true
		}
	}
	return false
}

// PartBeforeClass and PartAfterClass are the vocabulary classes of the words before and after
// an outcome that make it a part of the outcome ("new-onset ICANS" after week 2, "CRS only"
// without ICANS): a count of that part is no count of the outcome, so it binds none.
const (
	PartBeforeClass = "count.part_before"
	PartAfterClass  = "count.part_after"
)

// partOf reports whether a tag names a part of its outcome: a PartBeforeClass term ends right
// before it, a PartAfterClass term starts right after it (not after a grade tag, whose "only"
// limits the grade: "3 had grade 1 CRS only"), or it is the next item of a list whose first
// item is a part ("late-onset CRS and ICANS").
func partOf(st *sentenceState, m match) bool {
	if st.hasClassEndingAt(m.ustart, PartBeforeClass) || m.uend < len(st.units) && !isGrade(m.Facet) && st.hasClassAt(m.uend, PartAfterClass) {
		return true
	}
	if u := m.ustart - 1; u > 0 && listSeparators[st.units[u].norm] {
		for _, e := range st.matches {
			if isOutcome(e.Facet) && e.uend == u && st.hasClassEndingAt(e.ustart, PartBeforeClass) {
				return true
			}
		}
	}
	return false
}

// eventShare reports whether share h, alone in its bracket right after outcome m and its
// noun of events ("most CRS events (91%)", "the majority of ICANS episodes (75%)"), is a
// share of those events: a term of EventShareClass stands right before the outcome.
func eventShare(st *sentenceState, m match, h incidenceHit) bool {
	us := st.units
	if h.pct == nil || h.n != nil || m.uend+1 >= len(us) || us[m.uend+1].norm != "(" || h.start > m.uend+2 {
		return false
	}
	if n := us[m.uend].norm; !eventUnits[n] && !eventNouns[n] { // the words of events eventSubject reads
		return false
	}
	return st.hasClassEndingAt(m.ustart, EventShareClass)
}

// semicolonBetween reports whether a semicolon at the depth of the brackets of unit from
// stands in units [from, to): a clause of its own begins ("…; EBV disease occurred in 4"),
// while one inside a bracket opened after from separates a list's items.
func semicolonBetween(us []unit, from, to int) bool {
	depth := 0
	for u := from; u < to && u < len(us); u++ {
		switch us[u].norm {
		case "(":
			depth++
		case ")":
			if depth > 0 {
				depth--
			}
		case ";":
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// PeriodAfterClass is the vocabulary class of the words after a count that name the time
// it counts ("in 3 (8%) thereafter", "…, after day 30"): an arm rule's count of the same
// patients at another time (IncidenceRule.SameWhole).
const PeriodAfterClass = "count.period_after"

// PeriodOrdinalClass is the vocabulary class of the words that open a time by its order
// ("in the second", "during the following"): a count's time where a noun of time
// (TimeNounClass) closes them ("in the second year"), not alone ("in the second" cohort).
const PeriodOrdinalClass = "count.period_ordinal"

// TimeNounClass is the vocabulary class of the nouns of time that close PeriodOrdinalClass
// words.
const TimeNounClass = "count.time_noun"

// periodOf reports whether words of PeriodAfterClass, or of PeriodOrdinalClass closed by a
// noun of time, name the time of a count right after it: past a comma, or from the count's
// own last word ("in 10 at month 3", whose count reads "in 10 at").
func periodOf(st *sentenceState, h incidenceHit) bool {
	end := h.end
	if end < len(st.units) && st.units[end].norm == "," {
		end++
	}
	if st.hasClassIn(h.end-1, end+1, PeriodAfterClass) {
		return true
	}
	for _, t := range st.hits {
		if t.class == PeriodOrdinalClass && h.end-1 <= t.start && t.start <= end && st.hasClassIn(t.end, t.end+1, TimeNounClass) {
			return true
		}
	}
	return false
}

// hasClassEndingAt reports whether a term of class ends right before unit u.
func (s *sentenceState) hasClassEndingAt(u int, class string) bool {
	for _, h := range s.hits {
		if h.class == class && h.end == u {
			return true
		}
	}
	return false
}

// hasClassFromTo reports whether a term of class starts in units [from, to] and ends at
// unit end: "patients with" inside or right after a count, ending where its event starts.
func (s *sentenceState) hasClassFromTo(from, to, end int, class string) bool {
	for _, h := range s.hits {
		if h.class == class && from <= h.start && h.start <= to && h.end == end {
			return true
		}
	}
	return false
}

// hasClassIn reports whether a term of class starts in units [from, to).
func (s *sentenceState) hasClassIn(from, to int, class string) bool {
	for _, h := range s.hits {
		if h.class == class && from <= h.start && h.start < to {
			return true
		}
	}
	return false
}

// hasValueIn reports whether a term of the class with the value starts in [from, to).
func (s *sentenceState) hasValueIn(from, to int, class, value string) bool {
	for _, h := range s.hits {
		if h.class == class && h.value == value && from <= h.start && h.start < to {
			return true
		}
	}
	return false
}

// clauseEnds end the clause a count is the subject of: it counts no outcome past them.
var clauseEnds = map[string]bool{";": true, ":": true}

// countsOther reports whether a term of CountOtherClass covers one of the three units from
// unit end, with no punctuation before it: the count counts that ("60% of patients achieved
// CR", "92% of patients had recovered", whose "had" the count's own words end with).
func countsOther(st *sentenceState, end int) bool {
	for u := end; u < end+3 && u < len(st.units); u++ {
		if !st.units[u].word && st.units[u].norm != ")" {
			return false
		}
		if st.hasClassAt(u, CountOtherClass) {
			return true
		}
	}
	return false
}

// eitherOr reports whether a tag stands in "X or Y" ("bronchopneumonia or cardiac
// decompensation occurred in 4 patients"): a count of either is no count of one of them.
func eitherOr(st *sentenceState, m match) bool {
	us := st.units
	word := func(u int) bool { return u >= 0 && u < len(us) && us[u].word && !isNumber(us[u].norm) }
	norm := func(u int) string {
		if u < 0 || u >= len(us) {
			return ""
		}
		return us[u].norm
	}
	if norm(m.uend) == "or" && word(m.uend+1) || norm(m.uend) == "and" && norm(m.uend+1) == "/" && norm(m.uend+2) == "or" && word(m.uend+3) {
		return true // "CRS or ICANS", "CRS and/or ICANS"
	}
	return norm(m.ustart-1) == "or" && (word(m.ustart-2) || norm(m.ustart-2) == "/" && norm(m.ustart-3) == "and" && word(m.ustart-4))
}

// versusWords set one share or count against another ("5.0% vs 18.3%").
var versusWords = map[string]bool{"vs": true, "vs.": true, "versus": true, "v": true}

// listSeparators may stand between the items of a list of counts ("80%, 35% and 20%").
var listSeparators = map[string]bool{",": true, "and": true, "or": true, "vs": true, "versus": true, "v": true}

// classEndFrom returns the end of the longest term of class that starts at unit k, or -1.
func (s *sentenceState) classEndFrom(k int, class string) int {
	end := -1
	for _, h := range s.hits {
		if h.class == class && h.start == k && h.end > end {
			end = h.end
		}
	}
	return end
}

// hasClassAt reports whether a term of class covers unit k.
func (s *sentenceState) hasClassAt(k int, class string) bool {
	for _, h := range s.hits {
		if h.class == class && h.start <= k && k < h.end {
			return true
		}
	}
	return false
}

// Incidence sources.
const (
	IncidenceStated   = "stated"
	IncidenceInferred = "inferred"
)

// String writes the incidence as the rule examples do: "3/11 27%", "- 12.5%", "0".
func (in *Incidence) String() string {
	var b strings.Builder
	if in.N != nil {
		b.WriteString(strconv.Itoa(*in.N))
	} else {
		b.WriteString("-")
	}
	if in.Of != nil {
		b.WriteString("/" + strconv.Itoa(*in.Of))
	}
	if in.Percent != nil {
		b.WriteString(" " + strconv.FormatFloat(*in.Percent, 'f', -1, 64) + "%")
	}
	return b.String()
}

// IncidenceNotation is an expected incidence as rule examples write it: "crs_grade=2 3/11
// 27%" (Facet and Value are empty for a population, "15").
type IncidenceNotation struct {
	Facet, Value string
	N, Of        *int
	Percent      *float64
}

// isCountNotation reports whether a word of an incidence notation is its count: "3",
// "3/11", "-", "-/11".
func isCountNotation(w string) bool {
	n, of, hasOf := strings.Cut(w, "/")
	num := func(x string) bool {
		_, err := strconv.Atoi(x)
		return err == nil
	}
	return (n == "-" || num(n)) && (!hasOf || num(of))
}

// ParseIncidenceNotation reads "facet=value n[/of][ percent%]" ("-" for no n), or a bare
// population "15".
func ParseIncidenceNotation(s string) (IncidenceNotation, error) {
	var out IncidenceNotation
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return out, fmt.Errorf("empty incidence")
	}
	if f, v, ok := strings.Cut(fields[0], "="); ok {
		out.Facet, out.Value = f, v
		fields = fields[1:]
		// A value of several words ("adverse_event=treatment-related death 1"): the words
		// up to the count, which is a number, "-", or a fraction.
		for len(fields) > 0 && !isCountNotation(fields[0]) {
			out.Value += " " + fields[0]
			fields = fields[1:]
		}
		if len(fields) == 0 {
			return out, fmt.Errorf("%q: no count after %s=%s", s, out.Facet, out.Value)
		}
	}
	count := fields[0]
	n, of, hasOf := strings.Cut(count, "/")
	if n != "-" {
		v, err := strconv.Atoi(n)
		if err != nil {
			return out, fmt.Errorf("%q: the count %q is not a whole number or -", s, n)
		}
		out.N = &v
	}
	if hasOf {
		v, err := strconv.Atoi(of)
		if err != nil {
			return out, fmt.Errorf("%q: the denominator %q is not a whole number", s, of)
		}
		out.Of = &v
	}
	if len(fields) > 1 {
		p, err := strconv.ParseFloat(strings.TrimSuffix(fields[1], "%"), 64)
		if err != nil || !strings.HasSuffix(fields[1], "%") || len(fields) > 2 {
			return out, fmt.Errorf("%q: want facet=value n[/of][ percent%%]", s)
		}
		out.Percent = &p
	}
	return out, nil
}

// Equal reports whether the notation states the incidence (all three numbers alike).
func (n IncidenceNotation) Equal(in *Incidence) bool {
	eqi := func(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
	eqf := func(a, b *float64) bool {
		return a == nil && b == nil || a != nil && b != nil && math.Abs(*a-*b) < 1e-9
	}
	return in != nil && eqi(n.N, in.N) && eqi(n.Of, in.Of) && eqf(n.Percent, in.Percent)
}

// incidenceHit is one match of an event incidence rule in a sentence, in units.
type incidenceHit struct {
	rule       *IncidenceRule
	start, end int
	n, of      *int
	pct        *float64
	// except is what an All rule leaves out of every patient ("all but {number:except}").
	except *int
	// claimStart and claimEnd span the numbers a rule that claims them (IncidenceRule.Claims)
	// captured past the end of its match (after ">>"): "the number of patients with ICANS was 5 (25%)" ends before its
	// outcome, but its "5 (25%)" is no other rule's count.
	claimStart, claimEnd int
}

// numberListEnd returns the end of the list of numbers that a match ending at end on a number
// goes on ("10" of "3, 10 and 20 mg/kg": the end of "20"), or end when none follows.
func numberListEnd(us []unit, end int) int {
	if end == 0 || !isNumeral(us[end-1].norm) {
		return end
	}
	to := end
	for to+1 < len(us) && isNumeral(us[to+1].norm) {
		switch us[to].norm {
		case ",", "and", "or", "to":
			to += 2
		default:
			return end // "9/30 and 6/40": fractions, not a list of one unit
		}
	}
	return to
}

// runIncidence returns the matches of the rules of kind in a sentence, leftmost-longest and
// not overlapping, adjacent partial ones joined ("in 24 participants" + "(80%)").
func (c *Classifier) runIncidence(rn *run, st *sentenceState, kind string) []incidenceHit {
	return c.runIncidenceWhere(rn, st, kind, nil)
}

// runIncidenceWhere is runIncidence over the rules of kind that keep accepts (all with nil).
func (c *Classifier) runIncidenceWhere(rn *run, st *sentenceState, kind string, keep func(*IncidenceRule) bool) []incidenceHit {
	var hits []incidenceHit
	for _, r := range c.incidence {
		if r.Kind != kind || keep != nil && !keep(r.IncidenceRule) || !docOK(r.When, rn.docClasses) || !st.hasAll(r.need) || r.TableRow && !st.tableShape().row && !st.cellRows {
			continue
		}
		from := len(hits)
		m := &patternMatcher{s: st, p: r.p, opening: r.Opening}
		m.run(func(start, end int, caps []capture) {
			if r.notBefore.matchesBefore(st.units, start) || r.notAfter.matchesAfter(st.units, end) ||
				len(r.FollowedBy) > 0 && !r.followedBy.matchesAfter(st.units, end) {
				return
			}
			if to := numberListEnd(st.units, end); to > end && r.notAfter.matchesAfter(st.units, to) {
				return // "at the 3, 10 and 20 mg/kg doses": the list's last number names the unit of all
			}
			if r.BindsAfter && len(r.SubjectVerbs) > 0 && !r.subjectVerbs.verbAfter(st.units, end) && appositiveVerb(st, end, r.IncidenceRule) < 0 {
				return // its subject verbs must follow (": 10 grade 1")
			}
			if r.Kind == IncidencePopulation && slices.ContainsFunc(caps, func(cp capture) bool {
				return cp.name == "of" && cp.end < len(st.units) && st.units[cp.end].norm == "%"
			}) {
				return // "CRS occurred in 48% of patients who were treated with …": a share, no cohort
			}
			h := incidenceHit{rule: r.IncidenceRule, start: start, end: end}
			for _, cp := range caps {
				if r.Claims && (cp.name == "n" || cp.name == "of" || cp.name == "percent") && cp.start >= end {
					if h.claimEnd == 0 || cp.start < h.claimStart {
						h.claimStart = cp.start
					}
					h.claimEnd = max(h.claimEnd, cp.end)
				}
			}
			capture := func(name string) (string, bool) {
				for _, cp := range caps {
					if cp.name == name && len(cp.values) > 0 {
						return cp.values[0], true
					}
				}
				return "", false
			}
			get := func(ref valueRef) (string, bool) {
				switch {
				case ref.literal != "":
					return ref.literal, true
				case ref.minus != "": // "$of-$except": the difference of two captures
					x, okx := capture(ref.name)
					y, oky := capture(ref.minus)
					fx, errx := strconv.ParseFloat(withoutThousands(x), 64)
					fy, erry := strconv.ParseFloat(withoutThousands(y), 64)
					if !okx || !oky || errx != nil || erry != nil || fx < fy {
						return "", false
					}
					return strconv.FormatFloat(fx-fy, 'f', -1, 64), true
				}
				return capture(ref.name)
			}
			if v, ok := get(r.n); ok {
				// (a count is never written with a decimal point: "1.0 mg/kg" is a dose)
				if x, err := strconv.ParseFloat(withoutThousands(v), 64); err == nil && x == math.Trunc(x) && !strings.Contains(v, ".") {
					n := int(x)
					h.n = &n
				}
			}
			if v, ok := get(r.of); ok {
				if x, err := strconv.ParseFloat(withoutThousands(v), 64); err == nil && x == math.Trunc(x) {
					of := int(x)
					h.of = &of
				}
			}
			if v, ok := get(r.pct); ok {
				if x, err := strconv.ParseFloat(v, 64); err == nil {
					h.pct = &x
				}
			}
			if v, ok := capture("except"); ok && r.All {
				if x, err := strconv.Atoi(v); err == nil {
					h.except = &x
				}
			}
			if r.Max > 0 && (h.n != nil && *h.n > r.Max || h.of != nil && *h.of > r.Max) {
				return
			}
			if r.Fits && (h.n == nil || h.of == nil || h.pct == nil || *h.of == 0 || math.Abs(100*float64(*h.n)/float64(*h.of)-*h.pct) > 1) {
				return // "8/80 (12)": the bracket is no share of the fraction
			}
			if h.n != nil && h.of == nil && h.pct == nil && rangeBracket(st.units, h.end) {
				return // "Doses of tocilizumab 1 (1–2)": a median with its range, no count
			}
			if h.n != nil || h.of != nil || h.pct != nil || r.All {
				hits = append(hits, h)
			}
		})
		if r.Agree && !sharesAgree(hits[from:]) {
			hits = hits[:from] // "fever 5 (2)": a bracket that no other share bears out
		}
	}
	slices.SortStableFunc(hits, func(a, b incidenceHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var out []incidenceHit
	for _, h := range hits {
		if k := len(out); k > 0 && h.start == out[k-1].end-1 && h.start > out[k-1].start && (st.units[h.start].norm == "," || st.units[h.start].norm == ";") {
			// "(80%, 4% grade ≥3)": the comma that ends one count opens the next; they
			// share it
			out[k-1].end--
		}
		if k := len(out); k > 0 && h.start < out[k-1].end {
			continue // overlaps a longer or earlier match
		}
		if slices.ContainsFunc(out, func(o incidenceHit) bool { return h.start < o.claimEnd && h.end > o.claimStart }) {
			continue // numbers an earlier rule captured after its match
		}
		if k := len(out); k > 0 && joinable(st, out[k-1], h) {
			p := &out[k-1]
			p.end = h.end
			p.n, p.of, p.pct = cmpOr(p.n, h.n), cmpOr(p.of, h.of), cmpOr(p.pct, h.pct)
			if p.end < len(st.units) && st.units[p.end].norm == ")" && openingBracket(st.units, p.end) >= p.start ||
				p.end < len(st.units) && st.units[p.end].norm == "]" && slices.ContainsFunc(st.units[p.start:p.end], func(u unit) bool { return u.norm == "[" }) {
				p.end++ // the bracket the joined count opened ("11/26 [42%]"): a subject verb or another arm may follow it
			}
			continue
		}
		if e := ciBracketEnd(st.units, h.end); e > 0 {
			h.end = e // "52% (95% CI 41%-63%) with IVIG": the interval is the share's own
		}
		out = append(out, h)
	}
	return out
}

// boundedShareRe finds a share written as a bound: "<1%", "≤ 2%", "less than 1%", "under
// 5%", "up to 10%" (the percent sign is needed: the "≥3" of "G≥3: 2/62 (3%)" bounds a grade,
// not the share).
var boundedShareRe = regexp.MustCompile(`(?:[<≤>≥]|\b(?:(?:less|fewer|more|greater) than|under|below|over|above|up to))\s*(\d+(?:\.\d+)?)\s*%`)

// boundedCountRe finds the words of a bound that end right before a count: "at most 1 of 6",
// "no more than two patients", "at least 3 of the 8".
var boundedCountRe = regexp.MustCompile(`(?i)\b(?:at (?:least|most)|no more than|not more than|fewer than|less than|more than|up to)\s+$`)

// boundedCount reports whether a bound's words stand right before the count whose words
// start at byte start of text.
func boundedCount(text string, start int) bool {
	return boundedCountRe.MatchString(text[max(0, start-boundLookback):start])
}

// boundLookback is how many bytes before an incidence's words a bound may start: "greater
// than " before "5% of patients".
const boundLookback = 16

// boundedShare reports whether the share pct of an incidence whose words are text[start:end]
// was written as a bound ("1 patient (<1%)", "in less than 5%", "in greater than 5%"): the text
// says only that the share is under (or over) the figure, so it is no share. The bound may
// start from (before the words) but must reach into them: "CRS (<2%) and ICANS (2%)" bounds
// the CRS share only.
func boundedShare(text string, from, start, end int, pct float64) bool {
	for _, m := range boundedShareRe.FindAllStringSubmatchIndex(text[from:end], -1) {
		if from+m[1] <= start {
			continue
		}
		if v, err := strconv.ParseFloat(text[from+m[2]:from+m[3]], 64); err == nil && v == pct {
			return true
		}
	}
	return false
}

// sharesAgree reports whether two or more hits each hold a count and a share, and one
// whole (the largest count at least) makes every share its count's to rounding (half a
// point of the share as written, or one point when it is written whole).
func sharesAgree(hits []incidenceHit) bool {
	if len(hits) < 2 {
		return false
	}
	most := 0
	for _, h := range hits {
		if h.n == nil || h.pct == nil || *h.pct <= 0 || *h.pct > 100 || *h.n == 0 {
			return false
		}
		most = max(most, *h.n)
	}
	first := hits[0]
	guess := int(math.Round(100 * float64(*first.n) / *first.pct))
	for w := max(most, guess-3); w <= guess+3; w++ {
		if w <= 0 {
			continue
		}
		ok := true
		for _, h := range hits {
			tol := 0.5
			if *h.pct == math.Trunc(*h.pct) {
				tol = 1
			}
			if math.Abs(100*float64(*h.n)/float64(w)-*h.pct) > tol {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// ciBracketEnd returns the unit after a bracket that opens at unit u with a confidence
// interval ("(95% CI 41%-63%)", "(95% confidence interval, 41-63)"), or -1.
func ciBracketEnd(us []unit, u int) int {
	if u+3 >= len(us) || us[u].norm != "(" || !isNumeral(us[u+1].norm) {
		return -1
	}
	for k := u + 2; k < min(u+5, len(us)); k++ {
		if strings.EqualFold(us[k].norm, "ci") || strings.EqualFold(us[k].norm, "confidence") {
			if c := closingBracket(us, u); c > u {
				return c + 1
			}
			return -1
		}
	}
	return -1
}

// eventHits returns the matches of the event rules in a sentence (runIncidence), run once
// and kept on the sentence.
func (c *Classifier) eventHits(rn *run, st *sentenceState) []incidenceHit {
	if !st.eventHitsRun {
		st.eventHits, st.eventHitsRun = c.runIncidence(rn, st, IncidenceEvent), true
	}
	return st.eventHits
}

func cmpOr[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// joinable reports whether b completes a: it starts within three units (punctuation or a
// term of the class CountNounClass: "3 of 10 patients (30%)") of a's end and gives only what
// a lacks, or a fraction of a's own count gives a's whole ("9 patients (18%, 9/50)", or a
// bracket a few words on: "two adults at the higher dose (2/19, 10.5%)").
func joinable(st *sentenceState, a, b incidenceHit) bool {
	if a.rule.Negated != b.rule.Negated || a.rule.List == ListAfter || b.rule.List == ListAfter {
		return false
	}
	// "(55%) and six received …": a count that opens a clause of its own completes nothing
	if b.rule.BindsAfter && b.n != nil && (st.units[b.start].norm == "and" || st.units[b.start].norm == ";" || st.units[b.start].norm == "including") {
		return false
	}
	// "3 deaths (2.5%): 2 due to sepsis": a count after a colon opens a breakdown of the
	// share before it, not its count
	if b.n != nil && b.rule.BindsAfter && slices.ContainsFunc(st.units[max(a.end-1, a.start):min(b.start+1, len(st.units))], func(u unit) bool { return u.norm == ":" }) {
		return false
	}
	// "ICANS 6.0% (one grade 5 event)": a count the grade follows counts that grade, not the
	// share before it
	if b.n != nil && b.pct == nil && a.pct != nil && a.n == nil && b.end < len(st.units) && startsGrade(st.units[b.end].norm) {
		return false
	}
	// "40 of 61 patients with CRS (66%)": a bare percentage a few words on that is n/of
	// (to rounding) is the count's own, whatever words stand between.
	if a.n != nil && a.of != nil && a.pct == nil && b.n == nil && b.of == nil && b.pct != nil && *a.of > 0 &&
		b.start-a.end <= 6 && (st.units[b.start].norm == "(" || b.start > 0 && st.units[b.start-1].norm == "(") && math.Abs(*b.pct-100*float64(*a.n)/float64(*a.of)) <= 1 &&
		!semicolonBetween(st.units, a.end, b.start) {
		return true
	}
	// "in two adults during the first month at the higher dose (2/19, 10.5%)": a bracket a few
	// words on that repeats the count with its whole is the count's own, when no outcome
	// stands between them.
	if a.n != nil && b.n != nil && *a.n == *b.n && a.of == nil && a.pct == nil && b.of != nil &&
		b.start-a.end <= 10 && (st.units[b.start].norm == "(" || b.start > 0 && st.units[b.start-1].norm == "(") &&
		!semicolonBetween(st.units, a.end, b.start) && !outcomeBetween(st, a.end, b.start) {
		return true
	}
	// "in 3 vs 11 patients (5.0% vs 18.3%)": a bracket of shares set against each other is
	// the shares of the counts before it, in their order, not the last count's own
	if b.n == nil && b.pct != nil && b.end < len(st.units) && versusWords[st.units[b.end].norm] && st.units[b.end-1].norm != ")" &&
		(st.units[b.start].norm == "(" || b.start > 0 && st.units[b.start-1].norm == "(") {
		return false
	}
	// "grade 2 in 19.4%; one patient had grade 3": a semicolon ends the count's clause
	// (b may begin with it), unless both stand in one bracket ("(3/40; 7.5%)", "17 adults
	// (17/23; 74%)": a's last words and b).
	if b.start-a.end > 3 || semicolonBetween(st.units, a.end, min(b.start+1, len(st.units))) &&
		!(inOneBracket(st, max(a.start, a.end-1), b.start+1) && semicolonShareFits(a, b)) {
		return false
	}
	for k := a.end; k < b.start; k++ {
		if st.units[k].word && !st.hasClassAt(k, CountNounClass) && !totalWord(st.units, k) {
			return false
		}
	}
	// "9 patients (18%, 9/50)": the fraction repeats the count and adds its whole.
	if a.n != nil && b.n != nil && *a.n == *b.n && a.of == nil && b.of != nil && b.pct == nil {
		return true
	}
	return (a.n == nil || b.n == nil) && (a.of == nil || b.of == nil) && (a.pct == nil || b.pct == nil)
}

// semicolonShareFits reports whether b, after a semicolon in the bracket of count a, can be
// a's own: a share alone must be a's n of its whole where a states both ("(17/23; 74%)"; not
// "(12/40; 50% of those with CRS)", a share of another whole).
func semicolonShareFits(a, b incidenceHit) bool {
	if b.pct == nil || b.n != nil || a.n == nil || a.of == nil || *a.of <= 0 {
		return true
	}
	return math.Abs(*b.pct-100*float64(*a.n)/float64(*a.of)) <= 1
}

// totalWord reports whether unit k says that the count before it is of all the patients,
// "19 patients overall (6.3%)", "in total", "in all", which leaves the bracket after it the
// count's own.
func totalWord(us []unit, k int) bool {
	switch us[k].norm {
	case "overall", "altogether", "total", "all":
		return true
	case "in":
		return k+1 < len(us) && (us[k+1].norm == "total" || us[k+1].norm == "all")
	}
	return false
}

// countValue reads a whole count written in digits, "36" or "1,036".
func countValue(u string) (int, bool) {
	u = withoutThousands(u)
	if !allDigits(u) {
		return 0, false
	}
	v, err := strconv.Atoi(u)
	return v, err == nil
}

// withoutThousands returns a count written "6,234" as "6234"; any other text as it is.
func withoutThousands(v string) string {
	if isThousands(v) {
		return strings.ReplaceAll(v, ",", "")
	}
	return v
}

// rangeBracket reports whether a bracket holding only a range of two numbers ("(1–2)",
// "(4, 11)") opens at unit u: the number before it is a median or mean, not a count.
func rangeBracket(us []unit, u int) bool {
	if u+4 >= len(us) || us[u].norm != "(" || us[u+4].norm != ")" {
		return false
	}
	sep := us[u+2].norm
	return isNumber(us[u+1].norm) && isNumber(us[u+3].norm) && (sep == "-" || sep == "," || sep == "to")
}

// incidenceNegationRule is the Rule of the zero count a negated outcome gets.
const incidenceNegationRule = "negation"

// isNegation reports whether a cue is a negation of the text (a cue phrase, not a section
// or document rule that decided the status).
func isNegation(cue string) bool {
	return cue != "" && !strings.HasPrefix(cue, "section:") && !strings.HasPrefix(cue, "document:")
}

// incidenceWindow is how many units a count may stand from the outcome it counts.
const (
	incidenceBefore = 16 // units from the end of a tag to the count after it
	incidenceAfter  = 14 // units from a count to the tag after it ("seven patients had grade 2 CRS")
)

// incidenceBinder gives the outcome tags of each sentence the incidence that stands with
// them, sentence by sentence as the document is tagged (sentence), then the denominators
// the document's population gives and the checks (finish).
type incidenceBinder struct {
	c                          *Classifier
	doc                        *corpus.Document
	rn                         *run
	needsPopulation, allOfThem []*Incidence
	// allBut holds, for an incidence of all the patients but some ("in all but two
	// patients"), how many it leaves out of the population.
	allBut map[*Incidence]int
	// populations are the population statements of a lean run, found while each sentence
	// still has its units: (number, sentence index) pairs.
	populations [][2]int
	// outcomeCounted: the sentence last bound gave an outcome a count.
	outcomeCounted bool
}

func (c *Classifier) newIncidenceBinder(doc *corpus.Document, rn *run) *incidenceBinder {
	return &incidenceBinder{c: c, doc: doc, rn: rn}
}

// sentence binds the counts of sentence i, whose tags are final.
func (b *incidenceBinder) sentence(i int, st *sentenceState) {
	c := b.c
	// the sentence before counted an outcome: "Four of them" after it are part of its
	// patients, not of the population (IncidenceRule.Part)
	prevOutcome := b.outcomeCounted
	b.outcomeCounted = false
	if len(c.incidence) == 0 || !st.sent.Section.CountsForFacets() {
		return
	}
	st.entryEnd = atEntryEnd(st)
	if b.rn.lean {
		for _, h := range c.populationHits(b.rn, st) {
			if h.of != nil && *h.of > 0 {
				b.populations = append(b.populations, [2]int{*h.of, i})
			}
		}
	}
	// "Adults with pneumonia 5 31 6 29 0.81 Severe 2 12 3 14": rows of a table
	// that lost its layout, whose counts belong to columns no longer known, and whose
	// negations ("No ICANS 6.02 (1.91)") label rows.
	if !hasOutcome(st.matches) && !st.classes[PronounEventClass] {
		return // (but "…; in this trial it occurred in 11 of 104" counts another study's event)
	}
	if st.tableShape().barred && b.percentCells(st) {
		return // "Any grade, % (95% CI) | 89 (86-92) | 91 (81-97) |": shares, one a column
	}
	if sizesHeader(st.units) {
		return // "| | CRS (n = 56) | ICANS (n = 56) |": the columns' sizes, no counts
	}
	if b.bareRowCount(st) {
		return // "Grade 1   10" under a line naming CRS
	}
	if flattenedTable(st.units) && !st.tableShape().barred && !slices.ContainsFunc(st.matches, func(m match) bool { return m.Rule == GradeLinesRule || m.Rule == CellColumnRule }) {
		b.flattenedRows(i, st) // only an outcome that labels a row of cells gets counts
		return
	}
	// "Pneumonia 3 (2.8) 6 (5.3)" under arms' headers: each cell a group's count; under a
	// header of grades ("Any grade n (%)  Grade 3 n (%)") the cells are grades instead.
	st.cellArms = cellRow(st.units) && !st.tableShape().barred && !gradeHeader(c.headerBlock(b.rn.states, i, b.rn))
	hits := allButAfterCount(groupSizes(st, dropGradeNumbers(st, slices.Clone(c.eventHits(b.rn, st)))))
	if k := slices.IndexFunc(st.matches, func(m match) bool { return m.Rule == GradeLinesRule }); k >= 0 {
		// "CRS grade (n = 80)" over its grade lines: the header's number is their whole,
		// no count of its own
		first := st.matches[k].ustart
		hits = slices.DeleteFunc(hits, func(h incidenceHit) bool { return h.end <= first })
	}
	if e := st.entryEnd; e > 0 { // "At baseline, 12 patients had anaemia": characteristics
		hits = slices.DeleteFunc(hits, func(h incidenceHit) bool { return h.start < e })
	}
	if slices.ContainsFunc(st.cues, func(h hit) bool { return h.entry.cue.DropsCounts }) {
		// "Although 8 patients had thrombocytopenia at screening, new thrombocytopenia …":
		// the counts an entry cue reaches count the state at entry, no outcome, where they
		// are the subject of that state; a count whose nearest outcome before it stands
		// outside the cue's reach, or is one the cue does not rule out, is that outcome's
		// ("CRS developed in 12 of 40 patients with bulky disease at baseline": the entry
		// words describe the patients, not the count)
		end := st.sent.Start + len(st.sent.Text)
		excluded := slices.DeleteFunc(slices.Clone(b.rn.excluded), func(m match) bool { return m.Start < st.sent.Start || m.Start >= end })
		for _, sc := range c.scopes(st) {
			if !sc.cue.entry.cue.DropsCounts {
				continue
			}
			cg := sc.cue.entry.cue
			hits = slices.DeleteFunc(hits, func(h incidenceHit) bool {
				if h.start < sc.start || h.end > sc.end {
					return false
				}
				// the nearest outcome before the count takes it, unless the cue rules that
				// outcome out too ("…, whereas anaemia was present in 12 of 40 at baseline":
				// the tags it removed count as well)
				var near *match
				for _, ms := range [][]match{st.matches, excluded} {
					for k := range ms {
						if m := &ms[k]; isOutcome(m.Facet) && m.uend <= h.start && (near == nil || m.uend > near.uend) {
							near = m
						}
					}
				}
				return near == nil || near.ustart >= sc.start && slices.Contains(cg.AppliesTo, near.Facet)
			})
		}
	}
	whole, named := c.sentenceWhole(b.rn, st)
	if whole != nil && len(named) == 0 { // its own count ("Out of 14 patients") counts no outcome
		hits = slices.DeleteFunc(hits, func(h incidenceHit) bool { return h.start < whole.end-1 })
	}
	bound := make([]bool, len(st.matches))
	hits = b.slashGradeRun(st, hits, bound)
	// "Among 52 subjects with CRS, 21 developed carHLH": the whole that a subgroup's words
	// describe by an event is the count of that event.
	if whole != nil {
		for k := range st.matches {
			m := &st.matches[k]
			if isOutcome(m.Facet) && m.Status == Affirmed && m.Incidence == nil && m.uend <= whole.end &&
				st.hasClassEndingAt(m.ustart, SubgroupClass) && !st.hasClassAt(m.uend, WholeDataClass) {
				last := whole.end - 1
				if st.units[last].norm == "," && last > whole.start {
					last--
				}
				start, end := st.units[whole.start].start, st.units[last].end
				n := *whole.of
				m.Incidence = &Incidence{N: &n, Source: IncidenceStated, Start: start, End: end, Text: b.doc.Text[start:end], Rule: whole.rule.ID}
				bound[k] = true
				b.keep(m.Incidence, whole.rule)
			}
		}
	}
	// "18 of the 22 patients with CRS needed only supportive care": the whole of a count,
	// named by the event right after it, is that event's count.
	for _, h := range hits {
		if h.of == nil || *h.of <= 0 {
			continue
		}
		for k := range st.matches {
			m := &st.matches[k]
			if !isOutcome(m.Facet) || m.Status != Affirmed || m.Incidence != nil || !st.hasClassFromTo(h.start, h.end, m.ustart, SubgroupClass) {
				continue
			}
			if m.gstart >= h.end {
				continue // "Of the 24 patients with CRS, 3 had grade 3": a grade after it counts apart
			}
			start, end := st.units[h.start].start, st.units[m.ustart-1].end
			n := *h.of
			// no population: the document's may be this very whole ("of the 22 patients")
			m.Incidence = &Incidence{N: &n, Source: IncidenceStated, Start: start, End: end, Text: b.doc.Text[start:end], Rule: h.rule.ID}
			bound[k] = true
		}
	}
	hits = b.dropInnerBreakdowns(st, hits, bound)
	hits = dropUngapped(st, hits)
	hits = dropCaptionSizes(st, hits)
	hits = c.dropLoneListItems(b.rn, st, hits)
	sharedWholeBefore(st, hits)
	listed := map[int][]int{} // hit → its targets, for the items of a list of counts
	for hi := 0; hi+1 < len(hits); hi++ {
		// "headache and neutropenia (n = 6, 12% and n = 4, 8%)": the first count is the
		// untagged first item's, the second the tag's
		if item := lastItemOfPair(st, hits, hi, bound); item != nil {
			listed[hi], listed[hi+1] = []int{}, item
			hi++
		}
	}
	type breakdown struct {
		key         string // facet=value of the count
		open, close int    // its bracket, in units
	}
	var parts []breakdown
	type countedHit struct {
		hit int
		in  *Incidence // the incidence it gave its first target
	}
	var counted []countedHit
	// armOf holds, for each hit that counted outcomes, those outcomes (the tags it counted,
	// not copies) and the incidences it gave: another arm's count after it counts them too.
	type armCount struct {
		targets []int
		ins     []*Incidence
	}
	armOf := map[int]armCount{}
	var copies []tagCopy
	// listArm marks the counts after the first of a list that "respectively" maps to arms
	// or groups of one outcome ("CRS in 1/3, 2/3 and 5/6 patients at the three dose levels,
	// respectively").
	listArm := map[int]bool{}
	// unbound holds the counts that counted nothing: a subject of a list whose verb comes
	// after its last item ("Five patients in arm A and three in arm B developed pneumonia")
	// counts what that verb's outcome is.
	unbound := map[int]bool{}
	// firstArm marks the denied tags whose zero, given after the counts, is the first arm's:
	// another arm's count of them is on a copy (deniedPronounTreatment).
	firstArm := map[int]bool{}
	// echoed marks the counts after an echoing count in a list with it ("…; in ward B, it
	// was 5% and 7%"): each is one more arm's count of what the echo counted.
	echoed := map[int]string{}
	// parted marks the counts of a list in the bracket after a count, each with its group,
	// that part the count before ("in 71% of patients (82% with A and 54% with B)")
	parted := map[int]bool{}
	for hi := 0; hi < len(hits); hi++ {
		h := hits[hi]
		targets, inList := listed[hi]
		join := ""
		var joinRule *IncidenceRule
		prev, prevOK := armOf[hi-1]
		if prevOK && !inList && !listArm[hi] && !parted[hi] {
			if k := countList(st, hits, hi); bracketParts(st, hits, hi, k) {
				for j := range k {
					parted[hi+j] = true
				}
			}
		}
		// "…; among controls it developed in 27 of 298 (9.1%)": a pronoun's count after a
		// group's words, in a clause of its own, echoes the count before it in that group
		pronounEcho := !inList && st.hasClassEndingAt(h.start, PronounEventClass) && pronounInGroupClause(st, h)
		if (h.rule.Echoes || echoed[hi] != "" || pronounEcho) && !inList {
			// "6 adults developed CRS; in the second cohort, 4 did": the count of the nearest
			// count's outcomes before it, in another arm
			for j := hi - 1; j >= 0 && !prevOK; j-- {
				prev, prevOK = armOf[j]
			}
			if prevOK {
				join = h.rule.ID
				if pronounEcho {
					join = pronounEchoJoin
				}
				if echoed[hi] != "" {
					join = echoed[hi]
				} else if h.rule.List == ListItem {
					for j, k := 1, countList(st, hits, hi); j < k; j++ {
						echoed[hi+j] = h.rule.ID
					}
				}
			}
		} else if prevOK && !inList {
			if listArm[hi] {
				join = incidenceRespectivelyJoin
			} else if joinRule = c.armJoin(b.rn, st, wholeShaped(st, subjectWithOutcome(st, hits[hi-1], armOf[hi-1].targets, h), h, whole), h); joinRule != nil {
				join = joinRule.ID
			} else if parted[hi] {
				join = incidenceBreakdownJoin
			}
		}
		if join != "" {
			// "urinary tract infection (4.0% versus 3.9%)": the second arm's count is a
			// second incidence of the same tags, on copies of them. An arm's count has no
			// denominator in the document's population.
			// Counts of the same patients at other times keep the population as their
			// whole ("… in 9 (23%) within the first month and in 3 (8%) thereafter").
			sameWhole := joinRule != nil && joinRule.SameWhole && periodOf(st, h) || join == h.rule.ID && h.rule.Echoes && h.rule.SameWhole
			if !sameWhole {
				b.needsPopulation = slices.DeleteFunc(b.needsPopulation, func(in *Incidence) bool { return slices.Contains(prev.ins, in) })
			}
			next := armCount{targets: prev.targets}
			breakdown := joinRule != nil && joinRule.Breakdown || join == incidenceBreakdownJoin
			for i, k := range prev.targets {
				if prev.ins[i].Arm == 0 && !breakdown {
					prev.ins[i].Arm = 1 // (the count a breakdown parts is the whole's, no arm's)
				}
				cp := st.matches[k]
				cp.Incidence = b.hitIncidence(st, h)
				cp.Incidence.Unit, cp.Incidence.Arm, cp.Incidence.Join = prev.ins[i].Unit, prev.ins[i].Arm+1, join
				if cp.Status == Negated && h.n != nil && *h.n > 0 && !h.rule.Negated {
					cp.Status, cp.Cue, cp.cueRule = Affirmed, "", "" // the zero was the first arm's only
				}
				if sameWhole {
					b.keep(cp.Incidence, h.rule)
				}
				copies = append(copies, tagCopy{k, cp})
				next.ins = append(next.ins, cp.Incidence)
			}
			armOf[hi] = next
			continue
		}
		if !inList {
			if k := countList(st, hits, hi); k > 1 && countsOther(st, hits[hi+k-1].end) {
				hi += k - 1 // "80% and 60% of patients achieved CR"
				continue
			} else if k > 1 {
				if slots := listTargets(st, hits, hi, k, bound); slots != nil {
					for j, t := range slots {
						listed[hi+j] = t
					}
					// "in 25 (76%) and 4 (12%) of the 33 patients", "in 85% and 23% of the 52
					// patients": the whole after the last item is the whole of each item
					// before it, a count's or, after a share, a share's.
					if last := hits[hi+k-1]; last.of != nil {
						for j := hi; j < hi+k-1; j++ {
							count := hits[j].n != nil && *hits[j].n <= *last.of
							share := hits[j].n == nil && hits[j].pct != nil && last.n == nil && last.pct != nil
							if hits[j].of == nil && (count || share) {
								hits[j].of = last.of
							}
						}
						h = hits[hi]
					}
					targets, inList = slots[0], true
				} else if slots := listTargetsAfter(st, hits, hi, k, bound); slots != nil {
					// "20 (50%) and 6 (15%) patients developed CRS and ICANS, respectively"
					for j, t := range slots {
						listed[hi+j] = t
					}
					targets, inList = slots[0], true
				} else if (respectivelyAfter(st, hits[hi+k-1].end) || groupsAfter(st.units, hits[hi+k-1].end) || groupsBefore(st.units, hits[hi].start) || groupsNamedBefore(st.units, hits[hi].start) || respectivelyChained(st, hits, hi, k) || respectivelyChainedBefore(st, hits, hi, k, listArm) || likeCounts(st, hits[hi:hi+k]) || groupCounts(hits[hi:hi+k]) || pairedPatients(st, hits[hi:hi+k]) || pairedShares(st, hits[hi:hi+k]) || sharesAfterSharePair(st, hits, hi, k) || pastShares(st, hits[hi:hi+k])) && oneOutcome(st, hits, hi, bound) && !unmappedRespectively(st, hits, hi) {
					for j := 1; j < k; j++ {
						listArm[hi+j] = true
					}
				}
			}
		}
		// "No adult in arm A needed tocilizumab, whereas 7 of 25 in arm B received it",
		// "neutropenia was not seen on the low dose but arose in 4 adults on the high dose": an
		// affirmed copy of the denied outcome holds the other arm's count.
		contrastCopy := func(k int) {
			if st.matches[k].Status == Generic {
				// "a meta-analysis put the risk at 17%; in this trial it occurred in 11 of
				// 104": the report's own count of what another study's words named
				cp := st.matches[k]
				cp.Status, cp.Cue, cp.cueRule, cp.noCount = Affirmed, "", "", false
				cp.Incidence = b.hitIncidence(st, h)
				cp.Incidence.Join = incidenceOwnAgainstJoin
				b.keep(cp.Incidence, h.rule) // the report's own count: its population is its whole
				copies = append(copies, tagCopy{k, cp})
				return
			}
			if in := st.matches[k].Incidence; in != nil {
				in.Arm = 1
				b.needsPopulation = slices.DeleteFunc(b.needsPopulation, func(x *Incidence) bool { return x == in })
			} else {
				firstArm[k] = true // its zero, given below, is the first arm's
			}
			cp := st.matches[k]
			cp.Status, cp.Cue, cp.cueRule, cp.noCount = Affirmed, "", "", false
			cp.Incidence = b.hitIncidence(st, h)
			cp.Incidence.Arm, cp.Incidence.Join = 2, incidenceContrastJoin
			copies = append(copies, tagCopy{k, cp})
		}
		if !inList {
			if h.rule.List == ListOnly && countList(st, hits, hi) < 2 && !(h.rule.Adjacent && afterOutcome(st, h.start)) && gradeStartAfter(st, h) < 0 ||
				h.rule.List == ListAfter && !listArm[hi+1] { // (a bare head of arms counts: "6 and 4 patients, respectively, died")
				if contrastedCount(st, h) {
					contrastCopy(deniedEvent(st, h, nil)) // "…, compared with 3 in the suture group"
				} else if k := comparedEvent(st, h); k >= 0 {
					contrastCopy(k) // "one patient on placebo had pneumonia, compared with four on the drug"
				}
				continue // a bare "20%" counts only as the head of a list of counts, a bare "5" only in one
			}
			if unmappedRespectively(st, hits, hi) && !listArm[hi+1] && (hi+1 >= len(hits) || c.armJoin(b.rn, st, h, hits[hi+1]) == nil) {
				continue // (unless the next count is another arm's: "respectively" then maps arms)
			}
			if st.hasClassEndingAt(h.start, PronounEventClass) {
				if k := b.c.deniedInOtherArm(st, h); k >= 0 && st.matches[k].Status == Generic {
					contrastCopy(k) // "…; in this trial it occurred in 11 of 104": the report's own count
					continue
				}
			}
			targets = bindTargets(st, hits, hi, bound)
			if len(targets) == 0 && st.hasClassEndingAt(h.start, PronounEventClass) {
				targets = pronounTargets(st, h, bound) // "the onset of CRS was …; it occurred in 21"
			}
		}
		// "Septic shock in four cases (pneumonia n = 1, urosepsis n = 3)": counts in a bracket
		// after a count break it down; one of the same value is part of it, not another.
		targets = slices.DeleteFunc(targets, func(k int) bool {
			m := st.matches[k]
			for _, p := range parts {
				if p.key == m.Facet+"="+m.Value && p.open < m.ustart && m.uend <= p.close && h.start > p.open {
					bound[k] = true
					return true
				}
			}
			return false
		})
		if len(targets) == 0 && !inList && join == "" {
			if k := b.c.deniedInOtherArm(st, h); k >= 0 {
				contrastCopy(k)
				continue
			}
		}
		if len(targets) == 0 {
			unbound[hi] = !inList && join == ""
			continue
		}
		if h.end < len(st.units) && st.units[h.end].norm == "(" {
			if c := closingBracket(st.units, h.end); c > 0 {
				for _, k := range targets {
					parts = append(parts, breakdown{st.matches[k].Facet + "=" + st.matches[k].Value, h.end, c})
				}
			}
		}
		arm := armCount{targets: targets}
		just, parallel := justCounted(st, hits, hi), parallelWhole(st, hits, hi)
		if just == nil && partChained(st, hits, hi) {
			// "20 had CRS, 18 of them with grade 1 and 2 with grade 2": the 2 are of the
			// 20 as the 18 are
			just = justCounted(st, hits, hi-1)
		}
		for _, k := range targets {
			in := b.hitIncidence(st, h)
			in.Each = h.rule.Each && len(targets) > 1
			// "Of the 60 adults, 35 had a fever and none of them developed ICANS": a count
			// of the patients just counted after the sentence's whole is out of them
			if p := just; p != nil && whole != nil && hi > 0 && hits[hi-1].end > whole.end && in.Of == nil && in.N != nil && *in.N <= *p {
				in.Of, in.Whole = p, JustCountedWhole
			}
			// "Six of these eleven had neutropenia, and three had thrombocytopenia": the
			// next clause's subject count is out of the same whole
			if w := parallel; w != nil && in.Of == nil && in.N != nil && *in.N <= *w {
				in.Of, in.Whole = w, ParallelSubjectWhole
			}
			// a whole is the denominator of the counts after it, and of the shares
			// ("In treated adults (N = 80), CRS was seen in 70%"); past a semicolon only of
			// a count whose share says so ("…; 15 (10%) had grade 2" of 150)
			if whole != nil && in.Of == nil && (in.N != nil && fitsWhole(in, *whole.of) || in.N == nil && in.Percent != nil) && h.rule.Unit != UnitEvents &&
				!named[eventKey(st.matches[k])] && h.start >= whole.end-1 &&
				(!semicolonBetween(st.units, whole.end, h.end) || sharesWhole(in, *whole.of)) {
				in.Of, in.Whole = whole.of, whole.rule.ID
			}
			// "Of the 9 adults with myositis, all patients had grade 1 CRS": all of them are the
			// whole the sentence opens with (no "all but"), not the document's population
			if h.rule.All && h.except == nil && whole != nil && whole.rule.Unit != UnitEvents && in.N == nil && in.Of == nil && in.Percent == nil &&
				h.start >= whole.end-1 && !semicolonBetween(st.units, whole.end, h.end) && !named[eventKey(st.matches[k])] {
				all := *whole.of
				in.N, in.Of, in.Whole = &all, whole.of, whole.rule.ID
			}
			// "Of the 45 CRS events, 40 were grade 1": the counts after a whole of events
			// count events of it, not patients
			eventsWhole := whole != nil && whole.rule.Unit == UnitEvents && h.start >= whole.end-1 && !semicolonBetween(st.units, whole.end, h.end)
			if eventsWhole && in.N != nil && *in.N <= *whole.of {
				in.Of, in.Whole = whole.of, whole.rule.ID
			}
			if h.rule.Unit == UnitEvents || eventsWhole {
				// "one episode of febrile neutropenia occurred in one patient": a count of
				// events leaves the tag free for the count of its patients.
				in.Unit = UnitEvents
			} else {
				bound[k] = true
				if (!h.rule.Part || !prevOutcome && !outcomeCountedBefore(st, h, st.matches[k])) && !partChained(st, hits, hi) {
					b.keep(in, h.rule)
				}
			}
			if old := st.matches[k].Incidence; old != nil {
				cp := st.matches[k] // the events count moves to a copy of the tag
				copies = append(copies, tagCopy{k, cp})
			}
			st.matches[k].Incidence = in
			if h.rule.Denies && st.matches[k].Status == Affirmed {
				// "ICANS 0;": the zero says no patient had it
				st.matches[k].Status, st.matches[k].Cue, st.matches[k].cueRule = Negated, in.Text, h.rule.ID
			}
			arm.ins = append(arm.ins, in)
		}
		armOf[hi] = arm
		groups := eachGroup(st, h.end)
		if groups == 0 && eachUnnumbered(st, h.end) {
			// "… (30% vs 18%), whereas HLH arose in 1 patient in each group": as
			// many groups as the arms the sentence has counted already
			for _, c := range copies {
				if c.m.Incidence != nil {
					groups = max(groups, c.m.Incidence.Arm)
				}
			}
		}
		if groups > 1 {
			// "one patient each in the two active arms", "one each in both groups": the count
			// is every group's, a copy of the tags for each group after the first
			b.needsPopulation = slices.DeleteFunc(b.needsPopulation, func(in *Incidence) bool { return slices.Contains(arm.ins, in) })
			for i, k := range targets {
				arm.ins[i].Arm, arm.ins[i].Each = 1, false
				for g := 2; g <= groups; g++ {
					cp := st.matches[k]
					in := *arm.ins[i]
					in.Arm = g
					cp.Incidence = &in
					copies = append(copies, tagCopy{k, cp})
				}
			}
		}
		counted = append(counted, countedHit{hi, st.matches[targets[0]].Incidence})
		first := subjectListStart(st, hits, hi, unbound)
		if first == hi && hi > 0 && listArm[hi] && hits[hi-1].rule.List == ListAfter && unbound[hi-1] {
			first = hi - 1 // "6 and 4 patients, respectively, died of sepsis": the bare head is the first arm's
		}
		if first < hi && !inList {
			// Each subject of the list is one arm's count of the outcomes the last one's verb
			// counts, on copies of the tags, in the order written; no arm's count takes the
			// document's population as its denominator.
			b.needsPopulation = slices.DeleteFunc(b.needsPopulation, func(in *Incidence) bool { return slices.Contains(arm.ins, in) })
			for i, k := range targets {
				arm.ins[i].Arm, arm.ins[i].Join = hi-first+1, incidenceSubjectListJoin
				denied := st.matches[k]
				if denied.Status == Negated && !isZeroHit(h) && isZeroHit(hits[first]) {
					// "No patient in arm A and 3 in arm B had neutropenia": the last
					// subject's arm had it; the zero that opens the list denies it in its
					// own arm only
					st.matches[k].Status, st.matches[k].Cue, st.matches[k].cueRule = Affirmed, "", ""
				}
				for j := first; j < hi; j++ {
					hj := hits[j]
					cp := st.matches[k]
					if isZeroHit(hj) && denied.Status == Negated {
						cp.Status, cp.Cue, cp.cueRule = Negated, denied.Cue, denied.cueRule
					}
					cp.Incidence = b.hitIncidence(st, hj)
					cp.Incidence.Unit, cp.Incidence.Arm, cp.Incidence.Join = arm.ins[i].Unit, j-first+1, incidenceSubjectListJoin
					// "Two patients in arm A and none in arm B developed pneumonia": the zero
					// of the last subject denies the event in its arm only; an arm with
					// patients who had it affirms it.
					if cp.Status == Negated && (h.rule.Negated || h.n != nil && *h.n == 0) && hj.n != nil && *hj.n > 0 && !hj.rule.Negated {
						cp.Status, cp.Cue, cp.cueRule = Affirmed, "", ""
					}
					copies = append(copies, tagCopy{k, cp})
				}
			}
			for j := first; j < hi; j++ {
				unbound[j] = false
			}
		}
	}
	// "12 patients developed CRS (60%)", "nine adults developed cytokine release
	// syndrome (CRS; 45%)": the share in the bracket right after an outcome that a count before it
	// counts is that count's share, not a count of its own.
	mergeShares(st, hits, unbound)
	trailingArmShares(st, hits, copies)
	// "Neutropenia occurred in two patients and was managed supportively": an outcome
	// (a treatment) that a count.shared term ties to the count before it shares that count.
	sharedTie := map[int]bool{}
	for k := range st.matches {
		m := &st.matches[k]
		if bound[k] || m.Incidence != nil || m.Status != Affirmed {
			continue
		}
		if !isOutcome(m.Facet) {
			continue
		}
		ms := m.ustart // "CRS in 15 patients, all grade 1–2": the grade stands after the count
		if m.gstart > ms {
			ms = m.gstart
		}
		var src *countedHit
		for i := range counted {
			if c := &counted[i]; hits[c.hit].end <= ms && (src == nil || hits[c.hit].end > hits[src.hit].end) {
				src = c
			}
		}
		if src == nil || src.hit+1 < len(hits) && hits[src.hit+1].start < ms {
			continue // no count before it, or another count stands between
		}
		from := hits[src.hit].end
		if ms-from > incidenceSharedAll {
			continue
		}
		// "all 10 adults were treated with tocilizumab, and some of them were given steroids": the tie
		// must stand after the last outcome the count already counts, not before it.
		tieFrom := from
		for j := range st.matches {
			if e := st.matches[j]; j != k && bound[j] && !sharedTie[j] && isOutcome(e.Facet) && e.uend > tieFrom && e.uend <= m.ustart {
				tieFrom = e.uend // (not a treatment the same tie shared the count with: "resolved with anakinra and steroids")
			}
		}
		if !st.hasClassIn(tieFrom, m.uend, SharedCountClass) {
			continue
		}
		// "CRS in 14 of 21, all grade 1 except one grade 2 event": the grade set apart is
		// no grade of all of them, and the grade said of all but some is not said of all
		// (also where the list of grades reads on over the exception: "all grade 1 except one grade 2")
		if isGrade(m.Facet) && (st.hasClassIn(tieFrom, m.uend, ExceptClass) || st.hasClassIn(m.uend, min(m.uend+exceptReach, len(st.units)), ExceptClass)) {
			continue
		}
		// "ICANS in 6 of 30; all events were grade 1": a grade said of all of a count
		// of its event alone reaches past the semicolon.
		allOf := isGrade(m.Facet) && st.hasValueIn(tieFrom, m.uend, SharedCountClass, "grade") &&
			countsOnly(st, armOf[src.hit].targets, strings.TrimSuffix(m.Facet, "_grade"))
		if ms-from > incidenceShared && !allOf {
			continue // (a grade said of all of them may stand further: "in 31 of 58 patients given …, all of grade 1 or 2")
		}
		clause := true // no ';' between, and no bracket closing on the count's breakdown
		for u := from; u < ms; u++ {
			n := st.units[u].norm
			clause = clause && !(clauseEnds[n] && !(allOf && n == ";")) && n != ")"
		}
		// "(grade 1, 4; grade 3, 2) and resolved with steroids": the count's own words
		// close the bracket of a breakdown opened before them (not a bracket that holds the
		// count alone: "ICANS was infrequent (3 patients, 3.2%), all grade 1").
		if h := hits[src.hit]; st.units[h.end-1].norm == ")" && openingBracket(st.units, h.end-1) < h.start-1 {
			clause = false
		}
		// "grade 3 ICANS in 1; all cases resolved with steroids": a count that ends its
		// clause with the semicolon it reads shares nothing past it.
		if !clause || !allOf && semicolonBetween(st.units, hits[src.hit].start, ms) {
			continue
		}
		in := *src.in
		in.Problems = nil
		subgroup := !isGrade(m.Facet) && st.hasValueIn(tieFrom, m.uend, SharedCountClass, "subgroup")
		if subgroup {
			in.Of, in.Percent, in.Whole = nil, nil, "" // "…, all of whom received anakinra": a subgroup's count, no share of the whole
		}
		m.Incidence = &in
		bound[k], sharedTie[k] = true, true
		if !subgroup { // (nor is the population its whole)
			b.keep(&in, hits[src.hit].rule)
		}
	}
	// "No ICANS occurred": a negated outcome no count stands with is had by no patient
	// (once per value and sentence: "no neurotoxicity (ICANS)" is one statement, but two
	// kinds of adverse event of one value are two: "no wound or line infection"), unless
	// its negation is one of what it was or of a subgroup ("not considered a DLT", cue
	// groups with no_count).
	b.eventOfAllGrade(st)
	zeroed := map[string][]int{} // value → the tags zeroed
	for k := range st.matches {
		m := &st.matches[k]
		key := m.Facet + "=" + m.Value
		if bound[k] || m.Incidence != nil || m.Status != Negated || !isNegation(m.Cue) || m.noCount ||
			slices.ContainsFunc(zeroed[key], func(j int) bool { return !otherItem(st, st.matches[j], *m) }) {
			continue
		}
		zeroed[key] = append(zeroed[key], k)
		if !isOutcome(m.Facet) {
			continue
		}
		// "No patient required vasopressors for CRS": the negation denies the treatment,
		// not what it would have been given for.
		if givenFor(st, *m) {
			continue
		}
		// "At baseline, no patient had neutropenia": a state at entry, no zero of the study
		if atEntry(st, *m) {
			continue
		}
		// "54.8% without IVIG": the treatment names the arm of the count before it; nobody
		// is said to have gone without it.
		if slices.ContainsFunc(hits, func(h incidenceHit) bool { return namesArm(st, *m, h, withWords) }) {
			continue
		}
		// "the remaining 54 patients had no neurotoxicity": a denial whose subject is a
		// count of some patients spares those, not every patient.
		if slices.ContainsFunc(hits, func(h incidenceHit) bool { return countedSubject(st, h, *m) }) {
			continue
		}
		// "apart from one case of grade 2 ICANS, no neurotoxicity was observed": no other
		// case of an outcome the sentence counts.
		if st.hasClassIn(0, m.ustart, ExceptClass) && slices.ContainsFunc(st.matches, func(o match) bool {
			return o.Status == Affirmed && o.Incidence != nil && strings.TrimSuffix(o.Facet, "_grade") == m.Facet
		}) {
			continue
		}
		zero := 0
		in := &Incidence{N: &zero, Source: IncidenceStated, Start: m.Start, End: m.End, Text: m.Text, Rule: incidenceNegationRule}
		m.Incidence = in
		if firstArm[k] {
			in.Arm = 1 // an arm's zero has no whole in the document's population
			continue
		}
		// "None of the 4 recipients of the product developed CRS": the denied subject is
		// the whole of the zero.
		if whole != nil && !named[eventKey(*m)] && m.ustart >= whole.end && !semicolonBetween(st.units, whole.end, m.ustart) {
			in.Of, in.Whole = whole.of, whole.rule.ID
			continue
		}
		b.needsPopulation = append(b.needsPopulation, in)
	}
	b.exceptedCases(st, hits)
	b.oneEachOfList(st, hits)
	// "Adverse events (any grade; grade 3-4) included infections (60%, 30%) and CRS (50%,
	// 0%)": the second share of each pair is its grade's, as the header says.
	copies = append(copies, b.gradeColumns(st)...)
	// "infections (40%; grade 3/4: 15%)": the share after a grade in the event's bracket
	// is the event's at that grade.
	copies = append(copies, b.gradeShares(st)...)
	copies = append(copies, b.kindBreakdown(st)...)
	copies = append(copies, b.anyGradeSlashPair(st)...)
	copies = b.respectiveGradeRow(st, copies)
	copies = append(copies, headingGradeCopies(st)...)
	b.gradeAdverseEvents(st, copies)
	b.otherWorkCopies(st, copies)
	insertCopies(st, copies)
	b.captionGrades(i, st)
	b.countShareColumns(i, st)
	b.eventColumnCounts(st)
	deniedByZero(st)
	gradeTrailingShare(st)
	b.percentWholes(i, st, hits)
	b.eventGradeWholes(i, st)
	b.headerWholes(i, st)
	b.outcomeCounted = slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.Incidence != nil })
}

// oneEachRule is the Rule of an incidence that oneEachOfList gives.
const oneEachRule = "list.one_each"

// oneEachReach is the most units between a count and the bracket that lists its patients'
// outcomes ("three patients died of adverse events (…)").
const oneEachReach = 6

// oneEachOfList gives each outcome of a bracket that lists as many items as the count just
// before it counts one patient ("Three patients died of adverse events (HLH, cardiac arrest
// and cerebral oedema)", "two deaths (sepsis and pneumonia)"): the items are the count's
// patients, one each. Only where no item holds a number, a sign or a bracket, each item
// holds one outcome at most, and an outcome that has a count already keeps it.
func (b *incidenceBinder) oneEachOfList(st *sentenceState, hits []incidenceHit) {
	us := st.units
	for _, h := range hits {
		if h.n == nil || *h.n < 2 || h.rule.Unit == UnitEvents {
			continue // (a count of episodes lists episodes, not patients)
		}
		open := -1
		for u := h.end; u < len(us) && u <= h.end+oneEachReach; u++ {
			n := us[u].norm
			if n == "(" {
				open = u
				break
			}
			if clauseEnds[n] || n == "," || n == "." || isNumeral(n) || outcomeBetween(st, u, u+1) && !st.hasClassAt(u, AdverseEventGenericClass) {
				break
			}
		}
		c := -1
		if open >= 0 {
			c = closingBracket(us, open)
		}
		if c < 0 {
			continue
		}
		var items [][2]int
		ok, start := true, open+1
		for u := open + 1; u <= c && ok; u++ {
			switch n := us[u].norm; {
			case u == c || n == "," || n == ";" || n == "and" || n == "or":
				if u > start {
					items = append(items, [2]int{start, u})
				}
				start = u + 1
			case isNumeral(n) || len(st.numbersAt(u)) > 0 || n == "%" || n == "=" || n == "(" || n == ":":
				ok = false
			}
		}
		if !ok || len(items) != *h.n {
			continue
		}
		var each []int
		for _, it := range items {
			var in []int
			for k, m := range st.matches {
				if isOutcome(m.Facet) && !isGrade(m.Facet) && m.ustart >= it[0] && m.uend <= it[1] {
					in = append(in, k)
				}
			}
			if len(in) > 1 {
				each = nil
				break
			}
			each = append(each, in...)
		}
		for _, k := range each {
			m := &st.matches[k]
			if m.Status != Affirmed || m.Incidence != nil {
				continue
			}
			one := 1
			m.Incidence = b.statedIn(st, m.ustart, m.uend, oneEachRule)
			m.Incidence.N = &one
			b.needsPopulation = append(b.needsPopulation, m.Incidence)
		}
	}
}

// exceptedCases turns a denial that sets some patients apart into their count: "apart from 4
// participants, none of the 2,960 had an allergic reaction", "except for 2 patients, no
// patient had …" say that those patients had it, not that nobody did. The denied tag, its
// zero bound, becomes affirmed with the set-apart count, out of the zero's whole.
func (b *incidenceBinder) exceptedCases(st *sentenceState, hits []incidenceHit) {
	for k := range st.matches {
		m := &st.matches[k]
		if !isOutcome(m.Facet) || m.Status != Negated || m.Incidence == nil || m.Incidence.N == nil || *m.Incidence.N != 0 {
			continue
		}
		h, ok := exceptedCount(st, hits, *m)
		if !ok {
			continue
		}
		in := b.hitIncidence(st, h)
		if in.Of == nil {
			in.Of, in.Whole = m.Incidence.Of, m.Incidence.Whole
		}
		m.Status, m.Cue, m.cueRule, m.Incidence = Affirmed, "", "", in
		if m.Facet != toxicityTreatmentFacet {
			continue
		}
		// "… none of the 40 required tocilizumab for CRS": what the treatment was given for
		// is no longer only what would have called for it
		for j := range st.matches {
			if t := &st.matches[j]; t.Status == Hypothetical && strings.HasSuffix(t.Cue, deniedTreatmentCue) {
				if from := forBefore(st, *t); from >= m.uend && from-m.uend <= 2 {
					t.Status, t.Cue = Affirmed, ""
				}
			}
		}
	}
}

// exceptedCount returns the count of patients that words setting cases apart (ExceptClass)
// open right before and a comma closes, ahead of the denied tag m in the clause after that
// comma ("Apart from 4 participants, none … had an allergic reaction"): those patients had
// what m denies. "Apart from one case of grade 2 ICANS, no neurotoxicity …" names its own
// outcome; "except for 2 patients who withdrew consent, none …" sets them apart for another
// reason, and "except for 2 patients, all completed …, and none …" for another clause.
func exceptedCount(st *sentenceState, hits []incidenceHit, m match) (incidenceHit, bool) {
	for _, h := range hits {
		if h.end >= m.ustart || h.n == nil || *h.n == 0 || h.rule.Unit == UnitEvents || h.rule.Negated || !st.hasClassEndingAt(h.start, ExceptClass) {
			continue
		}
		// the comma right after the count closes the set-apart words, and the denial opens
		// the clause after it ("…, none of the children and adolescents developed ICANS";
		// not "…, all completed the infusion and none developed ICANS")
		if st.units[h.end].norm != "," || h.end+1 >= len(st.units) || !opensDenial(st, m, h.end+1) {
			continue
		}
		return h, true
	}
	return incidenceHit{}, false
}

// opensDenial reports whether the denial of tag m opens at unit u: its zero's words or a
// negation cue ("none of", "no patient") start there.
func opensDenial(st *sentenceState, m match, u int) bool {
	return m.Incidence.Start == st.units[u].start || slices.ContainsFunc(st.cues, func(h hit) bool {
		return h.start == u && h.entry.cue != nil && h.entry.cue.Category == CueNegated
	})
}

// headerColumn is which of a header's sizes a counted tag's cell takes: its arm's, or, under
// a header of events ("| | CRS (n = 56) | ICANS (n = 60) |"), its column's.
func (m match) headerColumn() int {
	if m.column > 0 {
		return m.column
	}
	return max(m.Incidence.Arm, 1)
}

// HeaderWholeRule is the Whole of an incidence in a cell of a table row whose column's header
// states its arm's size: "| Event | Drug (n = 60) | Placebo (n = 58) |" over "| Serious
// infection | 6 (10.0) | 2 (3.4) |" gives 6 of 60 and 2 of 58.
const HeaderWholeRule = "header.whole"

// headerWholes gives the cells of a table row (barred, or a line of cells that lost its bars)
// that have a count and a share and no whole the size its column's header states (headerSizes:
// the nearest line above that states any, over rows of the same form only): the cell of arm k
// takes the k-th size, when its share is n of that size (rounded to the decimals written), so
// that a header whose sizes stand in other columns than the cells gives none. A zero with no
// share ("Grade 5   0") fits any whole: it takes its arm's size where a row between it and
// the header took that size by its share.
func (b *incidenceBinder) headerWholes(i int, st *sentenceState) {
	if !slices.ContainsFunc(st.matches, func(m match) bool {
		in := m.Incidence
		return in != nil && in.Of == nil && in.N != nil && (in.Percent != nil || *in.N == 0)
	}) || !st.tableShape().row {
		return
	}
	cells := st.tableShape().barred || cellRow(st.units) // rows of counts and shares
	sizes, at := b.c.headerSizes(b.rn.states, i, b.rn)
	var columns []int // the header's sizes by the cell they stand in, for event columns
	for k := range st.matches {
		in := st.matches[k].Incidence
		if in == nil || in.N == nil || in.Of != nil || in.Unit != "" {
			continue
		}
		arm, size := st.matches[k].headerColumn(), 0
		switch {
		case st.matches[k].column > 0:
			// "| | CRS | ICANS (n = 40) |": a column's size is the one its own cell states
			if columns == nil && len(sizes) > 0 {
				h := b.rn.states[at]
				b.c.ensureUnits(b.rn, h)
				columns = cellSizes(h.units)
				b.rn.release(h)
			}
			if arm <= len(columns) {
				size = columns[arm-1]
			}
		case arm <= len(sizes):
			size = sizes[arm-1]
		}
		if size == 0 {
			continue
		}
		switch {
		case *in.N == 0 && in.Percent == nil:
			if !b.headerWholeAbove(at, i, arm) {
				continue
			}
		case !cells || in.Percent == nil || *in.N == 0 || !percentOf(*in.N, size, *in.Percent, writtenUnit(*in.Percent), false):
			continue
		}
		b.inferWhole(in, size, at, HeaderWholeRule)
	}
}

// headerWholeAbove reports whether a row between sentence at (the header) and sentence i took
// the size of arm's column for its whole (HeaderWholeRule).
func (b *incidenceBinder) headerWholeAbove(at, i, arm int) bool {
	for j := at + 1; j < i; j++ {
		if slices.ContainsFunc(b.rn.states[j].matches, func(m match) bool {
			return m.Incidence != nil && m.Incidence.Whole == HeaderWholeRule && m.headerColumn() == arm
		}) {
			return true
		}
	}
	return false
}

// ZeroCountCue is the cue of an outcome tag that no negation reached but whose own count is
// none: "grade 3 in none", "in 0 of 12 (0%)", "and in no patient on placebo".
const ZeroCountCue = "counted in none"

// deniedByZero makes an affirmed outcome tag whose bound count is zero (n 0, or a share of
// 0% with no n) negated: the text says that nobody had it, as a table's zero cell does, and
// the document's facets must not count it as having happened.
func deniedByZero(st *sentenceState) {
	for k := range st.matches {
		m := &st.matches[k]
		in := m.Incidence
		if m.Status != Affirmed || in == nil || !isOutcome(m.Facet) {
			continue
		}
		if in.N != nil && *in.N == 0 || in.N == nil && in.Percent != nil && *in.Percent == 0 {
			m.Status, m.Cue = Negated, ZeroCountCue
		}
	}
	// "Grade ≥3 ICANS occurred in 0 of 12": a grade denied by its zero leaves the event it
	// qualifies unsaid, as a negation of the grade does ("no grade ≥3 ICANS").
	st.matches = slices.DeleteFunc(st.matches, func(t match) bool {
		if t.Status != Affirmed || t.Incidence != nil {
			return false
		}
		return slices.ContainsFunc(st.matches, func(q match) bool {
			return q.Cue == ZeroCountCue && len(q.qualifies) > 0 && t.ustart >= q.mstart && t.uend <= q.mend &&
				slices.ContainsFunc(st.hits, func(h hit) bool {
					return h.start == t.ustart && h.end == t.uend && h.entry.vocab != nil && h.entry.vocab.ID == t.Rule && containsStr(q.qualifies, h.class)
				})
		})
	})
}

// eventOfAllGrade gives an affirmed CRS or ICANS the count its grade took where the count was
// stated of the event and the grade then said of all of them ("10 had CRS (all grade 1–2)",
// "CRS in 18 of 31 patients, and all episodes were grade 1 or 2"), the grade said of all
// in words between the event and its grade, the count after them ("CRS (all grade 1–2)
// developed in 14 of 16"), or the grade said by a copula of the event a count of all its
// cases before it counted ("All six cases of ICANS were grade 1"): the event was had by those
// patients too. Any other count after the grade's words is the grade's only ("CRS of grade 3
// or higher in two patients"), as is one that no tie of the count.shared vocabulary joins to
// the grade ("among those with CRS, 3 had grade 3"). A grade alone in a bracket right after
// the count says it of all of them too ("CRS occurred in 28 (grade 1–2)").
func (b *incidenceBinder) eventOfAllGrade(st *sentenceState) {
	for k := range st.matches {
		g := st.matches[k]
		if !isGrade(g.Facet) || g.Status != Affirmed || g.Incidence == nil || g.Incidence.N == nil || g.gstart <= g.ustart {
			continue
		}
		cend := 0 // the unit after the count
		for cend < len(st.units) && st.units[cend].start < g.Incidence.End {
			cend++
		}
		// "… in 15 patients, all grade 1–2", or the grade said of all in a bracket right
		// after the event, its count after: "CRS (all grade 1–2) developed in 14 of 16"
		after := cend > g.uend && st.hasValueIn(g.ustart, g.gstart+1, SharedCountClass, "grade")
		// "CRS occurred in 28 (grade 1–2)": a bracket right after the count that holds the
		// grade alone says it of all of them; not where the count is one item of a list of
		// graded counts ("in 12 (grade 1) and 3 (grade 2) adults"), nor where the event has
		// another grade in the sentence
		us := st.units
		bracketed := cend < len(us) && us[cend].norm == "(" && (g.gstart == cend+1 || g.gstart == cend+2 && allOfWords[us[cend+1].norm]) &&
			g.uend < len(us) && us[g.uend].norm == ")" && !slices.ContainsFunc(us[cend+1:g.uend], func(x unit) bool { return x.norm == ")" }) &&
			!listGoesOn(us, g.uend+1) && !otherGradeOfEvent(st, g)
		shared := after || bracketed || cend <= g.gstart && st.hasClassIn(cend, g.gstart+1, SharedCountClass)
		// "All six cases of ICANS were grade 1": the count of all the event's cases before
		// it, the grade then said of them by its verb (not "3 episodes of CRS were grade 3
		// and 9 were grade 1", a part)
		predicated := !shared && cend <= g.ustart && countOfAll(st, g.Incidence, cend) && !otherGradeOf(st, g)
		if !shared && !predicated {
			continue
		}
		event := strings.TrimSuffix(g.Facet, "_grade")
		for j := range st.matches {
			if e := &st.matches[j]; e.Facet == event && e.Status == Affirmed && e.Incidence == nil && e.ustart >= g.ustart && e.uend <= g.gstart &&
				(!predicated || copulaOnly(st, e.uend, g.gstart)) {
				in := *g.Incidence
				in.Problems = nil
				e.Incidence = &in
				if slices.Contains(b.needsPopulation, g.Incidence) {
					b.needsPopulation = append(b.needsPopulation, &in) // its whole is the grade's
				}
			}
		}
	}
}

// listGoesOn reports whether a list of graded counts goes on at unit k: a comma, "and" or
// "or", then a number whose own bracket of a grade follows it ("(grade 1), 3 (grade 2) …";
// not "(grade 1–2), and 4 needed tocilizumab").
func listGoesOn(us []unit, k int) bool {
	if k < len(us) && us[k].norm == "," {
		k++
	}
	if k < len(us) && (us[k].norm == "and" || us[k].norm == "or") {
		k++
	}
	if k == 0 || k >= len(us) || us[k-1].norm == ")" || !isNumeral(us[k].norm) {
		return false
	}
	for j := k + 1; j <= k+3 && j+1 < len(us); j++ {
		if us[j].norm == "(" && gradeWords[us[j+1].norm] {
			return true
		}
	}
	return false
}

// otherGradeOfEvent reports whether the sentence holds an affirmed grade tag of g's facet
// other than those g's own grade words give ("grade 1–2" gives 1 and 2 from one span).
func otherGradeOfEvent(st *sentenceState, g match) bool {
	return slices.ContainsFunc(st.matches, func(m match) bool {
		return m.Facet == g.Facet && m.Status == Affirmed && (m.ustart != g.ustart || m.gstart != g.gstart)
	})
}

// countOfAll reports whether the count in ends at unit cend and says it is of all the cases
// ("all six cases of", "both patients with"): "all", "both", "every" or "each" in it or
// right before it.
func countOfAll(st *sentenceState, in *Incidence, cend int) bool {
	u := cend - 1
	for u > 0 && st.units[u].start > in.Start {
		u--
	}
	if u > 0 {
		u-- // "all 6 patients": the word right before the count
	}
	for ; u < cend; u++ {
		if allOfWords[st.units[u].norm] {
			return true
		}
	}
	return false
}

// otherGradeOf reports whether the sentence holds another grade of grade tag g's event.
func otherGradeOf(st *sentenceState, g match) bool {
	return slices.ContainsFunc(st.matches, func(m match) bool { return m.Facet == g.Facet && m.Value != g.Value })
}

// copulaOnly reports whether the units [from, to) are only a copula ("were", "was"), as
// between an event and the grade said of it ("ICANS were grade 1").
func copulaOnly(st *sentenceState, from, to int) bool {
	if from >= to {
		return false
	}
	for u := from; u < to; u++ {
		if n := st.units[u].norm; n != "was" && n != "were" {
			return false
		}
	}
	return true
}

// EventWholeRule is the Whole of a grade's count whose denominator is the whole its event's
// count states earlier in the sentence: "All 16 patients developed CRS, which was grade 1 in
// 11 and grade 2 in 5" gives grade 1 11 of 16.
const EventWholeRule = "event.whole"

// eventGradeWholes gives a bare count of a CRS or ICANS grade (no whole, no share, no arm)
// the whole stated for its event's own count before it in the sentence ("All 16 patients
// developed CRS, grade 1 in 11"; "CRS arose in 20 of 24, grade 1 in 11"): the grades of one
// event are counted among the same patients. Only a whole the sentence states, one event
// count of one arm, and a grade count no larger than the event's. The whole is then
// inferred, from sentence i.
func (b *incidenceBinder) eventGradeWholes(i int, st *sentenceState) {
	if !slices.ContainsFunc(st.matches, func(m match) bool { return m.Facet == "crs_grade" || m.Facet == "icans_grade" }) {
		return
	}
	for k := range st.matches {
		m := st.matches[k]
		in := m.Incidence
		if m.Facet != "crs_grade" && m.Facet != "icans_grade" || in == nil || in.N == nil || in.Of != nil || in.Percent != nil || in.Arm != 0 || in.Unit != "" {
			continue
		}
		event := strings.TrimSuffix(m.Facet, "_grade")
		var whole *int
		for _, e := range st.matches {
			ei := e.Incidence
			if e.Facet != event || e.Status != Affirmed || ei == nil || ei.Arm != 0 || ei.Unit != "" || ei.Source != IncidenceStated || ei.Start >= in.Start {
				continue
			}
			if ei.N == nil || ei.Of == nil || *in.N > *ei.N || whole != nil && *whole != *ei.Of {
				whole = nil
				break
			}
			whole = ei.Of
		}
		if whole != nil {
			b.inferWhole(in, *whole, i, EventWholeRule)
		}
	}
}

// PercentWholeRule is the Whole of an incidence whose denominator is a whole stated for
// another count of its sentence or a group's size in brackets ("(n = 21)"), the only one its
// percentage is n of: "rash (40 [20%] of
// 200 vs 12 [6%] of 190), … neutropenia 31 [16%] vs 19 [10%]" gives 19 of 190, as 19/200
// would be 9.5%.
const PercentWholeRule = "percent.whole"

// gradeTrailingShare gives a graded CRS or ICANS count its share in the bracket right after
// its words ("Three patients had grade 3 CRS (5%)"): the bracket sits after "CRS", so the
// plain crs tag inside the grade's words took the share as a count of its own, though a
// grade-qualified count is the grade's statement only (GUIDELINES rule 3).
func gradeTrailingShare(st *sentenceState) {
	for k := range st.matches {
		p := &st.matches[k]
		in := p.Incidence
		if in == nil || in.N != nil || in.Percent == nil || in.Arm != 0 || in.Rule != percentBracketRule || (p.Facet != "crs" && p.Facet != "icans") {
			continue
		}
		moved := false
		for j := range st.matches {
			g := &st.matches[j]
			gi := g.Incidence
			// the grade's words end with the event's ("grade 3 CRS"), so the bracket follows
			// both (not "CRS (85%) occurred, with grade 3 in 4", the event's own share); every
			// grade of a range takes it ("grade 3-4 CRS (5%)"), where it is n of the stated
			// whole ("3 of the 20 with CRS had grade 3 CRS (5%)" is 3 of all 60: no move)
			if g.Facet != p.Facet+"_grade" || g.Status != p.Status || g.ustart > p.ustart || g.uend != p.uend ||
				gi == nil || gi.N == nil || gi.Percent != nil || gi.Arm != 0 || gi.Unit != "" || !shareFits(gi, *in.Percent) {
				continue
			}
			pct := *in.Percent
			gi.Percent = &pct
			moved = true
		}
		if moved {
			p.Incidence = nil
		}
	}
}

// shareFits reports whether a share is n of a count's stated whole within a point (true
// where no whole is stated); the count has an n.
func shareFits(in *Incidence, pct float64) bool {
	return in.Of == nil || *in.Of > 0 && math.Abs(100*float64(*in.N)/float64(*in.Of)-pct) <= 1
}

// percentBracketRule is the incidence rule that reads a share in brackets after its event
// ("neutropenia (45%)").
const percentBracketRule = "incidence.percent_bracket"

// percentWholes gives a count with its percentage and no denominator the whole stated for
// another count of the sentence (hits, of any event, tagged or not) when its percentage is n
// of that whole and of no other, rounded to the decimals written (or, where no whole rounds
// to it, cut to them); where two wholes fit, an arm's count takes the whole in its arm's place
// ("31 [16%] vs 19 [10%]" after "40 [20%] of 200 … vs 12 [6%] of 190": 31 is 16% of both,
// and takes the first arm's 200). The whole is then inferred, from sentence i.
func (b *incidenceBinder) percentWholes(i int, st *sentenceState, hits []incidenceHit) {
	var wholes []int // in the order written
	add := func(of int) {
		if of > 0 && !slices.Contains(wholes, of) {
			wholes = append(wholes, of)
		}
	}
	for _, h := range hits {
		if h.of != nil && h.n != nil && *h.n <= *h.of && h.rule.Unit != UnitEvents {
			add(*h.of)
		}
	}
	for _, m := range st.matches {
		if in := m.Incidence; in != nil && in.Of != nil && in.Source != IncidenceInferred && in.Unit == "" {
			add(*in.Of)
		}
	}
	// "Participants with a CD4 count below 100 (n = 21) had hepatotoxicity in 4 (19.0%)": a
	// group's size in its bracket
	for _, size := range statedSizes(st.units, true) {
		add(size)
	}
	if len(wholes) == 0 {
		return
	}
	for k := range st.matches {
		in := st.matches[k].Incidence
		if in == nil || in.N == nil || in.Percent == nil || in.Of != nil || in.Unit != "" || *in.N == 0 {
			continue
		}
		var fit []int
		unit := writtenUnit(*in.Percent)
		for _, cut := range []bool{false, true} { // rounded first; cut only where none rounds
			for _, w := range wholes {
				if *in.N <= w && percentOf(*in.N, w, *in.Percent, unit, cut) {
					fit = append(fit, w)
				}
			}
			if len(fit) > 0 {
				break
			}
		}
		if len(fit) > 1 && in.Arm >= 1 && in.Arm <= len(wholes) && slices.Contains(fit, wholes[in.Arm-1]) {
			fit = []int{wholes[in.Arm-1]}
		}
		if len(fit) != 1 {
			continue
		}
		b.inferWhole(in, fit[0], i, PercentWholeRule)
	}
}

// inferWhole gives in the whole that sentence idx states, read by the whole rule, as an
// inferred denominator: it needs the population no more.
func (b *incidenceBinder) inferWhole(in *Incidence, whole, idx int, rule string) {
	in.Of, in.Source, in.PopulationSentence, in.Whole = &whole, IncidenceInferred, &idx, rule
	b.needsPopulation = slices.DeleteFunc(b.needsPopulation, func(x *Incidence) bool { return x == in })
}

// writtenUnit is the last written decimal place of a percentage: 1 for "13", 0.1 for "4.7".
func writtenUnit(pct float64) float64 {
	s := strconv.FormatFloat(pct, 'f', -1, 64)
	if dot := strings.Index(s, "."); dot >= 0 {
		return math.Pow(10, -float64(len(s)-dot-1))
	}
	return 1
}

// percentOf reports whether pct, written to the decimal place unit, is n of whole in
// percent: rounded to that place, or with cut, cut to it ("4.7%" for 1 of 21).
func percentOf(n, whole int, pct, unit float64, cut bool) bool {
	if whole <= 0 {
		return false
	}
	x := 100 * float64(n) / float64(whole)
	const eps = 1e-9
	if cut {
		return x >= pct-eps && x < pct+unit-eps
	}
	return math.Abs(x-pct) <= unit/2+eps
}

// gradeSharesRule is the Rule of an incidence that a share after a grade in an adverse
// event's bracket gives ("infections (40%; grade 3/4: 15%)").
const gradeSharesRule = "bracket.grade"

// gradeShares reads, in the bracket right after an adverse event with no grade facet of its
// own, each share written after a grade ("(40%; grade 3/4: 15%)", "(65%, grade ≥3 in
// 60%)"): the event's share at that grade, on a copy of the tag. A grade that says every
// grade ("any grade: 65%") is the event's own share, bound by the incidence rules.
func (b *incidenceBinder) gradeShares(st *sentenceState) []tagCopy {
	us := st.units
	var out []tagCopy
	for k := range st.matches {
		m := st.matches[k]
		if cp, ok := b.clauseGradeShare(st, m); ok {
			out = append(out, tagCopy{k, cp})
			for _, more := range b.moreGradeItems(st, m, cp) {
				out = append(out, tagCopy{k, more})
			}
		}
		if cp, ok := b.gradeArmShare(st, m); ok {
			out = append(out, tagCopy{k, cp})
		}
		if m.Facet != adverseEventFacet || m.Status != Affirmed {
			continue
		}
		// the bracket right after the event, or right after the count bound to it
		// ("neutropenia occurred in 90% of patients (grade ≥3 in 80%)")
		open := m.uend
		if open >= len(us) || us[open].norm != "(" {
			open = unitAfter(st, m.Incidence)
		}
		if open < 0 || open >= len(us) || us[open].norm != "(" || outcomeBetween(st, m.uend, open) {
			continue
		}
		c := closingBracket(us, open)
		if c < 0 {
			continue
		}
		for u := open + 1; u < c; u++ {
			if w := us[u-1].norm; w != "(" && w != ";" && w != "," {
				continue
			}
			if cp, end, ok := b.shareThenGrade(st, m, u, c); ok {
				// "infections in 32% of participants (5% grade ≥3)": the share first
				out = append(out, tagCopy{k, cp})
				u = end
				continue
			}
			g, ok := parseGrade(us, u)
			if !ok || len(g.values) == 0 || g.end >= c {
				continue
			}
			v := g.end
			if w := us[v].norm; w == ":" || w == "," || w == "=" || w == "in" {
				v++
			}
			if v >= c {
				continue
			}
			cp, ok := b.gradeShareAt(st, m, v, g.values)
			if !ok && m.Incidence != nil && m.Incidence.N != nil {
				// "neutropenia in 30 patients (grade 3, n = 18; grade 4, n = 12)": counts
				// after a count of patients
				w := v
				if w+2 < c && us[w].norm == "n" && us[w+1].norm == "=" {
					w += 2
				}
				cp, ok = b.gradeCountAt(st, m, w, g.values)
			}
			if !ok {
				continue
			}
			out = append(out, tagCopy{k, cp})
			// "anaemia (grade 3 in 12%)": a share the event took as its own is its grade's
			if in := st.matches[k].Incidence; in != nil && in.Start <= cp.Incidence.Start && cp.Incidence.End <= in.End {
				st.matches[k].Incidence = nil
			}
			u = v + 1
		}
	}
	return out
}

// clauseGradeReach is how many units after an adverse event the clause that gives its
// share at a grade may start ("infections arose in 38% of adults and were grade ≥3 in
// 9%").
const clauseGradeReach = 16

// clauseGradeShare reads the share or count at a grade that a second clause of an adverse
// event's sentence gives, its subject left out ("Infections arose in 38% of adults and were
// grade ≥3 in 9%", "…, with grade ≥3 events in 9%", "… and were grade ≥3 in 5 (12%)"): "and
// were|was (of) grade G (in) N%" or "… in N (P%)", or ", with grade G (events) in N%", with
// no other outcome between. It returns a copy of the tag with that share or count, or false.
func (b *incidenceBinder) clauseGradeShare(st *sentenceState, m match) (match, bool) {
	us := st.units
	if m.Facet != adverseEventFacet || m.Status != Affirmed {
		return m, false
	}
	for u := m.uend + 1; u < len(us) && u <= m.uend+clauseGradeReach; u++ {
		// (a colon may open the grades the count is broken down into: "…: grade 3 in 18", and
		// so may a semicolon and a pronoun: "…; it was grade 1 in 12, grade 2 in 14")
		if n := us[u].norm; clauseEnds[n] && !(n == ":" && u+1 < len(us) && startsGrade(us[u+1].norm)) && !(n == ";" && pronounGradeAt(us, u+1)) || n == "." {
			return m, false
		}
		if u >= 3 && pronounGradeAt(us, u-2) && us[u-3].norm == ";" && !outcomeBetween(st, m.uend, u) {
			if cp, ok := b.gradeInItem(st, m, u); ok {
				return cp, true
			}
		}
		if n := us[u-1].norm; n == "and" || n == "including" || n == "with" && u >= 2 && us[u-2].norm == "," || (n == "whom" || n == "which") && u >= 2 && us[u-2].norm == "of" {
			// "… in 38 patients (63%), and 12 (20%) were grade ≥3", "…, and 12% were
			// grade ≥3", "…, of whom 9 had grade ≥3 events", "…, of which 8 were grade ≥3",
			// "…, including 3 (8%) grade 3-4 events", "…, with 2 (2%) of grade 3"
			if cp, ok := b.countedGrade(st, m, u, n == "including" || n == "with", false); ok {
				return cp, true
			}
		}
		if us[u-1].norm == "," {
			// "…, 3 of whom had grade 3 events", "…, 3 of which were grade 3 or higher",
			// "…, 6 (15%) of them grade 3 or higher"
			if cp, ok := b.countedGrade(st, m, u, false, true); ok {
				return cp, true
			}
			if cp, ok := b.countedGrade(st, m, u, true, false); ok {
				return cp, true
			}
		}
		if (us[u-1].norm == "," || us[u-1].norm == "and" || us[u-1].norm == ":" || us[u-1].norm == "including") && startsGrade(us[u].norm) && !outcomeBetween(st, m.uend, u) {
			// "Infections occurred in 26 patients (65%), grade 3-4 in 12 (30%)", "…,
			// including grade ≥3 in 6 (9%)": the verb left out, the grade and its count
			if cp, ok := b.gradeInItem(st, m, u); ok {
				return cp, true
			}
		}
		with := us[u].norm == "with" && us[u-1].norm == "," && u+1 < len(us) && startsGrade(us[u+1].norm) // "…, with grade ≥3 events in 9%"
		if !with && ((us[u].norm != "were" && us[u].norm != "was" && us[u].norm != "of") || us[u-1].norm != "and") {
			continue // "… and were grade ≥3 in 9%", "… in 40% and of grade 3 or higher in 15%"
		}
		for _, o := range st.matches {
			if isOutcome(o.Facet) && o.ustart >= m.uend && o.ustart < u {
				return m, false // "neutropenia in 40% and anemia in 10% and were …"
			}
		}
		g := u + 1
		if g < len(us) && us[g].norm == "of" && us[u].norm != "of" {
			g++
		}
		gc, ok := parseGrade(us, g)
		if !ok || len(gc.values) == 0 {
			return m, false
		}
		v := gc.end
		if with && v < len(us) && gradeShareNouns[us[v].norm] {
			v++
		}
		in := v < len(us) && us[v].norm == "in"
		if in {
			v++
		} else if with {
			return m, false // "…, with grade 3 toxicity leading to …": no share of the grade
		}
		if cp, ok := b.gradeShareAt(st, m, v, gc.values); ok || !in {
			return cp, ok
		}
		if n, end, ok := st.countAt(v); ok && n > 0 && end+1 < len(us) && us[end].norm == "of" && pronounsOfThem[us[end+1].norm] {
			// "Infections occurred in 9 patients and were grade 3 in 4 of them": a count that
			// says it is part of the event's own
			return b.gradeCopy(st, m, &n, nil, v, end+2, gc.values), true
		}
		if c, ok := readRowCell(us, v); !ok || c.zero {
			return m, false // a bare count there is left unread
		}
		return b.gradeCountAt(st, m, v, gc.values) // "… and were grade ≥3 in 5 (12%)": a count with its share
	}
	return m, false
}

// pronounGradeAt reports whether "it was" or "they were" and a grade start at unit u: the
// event just counted, broken down by grade in a clause of its own.
func pronounGradeAt(us []unit, u int) bool {
	return u+2 < len(us) && (us[u].norm == "it" && us[u+1].norm == "was" || us[u].norm == "they" && us[u+1].norm == "were") && startsGrade(us[u+2].norm)
}

// gradeInItem reads the grade that starts at unit u and the share or count after its "in"
// ("grade 3-4 in 12 (30%)", "grade 4 in 10 of them", "grade ≥3 events in 6"): a copy of the
// adverse event's tag at that grade, or false.
func (b *incidenceBinder) gradeInItem(st *sentenceState, m match, u int) (match, bool) {
	us := st.units
	gc, ok := parseGrade(us, u)
	if !ok || len(gc.values) == 0 {
		return m, false
	}
	in := gc.end
	if in < len(us) && gradeShareNouns[us[in].norm] {
		in++ // "grade ≥3 events in 6 (9%)"
	}
	if in+1 >= len(us) || us[in].norm != "in" {
		return m, false
	}
	v := in + 1
	if cp, ok := b.gradeShareAt(st, m, v, gc.values); ok {
		return cp, true
	}
	if n, end, ok := st.countAt(v); ok && n > 0 && end+1 < len(us) && us[end].norm == "of" && pronounsOfThem[us[end+1].norm] {
		return b.gradeCopy(st, m, &n, nil, v, end+2, gc.values), true // "grade 4 in 10 of them"
	}
	return b.gradeCountAt(st, m, v, gc.values)
}

// moreGradeItems reads the items of a list of grades after the first one a clause gave
// ("…: grade 3 in 18 and grade 4 in 12", "…, grade 3 in 9%, grade 4 in 4%"): each a copy of
// the adverse event's tag at its grade; it stops at the first word that opens no such item.
func (b *incidenceBinder) moreGradeItems(st *sentenceState, m, first match) []match {
	us := st.units
	var out []match
	for in := first.Incidence; ; {
		k := unitAfter(st, in)
		if k < 0 {
			return out
		}
		j := k
		for j < len(us) && (us[j].norm == "," || us[j].norm == "and" || us[j].norm == ";") {
			j++
		}
		if j == k || j >= len(us) || !startsGrade(us[j].norm) || outcomeBetween(st, k, j+1) {
			return out
		}
		cp, ok := b.gradeInItem(st, m, j)
		if !ok {
			return out
		}
		out = append(out, cp)
		in = cp.Incidence
	}
}

// pronounsOfThem end "4 of them", "2 of these": a part of the patients just counted.
var pronounsOfThem = map[string]bool{"them": true, "these": true, "those": true}

// KindClass is the vocabulary class of the words that name a kind of an adverse event in a
// breakdown of its count ("bacterial", "viral", "fungal").
const KindClass = "count.kind"

// kindBreakdownJoin is the Join of a part of an adverse event's count that a breakdown by
// kind gives ("infections in 30: bacterial in 14, viral in 12 and fungal in 4").
const kindBreakdownJoin = "breakdown.kind"

// kindItem is one part of a breakdown by kind: its count, share and units [from, to).
type kindItem struct {
	n, of    int // of: the whole written after the count ("5/28"), or 0
	pct      *float64
	from, to int
}

// kindBreakdown reads, after an adverse event's count and a colon (or "including") in its clause, a list of
// two or more parts by kind, each a kind and its count ("bacterial in 14", "viral 12 (40%)",
// "fungal (n = 3)") or a count and its kind ("18 bacterial"): each part is a count of the
// event, on a copy of its tag (the count before stays the whole's). A bracket after a part's
// count that is no share ("(including 6 with COVID-19)") is passed over.
func (b *incidenceBinder) kindBreakdown(st *sentenceState) []tagCopy {
	us := st.units
	var out []tagCopy
	for k := range st.matches {
		m := st.matches[k]
		if m.Facet != adverseEventFacet || m.Status != Affirmed || m.Incidence == nil || m.Incidence.N == nil || m.Incidence.Arm != 0 {
			continue
		}
		if cps, ok := b.headedKinds(st, k); ok {
			out = append(out, cps...)
			continue
		}
		u := unitAfter(st, m.Incidence)
		for ; u >= 0 && u < len(us) && us[u].norm != ":" && us[u].norm != "including"; u++ {
			if n := us[u].norm; clauseEnds[n] || n == "." || n == "(" || outcomeBetween(st, u, u+1) && (u < m.ustart || u >= m.uend) { // ("47 patients had an infection:" passes its own event)
				u = -1
				break
			}
		}
		if u < 0 || u >= len(us) {
			continue
		}
		items := kindItems(st, u+1)
		if len(items) < 2 {
			continue
		}
		// a kind's whole counts only where it is the event's own ("infections in 12 of 40:
		// bacterial 7/40, viral 5/40"; not "bacterial 7/12", a share of those infected)
		ownWhole := m.Incidence.Of != nil
		for i, it := range items {
			out = append(out, b.kindCopy(st, k, m, it, i+1, ownWhole && it.of == *m.Incidence.Of))
		}
	}
	return out
}

// headedKinds reads a breakdown by kind that follows an adverse event named as a heading,
// with no count of its own before the colon ("Infections by day 90, n/N (%): bacterial 5/28
// (18), viral 7/28 (25), fungal 1/28 (4)"): the event took the first part's count, so that
// count becomes the first part (Arm 1) and each other part a copy of the tag.
func (b *incidenceBinder) headedKinds(st *sentenceState, k int) ([]tagCopy, bool) {
	us := st.units
	m := &st.matches[k]
	u := m.uend
	for ; u < len(us) && us[u].norm != ":"; u++ {
		if n := us[u].norm; clauseEnds[n] || n == "." || isNumeral(n) && (u == 0 || !timeUnits[us[u-1].norm]) || outcomeBetween(st, u, u+1) {
			return nil, false
		}
	}
	if u >= len(us) {
		return nil, false
	}
	items := kindItems(st, u+1)
	if len(items) < 2 || us[items[0].from].start > m.Incidence.Start || m.Incidence.End > us[items[0].to-1].end {
		return nil, false
	}
	m.Incidence.Arm, m.Incidence.Join = 1, kindBreakdownJoin
	var out []tagCopy
	for i, it := range items[1:] {
		out = append(out, b.kindCopy(st, k, *m, it, i+2, true))
	}
	return out, true
}

// kindCopy is the copy of tag k (match m) that one part of a breakdown by kind counts: the
// part's count and share as its incidence, stated, at place arm of the breakdown, with the
// whole written after the part's count ("5/28") where withWhole.
func (b *incidenceBinder) kindCopy(st *sentenceState, k int, m match, it kindItem, arm int, withWhole bool) tagCopy {
	n := it.n
	m.Incidence = b.statedIn(st, it.from, it.to, kindBreakdownJoin)
	m.Incidence.N, m.Incidence.Percent, m.Incidence.Arm, m.Incidence.Join = &n, it.pct, arm, kindBreakdownJoin
	if withWhole && it.of > 0 {
		of := it.of
		m.Incidence.Of = &of
	}
	return tagCopy{k, m}
}

// countAt reads the count written at unit u, in digits or in words ("12", "twelve"): the
// count and the unit after it, or false.
func (s *sentenceState) countAt(u int) (n, end int, ok bool) {
	if u < len(s.units) && allDigits(s.units[u].norm) {
		n, err := strconv.Atoi(s.units[u].norm)
		return n, u + 1, err == nil
	}
	for _, h := range s.numbersAt(u) {
		if n, err := strconv.Atoi(h.value); err == nil {
			return n, h.end, true
		}
	}
	return 0, u, false
}

// kindItems reads the parts of a breakdown by kind from unit v (kindBreakdown), up to the
// end of the clause; it returns none unless every item between is one.
func kindItems(st *sentenceState, v int) []kindItem {
	us := st.units
	kindEnd := func(u int) int {
		for _, h := range st.hitsAt(u) {
			if h.class == KindClass {
				return h.end
			}
		}
		return -1
	}
	var items []kindItem
	for v < len(us) {
		from := v
		var it kindItem
		if e := kindEnd(v); e > 0 {
			v = e
			if n, pct, end, ok := bracketedCount(st, v); ok { // "bacterial (n = 21)", "viral (19, 40%)"
				it.n, it.pct, v = n, pct, end
			} else {
				if v < len(us) && (us[v].norm == "in" || us[v].norm == ",") {
					v++
				}
				n, e2, ok := st.countAt(v)
				if !ok {
					return nil
				}
				it.n, v = n, e2
				if v+1 < len(us) && us[v].norm == "/" && isNumeral(us[v+1].norm) { // "bacterial 5/28 (18)"
					if of, err := strconv.Atoi(us[v+1].norm); err == nil && of >= n {
						it.of, v = of, v+2
					}
				}
			}
		} else if n, e2, ok := st.countAt(v); ok {
			if e := kindEnd(e2); e > 0 {
				it.n, v = n, e
			} else {
				return nil
			}
		} else {
			return nil
		}
		if v < len(us) && st.hasClassAt(v, CountNounClass) {
			v++ // "bacterial in 14 adults"
		}
		if v+2 < len(us) && us[v].norm == "(" {
			c := closingBracket(us, v)
			if c < 0 {
				return nil
			}
			if p, err := strconv.ParseFloat(us[v+1].norm, 64); err == nil && (c == v+2 || c == v+3 && us[v+2].norm == "%") {
				it.pct = &p
			}
			v = c + 1
		}
		it.from, it.to = from, v
		items = append(items, it)
		if v >= len(us) || clauseEnds[us[v].norm] || us[v].norm == "." {
			break
		}
		switch us[v].norm {
		case ",":
			v++
			if v < len(us) && us[v].norm == "and" {
				v++
			}
		case "and":
			v++
		default:
			return nil
		}
	}
	return items
}

// bracketedCount reads a count written in a bracket at unit v, "(n = 21)", "(21)" or
// "(21, 40%)": the count, its share if any and the unit after the bracket, or false.
func bracketedCount(st *sentenceState, v int) (n int, pct *float64, end int, ok bool) {
	us := st.units
	if v >= len(us) || us[v].norm != "(" {
		return 0, nil, v, false
	}
	c := closingBracket(us, v)
	if c < 0 {
		return 0, nil, v, false
	}
	w := v + 1
	if w+1 < c && us[w].norm == "n" && us[w+1].norm == "=" {
		w += 2
	}
	n, e, ok := st.countAt(w)
	if !ok {
		return 0, nil, v, false
	}
	if e+3 == c && (us[e].norm == "," || us[e].norm == ";") && us[e+2].norm == "%" { // a share is written with its sign: "(21, 95)" is none
		if p, err := strconv.ParseFloat(us[e+1].norm, 64); err == nil {
			pct, e = &p, c
		}
	}
	if e != c {
		return 0, nil, v, false
	}
	return n, pct, c + 1, true
}

// gradeShareNouns may follow the grade of a "with" clause before its share ("…, with grade
// ≥3 events in 9%").
var gradeShareNouns = map[string]bool{"events": true, "event": true, "cases": true, "episodes": true, "toxicity": true, "toxicities": true}

// gradeRowRule is the Rule of an incidence that respectiveGradeRow gives.
const gradeRowRule = "grade.respectively"

// respectiveGradeRow gives the shares of a grade that "respectively" maps to the events
// named before it ("CRS and ICANS occurred in 90% and 30%; grade ≥3 in 5% and 10%,
// respectively"; "…, with grade ≥3 events in 2% and 8%, respectively"; "…, respectively,
// with grade ≥3 events in 2% and 8%") to the grade tags of
// those events read from that grade, in the order the events stand, when the shares are as
// many as the tags and none has a count from outside the row yet. It returns copies without
// the copies of those tags that a share of the row gave as another arm's.
func (b *incidenceBinder) respectiveGradeRow(st *sentenceState, copies []tagCopy) []tagCopy {
	us := st.units
	for g := 1; g < len(us); g++ {
		sep := g - 1
		if us[sep].norm == "and" && sep > 0 && (us[sep-1].norm == "," || us[sep-1].norm == ";") {
			sep-- // ", and grade ≥3 in 5% and 10%, respectively"
		}
		if us[sep].norm == "with" && sep > 0 && us[sep-1].norm == "," {
			sep-- // ", with grade ≥3 events in 2% and 8%, respectively"
		}
		if us[sep].norm != ";" && us[sep].norm != "," && us[sep].norm != "and" {
			continue
		}
		gc, ok := parseGrade(us, g)
		if !ok || len(gc.values) == 0 {
			continue
		}
		// the shares: "in? N% ,? and M% … ,? respectively"
		type share struct {
			pct        float64
			start, end int
		}
		var shares []share
		u := gc.end
		if u < len(us) && gradeShareNouns[us[u].norm] {
			u++ // "grade ≥3 events in 2% and 8%"
		}
		if u < len(us) && us[u].norm == "in" {
			u++
		}
		for u+1 < len(us) && us[u+1].norm == "%" {
			p, err := strconv.ParseFloat(us[u].norm, 64)
			if err != nil {
				break
			}
			shares = append(shares, share{p, u, u + 2})
			u += 2
			for u < len(us) && (us[u].norm == "," || us[u].norm == "and") {
				u++
			}
		}
		if len(shares) < 2 {
			continue
		}
		// the grade tags read from that grade, free or holding one of these shares (a list
		// of shares read in order gave the first to the grade tag nearest it)
		from, to := us[gc.end].start, us[shares[len(shares)-1].end-1].end
		var tags []int
		for k, m := range st.matches {
			if isGrade(m.Facet) && (m.gstart == g || m.ustart == g) && m.Status == Affirmed {
				if in := m.Incidence; in != nil && (in.Start < from || in.End > to) {
					tags = nil
					break
				}
				tags = append(tags, k)
			}
		}
		// "respectively" after the shares, or, the row ending its sentence or clause after a
		// semicolon, before it in the clause that named the events ("CRS and ICANS occurred
		// in 90% and 30%, respectively; grade ≥3 in 5% and 10%")
		if u < len(us) && us[u].norm == "," {
			u++
		}
		// (or a "with" clause right after that "respectively": "…, respectively, with grade ≥3
		// events in 5% and 10%")
		afterRespectively := us[sep].norm == ";" || us[sep].norm == "," && sep > 0 && us[sep-1].norm == "respectively"
		if !(u < len(us) && us[u].norm == "respectively") &&
			!(afterRespectively && (u >= len(us) || us[u].norm == "." || us[u].norm == ";" || us[u].norm == ")") && respectivelyBefore(us, sep)) {
			continue
		}
		// one grade per event: two rules may read the same grade of one event; the events in
		// the order they stand, each where its rule's match starts (a grade read after its
		// event spans from the event: "neurological events in 27%, with grade ≥3")
		slices.SortFunc(tags, func(a, c int) int { return st.matches[a].mstart - st.matches[c].mstart })
		var events [][]int
		for _, k := range tags {
			if i := slices.IndexFunc(events, func(e []int) bool {
				return st.matches[e[0]].Facet == st.matches[k].Facet && st.matches[e[0]].Value == st.matches[k].Value
			}); i >= 0 {
				events[i] = append(events[i], k)
			} else {
				events = append(events, []int{k})
			}
		}
		if len(events) != len(shares) {
			continue
		}
		for i, ks := range events {
			start, end := us[shares[i].start].start, us[shares[i].end-1].end
			pct := shares[i].pct
			in := &Incidence{Percent: &pct, Source: IncidenceStated, Start: start, End: end, Text: b.doc.Text[start:end],
				Rule: gradeRowRule}
			for _, k := range ks {
				st.matches[k].Incidence = in
			}
			b.needsPopulation = append(b.needsPopulation, in)
		}
		// a copy that another arm's share of the row gave a tag before is no more its count
		copies = slices.DeleteFunc(copies, func(c tagCopy) bool {
			in := c.m.Incidence
			return slices.Contains(tags, c.after) && in != nil && in.Start >= from && in.End <= to
		})
	}
	return copies
}

// slashPairRule is the Rule of an incidence that anyGradeSlashPair gives.
const slashPairRule = "grade.slashed_pair"

// anyGradeSlashPair reads an event written after "any grade" and a grade with a slash
// between them, and a pair of shares slashed the same way later in its clause
// ("any-grade/grade ≥3 ICANS occurred in 21%/10%", "any grade/grade 3-4 neutropenia:
// 80%/65%"): the first share is the event's, the second its grade's (on CRS's and ICANS's
// grade tags, an adverse event's copy at that grade), in place of what the shares gave
// them read one by one.
func (b *incidenceBinder) anyGradeSlashPair(st *sentenceState) []tagCopy {
	us := st.units
	if !slices.ContainsFunc(us, func(u unit) bool { return u.norm == "/" }) {
		return nil // most sentences: no slash, no pair
	}
	var out []tagCopy
	for u := 0; u+3 < len(us); u++ {
		e := anyGradeLabelEnd(us, u, len(us))
		if e == u || e >= len(us) || us[e].norm != "/" {
			continue
		}
		g, ok := parseGrade(us, e+1)
		if !ok || g.start != e+1 || len(g.values) == 0 {
			continue
		}
		ev := slices.IndexFunc(st.matches, func(m match) bool {
			return isOutcome(m.Facet) && !isGrade(m.Facet) && m.ustart == g.end && m.Status == Affirmed
		})
		if ev < 0 {
			continue
		}
		// the slashed shares: "21%/10%" or "21/10%", in the event's clause
		var p, q float64
		at, found := -1, false
		for v := st.matches[ev].uend; v+3 < len(us) && !found; v++ {
			if n := us[v].norm; clauseEnds[n] && n != ":" || n == "." {
				break
			}
			a, err := strconv.ParseFloat(us[v].norm, 64)
			if err != nil {
				continue
			}
			w := v + 1
			if us[w].norm == "%" {
				w++
			}
			if w+2 >= len(us) || us[w].norm != "/" || us[w+2].norm != "%" {
				continue
			}
			if c, err := strconv.ParseFloat(us[w+1].norm, 64); err == nil && a <= 100 && c <= a {
				p, q, at, found = a, c, v, true
			}
		}
		if !found {
			continue
		}
		span := func(from, to int) *Incidence { return b.statedIn(st, from, to, slashPairRule) }
		m := &st.matches[ev]
		first := span(at, at+1)
		if us[at+1].norm == "%" {
			first = span(at, at+2)
		}
		first.Percent = &p
		m.Incidence = first
		b.needsPopulation = append(b.needsPopulation, first)
		second := func() *Incidence {
			in := span(at+2, at+4)
			if us[at+1].norm == "%" {
				in = span(at+3, at+5)
			}
			pct := q
			in.Percent = &pct
			b.needsPopulation = append(b.needsPopulation, in)
			return in
		}
		if isGrade(m.Facet + "_grade") {
			for k := range st.matches {
				if gm := &st.matches[k]; gm.Facet == m.Facet+"_grade" && slices.Contains(g.values, gm.Value) && gm.Status == Affirmed && gm.ustart <= g.start && gm.uend >= g.end {
					gm.Incidence = second()
				}
			}
			continue
		}
		cp := *m
		cp.Incidence = second()
		cp.Incidence.Grade = gradeRange(g.values)
		out = append(out, tagCopy{ev, cp})
	}
	return out
}

// slashRowRule is the Rule of an incidence that slashGradeRun gives.
const slashRowRule = "grade.slashed"

// slashGradeRunReach is the most units between a run of slashed grades and its run of
// slashed counts ("G1/G2/G3: 19/6/1", "grades 1/2/3 were seen in 9/4/1 patients").
const slashGradeRunReach = 8

// slashGradeRun gives each grade of a run of slashed grades ("G1/G2/G3", "grades 1/2/3")
// the count at its place in a run of as many slashed counts after it in its clause ("19/6/1"),
// and drops the hits that read those counts otherwise (a fraction, "1 patients"). A run of two
// is a fraction unless a colon sets it after its two grades ("G1/G2: 10/5"); a zero denies
// its grade.
func (b *incidenceBinder) slashGradeRun(st *sentenceState, hits []incidenceHit, bound []bool) []incidenceHit {
	if !slices.ContainsFunc(st.matches, func(m match) bool { return isGrade(m.Facet) }) {
		return hits // most sentences: no grade to give a count
	}
	us := st.units
	for r := 0; r < len(us); r++ {
		if !allDigits(us[r].norm) || r > 0 && us[r-1].norm == "/" {
			continue
		}
		var ns []int
		e := r
		for e < len(us) && allDigits(us[e].norm) {
			n, err := strconv.Atoi(us[e].norm)
			if err != nil {
				break
			}
			ns = append(ns, n)
			if e+2 < len(us) && us[e+1].norm == "/" && allDigits(us[e+2].norm) {
				e += 2
				continue
			}
			e++
			break
		}
		if len(ns) < 2 || r == 0 || e < len(us) && (us[e].norm == "%" || us[e].norm == "/") {
			r = e
			continue
		}
		var tags []int
		for k, m := range st.matches {
			if !isGrade(m.Facet) || m.Status != Affirmed || m.Incidence != nil || bound[k] || m.bend > r || r-m.bend > slashGradeRunReach ||
				slices.ContainsFunc(us[m.bend:r], func(u unit) bool { return clauseEnds[u.norm] && u.norm != ":" || u.norm == "." }) {
				continue
			}
			tags = append(tags, k)
		}
		slices.SortFunc(tags, func(a, c int) int { return st.matches[a].bstart - st.matches[c].bstart })
		if !slashedGrades(st, tags, len(ns)) || len(ns) == 2 && us[r-1].norm != ":" {
			r = e
			continue
		}
		for i, k := range tags {
			u := r + 2*i
			n := ns[i]
			in := &Incidence{N: &n, Source: IncidenceStated, Start: us[u].start, End: us[u].end, Text: b.doc.Text[us[u].start:us[u].end], Rule: slashRowRule}
			m := &st.matches[k]
			m.Incidence, bound[k] = in, true
			if n == 0 {
				m.Status, m.Cue, m.cueRule = Negated, in.Text, slashRowRule
			}
			b.needsPopulation = append(b.needsPopulation, in)
		}
		hits = slices.DeleteFunc(hits, func(h incidenceHit) bool { return h.start < e && h.end > r })
		r = e
	}
	return hits
}

// slashedGrades reports whether the grade tags (sorted by where they bind) are n grades
// of one event written as a run of slashed grades: an item each ("G1/G2/G3"), or one span
// whose grade numbers end it slashed in the tags' order ("grades 1/2/3"), which the order
// of tags then takes.
func slashedGrades(st *sentenceState, tags []int, n int) bool {
	if len(tags) != n {
		return false
	}
	us := st.units
	first := st.matches[tags[0]]
	if slices.ContainsFunc(tags, func(k int) bool { return st.matches[k].Facet != first.Facet }) {
		return false
	}
	if !slices.ContainsFunc(tags[1:], func(k int) bool { return st.matches[k].bstart != first.bstart }) {
		// one span: its last 2n-1 units are the values, slashed
		from := first.bend - (2*n - 1)
		if from < first.bstart {
			return false
		}
		for i := range n {
			if i > 0 && us[from+2*i-1].norm != "/" {
				return false
			}
			k := slices.IndexFunc(tags[i:], func(k int) bool { return st.matches[k].Value == us[from+2*i].norm })
			if k < 0 {
				return false
			}
			tags[i], tags[i+k] = tags[i+k], tags[i]
		}
		return true
	}
	for i := 1; i < n; i++ {
		prev, m := st.matches[tags[i-1]], st.matches[tags[i]]
		if m.bstart != prev.bend+1 || us[prev.bend].norm != "/" {
			return false
		}
	}
	return true
}

// respectivelyBefore reports whether "respectively" stands in the clause that ends at unit
// end (back to the sentence's start or the semicolon before).
func respectivelyBefore(us []unit, end int) bool {
	for u := end - 1; u >= 0 && us[u].norm != ";"; u-- {
		if us[u].norm == "respectively" {
			return true
		}
	}
	return false
}

// countedGrade reads, at unit u, a count with its share in brackets or none and the grade
// it had, "12 (20%) were grade ≥3", "2 had grade 4", or, verbless, the grade of events
// right after the count ("3 (8%) grade 3-4 events") or after "of" ("2 (2%) of grade 3",
// "6 (15%) of them grade 3 or higher"), or, ofWhom, with "of whom" or "of which" before
// the verb ("3 of whom had grade 3 events"): a copy of tag m with that count at that grade,
// or false.
func (b *incidenceBinder) countedGrade(st *sentenceState, m match, u int, verbless, ofWhom bool) (match, bool) {
	us := st.units
	if !verbless && !ofWhom && u+2 < len(us) && isNumeral(us[u].norm) && us[u+1].norm == "%" {
		// "…, and 12% were grade ≥3": a share of the patients, no count
		p, err := strconv.ParseFloat(us[u].norm, 64)
		if v := u + 2; err == nil && (us[v].norm == "were" || us[v].norm == "was" || us[v].norm == "had") {
			if g, ok := parseGrade(us, v+1); ok && len(g.values) > 0 && !st.termNear(g.end) {
				return b.gradeCopy(st, m, nil, &p, u, v, g.values), true
			}
		}
		return m, false
	}
	n, end, ok := st.countAt(u)
	if !ok {
		return m, false
	}
	v := end
	var pct *float64
	if v+3 < len(us) && us[v].norm == "(" && us[v+2].norm == "%" && us[v+3].norm == ")" {
		if p, err := strconv.ParseFloat(us[v+1].norm, 64); err == nil {
			pct, end, v = &p, v+4, v+4
		}
	}
	if ofWhom {
		if v+1 >= len(us) || us[v].norm != "of" || us[v+1].norm != "whom" && us[v+1].norm != "which" {
			return m, false
		}
		v += 2
	}
	of := false
	if verbless && v < len(us) && us[v].norm == "of" {
		of, v = true, v+1 // "2 (2%) of grade 3", "6 (15%) of them grade ≥3"
		if v < len(us) && pronounsOfThem[us[v].norm] {
			v++
		}
	}
	if verbless {
		v-- // "including 3 (8%) grade 3-4 events": the grade right after the count
	} else if v >= len(us) || us[v].norm != "were" && us[v].norm != "was" && us[v].norm != "had" {
		return m, false
	}
	g, ok := parseGrade(us, v+1)
	if !ok || len(g.values) == 0 || st.termNear(g.end) {
		return m, false // "2 had grade 4 neutropenia" counts the neutropenia
	}
	if verbless && !of && (g.end >= len(us) || !gradeShareNouns[us[g.end].norm]) {
		return m, false // "including 3 grade 3 pneumonias" is no count of the grade alone
	}
	if of && g.end < len(us) && !clauseEnds[us[g.end].norm] && us[g.end].norm != "." && us[g.end].norm != "," && !gradeShareNouns[us[g.end].norm] {
		return m, false // "2 of grade 3 and above …" reads on past the grade
	}
	return b.gradeCopy(st, m, &n, pct, u, end, g.values), true
}

// gradeShareAt returns a copy of tag m with the share written at unit v ("15%") as its
// incidence at grade, or false when no share stands there.
func (b *incidenceBinder) gradeShareAt(st *sentenceState, m match, v int, grade []string) (match, bool) {
	us := st.units
	if v+1 >= len(us) || us[v+1].norm != "%" {
		return m, false
	}
	pct, err := strconv.ParseFloat(us[v].norm, 64)
	if err != nil {
		return m, false
	}
	return b.gradeCopy(st, m, nil, &pct, v, v+2, grade), true
}

// shareThenGrade reads a share written before its grade at unit u of an adverse event's
// bracket that closes at c ("(5% grade ≥3)", "(5%, grade 3-4)", "(18% of grade ≥3)"): a copy
// of the tag with that share at that grade, and the unit where the item ends, or false. The
// grade must end the item (the bracket's close, ";" or ","), so that "(5% with grade 3
// fever)" gives nothing.
func (b *incidenceBinder) shareThenGrade(st *sentenceState, m match, u, c int) (match, int, bool) {
	us := st.units
	if u+2 >= c || us[u+1].norm != "%" {
		return m, 0, false
	}
	v := u + 2
	if w := us[v].norm; w == "," || w == "of" || w == "at" {
		v++
	}
	g, ok := parseGrade(us, v)
	if !ok || len(g.values) == 0 || g.end > c || g.end < c && us[g.end].norm != ";" && us[g.end].norm != "," {
		return m, 0, false
	}
	cp, ok := b.gradeShareAt(st, m, u, g.values)
	return cp, g.end, ok
}

// gradeCountAt reads a count at unit v, with its share in brackets or none ("12 (30%)",
// "12"), that the grade before it gives an adverse event m ("…, grade 3-4 in 12 (30%)"): a
// copy of the tag with it, or false. The count must end its clause.
func (b *incidenceBinder) gradeCountAt(st *sentenceState, m match, v int, grade []string) (match, bool) {
	us := st.units
	var n, end int
	var pct *float64
	if c, ok := readRowCell(us, v); ok && !c.zero {
		n, end, pct = c.n, c.end, &c.pct // "12 (30%)", as a table's cell is read
	} else if n, end, ok = st.countAt(v); !ok {
		return m, false
	}
	if end < len(us) && us[end].norm != "," && us[end].norm != ";" && us[end].norm != "." && us[end].norm != "and" && us[end].norm != ")" {
		return m, false // "grade 3 in 12 patients with …": more than a count
	}
	return b.gradeCopy(st, m, &n, pct, v, end, grade), true
}

// gradeCopy returns a copy of tag m whose incidence, read from the units [from, to), is n
// patients or pct of them at grade. The share is of the whole, as the event's own is, so
// the document's population may give its denominator.
func (b *incidenceBinder) gradeCopy(st *sentenceState, m match, n *int, pct *float64, from, to int, grade []string) match {
	cp := m
	cp.Incidence = b.statedIn(st, from, to, gradeSharesRule)
	cp.Incidence.N, cp.Incidence.Percent, cp.Incidence.Grade = n, pct, gradeRange(grade)
	b.needsPopulation = append(b.needsPopulation, cp.Incidence)
	return cp
}

// gradeRange writes grade values as one grade: "3-4" for 3 and 4, "3+" as it is.
func gradeRange(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	vs := slices.Clone(values)
	SortValues(vs)
	return vs[0] + "-" + vs[len(vs)-1]
}

// gradeAdverseEvents gives the incidences of adverse events (and their copies) the grade
// written right before the event ("grade 3 or 4 neutropenia in 12%", "grade ≥3 febrile
// neutropenia (8%)"), before the first event of its list, right after it ("neutropenia of
// grade 3 or higher in 5", "neutropenia grade 3-4 in 30%", "neutropenia (grade ≥3) in 9"), right after its count, or before
// the harm word that heads its list, when they have none yet; grades listed one by one after
// the event go, by place, to the counts a "respectively" maps ("grade 1, 2 and 3 in 20%,
// 15% and 10%, respectively").
func (b *incidenceBinder) gradeAdverseEvents(st *sentenceState, copies []tagCopy) {
	us := st.units
	// arms[k]: how many counts a respectively list gave tag k (and its copies); lastEnd[k]: the
	// unit after the last of them, where its groups would be named. Only counts with an arm
	// are read (ofGrade), so no sentence without one builds them.
	arms, lastEnd := map[int]int{}, map[int]int{}
	counted := func(k int, in *Incidence) {
		if in == nil || in.Arm == 0 {
			return
		}
		if in.Arm > arms[k] {
			arms[k], lastEnd[k] = in.Arm, unitAfter(st, in)
		}
	}
	for k, m := range st.matches {
		counted(k, m.Incidence)
	}
	for _, c := range copies {
		counted(c.after, c.m.Incidence)
	}
	// ofGrade gives a count the grade of its place; where the list has as many counts as
	// grades and names no groups after them, they are the grades', not arms', and out of the
	// population ("any grade and grade ≥3 in 30 (75%) and 18 (45%)" of all 40 treated)
	ofGrade := func(k int, in *Incidence, grades []string) {
		if arms[k] != len(grades) || lastEnd[k] >= 0 && groupsAfter(us, lastEnd[k]) && !pooledAfter(us, lastEnd[k]) {
			// "of grade 2, 3 or 4 in 6 and 2 adults in cohorts A and B, respectively", "… in
			// 120 and 80 on the drug and 20 and 5 on placebo": the counts are the groups',
			// each of the whole band
			in.Grade = gradeRange(slices.DeleteFunc(slices.Clone(grades), func(g string) bool { return g == "" }))
			return
		}
		in.Grade = grades[in.Arm-1]
		in.Arm, in.Join = 0, ""
		if in.Of == nil && !slices.Contains(b.needsPopulation, in) {
			b.needsPopulation = append(b.needsPopulation, in)
		}
	}
	set := func(k int, m match) {
		if m.Facet == adverseEventFacet && m.Incidence != nil && m.Incidence.Grade == "" && m.Incidence.Rule != gradeColumnsRule && m.Incidence.Rule != slashPairRule {
			// "ICAHT grade 1, 2 and 3 occurred in 20%, 15% and 10%, respectively",
			// "neutropenia of any grade and of grade 3-4 in 75% and 60%, respectively": each
			// count of a respectively list is at the grade of its place.
			if g := listedGradesAfter(us, m.uend); m.Incidence.Arm > 0 && m.Incidence.Arm <= len(g) && respectivelyWithin(us, m.uend, len(us)) {
				ofGrade(k, m.Incidence, g)
			} else if g := listedGradesBefore(us, m.ustart); m.Incidence.Arm > 0 && m.Incidence.Arm <= len(g) &&
				(m.Incidence.Join == incidenceRespectivelyJoin || m.Incidence.Arm == 1 && respectivelyWithin(us, m.uend, len(us))) {
				// "Grade 3 and grade 4 neutropenia occurred in 15% and 7%, respectively": the
				// counts a respectively list maps are the grades', not arms'
				ofGrade(k, m.Incidence, g)
			} else if g := eventGrade(st, m); g != nil {
				m.Incidence.Grade = gradeRange(g)
			}
		}
	}
	for k, m := range st.matches {
		set(k, m)
	}
	for _, c := range copies {
		set(c.after, c.m)
	}
}

// bracketedGrade returns the grade a bracket right after event m holds alone: "neutropenia
// (grade ≥3) in 9 patients".
func bracketedGrade(us []unit, m match) []string {
	if m.uend+1 < len(us) && us[m.uend].norm == "(" {
		if g, ok := parseGrade(us, m.uend+1); ok && len(g.values) > 0 && g.end < len(us) && us[g.end].norm == ")" {
			return g.values
		}
	}
	return nil
}

// gradeAfterWord reads the grade written after the word at unit u ("of", "(", "was"), a
// grading scale's name possibly first: "of CTCAE grade 3 or higher".
func gradeAfterWord(us []unit, u int) (gradeCap, bool) {
	for _, at := range []int{u + 1, u + 2} {
		if at > u+1 && (u+1 >= len(us) || !scaleName(us[u+1])) {
			break
		}
		if g, ok := parseGrade(us, at); ok && len(g.values) > 0 {
			return g, true
		}
	}
	return gradeCap{}, false
}

// eventGrade returns the grade written for adverse event m: before it ("grade 3 or 4
// neutropenia", "grade ≥3 febrile neutropenia"), before the first event of its list, right
// after it ("neutropenia of grade 3 or higher", "neutropenia grade 3-4", "neutropenia (grade
// ≥3)"), after its count, as the grade of the class it leads, of its heading or of its
// table's column or row label; nil when none is written.
func eventGrade(st *sentenceState, m match) []string {
	us := st.units
	if m.cellGrade != nil {
		return m.cellGrade // the grade of its table column
	}
	if g, ok := gradeCapEndingAt(us, m.ustart); ok {
		// "severe neutropenia (grade 4)": the grade in the bracket says which severe
		if b := bracketedGrade(us, m); b != nil && g.end-g.start == 1 && us[g.start].norm == "severe" {
			return b
		}
		return g.values
	}
	if g := bracketGradeBefore(us, m.ustart); g != nil {
		return g
	}
	if g := listGrade(st, m); g != nil {
		return g
	}
	if g := listGradeAfter(st, m); g != nil {
		return g
	}
	if m.uend < len(us) && us[m.uend].norm == "of" {
		if g, ok := gradeAfterWord(us, m.uend); ok {
			return g.values // "infections of CTCAE grade 3 or higher"
		}
	}
	if g, ok := parseGrade(us, m.uend); ok && len(g.values) > 0 && !st.termNear(g.end) {
		return g.values // "neutropenia grade 3-4 in 30%"
	}
	// "| Neutropenia, grade ≥3 | 14/60 (23.3) |": a row's label, its grade after a comma
	if g := gradeBetween(us, m.uend, ",", "|"); g != nil {
		return g
	}
	// "neutropenia was grade 3 in 15 patients": the grade its count is at
	if g := gradeBetween(us, m.uend, "was", "in"); g != nil {
		return g
	}
	if g := gradeBetween(us, m.uend, "were", "in"); g != nil {
		return g
	}
	if g := bracketedGrade(us, m); g != nil {
		return g
	}
	if g := gradeAfterCount(st, m.Incidence); g != nil {
		return g
	}
	if g := mostCommonGrade(st, m); g != nil {
		return g
	}
	if g := headingGrade(st, m); g != nil {
		return g
	}
	if g := labelGrade(st, m); g != nil {
		return g
	}
	return ulnGrade(st, m) // a written grade wins: "grade 3 ALT elevation above 5 × ULN"
}

// ulnGrade returns the grades a laboratory event written as a multiple of the upper limit of
// normal names ("ALT >5 × ULN", "AST ≥3 times the upper limit of normal", "an ALT increase
// above three times the ULN": the multiple may follow the event's name within a few words),
// or nil: by the CTCAE's bands for liver enzymes (above the upper limit up to 3 times is
// grade 1, 3 to 5 times grade 2, 5 to 20 grade 3, above 20 grade 4), a multiple of 20 or
// more is grade 4 or higher, of 5 or more grade 3 or higher, of 3 or more grade 2 or higher.
// A count above a smaller multiple spans grade 1 and more and gets no grade; a denial of one
// ("none had AST ≥ 2.5 × ULN") still leaves rises below it, so it is taken as grade 2 or
// higher. So no denial of a bound is a denial of the event. Only hepatotoxicity is graded
// so, and only by a bound before "and", "or", a comma or a bracket, or inside a bracket right
// after its name that holds the bound alone (boundOnly), up to its close.
func ulnGrade(st *sentenceState, m match) []string {
	if m.Facet != adverseEventFacet || m.Value != "hepatotoxicity" {
		return nil
	}
	us := st.units
	last := min(len(us), m.uend+ulnReach)
	// a bracket right after the event's name defines it ("hepatotoxicity (ALT or AST ≥ 5 ×
	// ULN)"): inside it only its close stops the look
	defines := m.uend < len(us) && (us[m.uend].norm == "(" || us[m.uend].norm == "[") && boundOnly(us, m.uend+1)
	for e := m.uend; e <= last; e++ {
		if e > m.uend+1 || e > m.uend && !defines {
			if n := us[e-1].norm; defines && (n == ")" || n == "]") || !defines && ulnStops[n] {
				return nil // "… and ALT above 5 × ULN", "… in 6 patients (ALT above 5 × ULN in 2)": another event's bound
			}
		}
		if e == 0 || us[e-1].norm != "uln" && !(e >= 4 && us[e-1].norm == "normal" && us[e-2].norm == "of" && us[e-3].norm == "limit") {
			continue
		}
		for k := m.ustart; k < e; k++ {
			num := us[k].norm
			if strings.HasSuffix(num, "x") && len(num) > 1 {
				num = strings.TrimSuffix(num, "x") // "3x"
			} else if k+1 >= e || us[k+1].norm != "×" && us[k+1].norm != "x" && us[k+1].norm != "times" {
				continue
			}
			f, err := strconv.ParseFloat(num, 64)
			if n, _, ok := st.countAt(k); err != nil && ok {
				f, err = float64(n), nil // "three times the ULN": the number vocabulary's words
			}
			if err != nil {
				continue
			}
			switch {
			case f >= 20:
				return []string{"4+"}
			case f >= 5:
				return []string{"3+"}
			case f >= 3 || m.Status == Negated:
				return []string{"2+"} // (a denial of a smaller bound still leaves rises below it)
			}
			return nil
		}
		return nil
	}
	return nil
}

// boundOnly reports whether the bracket whose words start at unit k holds a bound and no
// count or grade of its own ("(ALT or AST > 5 × ULN)", not "(ALT > 5 × ULN in 2 of the 9)" or
// "(grade 3 with ALT > 5 × ULN in two)", which count part of the event's patients).
func boundOnly(us []unit, k int) bool {
	for ; k < len(us) && us[k].norm != ")" && us[k].norm != "]"; k++ {
		switch us[k].norm {
		case "in", "of", "grade", "=", "n", "patient", "patients", "up":
			return false
		}
	}
	return true
}

// ulnStops end ulnGrade's look past an event's name: what follows them is another event's or
// an aside.
var ulnStops = map[string]bool{"and": true, "or": true, "(": true, "[": true, ",": true, ";": true}

// ulnReach is how many units after an event's name ulnGrade looks for the multiple of the
// upper limit of normal that bounds it ("ALT increase above three times the upper limit of
// normal").
const ulnReach = 10

// gradeBetween reads the grade written at unit k+1 when unit k is the word before and the
// word after the grade is after ("was grade 3 in"), or nil.
func gradeBetween(us []unit, k int, before, after string) []string {
	if k+1 >= len(us) || us[k].norm != before {
		return nil
	}
	if g, ok := parseGrade(us, k+1); ok && len(g.values) > 0 && g.end < len(us) && us[g.end].norm == after {
		return g.values
	}
	return nil
}

// deniedGrades gives each denied adverse event of a sentence whose tags and counts are
// final the grades its denial is limited to (Tag.DeniedGrade): its count's grade, else the
// grade written for it (eventGrade), else a grade its verb says it did not reach ("no
// infections were fatal").
func deniedGrades(st *sentenceState) {
	for k := range st.matches {
		m := &st.matches[k]
		if m.Facet != adverseEventFacet || m.Status != Negated {
			continue
		}
		switch {
		case m.Incidence != nil && m.Incidence.Grade != "":
			m.DeniedGrade = m.Incidence.Grade
		default:
			g := eventGrade(st, *m)
			if g == nil {
				g = predicateGrade(st, *m)
			}
			if g != nil {
				m.DeniedGrade = gradeRange(g)
				if m.Incidence != nil {
					m.Incidence.Grade = m.DeniedGrade // "no infections were fatal": none at grade 5
				}
			}
		}
		if !limitingGrade(m.DeniedGrade) {
			m.DeniedGrade = "" // "no grade 1-5 anaemia" denies anaemia itself
		}
	}
}

// limitingGrade reports whether grades g leave out some grade: not "" and not every grade
// ("1+", "1-5").
func limitingGrade(g string) bool { return g != "" && g != "1+" && g != "1-5" }

// predicateGrade returns the grade a verb after event m and the events denied with it in a
// list says ("no infections or neutropenia were fatal"), or nil: an event of another status
// or cue ends the list ("no infections, and neutropenia was grade 4 in two").
func predicateGrade(st *sentenceState, m match) []string {
	us := st.units
	for k := m.uend; k < len(us); {
		switch n := us[k].norm; {
		case n == "was" || n == "were":
			if g, ok := parseGrade(us, k+1); ok {
				return g.values
			}
			return nil
		case n == "and" || n == "or" || n == "nor" || n == ",":
			k++
		default:
			next := -1
			for _, o := range st.matches {
				if o.ustart == k && isOutcome(o.Facet) && o.Status == m.Status && o.Cue == m.Cue && o.uend > next {
					next = o.uend
				}
			}
			if next < 0 {
				return nil
			}
			k = next
		}
	}
	return nil
}

// mostCommonGrade returns the grade of the class an event is said to lead after it, "X was
// the most common grade ≥3 event (30%)", "… the most frequent grade 3-4 toxicity", or nil.
func mostCommonGrade(st *sentenceState, m match) []string {
	us := st.units
	most := false
	for u := m.uend; u < len(us) && u < m.uend+10; u++ {
		n := us[u].norm
		switch {
		case n == "," || n == ";" || n == "." || n == "(":
			return nil
		case n == "most":
			most = true
		case most && (gradedHeads[n] || st.hasClassAt(u, AdverseEventGenericClass)):
			return gradeEndingAt(us, u)
		}
	}
	return nil
}

// listedGradesAfter returns the grades listed one by one right after an event, "grade 1, 2
// and 3", "of grades 2 and 3", "of grade 1-2 and grade 3" (each item a grade, a range or a
// bound with its grade word), or "of any grade and (of) grade 3-4" (every grade first, as ""),
// or nil. "Grade 3 or 4" is one band, no list.
func listedGradesAfter(us []unit, end int) []string {
	u := end
	if u < len(us) && (us[u].norm == "of" || us[u].norm == "at" || us[u].norm == "(") {
		u++
	}
	if e := anyGradeThen(us, u); e > u {
		if e < len(us) && (us[e].norm == "of" || us[e].norm == "at") {
			e++
		}
		if g, ok := parseGrade(us, e); ok && len(g.values) > 0 {
			if items := gradeListItems(us[g.start:g.end]); items != nil {
				return append([]string{""}, items...) // "of any grade, grade 3-4 and grade 5"
			}
			return []string{"", gradeRange(g.values)}
		}
		return nil
	}
	g, ok := parseGrade(us, u)
	if !ok || len(g.values) < 2 {
		return nil
	}
	if items := gradeListItems(us[g.start:g.end]); items != nil {
		return items
	}
	listed := false // a list joined by a comma or "and": "grade 1, 2 or 3"; "grade 3 or 4" alone is one band
	for k := g.start; k < g.end; k++ {
		switch us[k].norm {
		case "-", "–", "~", "to", "through", "/", "+", "≥", ">", "higher", "greater", "more", "above":
			return nil
		case ",", "and":
			listed = true
		}
	}
	if !listed {
		return nil
	}
	return g.values
}

// listGrade returns the grade written before the first of a list of adverse events joined
// by "and", "or" or commas alone, which governs each of them ("grade 3-4 neutropenia and
// thrombocytopenia occurred in 80% and 40%"), or nil.
func listGrade(st *sentenceState, m match) []string {
	us := st.units
	for start := m.ustart; ; {
		j := start
		for j > 0 && (us[j-1].norm == "and" || us[j-1].norm == "or" || us[j-1].norm == ",") {
			j--
		}
		if j == start {
			return nil
		}
		k := slices.IndexFunc(st.matches, func(p match) bool { return p.Facet == adverseEventFacet && p.uend == j })
		if k < 0 {
			return nil
		}
		if g := gradeEndingAt(us, st.matches[k].ustart); g != nil {
			return g
		}
		start = st.matches[k].ustart
	}
}

// unitAfter returns the unit right after the text an incidence was read from, or -1.
func unitAfter(st *sentenceState, in *Incidence) int {
	if in == nil {
		return -1
	}
	if u := sort.Search(len(st.units), func(u int) bool { return st.units[u].start >= in.End }); u < len(st.units) {
		return u
	}
	return -1
}

// gradeAfterCount returns the grade written right after a count, "at grade(s) G" or "of
// grade G" ("neutropenia arose in 10% (n = 3) at grades 1-2"), or nil.
func gradeAfterCount(st *sentenceState, in *Incidence) []string {
	u := unitAfter(st, in)
	if u < 0 || u+1 >= len(st.units) || st.units[u].norm != "at" && st.units[u].norm != "of" {
		return nil
	}
	if g, ok := parseGrade(st.units, u+1); ok && len(g.values) > 0 {
		return g.values
	}
	return nil
}

// gradeArmShare reads the second of two counts of an adverse event each written with its
// grade after it ("neutropenia arose in 10% (n = 3) at grades 1-2 and 80% (n = 24) at grades
// 3-4"): a copy of the tag with the second count at its grade, or false.
func (b *incidenceBinder) gradeArmShare(st *sentenceState, m match) (match, bool) {
	us := st.units
	if m.Facet != adverseEventFacet || m.Status != Affirmed || gradeAfterCount(st, m.Incidence) == nil {
		return m, false
	}
	u := unitAfter(st, m.Incidence) + 1
	g, _ := parseGrade(us, u)
	v := g.end
	if v < len(us) && us[v].norm == "," {
		v++
	}
	if v >= len(us) || us[v].norm != "and" {
		return m, false
	}
	v++
	if v < len(us) && us[v].norm == "in" {
		v++
	}
	if v+1 >= len(us) || us[v+1].norm != "%" {
		return m, false
	}
	end, n := v+2, (*int)(nil)
	// "(n = 24)" or "(24)" after the share
	if end+2 < len(us) && us[end].norm == "(" {
		c := closingBracket(us, end)
		if c > end && c <= end+4 {
			if x, err := strconv.Atoi(us[c-1].norm); err == nil && (c == end+2 || us[end+1].norm == "n") {
				n, end = &x, c+1
			}
		}
	}
	if end+1 >= len(us) || us[end].norm != "at" && us[end].norm != "of" {
		return m, false
	}
	g2, ok := parseGrade(us, end+1)
	if !ok || len(g2.values) == 0 {
		return m, false
	}
	pct, err := strconv.ParseFloat(us[v].norm, 64)
	if err != nil {
		return m, false
	}
	return b.gradeCopy(st, m, n, &pct, v, end, g2.values), true
}

// outcomeBetween reports whether an outcome tag starts in the units [from, to).
func outcomeBetween(st *sentenceState, from, to int) bool {
	return slices.ContainsFunc(st.matches, func(o match) bool { return isOutcome(o.Facet) && o.ustart >= from && o.ustart < to })
}

// gradeEndingAt returns the values of a grade written right before unit end, or nil.
func gradeEndingAt(us []unit, end int) []string {
	g, _ := gradeCapEndingAt(us, end)
	return g.values
}

// gradeCapEndingAt returns the grade written right before unit end, with its units, or false.
func gradeCapEndingAt(us []unit, end int) (gradeCap, bool) {
	for i := max(0, end-8); i < end; i++ {
		if g, ok := parseGrade(us, i); ok && g.end == end && len(g.values) > 0 {
			return g, true
		}
	}
	return gradeCap{}, false
}

// listGradeAfter returns the grade written with "of" after the last adverse event of a list
// that the event opens or stands in, a grade the list shares ("anaemia, neutropenia and
// thrombocytopenia of grade ≥3 were seen in …"), or nil.
func listGradeAfter(st *sentenceState, m match) []string {
	us := st.units
	end := m.uend
	for {
		j := end
		for j < len(us) && (us[j].norm == "and" || us[j].norm == "or" || us[j].norm == ",") {
			j++
		}
		if j == end {
			break
		}
		k := slices.IndexFunc(st.matches, func(p match) bool { return p.Facet == adverseEventFacet && p.ustart == j })
		if k < 0 {
			return nil
		}
		end = st.matches[k].uend
	}
	if end == m.uend || end+1 >= len(us) || us[end].norm != "of" {
		return nil
	}
	if g, ok := parseGrade(us, end+1); ok && len(g.values) > 0 {
		return g.values
	}
	return nil
}

// bracketGradeBefore returns the grade of a bracket that ends right before an adverse event
// and holds only a grade ("serious (grade 3) infections"), or only a severity word after a
// grade ("grade 3-4 (severe) thrombocytopenia"), or nil.
func bracketGradeBefore(us []unit, start int) []string {
	if start < 3 || us[start-1].norm != ")" {
		return nil
	}
	open := start - 2
	for open >= 0 && us[open].norm != "(" {
		open--
	}
	if open < 0 {
		return nil
	}
	if open == start-3 && severityWords[us[open+1].norm] {
		if g := gradeEndingAt(us, open); g != nil {
			return g
		}
	}
	if g, ok := parseGrade(us, open+1); ok && g.end == start-1 && len(g.values) > 0 {
		return g.values
	}
	return nil
}

// severityWords are the words of severity a bracket may hold after a grade: "grade 3-4
// (severe) thrombocytopenia".
var severityWords = map[string]bool{"severe": true, "serious": true, "mild": true, "moderate": true, "life-threatening": true}

// scaleName reports whether a unit is a grading scale's name written in capitals before a
// grade ("CTCAE grade 3", "NCI-CTCAE grade 4"): letters, at least three, all upper case.
func scaleName(u unit) bool {
	letters := 0
	for _, r := range u.cased {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == '-' || r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return letters >= 3
}

// listedGradesBefore returns the grades listed one by one right before an adverse event that
// starts at unit start ("grade 3 and grade 4 neutropenia", "grade 3 and 4 anemia"), or nil
// for one grade or a range ("grade 3-4").
func listedGradesBefore(us []unit, start int) []string {
	g, ok := gradeCapEndingAt(us, start)
	for i := max(0, start-gradeListReach); i < start-8; i++ { // a list longer than one grade: "grade 1-2 and grade 3-4"
		if w, wok := parseGrade(us, i); wok && w.end == start && len(w.values) > 0 {
			g, ok = w, true
			break
		}
	}
	if !ok {
		return nil
	}
	// "any-grade and grade ≥3 neutropenia": every grade, then the grade
	for from := max(0, g.start-5); from < g.start; from++ {
		if anyGradeThen(us, from) == g.start {
			return []string{"", gradeRange(g.values)}
		}
	}
	if len(g.values) > 1 && slices.ContainsFunc(us[g.start:g.end], func(u unit) bool { return u.norm == "and" || u.norm == "," }) {
		if items := gradeListItems(us[g.start:g.end]); items != nil {
			return items // "grade 1-2 and grade 3": two items, the first a range
		}
		return g.values
	}
	return nil
}

// gradeListItems returns the grades of a list of grades each written with its grade word and
// joined by "and" or commas ("grade 1-2 and grade 3", "grade 1–2, grade 3 and grade 4"), one
// value or range per item; nil when an item reads as no grade of its own.
func gradeListItems(us []unit) []string {
	var out []string
	from := 0
	for u := 0; u <= len(us); u++ {
		if u < len(us) && us[u].norm != "and" && us[u].norm != "," {
			continue
		}
		if u > from && (us[from].norm == "of" || us[from].norm == "at") {
			from++ // "of grade 3 or 4 and of grade 5"
		}
		if u > from {
			g, ok := parseGrade(us[from:u], 0)
			if !ok || len(g.values) == 0 || g.end != u-from {
				return nil
			}
			out = append(out, gradeRange(g.values))
		}
		from = u + 1
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// gradeListReach is how many units back a list of grades written before its event may start
// ("grade 1–2, grade 3 and grade 4 neutropenia").
const gradeListReach = 16

// anyGradeThen returns where the words that say every grade and join a second grade to it
// end ("any grade and", "any-grade or", "all grades,"), starting at unit u, or u when none
// start there.
func anyGradeThen(us []unit, u int) int {
	e := u
	if e+1 < len(us) && (us[e].norm == "any" || us[e].norm == "all") {
		e++
	} else {
		return u
	}
	if e < len(us) && us[e].norm == "-" {
		e++
	}
	if e+1 < len(us) && (us[e].norm == "grade" || us[e].norm == "grades") && (us[e+1].norm == "and" || us[e+1].norm == "or" || us[e+1].norm == ",") {
		return e + 2
	}
	return u
}

// headingGrade returns the grade of the harm word that heads the list a tag stands in ("The
// most common grade 3 or higher adverse events were neutropenia (100%) and anemia (13%)"),
// or nil: a generic harm word (AdverseEventGenericClass) before the tag in its clause,
// followed by a word that opens a list, with a grade right before it.
func headingGrade(st *sentenceState, m match) []string {
	us := st.units
	head := -1
	opens := func(from int) bool { // an opener within a few words ("adverse events of interest included")
		for u := from; u < len(us) && u < from+listOpenerReach; u++ {
			switch w := us[u].norm; {
			case listOpeners[w]:
				return true
			case w == "," || w == ";" || w == "." || w == "(":
				return false
			}
		}
		return false
	}
	heads := func(start, end int) bool {
		return end <= m.ustart && opens(end) && m.ustart-end <= listHeadingReach && !semicolonBetween(us, end, m.ustart) && start > head
	}
	for _, h := range st.hits {
		if h.class == AdverseEventGenericClass && heads(h.start, h.end) {
			head = h.start
		}
	}
	// "the most frequent grade 3 or higher events were …": a bare noun of events heads the
	// list where a grade stands right before it.
	at := -1 // where the grade of the head ends
	for u := max(0, m.ustart-listHeadingReach); u < m.ustart; u++ {
		if !gradedHeads[us[u].norm] || !heads(u, u+1) {
			continue
		}
		// "grade ≥3 treatment-emergent events", "grade 3-4 haematological toxicities": a
		// word or two that qualify the head may stand between it and the grade
		for e, words := u, 0; e > 0 && words <= 2; e-- {
			if gradeEndingAt(us, e) != nil {
				head, at = u, e
				break
			}
			if !us[e-1].word && us[e-1].norm != "-" {
				break
			}
			if us[e-1].word {
				words++
			}
		}
	}
	if head < 0 {
		return nil
	}
	if at < 0 {
		at = head
	}
	return gradeEndingAt(us, at)
}

// labelGrade returns the grade of a label that opens the sentence and names no outcome,
// ended by a colon before the tag ("Grade 3–4: neutropenia 26 (65%), anaemia 13 (32.5%)",
// "Grade ≥3 events, n/N (%): neutropenia 15/60 …; febrile neutropenia 5/60 …"): every item
// after the colon is counted at it. A label with a verb ("grade 3 was reached:") or an outcome
// of its own ("Grade 3 CRS: …") is none.
func labelGrade(st *sentenceState, m match) []string {
	us := st.units
	g, ok := st.gradeAt(0)
	if !ok || len(g.values) == 0 {
		return nil
	}
	for u := g.end; u < m.ustart && u < g.end+labelGradeReach; u++ {
		switch w := us[u].norm; {
		case w == ":":
			if st.hasClassIn(g.end, u, AdverseEventGenericClass) || !slices.ContainsFunc(st.matches, func(o match) bool {
				return isOutcome(o.Facet) && o.ustart < u
			}) {
				return g.values
			}
			return nil
		case w == "." || w == ";" || clauseVerbs[w]:
			return nil
		}
	}
	return nil
}

// labelGradeReach is how many units a grade label may run before its colon ("Grade 3–4
// toxicities (patients, %):").
const labelGradeReach = 10

// gradedHeads are the bare nouns that head a list of adverse events when a grade stands
// right before them ("grade ≥3 events were …"); without a grade they name nothing.
var gradedHeads = map[string]bool{"events": true, "event": true, "toxicities": true, "toxicity": true, "complications": true, "effects": true}

// captionGrades gives the counts of adverse events in a table's row the grade its caption
// or header names for every row ("Table 2. Grade 3-4 adverse events, n (%)"), where the row
// and its column say none.
func (b *incidenceBinder) captionGrades(i int, st *sentenceState) {
	if !st.tableShape().row && !st.cellArms {
		return
	}
	var g []string
	for _, m := range st.matches {
		if m.Facet == adverseEventFacet && m.Incidence != nil && m.Incidence.Grade == "" {
			g = b.c.captionAboveGrade(b.rn.states, i, b.rn)
			break
		}
	}
	if g == nil {
		return
	}
	for k := range st.matches {
		if m := st.matches[k]; m.Facet == adverseEventFacet && m.Incidence != nil && m.Incidence.Grade == "" {
			m.Incidence.Grade = gradeRange(g)
		}
	}
}

// captionAboveGrade returns the grade the caption over the table row i names
// (captionGrade): the short lines right above the table's rows, past its header rows.
func (c *Classifier) captionAboveGrade(states []*sentenceState, i int, rn *run) []string {
	st := states[i]
	if !st.captionRead {
		st.caption, st.captionRead = c.readCaptionGrade(states, i, rn), true
	}
	return st.caption
}

// readCaptionGrade is captionAboveGrade's climb, done once per row; a row right below a row
// whose caption is read takes that caption.
func (c *Classifier) readCaptionGrade(states []*sentenceState, i int, rn *run) []string {
	j := i - 1
	for ; j >= 0 && j >= i-tableRowsOver; j-- {
		h := states[j]
		if h.skip {
			continue
		}
		if h.captionRead {
			return h.caption // the rows above share one caption
		}
		c.ensureUnits(rn, h)
		row := cellRowOrCaption(h) || barred(h.units)
		rn.release(h)
		if !row {
			break
		}
	}
	var g []string
	c.linesAbove(states, j, rn, func(us []unit) bool {
		if g = captionGrade(us); g != nil {
			return false
		}
		return headerLine(us) || caption(us)
	})
	return g
}

// captionGrade returns the grade written right before the noun of events of a table's
// caption or header ("Grade 3-4 adverse events", "grade ≥3 toxicities"), or nil.
func captionGrade(us []unit) []string {
	for u := range us {
		noun := gradedHeads[us[u].norm] || us[u].norm == "adverse" && u+1 < len(us) && gradedHeads[us[u+1].norm]
		if !noun || u > 0 && us[u-1].norm == "adverse" {
			continue
		}
		if g := gradeEndingAt(us, u); g != nil {
			return g
		}
	}
	return nil
}

// headingGradeCopies gives a count of CRS or ICANS under a graded heading ("Grade 3 or 4
// adverse events included CRS (22%) and neurologic events (12%)") to the heading's grade:
// grade tags copied from the event tag carry the count, which the event tag gives up (a
// grade-qualified count is the grade's only). An event with a grade of its own keeps it.
func headingGradeCopies(st *sentenceState) []tagCopy {
	var out []tagCopy
	for k := range st.matches {
		m := &st.matches[k]
		if m.Incidence == nil || m.Status != Affirmed || !isGrade(m.Facet+"_grade") {
			continue
		}
		if slices.ContainsFunc(st.matches, func(g match) bool {
			return g.Facet == m.Facet+"_grade" && g.bstart <= m.bend && g.bend >= m.bstart
		}) {
			continue
		}
		values := headingGrade(st, *m)
		if values == nil {
			continue
		}
		for _, v := range values {
			cp := *m
			cp.Facet, cp.Value = m.Facet+"_grade", v
			out = append(out, tagCopy{k, cp})
		}
		m.Incidence = nil
	}
	return out
}

// AdverseEventGenericClass is the vocabulary class of generic words for harms ("adverse
// events", "toxicities"); a grade before one that heads a list ("grade 3 or higher adverse
// events were …") is the grade of each event of the list.
const AdverseEventGenericClass = "adverse_event.generic"

// listHeadingReach is how many units a tag may stand after the harm word that heads its
// list (a list of ten events with their shares runs long).
const listHeadingReach = 60

// listOpenerReach is how many words after a generic harm word its list opener may stand
// ("adverse events of interest in the first month included …").
const listOpenerReach = 10

// listOpeners are the words after a generic harm word that open its list of events.
var listOpeners = map[string]bool{"were": true, "was": true, "included": true, "include": true, "including": true,
	"comprised": true, ":": true, "such": true, "namely": true, "consisted": true}

// mergeShares gives a count before an outcome the share written in the bracket right after
// the outcome ("12 patients developed CRS (60%)"), or after the abbreviation that opens the
// bracket ("… cytokine release syndrome (CRS; 45%)", whose abbreviation tag then gives the
// share up), when the count has no share of its own and, with a denominator, the share is
// its (to a point).
func mergeShares(st *sentenceState, hits []incidenceHit, unbound map[int]bool) {
	us := st.units
	for k := range st.matches {
		m := &st.matches[k]
		in := m.Incidence
		if in == nil || in.N == nil || in.Percent != nil || in.Unit == UnitEvents || m.uend >= len(us) {
			continue
		}
		open, afterVerb := m.uend, false
		if us[open].norm != "(" { // "three treatment-related deaths occurred (5%)"
			open, afterVerb = st.classEndFrom(open, OccurredClass), true
			if open < 0 || open >= len(us) || us[open].norm != "(" {
				continue
			}
		}
		if in.End > us[m.ustart].start { // the count stands before the outcome
			continue
		}
		fits := func(pct float64) bool { return shareFits(in, pct) }
		// "(60%)": an unbound share right after the outcome, not a share of events ("(4% of
		// cycles)"); after the verb, one the bracket holds alone ("(33% of the six at dose
		// level 3)", "(5% vs 2% in ZUMA-1)" are other shares)
		for hi, h := range hits {
			if afterVerb && !shareAlone(us, open) || h.rule.Unit == UnitEvents {
				continue
			}
			if unbound[hi] && h.n == nil && h.pct != nil && (h.start == open || h.start == open+1) && fits(*h.pct) {
				pct := *h.pct
				in.Percent, unbound[hi] = &pct, false
				break
			}
		}
		if in.Percent != nil {
			continue
		}
		// "(CRS; 45%)": the share the abbreviation took
		for j := range st.matches {
			a := &st.matches[j]
			if j != k && a.Facet == m.Facet && a.Value == m.Value && a.ustart == open+1 && a.Incidence != nil &&
				a.Incidence.N == nil && a.Incidence.Percent != nil && fits(*a.Incidence.Percent) {
				pct := *a.Incidence.Percent
				in.Percent, a.Incidence = &pct, nil
				break
			}
		}
	}
}

// shareAlone reports whether the bracket that opens at unit open starts with a share that is
// all of its first part ("(5%)", "(5%, 95% CI 2-9)", "(5%; p = 0.04)", "(5% of patients)"; not
// "(4% of cycles)", "(33% of the six at dose level 3)", "(33%, both at dose level 3)", "(5% vs 2%
// in ZUMA-1)").
func shareAlone(us []unit, open int) bool {
	if open+3 >= len(us) || us[open].norm != "(" || !isNumber(us[open+1].norm) || us[open+2].norm != "%" {
		return false
	}
	switch us[open+3].norm {
	case ")":
		return true
	case ",", ";": // "(5%, 95% CI 2-9)", "(5%; p = 0.04)"; not "(33%, both at dose level 3)"
		return open+4 < len(us) && (isNumber(us[open+4].norm) || shareStatistics[us[open+4].norm])
	case "of":
		return open+5 < len(us) && shareOfAll[us[open+4].norm] && us[open+5].norm == ")"
	}
	return false
}

// shareStatistics may follow a share in its bracket after a comma ("(5%, CI 2-9)").
var shareStatistics = map[string]bool{"ci": true, "p": true, "confidence": true, "exact": true, "range": true, "iqr": true, "se": true, "sd": true, "clopper-pearson": true}

// shareOfAll are the words of a share of all the patients ("(5% of patients)").
var shareOfAll = map[string]bool{"patients": true, "participants": true, "subjects": true, "adults": true, "children": true, "all": true}

// trailingArmShares gives the counts of two or more arms of one tag the shares of a bracket
// that follows them in their clause, in order ("in 6/60 patients with bowel preparation and
// 14/60 without (10.0% vs 23.3%; P = 0.049)"), when none of the counts has a share of its
// own, the bracket holds exactly as many shares joined by "vs", "versus", "and" or commas
// and nothing else bound them, and each share is its count's out of its whole (when the
// count states one).
func trailingArmShares(st *sentenceState, hits []incidenceHit, copies []tagCopy) {
	us := st.units
	free := func(h incidenceHit) bool { // bound to no tag nor copy
		from, to := us[h.start].start, us[h.end-1].end
		used := func(in *Incidence) bool { return in != nil && in.Start < to && in.End > from }
		return !slices.ContainsFunc(st.matches, func(m match) bool { return used(m.Incidence) }) &&
			!slices.ContainsFunc(copies, func(c tagCopy) bool { return used(c.m.Incidence) })
	}
	share := func(h incidenceHit) bool { return h.n == nil && h.of == nil && h.pct != nil && free(h) }
	for hi := 0; hi < len(hits); hi++ {
		if hits[hi].start == 0 || us[hits[hi].start-1].norm != "(" || !share(hits[hi]) {
			continue // (the bracket first: the search for a free share reads every tag)
		}
		run := []int{hi}
		for j := hi + 1; j < len(hits) && share(hits[j]) && sharesJoined(us, hits[j-1].end, hits[j].start); j++ {
			run = append(run, j)
		}
		open := hits[hi].start - 1
		for k := range st.matches {
			arms := armIncidences(st, k, copies)
			if len(arms) != len(run) || arms[len(arms)-1].End > us[open].start || semicolonBetween(st.units, st.matches[k].uend, open) {
				continue
			}
			fits := true
			for i, in := range arms {
				p := *hits[run[i]].pct
				if in.Percent != nil || in.N == nil || in.Of != nil && (*in.Of == 0 || math.Abs(100*float64(*in.N)/float64(*in.Of)-p) > 1) {
					fits = false
				}
			}
			if !fits {
				continue
			}
			for i, in := range arms {
				p := *hits[run[i]].pct
				in.Percent = &p
			}
			break
		}
		hi = run[len(run)-1]
	}
}

// armIncidences returns the incidences of tag k's arms in order (arm 1 on the tag, the
// others on its copies), or nil when the tag counts no arms.
func armIncidences(st *sentenceState, k int, copies []tagCopy) []*Incidence {
	in := st.matches[k].Incidence
	if in == nil || in.Arm != 1 {
		return nil
	}
	arms := []*Incidence{in}
	for {
		next := -1
		for c := range copies {
			if ci := copies[c].m.Incidence; copies[c].after == k && ci != nil && ci.Arm == len(arms)+1 {
				next = c
				break
			}
		}
		if next < 0 {
			return arms
		}
		arms = append(arms, copies[next].m.Incidence)
	}
}

// sharesJoined reports whether the units from a to b only join two shares of one bracket
// ("vs", "versus", "and", a comma).
func sharesJoined(us []unit, a, b int) bool {
	if b <= a {
		return false
	}
	for u := a; u < b; u++ {
		switch us[u].norm {
		case "vs", "versus", "and", ",", ".":
		default:
			return false
		}
	}
	return true
}

// hitIncidence is the stated incidence that count h gives: its n, whole and share, the
// words it was read from and its rule.
func (b *incidenceBinder) hitIncidence(st *sentenceState, h incidenceHit) *Incidence {
	in := b.statedIn(st, h.start, h.end, h.rule.ID)
	in.N, in.Of, in.Percent = h.n, h.of, h.pct
	if h.except != nil {
		if b.allBut == nil {
			b.allBut = map[*Incidence]int{}
		}
		b.allBut[in] = *h.except
	}
	return in
}

// statedIn is a stated incidence read from the units [from, to) by rule, its counts still
// to be set.
func (b *incidenceBinder) statedIn(st *sentenceState, from, to int, rule string) *Incidence {
	start, end := st.units[from].start, st.units[to-1].end
	return &Incidence{Source: IncidenceStated, Start: start, End: end, Text: b.doc.Text[start:end], Rule: rule}
}

// tagCopy is a copy of tag after with an incidence of its own (another arm's, a grade's).
type tagCopy struct {
	after int // the tag copied
	m     match
}

// otherWorkCopies gives an affirmed copy whose count stands where a generic cue reaches that
// cue's status: "We saw ICANS in 10%, whereas ZUMA-1 reported it in 64%" copies ICANS for the
// second count, which is the other study's, not an arm of this one.
func (b *incidenceBinder) otherWorkCopies(st *sentenceState, copies []tagCopy) {
	var scs []scope
	for k := range copies {
		m := &copies[k].m
		if m.Status != Affirmed || m.Incidence == nil || m.Incidence.Source != IncidenceStated {
			continue
		}
		us, ue := -1, -1
		for u := range st.units {
			if st.units[u].start >= m.Incidence.Start && st.units[u].end <= m.Incidence.End {
				if us < 0 {
					us = u
				}
				ue = u + 1
			}
		}
		if us < 0 {
			continue
		}
		if scs == nil {
			scs = b.c.scopes(st)
		}
		if v := b.c.judge(st, scs, us, ue, m.Facet, b.rn); v.status == Generic {
			m.Status, m.Cue, m.cueRule = v.status, v.cue, v.rule
		}
	}
}

// insertCopies puts each copy of a tag right after the tag it copies.
func insertCopies(st *sentenceState, copies []tagCopy) {
	if len(copies) == 0 {
		return
	}
	ms := make([]match, 0, len(st.matches)+len(copies))
	for k := range st.matches {
		ms = append(ms, st.matches[k])
		for _, c := range copies {
			if c.after == k {
				ms = append(ms, c.m)
			}
		}
	}
	st.matches = ms
}

// flattenedRowRule is the Rule of an incidence that a row of a table that lost its layout
// gives the outcome labelling it ("Infection 212 (44.6) 198 (41.3) 97 (40.8)").
const flattenedRowRule = "table.flattened_row"

// TableBaselineClass is the vocabulary class of the words of a table of the patients at
// entry ("Baseline characteristics"): a flattened table that holds one gives no counts.
const TableBaselineClass = "table.baseline"

// TableArisenClass is the vocabulary class of the words that open a row label with what
// arose after the treatment ("Post-op infections", "Postoperative anaemia"): such a row of a
// table of the patients at entry still counts an outcome, as surgical trials' first tables
// often end with the outcomes by arm.
const TableArisenClass = "table.arisen"

// arisenLabel tells whether the row label of outcome m, in a flattened table of the
// patients at entry, names what arose after the treatment: opens reports words of
// TableArisenClass that open the label right before the outcome ("Post-op wound infection",
// "Any post-op infection": at most an "all", "any" or "total" before them, after a cell or
// the table's start), and after is where such words right after the outcome end ("Wound
// infection after surgery, n (%)"; in a table of the patients at entry, only in a label
// that opens so), or -1. "Earlier post-op wound infection" is a history.
func arisenLabel(st *sentenceState, m *match, baseline bool) (opens bool, after int) {
	after = -1
	// labelOpens: the label starts at unit k, after a cell or the table's start, an "all",
	// "any" or "total" at most before it ("Prior wound infection after surgery" is a history)
	labelOpens := func(k int) bool {
		b := k - 1
		if b >= 0 && labelLeads[st.units[b].norm] {
			b--
		}
		return b < 0 || !st.units[b].word || isNumeral(st.units[b].norm)
	}
	for _, h := range st.hits {
		if h.class != TableArisenClass {
			continue
		}
		if h.start == m.uend {
			if !baseline || labelOpens(m.ustart) {
				after = h.end
			}
			continue
		}
		inside := h.start >= m.ustart && h.end <= m.uend // "post-op infections" the event's own words
		if !inside && (h.end > m.ustart || m.ustart-h.end > 1) {
			continue
		}
		if labelOpens(min(h.start, m.ustart)) {
			opens = true
		}
	}
	return opens, after
}

// rowLabelGradeEnd returns where a grade that a row label gives its adverse event after it
// ends (", grade 3–4", "grade ≥3"), starting at unit u, or u when none starts there: the
// cells come after it, and the grade of an adverse event is no value of its own.
func rowLabelGradeEnd(us []unit, u int) int {
	g := u
	if g < len(us) && us[g].norm == "," {
		g++
	}
	if g >= len(us) || !gradeWords[us[g].norm] {
		return u
	}
	if gc, ok := parseGradeAt(us, g); ok && gc.start == g {
		return gc.end
	}
	return u
}

// labelLeads are the words that may open a row label before its time words: "All post-op
// infections", "Any postoperative complication".
var labelLeads = map[string]bool{"all": true, "any": true, "total": true}

// flattenedRowCells is the fewest cells a flattened row has: one count alone after an
// outcome may be anything ("Infection 5 (1.1)" as an odds ratio's neighbour); two or more
// of one form in a row are the groups' columns.
const flattenedRowCells = 2

// labelTail returns where a flattened row's cells start after the words that end its label
// past the outcome's term and name no other thing ("HLH-like syndrome   0   1 (11)",
// "Infusion reactions, all   3 (5.0) …"): at most labelTailWords of labelTails, then a
// cell "n (p)" or "n/N (p)", or a zero before another cell; else u itself.
func labelTail(us []unit, u int) int {
	for v := u; v < len(us) && v <= u+labelTailWords; v++ {
		if v > u {
			if c, ok := readRowCell(us, v); ok && (!c.zero || v+1 < len(us) && isDigits(us[v+1].norm)) {
				return v
			}
		}
		if !labelTails[us[v].norm] {
			return u
		}
	}
	return u
}

// labelTailWords is the most units labelTail reads past an outcome's term.
const labelTailWords = 4

// labelTails are the words that may end a row's label after its outcome's term.
var labelTails = map[string]bool{"-": true, ",": true, "like": true, "syndrome": true, "disease": true, "reaction": true,
	"reactions": true, "event": true, "events": true, "episode": true, "episodes": true, "complication": true,
	"complications": true, "all": true, "any": true, "overall": true, "total": true}

// flattenedRows reads, in a sentence that is rows of a table that lost its layout, each
// affirmed outcome followed at once (a footnote letter or mark between) by cells of one
// form, a whole count and its share in brackets ("Urinary tract infection 17 (8) 21 (10)
// 19 (9)"): each cell is a group's count of the outcome, the first on its tag, the others
// on copies (Arm 2, 3, …). A decimal first number ("0.74 (0.31–1.77)", an estimate) or a
// range inside the bracket ends the row. The header's group sizes ("(n = 212)") are no
// denominators: a count in a column has none; but where they size two or more columns, a
// row of bare counts, one per column and none above its column's size, before a p value,
// is read too ("Urinary infection 1 3 0.61"). A zero cell denies the event in its column; a
// row of zeros alone counts only among rows of "n (p)" cells. A label may end in its own
// ", n (%)".
func (b *incidenceBinder) flattenedRows(i int, st *sentenceState) {
	// a table of the patients at entry: its events are characteristics, but for a row
	// that names what arose after the treatment
	baseline := st.classes[TableBaselineClass]
	if baseline && !st.classes[TableArisenClass] {
		return
	}
	us := st.units
	var copies []tagCopy
	var single []int // the tags of one-column rows
	sizes := columnSizes(st)
	// cells "n p" check their shares against the sizes, which may stand above the rows
	// when the splitter cut the header's "n %" cells into lines of their own
	pairSizes, pairRead := sizes, sizes != nil
	// a row of lone zeros counts only in a table whose other rows hold "n (p)" cells
	shareCells := false
	for u := 0; u+3 < len(us) && !shareCells; u++ {
		if c, ok := readRowCell(us, u); ok && !c.zero {
			c2, ok2 := readRowCell(us, c.end)
			shareCells = ok2 && !c2.zero
		}
	}
	gradeCols := headerGradeColumns(st) // a header of grade columns on the rows' own line
	for k := range st.matches {
		m := &st.matches[k]
		if !isOutcome(m.Facet) || m.Status != Affirmed || m.Incidence != nil {
			continue
		}
		// "Wound infection after surgery, n (%) …": the label's time after the event, in any
		// table; in one of the patients at entry only such a row counts
		opens, arisenAfter := arisenLabel(st, m, baseline)
		if baseline && !opens && arisenAfter < 0 {
			continue
		}
		if slices.ContainsFunc(st.matches, func(g match) bool {
			return g.Facet == m.Facet+"_grade" && g.ustart <= m.ustart && g.uend == m.uend
		}) {
			continue // "Grade 3-4   7 (5)   4 (4)" under CRS, "Grade ≥3 ICANS 3 (8) 1 (3)": the row counts its grade only
		}
		u := m.uend
		if arisenAfter > u {
			u = arisenAfter
		}
		u = labelBracket(us, u) // "CNS infection (CSF) 3 0", "Anaemia (Hb < 10 g/dL) 2/148 (1.4) …"
		u = labelTail(us, u)    // "HLH-like syndrome   0   1 (11)   3 (33)"
		if u < len(us) && (rowLabelNouns[us[u].norm] || st.hasClassAt(u, CountNounClass)) {
			u++ // the label's noun: "Sepsis patients 5 (9) 7 (12)", "Infection incidence 41 (8.2) 52 (10.4)"
		}
		u = anyGradeLabel(us, u) // "CRS of any grade 134 (88.2)": the event's row, every grade
		if m.Facet == adverseEventFacet {
			u = rowLabelGradeEnd(us, u) // "Neutropenia, grade 3–4 12 (11.3) 8 (7.1)": the row's grade
		}
		if u < len(us) && (us[u].norm == "*" || us[u].norm == "†" || len(us[u].norm) == 1 && us[u].word && us[u].norm >= "a" && us[u].norm <= "z") {
			u++ // a footnote mark: "Headache a 12 (6) 31 (15)"
		}
		if e := countPercentLabel(us, u); e > u {
			u = e // the label's own "n (%)": "Wound infection, n (%) 4 (5) 2 (2)"
		}
		ins := bareCountCells(st, u, sizes)
		if ins == nil && u+1 < len(us) && isDigits(us[u].norm) && strings.Contains(us[u+1].norm, ".") {
			if !pairRead {
				pairSizes, pairRead = b.c.sizesAbove(b.rn.states, i, b.rn), true
			}
			ins = pairCells(st, u, pairSizes)
		}
		if ins != nil {
			for _, in := range ins {
				in.Source, in.Rule = IncidenceStated, flattenedRowRule
				in.Text = b.doc.Text[in.Start:in.End]
			}
			copies = append(copies, rowCopies(st, k, ins)...)
			continue
		}
		shares := 0 // cells "n (p)": a row of zeros alone counts only among such rows
		for {
			c, ok := readRowCell(us, u)
			if !ok {
				break
			}
			s0, e0 := us[u].start, us[c.end-1].end
			in := &Incidence{N: &c.n, Source: IncidenceStated, Start: s0, End: e0,
				Text: b.doc.Text[s0:e0], Rule: flattenedRowRule, Arm: len(ins) + 1}
			if c.of > 0 {
				in.Of = &c.of
			}
			if !c.zero {
				in.Percent = &c.pct
				shares++
			}
			ins = append(ins, in)
			u = c.end
		}
		// "Event Any grade, n (%) Grade ≥3, n (%) CRS 45 (88.2) 3 (5.9)": under a header of
		// columns of grades, each cell is its column's
		if gradeCols != nil && len(ins) == len(gradeCols) && (shares > 0 || shareCells) {
			copies = append(copies, gradeCellCopies(st, k, ins, gradeCols)...)
			continue
		}
		// a one-column list of rows ("n (%): CRS 134 (88.2), ICANS 83 (54.6)") has one cell
		// a row, each closed by a comma, a semicolon or the end of the line
		oneColumn := len(ins) == 1 && shares == 1 && (u >= len(us) || us[u].norm == "," || us[u].norm == ";" || us[u].norm == ".")
		if len(ins) < flattenedRowCells && !oneColumn || shares == 0 && !shareCells {
			continue
		}
		copies = append(copies, rowCopies(st, k, ins)...)
		if oneColumn {
			single = append(single, k)
		}
	}
	oneColumnWhole(st, single)
	insertCopies(st, copies)
}

// rowCell is a cell of a table row that lost its layout: a count n, its column's whole of
// (0 when the cell states none), its share, and where the cell ends; zero marks a lone "0".
type rowCell struct {
	n, of int
	pct   float64
	end   int
	zero  bool
}

// readRowCell reads a cell "n (p)" at unit u, or "n/N (p)" with its column's whole, with the
// rate per person-time some tables write after it ("21 (30.4)/118.0"), or a lone zero
// ("0"), which has no share.
func readRowCell(us []unit, u int) (rowCell, bool) {
	if c, ok := readBareShareCell(us, u); ok {
		return c, true
	}
	if u < len(us) && us[u].norm == "0" && (u+1 >= len(us) || us[u+1].norm != "(" && us[u+1].norm != "/" && us[u+1].norm != "%") {
		return rowCell{end: u + 1, zero: true}, true
	}
	if u+3 >= len(us) {
		return rowCell{}, false
	}
	v, ok := countValue(us[u].norm)
	if !ok {
		return rowCell{}, false
	}
	of := 0
	if us[u+1].norm == "/" && allDigits(us[u+2].norm) {
		// "6/148 (4.1)": the count over its column's whole
		w, werr := strconv.Atoi(us[u+2].norm)
		if werr != nil || w < v || w == 0 {
			return rowCell{}, false
		}
		of = w
		u += 2
		if u+3 >= len(us) {
			return rowCell{}, false
		}
	}
	if us[u+1].norm != "(" {
		return rowCell{}, false
	}
	p, perr := strconv.ParseFloat(us[u+2].norm, 64)
	if perr != nil || p > 100 {
		return rowCell{}, false
	}
	c := u + 3
	if us[c].norm == "%" {
		c++
	}
	if c >= len(us) || us[c].norm != ")" {
		return rowCell{}, false
	}
	c++
	if c+1 < len(us) && us[c].norm == "/" && isDigits(us[c+1].norm) {
		c += 2 // the rate per 100 person-years after the cell
	}
	return rowCell{n: v, of: of, pct: p, end: c}, true
}

// readBareShareCell reads a cell written "n p%" without brackets at unit u ("Wound
// infection 6 4.0% 11 7.4%"): a whole count, then its share, with its sign and no more
// than 100%, zero only for a count of zero; "0 0%" is a cell of none.
func readBareShareCell(us []unit, u int) (rowCell, bool) {
	if u+2 >= len(us) || us[u+2].norm != "%" {
		return rowCell{}, false
	}
	v, ok := countValue(us[u].norm)
	if !ok {
		return rowCell{}, false
	}
	p, err := strconv.ParseFloat(us[u+1].norm, 64)
	if err != nil || p > 100 || p < 0 || v == 0 && p != 0 || v > 0 && p == 0 {
		return rowCell{}, false
	}
	if v == 0 {
		return rowCell{end: u + 3, zero: true}, true
	}
	return rowCell{n: v, pct: p, end: u + 3}, true
}

// oneColumnWhole gives the cells of a one-column list of rows ("Toxicity among 152
// recipients, n (%): CRS 134 (88.2), ICANS 83 (54.6)") the whole its header states: the one
// number before the list's first outcome that every cell's share is of (rounded to the
// decimals written). A list of one row, or a header with no such number or two, gives none.
func oneColumnWhole(st *sentenceState, rows []int) {
	if len(rows) < 2 {
		return
	}
	var cells []*Incidence
	for _, k := range rows {
		cells = append(cells, st.matches[k].Incidence)
	}
	first := firstOutcome(st)
	var fit []int
	for u := 0; u < first; u++ {
		w, err := strconv.Atoi(st.units[u].norm)
		if err != nil || !allDigits(st.units[u].norm) || slices.Contains(fit, w) {
			continue
		}
		ok := true
		for _, in := range cells {
			ok = ok && *in.N <= w && percentOf(*in.N, w, *in.Percent, writtenUnit(*in.Percent), false)
		}
		if ok {
			fit = append(fit, w)
		}
	}
	if len(fit) != 1 {
		return
	}
	for _, in := range cells {
		in.Of, in.Whole = &fit[0], PercentWholeRule
	}
}

// rowCopies gives tag k the first cell of its flattened row and copies for the others
// (columnCopies); a zero cell denies the event in its column ("Otitis 0 0 2 (2.9)": no
// patient of the first two columns had it).
func rowCopies(st *sentenceState, k int, ins []*Incidence) []tagCopy {
	cs := columnCopies(st, k, ins, flattenedRowRule)
	if *ins[0].N == 0 {
		st.matches[k].Status, st.matches[k].Cue = Negated, zeroCellCue
	}
	for i := range cs {
		if *cs[i].m.Incidence.N == 0 {
			cs[i].m.Status, cs[i].m.Cue = Negated, zeroCellCue
		}
	}
	return cs
}

// anyGradeLabel returns where the words that say a row counts every grade of its event end
// ("of any grade", "any grade", "(any grade)", "of all grades", "all grades"), starting at
// unit u, or u when there are none.
func anyGradeLabel(us []unit, u int) int {
	e := u
	if e+2 < len(us) && us[e].norm == "," && (us[e+1].norm == "any" || us[e+1].norm == "all") {
		e++ // "Pneumonia, all grades 6 (15) 2 (5)"
	}
	if e < len(us) && us[e].norm == "(" {
		e++
	}
	if e < len(us) && us[e].norm == "of" {
		e++
	}
	if e+1 < len(us) && (us[e].norm == "any" && us[e+1].norm == "grade" || us[e].norm == "all" && us[e+1].norm == "grades") {
		e += 2
		if u < len(us) && us[u].norm == "(" {
			if e < len(us) && us[e].norm == ")" {
				return e + 1
			}
			return u
		}
		return e
	}
	return u
}

// rowLabelNouns may end a flattened row's label after its outcome, as a noun of people
// (CountNounClass, "Pneumonia cases 3 (4) 5 (6)") may: what the row's cells count.
var rowLabelNouns = map[string]bool{"episodes": true, "events": true, "incidence": true}

// zeroCellCue is the cue of a flattened row's tag that a zero cell denies.
const zeroCellCue = "0 in the row's column"

// labelBracketUnits is the most units a bracket that ends a row label may hold between
// its brackets: a definition ("(Hb < 10 g/dL)", "(ALT > 3 × ULN)"), not a sentence.
const labelBracketUnits = 10

// labelBracket returns where a bracket that ends a row label ends, the label's own word or
// definition ("CNS infection (CSF) 3 0", "Anaemia (Hb < 10 g/dL) 2/148 (1.4) 4/150 (2.7)"),
// or u when none starts at u. The bracket holds a word or a comparison sign and no share,
// size or count of its own ("(12%)", "(n = 40)" are cells or sizes, not the label's).
func labelBracket(us []unit, u int) int {
	if u >= len(us) || us[u].norm != "(" {
		return u
	}
	defines := false
	for e := u + 1; e < len(us) && e <= u+labelBracketUnits+1; e++ {
		switch n := us[e].norm; {
		case n == ")":
			if !defines {
				return u
			}
			return e + 1
		case n == "(" || n == "%" || n == "=" || n == "n" || n == ";":
			return u
		case n == "<" || n == ">" || n == "≤" || n == "≥" || us[e].word && !isNumeral(n):
			defines = true
		}
	}
	return u
}

// countPercentLabel returns where a row label's own "n (%)" that starts at unit u ends
// (", n (%)", "n (%)"), or u when there is none.
func countPercentLabel(us []unit, u int) int {
	e := u
	if e < len(us) && us[e].norm == "," {
		e++
	}
	if e+4 < len(us) && us[e].norm == "n" && us[e+1].norm == "(" && us[e+2].norm == "%" && us[e+3].norm == ")" {
		return e + 4
	}
	return u
}

// firstOutcome returns the unit where the sentence's first outcome tag starts (the end of
// the sentence when it has none): what comes before it is a table's header.
func firstOutcome(st *sentenceState) int {
	first := len(st.units)
	for _, m := range st.matches {
		if isOutcome(m.Facet) {
			first = min(first, m.ustart)
		}
	}
	return first
}

// columnSizes reads the sizes of a flattened table's columns from its header, the group
// sizes "(n = 20)" written before its first outcome ("Adverse event Drug A (n = 20) Drug B
// (n = 21) P …"): at least two, or none.
func columnSizes(st *sentenceState) []int {
	sizes := statedSizes(st.units[:firstOutcome(st)], true)
	if len(sizes) < 2 {
		return nil
	}
	return sizes
}

// bareCountCells reads at unit u a flattened row's cells that are bare counts, one per
// column the header sized ("Urinary infection 1 3 0.61" under "(n = 20) … (n = 21)"): as
// many whole numbers as there are columns, each no larger than its column, then a p value
// (a number below 1, or "1"), a sign, the end, or the next row: an outcome's label whose
// own cells "n (p)" follow it ("Febrile neutropenia 14 5 Pneumonia 5 (8.2) 3 (5.0)", a
// row of bare counts without a p value). Anything else is no row of bare counts.
func bareCountCells(st *sentenceState, u int, sizes []int) []*Incidence {
	us := st.units
	if len(sizes) == 0 || u+len(sizes) > len(us) {
		return nil
	}
	var ins []*Incidence
	for i, size := range sizes {
		c := u + i
		v, ok := countValue(us[c].norm)
		if !ok || v > size {
			return nil
		}
		ins = append(ins, &Incidence{N: &v, Start: us[c].start, End: us[c].end, Arm: i + 1})
	}
	if e := u + len(sizes); e < len(us) {
		n := us[e].norm
		p, err := strconv.ParseFloat(n, 64)
		if !(err == nil && (p < 1 && strings.Contains(n, ".") || n == "1") || n == "<" || n == ">" || n == "." || n == ";" || nextRowLabel(st, e)) {
			return nil
		}
	}
	return ins
}

// nextRowLabel reports whether a row's label opens a flattened row at unit u: words, the
// first in capitals ("Headache", "Pneumonia b", "Injection-site reaction"), and then, at
// most rowLabelWords units on, the row's first cell "n (p)" or "n/N (p)".
func nextRowLabel(st *sentenceState, u int) bool {
	us := st.units
	if u >= len(us) || !us[u].word {
		return false
	}
	if first, _ := utf8.DecodeRuneInString(us[u].cased); !unicode.IsUpper(first) {
		return false
	}
	for e := u + 1; e < len(us) && e <= u+rowLabelWords; e++ {
		if c, ok := readRowCell(us, e); ok && !c.zero {
			return true
		}
		if n := us[e].norm; !us[e].word && n != "-" && n != "/" && n != "," || isDigits(n) {
			return false
		}
	}
	return false
}

// rowLabelWords is the most units a flattened row's label runs to before its first cell.
const rowLabelWords = 6

// pairCells reads at unit u a flattened row's cells written "n p" without brackets, one per
// column the header sized ("Neutropenia 6 15.0 2 5.3 …" under "(n = 40) … (n = 38)"):
// each a whole number no larger than its column (or a dash for none) and then its share
// of the column, which must be n of the column's size as the share's decimals round it; a
// footnote mark may follow the share ("15.0*"). At least two such cells, the row's first,
// or none: the arithmetic is what tells these cells from a mean and its deviation.
func pairCells(st *sentenceState, u int, sizes []int) []*Incidence {
	us := st.units
	var ins []*Incidence
	for i, size := range sizes {
		if u+1 >= len(us) {
			break
		}
		n, ok := countValue(us[u].norm)
		if us[u].norm == "–" || us[u].norm == "-" || us[u].norm == "—" {
			n, ok = 0, true
		}
		pct, err := strconv.ParseFloat(us[u+1].norm, 64)
		if !ok || err != nil || n > size || size == 0 || !sharePrinted(n, size, pct, us[u+1].norm) {
			break
		}
		in := &Incidence{N: &n, Start: us[u].start, End: us[u+1].end, Arm: i + 1}
		if n > 0 {
			in.Percent = &pct
		}
		ins = append(ins, in)
		u += 2
		for u < len(us) && (us[u].norm == "*" || us[u].norm == "**" || us[u].norm == "†") {
			u++
		}
	}
	if len(ins) < 2 || !slices.ContainsFunc(ins, func(in *Incidence) bool { return *in.N > 0 }) {
		return nil // "0 0.0" fits any column: a row of zeros proves no shares
	}
	return ins
}

// sizesAbove reads the column sizes of the flattened table whose rows open sentence i from
// the line above them, where the splitter put the header apart from them, cutting its "n %"
// cells into lines of their own or not: over up to tableFragmentLines such fragments ("%
// n"), the first other line's sizes ("Drug (n = 40) Placebo (n = 38)"), at least two; nil
// when that line states fewer. pairCells checks every cell against them.
func (c *Classifier) sizesAbove(states []*sentenceState, i int, rn *run) []int {
	for j := i - 1; j >= 0 && j >= i-tableFragmentLines; j-- {
		h := states[j]
		if h.skip {
			continue
		}
		held := h.units != nil
		c.ensureUnits(rn, h) // a lean run has let go of the units above
		fragment := !slices.ContainsFunc(h.units, func(u unit) bool { return u.norm != "n" && u.norm != "%" && u.norm != "(" && u.norm != ")" })
		var sizes []int
		if !fragment {
			sizes = statedSizes(h.units, true)
		}
		if !held {
			rn.release(h)
		}
		if !fragment {
			if len(sizes) < 2 {
				return nil
			}
			return sizes
		}
	}
	return nil
}

// tableFragmentLines is the most lines of a header's cut-apart "n %" cells sizesAbove
// climbs over.
const tableFragmentLines = 12

// sharePrinted reports whether written, a share read as pct, is n of size as its
// decimals round it ("15.0" for 6 of 40, "15" too; "5.3" for 2 of 38).
func sharePrinted(n, size int, pct float64, written string) bool {
	decimals := 0
	if i := strings.IndexByte(written, '.'); i >= 0 {
		decimals = len(written) - i - 1
	}
	half := 0.5 * math.Pow(10, -float64(decimals))
	return math.Abs(100*float64(n)/float64(size)-pct) <= half+1e-9
}

// columnCopies gives tag k the first of a row's column incidences and, for insertCopies,
// copies of the tag holding the others (each an Incidence of its own, joined by join).
func columnCopies(st *sentenceState, k int, ins []*Incidence, join string) []tagCopy {
	var out []tagCopy
	for i, in := range ins {
		c := *in
		if i == 0 {
			st.matches[k].Incidence = &c
			continue
		}
		c.Join = join
		m := st.matches[k]
		m.Incidence = &c
		out = append(out, tagCopy{k, m})
	}
	return out
}

// headerGradeColumns returns the columns of a flattened table's header written on the rows'
// line before the first outcome when they are of grades: two or more column labels in a row,
// each any grade or a grade, each perhaps with its ", n (%)", at least one a grade ("Event
// Any grade, n (%) Grade ≥3, n (%) CRS 45 (88.2) 3 (5.9)", "Grade 1-2 Grade ≥3 CRS 42 (82)
// 3 (6)"); each column's grades, none for any grade. It returns nil where there is none, and
// where a column repeats (an any-grade and a grade column for each arm: the arms are not
// read here).
func headerGradeColumns(st *sentenceState) [][]string {
	us := st.units
	first := firstOutcome(st)
	label := func(u int) (grades []string, end int, ok bool) {
		if e := anyGradeLabelEnd(us, u, first); e > u {
			return []string{}, countPercentLabel(us, e), true
		}
		if g, ok := parseGrade(us, u); ok && g.start == u && len(g.values) > 0 && g.end <= first {
			return g.values, countPercentLabel(us, g.end), true
		}
		return nil, u, false
	}
	for u := 0; u < first; u++ {
		var cols [][]string
		graded, repeated := false, false
		for e := u; e < first; {
			g, end, ok := label(e)
			if !ok {
				break
			}
			repeated = repeated || slices.ContainsFunc(cols, func(c []string) bool { return slices.Equal(c, g) })
			cols = append(cols, g)
			graded = graded || len(g) > 0
			e = end
		}
		if len(cols) >= 2 && graded {
			if repeated {
				return nil
			}
			return cols
		}
	}
	return nil
}

// gradeCellCopies gives a row of cells, one under each column of a header of grades
// (headerGradeColumns), its counts: a cell under any grade is the outcome's; a cell under a
// grade is that grade's: a grade tag of CRS or ICANS for each grade, on copies; for an
// adverse event, the same event at that grade (on its own tag when the first column is a
// grade). A zero cell denies what its column counts.
func gradeCellCopies(st *sentenceState, k int, ins []*Incidence, cols [][]string) []tagCopy {
	m := &st.matches[k]
	base := *m
	var out []tagCopy
	allZero := true
	for _, in := range ins {
		allZero = allZero && *in.N == 0
	}
	if allZero && isGrade(base.Facet+"_grade") && len(cols[0]) > 0 {
		m.Status, m.Cue = Negated, zeroCellCue // "CRS 0 0" under grades only: no grade at all
	}
	for i, grades := range cols {
		in := *ins[i]
		in.Arm = 0
		zero := *in.N == 0
		status, cue := Affirmed, ""
		if zero {
			status, cue = Negated, zeroCellCue
		}
		switch {
		case len(grades) == 0 || !isGrade(base.Facet+"_grade") && i == 0:
			if len(grades) > 0 {
				in.Grade = gradeRange(grades)
			}
			m.Incidence = &in
			m.Status, m.Cue = status, cue
		case isGrade(base.Facet + "_grade"):
			for _, v := range grades {
				cp := base
				c := in
				cp.Facet, cp.Value, cp.Incidence, cp.Status, cp.Cue, cp.cueRule = base.Facet+"_grade", v, &c, status, cue, ""
				out = append(out, tagCopy{k, cp})
			}
		default:
			cp := base
			in.Grade = gradeRange(grades)
			cp.Incidence, cp.Status, cp.Cue, cp.cueRule = &in, status, cue, ""
			out = append(out, tagCopy{k, cp})
		}
	}
	return out
}

// percentCellsRule is the Rule of an incidence that a cell of a table row gives when the
// row's label says its cells are shares ("Any grade, % (95% CI) | 89 (86-92) | …").
const percentCellsRule = "table.percent_cells"

// percentCells reads a row of a table with bars whose label says its cells are shares (a
// "%" and no "n": "Any grade, % (95% CI)", "Grade ≥3, %") and whose every filled cell is a
// share, with its interval in brackets or without ("89 (86-92)", "11"): each cell is a
// column's share of the outcomes the label names (its grades only, when it names one), the
// first on the tag, the others on copies (Arm 2, 3, …). It reports whether the row was such.
func (b *incidenceBinder) percentCells(st *sentenceState) bool {
	us := st.units
	cells := cellSpans(us)
	if len(cells) < 2 {
		return false
	}
	label, share := cells[0], false
	for u := label[0]; u < label[1]; u++ {
		switch us[u].norm {
		case "%":
			share = true
		case "n", "no", "no.", "number":
			return false // "n (%)": a count with its share, read by the cell rules
		}
	}
	if !share {
		return false
	}
	var targets []int
	graded := false
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.Status == Affirmed && m.Incidence == nil && m.uend <= label[1] {
			targets = append(targets, k)
			graded = graded || isGrade(m.Facet)
		}
	}
	if graded {
		targets = slices.DeleteFunc(targets, func(k int) bool { return !isGrade(st.matches[k].Facet) })
	}
	if len(targets) == 0 {
		return false
	}
	var ins []*Incidence
	for col, c := range cells[1:] {
		if c[0] == c[1] {
			continue // an empty cell: a column with nothing to say
		}
		p, ok := shareCell(us[c[0]:c[1]])
		if !ok {
			return false
		}
		s0, e0 := us[c[0]].start, us[c[1]-1].end
		ins = append(ins, &Incidence{Percent: &p, Source: IncidenceStated, Start: s0, End: e0,
			Text: b.doc.Text[s0:e0], Rule: percentCellsRule, Arm: col + 1})
	}
	if len(ins) == 0 {
		return false
	}
	var copies []tagCopy
	for _, k := range targets {
		copies = append(copies, columnCopies(st, k, ins, percentCellsRule)...)
	}
	insertCopies(st, copies)
	return true
}

// bareRowCountRule is the Rule of an incidence that a table row of a grade label and one
// bare number gives ("Grade 2   17" under a line naming CRS).
const bareRowCountRule = "table.bare_count"

// bareRowCount reads a row without bars that tableRowTags gave its header's event: a grade
// or any-grade label, then one whole number alone (a colon between aside). The number is
// the count of the label's grade (of the event, for any grade). It reports whether the row
// was such.
func (b *incidenceBinder) bareRowCount(st *sentenceState) bool {
	if st.tableShape().barred || !slices.ContainsFunc(st.matches, func(m match) bool { return m.Rule == TableRowRule }) {
		return false
	}
	_, end, ok := tableRowLabel(st.units)
	if !ok {
		return false
	}
	rest := st.units[end:]
	if len(rest) > 0 && rest[0].norm == ":" {
		rest = rest[1:]
	}
	if len(rest) != 1 || !allDigits(rest[0].norm) {
		return false
	}
	n, err := strconv.Atoi(rest[0].norm)
	if err != nil || n == 0 {
		return false // a zero is incidence.table_zero's
	}
	graded := slices.ContainsFunc(st.matches, func(m match) bool { return m.Rule == TableRowRule && isGrade(m.Facet) })
	s0, e0 := rest[0].start, rest[0].end
	for k := range st.matches {
		m := &st.matches[k]
		if m.Rule != TableRowRule || m.Status != Affirmed || isGrade(m.Facet) != graded {
			continue
		}
		nv := n
		m.Incidence = &Incidence{N: &nv, Source: IncidenceStated, Start: s0, End: e0, Text: b.doc.Text[s0:e0], Rule: bareRowCountRule}
		b.needsPopulation = append(b.needsPopulation, m.Incidence) // a count of all the table's patients
	}
	return true
}

// shareCell reads a cell that is a share, with its interval in brackets or without ("89
// (86-92)", "11", "7.5%"), footnote marks after it aside.
func shareCell(cell []unit) (float64, bool) {
	if len(cell) == 0 || !isNumeral(cell[0].norm) {
		return 0, false
	}
	p, err := strconv.ParseFloat(cell[0].norm, 64)
	if err != nil || p > 100 {
		return 0, false
	}
	rest := cell[1:]
	if len(rest) > 0 && rest[0].norm == "%" {
		rest = rest[1:]
	}
	if len(rest) >= 5 && rest[0].norm == "(" && isNumeral(rest[1].norm) && (rest[2].norm == "-" || rest[2].norm == "–" || rest[2].norm == "to") &&
		isNumeral(rest[3].norm) && rest[4].norm == ")" {
		rest = rest[5:]
	}
	for _, u := range rest {
		if u.word || isNumeral(u.norm) || u.norm == "(" || u.norm == ")" {
			return 0, false // more than a share: "5 (1-38) days", "12 (10)"
		}
	}
	return p, true
}

// gradeColumnsRule is the Rule of an incidence that a header of two columns, any grade and
// a grade, gives the second share after an event ("(any grade; grade 3-4)" … "(60%, 30%)").
const gradeColumnsRule = "columns.grade"

// gradeColumns reads a header bracket of two columns, any grade then a grade ("(any grade;
// grade 3-4)", "(all grades/grade ≥3)"), and each event after it followed by a bracket of
// two shares ("infections (60%, 30%)"): the first share is the event's (bound already, or
// bound here), the second its grade's, on copies of the tag (a grade tag of CRS or ICANS,
// the same adverse event otherwise). A second share over the first is no grade's.
func (b *incidenceBinder) gradeColumns(st *sentenceState) []tagCopy {
	us := st.units
	grades, from := []string(nil), -1
	for u := 0; u+4 < len(us) && from < 0; u++ {
		if us[u].norm != "(" {
			continue
		}
		c := closingBracket(us, u)
		if c < 0 {
			continue
		}
		k := anyGradeLabelEnd(us, u+1, c)
		if k == u+1 || k >= c || (us[k].norm != ";" && us[k].norm != "," && us[k].norm != "/") {
			continue
		}
		if g, ok := parseGrade(us, k+1); ok && g.end == c && len(g.values) > 0 {
			grades, from = g.values, c+1
		}
	}
	if from < 0 {
		return nil
	}
	share := func(k int) (float64, bool) {
		if k+1 >= len(us) || us[k+1].norm != "%" {
			return 0, false
		}
		v, err := strconv.ParseFloat(us[k].norm, 64)
		return v, err == nil
	}
	var out []tagCopy
	for k := range st.matches {
		m := &st.matches[k]
		if m.ustart < from || isGrade(m.Facet) || !isOutcome(m.Facet) || m.Status != Affirmed || m.uend+6 > len(us) || us[m.uend].norm != "(" {
			continue
		}
		o := m.uend // "( 60 % , 30 % )"
		a, okA := share(o + 1)
		bv, okB := share(o + 4)
		if !okA || !okB || us[o+3].norm != "," && us[o+3].norm != ";" || o+6 >= len(us) || us[o+6].norm != ")" || bv > a {
			continue
		}
		at := func(u, w int) (int, int) { return us[u].start, us[w].end }
		if m.Incidence == nil {
			s0, e0 := at(o+1, o+2)
			m.Incidence = &Incidence{Percent: &a, Source: IncidenceStated, Start: s0, End: e0, Text: b.doc.Text[s0:e0], Rule: gradeColumnsRule}
			b.needsPopulation = append(b.needsPopulation, m.Incidence)
		}
		s1, e1 := at(o+4, o+5)
		pct := bv
		in := &Incidence{Percent: &pct, Source: IncidenceStated, Start: s1, End: e1, Text: b.doc.Text[s1:e1], Rule: gradeColumnsRule}
		b.needsPopulation = append(b.needsPopulation, in) // a share of the same whole as the first
		switch {
		case isGrade(m.Facet + "_grade"): // an event with a grade facet of its own
			for _, v := range grades {
				cp := *m
				cp.Facet, cp.Value, cp.Incidence, cp.Rule = m.Facet+"_grade", v, in, gradeColumnsRule
				if bv == 0 { // "CRS (58%, 0%)": no patient had CRS of that grade
					cp.Status, cp.Cue, cp.cueRule = Negated, "0% in the grade's column", ""
				}
				out = append(out, tagCopy{k, cp})
			}
		case bv > 0: // an adverse event's grade is no value of its own: its share and grade
			cp := *m
			in.Grade = gradeRange(grades)
			cp.Incidence = in
			out = append(out, tagCopy{k, cp})
		}
	}
	return out
}

// sentenceWhole returns the whole that opens the sentence ("Out of 14 patients, …"), or nil,
// and the events it names. A whole that names an event ("Among the 52 patients with CRS,
// 21 developed HLH") is a count of that event, which the event rules read, and the whole of
// the counts of other outcomes after it (HLH 21 of 52), not of that event's own (its grades:
// "Of the 6 patients with CRS, 2 had grade 2" counts grade 2 CRS of all the patients).
func (c *Classifier) sentenceWhole(rn *run, st *sentenceState) (*incidenceHit, map[string]bool) {
	for _, h := range c.runIncidence(rn, st, IncidenceWhole) {
		if h.start != 0 && !(opensAfterLead(st.units, h.start) && (st.units[h.end-1].norm == "," || st.units[h.end-1].norm == ";")) || h.of == nil || *h.of <= 0 {
			continue // a whole opens its sentence, or the main clause after a lead, as a phrase of its own ("At cutoff, of the 40 treated, …") or a clause ("In 2021, 180 adults underwent …; …")
		}
		named := map[string]bool{}
		for _, m := range st.matches {
			// "Of the 60 adults with CRS data recorded": a whole of those assessed
			// for an event names no event of theirs. A tag that runs on past the whole
			// (a grade read from its event to "; 15 had grade 2") names its event through
			// the event's own tag inside it.
			if isOutcome(m.Facet) && m.ustart < h.end && m.uend <= h.end && !st.hasClassAt(m.uend, WholeDataClass) {
				named[eventKey(m)] = true
			}
		}
		return &h, named
	}
	return nil, nil
}

// eventKey names the event of an outcome tag, a grade with its event ("crs" for crs and
// crs_grade, "adverse_event=infection").
func eventKey(m match) string {
	if base, ok := strings.CutSuffix(m.Facet, "_grade"); ok {
		return base
	}
	if m.Facet == "crs" || m.Facet == "icans" {
		return m.Facet
	}
	return m.Facet + "=" + m.Value
}

// flattenedTable reports whether a sentence reads as rows of a table that lost its layout
// ("No ICANS 6.02 (1.91) 5.88 (2.04) 0.64"): at least tableRuns runs of tableRunLen or
// more numbers with no word, comma, colon or semicolon between them, or one run as long as
// those. A results sentence alternates words and numbers ("grade 1 in 3 (15%), grade 2 in
// 2 (10%)"), lists them with commas ("in 13, 6, 2 and 1 patients") or labels them ("grade
// 1: 8 (67%)"), and one confidence interval is one run.
func flattenedTable(units []unit) bool {
	runs, run := 0, 0
	for i, u := range units {
		switch {
		case u.norm == "," || u.norm == ";" || u.norm == ":": // a list, "in 13, 6, 2 and 1 patients"; "grade 1: 8 (67%)"
			run = 0
		case !u.word:
		case i > 0 && numberJoiners[units[i-1].norm]:
			// "11/388", "50 × 10^6": one number, not two cells ("in 11/388 (2.8%) and 25/371 (6.7%)")
		case u.norm[0] >= '0' && u.norm[0] <= '9':
			if run++; run == tableRunLen {
				runs++
			} else if run == tableRunLen*tableRuns {
				runs = tableRuns // one row of many cells: "Anaemia 41/150 (27) 2/150 (1) 57/148 (39)"
			}
		default:
			run = 0
		}
	}
	return runs >= tableRuns
}

// incidenceBreakdownJoin is the Join of a group's count in a list in the bracket after the
// count of the whole it parts ("in 71% of patients (82% with A and 54% with B)": bracketParts).
const incidenceBreakdownJoin = "list.breakdown"

// bracketParts reports whether the k counts of a list from hits[hi] (k is 1 for a count that
// arms join after it) part the count before them, by group: the list opens the bracket right
// after that count ("in 71% of patients (82% with A and 54% with B)", "(82% and 54% for A and
// B, respectively)") and ends inside it, names no outcome of its own, and each count has its
// group after it (groupFollowsWith and partWords) or a "respectively" ends the list after
// groups.
func bracketParts(st *sentenceState, hits []incidenceHit, hi, k int) bool {
	us := st.units
	a, first, last := hits[hi-1], hits[hi], hits[hi+k-1]
	open := a.end
	if open >= len(us) || us[open].norm != "(" || first.start != open && first.start != open+1 && !partLabelled(st, first) || closingBracket(us, open) < last.end {
		return false
	}
	if slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.ustart > a.end && m.ustart < last.end }) {
		return false
	}
	if respectivelyAfter(st, last.end) && (groupsAfter(us, last.end) || groupFollowsWith(st, last.end, partWords)) {
		return true
	}
	for j := hi; j < hi+k; j++ {
		if !groupFollowsWith(st, hits[j].end, partWords) && !partLabelled(st, hits[j]) {
			return false
		}
	}
	return true
}

// partLabelMax is how many units the label before a part's count may take ("cohort B",
// "dose level 2", "the axi-cel arm").
const partLabelMax = 4

// partLabelled reports whether the count h, a part in the bracket after a count, opens with
// the group it counts, right after the bracket or a separator: a product or a group's words
// (class count.group), with a short name ("B", "2": an enumerator), then at most a comma or colon: "(axi-cel
// 82%, liso-cel 54%)", "(axi-cel, n = 98; liso-cel, n = 54)", "(cohort A: 12; cohort B: 8)".
func partLabelled(st *sentenceState, h incidenceHit) bool {
	return partLabelStart(st, h) >= 0
}

// partLabelStart returns the first unit of the group label that opens the part h
// (partLabelled), or -1.
func partLabelStart(st *sentenceState, h incidenceHit) int {
	us := st.units
	u := h.start - 1 // (a count read with its comma or colon, ", 82%;", starts on it)
	if sep := us[h.start].norm; sep != "," && sep != ":" && u >= 0 && (us[u].norm == "," || us[u].norm == ":") {
		u--
	}
	named := false
	for end := u; u >= 0 && end-u < partLabelMax; u-- {
		if st.hasClassAt(u, "product") || st.hasClassAt(u, CountGroupClass) {
			named = true
		} else if us[u].norm != "the" && !enumerator(us[u].norm) { // "cohort B", "arm II", "dose level 2"
			break
		}
	}
	if !named || u < 0 || us[u].norm != "(" && us[u].norm != ";" && us[u].norm != "," {
		return -1
	}
	return u + 1
}

// partWords are the group words after a part's count in a bracket: groupWords and "with",
// "for" and "among" ("82% with axi-cel", "54% for the weekly cohort").
var partWords = func() map[string]bool {
	m := map[string]bool{"with": true, "for": true, "among": true}
	for w := range groupWords {
		m[w] = true
	}
	return m
}()

// incidenceRespectivelyJoin is the Join of an arm's count that "respectively" maps to an
// arm or group of the one outcome before a list of counts.
const incidenceRespectivelyJoin = "list.respectively"

// incidenceSubjectListJoin is the Join of the counts of a list of subjects before one verb
// ("Five patients in arm A and three in arm B developed pneumonia").
const incidenceSubjectListJoin = "list.subjects"

// incidenceOwnAgainstJoin is the Join of the report's own count of an outcome another
// study's words named before it, told with a pronoun in a clause of its own ("in ZUMA-1, CRS
// arose in 93%, whereas in our cohort it occurred in 2 patients").
const incidenceOwnAgainstJoin = "own.against_other"

// incidenceContrastJoin is the Join of another arm's count of an outcome denied before a
// contrast ("no ICANS at dose level 1, whereas 3 adults at dose level 2 developed it").
const incidenceContrastJoin = "arm.contrast"

// groupWords open the group a subject of a list belongs to ("in arm A", "from the
// second group", "on placebo", "receiving the lower dose").
var groupWords = map[string]bool{"in": true, "from": true, "on": true, "at": true, "of": true, "receiving": true, "given": true, "treated": true, "who": true}

// subjectListStart returns the first of the subjects of a list that ends with hits[hi], a
// subject whose verb (after it, or after its group) counts an outcome: the counts before it
// that counted nothing, each of a rule with subject verbs, each followed only by its group
// ("in arm A", "from the low-dose group") and a list separator, with no verb of theirs and
// no outcome between. hi itself when there is no such list.
func subjectListStart(st *sentenceState, hits []incidenceHit, hi int, unbound map[int]bool) int {
	h := hits[hi]
	if len(h.rule.SubjectVerbs) == 0 || h.rule.Unit == UnitEvents ||
		!h.rule.subjectVerbs.verbAfter(st.units, h.end) && subjectVerbOver(st, h) <= h.end {
		return hi
	}
	first := hi
	for j := hi - 1; j >= 0 && unbound[j]; j-- {
		a, b := hits[j], hits[j+1]
		if len(a.rule.SubjectVerbs) == 0 || a.rule.Unit != h.rule.Unit || a.rule.Negated && (j > 0 || h.rule.Negated) || b.start-a.end > 8 || b.start <= a.end {
			break
		}
		if st.hasClassEndingAt(a.start, ExceptClass) {
			break // "except for 2 patients who withdrew, none of the 40 …": set apart, no subject
		}
		// each subject names its group ("in arm A", "from the second group"), after it or,
		// for a count of a named group, in it ("4 arm A adults and 2 arm B adults"): a list
		// of bare counts ("5 patients and 3 patients") is no list of groups
		gap := st.units[a.end:b.start]
		if n := st.units[b.start].norm; n == "and" || n == "," {
			gap = st.units[a.end : b.start+1] // a subject whose words open with its joiner ("and three in arm B")
		}
		if len(gap) == 0 {
			break
		}
		last := gap[len(gap)-1].norm
		named := a.rule.Group && b.rule.Group && len(gap) <= 2
		if last != "," && last != "and" || !named && (len(gap) < 3 || !groupWords[gap[0].norm]) {
			break
		}
		if !named && timeAfterCount(st, a.end, b.start) {
			break // "all 47 patients on days 0-2, and 19 …": a time, no group
		}
		ok := true
		for u := a.end; u < b.start && ok; u++ {
			if st.units[u].norm == "who" {
				u = relativeVerbEnd(st, a.rule, u) - 1 // "5 of the 20 who died in arm A and …": the clause's verb is its own
				continue
			}
			ok = !clauseEnds[st.units[u].norm] && !a.rule.subjectVerbs.verbAfter(st.units, u) && !st.hasClassAt(u, CountOtherClass)
		}
		for _, m := range st.matches {
			ok = ok && !(isOutcome(m.Facet) && m.ustart < b.start && m.uend > a.end)
		}
		if !ok {
			break
		}
		first = j
	}
	return first
}

// timeAfterCount reports whether the words [from, to) after a count open with a time: a
// word of TimeNounClass within two words of the count with a number right before or after
// it, in digits or words ("on days 0-2", "at 2 weeks", "on day one"), or "of" after it ("on
// the day of infusion"); not a group named with such a word ("in the day unit", "on the
// two-day schedule", whose time word stands further on).
func timeAfterCount(st *sentenceState, from, to int) bool {
	for u := from + 1; u < min(from+3, to); u++ {
		if !st.hasClassAt(u, TimeNounClass) {
			continue
		}
		if st.numberAt(u-1) || st.numberAt(u+1) || u+1 < len(st.units) && st.units[u+1].norm == "of" {
			return true
		}
	}
	return false
}

// respectivelyAfter reports whether "respectively" ends the clause of a list of counts that
// ends at unit end (within a few words: "in 1/3, 2/3 and 5/6 patients at the three dose
// levels, respectively").
func respectivelyAfter(st *sentenceState, end int) bool {
	return respectivelyWithin(st.units, end, respectivelyReach)
}

// sharedWholeBefore gives a share the whole of the share right after it when the two stand
// in parallel clauses of one sentence, the second verbless: "CRS of any grade occurred in 88%
// and grade ≥3 CRS in 6% of the 112 infused patients" (the 112 is the whole of both). Only
// between "in P%" shares with no count of their own, joined by "and" and the next one's
// outcome (or a bare grade of the event before: "grade 1 CRS occurred in 52% and grade ≥3 in
// 7% of the 168") and "in".
func sharedWholeBefore(st *sentenceState, hits []incidenceHit) {
	for i := 0; i+1 < len(hits); i++ {
		a, b := &hits[i], &hits[i+1]
		if a.n != nil || a.of != nil || a.pct == nil || b.n != nil || b.of == nil || b.pct == nil ||
			st.units[a.start].norm != "in" || a.end >= b.start || st.units[a.end].norm != "and" {
			continue
		}
		to := b.start // the next share's "in", its own or right before it
		if st.units[b.start].norm != "in" {
			if to--; st.units[to].norm != "in" {
				continue
			}
		}
		// between the two: "and", the next outcome's words, nothing else
		from := a.end + 1
		covered := from
		for _, m := range st.matches {
			if isOutcome(m.Facet) && m.ustart == covered {
				covered = max(covered, m.uend)
			}
			if isOutcome(m.Facet) && m.gstart == covered && m.gstart != m.ustart {
				covered = max(covered, m.uend) // "… and grade ≥3 CRS in 6%", or a bare "… and grade ≥3 in 6%" of the CRS before
			}
		}
		if covered == to {
			a.of = b.of
		}
	}
}

// pairItemWords is the most words of the last item of a pair before its tag.
const pairItemWords = 3

// lastItemOfPair returns the outcome tags that a bracket of two counts right after them
// counts with its second count, when the outcome is the second item of a pair whose first
// item is no tag ("headache and neutropenia (12% and 8%)": 8% is the neutropenia's, 12%
// the headache's), or nil: the two counts are the pair's, by place, not two arms of one
// outcome. The bracket holds the two counts only, joined by "and" or a comma ("12% vs 8%"
// are two arms).
func lastItemOfPair(st *sentenceState, hits []incidenceHit, hi int, bound []bool) []int {
	if hi+1 >= len(hits) || hits[hi].end > hits[hi+1].start {
		return nil
	}
	for u := hits[hi].end; u < hits[hi+1].start; u++ {
		if n := st.units[u].norm; n != "and" && n != "," {
			return nil // "(12% vs 8%)": two arms' counts of each item
		}
	}
	open := hits[hi].start - 1
	if open < 2 || st.units[open].norm != "(" {
		return nil
	}
	if c := closingBracket(st.units, open); c != hits[hi+1].end {
		return nil
	}
	var item []int
	start := open
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.bend == open && !bound[k] && m.Status == Affirmed && m.Incidence == nil {
			item = append(item, k)
			start = min(start, m.bstart)
		}
	}
	if len(item) == 0 || start < 2 {
		return nil
	}
	// "… headache and neutropenia": an untagged word, then "and" or "or", before the item,
	// whose own first words the tag may leave out ("and upper airway infection")
	j := start - 1
	for n := 0; n < pairItemWords && j > 1 && st.units[j].word && !isNumeral(st.units[j].norm) && st.units[j].norm != "and" && st.units[j].norm != "or"; n++ {
		j--
	}
	if n := st.units[j].norm; n != "and" && n != "or" {
		return nil
	}
	w := j - 1
	if !st.units[w].word || isNumeral(st.units[w].norm) {
		return nil
	}
	for _, m := range st.matches {
		if m.ustart <= w && w < m.uend && (isOutcome(m.Facet) || m.Facet == toxicityTreatmentFacet) {
			return nil // both items are tags: the list maps them in order elsewhere
		}
	}
	return item
}

// respectivelyChained reports whether the list of k counts at hits[hi] is the first of a
// chain of lists of k counts, each of its own outcome, that one "respectively" at the chain's
// end maps to the same groups ("infections in 2 (9%) and 1 (5%), rashes in 7 (32%) and 5
// (24%), and fever in 1 and 2, in groups 1 and 2, respectively"): no semicolon between, and
// at most one outcome tag between two lists (an event the rules do not tag, "raised liver
// enzymes", has none).
func respectivelyChained(st *sentenceState, hits []incidenceHit, hi, k int) bool {
	for j := hi + k; j < len(hits); {
		n := countList(st, hits, j)
		if n != k || semicolonBetween(st.units, hits[j-1].end, hits[j].start) || outcomesIn(st, hits[j-1].end, hits[j].start) > 1 {
			return false
		}
		if respectivelyAfter(st, hits[j+n-1].end) {
			return true
		}
		j += n
	}
	return false
}

// respectivelyChainedBefore reports whether the list of k counts at hits[hi], in a verbless
// clause of its own outcome, follows a list of k counts that a "respectively" between them
// mapped to groups ("… arose in 12 and 8 adults, respectively, and herpes zoster in 3 (6%)
// and 5 (9%)"): the same groups in the same order. No semicolon between, and one
// outcome (the second list's).
func respectivelyChainedBefore(st *sentenceState, hits []incidenceHit, hi, k int, listArm map[int]bool) bool {
	p := hi - k
	if p < 0 || k < 2 || countList(st, hits, p) != k {
		return false
	}
	for j := p + 1; j < hi; j++ {
		if !listArm[j] {
			return false
		}
	}
	prevEnd, next := hits[hi-1].end, hits[hi].start
	if semicolonBetween(st.units, prevEnd, next) || outcomesIn(st, prevEnd, next) != 1 {
		return false
	}
	for u := prevEnd; u < next; u++ {
		if st.units[u].norm == "respectively" {
			return true
		}
	}
	return false
}

// outcomesIn counts the outcomes that stand wholly in the units [from, to): runs of
// overlapping tags, so "grade 3 CRS" (a grade and its event) is one (outcomeItems).
func outcomesIn(st *sentenceState, from, to int) int {
	var cand []int
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.ustart >= from && m.uend <= to {
			cand = append(cand, k)
		}
	}
	slots, _ := outcomeItems(st, cand)
	return len(slots)
}

// respectivelyReach is how many words after a list of counts its "respectively" may stand.
const respectivelyReach = 16

// groupsAfter reports whether the groups a list of counts is of follow it in its clause,
// as "respectively" would map them ("in 61% and 78% of patients in the two cohorts", "in
// arms A and B", "at dose levels 1, 2 and 3", "in patients with and without prophylaxis").
func groupsAfter(us []unit, from int) bool {
	joined := false
	for u := from; u < len(us) && u < from+groupsReach; u++ {
		switch n := us[u].norm; {
		case groupNouns[n] || n == "levels" && u > 0 && us[u-1].norm == "dose":
			return true
		case n == "with" && u+2 < len(us) && (us[u+1].norm == "and" || us[u+1].norm == "or") && us[u+2].norm == "without":
			return true
		case joined && (n == "group" || n == "arm" || n == "cohort"):
			return true // "in BuCy and BuFlu group": two names share the noun
		case n == "and":
			joined = true
		case n == "," && u+1 < len(us) && isNumeral(us[u+1].norm):
			// "in the 50 mg, 100 mg and 150 mg cohorts": the groups' own list
		case n == "," && namesJoinedBefore(us, u+1, from+groupsReach):
			// "in the placebo, low- and high-dose arms": the groups' names, joined
		case clauseEnds[n] || n == "." || n == "," || n == "with" || n == "who":
			return false
		}
	}
	return false
}

// namesJoinedBefore reports whether the words from unit u on are the rest of a list of
// names that "and" or "or" joins before a group noun, within unit limit and with no number
// or clause end among them ("low-, medium- and high-dose arms" after "placebo,").
func namesJoinedBefore(us []unit, u, limit int) bool {
	joined := false
	for ; u < len(us) && u < limit; u++ {
		switch n := us[u].norm; {
		case groupNouns[n]:
			return joined
		case n == "and" || n == "or":
			joined = true
		case clauseEnds[n] || n == "." || n == "with" || n == "who" || isNumeral(n):
			return false
		}
	}
	return false
}

// groupNouns name the groups a list of counts may be of ("in the two arms", "at the 3, 10
// and 20 mg/kg doses", "on the two regimens").
var groupNouns = map[string]bool{"arms": true, "cohorts": true, "groups": true, "doses": true, "regimens": true}

// groupsNamedBefore reports whether a list of groups ("the stapler and hand-sewn groups",
// "the outpatient and inpatient cohorts") stands before the list of counts that starts at
// unit to, in its sentence and with no clause end between: the counts map to them as
// "respectively" would ("Rates of wound infection in the stapler and hand-sewn groups were
// 6% and 11%").
func groupsNamedBefore(us []unit, to int) bool {
	for u := to - 1; u > 0 && u >= to-groupsBeforeReach; u-- {
		switch n := us[u].norm; {
		case clauseEnds[n] || n == ".":
			return false
		case groupNouns[n]:
			for k, words := u-1, 0; k >= 0 && words < 4; k-- {
				if us[k].norm == ")" {
					if o := openingBracket(us, k); o >= 0 {
						k = o // "the ustekinumab (n = 340) and placebo (n = 338) groups": sizes aside
						continue
					}
				}
				if us[k].norm == "and" {
					return true
				}
				words++
			}
			return false
		}
	}
	return false
}

// groupsBeforeReach is how many units before a list of counts its named groups may stand.
const groupsBeforeReach = 16

// groupsReach is how many units after a list of counts its groups may stand.
const groupsReach = 14

// groupsBefore reports whether the groups a list of counts is of open its sentence, each
// by itself, before the first count at unit to ("For products A, B and C individually, the
// CRS rates were 9%, 12% and 13%"): the list maps to them as "respectively" would.
func groupsBefore(us []unit, to int) bool {
	if len(us) == 0 || !leadWords[us[0].norm] && us[0].norm != "among" && us[0].norm != "across" {
		return false
	}
	for u := 1; u+1 < to; u++ {
		switch us[u].norm {
		case "individually", "respectively", "separately":
			return us[u+1].norm == ","
		case ";", ":", ".":
			return false
		}
	}
	return false
}

// respectivelyWithin reports whether "respectively" stands within reach words after unit
// from, in its clause.
func respectivelyWithin(us []unit, from, reach int) bool {
	for u, words := from, 0; u < len(us) && words < reach; u++ {
		switch n := us[u].norm; {
		case n == "respectively":
			return true
		case clauseEnds[n] || n == ".":
			return false
		case us[u].word && n != "^" && n != "×":
			words++ // (a dose's signs, "1 × 10^6 cells/kg", take no room)
		}
	}
	return false
}

// outcomeRuns counts the runs of free outcome tags (an event and its grade are one run)
// between the count before hit hi and hit hi.
func outcomeRuns(st *sentenceState, hits []incidenceHit, hi int, bound []bool) int {
	from := 0
	if hi > 0 {
		from = hits[hi-1].end
	}
	// Runs of one event in a row are one outcome: "the commonest infection was pneumonia
	// (24%, 18% and 11%, respectively)" gives each group's count of one event.
	runs, end, last := 0, -1, ""
	for k, m := range st.matches {
		if !isOutcome(m.Facet) || bound[k] || m.Incidence != nil || m.bstart < from || m.bend > hits[hi].start || takesNoCount(st, m) {
			continue
		}
		if givenFor(st, m) {
			continue // "tocilizumab was given for CRS to 18% and 31%": what it was given for is no outcome counted
		}
		if lackedBy(st, k) {
			continue // "infections without neutropenia in 9 and 17 patients": what the outcome lacked is no outcome counted
		}
		if key := m.Facet + "=" + m.Value; m.bstart >= end && key != last {
			runs++
			last = key
		}
		end = max(end, m.bend)
	}
	return runs
}

// lackedBy reports whether tag k is denied by a "without" right before it that qualifies an
// affirmed outcome before it ("grade 3 infections without neutropenia"): a kind of that
// outcome, no slot of its own in a list of counts.
func lackedBy(st *sentenceState, k int) bool {
	m := st.matches[k]
	return m.Status == Negated && m.ustart > 0 && st.units[m.ustart-1].norm == "without" &&
		slices.ContainsFunc(st.matches, func(o match) bool { return isOutcome(o.Facet) && o.Status == Affirmed && o.uend <= m.ustart })
}

// oneOutcome reports whether the list of counts at hits[hi] counts one outcome: one run of
// it before the list, or an untagged kind of it in a list of its kinds (listHead).
func oneOutcome(st *sentenceState, hits []incidenceHit, hi int, bound []bool) bool {
	switch outcomeRuns(st, hits, hi, bound) {
	case 1:
		return true
	case 0:
		return listHead(st, hits, hi) >= 0 || hi+1 < len(hits) && pairedBefore(st, hits[hi], hits[hi+1])
	}
	return false
}

// pairedBefore reports whether the count a, which binds after it, and the count b are two
// arms' counts of one outcome after them ("9 and 4 cases of pneumonia", "11 and 6 adults
// had CRS"): "and" between, and b binding after too.
func pairedBefore(st *sentenceState, a, b incidenceHit) bool {
	if !(a.rule.BindsAfter || a.rule.List == ListAfter && a.n != nil) || a.end >= len(st.units) || st.units[a.end].norm != "and" || b.start != a.end && b.start != a.end+1 {
		return false
	}
	return b.rule.BindsAfter || respectiveSubject(st, b)
}

// allWords reports whether every unit is a word (no punctuation, no number).
func allWords(us []unit) bool {
	for _, u := range us {
		if !u.word || u.norm[0] >= '0' && u.norm[0] <= '9' {
			return false
		}
	}
	return true
}

// listTail reports whether hit hi ends a list of counts ("80% and 20% of patients had …"):
// a count that is one only in a list (a bare "80%") and list separators stand before it,
// so its verb is the list's, not its own ("one (5%) patient and two (9%) patients had"
// are two counts with a verb each).
func listTail(st *sentenceState, hits []incidenceHit, hi int) bool {
	if hi == 0 || hits[hi-1].end >= hits[hi].start || hits[hi-1].rule.List != ListOnly {
		return false
	}
	for _, u := range st.units[hits[hi-1].end:hits[hi].start] {
		if !listSeparators[u.norm] {
			return false
		}
	}
	return true
}

// gradeOfEvent returns the grade tag that reads the event tag k with a grade after it ("CRS
// of grade 1 or 2"), if ok accepts it, else k. A grade with a count of its own before it
// ("CRS of any grade (10% grade 3-4)") or right after it ("ICANS (grade 1, n = 3; grade 2,
// n = 2)", "CRS, grade 1 in 16 and grade 2 in 6", "CRS (grade 1: 8; grade 2: 4 patients)",
// "(grade 1 = 8, …)") is not the event's: that count is the grade's.
func gradeOfEvent(st *sentenceState, hits []incidenceHit, k int, ok func(int) bool) int {
	m := st.matches[k]
	best := k
	for j, g := range st.matches {
		if g.Facet == m.Facet+"_grade" && g.ustart == m.ustart && g.gstart > m.ustart && ok(j) && !partialGrade(st, g) &&
			!slices.ContainsFunc(hits, func(h incidenceHit) bool { return h.start >= m.uend && h.end <= g.gstart }) &&
			!slices.ContainsFunc(hits, func(h incidenceHit) bool {
				n, prev := st.units[h.start].norm, st.units[h.start-1].norm
				return h.start > g.gstart && h.start-g.gstart <= 4 && (prev == "," || prev == ":" || prev == "=" || n == "," || n == "in" || n == ":" || n == "=")
			}) &&
			(best == k || g.bstart < st.matches[best].bstart) { // of a list of grades, the first written
			best = j
		}
	}
	return best
}

// gradeOnlyBracket reports whether the bracket opening at unit open holds a grade and
// nothing more ("(grade 1)", "(grade 3 or 4)"), not a breakdown ("(grade 1 in 12, …)").
func gradeOnlyBracket(us []unit, open int) bool {
	c := closingBracket(us, open)
	if c < 0 || c-open > 6 {
		return false
	}
	for _, u := range us[open+1 : c] {
		if u.norm == "in" || u.norm == "," || u.norm == ";" || u.norm == "=" || u.norm == ":" || u.norm == "%" {
			return false
		}
	}
	return true
}

// cellAfter reports whether the units [from, to) of a row of a table hold a column bar:
// a count in a later cell than a label "Patients with ICANS, n (%) | 13 (11) |" counts the
// label's event, as a subgroup's words in a sentence would not; so does a cell of a row
// that lost its bars ("Patients with CRS 80 (95.2)", cellRow).
func cellAfter(st *sentenceState, from, to int) bool {
	if !st.tableShape().barred {
		return cellRow(st.units)
	}
	return slices.ContainsFunc(st.units[from:to], func(u unit) bool { return u.norm == "|" })
}

// numberJoiners join the number after them to the one before: a fraction or a power of ten.
var numberJoiners = map[string]bool{"/": true, "×": true, "^": true}

// tableRuns and tableRunLen: how many runs of how many numbers make a sentence table rows.
const (
	tableRuns   = 2
	tableRunLen = 3
)

// dropInnerBreakdowns handles a bracket right after an outcome that breaks it down into
// kinds of the same value before its total ("severe infections (bacteremia in 3,
// aspergillosis in 1) in four"): the kinds are parts of it (bound, so nothing counts
// them) and the counts inside the bracket are dropped, so the total binds to the outcome.
// With no count after the bracket there is no total: each kind keeps its count.
func (b *incidenceBinder) dropInnerBreakdowns(st *sentenceState, hits []incidenceHit, bound []bool) []incidenceHit {
	for k := range st.matches {
		t := st.matches[k]
		if t.uend >= len(st.units) || st.units[t.uend].norm != "(" {
			continue
		}
		if !isOutcome(t.Facet) {
			continue
		}
		c := closingBracket(st.units, t.uend)
		if c < 0 {
			continue
		}
		var inner []int
		same := true
		for j := range st.matches {
			m := st.matches[j]
			if j == k || m.ustart <= t.uend || m.uend > c || abbreviationOf(st, m, t) {
				continue
			}
			if isOutcome(m.Facet) {
				inner = append(inner, j)
				same = same && m.Facet == t.Facet && m.Value == t.Value
			}
		}
		if len(inner) == 0 || !same {
			continue
		}
		if !slices.ContainsFunc(hits, func(h incidenceHit) bool { return h.start > c }) {
			continue // no total after it: "serious infections (sinusitis, n = 4; pneumonia, n = 2)" counts each kind
		}
		for _, j := range inner {
			bound[j] = true
		}
		hits = slices.DeleteFunc(hits, func(h incidenceHit) bool { return h.start > t.uend && h.end <= c+1 })
	}
	return hits
}

// abbreviationOf reports whether tag m is t's abbreviation that opens the bracket after t:
// "cytokine release syndrome (CRS; 64%)" names no kind of it.
func abbreviationOf(st *sentenceState, m, t match) bool {
	if m.ustart != t.uend+1 || m.Facet != t.Facet || m.uend >= len(st.units) {
		return false
	}
	switch st.units[m.uend].norm {
	case ";", ",", ")":
	default:
		return false
	}
	for _, u := range st.units[m.ustart:m.uend] {
		if strings.ToUpper(u.cased) != u.cased {
			return false
		}
	}
	return true
}

// otherItem reports whether the adverse event tag m is another item of a list than the tag
// t before it, though of the same value, a value that lumps kinds ("no wound infection or
// bloodstream infection": two events): only words and list separators between, one
// separator at least (not "neurotoxicity (ICANS)", one event named twice), and other words.
// (Two names of CRS or ICANS are one event: "no neurotoxicity or ICANS".)
func otherItem(st *sentenceState, t, m match) bool {
	if m.Facet != adverseEventFacet || m.ustart < t.uend || strings.EqualFold(m.Text, t.Text) {
		return false
	}
	sep := false
	for _, u := range st.units[t.uend:m.ustart] {
		switch {
		case listSeparators[u.norm] || u.norm == "nor":
			sep = true
		case !u.word || isNumeral(u.norm):
			return false
		}
	}
	return sep
}

// keep records an incidence that still needs the document's population (a group's count
// never does).
func (b *incidenceBinder) keep(in *Incidence, r *IncidenceRule) {
	if r.Group {
		return // a group's count: the population is not its whole
	}
	if r.All && in.Of == nil { // (all of the sentence's opening whole got both their count and whole)
		b.allOfThem = append(b.allOfThem, in)
	} else if in.Of == nil {
		b.needsPopulation = append(b.needsPopulation, in)
	}
}

// finish gives counts without a denominator the document's population, and checks them.
func (b *incidenceBinder) finish() {
	if len(b.c.incidence) == 0 {
		return
	}
	// "1 patient (<1%)": a bound is no share; the count stays.
	for _, st := range b.rn.states {
		for k := range st.matches {
			in := st.matches[k].Incidence
			if in == nil || in.Percent == nil || in.Source != IncidenceStated || !boundedShare(b.doc.Text, max(0, in.Start-boundLookback), in.Start, in.End, *in.Percent) {
				continue
			}
			in.Percent = nil
			if in.N == nil {
				st.matches[k].Incidence = nil // "in less than 5%": no count is left
			}
		}
	}
	// "when at most 1 of 6 had a DLT", "at least 3 of the 8 patients": a count written as a
	// bound (a rule's threshold) says how many could be, not how many were; no count.
	for _, st := range b.rn.states {
		for k := range st.matches {
			if in := st.matches[k].Incidence; in != nil && in.N != nil && in.Source == IncidenceStated && boundedCount(b.doc.Text, in.Start) {
				st.matches[k].Incidence = nil
			}
		}
	}
	// (Population rules say when a document's population is no denominator: a randomised
	// trial's arms have their own, rules/incidence.yaml.)
	if len(b.needsPopulation)+len(b.allOfThem) > 0 {
		pops := b.populations
		if !b.rn.lean {
			pops = b.c.populations(b.rn)
		}
		if n, sent, ok := majority(pops); ok {
			for _, in := range b.needsPopulation {
				if !fitsWhole(in, n) {
					continue // "3 patients (60%)" of a subgroup: the population is not its whole
				}
				of, idx := n, sent
				in.Of, in.Source, in.PopulationSentence = &of, IncidenceInferred, &idx
			}
			var none []*Incidence
			for _, in := range b.allOfThem {
				all, of, idx := n-b.allBut[in], n, sent
				if all < 0 {
					none = append(none, in) // "all but 30" of 20: no count of this population
					continue
				}
				in.N, in.Of, in.Source, in.PopulationSentence = &all, &of, IncidenceInferred, &idx
			}
			b.allOfThem = none
		}
	}
	// "In all patients" with no population known says no number: no incidence.
	if len(b.allOfThem) > 0 {
		for _, st := range b.rn.states {
			for k := range st.matches {
				if slices.Contains(b.allOfThem, st.matches[k].Incidence) {
					st.matches[k].Incidence = nil
				}
			}
		}
	}
	// "(0%)": a share of none is a count of none.
	for _, st := range b.rn.states {
		for k := range st.matches {
			if in := st.matches[k].Incidence; in != nil && in.N == nil && in.Percent != nil && *in.Percent == 0 {
				zero := 0
				in.N = &zero
			}
		}
	}
	checkIncidence(b.rn)
}

// hasOutcome reports whether a sentence has an affirmed or negated outcome tag.
func hasOutcome(ms []match) bool {
	for _, m := range ms {
		if isOutcome(m.Facet) && (m.Status == Affirmed || m.Status == Negated) {
			return true
		}
	}
	return false
}

// subjectModifiers are the words that open what a subject count's noun is followed by
// before its verb: "one adult in the weekly group", "two patients on the higher dose".
// A participle that names the arm by what its patients were given ("3 of the 40 women
// receiving the implant developed …", participleArm) opens such words too, and one that a
// dose or a dose level follows ("treated at 0.72 mg/kg", "given 10 mg", participleDose)
// places them in a group all the same (participles, terms.go).
var subjectModifiers = map[string]bool{"in": true, "on": true, "from": true, "at": true, "with": true}

// JustCountedWhole is the Whole of a count of the patients just counted ("none of them")
// after a whole that opens the sentence and a count of part of it ("Of the 40 adults, 25
// had a fever and none of them …"): its denominator is that count, not the whole.
const JustCountedWhole = "whole.just_counted"

// ParallelSubjectWhole is the Whole of a subject count of a clause after "and" or a comma
// (with no noun of patients, or the same one) whose clause before opens with a subject count
// out of a whole ("Six of these eleven had neutropenia, and three had thrombocytopenia":
// three of the eleven).
const ParallelSubjectWhole = "whole.parallel_subject"

// parallelWhole returns the whole of the subject count that opens the clauses before
// hits[hi], when hits[hi] is the subject of a clause after "and" or a comma (a rule that
// binds after it) with no noun of patients or the same one ("and three had", "and three
// patients had", not "and 4 adults had" after children, which may be another group), the
// clauses between open with such subjects too ("…, 2 had grade 2 CRS, and 1 had grade 3
// CRS"), and that count, out of a whole, is the subject of its own verb at the start of the
// sentence or after a comma, with no semicolon between; or nil.
func parallelWhole(st *sentenceState, hits []incidenceHit, hi int) *int {
	// the noun of patients a count names, "" for none ("and three had")
	noun := func(h incidenceHit) string {
		for u := h.start; u < h.end; u++ {
			if st.hasClassAt(u, CountNounClass) {
				return st.units[u].norm
			}
		}
		return ""
	}
	bare := func(h incidenceHit) bool {
		return h.rule.BindsAfter && h.of == nil && (st.units[h.start].norm == "and" || st.units[h.start].norm == ",")
	}
	h := hits[hi]
	if hi == 0 || !bare(h) {
		return nil
	}
	j := hi - 1
	for j > 0 && bare(hits[j]) {
		j--
	}
	p := hits[j]
	if p.of == nil || p.n == nil || p.rule.Unit == UnitEvents || semicolonBetween(st.units, p.end, h.start) ||
		p.start > 0 && st.units[p.start-1].norm != "," {
		return nil
	}
	if n := noun(h); n != "" && n != noun(p) {
		return nil // "…, and 4 adults had ICANS" after "six of 11 children": another group
	}
	if !p.rule.subjectVerbs.verbAfter(st.units, p.end) && subjectVerbOver(st, p) <= p.end {
		return nil
	}
	return p.of
}

// dropCaptionSizes drops the counts in brackets of a table's caption, a sentence that opens
// with the table's label ("Table 2. CRS and ICANS (N = 60)", "Table 3 Adverse events (15
// patients)"): the bracket gives the table's whole, no count of the outcome before it.
func dropCaptionSizes(st *sentenceState, hits []incidenceHit) []incidenceHit {
	us := st.units
	if len(hits) == 0 || len(us) < 3 || us[0].norm != "table" || !isNumeral(us[1].norm) && strings.Trim(us[1].norm, "ivx") != "" {
		return hits
	}
	return slices.DeleteFunc(hits, func(h incidenceHit) bool {
		for u := h.start - 1; u >= 0; u-- {
			switch us[u].norm {
			case ")":
				return false
			case "(":
				return true
			}
		}
		return false
	})
}

// dropUngapped drops the hits of gapped rules (IncidenceRule.Gapped) that no count of
// patients before them took a verb for: the nearest hit before them that is not gapped
// itself (the items of "8 received X, 5 Y and 2 Z" go back to the 8) must count patients
// (not events, not a zero) and be the subject of its verb, with no semicolon between.
func dropUngapped(st *sentenceState, hits []incidenceHit) []incidenceHit {
	if !slices.ContainsFunc(hits, func(h incidenceHit) bool { return h.rule.Gapped }) {
		return hits
	}
	out := hits[:0:0]
	for hi, h := range hits {
		if !h.rule.Gapped {
			out = append(out, h)
			continue
		}
		j := hi - 1
		for j >= 0 && hits[j].rule.Gapped {
			j--
		}
		if j < 0 {
			continue
		}
		p := hits[j]
		if p.rule.Unit == UnitEvents || p.n == nil || *p.n == 0 || semicolonBetween(st.units, p.end, h.start) {
			continue
		}
		if p.rule.BindsAfter || p.rule.subjectVerbs.verbAfter(st.units, p.end) || subjectVerbOver(st, p) > p.end {
			out = append(out, h)
		}
	}
	return out
}

// partChained reports whether hits[hi] is the bare subject of a clause after "and" or a
// comma (no noun of patients) that goes on from a count of part of the patients just
// counted, with no semicolon between: "14 of 70 children, of whom 11 required intensive
// care and 9 needed vasopressors" — the 9 are of the 14 too, so the document's population
// is no whole of theirs.
func partChained(st *sentenceState, hits []incidenceHit, hi int) bool {
	h := hits[hi]
	if hi == 0 || !h.rule.BindsAfter || h.of != nil || st.units[h.start].norm != "and" && st.units[h.start].norm != "," {
		return false
	}
	for u := h.start; u < h.end; u++ {
		if st.hasClassAt(u, CountNounClass) {
			return false
		}
	}
	p := hits[hi-1]
	return (p.rule.Part || p.rule.Group) && !semicolonBetween(st.units, p.end, h.start)
}

// justCounted returns the count of patients that hits[hi] counts a part of ("12 patients
// had CRS, 4 of whom …", "35 had a fever and none of them …"): the nearest count
// of patients before it in the sentence, or nil when it is no such part or none stands
// before it.
func justCounted(st *sentenceState, hits []incidenceHit, hi int) *int {
	h := hits[hi]
	if h.end < 2 || st.units[h.end-2].norm != "of" {
		return nil
	}
	if n := st.units[h.end-1].norm; n != "whom" && n != "them" && n != "these" {
		return nil
	}
	for j := hi - 1; j >= 0; j-- {
		if hits[j].rule.Unit == UnitEvents {
			continue
		}
		return hits[j].n
	}
	return nil
}

// relativeAfterObject reports whether count h is the object of "in" or "to" and a relative
// clause on its patients follows it ("… occurred in 3 (5%) who had received steroids",
// "given to 12 who had grade 2 CRS"): the count is no subject, so its patients' clause
// names no outcome it counts.
func relativeAfterObject(st *sentenceState, h incidenceHit) bool {
	us := st.units
	if us[h.start].norm == "in" && us[h.end-1].norm == "who" {
		return true // "in 3 who" read whole (incidence.in_bare)
	}
	if h.start == 0 || h.end >= len(us) || us[h.end].norm != "who" {
		return false
	}
	p := us[h.start-1].norm
	return p == "in" || p == "to"
}

// mainVerbPastRelative reports whether a relative clause right after count h ("5 (12%) who
// had grade 2 CRS received tocilizumab") is followed by the count's own verb: the clause
// names which patients, the verb past it what they are counted for.
func mainVerbPastRelative(st *sentenceState, h incidenceHit) bool {
	return h.end < len(st.units) && st.units[h.end].norm == "who" && subjectVerbOver(st, h) > h.end
}

// relativeVerbEnd returns the unit after the verb of the relative clause that opens at
// unit who ("who"): its own verb, with its auxiliary ("who had received", "who were
// treated"), is none of the subject count's before it.
func relativeVerbEnd(st *sentenceState, r *IncidenceRule, who int) int {
	us := st.units
	if who+3 < len(us) && relativeAuxiliaries[us[who+1].norm] && us[who+2].word && !isNumeral(us[who+2].norm) &&
		(strings.HasSuffix(us[who+2].norm, "ed") || r.subjectVerbs.matchesAfter(us, who+2)) {
		return who + 3
	}
	return min(who+2, len(us))
}

// relativeAuxiliaries are the auxiliaries of a relative clause's verb after a subject
// count ("who had received", "who were treated").
var relativeAuxiliaries = map[string]bool{"had": true, "has": true, "have": true, "were": true, "was": true, "are": true, "is": true}

// reachWords is how far unit to lies after unit from for a count's reach: a disease's name,
// however many units its words and hyphens take ("with anti-synthetase syndrome had grade 1
// CRS"), is one, and so is a grade ("experienced grade ≥3 neutropenia").
func reachWords(st *sentenceState, from, to int) int {
	n := to - from
	for _, m := range st.matches {
		if m.Facet == "disease" && m.ustart >= from && m.uend <= to && m.uend-m.ustart > 1 {
			n -= m.uend - m.ustart - 1
		}
	}
	for u := from; u < to; u++ {
		if g, ok := parseGrade(st.units, u); ok && g.end <= to && g.end-g.start > 1 {
			n -= g.end - g.start - 1
			u = g.end - 1
		}
	}
	return n
}

// subjectModifierWords is the most words such a modifier runs before the verb.
const subjectModifierWords = 8

// subjectVerbOver returns the unit of the verb of a subject count whose noun a modifier, an
// arm's participle or a relative clause follows ("One adult on the weekly schedule developed
// …", "2 of 3 patients at dose level 2 developed …", "3 of 40 women receiving the implant
// developed …", "3 of 40 patients who improved had …"), within
// subjectModifierWords and before any punctuation or other number (a group's label number
// aside), or -1.
func subjectVerbOver(st *sentenceState, h incidenceHit) int {
	if v := appositiveVerb(st, h.end, h.rule); v >= 0 {
		return v
	}
	if len(h.rule.SubjectVerbs) == 0 || h.end >= len(st.units) {
		return -1
	}
	from := h.end + 1
	switch {
	case subjectModifiers[st.units[h.end].norm], isParticiple(st.units[h.end].norm, participleArm):
	case isParticiple(st.units[h.end].norm, participleDose) && h.end+1 < len(st.units) && (st.units[h.end+1].norm == "at" || doseEnd(st.units, h.end+1) > h.end+1):
	case st.units[h.end].norm == "who" && h.end+2 < len(st.units):
		// "3 of the 40 patients who improved had grade 3 CRS"
		from = relativeVerbEnd(st, h.rule, h.end)
	default:
		return -1
	}
	words := 0
	for u := from; u < len(st.units) && words < subjectModifierWords; u++ {
		us := st.units[u]
		// a dose ("treated at 0.72 mg/kg", "given 10 mg") is part of the subject's words
		if e := doseEnd(st.units, u); e > u {
			u = e - 1
			words++
			continue
		}
		// a grade ("with grade ≥3 CRS", "with ≥ grade 3", "G≥3", "grade 3-4") is one word
		// of the subject's
		if g, ok := parseGrade(st.units, u); ok && g.end > u+1 {
			u = g.end - 1
			words++
			continue
		}
		// a group's label number ("at dose level 2", "in cohort 3", count.group) is part of
		// the subject's words, no count
		if !us.word || isNumeral(us.norm) && !st.hasClassEndingAt(u, CountGroupClass) && !gradeWords[st.units[u-1].norm] {
			return -1 // "2 patients in arm A (20%)": no subject of a verb over it
		}
		if (st.units[h.end].norm == "with" || isParticiple(st.units[h.end].norm, participleArm)) && (us.norm == "who" || us.norm == "whom" || us.norm == "which" || us.norm == "that") {
			return -1 // "31% of recipients with lymphoma who had received …", "6 of 20 receiving the higher dose who had CRS": a relative clause's verb
		}
		if (us.norm != "of" || st.units[u-1].norm == "because") && h.rule.subjectVerbs.verbAfter(st.units, u) {
			return u // "of" in a modifier ("at a median of 3 days") is no verb; a cause is ("… discontinued because of neutropenia")
		}
		words++
	}
	return -1
}

// doseUnits are the words of a unit of dose after its number.
var doseUnits = map[string]bool{"mg": true, "g": true, "μg": true, "µg": true, "ug": true, "mcg": true, "kg": true,
	"m2": true, "m²": true, "ml": true, "iu": true, "cells": true}

// doseEnd returns the end of a dose starting at unit u, a number and its unit ("0.72 mg/kg",
// "10 mg", "2 × 10^6 cells/kg" from its last number), or u when none starts there.
func doseEnd(us []unit, u int) int {
	if !isNumeral(us[u].norm) || u+1 >= len(us) || !doseUnits[us[u+1].norm] {
		return u
	}
	e := u + 2
	for e+1 < len(us) && us[e].norm == "/" && doseUnits[us[e+1].norm] {
		e += 2
	}
	return e
}

// appositiveUnits is the most units a phrase between commas runs between a subject count
// and its verb.
const appositiveUnits = 14

// appositiveVerb returns the unit of the verb of a subject count (a rule with subject verbs)
// that a phrase between commas follows ("Two patients, both treated at the higher dose,
// developed …"), or -1. The phrase holds no clause end, bracket, "and", outcome or verb of
// the rule's own ("Of 20 patients, 4 had CRS, …" is no phrase of the 20), unless it is a
// relative clause ("…, who had received four prior lines, …").
func appositiveVerb(st *sentenceState, end int, r *IncidenceRule) int {
	if len(r.SubjectVerbs) == 0 || end+1 >= len(st.units) || st.units[end].norm != "," {
		return -1
	}
	// "All 14 patients, who had received a median of four prior lines, developed CRS": a
	// relative clause between the commas has verbs of its own
	relative := st.units[end+1].norm == "who"
	for u := end + 1; u < len(st.units) && u <= end+appositiveUnits; u++ {
		switch n := st.units[u].norm; {
		case n == ",":
			if u == end+1 || !r.subjectVerbs.verbAfter(st.units, u+1) {
				return -1
			}
			for _, m := range st.matches {
				if isOutcome(m.Facet) && m.ustart > end && m.ustart < u {
					return -1
				}
			}
			return u + 1
		case clauseEnds[n] || n == "(" || n == "and" || !relative && r.subjectVerbs.verbAfter(st.units, u):
			return -1
		}
	}
	return -1
}

// gappedOutcome returns the outcome right after count hits[hi] when the count's verb is left
// out because the count before it, joined by "and" or a comma, took it: "9 (45%) received
// tocilizumab and 4 (20%) corticosteroids", or -1.
func gappedOutcome(st *sentenceState, hits []incidenceHit, hi int, ok func(int) bool) int {
	h := hits[hi]
	if hi == 0 || h.start == 0 || st.units[h.start-1].norm != "and" && st.units[h.start-1].norm != "," {
		return -1
	}
	// the count that took the verb, over the counts before this one that left it out too
	// ("27 (90%) had X, 15 (50%) Y and 20 (66.7%) Z")
	j := hi - 1
	for ; j >= 0 && !hits[j].rule.subjectVerbs.verbAfter(st.units, hits[j].end); j-- {
		if hits[j].start == 0 || st.units[hits[j].start-1].norm != "and" && st.units[hits[j].start-1].norm != "," {
			return -1
		}
	}
	if j < 0 || semicolonBetween(st.units, hits[j].end, h.start) {
		return -1
	}
	start := h.end
	if g, graded := st.gradeAt(h.end); graded {
		start = g.end // its grade may stand first: "and 15 (50%) grade ≥3 thrombocytopenia"
	}
	// an article opens the object the verb left out, a few words before its outcome:
	// "63 (6%) developed acute kidney injury and 38 (3.6%) a deep sternal wound infection"
	article := -1
	if h.end < len(st.units) && (st.units[h.end].norm == "a" || st.units[h.end].norm == "an") {
		article = h.end + 1
	}
	for k, m := range st.matches {
		if (m.bstart == h.end || m.bstart == start || article >= 0 && m.bstart >= article && m.bstart <= article+2 && allWords(st.units[article:m.bstart])) && ok(k) {
			return k
		}
	}
	return -1
}

// outcomeCountedBefore reports whether an outcome tag of the sentence holds a count that
// ends before count h (of tag t) starts: the patients "10 of these" are part of. A count of
// the same form is a parallel one of the same whole ("CRS was observed in 30 of them and ICANS
// (occurred) in 10 of them"), unless it counts t's own event or a pronoun takes it up ("ICANS
// arose in 9 of them, and it reached grade 3 in 2 of them": a part of the 9).
func outcomeCountedBefore(st *sentenceState, h incidenceHit, t match) bool {
	at := st.units[h.start].start
	return slices.ContainsFunc(st.matches, func(m match) bool {
		if !isOutcome(m.Facet) || m.Incidence == nil || m.Incidence.End > at {
			return false
		}
		if m.Incidence.Rule != h.rule.ID || sameEvent(m, t) {
			return true
		}
		from := slices.IndexFunc(st.units, func(u unit) bool { return u.start >= m.Incidence.End })
		return from < 0 || from > h.start || st.wordIn(from, h.start, partPronouns)
	})
}

// sameEvent reports whether tag b is a part of the event tag a names (eventKey): a grade of
// a's ungraded event (crs, then crs_grade), or one adverse event's value again. Two grades are
// two parallel counts ("grade 1 CRS in 20 of them and grade 2 in 10 of them").
func sameEvent(a, b match) bool {
	return eventKey(a) == eventKey(b) && !strings.HasSuffix(a.Facet, "_grade") && (a.Facet == adverseEventFacet || b.Facet != a.Facet)
}

// partPronouns take up the patients or event just counted as the subject of what follows.
var partPronouns = map[string]bool{"it": true, "they": true, "these": true, "those": true, "this": true}

// opensCountedClause reports whether outcome m, after the ", and" at unit cut, opens a
// clause that count next closes rather than ending the list of what the count before it
// had: the words that count's verb takes (from reachFrom to the cut) are no list (no comma:
// "12 patients needed a dose delay, and febrile neutropenia occurred in 3", "…, and CRS,
// ICANS, and infections occurred in 5, 3 and 2"), where an Oxford comma's list goes on to m
// ("10 patients developed fever, hypotension, and CRS, and tocilizumab was required in 4"),
// and words stand between m and next.
func opensCountedClause(st *sentenceState, m match, next incidenceHit, reachFrom, cut int) bool {
	if next.start <= m.uend {
		return false
	}
	return !slices.ContainsFunc(st.units[reachFrom:cut], func(u unit) bool { return u.norm == "," })
}

// causeUntagged reports whether count h is a bare number or "died" right before the word
// that opens a cause ("of", "from", "to"), a cause of deaths as a breakdown names it ("…,
// one of grade 5 CRS and one of multiorgan failure"), and a word follows that no outcome
// tag starts at (after() found none): the count is of that cause, no outcome before it.
// "Two patients from the first cohort" names its patients' group, not a cause.
func causeUntagged(st *sentenceState, h incidenceHit) bool {
	if h.end >= len(st.units) || h.end < 2 || !st.units[h.end].word {
		return false
	}
	switch st.units[h.end-1].norm {
	case "of", "from", "to":
	default:
		return false
	}
	return st.units[h.end-2].norm == "died" || st.numberAt(h.end-2)
}

// bindTargets picks the tags the hit hits[hi] counts: the nearest outcome tag before it
// (within incidenceBefore units, with no other count in between); when a subject verb
// follows the count ("seven patients had …") the nearest after it, or none (the clause is
// its own: "1 patient was lost to follow-up"); a grade before its event, and every tag of
// one span (a grade range gives two; in a list of grades each grade's span is its own item,
// "grade 1, n = 12; grade 2, n = 5"). A count before it binds to affirmed tags, after it
// also to negated ones ("two patients showed no CRS"); a "none of the patients" rule binds
// to negated ones only.
func bindTargets(st *sentenceState, hits []incidenceHit, hi int, bound []bool) []int {
	h := hits[hi]
	if countsOther(st, h.end) {
		return nil // "… and 12 patients (60%) achieved complete remission"
	}
	if inGradeBracket(st, h) {
		return nil // "31 infections (grade ≥3 in 9) occurred in 22 patients": the grade's count, read with the event's bracket
	}
	zero := isZeroHit(h)
	ok := func(k int) bool {
		m := st.matches[k]
		// "CRS or ICANS in 5 patients" says not which; "no CRS or ICANS" denies both
		if eitherOr(st, m) && !(zero && m.Status == Negated) {
			return false
		}
		// "No patient required vasopressors for CRS": a zero denies the treatment, not
		// what it would have been given for
		if zero && givenFor(st, m) {
			return false
		}
		status := m.Status == Affirmed || m.Status == Negated // "two patients showed no CRS"
		// A zero is for a negated event, unless its negation is no_count ("no other DLTs",
		// "none of these were put down to CRS").
		if h.rule.Negated {
			status = m.Status == Negated && !m.noCount
		} else if h.n != nil && *h.n == 0 && m.noCount {
			status = false
		}
		// A count of patients and a count of their episodes are two incidences of one tag,
		// whichever comes first ("6 adults had 9 episodes of pneumonia").
		other := m.Incidence != nil && (m.Incidence.Unit == UnitEvents) != (h.rule.Unit == UnitEvents)
		free := m.Incidence == nil || other
		// "baseline neutropenia (14.2% versus 5.1%)": a state at entry, no incidence.
		return isOutcome(m.Facet) && status && (!bound[k] || other && h.rule.Unit == UnitEvents) && free && !partOf(st, m) &&
			!st.hasClassEndingAt(m.ustart, TableBaselineClass) && !takesNoCount(st, m) && !namesArm(st, m, h, withWords)
	}
	before := func(affirmedOnly bool) int {
		prevEnd, best, skipped := 0, -1, 0
		if hi > 0 {
			prevEnd = hits[hi-1].end
			// "infections (n = 45 events) occurred in 25 patients": a count of events
			// between counts the same event; the patients count it too (as the count of a
			// grade in the event's bracket does: "infections (grade ≥3 in 9) in 22 patients").
			// "infections occurred in 9 of 16 patients (56%), with 14 episodes": a count of
			// events right after the count of the patients counts their event too.
			eventsAfterPatients := h.rule.Unit == UnitEvents && hits[hi-1].rule.Unit != UnitEvents && h.start-hits[hi-1].end <= 1
			if hits[hi-1].rule.Unit == UnitEvents && h.rule.Unit != UnitEvents || eventsAfterPatients || inGradeBracket(st, hits[hi-1]) {
				prevEnd = 0
				if hi > 1 {
					prevEnd = hits[hi-2].end
				}
			}
			// "CRS (grade 1, n = 18; grade 2, n = 6) occurred in 24 patients": the grades'
			// counts in the event's bracket leave the event to the count after it, the
			// bracket no distance
			if open := gradeBracketOpen(st, hits[hi-1]); open >= 0 {
				if c := closingBracket(st.units, open); c > open && c < h.start {
					prevEnd, skipped = min(prevEnd, open), c+1-open
				}
			}
		}
		for k := range st.matches {
			m := st.matches[k]
			dist := h.start - m.bend
			if m.bend <= prevEnd {
				dist -= skipped
			}
			if !ok(k) || m.bend > h.start || m.bend < prevEnd || dist > incidenceBefore && !comparedAcross(st, m, h) || affirmedOnly && m.Status != Affirmed {
				continue
			}
			if st.hasClassIn(m.bend, h.start, CountOtherClass) || st.hasClassIn(m.bend, h.start, CountResolutionClass) {
				continue // "no ICANS, and complete responses in 85%"
			}
			if eventShare(st, m, h) {
				continue // "most CRS events (91%) occurred within 3 days"
			}
			if st.hasClassEndingAt(m.ustart, SubgroupClass) && !cellAfter(st, m.bend, h.start) && !gradeBeyondGroup(st, m) || st.hasClassEndingAt(m.ustart, ConsequenceClass) {
				continue // "among the adults who had ICANS, four of 9 … needed the ICU"; "discontinuation due to ICANS | 2 (2) |"
			}
			if semicolonBetween(st.units, m.bend, h.start) {
				continue // "(pneumonia, P = 0.7); fever arose in 5 adults"
			}
			if best < 0 || m.bend > st.matches[best].bend || m.bend == st.matches[best].bend && isGrade(m.Facet) && !isGrade(st.matches[best].Facet) {
				best = k
			}
		}
		return best
	}
	reach := incidenceAfter
	if h.rule.Reach > 0 {
		reach = h.rule.Reach
	}
	reachFrom := h.end // where the reach of a count after it starts: its verb, for a subject
	// subject: the count binds what follows it (a verb's subject), so an outcome after
	// ", and" that opens a clause with a count of its own is not its object ("12 patients
	// (25%) needed a dose delay, and FN occurred in 3": the delay, untagged, is what the 12
	// had; but "9 patients had fever, chills, and CRS, and 4 of the 9 …" lists what they
	// had; opensCountedClause)
	subject := false
	after := func() int {
		nextStart, best, cut := len(st.units), -1, -1
		if hi+1 < len(hits) {
			nextStart = hits[hi+1].start
			// "9 and 4 cases of pneumonia in the two arms": the second arm's count between
			// a count and its outcome counts the same outcome.
			if pairedBefore(st, h, hits[hi+1]) {
				nextStart = len(st.units)
				if hi+2 < len(hits) {
					nextStart = hits[hi+2].start
				}
			}
			// "12 adults had 19 episodes of infection": a count of episodes between
			// counts the same event; the patients count it too.
			if h.rule.Unit != UnitEvents && hits[hi+1].rule.Unit == UnitEvents {
				nextStart = len(st.units)
				if hi+2 < len(hits) {
					nextStart = hits[hi+2].start
				}
			}
		}
		start := func(m match) int { // "CRS occurred, and 10 patients had grade 1": the grade
			if m.bstart < h.end && m.gstart >= h.end {
				return m.gstart
			}
			// "Ten patients had CRS, with grade 3 in 2 (5%)": a grade after its event with a
			// count of its own stands where the grade does.
			if m.gstart > m.bstart && hi+1 < len(hits) && hits[hi+1].start >= m.gstart && hits[hi+1].start-m.uend <= 2 {
				return m.gstart
			}
			// "60% had CRS of any grade (10% grade 3-4)": a count between the event and
			// its grade is the grade's; the grade stands where it is written.
			if m.gstart > m.bstart && hi+1 < len(hits) && hits[hi+1].start > m.bstart && hits[hi+1].end <= m.gstart {
				return m.gstart
			}
			return m.bstart
		}
		for u := h.end; u < nextStart && u < len(st.units); u++ {
			if clauseEnds[st.units[u].norm] { // "17 patients were evaluable; CRS occurred in 16"
				nextStart = u
				break
			}
			if subject && cut < 0 && u > reachFrom && st.units[u].norm == "," && u+1 < len(st.units) && st.units[u+1].norm == "and" && hi+1 < len(hits) && hits[hi+1].start > u {
				cut = u
			}
			if st.hasClassAt(u, ReachEndClass) { // "… and were associated with CRS"
				nextStart = u
				break
			}
			// "infections in 32% (5% grade ≥3) and neutropenia in 40%": a count inside a
			// bracket counts what the bracket holds, not what follows its close
			if st.units[u].norm == ")" {
				if o := openingBracket(st.units, u); o >= 0 && o <= h.start {
					nextStart = u
					break
				}
			}
			// "three were serious (pneumonia, a fall and a stroke)": the count
			// is of the whole list in the bracket, not of its first item.
			if st.units[u].norm == "(" {
				if c := closingBracket(st.units, u); c > u && listInside(st.units, u, c) {
					nextStart = u
					break
				}
			}
		}
		for k := range st.matches {
			m := st.matches[k]
			ms := start(m)
			if ms < reachFrom && m.ustart > h.start && m.ustart < h.end && m.uend > h.end {
				ms = reachFrom // "Four patients died from toxicities …": the count's verb opens its outcome's words
			}
			if !ok(k) || ms < reachFrom || ms > nextStart || ms-reachFrom > reach && reachWords(st, reachFrom, ms) > reach || gradeCountedApart(st, m, h) {
				continue
			}
			if cut >= 0 && ms > cut && opensCountedClause(st, m, hits[hi+1], reachFrom, cut) {
				continue
			}
			if best < 0 || ms < start(st.matches[best]) || ms == start(st.matches[best]) && isGrade(m.Facet) && !isGrade(st.matches[best].Facet) && !partialGrade(st, m) {
				best = k
			}
		}
		return best
	}
	// A count before which a negated outcome stands never counts it: "no infection in the
	// group of 12 patients", "no grade 4 CRS occurred, and 10 patients had grade 1" (only a
	// count followed by its verb counts patients without it: "two patients showed no CRS").
	// a zero binds the negated tag before it as a "none" rule does: "Grade ≥3 … 0 (0)"
	affirmedOnly := !h.rule.Negated && !(h.n != nil && *h.n == 0)
	var best int
	if k := gradeRightAfter(st, h, ok); k >= 0 {
		// "CRS in 80% (n = 40) at grades 1-2 and 10% (n = 5) at grade 3": a count the
		// grade follows at once is that grade's
		best = k
	} else if k := bracketedAfter(st, h, ok); k >= 0 {
		// "grade 1 (45% of patients), with grade 2 in 20%": a count in a bracket right
		// after a tag counts that tag, whatever follows the count in the bracket
		best = k
	} else if h.rule.BindsBefore {
		best = -1
		if !measureSubject(st, h.start) {
			best = before(affirmedOnly)
		}
	} else if h.rule.BindsAfter {
		subject = true // ", twelve patients needed a dose delay, and CRS … occurred in 3"
		if v := appositiveVerb(st, h.end, h.rule); v > h.end {
			reachFrom = v // "Patient 3, treated at the higher dose, developed …"
		}
		if k, named := pronounTreatment(st, reachFrom, h, ok); named {
			best = k // "; 9 adults received it for CRS"
		} else if best = after(); best < 0 && h.rule.Reach > 0 && !causeUntagged(st, h) {
			best = before(affirmedOnly)
		} else if best >= 0 && !isGrade(st.matches[best].Facet) {
			// "91% had CRS of grade 1 or 2": the grade written after the event counts
			best = gradeOfEvent(st, hits, best, ok)
		}
	} else if relativeAfterObject(st, h) {
		// "pneumonia in 1 (1.4%) who had stopped prophylaxis", "ICANS in 5 who had severe
		// CRS": the count is the outcome's before it; the clause only says which patients,
		// unless the outcome before it is denied ("ICANS was not seen in 3 who had grade 3
		// CRS": the clause's is what the count counts)
		if best = before(affirmedOnly); best < 0 {
			if k := before(false); k >= 0 && st.matches[k].Status == Negated {
				subject = true
				best = after()
			}
		}
	} else if h.rule.subjectVerbs.verbAfter(st.units, h.end) && !listTail(st, hits, hi) && !mainVerbPastRelative(st, h) {
		// "40 (35%) of the cohort": a whole after "of" names no verb's outcome; the count
		// is the outcome's before it when none follows
		// "…; 9 patients (30%) received it (for CRS)": the pronoun is the treatment before
		subject = true
		if k, named := pronounTreatment(st, h.end, h, ok); named {
			best = k
		} else if best = after(); best < 0 && h.end < len(st.units) && st.units[h.end].norm == "of" {
			best = before(affirmedOnly)
		}
	} else if v := subjectVerbOver(st, h); v > h.end && !listTail(st, hits, hi) {
		// "One adult on the weekly schedule developed ICANS": the subject runs on to its verb
		reachFrom, subject = v, true
		if k, named := pronounTreatment(st, v, h, ok); named {
			best = k
		} else if best = after(); best < 0 && st.units[h.end].norm == "who" {
			// "all 15 patients who developed VAP had tracheal colonisation": with no
			// outcome after its verb, the count is the relative clause's
			reachFrom = h.end
			best = after()
		}
	} else if k := gappedOutcome(st, hits, hi, ok); k >= 0 {
		best = k // "9 (45%) received tocilizumab and 4 (20%) corticosteroids"
	} else {
		best = before(affirmedOnly)
	}
	if k := treatmentBeforeUse(st, h); k >= 0 {
		best = k // "steroids were used in 25% of patients for CRS and in 15% for ICANS"
	}
	if best < 0 {
		// "the commonest infections were sinusitis (n = 4) and otitis (n = 2)": the count
		// of an untagged kind of an outcome is that outcome's, once more
		if k := listHead(st, hits, hi); k >= 0 && !h.rule.BindsAfter && h.rule.Unit != UnitEvents && !zero && !h.rule.subjectVerbs.verbAfter(st.units, h.end) {
			return []int{k}
		}
		return nil
	}
	if m := st.matches[best]; m.bend <= h.start && m.Facet != toxicityTreatmentFacet {
		if k := treatedFor(st, m, ok); k >= 0 {
			best = k // "tocilizumab was given for CRS in 26 patients"
		} else if k := treatedForAgain(st, m); k >= 0 {
			best = k // "steroids were given for ICANS in 7 patients and for CRS in 4"
		}
	}
	// "ICANS developed in a single patient (grade 1)": a grade of the event right after the
	// count, in its bracket, is what the count counts.
	if m := st.matches[best]; !isGrade(m.Facet) && h.end < len(st.units) && st.units[h.end].norm == "(" && gradeOnlyBracket(st.units, h.end) {
		for k, g := range st.matches {
			if g.Facet == m.Facet+"_grade" && g.gstart == h.end+1 && ok(k) {
				best = k
				break
			}
		}
	}
	out := []int{best}
	b := st.matches[best]
	if k := namedAsKind(st, b, ok); k >= 0 && k != best {
		out = append(out, k) // "Grade 4 thrombocytopenia was the dose-limiting toxicity in 1 of 6"
	}
	// "Both tocilizumab and corticosteroids 35 (30%)": "both" makes the count each one's.
	if b.bend <= h.start && !isGrade(b.Facet) {
		for k, m := range st.matches {
			if k != best && ok(k) && m.Status == b.Status && !isGrade(m.Facet) && m.ustart > 0 && st.units[m.ustart-1].norm == "both" &&
				m.uend <= b.ustart && st.units[b.ustart-1].norm == "and" && joins(st.units, m.uend, b.ustart) {
				out = append(out, k)
			}
		}
	}
	// "Neutropenia and anaemia in 3 patients each", "no CRS or ICANS in any of the 8",
	// "none of the 4 developed CRS or ICANS": every outcome of the count's clause on the
	// side of the one it counts (a denial counts each outcome it denies).
	if h.rule.Each || zero && b.Status == Negated {
		from, to := 0, h.start // before the count
		if hi > 0 {
			from = hits[hi-1].end
		}
		if b.bstart >= h.end { // after it
			from, to = h.end, len(st.units)
			if hi+1 < len(hits) {
				to = hits[hi+1].start
			}
		}
		for k := range st.matches {
			m := st.matches[k]
			if k == best || !ok(k) || m.Status != b.Status || m.bstart < from || m.bend > to ||
				semicolonBetween(st.units, min(m.bend, h.end), max(m.bstart, h.start)) {
				continue
			}
			if h.rule.Each && (m.uend <= b.ustart && !coordinatedBefore(st, m, b) || (m.Facet == toxicityTreatmentFacet) != (b.Facet == toxicityTreatmentFacet)) {
				continue // "… two patients with grade 4 ICANS, and siltuximab and anakinra were each given to one": not of the list (nor is an event a treatment's fellow item)
			}
			graded := slices.ContainsFunc(st.matches, func(g match) bool { // its grade counts it
				return g.Facet == m.Facet+"_grade" && g.bstart <= m.bstart && g.bend >= m.bend
			})
			// "one each of sepsis and pneumonia", "sepsis and pneumonia in one adult each":
			// items of one list that "each" counts are two events of one value, each counted.
			sameValue := func(j int) bool { return st.matches[j].Facet == m.Facet && st.matches[j].Value == m.Value }
			if !graded && (h.rule.Each || !slices.ContainsFunc(out, sameValue)) {
				out = append(out, k)
			}
		}
	}
	// "One adult had a rash (mild) and a wound infection": a count
	// before its outcomes counts each of the list its verb takes.
	if b.bstart >= h.end && !h.rule.Each && !zero {
		out = append(out, coordinated(st, hits, hi, best, ok)...)
	}
	// "Three patients with grade 3 CRS needed vasopressors": patients counted by the
	// outcome after "with" are those a verb of receiving right after it gave a treatment.
	if k := treatmentOfWith(st, h, b, best, ok); k >= 0 {
		out = append(out, k)
	}
	for k := range st.matches {
		if k != best && ok(k) && st.matches[k].Facet == b.Facet && st.matches[k].bstart == b.bstart && st.matches[k].bend == b.bend {
			out = append(out, k)
		}
	}
	return out
}

// kindValues are the adverse-event values that name what another event was, not an event of
// their own kind: a dose-limiting toxicity, a treatment-related death.
var kindValues = map[string]bool{"dose-limiting toxicity": true, "treatment-related death": true}

// namedAsKind returns the outcome that tag b, a kind such as a dose-limiting toxicity, is said
// to be by a copula right before it ("Grade 4 thrombocytopenia beyond day 21 was the
// dose-limiting toxicity in 1 of 6 patients") or to have caused ("Febrile neutropenia caused
// one treatment-related death"): the subject of "was the" or "caused", an affirmed outcome
// in the same clause with no count of its own. It returns -1 when there is none.
func namedAsKind(st *sentenceState, b match, ok func(int) bool) int {
	if b.Facet != "adverse_event" || !kindValues[b.Value] {
		return -1
	}
	if k := deathCauseWithin(st, b, ok); k >= 0 {
		return k
	}
	if b.ustart < 3 {
		return -1
	}
	u := b.ustart - 1
	copula := -1
	if isNumber(st.units[u].norm) || len(st.numbersAt(u)) > 0 {
		// "Febrile neutropenia caused one treatment-related death": the cause is what the
		// counted deaths were
		if v := u - 1; st.units[v].norm == "caused" || st.units[v].norm == "to" && st.units[v-1].norm == "led" {
			copula = v
			if st.units[v].norm == "to" {
				copula = v - 1
			}
		}
	} else {
		if n := st.units[u].norm; n == "only" || n == "sole" || n == "first" {
			u--
		}
		if n := st.units[u].norm; n != "the" && n != "a" && n != "an" {
			return -1
		}
		if n := st.units[u-1].norm; n == "was" || n == "were" {
			copula = u - 1
		}
	}
	if copula < 0 {
		return -1
	}
	best := -1
	for k, m := range st.matches {
		if !isOutcome(m.Facet) || m.Status != Affirmed || m.uend > copula || copula-m.uend > subjectModifierWords || !ok(k) {
			continue
		}
		if m.Facet == b.Facet && m.Value == b.Value {
			continue
		}
		clause := true
		for w := m.uend; w < copula; w++ {
			clause = clause && !clauseEnds[st.units[w].norm] && st.units[w].norm != ","
		}
		if clause && (best < 0 || m.ustart < st.matches[best].ustart || isGrade(m.Facet)) {
			best = k
		}
	}
	return best
}

// deathCauseWords are the words after "death" that name its cause right after them.
var deathCauseWords = map[string]bool{"from": true, "of": true, "due": true, "caused": true}

// deathCauseWithin returns the cause that the words of a treatment-related death b open
// with ("one death from Pneumocystis pneumonia on day 143 was judged related to
// treatment"): an affirmed outcome a few words after "death from" (or "of", "due to",
// "caused by") inside b's words, which the counted deaths were. It returns -1 when there is none.
func deathCauseWithin(st *sentenceState, b match, ok func(int) bool) int {
	if b.Value != "treatment-related death" || b.ustart+2 >= b.uend || !deathWords[st.units[b.ustart].norm] || !deathCauseWords[st.units[b.ustart+1].norm] {
		return -1
	}
	from := b.ustart + 2
	if n := st.units[from].norm; n == "to" || n == "by" {
		from++ // "due to", "caused by"
	}
	for k, m := range st.matches {
		if isOutcome(m.Facet) && !isGrade(m.Facet) && m.Status == Affirmed && m.ustart >= from && m.ustart-from <= 2 && m.uend <= b.uend && !(m.Facet == b.Facet && m.Value == b.Value) && ok(k) {
			return k
		}
	}
	return -1
}

// treatmentOfWith returns the treatment a verb of receiving gives right after the outcome b
// that a count names with "with" ("Three patients with grade 3 CRS needed vasopressors"),
// or -1.
func treatmentOfWith(st *sentenceState, h incidenceHit, b match, best int, ok func(int) bool) int {
	if h.end == 0 || st.units[h.end-1].norm != "with" || b.bstart < h.end || b.Status != Affirmed {
		return -1
	}
	end := b.bend // the end of the outcome's words, a grade's event with it
	for _, m := range st.matches {
		if isOutcome(m.Facet) && m.ustart < end && m.uend > end {
			end = m.uend
		}
	}
	if end < len(st.units) && subjectAdverbs[st.units[end].norm] {
		end++ // "two patients with refractory CRS also received anakinra"
	}
	if end >= len(st.units) || !receivingVerbs[st.units[end].norm] {
		return -1
	}
	reach := end + 2
	for u := end + 1; u < len(st.units) && u <= end+5 && doseWords[st.units[u].norm]; u++ {
		reach = max(reach, u+1) // "received pulses of methylprednisolone", "received one more dose of"
	}
	for k, m := range st.matches {
		if k != best && m.Facet == toxicityTreatmentFacet && m.Status == Affirmed && m.ustart > end && m.ustart <= reach && ok(k) {
			return k
		}
	}
	return -1
}

// doseWords may stand between a verb of receiving and its treatment, how much of it was
// given ("received pulses of methylprednisolone", "received a further dose of tocilizumab").
var doseWords = map[string]bool{"a": true, "an": true, "one": true, "two": true, "three": true, "single": true, "further": true, "additional": true, "more": true,
	"dose": true, "doses": true, "pulse": true, "pulses": true, "course": true, "courses": true, "of": true, "high-dose": true, "intravenous": true, "iv": true, "oral": true}

// gradeHeader reports whether a line names a grade, as a header of grade columns does; a
// grade in brackets in the header's first cell, before its first gap of columns, qualifies
// what its rows are ("Toxicity (grade 3–4)   Capecitabine (n = 197)   5-FU (n = 195)") and
// names no column ("n (%) (grade 3 or 4)" after a gap still does).
func gradeHeader(us []unit) bool {
	depth, firstCell := 0, true
	for i, u := range us {
		if i > 0 && u.start-us[i-1].end >= corpus.ColumnGap {
			firstCell = false
		}
		switch {
		case u.norm == "(":
			depth++
		case u.norm == ")":
			depth = max(depth-1, 0)
		case (depth == 0 || !firstCell) && (gradeWords[u.norm] || u.norm == "severe"):
			return true
		}
	}
	return false
}

// listLead are the words that open a list of counts of one outcome's groups: "in 8 (2.6%),
// 5 (1.7%) and 2 (0.7%) patients", "affected 23, 27 and 15 patients".
var listLead = map[string]bool{"in": true, "affected": true, "affecting": true}

// likeCounts reports whether a list of three or more counts are each a count out of its own
// whole ("in 0/3, 1/3, 2/3 and 7/9 patients", "affected 1 of 3, 2 of 6 and 5 of 9 patients";
// two are arm.other_wholes's) or, after "in" or "affected", each a count and its share
// ("occurred in 8 (2.6%), 5 (1.7%) and 2 (0.7%) patients") or each a bare count ("affected
// 23, 27 and 15 patients"), the last closing with its count noun: of one outcome, they can
// only be its groups' counts.
func likeCounts(st *sentenceState, hs []incidenceHit) bool {
	if bareBracketList(st, hs) {
		return true
	}
	if len(hs) < 3 {
		return false
	}
	fractions, bare := true, true
	for _, h := range hs {
		fractions = fractions && h.n != nil && h.of != nil
		bare = bare && h.n != nil && h.of == nil && h.pct == nil
	}
	if !fractions && !listLead[st.units[hs[0].start].norm] && (hs[0].start == 0 || !listLead[st.units[hs[0].start-1].norm]) {
		return false
	}
	for _, h := range hs {
		if !fractions && !bare && (h.n == nil || h.pct == nil || h.of != nil) {
			return false
		}
	}
	last := hs[len(hs)-1]
	return st.hasClassAt(last.end-1, CountNounClass)
}

// bareBracketList reports whether a list of counts are bare counts in one bracket, the first
// opening it and the last closing with its count noun ("(0, 2 and 6 patients)"): of one
// outcome, they can only be its groups' counts.
func bareBracketList(st *sentenceState, hs []incidenceHit) bool {
	if len(hs) < 2 || st.units[hs[0].start].norm != "(" {
		return false
	}
	for _, h := range hs {
		if h.n == nil || h.of != nil || h.pct != nil {
			return false
		}
	}
	last := hs[len(hs)-1]
	return st.hasClassAt(last.end-1, CountNounClass) && inOneBracket(st, hs[0].start+1, last.end)
}

// pairedPatients reports whether a list is two bare counts after "in", joined by "and" alone,
// the second closing with its count noun ("wound infections arose in 9 and 4
// patients"): of one outcome, they can only be two groups' counts.
func pairedPatients(st *sentenceState, hs []incidenceHit) bool {
	if len(hs) != 2 {
		return false
	}
	for _, h := range hs {
		if h.n == nil || h.of != nil || h.pct != nil {
			return false
		}
	}
	// the words from the first count's start: "in", a number, "and", a number, the noun; the
	// product each group received may follow its number ("in 104 cilta-cel and 70 ide-cel
	// recipients")
	var words []string
	for u := hs[0].start; u < hs[1].end; u++ {
		if !st.hasClassAt(u, "product") {
			words = append(words, st.units[u].norm)
		}
	}
	if len(words) > 0 && words[0] == "in" {
		words = words[1:]
	} else if hs[0].start == 0 || st.units[hs[0].start-1].norm != "in" {
		return false
	}
	if len(words) < 3 || len(words) > 5 || words[1] != "and" {
		return false
	}
	return st.hasClassAt(hs[1].end-1, CountNounClass) || hs[1].end < len(st.units) && st.hasClassAt(hs[1].end, CountNounClass)
}

// pairedShares reports whether a list is two shares after "in", joined by "and" alone, the
// second closing with its count noun ("drug-induced liver injury was reported in 4.2% and
// 1.7% of participants"): of one outcome, they can only be two groups' shares.
func pairedShares(st *sentenceState, hs []incidenceHit) bool {
	return pairedShareForm(st, hs) && st.hasClassAt(hs[1].end-1, CountNounClass)
}

// sharesAfterSharePair reports whether the list of k counts at hits[hi] is two shares after
// "in", joined by "and" alone and ending their clause, in a verbless clause of its own
// outcome after a pair of shares of another ("fistula arose in 12.6% after splenectomy and
// 2.4% without it, and wound infection in 9.1% and 6.5%"): the same two groups' shares. No
// semicolon between.
func sharesAfterSharePair(st *sentenceState, hits []incidenceHit, hi, k int) bool {
	if k != 2 || hi < 2 || !pairedShareForm(st, hits[hi:hi+2]) {
		return false
	}
	share := func(h incidenceHit) bool { return h.pct != nil && h.n == nil && h.of == nil }
	if !share(hits[hi-2]) || !share(hits[hi-1]) || outcomesIn(st, hits[hi-2].end, hits[hi-1].start) > 0 {
		return false // (a pair of one outcome: not "CRS in 62% and ICANS in 30%")
	}
	end := hits[hi+1].end
	if end < len(st.units) && !clauseEnds[st.units[end].norm] && st.units[end].norm != "." {
		return false
	}
	prevEnd, next := hits[hi-1].end, hits[hi].start
	return !semicolonBetween(st.units, prevEnd, next) && outcomesIn(st, prevEnd, next) == 1
}

// pairedShareForm reports whether hs are two shares after "in" joined by "and" alone.
func pairedShareForm(st *sentenceState, hs []incidenceHit) bool {
	if len(hs) != 2 || hs[1].start != hs[0].end+1 || st.units[hs[0].end].norm != "and" {
		return false
	}
	if st.units[hs[0].start].norm != "in" && (hs[0].start == 0 || st.units[hs[0].start-1].norm != "in") {
		return false
	}
	for _, h := range hs {
		if h.pct == nil || h.n != nil || h.of != nil {
			return false
		}
	}
	return true
}

// pastShares reports whether a list is two or more shares right after "was" or "were",
// joined by commas, "and" or "versus" alone, the last ending its clause ("the proportion
// with grade ≥3 thrombocytopenia was 14.8% and 3.9%.", "CRS rates were 30%, 60% and
// 80%."): of one outcome, they can only be its groups' shares. Words after the last ("and
// 12% for grade 3 or higher") may say what the shares are of.
func pastShares(st *sentenceState, hs []incidenceHit) bool {
	us := st.units
	first := hs[0].start
	if us[first].norm != "was" && us[first].norm != "were" && (first == 0 || us[first-1].norm != "was" && us[first-1].norm != "were") {
		return false
	}
	for j, h := range hs {
		if h.pct == nil || h.n != nil || h.of != nil {
			return false
		}
		if j == 0 {
			continue
		}
		for u := hs[j-1].end; u < h.start; u++ {
			if n := us[u].norm; n != "," && n != "and" && !versusWords[n] {
				return false
			}
		}
	}
	end := hs[len(hs)-1].end
	return end >= len(us) || us[end].norm == "." || us[end].norm == ";"
}

// groupCounts reports whether a list of counts are each, in one form, a count of the
// patients of a group its name qualifies ("in 61 (38%) rituximab-treated patients and 44
// (28%) placebo-treated patients"): of one outcome, they are its groups' counts.
func groupCounts(hs []incidenceHit) bool {
	return len(hs) > 1 && !slices.ContainsFunc(hs, func(h incidenceHit) bool { return !h.rule.Group || h.rule != hs[0].rule })
}

// eachGroup returns how many groups the words after a count give it to each of ("one each
// in the two active arms", "one patient each in both groups", "in each of the three arms"),
// or 0 ("2 patients in both groups" may be the two groups' total). The groups are named by
// a noun of CountGroupClass.
func eachGroup(st *sentenceState, end int) int {
	us := st.units
	u := end
	if u < len(us) && us[u].norm == "each" {
		u++
	}
	if u+1 >= len(us) || us[u].norm != "in" {
		return 0
	}
	u++
	n := 0
	each := us[end-1].norm == "each" || us[end].norm == "each"
	switch w := us[u].norm; {
	case w == "both" && each:
		n, u = 2, u+1
	case w == "each" && u+3 < len(us) && us[u+1].norm == "of" && us[u+2].norm == "the" && groupNumbers[us[u+3].norm] > 0:
		n, u = groupNumbers[us[u+3].norm], u+4
	case w == "the" && u+1 < len(us) && groupNumbers[us[u+1].norm] > 1 && each:
		n, u = groupNumbers[us[u+1].norm], u+2
	default:
		return 0
	}
	for k := u; k < len(us) && k < u+5; k++ {
		if st.hasClassAt(k, CountGroupClass) {
			return n
		}
		switch us[k].norm {
		case ",", ";", ".", "and":
			return 0
		}
	}
	return 0
}

// eachUnnumbered reports whether "in each group" (or arm, cohort) follows a count at unit
// end, without saying how many groups there are.
func eachUnnumbered(st *sentenceState, end int) bool {
	us := st.units
	return end+2 < len(us) && us[end].norm == "in" && us[end+1].norm == "each" && st.hasClassAt(end+2, CountGroupClass)
}

// groupNumbers are the number words that say how many groups "each" spreads a count over.
var groupNumbers = map[string]int{"two": 2, "three": 3, "four": 4}

// coordinatedBefore reports whether the outcome m, before b, is an item of b's list: every
// gap between the outcome tags from m to b is a coordination (joins).
func coordinatedBefore(st *sentenceState, m, b match) bool {
	end := m.uend
	for {
		next := -1
		for k, o := range st.matches {
			if isOutcome(o.Facet) && o.ustart >= end && o.uend <= b.uend && (next < 0 || o.ustart < st.matches[next].ustart) {
				next = k
			}
		}
		if next < 0 {
			return false
		}
		o := st.matches[next]
		if end != o.ustart && !joinsGraded(st, end, o.ustart) {
			return false
		}
		if o.ustart >= b.ustart {
			return true
		}
		end = o.uend
	}
}

// joinsGraded is joins over the gap with the grades it holds left out: "neutropenia and
// grade 3 anaemia" coordinates as "neutropenia and anaemia" does.
func joinsGraded(st *sentenceState, from, to int) bool {
	var gap []unit
	for u := from; u < to; u++ {
		if g, ok := st.gradeAt(u); ok && g.start == u && g.end <= to {
			u = g.end - 1
			continue
		}
		gap = append(gap, st.units[u])
	}
	return joins(gap, 0, len(gap))
}

// ColumnArmRule is the arm rule of the bar between two cells of a table row; two cells side
// by side whose bar was lost join by it too.
const ColumnArmRule = "arm.column"

// comparatives are the words of a comparison between groups that "than" completes.
var comparatives = map[string]bool{"more": true, "less": true, "higher": true, "lower": true, "fewer": true, "greater": true}

// ComparedClass is the vocabulary class of the words that compare an outcome between the
// study's groups ("more frequent in the", "did not differ between").
const ComparedClass = "adverse_event.compared"

// comparedAcross reports whether the count h is the first of the groups' counts in a bracket
// that closes a comparison of the outcome m ("infections were more frequent in patients with
// a high score than in those with a low score (11/26 [42%] vs 3/39 [8%])"): it counts m
// however long the comparison, when the comparison words follow m at once, the bracket opens
// right before the count, and no other outcome stands between.
func comparedAcross(st *sentenceState, m match, h incidenceHit) bool {
	if h.start == 0 || st.units[h.start-1].norm != "(" || h.start-m.bend > 2*incidenceBefore {
		return false
	}
	compared := st.hasClassIn(m.bend, min(m.bend+4, h.start), ComparedClass)
	for u := m.bend; u < min(m.bend+4, h.start) && !compared; u++ {
		// "were more frequent in patients with …": a comparative the "than" of the clause completes
		compared = comparatives[st.units[u].norm] && slices.ContainsFunc(st.units[u:h.start], func(x unit) bool { return x.norm == "than" })
	}
	if !compared {
		return false
	}
	return !slices.ContainsFunc(st.matches, func(o match) bool { return isOutcome(o.Facet) && o.bstart >= m.bend && o.bend <= h.start })
}

// gradeCountedApart reports whether m is a grade written after the count h with a number
// of its own right after the grade ("CRS: 75% (G≥3 5%)"): the count is the event's, not
// the grade's.
func gradeCountedApart(st *sentenceState, m match, h incidenceHit) bool {
	return isGrade(m.Facet) && m.gstart >= h.end && m.send < len(st.units) && isNumeral(st.units[m.send].norm)
}

// treatmentBeforeUse returns the affirmed treatment tag a count that what it was given for
// follows at once counts ("steroids were used in 25% of patients for CRS and in 15% for
// ICANS"), or -1: the nearest treatment before the count in its clause, the count right
// before a term of TreatedForClass and an outcome after it. The treatment may hold a count
// already: this one is another use of it, on a copy.
func treatmentBeforeUse(st *sentenceState, h incidenceHit) int {
	forAt := -1
	for _, t := range st.hits {
		if t.class == TreatedForClass && t.start == h.end {
			forAt = t.end
		}
	}
	if forAt < 0 || !slices.ContainsFunc(st.matches, func(m match) bool {
		return isOutcome(m.Facet) && m.Facet != toxicityTreatmentFacet && m.bstart >= forAt && m.bstart-forAt <= 3
	}) {
		return -1
	}
	best := -1
	for k, m := range st.matches {
		if m.Facet == toxicityTreatmentFacet && m.Status == Affirmed && m.bend <= h.start && !semicolonBetween(st.units, m.bend, h.start) &&
			(best < 0 || m.bend > st.matches[best].bend) {
			best = k
		}
	}
	return best
}

// gradeRightAfter returns the grade tag that starts right after the count, or after "at"
// ("in 11% at grade 3"), if ok accepts it, or -1.
func gradeRightAfter(st *sentenceState, h incidenceHit, ok func(int) bool) int {
	u := gradeStartAfter(st, h)
	if u < 0 {
		return -1
	}
	best := -1
	for k, m := range st.matches {
		if !isGrade(m.Facet) || !ok(k) {
			continue
		}
		if m.bstart == u {
			return k // a list's own item ("3 had grade 3, 21 had grade 1"), not the list's later one
		}
		if m.gstart == u && best < 0 {
			best = k
		}
	}
	return best
}

// gradeStartAfter returns the unit where a grade starts right after the count, or after
// "at" or "with", or -1.
func gradeStartAfter(st *sentenceState, h incidenceHit) int {
	u := h.end
	switch last := st.units[h.end-1].norm; {
	case u < len(st.units) && st.units[u].norm == "at":
		u++ // "in 11% at grade 3"
	case u < len(st.units) && st.units[u].norm == "with" && (last == "%" || isNumeral(last)):
		u++ // "6% with grade 4"; not "12 patients with grade 3 CRS", a group the count describes
	case last == ";" || last == "," || last == "." || last == ")" || last == "and" || last == "or" || last == "(":
		// "grade 1, 9; grade 2, 4", "grade 1 in 7 and grade 2 in 2": the count closes its
		// item; the grade opens the next ("CRS (80% (grade 4: 20%))": a breakdown of it)
		return -1
	case u < len(st.units) && st.units[u].norm == "(" && (last == "%" || isNumeral(last)) && gradeOnlyBracket(st.units, u):
		u++ // "CRS in 92% (any grade) and 8% (grade ≥3)": the bracket names the count's grade
	}
	if u >= len(st.units) || !startsGrade(st.units[u].norm) {
		return -1
	}
	return u
}

// bracketedAfter returns the tag that ends right before the bracket the count opens or
// stands first in, if ok accepts it (a grade before its event when both end there), or -1.
// The count ends the bracket or its item, or is a share "of" the patients.
func bracketedAfter(st *sentenceState, h incidenceHit, ok func(int) bool) int {
	open := -1
	switch {
	case st.units[h.start].norm == "(":
		open = h.start
	case h.start > 0 && st.units[h.start-1].norm == "(":
		open = h.start - 1
	case h.start > 2 && (st.units[h.start-1].norm == ";" || st.units[h.start-1].norm == ","):
		// "cytokine release syndrome (CRS; 64%)": the count after the abbreviation that
		// opens the bracket
		for k, m := range st.matches {
			if m.bend == h.start-1 && m.bstart > 0 && st.units[m.bstart-1].norm == "(" && ok(k) {
				open = m.bstart - 1
			}
		}
	}
	if open < 1 {
		return -1
	}
	// "(7 patients had a level over 10 mg/L)": a count that is the subject of a clause of its own
	// in the bracket counts what its verb says, not the tag before the bracket
	if next := h.end; next < len(st.units) && st.units[next-1].norm != ")" {
		switch st.units[next].norm {
		case ")", ",", ";", "of":
		default:
			return -1
		}
	}
	// "infection without neutropenia (4%)": a share of patients in a bracket after a denied
	// tag is the share of the phrase the denial qualifies, not of what it denies
	some := !isZeroHit(h) && !(h.pct != nil && *h.pct == 0)
	best := -1
	for k, m := range st.matches {
		if m.bend != open && !(m.bstart == open+1 && m.bend < h.start) || !ok(k) || some && m.Status == Negated {
			continue
		}
		if best < 0 || isGrade(m.Facet) && !isGrade(st.matches[best].Facet) {
			best = k
		}
	}
	return best
}

// coordinated returns the outcome tags joined to the tag first by "and", "or" or a comma
// (over a bracket that qualifies the one before: "a rash (mild) and a wound infection"), of
// its status, in its clause, and with no count of their own right after. A grade is an item
// like any other ("one man developed grade 2 ICANS and grade 3 CRS"); the event a grade tag
// covers starts inside it and is no item of its own.
func coordinated(st *sentenceState, hits []incidenceHit, hi, first int, ok func(int) bool) []int {
	var out []int
	end, status := st.matches[first].uend, st.matches[first].Status
	nextHit, after := len(st.units), hi+1
	if after < len(hits) && hits[hi].rule.Unit != UnitEvents && hits[after].rule.Unit == UnitEvents {
		after++ // "one subject reported two events of pneumonia and …": the episodes are its own
	}
	if after < len(hits) {
		nextHit = hits[after].start
	}
	for {
		next := -1
		for k := range st.matches {
			m := st.matches[k]
			if k == first || !ok(k) || !isOutcome(m.Facet) || m.Status != status || m.ustart < end || m.uend > nextHit {
				continue
			}
			if next < 0 || m.ustart < st.matches[next].ustart {
				next = k
			}
		}
		// an item the next count follows closely is that count's ("neutropenia in 5 and
		// anaemia in 3"), unless that count counts what comes after it ("all 20 had
		// neutropenia and lymphopenia, and 6 of them developed bacteraemia")
		if next < 0 {
			return out
		}
		ownCount := nextHit < len(st.units) && nextHit-st.matches[next].uend <= 3 && !hits[after].rule.BindsAfter
		if !joins(st.units, end, st.matches[next].ustart) && !verbJoins(st.units, end, st.matches[next].ustart) || ownCount ||
			st.hasClassIn(end, st.matches[next].ustart, ReachEndClass) { // "eleven deaths, most commonly infection"
			return out
		}
		out = append(out, next)
		end = st.matches[next].uend
	}
}

// joins reports whether the units [from, to) join two items of a list: "and", "or", "plus" or a
// comma, with articles and brackets that qualify the item before, and at most
// joinModifiers words that qualify the item after ("and urinary tract infection").
func joins(us []unit, from, to int) bool {
	link, modifiers := false, 0
	for u := from; u < to; u++ {
		switch n := us[u].norm; {
		case n == "(" && !link:
			c := closingBracket(us, u)
			if c < 0 || c >= to {
				return false
			}
			u = c
		case n == "and" || n == "or" || n == "," || n == "plus":
			link, modifiers = true, 0
		case n == "a" || n == "an" || n == "the":
		case link && us[u].word && !isNumber(n) && modifiers < joinModifiers:
			modifiers++
		default:
			return false
		}
	}
	return link
}

// joinModifiers is how many words may qualify an item of a list before its tag.
const joinModifiers = 3

// verbJoins reports whether the units [from, to) join a second verb of one subject to the
// treatment or outcome it takes, after words that place the first in time or place: "three
// patients developed grade 3 CRS on day 2 and received tocilizumab", "… within a week and
// were treated with dexamethasone". At most verbJoinAdjunct units with no punctuation stand
// before "and"; after it, "was" or "were" at most, a verb of receiving ("treated" too),
// "with" at most and at most joinModifiers words. Other verbs stay apart: "… on day 2 and
// resolved without treatment" takes no second outcome.
func verbJoins(us []unit, from, to int) bool {
	and := -1
	for u := from; u < to && u <= from+verbJoinAdjunct; u++ {
		if n := us[u].norm; n == "and" {
			and = u
			break
		} else if !us[u].word {
			return false // no punctuation: "…, and received" is another clause
		}
	}
	if and < 0 {
		return false
	}
	u := and + 1
	if u < to && (us[u].norm == "was" || us[u].norm == "were") {
		u++
	}
	if u >= to || !receivingVerbs[us[u].norm] && us[u].norm != "treated" {
		return false
	}
	u++
	if u < to && us[u].norm == "with" {
		u++
	}
	for ; u < to; u++ {
		if !us[u].word || isNumeral(us[u].norm) || u-and > joinModifiers+3 {
			return false
		}
	}
	return true
}

// verbJoinAdjunct is how many units may place a first verb's outcome in time or place
// before "and" and a second verb of its subject (verbJoins).
const verbJoinAdjunct = 6

// toxicityTreatmentFacet is the facet of treatments given for a toxicity.
const toxicityTreatmentFacet = "toxicity_treatment"

// adverseEventFacet is the facet of adverse events, whose grade is no facet of its own.
const adverseEventFacet = "adverse_event"

// treatedFor returns the treatment tag that the outcome m, standing after words of
// TreatedForClass, was what it was given for ("tocilizumab was administered for CRS"), or -1:
// the nearest that ok accepts, ending at most incidenceTreatedFor units before those words
// (a bracket right after the treatment, its dose, not counted: "dexamethasone (10 mg every 6
// hours) was given for ICANS"), with no other outcome between.
func treatedFor(st *sentenceState, m match, ok func(int) bool) int {
	from := forBefore(st, m)
	if from < 0 {
		return -1
	}
	best := -1
	for k, t := range st.matches {
		end := t.bend
		if end < from && st.units[end].norm == "(" {
			if c := closingBracket(st.units, end); c >= 0 && c < from {
				end = c + 1
			}
		}
		if t.Facet != toxicityTreatmentFacet || !ok(k) || t.bend > from || from-end > incidenceTreatedFor {
			continue
		}
		if best < 0 || t.bend > st.matches[best].bend {
			best = k
		}
	}
	if best < 0 {
		return -1
	}
	for k, t := range st.matches {
		if isOutcome(t.Facet) && k != best && t.bstart >= st.matches[best].bend && t.bend <= from {
			return -1 // "tocilizumab and steroids for CRS", or another outcome between
		}
	}
	return best
}

// pronounTreatment returns the treatment that a subject count's verb, at or just after unit
// from, takes as "it" or "them" ("a median of two doses of tocilizumab was given; 9
// patients (30%) received it", "… 9 of 31 in cohort B received it for CRS"): the last
// outcome tag before the count in its sentence (what a treatment was given for passed
// over), when it is a treatment and the verb one of receiving ("received it", "needed
// them"). named reports that the pronoun names a treatment; the tag is
// then returned only when it is affirmed and ok accepts it, else -1 (a treatment denied to
// another cohort, "none needed tocilizumab, whereas 9 received it", is left unbound, not
// given to the outcome after "for").
func pronounTreatment(st *sentenceState, from int, h incidenceHit, ok func(int) bool) (k int, named bool) {
	last := pronounTarget(st, from, h)
	if last < 0 {
		return -1, false
	}
	if st.matches[last].Status != Affirmed || !ok(last) {
		return -1, true
	}
	return last, true
}

// pronounTarget returns the treatment tag that "it" or "them" after a verb of receiving,
// within a few units from unit from, names for count h: the last outcome before the count,
// passing over what a treatment was given for ("tocilizumab was given for CRS; 9 patients
// received it"), when it is a treatment; else -1. Its status is the caller's to read.
func pronounTarget(st *sentenceState, from int, h incidenceHit) int {
	us := st.units
	p := -1
	for u := from; u < len(us) && u <= from+3; u++ {
		if n := us[u].norm; n == "it" || n == "them" {
			p = u
			break
		}
	}
	if p < 1 || !receivingVerbs[us[p-1].norm] {
		return -1
	}
	last := -1
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.bend <= h.start && (m.Facet == toxicityTreatmentFacet || forBefore(st, m) < 0) && (last < 0 || m.bend > st.matches[last].bend) {
			last = k
		}
	}
	if last < 0 || st.matches[last].Facet != toxicityTreatmentFacet {
		return -1
	}
	return last
}

// deniedPronounTreatment returns the denied treatment that a count's "received it" names
// after a contrast ("No adult in the outpatient group needed tocilizumab, whereas 7 of 25 in
// the inpatient group received it"): the count is another arm's, who did receive it. It
// returns -1 unless the treatment is negated, the count is not zero and a contrast word
// (whereas, while, but) stands between them.
func deniedPronounTreatment(st *sentenceState, h incidenceHit) int {
	if h.n == nil || *h.n == 0 || h.rule.Negated {
		return -1
	}
	from := h.end
	if v := subjectVerbOver(st, h); v > h.end {
		from = v
	}
	k := pronounTarget(st, from, h)
	if k < 0 || st.matches[k].Status != Negated {
		return -1
	}
	for u := st.matches[k].uend; u < h.start; u++ {
		if st.contrastCueAt(u) {
			return k
		}
	}
	return -1
}

// ContrastClass is the vocabulary class of the words that set another arm against the one
// just denied ("whereas", "but"); ContrastEventClass of a contrast word and the words that
// say the denied event arose in the count right after them ("but arose in 4 adults"); and
// EventPronounClass of a verb of having and the pronoun that names the denied event ("whereas
// 4 adults in the second cohort developed it").
const (
	ContrastClass      = "count.contrast"
	ContrastEventClass = "count.contrast_event"
	// PronounEventClass is the class of a pronoun subject and its verb right before a count,
	// "…; overall, it occurred in 3 patients": the count is of the event named before.
	PronounEventClass = "count.pronoun_event"
	EventPronounClass = "count.event_pronoun"
	// ContrastCountClass is the class of the words of a comparison right before another
	// group's count of the denied event ("no wound infection in the intervention group,
	// compared with 5 (8%) in the control group"): the group must be named in the clause.
	ContrastCountClass = "count.contrast_count"
)

// pronounGradeReach is how many units after its event's first a grade may start and still be
// the grade of the event a pronoun takes up ("ICANS of grade 3", "cytokine release syndrome
// (grade ≥3)").
const pronounGradeReach = 5

// pronounEchoJoin is the Join of a count a pronoun subject gives the event counted before it
// in another group ("…; among controls it developed in 27 of 298").
const pronounEchoJoin = "pronoun.other_group"

// pronounInGroupClause reports whether the pronoun subject right before count h stands in a
// clause that a semicolon opens and that names a group before the pronoun ("; among controls
// it developed in 27", "; in the placebo arm, it occurred in 4"): its count is that group's
// of the event counted before, no study's of its own (pronounClause: "; in ZUMA-1 it occurred
// in 93%" is another study's). Patients set apart by a noun of patients are a subgroup, whose
// count pronounTargets refuses.
func pronounInGroupClause(st *sentenceState, h incidenceHit) bool {
	pron, from, ok := pronounClause(st, h)
	return ok && from < pron && groupNamed(st, from, pron) && !st.hasClassIn(from, pron, CountNounClass)
}

// pronounClause returns where the pronoun subject right before count h starts ("…; overall,
// it occurred in 21") and where its clause starts, right after a semicolon; ok is false where
// no pronoun stands there, where its clause opens otherwise (a clause end, ", and", "whereas",
// "while") or where a generic cue (another study's words, "in ZUMA-1") stands anywhere in it.
func pronounClause(st *sentenceState, h incidenceHit) (pron, from int, ok bool) {
	pron = -1
	for _, x := range st.hits {
		if x.class == PronounEventClass && x.end == h.start {
			pron = x.start
		}
	}
	if pron < 1 {
		return pron, 0, false
	}
	from = pron
	for from > 0 && st.units[from-1].norm != ";" {
		if w := st.units[from-1].norm; clauseEnds[w] || joinedClause(st.units, from-1) || w == "whereas" || w == "while" {
			return pron, from, false
		}
		from--
	}
	end := h.end
	for end < len(st.units) && !clauseEnds[st.units[end].norm] && st.units[end].norm != "." {
		end++
	}
	other := slices.ContainsFunc(st.cues, func(c hit) bool { return c.start >= from && c.start < end && c.entry.cue.Category == CueGeneric })
	return pron, from, from > 0 && !other
}

// groupNames name a group of a trial's patients in words the group vocabulary may leave out.
var groupNames = map[string]bool{"controls": true, "control": true, "placebo": true, "group": true, "arm": true, "cohort": true}

// groupNamed reports whether the units [from, to) name a group of patients other than the
// report's whole cohort: a group's name (count.group, groupNames) not after "our", "this",
// "whole", "entire" or "overall" ("in the placebo group", not "in our cohort", "in the whole
// cohort").
func groupNamed(st *sentenceState, from, to int) bool {
	for u := from; u < to; u++ {
		if (groupNames[st.units[u].norm] || st.hasClassAt(u, CountGroupClass)) && !(u > 0 && ownCohortWords[st.units[u-1].norm]) {
			return true
		}
	}
	return false
}

// ownCohortWords before a group's name make it the report's whole cohort.
var ownCohortWords = map[string]bool{"our": true, "this": true, "whole": true, "entire": true, "overall": true, "total": true}

// pronounTargets returns the event a pronoun subject right before count h takes up ("The
// onset of CRS was at a median of day 2; it occurred in 21 adults"): the last affirmed
// outcome before the pronoun with no count of its own, when it is the only event of its clause
// and the pronoun stands in a clause a semicolon opens that names no other study and no
// group ("…; overall, it occurred in 21"; not "…; in ZUMA-1 it occurred in 93%": a generic
// cue stands in it; nor "…; in the control arm it occurred in 5", another group's, which
// pronounInGroupClause echoes); its grade tags alone where the grade is written before it or
// right after it ("Grade 3 ICANS began …", "ICANS of grade 3 began …"), as a count of a graded
// event counts the grade, but not a grade said further on ("CRS began on day 2, with a maximum
// of grade 2": the count is the event's). It returns nil otherwise.
func pronounTargets(st *sentenceState, h incidenceHit, bound []bool) []int {
	// the pronoun's clause names no other study and no group ("…; overall, it occurred in
	// 21", "…; in our cohort it occurred in 21"; not "…; it was reported in 93% in ZUMA-1",
	// nor a subgroup's count, "in patients older than 65 it occurred in 8 of 10")
	pron, from, ok := pronounClause(st, h)
	if !ok || outcomeBetween(st, pron, h.end) || groupNamed(st, from, pron) || st.hasClassIn(from, pron, CountNounClass) {
		return nil
	}
	last := -1
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.uend <= pron && (last < 0 || m.uend > st.matches[last].uend) {
			last = k
		}
	}
	if last < 0 {
		return nil
	}
	prev := st.matches[last].ustart // the event's clause
	for prev > 0 && !clauseEnds[st.units[prev-1].norm] {
		prev--
	}
	var out []int
	for k, m := range st.matches {
		if !isOutcome(m.Facet) || m.uend <= prev || m.ustart >= pron {
			continue
		}
		if eventKey(m) != eventKey(st.matches[last]) || m.Status != Affirmed || m.Incidence != nil || bound[k] || takesNoCount(st, m) {
			return nil // another event, a denied or counted one in the clause: no pronoun of one event
		}
		out = append(out, k)
	}
	// (a grade right after the event is its own, "ICANS of grade 3", "CRS (grade ≥3)"; one
	// further on only describes it, "CRS began on day 2, with a maximum of grade 2")
	out = slices.DeleteFunc(out, func(k int) bool {
		return isGrade(st.matches[k].Facet) && st.matches[k].gstart > st.matches[k].ustart+pronounGradeReach
	})
	if slices.ContainsFunc(out, func(k int) bool { return isGrade(st.matches[k].Facet) }) {
		out = slices.DeleteFunc(out, func(k int) bool { return !isGrade(st.matches[k].Facet) })
	}
	return out
}

// deniedInOtherArm returns the denied outcome that count h counts in another arm
// (deniedPronounTreatment for a treatment, deniedEvent for an event), or -1.
func (c *Classifier) deniedInOtherArm(st *sentenceState, h incidenceHit) int {
	if k := deniedPronounTreatment(st, h); k >= 0 {
		return k
	}
	return deniedEvent(st, h, func(from, to int) bool { return c.ownIn(st, from, to) })
}

// joinedClause reports whether unit k is the conjunction of ", and" or ", but", which join a
// clause of its own to the one before.
func joinedClause(us []unit, k int) bool {
	return k > 0 && (us[k].norm == "and" || us[k].norm == "but") && us[k-1].norm == ","
}

// deniedEvent returns the denied event that count h, in a clause set against it by a
// contrast word, counts in another arm: "grade 3 neutropenia was not seen on the low dose
// but arose in 4 adults on the high dose" (the contrast, then words that say the event
// arose in the count), "no ICANS occurred in the first cohort, whereas 4 adults in the
// second cohort developed it" (a verb of having and its pronoun after the count). The
// event is the last outcome before the contrast, negated and no treatment; the count's
// clause names no outcome of its own. A pronoun subject right before the count ("…; overall,
// it occurred in 3 patients") names the event as the contrast words do; with own (nil: never)
// saying the count's clause names the report's own study ("in this trial it occurred in 11 of
// 104"), the event may be another study's (generic) too. It returns -1 otherwise.
func deniedEvent(st *sentenceState, h incidenceHit, own func(from, to int) bool) int {
	share := h.n == nil && h.pct != nil && *h.pct > 0
	if (h.n == nil || *h.n == 0) && !share || h.rule.Negated {
		return -1
	}
	contrast := -1 // where the last contrast word before the count ends
	compared, pronoun := false, false
	for _, x := range st.hits {
		if (x.class == ContrastClass || x.class == ContrastEventClass || x.class == ContrastCountClass) && x.end <= h.start && x.start+1 > contrast {
			contrast = x.start + 1
			compared = x.class == ContrastCountClass
		}
		if x.class == PronounEventClass && x.end == h.start {
			pronoun = true
			if contrast < 0 { // the pronoun's clause, from the ";" or ", and" before it
				for contrast = x.start; contrast > 0 && !clauseEnds[st.units[contrast-1].norm] && !joinedClause(st.units, contrast-1); contrast-- {
				}
			}
		}
	}
	if contrast < 0 {
		return -1
	}
	clauseEnd := h.end
	for clauseEnd < len(st.units) && !clauseEnds[st.units[clauseEnd].norm] {
		clauseEnd++
	}
	arose := pronoun // "…; overall, it occurred in 3 patients"
	for _, x := range st.hits {
		switch {
		case x.class == ContrastEventClass && x.end == h.start:
			arose = true // "but arose in 4 adults"
		case x.class == EventPronounClass && x.start >= h.end && x.end <= clauseEnd:
			arose = true // "whereas 4 adults in the second cohort developed it"
		}
	}
	if compared && !arose {
		// "…, compared with 5 (8%) in the control group": the comparison right before the
		// count, or its group and then the count ("compared to the conventional group with
		// an occurrence of 11.7%"), the group named in the clause
		arose = st.hasClassIn(contrast, clauseEnd, CountGroupClass) && !slices.ContainsFunc(st.units[contrast:clauseEnd], func(u unit) bool { return u.norm == "[" })
	}
	if !arose {
		return -1
	}
	k := -1
	for i, m := range st.matches {
		if !isOutcome(m.Facet) {
			continue
		}
		if m.ustart >= contrast && m.ustart < clauseEnd {
			return -1 // the count's clause names an outcome of its own
		}
		if m.uend < contrast && (k < 0 || m.uend > st.matches[k].uend) {
			k = i
		}
	}
	if k < 0 || st.matches[k].Facet == toxicityTreatmentFacet {
		return -1
	}
	switch st.matches[k].Status {
	case Negated:
		return k
	case Generic:
		if pronoun && own != nil && own(contrast, clauseEnd) {
			return k
		}
	}
	return -1
}

// receivingVerbs are the verbs whose "it" or "them" is a treatment (pronounTreatment).
var receivingVerbs = map[string]bool{"received": true, "receive": true, "receiving": true, "needed": true, "required": true,
	"got": true, "given": true, "administered": true, "underwent": true}

// forBefore returns where the TreatedForClass term right before the outcome m starts ("for
// CRS", "for steroid-refractory ICANS": at most a few words qualify the outcome), or -1.
func forBefore(st *sentenceState, m match) int {
	from := -1
	for _, h := range st.hits {
		if h.class == TreatedForClass && h.end <= m.bstart && m.bstart-h.end <= 3 && allWords(st.units[h.end:m.bstart]) {
			from = h.start
		}
	}
	return from
}

// givenFor reports whether the outcome m is what a treatment in its sentence was given for
// ("tocilizumab was administered for CRS"): no outcome a count of patients counts.
func givenFor(st *sentenceState, m match) bool {
	return m.Facet != toxicityTreatmentFacet && treatedFor(st, m, func(int) bool { return true }) >= 0
}

// treatedForAgain returns the treatment a second "for" outcome of its clause was given for
// ("steroids were given for ICANS in 7 patients and for CRS in 4"), or -1: the outcome m
// right after a TreatedForClass term, the nearest affirmed treatment before it in its clause
// (already counted or not), and every outcome between them right after a TreatedForClass
// term of its own.
func treatedForAgain(st *sentenceState, m match) int {
	forAt := func(o match) bool { return forBefore(st, o) >= 0 }
	if !forAt(m) && !gappedFor(st, m, forAt) {
		return -1
	}
	best := -1
	for k, t := range st.matches {
		if t.Facet == toxicityTreatmentFacet && t.Status == Affirmed && t.bend <= m.bstart && (best < 0 || t.bend > st.matches[best].bend) {
			best = k
		}
	}
	if best < 0 || semicolonBetween(st.units, st.matches[best].bend, m.bstart) {
		return -1
	}
	for u := st.matches[best].bend; u < m.bstart; u++ {
		if clauseEnds[st.units[u].norm] || st.units[u].norm == "." {
			return -1
		}
	}
	between := false
	for _, o := range st.matches {
		if isOutcome(o.Facet) && o.Facet != toxicityTreatmentFacet && o.bstart >= st.matches[best].bend && o.bend <= m.bstart {
			if !forAt(o) {
				return -1
			}
			between = true
		}
	}
	if !between {
		return -1 // (treatedFor reads a lone "for" outcome)
	}
	return best
}

// gappedFor reports whether the outcome m is the second item of a gapped pair whose first
// item stands right after a TreatedForClass term: in "steroids were used to manage ICANS in
// 7 patients and CRS in 4", CRS shares "to manage" across "and". Only a count stands between
// the first item and the "and" (or comma) before m, and "in" its count right after m.
func gappedFor(st *sentenceState, m match, forAt func(match) bool) bool {
	if m.bstart < 2 || st.units[m.bstart-1].norm != "and" && st.units[m.bstart-1].norm != "," ||
		m.bend >= len(st.units) || st.units[m.bend].norm != "in" {
		return false // (the second item has no verb of its own: "… and CRS in 4", not "… and ICANS developed in 2")
	}
	for _, o := range st.matches {
		if !isOutcome(o.Facet) || o.Facet == toxicityTreatmentFacet || o.bend >= m.bstart || !forAt(o) {
			continue
		}
		gap := st.units[o.bend : m.bstart-1]
		if len(gap) == 0 || len(gap) > 6 || gap[0].norm != "in" || slices.ContainsFunc(st.matches, func(x match) bool {
			return isOutcome(x.Facet) && x.bstart >= o.bend && x.bend <= m.bstart-1
		}) {
			continue
		}
		numbered := false
		for _, u := range gap {
			if isNumber(u.norm) || isNumeral(u.norm) {
				numbered = true
			}
		}
		if numbered {
			return true
		}
	}
	return false
}

// dropGradeNumbers drops the counts that bind after them and start inside the grade of a
// tag, running past its end: in "CRS of grade 1 and 2 was observed in …", "and 2 was" is
// the grade, not a clause whose subject is two patients (the counts of "7 grade 1, 3 grade
// 2", which the grade's list holds whole, stay).
// Any other count that starts with a grade's number keeps only its share: in "CRS was grade
// 1 (45%) or grade 2 (15%)", "1 (45%)" is 45% of patients with grade 1, not one patient.
func dropGradeNumbers(st *sentenceState, hits []incidenceHit) []incidenceHit {
	out := hits[:0]
	for _, h := range hits {
		if insideGrade(st, h) || bareInGrade(st, h) {
			continue // "grade was 1 in 9 patients, 2 in 5": the bare 2 is the next grade, no count
		}
		if end, ok := gradeNumberAt(st, h); ok {
			switch {
			case h.rule.BindsAfter:
				continue
			case h.pct != nil:
				h.n, h.start = nil, end // the share after the grade's number stands
			case h.of == nil:
				continue // "two grade 4 cases": the grade's number, no count of cases
			}
		}
		out = append(out, h)
	}
	return out
}

// bareInGrade reports whether the count h is a bare number inside a grade written just
// before it ("grade ≥3 thrombocytopenia" of an adverse event, whose grade no pattern
// captures): the grade's number, no count.
func bareInGrade(st *sentenceState, h incidenceHit) bool {
	if h.n == nil || h.of != nil || h.pct != nil {
		return false
	}
	for u := h.start - 1; u >= 0 && u >= h.start-3; u-- {
		if g, ok := st.gradeAt(u); ok && g.start <= h.start && h.end <= g.end {
			return true
		}
	}
	return false
}

// insideGrade reports whether the count h lies within one item of a tag's list of grades.
func insideGrade(st *sentenceState, h incidenceHit) bool {
	for _, m := range st.matches {
		for _, cp := range m.caps {
			if cp.name != "grade" {
				continue
			}
			for _, sp := range cp.spans {
				if sp[0] <= h.start && h.end <= sp[1] {
					return true
				}
			}
		}
	}
	return false
}

// gradeNumberAt reports whether the count h starts with the number of a grade that a tag's
// grade capture holds (in a list of grades, its own item), running past it, and where that
// grade ends.
func gradeNumberAt(st *sentenceState, h incidenceHit) (int, bool) {
	for _, m := range st.matches {
		for _, cp := range m.caps {
			if cp.name != "grade" {
				continue
			}
			spans := cp.spans
			if len(spans) == 0 || h.rule.BindsAfter {
				spans = [][2]int{{cp.start, cp.end}}
			}
			for _, sp := range spans {
				if sp[0] <= h.start && h.start < sp[1] && h.end > sp[1] {
					return sp[1], true
				}
			}
		}
	}
	return 0, false
}

// dropLoneListItems drops the hits of list-only rules that are in no list of counts: a
// bare "30%" counts nothing, and must not stand between a count and what it counts.
func (c *Classifier) dropLoneListItems(rn *run, st *sentenceState, hits []incidenceHit) []incidenceHit {
	inList := make([]bool, len(hits))
	for hi := 0; hi < len(hits); hi++ {
		if k := countList(st, hits, hi); k > 1 {
			for j := hi; j < hi+k; j++ {
				inList[j] = true
			}
			hi += k - 1
		}
	}
	out := hits[:0]
	for hi, h := range hits {
		// "6.8% with capecitabine and 4.8% with S-1": a bare percentage that gives another
		// arm's count of what the count before it counts stays.
		if h.rule.List != ListOnly && h.rule.List != ListAfter || inList[hi] || len(out) > 0 && c.armJoin(rn, st, out[len(out)-1], h) != nil ||
			h.rule.Adjacent && afterOutcome(st, h.start) || gradeStartAfter(st, h) >= 0 ||
			len(out) > 0 && c.joinsSubject(rn, st, out[len(out)-1], h) || contrastedCount(st, h) || len(out) > 0 && comparedAffirmed(st, h) {
			out = append(out, h)
		}
	}
	return out
}

// groupSizes makes the size of a group given in a bracket right after its name ("6 patients
// in group A (n = 45)") the whole of the count before it, a bare count with no whole of its
// own that fits in it, and drops it as a count: it broke the pair of arms it stood between
// ("… and in 13 patients in group B (n = 44)").
func groupSizes(st *sentenceState, hits []incidenceHit) []incidenceHit {
	us := st.units
	out := hits[:0]
	for _, h := range hits {
		size := h.n != nil && h.of == nil && h.pct == nil && h.start >= 2 && h.start+1 < len(us) &&
			us[h.start-1].norm == "(" && us[h.start].norm == "n" && us[h.start+1].norm == "="
		named := false
		for u := h.start - 2; size && u >= 0 && u >= h.start-4; u-- {
			named = named || st.hasClassEndingAt(u+1, CountGroupClass)
		}
		if k := len(out) - 1; named && k >= 0 && out[k].n != nil && out[k].of == nil && out[k].pct == nil &&
			*out[k].n <= *h.n && out[k].end < h.start && h.start-out[k].end <= 6 &&
			!slices.ContainsFunc(us[out[k].end:h.start-1], func(u unit) bool { return clauseEnds[u.norm] || u.norm == "," || u.norm == ")" }) {
			out[k].of = h.n
			continue
		}
		out = append(out, h)
	}
	return out
}

// allButAfterCount drops a count of all the patients but some ("in all but one patient")
// that follows another count in its sentence: "CRS occurred in 45 patients and was grade 1
// or 2 in all but one" leaves one out of those 45, not of the study's population.
func allButAfterCount(hits []incidenceHit) []incidenceHit {
	return slices.DeleteFunc(hits, func(h incidenceHit) bool {
		return h.except != nil && slices.ContainsFunc(hits, func(o incidenceHit) bool { return o.end <= h.start && o.n != nil })
	})
}

// contrastedCount reports whether bare count h stands right after the words of a comparison
// with an event denied before them ("no wound infections in the mesh group, compared with 3
// in the suture group"): the other group's count of it (deniedEvent).
func contrastedCount(st *sentenceState, h incidenceHit) bool {
	return h.n != nil && st.hasClassEndingAt(h.start, ContrastCountClass) && deniedEvent(st, h, nil) >= 0
}

// comparedEvent returns the affirmed event that bare count h, right after the words of a
// comparison and before a group's name in its clause, counts in another group: "one patient
// on placebo developed pneumonia, compared with four in the drug group". The event is the
// last outcome before the comparison, counted there by patients in no arm yet; the count's
// clause names no outcome of its own. It returns -1 otherwise.
func comparedEvent(st *sentenceState, h incidenceHit) int {
	k := comparedCount(st, h)
	if k < 0 {
		return -1
	}
	m := st.matches[k]
	if m.Status != Affirmed || m.Facet == toxicityTreatmentFacet || m.Incidence == nil || m.Incidence.N == nil || m.Incidence.Arm != 0 || m.Incidence.Unit == UnitEvents {
		return -1
	}
	return k
}

// comparedCount returns the last outcome before bare count h when h stands right after the
// words of a comparison and before a group's name in its clause, and that clause names no
// outcome of its own ("…, compared with four on the active drug"), or -1.
func comparedCount(st *sentenceState, h incidenceHit) int {
	if h.n == nil || *h.n == 0 || h.rule.Negated || !st.hasClassEndingAt(h.start, ContrastCountClass) {
		return -1
	}
	clauseEnd := h.end
	for clauseEnd < len(st.units) && !clauseEnds[st.units[clauseEnd].norm] && st.units[clauseEnd].norm != "," {
		clauseEnd++
	}
	if !st.hasClassIn(h.end, clauseEnd, CountGroupClass) {
		return -1
	}
	k := -1
	for i, m := range st.matches {
		if !isOutcome(m.Facet) {
			continue
		}
		if m.ustart >= h.start && m.ustart < clauseEnd {
			return -1 // the count's clause names an outcome of its own
		}
		if m.uend <= h.start && (k < 0 || m.uend > st.matches[k].uend) {
			k = i
		}
	}
	return k
}

// comparedAffirmed reports whether bare count h is another group's count of the affirmed
// event before its comparison (comparedCount).
func comparedAffirmed(st *sentenceState, h incidenceHit) bool {
	k := comparedCount(st, h)
	return k >= 0 && st.matches[k].Status == Affirmed && st.matches[k].Facet != toxicityTreatmentFacet
}

// joinsSubject reports whether bare count h is a group's part of subject count a, past the
// verb and outcomes a counts ("5 (8%) developed pneumonia: 3 in arm A and 2 in arm B"), as
// an arm rule that breaks a count down reads it, or another group's count of the same
// outcome that names its group ("4 patients had pneumonia versus 1 in the control group").
func (c *Classifier) joinsSubject(rn *run, st *sentenceState, a, h incidenceHit) bool {
	if !a.rule.BindsAfter && !a.rule.subjectVerbs.verbAfter(st.units, a.end) {
		return false
	}
	var targets []int
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.ustart >= a.start && m.uend > a.end && m.uend <= h.start { // ("5 deaths from toxicity …": its outcome starts inside its words)
			targets = append(targets, k)
		}
	}
	if len(targets) == 0 {
		return false
	}
	r := c.armJoin(rn, st, subjectWithOutcome(st, a, targets, h), h)
	return r != nil && (r.Breakdown || groupFollows(st, h.end))
}

// countedSubject reports whether count h, of one patient or more, is the subject of the
// denial of tag m: it ends at most four words before the tag, with one of its rule's
// subject verbs and no comma nor clause end between ("the remaining 54 patients had no
// ICANS", where "CRS occurred in 12 patients with no ICANS" denies ICANS to all).
func countedSubject(st *sentenceState, h incidenceHit, m match) bool {
	if h.n == nil || *h.n == 0 || h.end > m.ustart || m.ustart-h.end > 4 {
		return false
	}
	verb := false
	for u := h.end; u < m.ustart; u++ {
		if n := st.units[u].norm; clauseEnds[n] || n == "," || n == "(" || n == ")" {
			return false
		}
		verb = verb || h.rule.subjectVerbs.matchesAfter(st.units, u)
	}
	return verb
}

// isZeroHit reports whether count h says no patient had its outcome ("no patient", "0 of 20").
func isZeroHit(h incidenceHit) bool {
	return h.rule.Negated && h.n == nil || h.n != nil && *h.n == 0
}

// ownVerbAfter reports whether a count is the subject of a verb right after it ("… and 6
// (15%) had ICANS"), so it opens a clause of its own. "Of" after a count that names its
// people is no such verb: "30 (48%) recipients of the second drug" names an arm, where "30
// (48%) of the adults" is the count's whole and "1 case of pneumonia" its outcome.
func ownVerbAfter(st *sentenceState, h incidenceHit) bool {
	if h.end < len(st.units) && st.units[h.end].norm == "of" && st.hasClassAt(h.end-1, CountNounClass) &&
		st.units[h.end-1].norm != "case" && st.units[h.end-1].norm != "cases" &&
		(h.end+1 >= len(st.units) || st.units[h.end+1].norm != "whom" && st.units[h.end+1].norm != "which" && st.units[h.end+1].norm != "them") &&
		!slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.ustart > h.end && m.ustart <= h.end+4 }) {
		return false // (but "1 case of pharyngitis", "2 adults of whom …" are no arms)
	}
	if ofGroupOnly(st, h.end) {
		return false // "… versus 4 (13%) of the inpatients": the count's group, no clause
	}
	// "… in 2 patients after rituximab, and both stopped treatment": "both" or "all" before a
	// verb in the past tense is the subject of a clause of its own (the patients just
	// counted), no other arm's count
	if n := st.units[h.start].norm; (n == "both" || n == "all") && h.end == h.start+1 && h.end < len(st.units) {
		if w := st.units[h.end]; w.word && (clauseVerbs[w.norm] || strings.HasSuffix(w.norm, "ed")) {
			return true
		}
	}
	return h.rule.subjectVerbs.verbAfter(st.units, h.end)
}

// ofGroupOnly reports whether "of" at unit u opens the words that name a count's group and
// nothing more ("4 (13%) of the inpatients after infusion"): no outcome follows
// in its clause, so the count is no subject of a clause of its own ("12 (30%) of the
// adults developed CRS" has one).
func ofGroupOnly(st *sentenceState, u int) bool {
	us := st.units
	if u+1 >= len(us) || us[u].norm != "of" || us[u+1].norm == "whom" || us[u+1].norm == "which" || us[u+1].norm == "them" || us[u+1].norm == "these" || us[u+1].norm == "those" {
		return false
	}
	end := u + 1
	for end < len(us) && us[end].norm != "," && us[end].norm != ";" && us[end].norm != "." && us[end].norm != ":" {
		end++
	}
	return st.hasClassIn(u+1, end, CountNounClass) &&
		!slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.ustart > u && m.ustart < end })
}

// armJoin reports whether count b gives another arm's count of what count a counts, and
// returns the arm rule that says so: both have the same form (n, of and percent given
// alike, and one unit), b is the subject of no clause of its own and counts nothing else,
// and an arm rule matches the words between them exactly ("4.0% versus 3.9%", "6.8% with
// capecitabine and 4.8% with S-1"; a bracket rule only inside one bracket, "(n = 3 and
// n = 2)"), with no outcome between.
func (c *Classifier) armJoin(rn *run, st *sentenceState, a, b incidenceHit) *IncidenceRule {
	shape := func(h incidenceHit) [3]bool { return [3]bool{h.n != nil, h.of != nil, h.pct != nil} }
	// a table's zero cell, "| 7 (6) | 0 |", is a column's count as a cell "n (p)" is; so is
	// "in no patient" after "in 4 patients (2.5%) on the drug and": a zero has no share to write
	zeroCell := func(h incidenceHit) bool { return h.n != nil && *h.n == 0 && h.of == nil && h.pct == nil }
	// a zero out of its whole needs no share: "in 2 of 18 (11%), compared with 0 of 19"
	zeroArm := (zeroCell(b) && b.rule.Negated || zeroOfWhole(b)) && a.n != nil && *a.n > 0 && b.start > 0 &&
		(st.units[b.start-1].norm == "in" || zeroOfWhole(b) && a.of != nil)
	// "in no patient in the first group and in 6 patients (4%) in the second": the zero
	// first, the other arm's count after it
	zeroFirst := zeroCell(a) && a.rule.Negated && !b.rule.Negated && b.n != nil && *b.n > 0 &&
		a.start > 0 && st.units[a.start-1].norm == "in" && b.start > 0 && st.units[b.start-1].norm == "in"
	if a.rule.Negated && !zeroFirst || b.rule.Negated && !zeroArm || a.rule.All || b.rule.All || b.rule.BindsAfter && (outcomeInReach(st, b) || st.units[b.start].norm != "and") || a.rule.Unit != b.rule.Unit {
		return nil
	}
	// "in one adult with the short course and four with the long course": a count whose own
	// words open with the join ("and three with") is joined over that word
	bStart := b.start
	if b.rule.BindsAfter && b.start+1 < b.end && st.units[b.start].norm == "and" {
		bStart = b.start + 1
	}
	// a zero out of its whole is alike with a count out of its whole that gives its share
	// too ("in none of the 268 … and in 4 of 271 (1.5%) …"): a zero has no share to write
	zeroNoShare := func(z, o incidenceHit) bool { return *z.n == 0 && z.pct == nil && *o.n > 0 && o.pct != nil }
	bothWholes := a.n != nil && a.of != nil && b.n != nil && b.of != nil && (zeroNoShare(a, b) || zeroNoShare(b, a))
	sameShape := shape(a) == shape(b) || bothWholes || (st.tableShape().barred || st.cellArms) && (zeroCell(a) || zeroCell(b)) || zeroArm || zeroFirst
	// "3 (2.8) 6 (5.3)", "4/7 2/3": cells whose bars were lost; a zero cell beside a cell
	// of any form, "Sepsis    0    2 (1.4%)"
	adjacentCells := st.cellArms && b.start == a.end && (a.rule.TableRow && b.rule.TableRow || a.rule.ID == b.rule.ID ||
		zeroCell(a) && a.rule.TableRow || zeroCell(b) && b.rule.TableRow)
	if b.start <= a.end && !adjacentCells || ownVerbAfter(st, b) || countsOther(st, b.end) || st.hasClassIn(a.end, b.start, CountOtherClass) {
		return nil
	}
	for _, m := range st.matches {
		start := m.ustart
		if isGrade(m.Facet) && m.gstart > m.ustart {
			start = m.gstart // "CRS of any grade: 92% vs 85%; grade ≥3: 4% vs 9%": the grade stands where it is written
		}
		if isOutcome(m.Facet) && start < b.start && m.uend > a.end && !namesArm(st, m, a, armWords) {
			return nil // "neutropenia in 40% and anemia in 30%"
		}
	}
	for _, r := range c.incidence {
		if r.Kind != IncidenceArm || !docOK(r.When, rn.docClasses) || r.TableRow && !st.tableShape().row {
			continue
		}
		if adjacentCells {
			if r.ID == ColumnArmRule && sameShape {
				return r.IncidenceRule // the bar between the cells was lost
			}
			continue
		}
		if r.Breakdown && !groupFollows(st, b.end) || !r.Breakdown && !sameShape ||
			r.OtherWholes && !otherWholes(a, b) ||
			len(r.Joins) > 0 && (!slices.Contains(r.Joins, a.rule.ID) || !slices.Contains(r.Joins, b.rule.ID)) {
			continue
		}
		if !armWordsReach(st, r.p, a.end, bStart, b.end) {
			continue
		}
		if r.AfterArms && !armsBefore(st, a) {
			continue
		}
		if r.Bracket && !inOneBracket(st, a.start, b.end) {
			continue
		}
		return r.IncidenceRule
	}
	return nil
}

// armWordsReach reports whether arm pattern p matches the words from from up to the next
// count, which starts at bStart and ends at bEnd: exactly up to it, or over the preposition
// that opens it ("…, the third dose in 4%" starts at "in", "… in 5 (8%)" at its number: the
// "in" before a count is the arm's words either way).
func armWordsReach(st *sentenceState, p *Pattern, from, bStart, bEnd int) bool {
	m := &patternMatcher{s: st, p: p, until: bStart}
	if end, ok := m.match(0, from); ok && end == bStart {
		return true
	}
	if bStart+1 >= bEnd || !armPrepositions[st.units[bStart].norm] {
		return false
	}
	m = &patternMatcher{s: st, p: p, until: bStart + 1}
	end, ok := m.match(0, from)
	return ok && end == bStart+1
}

// armPrepositions open a count that an arm's words may end on.
var armPrepositions = map[string]bool{"in": true, "after": true, "with": true, "at": true}

// armsBefore reports whether a count before count a in its sentence was given an arm (its
// incidence has one, of an arm join or a group's count): the sentence compares arms. (Past a
// semicolon too: "…; grade 3 in 5 (8%) and 2 (3%)" goes on comparing them.)
func armsBefore(st *sentenceState, a incidenceHit) bool {
	at := st.units[a.start].start
	return slices.ContainsFunc(st.matches, func(m match) bool {
		return m.Incidence != nil && m.Incidence.Arm > 0 && m.Incidence.End <= at
	})
}

// outcomeInReach reports whether an outcome tag starts within the reach of a count that
// binds the outcome after it ("and 2 with pneumonia"): one that opens with "and" and finds
// none there ("in one adult with the short course and four with the long course") may be
// another arm's count. (After a comma such counts are more often a breakdown by kind: "one
// with S. aureus, one with E. coli".)
func outcomeInReach(st *sentenceState, h incidenceHit) bool {
	return h.rule.Reach <= 0 || outcomeBetween(st, h.end, h.end+h.rule.Reach)
}

// zeroOfWhole reports whether count h is a zero out of its own whole ("none of the 10
// adults"): an arm with none, however its whole is written.
func zeroOfWhole(h incidenceHit) bool {
	return h.n != nil && *h.n == 0 && h.of != nil && h.pct == nil
}

// wholeShaped returns count a with the sentence's whole as its denominator when a states
// none, counts patients after that whole in its clause, and the next count b states one:
// "Among the 98 patients in arm A, 7 developed pneumonia, compared with 15 of 101 in arm B"
// compares 7 of 98 with 15 of 101, two counts of one form, and "Of 210 patients given
// cefazolin, 9 (4.3%) developed …, compared with 19 (9.1%) of 208 given placebo" 9 (4.3%)
// of 210 with 19 (9.1%) of 208.
func wholeShaped(st *sentenceState, a, b incidenceHit, w *incidenceHit) incidenceHit {
	if w == nil || a.of != nil || a.n == nil || b.of == nil || (a.pct == nil) != (b.pct == nil) || a.start < w.end-1 ||
		*a.n > *w.of || w.rule.Unit == UnitEvents || semicolonBetween(st.units, w.end, a.start) {
		return a
	}
	a.of = w.of
	return a
}

// otherWholes reports whether two counts are of different wholes: each states its own and
// they differ ("in 4/20 and 7/25 patients"), or neither states one and their shares put
// them out of wholes that differ by more than a tenth ("39 patients (40.6%) and 97 patients
// (33.7%)": of about 96 and 288), so they can only be two groups' counts.
func otherWholes(a, b incidenceHit) bool {
	if a.of != nil && b.of != nil {
		return *a.of != *b.of
	}
	if a.of != nil || b.of != nil || a.n == nil || b.n == nil || a.pct == nil || b.pct == nil || *a.pct <= 0 || *b.pct <= 0 || *a.n == 0 || *b.n == 0 {
		return false
	}
	wa, wb := float64(*a.n)*100 / *a.pct, float64(*b.n)*100 / *b.pct
	return math.Abs(wa-wb) > 0.1*max(wa, wb)
}

// armWords are the words after a count that name its arm by what the arm was given, when
// the count of another arm follows; withWords name it on their own ("6% with IVIG"), where
// "9 were given dexamethasone", "12 on tocilizumab" count the treatment.
var (
	armWords  = map[string]bool{"with": true, "without": true, "on": true, "after": true, "receiving": true, "given": true}
	withWords = map[string]bool{"with": true, "without": true}
)

// namesArm reports whether treatment tag m names the arm of count a, right after it and
// one of words, or one word on ("8% with pegfilgrastim and 21% without it", "6% with
// primary IVIG"): a label, neither what the count counts nor an outcome between two arms'
// counts.
func namesArm(st *sentenceState, m match, a incidenceHit, words map[string]bool) bool {
	return m.Facet == toxicityTreatmentFacet && a.end < len(st.units) && words[st.units[a.end].norm] &&
		(m.ustart == a.end+1 || m.ustart == a.end+2)
}

// inGradeBracket reports whether count h stands in a bracket that opens with a grade, right
// after an adverse event, with no grade tag in it ("infections (grade ≥3 in 9)"): a count of
// the event at that grade (gradeShares), not of the event.
func inGradeBracket(st *sentenceState, h incidenceHit) bool {
	open := gradeBracketOpen(st, h)
	if open < 0 {
		return false
	}
	for _, m := range st.matches {
		if isGrade(m.Facet) && m.uend > open && m.ustart < h.end {
			return false
		}
	}
	return slices.ContainsFunc(st.matches, func(m match) bool { return m.Facet == adverseEventFacet && m.uend == open })
}

// gradeBracketOpen returns where the bracket that count h stands in opens when it opens
// with a grade right after an outcome tag ("CRS (grade 1, n = 18; grade 2, n = 6)",
// "infections (grade ≥3 in 9)"), or -1.
func gradeBracketOpen(st *sentenceState, h incidenceHit) int {
	us := st.units
	open := -1
	for u := h.start - 1; u >= 0; u-- {
		if us[u].norm == ")" {
			return -1
		}
		if us[u].norm == "(" {
			open = u
			break
		}
	}
	if open < 1 || !startsGrade(us[open+1].norm) {
		return -1
	}
	if g, ok := parseGrade(us, open+1); !ok || len(g.values) == 0 || g.end > h.start {
		return -1
	}
	if !slices.ContainsFunc(st.matches, func(m match) bool { return isOutcome(m.Facet) && m.uend == open }) {
		return -1
	}
	return open
}

// subjectWithOutcome returns count a as another arm's count after it sees it: a subject
// count that counted the outcomes after its verb ("12 patients (30%) had severe CRS,
// compared with 8 (20%) …"; "5 deaths from sepsis in the first arm and 3 in …", whose
// outcome starts inside its words) ends, for the join, where those outcomes end; any other
// count as it is.
func subjectWithOutcome(st *sentenceState, a incidenceHit, targets []int, b incidenceHit) incidenceHit {
	end := a.end
	for _, k := range targets {
		m := st.matches[k]
		if m.ustart < a.start || m.uend <= a.end || m.uend > b.start {
			return a
		}
		end = max(end, m.uend)
	}
	a.end = end
	return a
}

// inOneBracket reports whether the units [start, end) stand inside one bracket.
func inOneBracket(st *sentenceState, start, end int) bool {
	depth := 0
	for u := start - 1; u >= 0; u-- {
		switch st.units[u].norm {
		case ")":
			depth++
		case "(":
			if depth == 0 {
				return closingBracket(st.units, u) >= end
			}
			depth--
		}
	}
	return false
}

// afterOutcome reports whether an outcome tag ends right before unit u ("neutropenia 5%").
func afterOutcome(st *sentenceState, u int) bool {
	// "CRS (any grade) 85%": a bracket of words between them is the outcome's qualifier
	if u > 0 && st.units[u-1].norm == ")" {
		if o := openingBracket(st.units, u-1); o >= 0 && !slices.ContainsFunc(st.units[o+1:u-1], func(x unit) bool {
			return x.norm != "-" && (!x.word || strings.ContainsAny(x.norm, "0123456789"))
		}) {
			u = o
		}
	}
	for _, m := range st.matches {
		// a grade of a list of grades ends where its item does ("grade 1: 6; grade 2: 2")
		if isOutcome(m.Facet) && (m.uend == u || isGrade(m.Facet) && m.bend == u) {
			return true
		}
	}
	return false
}

// unmappedRespectively reports whether the hit hits[hi] is one of counts that a
// "respectively" later in its clause gives, in order, to a list of outcomes of which only
// some are tags ("fever and pneumonia rates of 31% and 12%, respectively", where fever is none): it
// counts the outcome at its place in that list, which is unknown, not the nearest.
func unmappedRespectively(st *sentenceState, hits []incidenceHit, hi int) bool {
	if hi+1 >= len(hits) {
		return false
	}
	next, resp := hits[hi+1].start, false
	for u := hits[hi].end; u < len(st.units) && !resp; u++ {
		if n := st.units[u].norm; clauseEnds[n] || n == "." {
			return false
		} else if n == "respectively" {
			if u < next {
				return false
			}
			resp = true
		}
	}
	if !resp {
		return false
	}
	// The outcome before the counts stands in a list after words that are no tag ("fever
	// and pneumonia rates"); alone ("and serious infections occurred in 0.8%, 2.2% and 5.6%,
	// respectively"), the list is one of groups and the counts are its own.
	last := -1
	for k, m := range st.matches {
		if isOutcome(m.Facet) && m.uend <= hits[hi].start && (last < 0 || m.uend > st.matches[last].uend) {
			last = k
		}
	}
	if last < 0 {
		return false
	}
	m, us := st.matches[last], st.units
	word := func(u int) bool {
		return u >= 0 && u < len(us) && us[u].word && (us[u].norm[0] < '0' || us[u].norm[0] > '9') && !st.hasClassAt(u, CountNounClass)
	}
	joins := func(u int) bool { return u >= 0 && u < len(us) && (us[u].norm == "and" || us[u].norm == "or") }
	// Only a tag that is not the list's first item has lost its place: "tocilizumab and
	// steroids were given to 8 (40%) and 3 (15%)" still gives the first count to the first.
	// A serial comma may stand before the join ("OS, PFS, and NRM were 58%, 33%, and 7%").
	before := m.ustart - 2
	if before >= 0 && us[before].norm == "," {
		// "neutropenia in 46 (38%) in the docetaxel group and 29 (24%) in the control
		// group, and febrile neutropenia in 11 (9%) and 3 (3%), respectively": after
		// counts of their own since the comma or semicolon before, ", and" opens a
		// clause, no list ("CRS in 32, and fever, hypoxia, and ICANS in 30, 12, and 5,
		// respectively" is one)
		item := before - 1
		for item >= 0 && us[item].norm != "," && us[item].norm != ";" {
			item--
		}
		if slices.ContainsFunc(hits[:hi], func(h incidenceHit) bool { return h.start > item && h.end <= before }) {
			return false
		}
		before--
	}
	return joins(m.ustart-1) && word(before)
}

// countList returns how many hits make a list of counts starting at hits[hi]: hits of list
// rules that only list separators stand between ("in 80% and 20% of patients"), 1 if none.
//
// A bare count (list "after") is an item only in a list whose first item is a count ("in 10,
// 5 and 2 patients"); after one, or after an item that ends in its separator ("in 12 and"),
// the last item may be a count of another form ("2 patients") unless its verb follows.
func countList(st *sentenceState, hits []incidenceHit, hi int) int {
	if k := subjectList(st, hits, hi); k > 1 {
		return k
	}
	if hits[hi].rule.List == "" || hits[hi].rule.List == ListAfter {
		return 1
	}
	labelled := partLabelled(st, hits[hi]) // parts that each open with their group
	k := hi + 1
	for ; k < len(hits); k++ {
		prev, h := hits[k-1], hits[k]
		endsInSep := prev.end > prev.start && listSeparators[st.units[prev.end-1].norm]
		if h.start == prev.end && !endsInSep {
			break
		}
		sep := true
		upTo := h.start // "(axi-cel 82%, liso-cel 54%)": the next part's label is no separator
		if l := partLabelStart(st, h); labelled && l > prev.end {
			upTo = l
		}
		for u := prev.end; u < upTo; u++ {
			if !listSeparators[st.units[u].norm] {
				sep = false
				break
			}
		}
		if !sep {
			break
		}
		// "in 16 of 33 patients (48%), and 9 (27%) needed the ICU": after a comma, a count
		// followed by its own verb opens a clause of its own.
		if h.rule.subjectVerbs.verbAfter(st.units, h.end) && slices.ContainsFunc(st.units[prev.end:h.start], func(u unit) bool { return u.norm == "," }) {
			break
		}
		if h.rule.List == ListAfter && hits[hi].n == nil {
			break // "in 64%, 5": a bare count follows counts only
		}
		if h.rule.List == "" {
			if hits[hi].n != nil && (prev.rule.List == ListAfter || h.start == prev.end && endsInSep) &&
				h.n != nil && !h.rule.subjectVerbs.verbAfter(st.units, h.end) {
				k++ // "… 5 and 2 patients": the last item
			}
			break
		}
	}
	return k - hi
}

// subjectList returns the length of a list of bare counts starting at hits[hi] that ends in
// a count whose form opens with the list's last separator and holds its verb, when
// "respectively" closes the clause ("5 and 9 patients had grade 1 and 2 CRS,
// respectively", "3, 4 and 2 had …"), or 0. Bare counts count only in such a list.
func subjectList(st *sentenceState, hits []incidenceHit, hi int) int {
	for j := hi; j+1 < len(hits); j++ {
		h, next := hits[j], hits[j+1]
		if h.rule.List != ListAfter || h.n == nil {
			return 0
		}
		// the last item opens with its separator and holds its verb, or follows "and" and
		// binds what comes after it ("6 and 4 patients, respectively, died of sepsis")
		if andBefore := next.start == h.end+1 && st.units[h.end].norm == "and"; next.start == h.end || andBefore {
			if (next.rule.BindsAfter || andBefore && respectiveSubject(st, next)) && next.n != nil && (andBefore || listSeparators[st.units[next.start].norm]) && respectivelyAfter(st, next.end) {
				return j + 2 - hi
			}
			return 0
		}
		for u := h.end; u < next.start; u++ {
			if st.units[u].norm != "," {
				return 0 // "3, 4 and 2": only commas between the bare counts
			}
		}
	}
	return 0
}

// respectiveSubject reports whether the count h is the subject of a verb of its rule right
// after it, a ", respectively," between ("4 patients, respectively, died of sepsis").
func respectiveSubject(st *sentenceState, h incidenceHit) bool {
	us, e := st.units, h.end
	if e+2 < len(us) && us[e].norm == "," && us[e+1].norm == "respectively" && us[e+2].norm == "," {
		e += 3
	}
	return h.rule.subjectVerbs.verbAfter(us, e)
}

// listTargets binds a list of n counts starting at hits[hi] to the n outcomes before it, in
// order ("CRS, ICANS and infections occurred in 35%, 12% and 20%"): the outcomes are the runs
// of overlapping tags (a grade and its event are one) between the count before the list and
// the list, the last within reach of it. It returns nil when there are fewer than n.
func listTargets(st *sentenceState, hits []incidenceHit, hi, n int, bound []bool) [][]int {
	h := hits[hi]
	prevEnd := 0
	// a count in an event's own bracket closed before the list ("CRS (grade ≥3, 2%) and
	// neurotoxicity (grade ≥3, 10%) in 58% and 21%, respectively") fences no item off
	for j := hi - 1; j >= 0; j-- {
		if !inEventBracket(st, hits[j], h.start) {
			prevEnd = hits[j].end
			break
		}
	}
	var cand []int
	for k := range st.matches {
		m := st.matches[k]
		status := m.Status == Affirmed
		if h.rule.Negated {
			status = m.Status == Negated && !m.noCount
		}
		if isOutcome(m.Facet) && status && !bound[k] && m.Incidence == nil && m.bstart >= prevEnd && m.bend <= h.start && !takesNoCount(st, m) {
			if partOf(st, m) {
				return nil // "late-onset CRS and ICANS … (0% and 1.5%)": the list is of parts
			}
			if givenFor(st, m) {
				continue // "tocilizumab for CRS was used in 12 (40%) versus 6 (20%)": no item of the list
			}
			cand = append(cand, k)
		}
	}
	slots, items := outcomeItems(st, cand)
	end := -1 // where the last run ends
	if len(slots) > 0 {
		for _, k := range slots[len(slots)-1] {
			end = max(end, st.matches[k].bend)
		}
	}
	if h.start-end > incidenceBefore || st.hasClassIn(end, h.start, CountOtherClass) || countsOther(st, hits[hi+n-1].end) {
		return nil
	}
	if len(items) == 0 {
		return nil
	}
	if last := items[len(items)-1]; len(items)+1 == n && oneGradeTag(st, last) && (anyGradeBefore(st, st.matches[last[0]]) || anyGradeAfter(st, st.matches[last[0]])) &&
		!countsBeforeRespectively(st, hits, hi+n) {
		// "any-grade and grade ≥3 CRS were 90% and 10%", "CRS of any grade and of grade
		// 3-4 occurred in 36 and 4": the event, then its grade (each grade of a range).
		for _, k := range slots[len(slots)-1] {
			if st.matches[k].Facet+"_grade" == st.matches[last[0]].Facet {
				items = append(items[:len(items)-1], []int{k}, last)
				break
			}
		}
	}
	if len(items) >= 2 && len(items) < n && respectivelyAfter(st, hits[hi+n-1].end) {
		// "fever, lymphopenia and CRS in 14, 11 and 8 patients, respectively": some items
		// are no tags; each tag takes the count at its place in the list, counted back
		// from the end of the list by the separators after it.
		if byPlace := itemsByPlace(st, items, n, h.start); byPlace != nil {
			return byPlace
		}
	}
	out := gradeRunItems(st, items, n)
	if out == nil && len(items) == 1 && respectivelyAfter(st, hits[hi+n-1].end) {
		// "Fatigue and neutropenia occurred in 24% and 11%, respectively": the one tag of
		// a list of outcomes that opens the sentence takes the count at its place.
		if place, ok := subjectListPlace(st, st.matches[items[0][0]], n); ok {
			out = make([][]int, n)
			out[place] = items[0]
		}
	}
	return out
}

// inEventBracket reports whether the count h stands inside a bracket that an outcome's
// words open or that follows them at once ("CRS (grade ≥3, 2%)"), closed before unit
// before.
func inEventBracket(st *sentenceState, h incidenceHit, before int) bool {
	us := st.units
	for u := h.start - 1; u >= 0; u-- {
		switch us[u].norm {
		case ")":
			return false
		case "(":
			if c := closingBracket(us, u); c < h.end-1 || c >= before {
				return false
			}
			return slices.ContainsFunc(st.matches, func(m match) bool {
				return isOutcome(m.Facet) && (m.uend == u || m.ustart < u && m.uend > u)
			})
		}
	}
	return false
}

// subjectListReach is how many units a list of outcomes that opens a sentence may run.
const subjectListReach = 24

// subjectLead are the words that open a sentence with a phrase of its own ("After the
// cells, CRS …", "In arm A, …"), not with a list of outcomes, and that no such list holds
// ("infection rates with drug A and drug B": the list is of arms).
var subjectLead = map[string]bool{"after": true, "in": true, "among": true, "following": true, "during": true,
	"with": true, "within": true, "of": true, "at": true, "for": true, "by": true, "on": true, "from": true, "before": true, "overall": true}

// subjectListPlace returns the place of tag m in the list of n outcomes that opens its
// sentence as the subject of its verb ("Fatigue and neutropenia occurred in 24% and 11%,
// respectively": neutropenia is the second of two, the other no tag). The list runs from
// the sentence's first word to the first verb of clauseVerbs after m, with no preposition
// of subjectLead, its items joined by ",", "and" or "or" (", and" as one; what brackets hold
// is no item). It reports false when no such list holds m or its items are not n.
func subjectListPlace(st *sentenceState, m match, n int) (int, bool) {
	us := st.units
	if len(us) == 0 || subjectLead[us[0].norm] {
		return 0, false
	}
	seps, after, depth := 0, 0, 0
	for u := 0; u < len(us) && u < subjectListReach; u++ {
		w := us[u].norm
		switch {
		case w == "(" || w == "[":
			depth++
		case w == ")" || w == "]":
			depth--
		case depth > 0:
		case clauseVerbs[w]:
			if u < m.bend || seps+1 != n {
				return 0, false
			}
			return n - 1 - after, true
		case w == ";" || w == ":" || isNumeral(w) || subjectLead[w]:
			return 0, false // "infection rates with drug A and drug B were …": arms, not outcomes
		case w == "," || w == "and" || w == "or":
			if w == "," && u+1 < len(us) && (us[u+1].norm == "and" || us[u+1].norm == "or") {
				continue // ", and" is one separator: its "and" counts
			}
			seps++
			if u >= m.bend {
				after++
			}
		}
	}
	return 0, false
}

// outcomeItems groups candidate outcome tags (sorted here by start) into runs of
// overlapping tags (a grade and its event are one) and each run into its item: the tag that
// ends last (a grade before its event) with every tag of its span.
func outcomeItems(st *sentenceState, cand []int) (slots, items [][]int) {
	slices.SortStableFunc(cand, func(a, b int) int { return st.matches[a].bstart - st.matches[b].bstart })
	end := -1
	for _, k := range cand {
		m := st.matches[k]
		if len(slots) > 0 && m.bstart < end {
			slots[len(slots)-1] = append(slots[len(slots)-1], k)
			end = max(end, m.bend)
			continue
		}
		slots = append(slots, []int{k})
		end = m.bend
	}
	items = make([][]int, 0, len(slots))
	for _, slot := range slots {
		best := slot[0]
		for _, k := range slot[1:] {
			m, b := st.matches[k], st.matches[best]
			if m.bend > b.bend || m.bend == b.bend && isGrade(m.Facet) && !isGrade(b.Facet) {
				best = k
			}
		}
		b := st.matches[best]
		var item []int
		for _, k := range slot {
			if m := st.matches[k]; m.Facet == b.Facet && m.bstart == b.bstart && m.bend == b.bend {
				item = append(item, k)
			}
		}
		items = append(items, item)
	}
	return slots, items
}

// gradeRunItems returns the last n items for n counts, or nil when there are fewer: a last
// item that is one run of grades ("Grade 1 and 2 CRS occurred in 60% and 30%") gives an
// item per grade, in grade order.
func gradeRunItems(st *sentenceState, items [][]int, n int) [][]int {
	if len(items) == 0 {
		return nil
	}
	if len(items) < n {
		last := items[len(items)-1]
		if len(items)-1+len(last) != n || !isGrade(st.matches[last[0]].Facet) {
			return nil
		}
		slices.SortStableFunc(last, func(a, b int) int { return cmpValues(st.matches[a].Value, st.matches[b].Value) })
		items = items[:len(items)-1]
		for _, k := range last {
			items = append(items, []int{k})
		}
	}
	return items[len(items)-n:]
}

// listTargetsAfter binds a list of n counts starting at hits[hi], the subject of a verb
// (one of the last count's subject verbs, or in its form when that binds after),
// to the n outcomes after the verb, in order, when "respectively" closes them ("20 (50%)
// and 6 (15%) patients developed CRS and ICANS, respectively"). It returns nil otherwise.
func listTargetsAfter(st *sentenceState, hits []incidenceHit, hi, n int, bound []bool) [][]int {
	last := hits[hi+n-1]
	if last.end >= len(st.units) || !last.rule.BindsAfter && !last.rule.subjectVerbs.verbAfter(st.units, last.end) {
		return nil
	}
	resp := -1
	for u := last.end; u < len(st.units) && resp < 0; u++ {
		switch w := st.units[u].norm; {
		case w == "respectively":
			resp = u
		case clauseEnds[w] || w == "." || w == "(":
			return nil
		}
	}
	if resp < 0 || resp-last.end > incidenceAfter+6 || hi+n < len(hits) && hits[hi+n].start < resp {
		return nil
	}
	var cand []int
	for k, m := range st.matches {
		start := m.bstart
		if m.gstart > m.bstart { // "CRS occurred in 12; 9 and 3 patients had grade 1 and 2, respectively": the grade stands after the counts
			start = m.gstart
		}
		if isOutcome(m.Facet) && m.Status == Affirmed && !bound[k] && m.Incidence == nil && start >= last.end && m.bend <= resp && !takesNoCount(st, m) {
			if partOf(st, m) {
				return nil
			}
			cand = append(cand, k)
		}
	}
	_, items := outcomeItems(st, cand)
	if len(items) > n {
		return nil
	}
	return gradeRunItems(st, items, n)
}

// itemsByPlace maps the items of a list of outcomes, some of its items no tags, to the n
// counts after it by place: an item's place from the end is the number of separators (",",
// "and", "or", ", and" as one) between it and the words that lead to the counts (before
// unit end; what brackets hold is no separator: "cytokine release syndrome (CRS)"). It
// returns nil when a place falls outside the counts or two items share one, or a ";" stands
// in the list.
func itemsByPlace(st *sentenceState, items [][]int, n, end int) [][]int {
	out := make([][]int, n)
	for _, item := range items {
		m := st.matches[item[0]]
		seps, depth := 0, 0
		for u := m.bend; u < end; u++ {
			switch st.units[u].norm {
			case "(", "[":
				depth++
				continue
			case ")", "]":
				depth--
				continue
			case ";":
				return nil
			}
			if depth > 0 {
				continue
			}
			switch st.units[u].norm {
			case ",":
				seps++
				if u+1 < end && (st.units[u+1].norm == "and" || st.units[u+1].norm == "or") {
					u++
				}
			case "and", "or":
				seps++
			}
		}
		place := n - 1 - seps
		if place < 0 || out[place] != nil {
			return nil
		}
		out[place] = item
	}
	return out
}

// anyGradeBefore reports whether "any grade and" (or "all-grade or") stands right before a
// grade tag: "any-grade and grade ≥3 CRS" names the event of any grade, then its grade.
func anyGradeBefore(st *sentenceState, m match) bool {
	u := m.bstart
	if !isGrade(m.Facet) || u < 3 || m.gstart > m.bstart {
		return false
	}
	w := func(k int) string { return st.units[k].norm }
	return (w(u-3) == "any" || w(u-3) == "all") && (w(u-2) == "grade" || w(u-2) == "grades") &&
		(w(u-1) == "and" || w(u-1) == "or")
}

// pooledAfter reports whether the words at unit u pool the groups they name ("across both
// cohorts", "in all arms combined"): no group of its own.
func pooledAfter(us []unit, u int) bool {
	return u < len(us) && (us[u].norm == "across" || us[u].norm == "overall" || u+1 < len(us) && us[u].norm == "in" && (us[u+1].norm == "all" || us[u+1].norm == "both"))
}

// countsBeforeRespectively reports whether count hits[from] and those after it stand before
// the "respectively" that closes the list of counts ending before it: the list is one
// group's of several ("in 18 and 2 patients in cohort A and in 16 and 1 in cohort B,
// respectively"), no list of the event's grades alone.
func countsBeforeRespectively(st *sentenceState, hits []incidenceHit, from int) bool {
	if from <= 0 || from >= len(hits) {
		return false
	}
	for u := hits[from-1].end; u < len(st.units) && u < hits[from-1].end+respectivelyReach; u++ {
		if st.units[u].norm == "respectively" {
			return hits[from].start < u
		}
	}
	return false
}

// oneGradeTag reports whether the tags of item are the grades of one grade tag: one grade, or
// each grade of one range ("grade 3-4 ICANS").
func oneGradeTag(st *sentenceState, item []int) bool {
	first := st.matches[item[0]]
	for _, k := range item {
		m := st.matches[k]
		if !isGrade(m.Facet) || m.Facet != first.Facet || m.Start != first.Start || m.End != first.End {
			return false
		}
	}
	return true
}

// anyGradeAfter reports whether the grade of grade tag m is written after its event, right
// after "any grade and" ("CRS of any grade and of grade 3 or higher", "ICANS of any grade or
// grade ≥3", "neurotoxicity (any grade and grade 3-4)"): the event of any grade, then its grade.
func anyGradeAfter(st *sentenceState, m match) bool {
	if !isGrade(m.Facet) || m.gstart <= m.ustart {
		return false
	}
	w := func(k int) string {
		if k < m.ustart || k >= len(st.units) {
			return ""
		}
		return st.units[k].norm
	}
	u := m.gstart
	if w(u-1) == "of" || w(u-1) == "at" {
		u--
	}
	if w(u-1) != "and" && w(u-1) != "or" && w(u-1) != "," {
		return false
	}
	u--
	if w(u-1) != "grade" && w(u-1) != "grades" {
		return false
	}
	u--
	if w(u-1) == "-" {
		u--
	}
	return w(u-1) == "any" || w(u-1) == "all"
}

// cmpValues orders grade values as SortValues does.
func cmpValues(a, b string) int {
	v := []string{a, b}
	SortValues(v)
	if a == b {
		return 0
	}
	if v[0] == a {
		return -1
	}
	return 1
}

// openingBracket returns the unit that opens the bracket closed at unit close, or -1.
func openingBracket(us []unit, close int) int {
	depth := 0
	for k := close; k >= 0; k-- {
		switch us[k].norm {
		case ")":
			depth++
		case "(":
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return -1
}

// listInside reports whether the bracket from open to close holds a list of several
// items: a comma or semicolon at its own depth.
func listInside(us []unit, open, close int) bool {
	depth := 0
	for k := open + 1; k < close; k++ {
		switch us[k].norm {
		case "(":
			depth++
		case ")":
			depth--
		case ",", ";":
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// closingBracket returns the unit that closes the bracket opened at unit open, or -1.
func closingBracket(us []unit, open int) int {
	depth := 0
	for k := open; k < len(us); k++ {
		switch us[k].norm {
		case "(":
			depth++
		case ")":
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return -1
}

// countsOnly reports whether the tags a count counted (indices into st.matches) are all of
// one facet, and there is at least one.
func countsOnly(st *sentenceState, targets []int, facet string) bool {
	for _, k := range targets {
		if st.matches[k].Facet != facet {
			return false
		}
	}
	return len(targets) > 0
}

func isGrade(facet string) bool {
	f, ok := LookupFacet(facet)
	return ok && f.Graded
}

// populations returns the population statements of a document: (number, sentence index)
// pairs in text order.
func (c *Classifier) populations(rn *run) [][2]int {
	var out [][2]int
	for i, st := range rn.states {
		if st.skip || !st.sent.Section.CountsForFacets() {
			continue
		}
		for _, h := range c.populationHits(rn, st) {
			if h.of != nil && *h.of > 0 {
				out = append(out, [2]int{*h.of, i})
			}
		}
	}
	return out
}

// populationHits returns the population statements of a sentence, less those that are the
// subject of an outcome: "A total of 3 patients (15%) experienced ICANS" is no population of
// 3 (an event rule that binds after, its verb following, starts there).
func (c *Classifier) populationHits(rn *run, st *sentenceState) []incidenceHit {
	if len(st.numbers) == 0 && !slices.ContainsFunc(st.units, func(u unit) bool { return u.norm != "" && u.norm[0] >= '0' && u.norm[0] <= '9' }) {
		return nil // every population statement has its number
	}
	pops := c.runIncidence(rn, st, IncidencePopulation)
	if len(pops) == 0 {
		return nil
	}
	// Only a subject count (an event rule that binds after, with its verbs) can take a
	// population statement's place; the full event matches are read only where one of
	// those starts where a population statement does (they can only lose to longer ones).
	subject := func(r *IncidenceRule) bool { return r.BindsAfter && len(r.SubjectVerbs) > 0 }
	if !st.eventHitsRun && !slices.ContainsFunc(c.runIncidenceWhere(rn, st, IncidenceEvent, subject), func(e incidenceHit) bool {
		return slices.ContainsFunc(pops, func(p incidenceHit) bool { return p.start == e.start })
	}) {
		return pops
	}
	events := c.eventHits(rn, st)
	return slices.DeleteFunc(pops, func(p incidenceHit) bool {
		return slices.ContainsFunc(events, func(e incidenceHit) bool {
			return e.start == p.start && e.rule.BindsAfter && len(e.rule.SubjectVerbs) > 0
		})
	})
}

// majority picks the document's population from its population statements: the number
// most of them state, the first stated of equals ("A total of 16 patients were treated" and
// "16 patients with SLE received" outvote one arm of 10).
func majority(pops [][2]int) (n, sentence int, ok bool) {
	count := map[int]int{}
	first := map[int]int{}
	var order []int
	for _, p := range pops {
		if count[p[0]] == 0 {
			first[p[0]] = p[1]
			order = append(order, p[0])
		}
		count[p[0]]++
	}
	for _, v := range order {
		if !ok || count[v] > count[n] {
			n, sentence, ok = v, first[v], true
		}
	}
	return n, sentence, ok
}

// sharesWhole reports whether a count's stated share is its n of whole ("15 (10%)" of 150),
// to a point.
func sharesWhole(in *Incidence, whole int) bool {
	return in.N != nil && in.Percent != nil && fitsWhole(in, whole)
}

// fitsWhole reports whether whole can be the denominator of a count that states none: its
// n is no more than whole, and a percentage stated with n is n/whole (to a point). A count
// that fails names a subgroup's share ("of the 5 readmitted, CRS in 3 (60%)").
func fitsWhole(in *Incidence, whole int) bool {
	if in.N == nil {
		return true
	}
	if *in.N > whole {
		return false
	}
	return in.Percent == nil || whole > 0 && math.Abs(100*float64(*in.N)/float64(whole)-*in.Percent) <= 1
}

// checkIncidence adds the problems of each incidence: n over its denominator, a percentage
// that is not n/of (beyond rounding) or over 100, and grade counts of one event that add up
// past the event's own count.
func checkIncidence(rn *run) {
	events := map[string]*Incidence{} // crs, icans → their count
	gradeSum := map[string]int{}
	seenSpan := map[string]bool{}
	for _, st := range rn.states {
		for k := range st.matches {
			m := &st.matches[k]
			in := m.Incidence
			if in == nil {
				continue
			}
			if in.N != nil && in.Of != nil && *in.N > *in.Of {
				in.Problems = append(in.Problems, fmt.Sprintf("n %d is over its denominator %d", *in.N, *in.Of))
			}
			if in.Percent != nil && *in.Percent > 100 {
				in.Problems = append(in.Problems, fmt.Sprintf("%g%% is over 100%%", *in.Percent))
			}
			if in.N != nil && in.Of != nil && *in.Of > 0 && in.Percent != nil {
				if p := 100 * float64(*in.N) / float64(*in.Of); math.Abs(p-*in.Percent) > 1 {
					in.Problems = append(in.Problems, fmt.Sprintf("%g%% is not %d/%d (%.1f%%)", *in.Percent, *in.N, *in.Of, p))
				}
			}
			if m.Status != Affirmed || in.N == nil || in.Arm > 1 || in.Unit == UnitEvents {
				continue // another arm's count, or a count of episodes, adds to no sum of patients
			}
			switch {
			case !isGrade(m.Facet) && events[m.Facet] == nil:
				events[m.Facet] = in
			case isGrade(m.Facet):
				span := fmt.Sprintf("%s@%d", m.Facet, in.Start)
				if !seenSpan[span] { // a grade range counts its patients once
					seenSpan[span] = true
					gradeSum[strings.TrimSuffix(m.Facet, "_grade")] += *in.N
				}
			}
		}
	}
	for event, sum := range gradeSum {
		if in := events[event]; in != nil && sum > *in.N {
			in.Problems = append(in.Problems, fmt.Sprintf("its grades count %d patients, more than its %d", sum, *in.N))
		}
	}
}

// ListHeadClass is the vocabulary class of the words that open a list of the kinds of the
// outcome right before them ("infections were", "infections included"): each item of that
// list the rules do not tag is a kind of that outcome, and its count is the outcome's
// ("the commonest infections were sinusitis (n = 4) and otitis (n = 2)").
const ListHeadClass = "count.list_head"

// ListKindsValue is the value of the ListHeadClass words that keep the list inside its
// noun phrase ("complications such as …", "infections including …").
const ListKindsValue = "kinds"

// listItemWords is how many untagged words an item of a list of kinds may have.
const listItemWords = 4

// listHead returns the outcome tag whose list of kinds the count hits[hi] closes an item
// of, or -1. From the count it walks back over items, each of at most listItemWords words the
// rules do not tag (or a tag of the head's own value) right before its count ("(n = 4)",
// "(12%, 9% and 5%, respectively)", "in 4 patients"), items parted by "," or "and", to a
// term of ListHeadClass right after an affirmed outcome tag.
func listHead(st *sentenceState, hits []incidenceHit, hi int) int {
	us := st.units
	tagAt := func(u int) int {
		for k, m := range st.matches {
			if (isOutcome(m.Facet) || m.Facet == toxicityTreatmentFacet) && m.ustart <= u && u < m.uend {
				return k
			}
		}
		return -1
	}
	var itemTags []int
	// sameValues: every item that is a tag is of the head's value (an item of another
	// value makes a list of outcomes, which their own counts count)
	sameValues := func(head int) bool {
		return !slices.ContainsFunc(itemTags, func(j int) bool {
			return st.matches[j].Facet != st.matches[head].Facet || st.matches[j].Value != st.matches[head].Value
		})
	}
	bracketed := false // items parted by ";", in a bracket after the head
	u := hits[hi].start
	for items := 0; items < 8; items++ {
		e := u
		if e > 0 && (us[e-1].norm == "(" || us[e-1].norm == "in" || us[e-1].norm == ",") {
			e-- // "sinusitis (n = 4)", "sinusitis in 4 patients", "(sinusitis, n = 4; …)"
		}
		s := e
		for s > 0 && e-s < listItemWords && us[s-1].word && !isNumeral(us[s-1].norm) && !listSeparators[us[s-1].norm] && !st.hasClassEndingAt(s, ListHeadClass) {
			if w := us[s-1].norm; len(w) > 4 && strings.HasSuffix(w, "ed") {
				return -1 // "… were needed in 6 patients": a verb, no kind
			}
			if k := tagAt(s - 1); k >= 0 {
				itemTags = append(itemTags, k)
			}
			s--
		}
		if s == e || s == 0 {
			return -1
		}
		if us[s-1].norm == "(" && bracketed {
			// "serious infections (sinusitis, n = 4; otitis, n = 2)"
			for k, m := range st.matches {
				if m.uend == s-1 && isOutcome(m.Facet) && !isGrade(m.Facet) && m.Status == Affirmed && sameValues(k) {
					return k
				}
			}
			return -1
		}
		if st.hasClassEndingAt(s, ListHeadClass) {
			for _, t := range st.hits {
				if t.class != ListHeadClass || t.end != s {
					continue
				}
				for k, m := range st.matches {
					if m.uend != t.start || !isOutcome(m.Facet) || isGrade(m.Facet) || m.Status != Affirmed {
						continue
					}
					if !sameValues(k) {
						return -1 // an item of another value: a list of outcomes, which their own counts count
					}
					return k
				}
			}
			return -1
		}
		// the previous item's count, then "," or "and" (", and"), or ";" in a bracket
		p := s - 1
		if us[p].norm == ";" {
			bracketed = true
		} else if us[p].norm != "," && us[p].norm != "and" {
			return -1
		}
		if us[p].norm == "and" && p > 0 && us[p-1].norm == "," {
			p--
		}
		if p == 0 {
			return -1
		}
		if us[p-1].norm == ")" {
			open := openingBracket(us, p-1)
			if open < 0 || !slices.ContainsFunc(hits[:hi], func(h incidenceHit) bool { return h.start > open && h.start < p-1 || h.start == open }) {
				return -1
			}
			u = open
			continue
		}
		j := slices.IndexFunc(hits[:hi], func(h incidenceHit) bool { return h.end == p })
		if j < 0 {
			return -1
		}
		u = hits[j].start
	}
	return -1
}
