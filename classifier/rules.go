package classifier

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/yamlpos"
)

// Pos is a position in a rule file: file name, 1-based line and column.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// RuleError is a problem in a rule file, at a position.
type RuleError struct {
	Pos
	// RuleID is the id of the rule the problem is in, or "".
	RuleID string
	Msg    string
	// Prev is the earlier position a duplicate clashes with, if any.
	Prev *Pos
	// Err is the underlying error, if any (a YAML syntax error, a regular expression error).
	Err error
}

func (e *RuleError) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.RuleID != "" {
		b.WriteString(e.RuleID)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Prev != nil {
		b.WriteString(" (first defined at ")
		b.WriteString(e.Prev.String())
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *RuleError) Unwrap() error { return e.Err }

// InDir returns err with dir put before the file of every [RuleError] it holds (one, or
// several joined with [errors.Join]), so that each problem reads dir/file:line:col for a
// rule set loaded from a folder. Other errors pass unchanged.
func InDir(err error, dir string) error {
	if err == nil {
		return nil
	}
	var list []error
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		list = joined.Unwrap()
	} else {
		list = []error{err}
	}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	out := make([]error, 0, len(list))
	for _, e := range list {
		var re *RuleError
		if !errors.As(e, &re) {
			out = append(out, e)
			continue
		}
		c := *re
		c.File = prefix + c.File
		if c.Prev != nil {
			prev := *c.Prev
			prev.File = prefix + prev.File
			c.Prev = &prev
		}
		out = append(out, &c)
	}
	return errors.Join(out...)
}

// JoinedValue is the pattern value that takes the matched words as written, without spaces
// ("ISRCTN 77383050" gives "ISRCTN77383050").
const JoinedValue = "$joined"

// ErrNoRules is returned by [Load] when a folder holds no rule files.
var ErrNoRules = errors.New("no rule files (*.yaml) found")

// Example is a text inside a rule that must (Match) or must not produce a tag of that rule.
type Example struct {
	Pos
	Text string `json:"text"`
	// Values are the values the tags must have (Match) or must not have (!Match); empty means
	// any value.
	Values []string `json:"values,omitempty"`
	// Status is the status the tag must have; empty means any.
	Status string `json:"status,omitempty"`
	// Incidence is the incidence an incidence rule's example must give (match) or must not
	// (nomatch), written "crs_grade=2 3/11 27%" (facet=value, n, /of, percent; "-" for an n
	// the text does not give), or for a population rule the population: "15".
	Incidence string `json:"incidence,omitempty"`
	Match     bool   `json:"match"`
}

// Condition limits where a vocabulary or pattern rule tags.
type Condition struct {
	// DocumentHas: the document must mention a term of one of these classes.
	DocumentHas []string `json:"document_has,omitempty"`
	// DocumentLacks: the document must mention no term of these classes.
	DocumentLacks []string `json:"document_lacks,omitempty"`
	// DocumentValues limits DocumentHas and DocumentLacks to the tags of these values; a
	// tag of another value stands in any document (empty: the document conditions hold for
	// every value). A malaria trial's anaemia is its endpoint, its infections are not.
	DocumentValues []string `json:"document_values,omitempty"`
	// Near: the sentence must hold a term of one of these classes (other than the tag's own),
	// or one of the Window sentences before it a term of a NearBefore class.
	Near       []string `json:"near,omitempty"`
	NearBefore []string `json:"near_before,omitempty"`
	Window     int      `json:"window,omitempty"`
	// Heading: or the heading the sentence stands under holds a term of one of these
	// classes: the last heading before it up to the next one (a label such as
	// "BODY.RESULTS.SAFETY:", of which only the last part counts; a topic heading such as
	// "Adverse events"; a kept line that reads as one), or over a table's own lines its
	// caption ("Table 3 Adverse events"). No heading holds in a Methods, Objectives,
	// Background or Discussion section. A count of pneumonia in a Safety section is a harm
	// however many sentences down it stands.
	Heading []string `json:"heading,omitempty"`
	// HeadingLacks: the heading that meets Heading must hold no term of these classes
	// ("Efficacy and safety", "Baseline characteristics of the safety population" head no
	// harms alone); without Heading, the heading the sentence stands under, if any, must hold
	// none ("Renal failure requiring dialysis" under a caption of the patients'
	// characteristics before surgery is no harm, whatever harm word it holds).
	HeadingLacks []string `json:"heading_lacks,omitempty"`
	// UnlessNear: the sentence must hold no term of these classes outside the tag's own
	// words ("At baseline, 12 had anaemia", "…, 10 of whom had it at baseline": a state
	// before the study, whatever the heading over it).
	UnlessNear []string `json:"unless_near,omitempty"`
	// Chain: a tag that fails Near still stands when another tag of the same rule in the same
	// sentence meets it ("tocilizumab ..., with corticosteroids in one patient").
	Chain bool `json:"chain,omitempty"`
	// Observed: the sentence must report what happened to the study's own patients (an
	// observed signal: "3 of 12", "(n = 5)", "two patients developed", "in both groups").
	Observed bool `json:"observed,omitempty"`
	// Prose: the sentence must be no row of a table as the sentence's shape reads it (bars,
	// a row label, or a label and only "n (p)" cells; a flattened run of several rows is not
	// caught): a table's rows may be baseline figures whose caption says so lines away.
	Prose bool `json:"prose,omitempty"`
	// RefersTo: the match opens its sentence with words that refer back to an event the
	// sentence before named ("It was grade 1 in 20", "All events were grade 1–2"): the
	// sentence holds no term of a Referents class, and the sentence before holds such terms
	// of RefersTo classes only. Referents are the terms a word that refers back could mean
	// (empty: RefersTo's own): after "CRS in 20 and neutropenia in 12." an "It was grade 4
	// in 6" could mean either, and a grade of CRS does not stand.
	RefersTo  []string `json:"refers_to,omitempty"`
	Referents []string `json:"referents,omitempty"`
}

// TermGroup is the surface forms that mean one canonical value.
type TermGroup struct {
	Value string   `json:"value"`
	Forms []string `json:"forms"`
	Pos   Pos      `json:"-"`
	forms []Pos
}

// Vocabulary is a rule that maps surface forms to canonical values of a facet.
type Vocabulary struct {
	Pos
	ID          string      `json:"id"`
	Facet       string      `json:"facet,omitempty"`
	Class       string      `json:"class"`
	Description string      `json:"description"`
	Terms       []TermGroup `json:"terms"`
	// ExactCase lists forms that match only with the case written ("MS", "LN").
	ExactCase []string `json:"exact_case,omitempty"`
	// NotBefore and NotAfter list words (or /regexps/) that must not stand right before or
	// right after a match.
	NotBefore []string  `json:"not_before,omitempty"`
	NotAfter  []string  `json:"not_after,omitempty"`
	When      Condition `json:"when"`
	Examples  []Example `json:"examples,omitempty"`
	// Emit is false for vocabularies that only name a class for other rules (context words).
	Emit bool `json:"emit"`
	// Topic is false for words that name no topic ("resolved with", "developed"): a short
	// sentence of terms is a heading only when every word is in a term that names one.
	Topic bool `json:"topic"`

	facetPos            Pos
	notBefore, notAfter wordSet
}

// Pattern is a rule that matches a sequence of words, terms and captures.
type Pattern struct {
	Pos
	ID          string `json:"id"`
	Facet       string `json:"facet"`
	Description string `json:"description"`
	Source      string `json:"pattern"`
	// Value is the tag's value: a literal, or $name for a capture ($grade, $antigen).
	Value string `json:"value"`
	// At names the element whose span the tag covers; "" means the whole match.
	At string `json:"at,omitempty"`
	// Qualifies lists classes whose own tags inside the match are dropped when this rule's tag
	// is negated: "no high-grade CRS" negates the grade, not CRS itself.
	Qualifies []string  `json:"qualifies,omitempty"`
	Barriers  []string  `json:"barriers,omitempty"`
	When      Condition `json:"when"`
	Examples  []Example `json:"examples,omitempty"`

	srcPos   Pos
	facetPos Pos
	elems    []elem
	barWords []string // normalised barrier words
	barClass []string
}

// Cue categories.
const (
	CueNegated      = "negated"
	CueHypothetical = "hypothetical"
	CueGeneric      = "generic"
	CuePseudo       = "pseudo"
	CueTerminator   = "terminator"
	CueExclude      = "exclude"
	// CueContrast: words that open a sentence by setting other work against the report's
	// own ("Unlike in the pivotal trial, …", "Compared with earlier studies, …"): a generic
	// cue in that opening clause speaks of it alone, to its comma, and frames nothing.
	CueContrast = "contrast"
)

// Signal categories besides generic.
const (
	// SignalObserved: the sentence reports what happened to this report's own patients
	// ("in 3 of 12 patients", "we observed").
	SignalObserved = "observed"
	// SignalStudy: the sentence is about this report's own study ("we", "the aim of this
	// study", "were enrolled"); in a text without headings, the sentences before the first
	// such one are its opening, a background (the section "opening").
	SignalStudy = "study"
	// SignalRecordStudy: as SignalStudy, but only in a registry record, which speaks of its
	// own plan in words that other texts use of anything ("you", "not permitted", "may be
	// given"): a record's summary that opens with them has turned to its study already.
	SignalRecordStudy = "record_study"
	// SignalPlan: the sentence speaks of this study's plan, procedures or participants
	// ("participants will receive", "the primary outcome is", "patients are removed from the
	// study"); a document rule may hold only without one (DocumentRule.UnlessSignal).
	SignalPlan = "plan"
	// SignalFuture: the sentence speaks of what will be done ("will", "shall", "is to"): a
	// plan, never a result told elsewhere in a registry record.
	SignalFuture = "future"
	// SignalProgress: the sentence tells where a running study stands, as a registry
	// record's progress note opens ("Progress: of the first ten participants, …"): its own
	// participants, not an earlier study's (DocumentRule.UnlessSignal).
	SignalProgress = "progress"
	// SignalPredicate: the sentence is a clause, with a finite verb ("can cause", "is
	// associated with", "exists"), not a bare heading, list item or outcome title ("Number
	// of episodes of febrile neutropenia"); a document rule may hold only with one
	// (DocumentRule.IfSignal).
	SignalPredicate = "predicate"
	// SignalResult: the sentence has the shape of a result, observed or not: a share ("in
	// 68%"), a test ("p = 0.03"), a change ("was higher"), an event told in the past
	// ("occurred"), an outcome or patients that responded or recovered, patients counted
	// with what they received, the patients' flow ("99 were enrolled"), a median with its
	// range or ending the sentence, a mean in time units, or a main cause of death.
	// It ends the methods of a text without headings (SectionUnheadedMethods) where no
	// observed signal has: a result's shape is enough to stop calling what follows a plan.
	// A design sentence that has one ends them early, which leaves it and the sentences
	// after it to their own cues, as before these methods were read.
	SignalResult = "result"
	// SignalAim: the sentence states the study's aim ("To compare …", "This study examined
	// …", "The aim of this trial was …"): an abstract without headings that opens with it
	// tells its design next, as one that opens with its background does
	// (SectionUnheadedMethods).
	SignalAim = "aim"
)

// lazySignals are the signal categories that run only when asked for, once per sentence: by
// a document rule (DocumentRule.IfSignal, DocumentRule.UnlessSignal), a cue
// (CueGroup.UnlessSignal), or the methods of a text without headings (markUnheadedMethods
// asks for SignalAim and SignalResult).
var lazySignals = []string{SignalPlan, SignalFuture, SignalPredicate, SignalProgress, SignalResult, SignalAim}

// SectionOpening is the section that section rules may name for the opening sentences of
// a text without headings (see [SignalStudy]).
const SectionOpening = "opening"

// SectionUnheadedMethods is the section that section rules may name for the methods of a
// text without headings that has an opening or states its aim where it turns to its own
// study (SignalAim): the sentences from that turn to the one before the first that reports
// an observed result or has a result's shape (SignalResult).
const SectionUnheadedMethods = "unheaded_methods"

// Cue directions.
const (
	Forward  = "forward"
	Backward = "backward"
	Both     = "both"
)

// CueGroup is a set of context cue phrases sharing a category, direction and scope
// (ConText's modifiers).
type CueGroup struct {
	Pos
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Direction   string   `json:"direction"`
	Description string   `json:"description"`
	Phrases     []string `json:"phrases"`
	// Scope is the most words a cue reaches; 0 means the default (10).
	Scope int `json:"scope"`
	// AppliesTo lists the facets an exclude cue removes.
	AppliesTo []string `json:"applies_to,omitempty"`
	// UnlessAfter names classes of terms after which an exclude cue removes nothing: where
	// the term nearest before the cue in its clause (at most unlessAfterWords units back; the
	// first after it when the cue opens the sentence) is of one of them and no part of a
	// disease's name, it is what the treatment was given for ("CRS persisted despite
	// tocilizumab"), not the disease it failed ("lupus stayed active despite steroids").
	UnlessAfter []string `json:"unless_after,omitempty"`
	// YieldsToGeneric: a hypothetical cue of possibility ("can", "might", "risk of") gives
	// way where the sentence is general knowledge anyway (a generic signal, a review, a
	// Background section): "X can cause Y" there is knowledge, not this study's plan.
	YieldsToGeneric bool `json:"yields_to_generic,omitempty"`
	// YieldsToContext: a hypothetical cue of condition ("if", "in the event of") gives way
	// only where its context is general knowledge (a Background or Discussion section, a
	// review, a cited clause), not to a generic cue or signal inside the sentence, which may
	// be the condition's own words ("if neutropenia occurs, the dose is lowered").
	YieldsToContext bool `json:"yields_to_context,omitempty"`
	// YieldsToNegation: a generic cue of history ("history of") or a hypothetical cue of
	// recording ("were recorded") gives way to a negation that also reaches the words: "no
	// history of seizures", "no ICANS was recorded" say there were none.
	YieldsToNegation bool `json:"yields_to_negation,omitempty"`
	// YieldsToObserved: a hypothetical cue of recording gives way in a sentence that reports
	// this study's patients ("ICANS was documented in five patients").
	YieldsToObserved bool `json:"yields_to_observed,omitempty"`
	// YieldsToOwn: a generic cue of reported events ("have been observed") gives way in a
	// clause that names the report's own patients or study (an observed signal marked
	// own: "in our patients", "so far in this trial"); a terminator ("yet", "but") ends the
	// clause.
	YieldsToOwn bool `json:"yields_to_own,omitempty"`
	// YieldsToCriterion: a generic cue of history ("history of", "from previous therapy")
	// gives way in a registry record's sentence without a verb (no SignalPredicate): a
	// criterion line ("History of grade 3 or higher CRS with a prior CAR-T product") is
	// the record's eligibility, its plan, not a patient's past.
	YieldsToCriterion bool `json:"yields_to_criterion,omitempty"`
	// YieldsToPossibility: a generic cue of a list ("include") gives way to a hypothetical
	// cue of possibility before it in the sentence, whose subject the list is ("Possible
	// risks of the study drug include infections": the risks of this study, not knowledge).
	YieldsToPossibility bool `json:"yields_to_possibility,omitempty"`
	// NoCount: a negation that denies what an event was or a subgroup, not that it happened
	// ("was not considered a DLT", "no other DLTs", "patients without CRS"): the tags it
	// negates get no zero count.
	NoCount bool `json:"no_count,omitempty"`
	// DropsCounts: (exclude) the counts in the cue's reach count the state it excludes, the
	// patients' state at entry ("8 patients had thrombocytopenia at screening"), and no
	// outcome: the binder drops them, so they do not pass to another tag of the sentence;
	// not a count whose nearest outcome before it is one the cue does not rule out ("CRS
	// developed in 12 of 40 patients with bulky disease at baseline").
	DropsCounts bool `json:"drops_counts,omitempty"`
	// UnlessInTitle: the cue holds only in a document whose title does not hold the same
	// words: a named trial ("ZUMA-1") is another study, unless the document reports it.
	UnlessInTitle bool `json:"unless_in_title,omitempty"`
	// AfterOtherWork: the cue holds only in a sentence right after one of another study's
	// (a citation, a frame of other work: otherWork) that names no study of the report's
	// own: "A case series of 15 patients showed remission [1]. However, 11 of 15 had CRS."
	AfterOtherWork bool `json:"after_other_work,omitempty"`
	// Frame: a cue that opens its sentence ("In an earlier study of the product, …",
	// "Previous studies have …") frames the whole sentence: its forward reach runs to the
	// sentence's end, not Scope words, and only a terminator ends it.
	Frame bool `json:"frame,omitempty"`
	// OpeningOnly: the cue is one only where it opens its sentence, as an imperative does
	// ("Determine the toxicity of the two regimens." in a registry record's objectives);
	// elsewhere the word is no cue ("we could not determine").
	OpeningOnly bool `json:"opening_only,omitempty"`
	// UnlessSignal names signal categories (SignalObserved and the lazy ones, lazySignals):
	// the cue holds only in a sentence with no signal of them. An outcome title opens with
	// "Incidence of" and has no verb (SignalPredicate) and no count (SignalObserved); "Incidence
	// of CRS was 12%" is a result.
	UnlessSignal []string `json:"unless_signal,omitempty"`
	// ExceptSections are sections where the cue is none: a heading "Incidence of VAP" names
	// a topic, not an outcome the study will measure.
	ExceptSections []string `json:"except_sections,omitempty"`
	// Fronted: (negated) opening its sentence, the cue heads a phrase set before the main
	// clause ("Without premedication, CRS developed in 9 of 12"): its reach ends at the
	// comma after which a clause begins, not at the phrase's list of items ("Without CRS,
	// ICANS or infection, all were discharged" denies all three).
	Fronted bool `json:"fronted,omitempty"`
	// OpensForward: (backward) opening its sentence, or a clause after a semicolon, the cue
	// reaches forward instead ("At baseline, 12 of the 60 adults had anaemia", as "anaemia
	// at baseline" reads backward); inside a clause it keeps its direction ("… present in 4
	// at baseline and arose in 9 after infusion").
	OpensForward bool `json:"opens_forward,omitempty"`
	// Contrast: a terminator that, opening its sentence, sets the clause it opens against
	// the rest ("Whereas earlier reports described frequent neutropenia [18], our patients
	// remained free of it"), as a contrast cue does (CueContrast): a generic cue in that
	// clause reaches only to its comma.
	Contrast bool `json:"contrast,omitempty"`
	// OpeningContrast: a terminator that sets its clause against the rest only where it
	// opens the sentence ("Consistent with the pivotal trial [8], grade 3 CRS arose in 4 of
	// 40"); inside a sentence it only ends a reach (", in line with ZUMA-1 [4], and …" opens
	// no clause of other work, as ", whereas" does).
	OpeningContrast bool `json:"opening_contrast,omitempty"`
	// InClause: a terminator whose words end a cue's reach inside a clause without opening
	// another ("patients treated with", "resolved with", "secondary to"): a reference marker
	// or a clause's own words still speak for the whole clause across them (clauseStart).
	InClause bool `json:"in_clause,omitempty"`
	// OpensClause: a backward terminator whose words open a clause of their own, as a
	// terminator of both directions does ("… in our oral group is in line with a
	// meta-analysis [12]"): a reference marker after it cites only the words from it on.
	OpensClause bool `json:"opens_clause,omitempty"`
	// SubjectVerbs: a cue that denies the subject of a sentence ("none of the 4 recipients of
	// the product …", "no patient in the higher-dose cohort …") negates what follows its
	// verb, not the words that describe the patients: the reach starts at the first of these
	// verbs within subjectReach words that is no verb of a relative clause on the subject
	// ("none of the patients who developed CRS had ICANS": at "had"), and the words before it
	// are left alone.
	SubjectVerbs []string `json:"subject_verbs,omitempty"`
	// NeedsVerb: a cue of SubjectVerbs reaches nothing where none of its verbs follows its
	// subject (": none of the 12 patients with grade 1 CRS and 8 of the 10 …", a tally line).
	NeedsVerb bool `json:"needs_verb,omitempty"`
	// Crosses lists phrases of terminator cues (or ";") that do not end this cue's reach: ", and"
	// joins the items of a list ("a history of asthma, gout, and anemia"; "CRS, ICANS, and
	// infections were graded") as well as two clauses.
	Crosses []string `json:"crosses,omitempty"`
	// Ends lists words that end this cue's reach as a terminator does: a history that turns
	// to the present ("a history of seizures, or active infection") speaks no more of the
	// past.
	Ends []string `json:"ends,omitempty"`
	// Patterns find the cue where no list of phrases can: words of a shape, in the pattern
	// language of pattern rules ("in the? /^[A-Z][a-z]+[A-Z][A-Za-z]*$/ trial", a named
	// study that no list holds). The words its /regexp/ elements read are the cue's name: a
	// cue with UnlessInTitle is no cue where the title holds those words.
	Patterns     []string  `json:"patterns,omitempty"`
	Examples     []Example `json:"examples,omitempty"`
	phrasePos    []Pos
	patternPos   []Pos
	patternElems [][]elem
	crossForms   map[string]bool // the normalised forms of Crosses
	endForms     map[string]bool // the normalised forms of Ends
	subjectVerbs wordSet
	forward      *CueGroup // for OpensForward: the same cue reaching forward
}

// SectionRule gives the tags of some facets a status in some sections: outcome tags in a
// Methods section are hypothetical, in a Background or Discussion generic.
type SectionRule struct {
	Pos
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Description string   `json:"description"`
	Sections    []string `json:"sections"`
	Facets      []string `json:"facets"`
	// UnlessObserved: a sentence with an observed signal keeps its status ("In our cohort,
	// CRS occurred in 4 patients" in a Discussion).
	UnlessObserved bool `json:"unless_observed,omitempty"`
	// UnlessOwn: only a sentence with an observed signal that names the report's own study
	// (Signal.Own: "in our cohort", "we observed") keeps its status; a bare count does not,
	// as a Background tells other studies' counts ("toxicities were minimal (n = 72)").
	UnlessOwn bool `json:"unless_own,omitempty"`
	// YieldingOnly: the rule holds only against a cue that gives way to general knowledge (a
	// possibility, a protocol's wording: CueGroup.YieldsToGeneric, YieldsToContext), never
	// for an affirmed or negated status, nor where the sentence tells of the study's own care
	// ("our protocol, in which …") or of what it will do ("will"). A Conclusions section sums
	// up the study's own results, which keep their status, but its advice ("clinicians should
	// be alert to late toxicity") is knowledge, not the study's plan.
	YieldingOnly bool `json:"yielding_only,omitempty"`
	// WholeText, for a rule of the section "opening": a text of at least this many sentences
	// (no title, no furniture) that never speaks of a study of its own, by no study or
	// observed signal in any of them (a guideline, a wiki page, a news story), is its opening
	// throughout. 0: only an opening before the text turns to its own study.
	WholeText int `json:"whole_text,omitempty"`
}

// Signal is evidence about a whole sentence, found by a pattern: that it reports what
// happened to this report's own patients (observed: "in 3 of 12 patients", "(n = 5)", "we
// observed"), or that it reports another study (generic: a citation marker "[8]").
type Signal struct {
	Pos
	ID          string `json:"id"`
	Category    string `json:"category"`
	Description string `json:"description"`
	Source      string `json:"pattern"`
	// Clause: a generic signal that speaks for its own clause, as a reference marker does:
	// a target in the clause it ends is generic even where another clause of the sentence
	// reports the study's own patients ("Unlike the 10% reported before [21], our rate was
	// 2%"), unless its own clause names the report's own study (an observed signal with Own).
	Clause bool `json:"clause,omitempty"`
	// ExceptSections are sections where the signal is no evidence: a reference marker in a
	// Methods section cites an instrument or a definition, not a finding.
	ExceptSections []string `json:"except_sections,omitempty"`
	// Superscript: the match is written without a space anywhere in it and ends its
	// sentence, as a reference marker set in superscript reads once the page is flattened
	// to text ("… a serious infection.4", "….12-14").
	Superscript bool `json:"superscript,omitempty"`
	// Own: an observed signal that names the report's own study ("we observed", "in this
	// study"), so it holds even in a clause that a reference marker ends; other observed
	// signals (a count, a past-tense denial) tell a cited study's result as well there.
	Own bool `json:"own,omitempty"`
	// Opening: the match must open its sentence or follow a colon and start with a capital,
	// as a heading run into a record's text does ("Brief Summary: Interim results: …"), not
	// stand inside it ("the parent study has its results posted: …").
	Opening  bool      `json:"opening,omitempty"`
	Examples []Example `json:"examples,omitempty"`

	srcPos Pos
	elems  []elem
}

// Incidence rule kinds.
const (
	// IncidenceEvent rules find how many patients had an outcome: the count binds to the
	// outcome tag it stands with ("grade 2 CRS in 3 of 11 patients").
	IncidenceEvent = "event"
	// IncidencePopulation rules find how many patients a study treated ("We treated 15
	// patients"): the denominator of counts that give none.
	IncidencePopulation = "population"
	// IncidenceArm rules find the words between two counts of one form that make the second
	// another arm's count of what the first counts ("4.0% versus 3.9%"): the pattern must
	// match those words exactly.
	IncidenceArm = "arm"
	// IncidenceWhole rules find the whole that opens a sentence ("Out of 14 patients, …",
	// "Of the 20 treated adults, …"): the denominator of the counts after it in its clause
	// that give none and do not exceed it.
	IncidenceWhole = "whole"
)

// The values of IncidenceRule.Unit and Incidence.Unit.
const (
	UnitPatients = "patients"
	UnitEvents   = "events"
)

// The values of IncidenceRule.List.
const (
	ListItem = "item"
	ListOnly = "only"
	// ListAfter is a form that is a count only after the first item of a list of counts
	// (the bare "5" of "in 10, 5 and 2 patients"): a list of such forms alone is none.
	ListAfter = "after"
)

// IncidenceRule is a pattern over numbers that states an incidence or a population. Its
// {number:n}, {number:of} and {number:percent} captures give the count, the denominator
// and the percentage; N, Of and Percent override them with a literal ("0" for "none of the
// patients"), another capture ("$n" for "in all 20 patients": of = n) or the difference of
// two ("$of-$except" for "in all but 2 of the 30 patients": n = 28).
type IncidenceRule struct {
	Pos
	ID          string `json:"id"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	Source      string `json:"pattern"`
	N           string `json:"n,omitempty"`
	Of          string `json:"of,omitempty"`
	Percent     string `json:"percent,omitempty"`
	// Negated: the rule binds to negated tags only and states that no patient had it (n = 0),
	// or, where it reads a count, how many were spared it ("ICANS was absent in 18 of 20":
	// n patients without it, no zero to spread to the clause's other denials); other event
	// rules bind to affirmed tags only.
	Negated bool `json:"negated,omitempty"`
	// Max is the largest count the rule reads (0: any): "in 2023" is a year, not a count.
	Max int `json:"max,omitempty"`
	// NotBefore and NotAfter list words (or /regexps/) that must not stand right before or
	// right after a match: "day 3 of 28" is no count.
	NotBefore []string `json:"not_before,omitempty"`
	NotAfter  []string `json:"not_after,omitempty"`
	// FollowedBy lists words (or /regexps/) one of which must stand right after a match
	// (empty: any): "6% with grade 3" is a share of a grade, "4.8% with S-1" an arm's.
	FollowedBy []string `json:"followed_by,omitempty"`
	// SubjectVerbs are words that, right after a match, make the count the subject of its
	// clause ("seven patients had grade 2 CRS"): it then counts the outcome after it first.
	SubjectVerbs []string `json:"subject_verbs,omitempty"`
	// BindsBefore: the count binds only to an outcome before it ("neutropenia (45%)": a
	// bracketed percent never counts what follows it).
	BindsBefore bool `json:"binds_before,omitempty"`
	// BindsAfter: the count binds only to an outcome after it, the clause it is the subject
	// of ("…, and one developed pneumonia": a count whose pattern holds its verb); with
	// SubjectVerbs, only when one of them follows (": 10 grade 1, 5 grade 2").
	BindsAfter bool `json:"binds_after,omitempty"`
	// Opening: the match must open the sentence ("The 48 participants had a median of …"
	// names the whole cohort; "… the 12 patients who …" further on names a group).
	Opening bool `json:"opening,omitempty"`
	// Claims: the numbers the rule captures past ">>" are its own, read by no other rule
	// ("the number of patients with ICANS was >> 5 (25%)": its match ends before the
	// outcome it counts, its count stands after it).
	Claims bool `json:"claims,omitempty"`
	// Adjacent: a form that is a count only in a list (List "only") is one alone too right
	// after an outcome tag ("anaemia 8% vs 3%", "neutropenia 21%").
	Adjacent bool `json:"adjacent,omitempty"`
	// Reach is the most units between a count that binds after and the outcome it counts
	// (0: incidenceAfter): "3 patients with wound infection" counts the infection right
	// after "with", not "12 patients with lymphoma, CRS occurred in 4". A count with a
	// reach and no outcome within it counts, like any count, the outcome before it ("grade
	// 2 in 4 adults with myositis").
	Reach int `json:"reach,omitempty"`
	// List says whether the count may be an item of a list of counts that binds, in order,
	// to a list of outcomes before it ("CRS and ICANS occurred in 80% and 20%"): "item", or
	// "only" for a form that is a count only in such a list (a bare "20%"), or "after" for
	// one that is a count only after the list's first item (a bare "5"). Empty: never.
	List string `json:"list,omitempty"`
	// All: the words say every patient of the study had it ("in all patients"): n and of
	// are the document's population, and without one the rule gives nothing.
	All bool `json:"all,omitempty"`
	// Each: the count is each of the outcomes before it in its clause ("neutropenia and
	// anaemia occurred in 3 patients each"), not only the nearest; with BindsAfter, each
	// of the list after it ("one each of sepsis, pneumonia and a stroke"), where two items
	// of one value are two counts.
	Each bool `json:"each,omitempty"`
	// TableRow: the rule reads only a row of a table: one whose columns bars separate ("Any
	// grade | 40 (50.0) | 13 (65.0) |", where a bracket after a count is its share) or one
	// that a grade or "any grade" labels ("Grade 4   0").
	TableRow bool `json:"table_row,omitempty"`
	// Fits: a match is a count only when its share agrees with its n of its whole to rounding
	// (within one point): "HLH 8/80 (10)" writes the share without "%", which a bracket of
	// anything else ("8/80 (12 days)", "(ref 10)") would not match.
	Fits bool `json:"fits,omitempty"`
	// Agree: a match is a count and its share only when the sentence holds two or more
	// matches of the rule and every share agrees with its count of one whole to rounding:
	// "neutropenia 24 (80.0); anaemia 9 (30.0)" are shares of 30 patients, written without
	// "%", where one bracket alone ("fever 5 (2)") could be anything.
	Agree bool `json:"agree,omitempty"`
	// Denies: the rule's count is a zero that says no patient had the outcome ("ICANS 0;"),
	// so an affirmed outcome it counts becomes negated, the zero its cue.
	Denies bool `json:"denies,omitempty"`
	// Echoes: the count stands for the clause before it ("6 adults developed CRS; in the
	// second cohort, 4 did"), so it is another arm's count of what the nearest count before it
	// counted.
	Echoes bool `json:"echoes,omitempty"`
	// Group: the count is of one named group or arm ("three infants in the low-dose
	// group"), so the document's population is never its denominator.
	Group bool `json:"group,omitempty"`
	// Part: the count is part of the patients just counted ("4 of whom", "10 of these"): the
	// population is its whole only when no count of an outcome stands before it in its
	// sentence or in the sentence before ("Thirty adults were treated, 22 of whom had CRS" is
	// 22 of 30; "CRS in 12. Four of them needed tocilizumab" is 4 of the 12, no whole).
	Part bool `json:"part,omitempty"`
	// Unit is what the rule counts: "patients" (empty) or "events" ("one episode of febrile
	// neutropenia"). A count of events takes no population as its denominator, and a count
	// of patients of the same tag ("… occurred in one patient") is a second incidence of it.
	Unit string `json:"unit,omitempty"`
	// Barriers are words (or {classes}) that a gap (...N) of the pattern never crosses, as
	// for patterns: an arm is named by no time ("in week 2").
	Barriers []string `json:"barriers,omitempty"`
	// Bracket: an arm rule joins only two counts in one bracket ("(n = 3 and n = 2)").
	Bracket bool `json:"bracket,omitempty"`
	// Breakdown: an arm rule whose second count, of any form, is the first group's part of
	// the count before ("CRS in 20 patients (67%): 12 of 20 in cohort A and …"); a group
	// (CountGroupClass) must follow it, and the count before stays the whole's.
	Breakdown bool `json:"breakdown,omitempty"`
	// SameWhole: an arm rule whose groups are the same patients at other times ("in 9
	// (23%) within the first month and in 3 (8%) thereafter"): where words of the second
	// count's time stand right by it (class count.period_after, or count.period_ordinal
	// closed by a count.time_noun: "in the second year"), each count without a
	// whole of its own takes the document's population, as one count would; they keep
	// their arm numbers (1, 2), which keep the times apart. On an echoing event rule
	// (Echoes) whose count is by its words the same patients later ("… and was still
	// present on day 28 in 12"), no time words are needed.
	SameWhole bool `json:"same_whole,omitempty"`
	// OtherWholes: an arm rule that joins only two counts that each state their own
	// denominator, and different ones ("in 9 of 30 older and 6 of 40 younger adults"): two
	// groups, where the same denominator could be two outcomes of one group.
	OtherWholes bool `json:"other_wholes,omitempty"`
	// AfterArms: an arm rule that joins two counts only after the sentence has joined
	// counts before them as arms ("… in 30 (19%) on the drug and 28 (18%) on placebo, and
	// thrombocytopenia in 24 (15%) and 16 (10%)"): the sentence compares its arms, so a
	// bare pair is the same arms' counts.
	AfterArms bool `json:"after_arms,omitempty"`
	// Joins: an arm rule that joins only two counts that rules of these ids both read
	// ("6% of linezolid recipients and 1% of vancomycin recipients": each names its arm).
	Joins []string `json:"joins,omitempty"`
	// Gapped: the count leaves out the verb that a count of patients before it in its
	// clause took ("8 received tocilizumab and 3 corticosteroids"); without such a count
	// (none before, one of events or a zero, or a semicolon between) it is no count.
	Gapped bool `json:"gapped,omitempty"`
	// When limits the rule to documents with (or without) terms of some classes: a
	// randomised trial states no one population.
	When     Condition `json:"when"`
	Examples []Example `json:"examples,omitempty"`

	srcPos                          Pos
	elems                           []elem
	notBefore, notAfter, followedBy wordSet
	subjectVerbs                    wordSet
	barWords                        []string
	barClass                        []string
	// n, of and pct are N, Of and Percent (or the captures of those names), read once at load.
	n, of, pct valueRef
}

// valueRef is where an incidence rule's count, denominator or percentage comes from: a
// literal ("0"), a capture ("$n", or the capture of the value's own name), or the
// difference of two captures ("$of-$except").
type valueRef struct {
	literal     string
	name, minus string // captures; minus is set only for a difference
}

// parseValueRef reads an override of an incidence rule's value whose own capture is
// called name: empty (that capture), a literal, "$capture" or "$a-$b". It returns the
// reference and the capture names it reads, or an error message.
func parseValueRef(override, name string) (valueRef, []string, string) {
	if override == "" {
		return valueRef{name: name}, nil, ""
	}
	a, b, diff := strings.Cut(override, "-")
	if diff {
		if !strings.HasPrefix(a, "$") || !strings.HasPrefix(b, "$") {
			return valueRef{}, nil, fmt.Sprintf("%s: a difference is of two captures, \"$of-$except\"", override)
		}
		return valueRef{name: a[1:], minus: b[1:]}, []string{a[1:], b[1:]}, ""
	}
	if ref, ok := strings.CutPrefix(override, "$"); ok {
		return valueRef{name: ref}, []string{ref}, ""
	}
	return valueRef{literal: override}, nil, ""
}

// DocumentRule gives the outcome tags of a kind of document a status: a review's are
// generic, a registry record's (a plan) hypothetical. A document is of the kind when its
// loader says so (Kinds: "registry"), when its record has one of the publication types, or
// when its text holds one of the phrases ("in this review").
type DocumentRule struct {
	Pos
	ID               string   `json:"id"`
	Category         string   `json:"category"`
	Description      string   `json:"description"`
	Kinds            []string `json:"kinds,omitempty"`
	PublicationTypes []string `json:"publication_types,omitempty"`
	Phrases          []string `json:"phrases,omitempty"`
	// TitlePhrases make a document of the kind only in its title ("CAR-T toxicities: a
	// review"); in running text they name another work ("as a review of 40 trials found").
	TitlePhrases   []string `json:"title_phrases,omitempty"`
	Facets         []string `json:"facets"`
	UnlessObserved bool     `json:"unless_observed,omitempty"`
	// UnlessOwn: only a sentence with an observed signal that names the report's own study
	// ("in our centre", "we treated") keeps its status, as for a section rule: an economic
	// model's "grade 3 CRS arose in 6% of the modelled cohort" counts no patients of its own.
	UnlessOwn bool `json:"unless_own,omitempty"`
	// OnlyObserved: the rule holds only for an affirmed tag in a sentence with an observed
	// signal (a registry record's "the earlier trial yielded a response rate of 39%" is
	// another study's result; a denial there, "no adverse events have been reported", stays
	// the record's own progress note). It cannot go with UnlessObserved.
	OnlyObserved bool `json:"only_observed,omitempty"`
	// IfSignal and UnlessSignal name signal categories (SignalPlan, SignalFuture,
	// SignalPredicate, SignalProgress): the rule holds only for a sentence with a signal of one of IfSignal
	// (when it names any) and none of UnlessSignal. In a
	// registry record, a clause (if_signal: predicate) that speaks of no plan, procedure or
	// participant of its study (unless_signal: plan) states what is known ("the drug can
	// cause nausea"), not what the study will do. A rule with UnlessSignal rests on what a
	// sentence lacks, so it never overturns a possibility that stays hypothetical in a plan ("rash may
	// occur", a risk to the participants).
	IfSignal     []string `json:"if_signal,omitempty"`
	UnlessSignal []string `json:"unless_signal,omitempty"`
	// Opening: a document of the kind may open with its background, as a registry record
	// states what is known before its plan. Its first sentences before the first that speaks
	// of its own study (a study or observed signal), at most Opening of them, are its
	// opening, which this rule leaves to the section rules (the section "opening"). 0: the
	// rule holds in the opening too.
	Opening int `json:"opening,omitempty"`
	// ExceptSections are sections where the rule does not hold: a registry record's posted
	// "Results:" report what happened, not a plan.
	ExceptSections []string  `json:"except_sections,omitempty"`
	Examples       []Example `json:"examples,omitempty"`
	phrasePos      []Pos
	titlePhrasePos []Pos
}

// RuleSet is a loaded, validated set of rules.
type RuleSet struct {
	Vocabularies []*Vocabulary    `json:"vocabularies"`
	Patterns     []*Pattern       `json:"patterns"`
	Cues         []*CueGroup      `json:"cues"`
	Sections     []*SectionRule   `json:"sections"`
	Signals      []*Signal        `json:"signals"`
	Documents    []*DocumentRule  `json:"documents"`
	Incidence    []*IncidenceRule `json:"incidence"`
	// Files lists the rule files read, in order.
	Files []string `json:"files"`
	// Fingerprint is a hash of the rule files' contents: equal fingerprints tag alike.
	Fingerprint string `json:"fingerprint"`
	// Sums are the SHA-256 sums (hex) of the rule files' contents, by file name: which files
	// an edit changed is told by comparing them.
	Sums map[string]string `json:"sums"`
}

// Load reads every *.yaml and *.yml file under fsys (sorted by path) and validates the set.
// It reports every problem it finds, each a *[RuleError] with file:line:col, joined with
// [errors.Join]; on error it returns no RuleSet, so nothing is tagged with half a rule set.
func Load(fsys fs.FS) (*RuleSet, error) {
	files, err := RuleFiles(fsys)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, ErrNoRules
	}
	srcs, err := readFiles(fsys, files)
	if err != nil {
		return nil, err
	}
	return Parse(files, srcs)
}

// RuleFiles lists the files of fsys that [Load] reads, sorted: the *.yaml and *.yml files
// outside hidden and testdata folders. A folder without any gives an empty list.
func RuleFiles(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" {
				return fs.SkipDir
			}
			return nil
		}
		if ext := path.Ext(p); ext == ".yaml" || ext == ".yml" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing rule files: %w", err)
	}
	sort.Strings(files)
	return files, nil
}

func readFiles(fsys fs.FS, files []string) (map[string][]byte, error) {
	sort.Strings(files)
	srcs := make(map[string][]byte, len(files))
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("reading rule file %s: %w", f, err)
		}
		srcs[f] = b
	}
	return srcs, nil
}

// Parse parses and validates rule files given by name and content, in the order of names.
func Parse(names []string, srcs map[string][]byte) (*RuleSet, error) {
	rs, errs := parseAll(names, srcs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rs, nil
}

// parseAll parses and validates, returning what it could read and every problem, sorted.
func parseAll(names []string, srcs map[string][]byte) (*RuleSet, []error) {
	rs := &RuleSet{Files: names, Sums: make(map[string]string, len(names))}
	var errs []error
	h := sha256.New()
	for _, name := range names {
		src := srcs[name]
		sum := sha256.Sum256(src)
		rs.Sums[name] = hex.EncodeToString(sum[:])
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(src))
		h.Write(src)
		p := &parser{file: name, rs: rs}
		p.parseFile(src)
		errs = append(errs, p.errs...)
	}
	rs.Fingerprint = hex.EncodeToString(h.Sum(nil))[:16]
	errs = append(errs, rs.checkAndCompile()...)
	sortErrors(errs)
	return rs, errs
}

// sortErrors orders problems by file, line and column, a file that is no valid YAML first:
// the rules of other files that name its classes fail because of it, so it is the cause to
// report.
func sortErrors(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool {
		var a, b *RuleError
		if !errors.As(errs[i], &a) || !errors.As(errs[j], &b) {
			return false
		}
		if ay, by := strings.HasPrefix(a.Msg, invalidYAML), strings.HasPrefix(b.Msg, invalidYAML); ay != by {
			return ay
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// parser walks one file's YAML node tree, recording every problem with its position.
type parser struct {
	file string
	rs   *RuleSet
	errs []error
}

func (p *parser) pos(n *yaml.Node) Pos { return Pos{File: p.file, Line: n.Line, Col: n.Column} }

func (p *parser) errf(n *yaml.Node, id, format string, args ...any) {
	p.errs = append(p.errs, &RuleError{Pos: p.pos(n), RuleID: id, Msg: fmt.Sprintf(format, args...)})
}

// read is the YAML value reader every file trialtag reads shares, reporting to p.
// textPos is where the text of a scalar starts: its node's position, past the opening
// quote of a quoted scalar, so that an offset into the text is a column in the file.
func (p *parser) textPos(n *yaml.Node) Pos {
	pos := p.pos(n)
	if n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
		pos.Col++
	}
	return pos
}

func (p *parser) read() yamlpos.Reader {
	return yamlpos.Reader{Report: func(n *yaml.Node, id, msg string) {
		p.errs = append(p.errs, &RuleError{Pos: p.pos(n), RuleID: id, Msg: msg})
	}}
}

func (p *parser) parseFile(src []byte) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		p.errs = append(p.errs, yamlErrors(p.file, src, err)...)
		return
	}
	if len(doc.Content) == 0 {
		return // an empty file holds no rules
	}
	root := doc.Content[0]
	f := p.fields(root, "", "rule file", "description", "vocabularies", "patterns", "cues", "sections", "signals", "documents", "incidence")
	if f == nil {
		return
	}
	readList(p, f, "vocabularies", p.vocabulary, &p.rs.Vocabularies)
	readList(p, f, "patterns", p.pattern, &p.rs.Patterns)
	readList(p, f, "cues", p.cue, &p.rs.Cues)
	readList(p, f, "sections", p.section, &p.rs.Sections)
	readList(p, f, "signals", p.signal, &p.rs.Signals)
	readList(p, f, "documents", p.document, &p.rs.Documents)
	readList(p, f, "incidence", p.incidence, &p.rs.Incidence)
}

// readList reads the list under key of a rule file with read, one rule per item, appending
// the rules that parse to dst.
func readList[T any](p *parser, f map[string]*yaml.Node, key string, read func(*yaml.Node) *T, dst *[]*T) {
	n := f[key]
	if n == nil {
		return
	}
	for _, item := range p.seq(n, key) {
		if r := read(item); r != nil {
			*dst = append(*dst, r)
		}
	}
}

// deref follows YAML aliases (*name) to the node they name.
func deref(n *yaml.Node) *yaml.Node { return yamlpos.Deref(n) }

// fields checks that n is a mapping whose keys are all known, and returns key → value; a
// rule's problems name its id, found in the mapping when the caller has none yet.
func (p *parser) fields(n *yaml.Node, id, what string, known ...string) map[string]*yaml.Node {
	if d := deref(n); id == "" && d != nil && d.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(d.Content); i += 2 {
			if d.Content[i].Value == "id" && d.Content[i+1].Kind == yaml.ScalarNode {
				id = d.Content[i+1].Value
			}
		}
	}
	return p.read().Fields(n, id, what, known...)
}

func kindName(n *yaml.Node) string { return yamlpos.KindName(n) }

func (p *parser) seq(n *yaml.Node, what string) []*yaml.Node { return p.read().Seq(n, "", what) }

func (p *parser) str(n *yaml.Node, id, what string) string { return p.read().Str(n, id, what) }

// strs reads a list of strings (a single string counts as a list of one), with where each is.
func (p *parser) strs(n *yaml.Node, id, what string) ([]string, []Pos) {
	vals, nodes := p.read().Strs(n, id, what)
	if nodes == nil {
		return vals, nil
	}
	pos := make([]Pos, len(nodes))
	for i, c := range nodes {
		pos[i] = p.pos(c)
	}
	return vals, pos
}

func (p *parser) boolean(n *yaml.Node, id, what string, def bool) bool {
	return p.read().Bool(n, id, what, def)
}

func (p *parser) integer(n *yaml.Node, id, what string, lo, hi int) int {
	if n == nil {
		return 0
	}
	v, err := strconv.Atoi(p.str(n, id, what))
	if err != nil || v < lo || v > hi {
		p.errf(n, id, "%s must be a whole number from %d to %d, not %q", what, lo, hi, n.Value)
		return 0
	}
	return v
}

func (p *parser) idOf(f map[string]*yaml.Node, n *yaml.Node, what string) (string, bool) {
	idn := f["id"]
	if idn == nil {
		p.errf(n, "", "%s has no id", what)
		return "", false
	}
	id := p.str(idn, "", "id")
	if id == "" || strings.ContainsAny(id, " \t") {
		p.errf(idn, "", "a rule id must be one word such as crs.grade.before, not %q", id)
		return "", false
	}
	return id, true
}

func (p *parser) required(f map[string]*yaml.Node, n *yaml.Node, id, key string) {
	if f[key] == nil {
		p.errf(n, id, "missing %q", key)
	}
}

func (p *parser) condition(n *yaml.Node, id string) Condition {
	var c Condition
	if n == nil {
		return c
	}
	f := p.fields(n, id, "when", "document_has", "document_lacks", "document_values", "near", "near_before", "window", "heading", "heading_lacks", "unless_near", "chain", "observed", "prose", "refers_to", "referents")
	if f == nil {
		return c
	}
	c.DocumentHas, _ = p.strs(f["document_has"], id, "document_has")
	c.DocumentLacks, _ = p.strs(f["document_lacks"], id, "document_lacks")
	c.DocumentValues, _ = p.strs(f["document_values"], id, "document_values")
	if len(c.DocumentValues) > 0 && len(c.DocumentHas)+len(c.DocumentLacks) == 0 {
		p.errf(f["document_values"], id, "document_values limits document_has or document_lacks, and there is neither")
	}
	c.Near, _ = p.strs(f["near"], id, "near")
	c.NearBefore, _ = p.strs(f["near_before"], id, "near_before")
	if len(c.NearBefore) > 0 && f["window"] == nil {
		p.errf(n, id, "near_before needs window: how many sentences back to look")
	}
	c.Window = p.integer(f["window"], id, "window", 0, 5)
	c.Heading, _ = p.strs(f["heading"], id, "heading")
	c.HeadingLacks, _ = p.strs(f["heading_lacks"], id, "heading_lacks")
	c.UnlessNear, _ = p.strs(f["unless_near"], id, "unless_near")
	c.Chain = p.boolean(f["chain"], id, "chain", false)
	c.Observed = p.boolean(f["observed"], id, "observed", false)
	c.Prose = p.boolean(f["prose"], id, "prose", false)
	c.RefersTo, _ = p.strs(f["refers_to"], id, "refers_to")
	c.Referents, _ = p.strs(f["referents"], id, "referents")
	if len(c.Referents) > 0 && len(c.RefersTo) == 0 {
		p.errf(f["referents"], id, "referents lists what refers_to chooses from, and there is no refers_to")
	}
	return c
}

// exceptSections reads a rule's except_sections, each a section a document is split into.
func (p *parser) exceptSections(n *yaml.Node, id string) []string {
	secs, nodes := p.read().Strs(n, id, "except_sections")
	for i, sec := range secs {
		if !slices.Contains(corpus.Sections(), corpus.Section(sec)) {
			p.errf(nodes[i], id, "except_sections: %q is no section a document is split into (%v)", sec, corpus.Sections())
		}
	}
	return secs
}

func (p *parser) examples(n *yaml.Node, id string) []Example {
	if n == nil {
		return nil
	}
	f := p.fields(n, id, "examples", "match", "nomatch")
	if f == nil {
		return nil
	}
	var out []Example
	for _, key := range []string{"match", "nomatch"} {
		list := f[key]
		if list == nil {
			continue
		}
		for _, item := range p.seq(list, "examples."+key) {
			ex := Example{Pos: p.pos(item), Match: key == "match"}
			switch item.Kind {
			case yaml.ScalarNode:
				ex.Text = p.str(item, id, "example")
			case yaml.MappingNode:
				ef := p.fields(item, id, "example", "text", "value", "values", "status", "incidence")
				if ef == nil {
					continue
				}
				ex.Text = p.str(ef["text"], id, "text")
				if ef["text"] == nil {
					p.errf(item, id, "example has no text")
				}
				if v := ef["value"]; v != nil {
					ex.Values = []string{p.str(v, id, "value")}
				}
				if v := ef["values"]; v != nil {
					vs, _ := p.strs(v, id, "values")
					ex.Values = append(ex.Values, vs...)
				}
				if in := ef["incidence"]; in != nil {
					ex.Incidence = p.str(in, id, "incidence")
					if _, err := ParseIncidenceNotation(ex.Incidence); err != nil {
						p.errf(in, id, "incidence: %v", err)
					}
				}
				if s := ef["status"]; s != nil {
					ex.Status = p.str(s, id, "status")
					if !slices.Contains(Statuses(), ex.Status) {
						p.errf(s, id, "status must be one of %s, not %q", strings.Join(Statuses(), ", "), ex.Status)
					}
				}
			default:
				p.errf(item, id, "an example is a text or a mapping with text, value(s) and status, not %s", kindName(item))
				continue
			}
			if strings.TrimSpace(ex.Text) == "" {
				continue
			}
			out = append(out, ex)
		}
	}
	return out
}

func (p *parser) vocabulary(n *yaml.Node) *Vocabulary {
	f := p.fields(n, "", "vocabulary", "id", "facet", "class", "description", "terms", "exact_case",
		"not_before", "not_after", "when", "examples", "emit", "topic")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "vocabulary")
	if !ok {
		return nil
	}
	v := &Vocabulary{Pos: p.pos(n), ID: id}
	v.Facet = p.str(f["facet"], id, "facet")
	v.facetPos = v.Pos
	if fn := f["facet"]; fn != nil {
		v.facetPos = p.pos(fn)
	}
	v.Class = p.str(f["class"], id, "class")
	v.Description = p.str(f["description"], id, "description")
	v.Emit = p.boolean(f["emit"], id, "emit", true)
	v.Topic = p.boolean(f["topic"], id, "topic", true)
	p.required(f, n, id, "description")
	p.required(f, n, id, "terms")
	if v.Class == "" {
		v.Class = v.Facet
	}
	if v.Class == "" {
		p.errf(n, id, "a vocabulary needs a facet (what its tags are) or a class (what patterns call it)")
	}
	if v.Emit && v.Facet == "" && v.Class != "" {
		v.Emit = false // a class of context words tags nothing
	}
	if t := deref(f["terms"]); t != nil {
		if t.Kind != yaml.MappingNode {
			p.errf(t, id, "terms must map each value to its surface forms, not %s", kindName(t))
		} else {
			for i := 0; i+1 < len(t.Content); i += 2 {
				k, val := t.Content[i], t.Content[i+1]
				g := TermGroup{Value: p.str(k, id, "value"), Pos: p.pos(k)}
				g.Forms, g.forms = p.strs(val, id, "surface forms")
				v.Terms = append(v.Terms, g)
			}
		}
	}
	v.ExactCase, _ = p.strs(f["exact_case"], id, "exact_case")
	v.NotBefore, _ = p.strs(f["not_before"], id, "not_before")
	v.NotAfter, _ = p.strs(f["not_after"], id, "not_after")
	v.When = p.condition(f["when"], id)
	v.Examples = p.examples(f["examples"], id)
	var err error
	if v.notBefore, err = newWordSet(v.NotBefore); err != nil {
		p.errf(f["not_before"], id, "not_before: %v", err)
	}
	if v.notAfter, err = newWordSet(v.NotAfter); err != nil {
		p.errf(f["not_after"], id, "not_after: %v", err)
	}
	return v
}

func (p *parser) pattern(n *yaml.Node) *Pattern {
	f := p.fields(n, "", "pattern rule", "id", "facet", "description", "pattern", "value", "at",
		"qualifies", "barriers", "when", "examples")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "pattern rule")
	if !ok {
		return nil
	}
	r := &Pattern{Pos: p.pos(n), ID: id}
	for _, k := range []string{"facet", "description", "pattern", "value"} {
		p.required(f, n, id, k)
	}
	r.Facet = p.str(f["facet"], id, "facet")
	r.facetPos = r.Pos
	if fn := f["facet"]; fn != nil {
		r.facetPos = p.pos(fn)
	}
	r.Description = p.str(f["description"], id, "description")
	r.Source = p.str(f["pattern"], id, "pattern")
	if pn := f["pattern"]; pn != nil {
		r.srcPos = p.textPos(pn)
	}
	r.Value = p.str(f["value"], id, "value")
	r.At = p.str(f["at"], id, "at")
	r.Qualifies, _ = p.strs(f["qualifies"], id, "qualifies")
	r.Barriers, _ = p.strs(f["barriers"], id, "barriers")
	r.When = p.condition(f["when"], id)
	r.Examples = p.examples(f["examples"], id)
	return r
}

func (p *parser) cue(n *yaml.Node) *CueGroup {
	f := p.fields(n, "", "cue group", "id", "category", "direction", "description", "phrases",
		"scope", "applies_to", "unless_after", "yields_to_generic", "yields_to_context", "yields_to_negation", "yields_to_observed", "yields_to_own", "yields_to_criterion", "yields_to_possibility", "no_count", "drops_counts", "frame", "unless_in_title", "after_other_work", "opening_only", "unless_signal", "except_sections", "fronted", "opens_forward", "contrast", "opening_contrast", "needs_verb", "in_clause", "opens_clause", "subject_verbs", "crosses", "ends", "patterns", "examples")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "cue group")
	if !ok {
		return nil
	}
	c := &CueGroup{Pos: p.pos(n), ID: id}
	for _, k := range []string{"category", "description"} {
		p.required(f, n, id, k)
	}
	if f["phrases"] == nil && f["patterns"] == nil {
		p.errf(n, id, "a cue group needs phrases or patterns")
	}
	c.Category = p.str(f["category"], id, "category")
	switch c.Category {
	case CueNegated, CueHypothetical, CueGeneric, CuePseudo, CueTerminator, CueExclude, CueContrast, "":
	default:
		p.errf(f["category"], id, "category must be negated, hypothetical, generic, pseudo, terminator, exclude or contrast, not %q", c.Category)
	}
	c.Direction = p.str(f["direction"], id, "direction")
	switch c.Direction {
	case "":
		c.Direction = Forward
		if c.Category == CueTerminator {
			c.Direction = Both
		}
	case Forward, Backward, Both:
	default:
		p.errf(f["direction"], id, "direction must be forward, backward or both, not %q", c.Direction)
	}
	c.Description = p.str(f["description"], id, "description")
	c.Phrases, c.phrasePos = p.strs(f["phrases"], id, "phrases")
	var patNodes []*yaml.Node
	c.Patterns, patNodes = p.read().Strs(f["patterns"], id, "patterns")
	c.patternPos = nil
	for _, pn := range patNodes {
		c.patternPos = append(c.patternPos, p.textPos(pn))
	}
	c.Scope = p.integer(f["scope"], id, "scope", 1, 50)
	c.AppliesTo, _ = p.strs(f["applies_to"], id, "applies_to")
	c.UnlessAfter, _ = p.strs(f["unless_after"], id, "unless_after")
	if len(c.UnlessAfter) > 0 && c.Category != CueExclude {
		p.errf(f["unless_after"], id, "only an exclude cue has classes after which it removes nothing")
	}
	c.YieldsToGeneric = p.boolean(f["yields_to_generic"], id, "yields_to_generic", false)
	if c.YieldsToGeneric && c.Category != CueHypothetical {
		p.errf(f["yields_to_generic"], id, "only a hypothetical cue yields to generic evidence")
	}
	c.YieldsToContext = p.boolean(f["yields_to_context"], id, "yields_to_context", false)
	if c.YieldsToContext && (c.Category != CueHypothetical || c.YieldsToGeneric) {
		p.errf(f["yields_to_context"], id, "only a hypothetical cue that does not yield to generic evidence yields to its context alone")
	}
	c.YieldsToNegation = p.boolean(f["yields_to_negation"], id, "yields_to_negation", false)
	c.YieldsToObserved = p.boolean(f["yields_to_observed"], id, "yields_to_observed", false)
	c.YieldsToOwn = p.boolean(f["yields_to_own"], id, "yields_to_own", false)
	if c.YieldsToOwn && c.Category != CueGeneric {
		p.errf(f["yields_to_own"], id, "only a generic cue yields to the report's own study")
	}
	c.YieldsToCriterion = p.boolean(f["yields_to_criterion"], id, "yields_to_criterion", false)
	if c.YieldsToCriterion && c.Category != CueGeneric {
		p.errf(f["yields_to_criterion"], id, "only a generic cue yields to a registry record's criterion")
	}
	c.YieldsToPossibility = p.boolean(f["yields_to_possibility"], id, "yields_to_possibility", false)
	if c.YieldsToPossibility && c.Category != CueGeneric {
		p.errf(f["yields_to_possibility"], id, "only a generic cue yields to a possibility before it")
	}
	if c.YieldsToObserved && c.Category != CueHypothetical {
		p.errf(f["yields_to_observed"], id, "only a hypothetical cue yields to an observed signal")
	}
	c.NoCount = p.boolean(f["no_count"], id, "no_count", false)
	c.DropsCounts = p.boolean(f["drops_counts"], id, "drops_counts", false)
	if c.DropsCounts && c.Category != CueExclude {
		p.errf(f["drops_counts"], id, "only an exclude cue drops the counts in its reach")
	}
	c.Frame = p.boolean(f["frame"], id, "frame", false)
	c.UnlessInTitle = p.boolean(f["unless_in_title"], id, "unless_in_title", false)
	c.AfterOtherWork = p.boolean(f["after_other_work"], id, "after_other_work", false)
	if c.AfterOtherWork && c.Category != CueGeneric {
		p.errf(f["after_other_work"], id, "only a generic cue continues another study's report")
	}
	c.OpeningOnly = p.boolean(f["opening_only"], id, "opening_only", false)
	vs, nodes := p.read().Strs(f["unless_signal"], id, "unless_signal")
	for i, v := range vs {
		if v != SignalObserved && !slices.Contains(lazySignals, v) {
			p.errf(nodes[i], id, "unless_signal: %q is no signal category a cue can ask for (%s, %v)", v, SignalObserved, lazySignals)
		}
	}
	c.UnlessSignal = vs
	c.ExceptSections = p.exceptSections(f["except_sections"], id)
	c.Fronted = p.boolean(f["fronted"], id, "fronted", false)
	c.OpensForward = p.boolean(f["opens_forward"], id, "opens_forward", false)
	if c.OpensForward && c.Direction != Backward {
		p.errf(f["opens_forward"], id, "opens_forward needs direction backward, not %q", c.Direction)
	}
	if c.Fronted && (c.Category != CueNegated || c.Direction != Forward) {
		p.errf(f["fronted"], id, "only a forward negation heads a fronted phrase")
	}
	c.Contrast = p.boolean(f["contrast"], id, "contrast", false)
	if c.Contrast && c.Category != CueTerminator {
		p.errf(f["contrast"], id, "only a terminator opens a contrast (a contrast cue does by its category)")
	}
	c.OpeningContrast = p.boolean(f["opening_contrast"], id, "opening_contrast", false)
	if c.OpeningContrast && (c.Category != CueTerminator || c.Contrast) {
		p.errf(f["opening_contrast"], id, "only a terminator without contrast opens a contrast at the sentence's start alone")
	}
	c.InClause = p.boolean(f["in_clause"], id, "in_clause", false)
	if c.InClause && (c.Category != CueTerminator || c.Contrast) {
		p.errf(f["in_clause"], id, "only a terminator that opens no contrast ends a reach inside its clause")
	}
	c.OpensClause = p.boolean(f["opens_clause"], id, "opens_clause", false)
	if c.OpensClause && (c.Category != CueTerminator || c.Direction != Backward) {
		p.errf(f["opens_clause"], id, "only a backward terminator opens a clause by this key (one of both directions always does)")
	}
	c.SubjectVerbs, _ = p.strs(f["subject_verbs"], id, "subject_verbs")
	c.NeedsVerb = p.boolean(f["needs_verb"], id, "needs_verb", false)
	if c.NeedsVerb && len(c.SubjectVerbs) == 0 {
		p.errf(f["needs_verb"], id, "needs_verb needs subject_verbs: the verbs that must follow")
	}
	if len(c.SubjectVerbs) > 0 && c.Direction == Backward {
		p.errf(f["subject_verbs"], id, "subject_verbs start a forward reach: a backward cue has none")
	}
	var err error
	if c.subjectVerbs, err = newWordSet(c.SubjectVerbs); err != nil {
		p.errf(f["subject_verbs"], id, "subject_verbs: %v", err)
	}
	if c.Frame && c.Direction == Backward {
		p.errf(f["frame"], id, "a frame reaches forward: a backward cue frames nothing")
	}
	if c.NoCount && c.Category != CueNegated {
		p.errf(f["no_count"], id, "only a negation cue can give no zero count")
	}
	if c.YieldsToNegation && c.Category != CueGeneric && c.Category != CueHypothetical {
		p.errf(f["yields_to_negation"], id, "only a generic or hypothetical cue yields to a negation")
	}
	if c.Category == CueExclude && len(c.AppliesTo) == 0 {
		p.errf(n, id, "an exclude cue needs applies_to: the facets it removes")
	}
	c.Crosses, _ = p.strs(f["crosses"], id, "crosses")
	var endNodes []*yaml.Node
	c.Ends, endNodes = p.read().Strs(f["ends"], id, "ends")
	c.endForms = nil
	for i, w := range c.Ends {
		units := phraseUnits(w)
		if len(units) != 1 {
			p.errf(endNodes[i], id, "ends: %q is not one word", w)
			continue
		}
		if c.endForms == nil {
			c.endForms = map[string]bool{}
		}
		c.endForms[units[0].norm] = true
	}
	switch c.Category {
	case CueNegated, CueHypothetical, CueGeneric, CueExclude:
	default:
		if len(c.Crosses) > 0 {
			p.errf(f["crosses"], id, "only a cue with a reach (negated, hypothetical, generic, exclude) crosses terminators")
		}
		if len(c.Ends) > 0 {
			p.errf(f["ends"], id, "only a cue with a reach (negated, hypothetical, generic, exclude) has words that end it")
		}
	}
	c.Examples = p.examples(f["examples"], id)
	return c
}

func (p *parser) section(n *yaml.Node) *SectionRule {
	f := p.fields(n, "", "section rule", "id", "category", "description", "sections", "facets", "unless_observed", "unless_own", "whole_text", "yielding_only")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "section rule")
	if !ok {
		return nil
	}
	s := &SectionRule{Pos: p.pos(n), ID: id}
	for _, k := range []string{"category", "description", "sections", "facets"} {
		p.required(f, n, id, k)
	}
	s.Category = p.statusCategory(f["category"], id, "a section rule")
	s.Description = p.str(f["description"], id, "description")
	s.Sections, _ = p.strs(f["sections"], id, "sections")
	s.Facets, _ = p.strs(f["facets"], id, "facets")
	s.UnlessObserved = p.boolean(f["unless_observed"], id, "unless_observed", false)
	s.UnlessOwn = p.boolean(f["unless_own"], id, "unless_own", false)
	if s.UnlessOwn && s.UnlessObserved {
		p.errf(f["unless_own"], id, "unless_own narrows unless_observed: give one of them")
	}
	s.YieldingOnly = p.boolean(f["yielding_only"], id, "yielding_only", false)
	if s.YieldingOnly && s.Category != CueGeneric {
		p.errf(f["yielding_only"], id, "yielding_only lets a possibility give way to knowledge: the rule's category must be generic")
	}
	s.WholeText = p.integer(f["whole_text"], id, "whole_text", 2, 1000)
	if s.WholeText > 0 && !slices.Contains(s.Sections, SectionOpening) {
		p.errf(f["whole_text"], id, "whole_text makes a whole text an opening: the rule's sections must name %q", SectionOpening)
	}
	return s
}

// statusCategory reads the status a section or document rule gives: hypothetical, generic
// or negated.
func (p *parser) statusCategory(n *yaml.Node, id, what string) string {
	c := p.str(n, id, "category")
	switch c {
	case CueHypothetical, CueGeneric, CueNegated, "":
	default:
		p.errf(n, id, "%s's category must be hypothetical, generic or negated, not %q", what, c)
	}
	return c
}

func (p *parser) signal(n *yaml.Node) *Signal {
	f := p.fields(n, "", "signal", "id", "category", "description", "pattern", "clause", "except_sections", "superscript", "own", "opening", "examples")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "signal")
	if !ok {
		return nil
	}
	s := &Signal{Pos: p.pos(n), ID: id}
	for _, k := range []string{"category", "description", "pattern"} {
		p.required(f, n, id, k)
	}
	s.Category = p.str(f["category"], id, "category")
	switch s.Category {
	case SignalObserved, SignalStudy, SignalRecordStudy, SignalPlan, SignalFuture, SignalPredicate, SignalProgress, SignalResult, SignalAim, CueGeneric, "":
	default:
		p.errf(f["category"], id, "a signal's category must be observed, study, record_study, plan, future, predicate, progress, result, aim or generic, not %q", s.Category)
	}
	s.Description = p.str(f["description"], id, "description")
	s.Clause = p.boolean(f["clause"], id, "clause", false)
	s.Superscript = p.boolean(f["superscript"], id, "superscript", false)
	s.Own = p.boolean(f["own"], id, "own", false)
	s.Opening = p.boolean(f["opening"], id, "opening", false)
	if s.Own && s.Category != SignalObserved {
		p.errf(f["own"], id, "only an observed signal names the report's own study")
	}
	if s.Clause && s.Category != CueGeneric {
		p.errf(f["clause"], id, "only a generic signal speaks for its clause")
	}
	s.ExceptSections = p.exceptSections(f["except_sections"], id)
	s.Source = p.str(f["pattern"], id, "pattern")
	if pn := f["pattern"]; pn != nil {
		s.srcPos = p.textPos(pn)
	}
	s.Examples = p.examples(f["examples"], id)
	return s
}

func (p *parser) document(n *yaml.Node) *DocumentRule {
	f := p.fields(n, "", "document rule", "id", "category", "description", "kinds", "publication_types",
		"phrases", "title_phrases", "facets", "unless_observed", "unless_own", "only_observed", "if_signal", "unless_signal", "opening", "except_sections", "examples")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "document rule")
	if !ok {
		return nil
	}
	d := &DocumentRule{Pos: p.pos(n), ID: id}
	for _, k := range []string{"category", "description", "facets"} {
		p.required(f, n, id, k)
	}
	d.Category = p.statusCategory(f["category"], id, "a document rule")
	d.Description = p.str(f["description"], id, "description")
	d.Kinds, _ = p.strs(f["kinds"], id, "kinds")
	d.PublicationTypes, _ = p.strs(f["publication_types"], id, "publication_types")
	d.Phrases, d.phrasePos = p.strs(f["phrases"], id, "phrases")
	d.TitlePhrases, d.titlePhrasePos = p.strs(f["title_phrases"], id, "title_phrases")
	d.Facets, _ = p.strs(f["facets"], id, "facets")
	d.UnlessObserved = p.boolean(f["unless_observed"], id, "unless_observed", false)
	d.OnlyObserved = p.boolean(f["only_observed"], id, "only_observed", false)
	d.UnlessOwn = p.boolean(f["unless_own"], id, "unless_own", false)
	if d.UnlessOwn && (d.UnlessObserved || d.OnlyObserved) {
		p.errf(f["unless_own"], id, "unless_own cannot go with unless_observed or only_observed: choose one")
	}
	for _, k := range []string{"if_signal", "unless_signal"} {
		vs, nodes := p.read().Strs(f[k], id, k)
		for i, v := range vs {
			if !slices.Contains(lazySignals, v) {
				p.errf(nodes[i], id, "%s: %q is no signal category a document rule can ask for (%v)", k, v, lazySignals)
			}
		}
		if k == "if_signal" {
			d.IfSignal = vs
		} else {
			d.UnlessSignal = vs
		}
	}
	if d.UnlessObserved && d.OnlyObserved {
		p.errf(f["only_observed"], id, "only_observed and unless_observed cannot both hold: choose one")
	}
	d.Opening = p.integer(f["opening"], id, "opening", 1, 50)
	d.ExceptSections = p.exceptSections(f["except_sections"], id)
	d.Examples = p.examples(f["examples"], id)
	if len(d.Kinds)+len(d.PublicationTypes)+len(d.Phrases)+len(d.TitlePhrases) == 0 {
		p.errf(n, id, "a document rule needs kinds, publication_types, phrases or title_phrases: what makes a document its kind")
	}
	return d
}

func (p *parser) incidence(n *yaml.Node) *IncidenceRule {
	f := p.fields(n, "", "incidence rule", "id", "kind", "description", "pattern", "n", "of", "percent", "negated", "max", "not_before", "not_after", "followed_by", "subject_verbs", "binds_before", "binds_after", "reach", "opening", "claims", "adjacent", "list", "all", "each", "group", "part", "table_row", "fits", "agree", "denies", "echoes", "unit", "barriers", "bracket", "breakdown", "same_whole", "other_wholes", "after_arms", "joins", "gapped", "when", "examples")
	if f == nil {
		return nil
	}
	id, ok := p.idOf(f, n, "incidence rule")
	if !ok {
		return nil
	}
	r := &IncidenceRule{Pos: p.pos(n), ID: id}
	for _, k := range []string{"description", "pattern"} {
		p.required(f, n, id, k)
	}
	r.Kind = p.str(f["kind"], id, "kind")
	switch r.Kind {
	case "":
		r.Kind = IncidenceEvent
	case IncidenceEvent, IncidencePopulation, IncidenceArm, IncidenceWhole:
	default:
		p.errf(f["kind"], id, "kind must be %s, %s, %s or %s, not %q", IncidenceEvent, IncidencePopulation, IncidenceArm, IncidenceWhole, r.Kind)
	}
	r.Description = p.str(f["description"], id, "description")
	r.Source = p.str(f["pattern"], id, "pattern")
	if pn := f["pattern"]; pn != nil {
		r.srcPos = p.textPos(pn)
	}
	for _, k := range []struct {
		key string
		dst *string
	}{{"n", &r.N}, {"of", &r.Of}, {"percent", &r.Percent}} {
		v := f[k.key]
		if v == nil {
			continue
		}
		*k.dst = p.str(v, id, k.key)
		if _, err := strconv.ParseFloat(*k.dst, 64); err != nil && !strings.HasPrefix(*k.dst, "$") {
			p.errf(v, id, "%s must be a number or $capture, not %q", k.key, *k.dst)
		}
	}
	r.Negated = p.boolean(f["negated"], id, "negated", false)
	r.BindsBefore = p.boolean(f["binds_before"], id, "binds_before", false)
	r.BindsAfter = p.boolean(f["binds_after"], id, "binds_after", false)
	r.Reach = p.integer(f["reach"], id, "reach", 1, incidenceAfter)
	r.Opening = p.boolean(f["opening"], id, "opening", false)
	r.Claims = p.boolean(f["claims"], id, "claims", false)
	if r.Claims && !strings.Contains(r.Source, ">>") {
		p.errf(f["claims"], id, "claims keeps the numbers captured after >>: the pattern has none")
	}
	if r.Reach > 0 && !r.BindsAfter {
		p.errf(f["reach"], id, "reach limits a count that binds after it (binds_after)")
	}
	if r.BindsBefore && r.BindsAfter {
		p.errf(f["binds_after"], id, "a count binds before or after, not both")
	}
	r.List = p.str(f["list"], id, "list")
	r.Adjacent = p.boolean(f["adjacent"], id, "adjacent", false)
	if r.Adjacent && r.List != ListOnly {
		p.errf(f["adjacent"], id, "adjacent is for a form that is otherwise a count only in a list (list: only)")
	}
	switch r.List {
	case "", ListItem, ListOnly, ListAfter:
	default:
		p.errf(f["list"], id, "list must be %s, %s or %s, not %q", ListItem, ListOnly, ListAfter, r.List)
	}
	r.All = p.boolean(f["all"], id, "all", false)
	r.Each = p.boolean(f["each"], id, "each", false)
	r.Group = p.boolean(f["group"], id, "group", false)
	r.Part = p.boolean(f["part"], id, "part", false)
	r.TableRow = p.boolean(f["table_row"], id, "table_row", false)
	r.Fits = p.boolean(f["fits"], id, "fits", false)
	r.Agree = p.boolean(f["agree"], id, "agree", false)
	if r.Agree && (!strings.Contains(r.Source, "{number:n}") || !strings.Contains(r.Source, "{number:percent}")) {
		p.errf(f["agree"], id, "agree checks shares against their counts: the pattern needs {number:n} and {number:percent}")
	}
	if r.Fits && (!strings.Contains(r.Source, "{number:n}") || !strings.Contains(r.Source, "{number:of}") || !strings.Contains(r.Source, "{number:percent}")) {
		p.errf(f["fits"], id, "fits checks a share against its n of its whole: the pattern needs {number:n}, {number:of} and {number:percent}")
	}
	r.Denies = p.boolean(f["denies"], id, "denies", false)
	if r.Denies && (r.N != "0" || r.Kind != IncidenceEvent) {
		p.errf(f["denies"], id, "denies is for an event rule whose count is n: '0'")
	}
	r.Echoes = p.boolean(f["echoes"], id, "echoes", false)
	if r.Echoes && (r.Kind != IncidenceEvent || r.BindsAfter) {
		p.errf(f["echoes"], id, "echoes is for an event rule's count of the clause before it")
	}
	if r.Each && r.Kind != IncidenceEvent {
		p.errf(f["each"], id, "each is for an event rule's count of its outcomes")
	}
	r.Unit = p.str(f["unit"], id, "unit")
	switch r.Unit {
	case "", UnitPatients, UnitEvents:
	default:
		p.errf(f["unit"], id, "unit must be %s or %s, not %q", UnitPatients, UnitEvents, r.Unit)
	}
	if r.Unit == UnitEvents && (r.Kind == IncidencePopulation || r.All || r.Negated) {
		p.errf(f["unit"], id, "a count of events is an event rule's, and neither all nor negated")
	}
	r.Barriers, _ = p.strs(f["barriers"], id, "barriers")
	// keys that only rules of one kind take
	kindKey := func(key, kind, kinds string) bool {
		v := p.boolean(f[key], id, key, false)
		if v && r.Kind != kind {
			p.errf(f[key], id, "%s is for %s", key, kinds)
		}
		return v
	}
	r.Bracket = kindKey("bracket", IncidenceArm, "arm rules")
	r.Breakdown = kindKey("breakdown", IncidenceArm, "arm rules")
	r.SameWhole = p.boolean(f["same_whole"], id, "same_whole", false)
	if r.SameWhole && r.Kind != IncidenceArm && !r.Echoes {
		p.errf(f["same_whole"], id, "same_whole is for arm rules and echoing event rules")
	}
	r.OtherWholes = kindKey("other_wholes", IncidenceArm, "arm rules")
	r.AfterArms = kindKey("after_arms", IncidenceArm, "arm rules")
	r.Gapped = kindKey("gapped", IncidenceEvent, "count rules")
	r.Joins, _ = p.strs(f["joins"], id, "joins")
	if len(r.Joins) > 0 && r.Kind != IncidenceArm {
		p.errf(f["joins"], id, "joins is for arm rules")
	}
	r.When = p.condition(f["when"], id)
	if len(r.When.Near)+len(r.When.NearBefore)+len(r.When.Heading)+len(r.When.UnlessNear)+len(r.When.DocumentValues) > 0 || r.When.Observed || r.When.Prose {
		p.errf(f["when"], id, "an incidence rule takes only document_has and document_lacks")
	}
	if mn := f["max"]; mn != nil {
		v, err := strconv.Atoi(p.str(mn, id, "max"))
		if err != nil || v <= 0 {
			p.errf(mn, id, "max must be a whole number above 0")
		}
		r.Max = v
	}
	for _, k := range []struct {
		key  string
		list *[]string
		set  *wordSet
	}{{"not_before", &r.NotBefore, &r.notBefore}, {"not_after", &r.NotAfter, &r.notAfter}, {"followed_by", &r.FollowedBy, &r.followedBy}, {"subject_verbs", &r.SubjectVerbs, &r.subjectVerbs}} {
		*k.list, _ = p.strs(f[k.key], id, k.key)
		ws, err := newWordSet(*k.list)
		if err != nil {
			p.errf(f[k.key], id, "%s: %v", k.key, err)
		}
		*k.set = ws
	}
	r.Examples = p.examples(f["examples"], id)
	return r
}

// checkAndCompile checks the set as a whole (unique ids, known facets and classes, values in
// their facet's vocabulary) and compiles each pattern into its rule, reporting those that do
// not compile. It changes the set: after it, every valid Pattern holds its compiled form.
func (rs *RuleSet) checkAndCompile() []error {
	var errs []error
	add := func(pos Pos, id, format string, args ...any) {
		errs = append(errs, &RuleError{Pos: pos, RuleID: id, Msg: fmt.Sprintf(format, args...)})
	}
	seen := map[string]Pos{}
	checkID := func(id string, pos Pos) {
		if prev, dup := seen[id]; dup {
			errs = append(errs, &RuleError{Pos: pos, RuleID: id, Msg: "duplicate rule id", Prev: &prev})
			return
		}
		seen[id] = pos
	}
	classes := map[string]bool{"grade": true}
	for _, v := range rs.Vocabularies {
		checkID(v.ID, v.Pos)
		classes[v.Class] = true
	}
	// compile compiles the pattern src of rule id that starts at pos in its file, reporting
	// an error at its column under key.
	compile := func(src string, pos Pos, id, key string) ([]elem, bool) {
		elems, perr := compilePattern(src, classes)
		if perr != nil {
			pos.Col += perr.offset
			add(pos, id, "%s: %s", key, perr.msg)
			return nil, false
		}
		return elems, true
	}
	for _, r := range rs.Patterns {
		checkID(r.ID, r.Pos)
	}
	for _, c := range rs.Cues {
		checkID(c.ID, c.Pos)
	}
	for _, s := range rs.Sections {
		checkID(s.ID, s.Pos)
	}
	for _, s := range rs.Signals {
		checkID(s.ID, s.Pos)
	}
	for _, d := range rs.Documents {
		checkID(d.ID, d.Pos)
	}
	for _, r := range rs.Incidence {
		checkID(r.ID, r.Pos)
	}
	checkFacet := func(pos Pos, id, name string) (Facet, bool) {
		f, ok := LookupFacet(name)
		if !ok {
			add(pos, id, "unknown facet %q (known facets: %s)", name, facetNames())
		}
		return f, ok
	}
	checkClasses := func(pos Pos, id, what string, names []string) {
		for _, c := range names {
			if !classes[c] {
				add(pos, id, "%s names the class %q, which no vocabulary defines", what, c)
			}
		}
	}
	// compileBarriers splits a rule's barriers into words (normalised) and classes ("{crs}").
	compileBarriers := func(pos Pos, id string, barriers []string) (words, barClasses []string) {
		for _, b := range barriers {
			if name, ok := strings.CutPrefix(b, "{"); ok {
				name = strings.TrimSuffix(name, "}")
				checkClasses(pos, id, "barriers", []string{name})
				barClasses = append(barClasses, name)
				continue
			}
			if strings.Contains(Normalize(b), " ") {
				// a gap is crossed unit by unit: a barrier of two units ("patients with",
				// or "follow-up", which normalises to "follow up") would never stop one
				add(pos, id, "barrier %q has more than one word: a barrier is one word or a {class}", b)
				continue
			}
			words = append(words, Normalize(b))
		}
		return words, barClasses
	}
	checkCond := func(pos Pos, id string, c Condition) {
		checkClasses(pos, id, "when.document_has", c.DocumentHas)
		checkClasses(pos, id, "when.document_lacks", c.DocumentLacks)
		checkClasses(pos, id, "when.near", c.Near)
		checkClasses(pos, id, "when.near_before", c.NearBefore)
		checkClasses(pos, id, "when.heading", c.Heading)
		checkClasses(pos, id, "when.heading_lacks", c.HeadingLacks)
		checkClasses(pos, id, "when.unless_near", c.UnlessNear)
		checkClasses(pos, id, "when.refers_to", c.RefersTo)
		checkClasses(pos, id, "when.referents", c.Referents)
	}
	for _, v := range rs.Vocabularies {
		var facet Facet
		hasFacet := false
		if v.Facet != "" {
			facet, hasFacet = checkFacet(v.facetPos, v.ID, v.Facet)
		}
		for _, g := range v.Terms {
			if hasFacet && v.Emit && !facet.validValue(g.Value) {
				add(g.Pos, v.ID, "%q is not a value of facet %s (values: %s)", g.Value, v.Facet, strings.Join(facet.Values, ", "))
			}
			for i, form := range g.Forms {
				if len(phraseUnits(form)) == 0 {
					add(g.forms[i], v.ID, "the surface form %q has no words to match", form)
				}
			}
		}
		checkCond(v.Pos, v.ID, v.When)
	}
	for _, r := range rs.Patterns {
		if r.Facet != "" {
			if f, ok := checkFacet(r.facetPos, r.ID, r.Facet); ok && !strings.HasPrefix(r.Value, "$") && r.Value != "" && !f.validValue(r.Value) {
				add(r.Pos, r.ID, "%q is not a value of facet %s", r.Value, r.Facet)
			}
		}
		if r.srcPos.Line == 0 {
			continue // no pattern at all: reported as missing
		}
		elems, ok := compile(r.Source, r.srcPos, r.ID, "pattern")
		r.elems = elems
		if ok {
			if name, ok := strings.CutPrefix(r.Value, "$"); ok && r.Value != JoinedValue && !hasCapture(elems, name) {
				add(r.Pos, r.ID, "value %s names no capture of the pattern (captures: %s)", r.Value, strings.Join(captureNames(elems), ", "))
			}
			if r.At != "" && !hasCapture(elems, r.At) {
				add(r.Pos, r.ID, "at: %q names no element of the pattern (captures: %s)", r.At, strings.Join(captureNames(elems), ", "))
			}
		}
		checkClasses(r.Pos, r.ID, "qualifies", r.Qualifies)
		r.barWords, r.barClass = compileBarriers(r.Pos, r.ID, r.Barriers)
		checkCond(r.Pos, r.ID, r.When)
	}
	terminators := map[string]bool{}
	for _, c := range rs.Cues {
		if c.Category == CueTerminator {
			for _, ph := range c.Phrases {
				terminators[Normalize(ph)] = true
			}
		}
	}
	for _, c := range rs.Cues {
		for _, f := range c.AppliesTo {
			checkFacet(c.Pos, c.ID, f)
		}
		checkClasses(c.Pos, c.ID, "unless_after", c.UnlessAfter)
		c.crossForms = nil
		for _, ph := range c.Crosses {
			if !terminators[Normalize(ph)] && Normalize(ph) != ";" { // ";" ends every reach unless crossed
				add(c.Pos, c.ID, "crosses: %q is no phrase of a terminator cue (or \";\")", ph)
				continue
			}
			if c.crossForms == nil {
				c.crossForms = map[string]bool{}
			}
			c.crossForms[Normalize(ph)] = true
		}
		c.patternElems = nil
		for i, src := range c.Patterns {
			if elems, ok := compile(src, c.patternPos[i], c.ID, "patterns"); ok {
				c.patternElems = append(c.patternElems, elems)
			}
		}
		for i, ph := range c.Phrases {
			if len(phraseUnits(ph)) == 0 {
				add(c.phrasePos[i], c.ID, "the cue %q has no words to match", ph)
			}
		}
		// the cue as it reads where it opens its sentence, made once here, not per sentence
		c.forward = nil
		if c.OpensForward {
			fwd := *c
			fwd.Direction, fwd.OpensForward = Forward, false
			c.forward = &fwd
		}
	}
	for _, s := range rs.Sections {
		for _, f := range s.Facets {
			checkFacet(s.Pos, s.ID, f)
		}
	}
	for _, sg := range rs.Signals {
		if sg.srcPos.Line == 0 {
			continue // no pattern at all: reported as missing
		}
		sg.elems, _ = compile(sg.Source, sg.srcPos, sg.ID, "pattern")
	}
	for _, r := range rs.Incidence {
		checkCond(r.Pos, r.ID, r.When)
		if r.srcPos.Line == 0 {
			continue
		}
		elems, ok := compile(r.Source, r.srcPos, r.ID, "pattern")
		if !ok {
			continue
		}
		r.elems = elems
		r.barWords, r.barClass = compileBarriers(r.Pos, r.ID, r.Barriers)
		for _, v := range []struct {
			override, name string
			ref            *valueRef
		}{{r.N, "n", &r.n}, {r.Of, "of", &r.of}, {r.Percent, "percent", &r.pct}} {
			ref, names, msg := parseValueRef(v.override, v.name)
			if msg != "" {
				add(r.Pos, r.ID, "%s", msg)
				continue
			}
			for _, name := range names {
				if !hasCapture(elems, name) {
					add(r.Pos, r.ID, "$%s names no capture of the pattern (captures: %s)", name, strings.Join(captureNames(elems), ", "))
				}
			}
			*v.ref = ref
		}
		if (r.Kind == IncidencePopulation || r.Kind == IncidenceWhole) && !hasCapture(elems, "of") && r.Of == "" {
			add(r.Pos, r.ID, "a %s rule needs a {number:of} capture", r.Kind)
		}
	}
	for _, d := range rs.Documents {
		for _, f := range d.Facets {
			checkFacet(d.Pos, d.ID, f)
		}
		for i, ph := range d.Phrases {
			if len(phraseUnits(ph)) == 0 {
				add(d.phrasePos[i], d.ID, "the phrase %q has no words to match", ph)
			}
		}
		for i, ph := range d.TitlePhrases {
			if len(phraseUnits(ph)) == 0 {
				add(d.titlePhrasePos[i], d.ID, "the phrase %q has no words to match", ph)
			}
		}
	}
	return errs
}

func facetNames() string {
	names := make([]string, len(facets))
	for i, f := range facets {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// wordSet is a set of normalised words or phrases, and regular expressions, that a
// vocabulary match must not touch.
type wordSet struct {
	seqs [][]string // each normalised phrase as its units
	res  []*regexp.Regexp
}

func newWordSet(list []string) (wordSet, error) {
	var ws wordSet
	for _, w := range list {
		if strings.HasPrefix(w, "{") {
			return ws, fmt.Errorf("%s: a class is no word; a word list holds words and /regexps/", w)
		}
		if isRegexpWord(w) {
			re, err := regexp.Compile(w[1 : len(w)-1])
			if err != nil {
				return ws, fmt.Errorf("%s: %w", w, err)
			}
			ws.res = append(ws.res, re)
			continue
		}
		seq := strings.Split(Normalize(w), " ")
		for _, part := range strings.Fields(w) {
			if len(seq) > 1 && isRegexpWord(part) {
				// a phrase is matched word for word: a /regexp/ in it would be a literal word
				return ws, fmt.Errorf("%s: a /regexp/ stands alone in a word list, not inside a phrase", w)
			}
		}
		ws.seqs = append(ws.seqs, seq)
	}
	return ws, nil
}
