package classifier

import (
	"slices"
	"strings"
)

// FacetKind says how a facet's sentence tags become document facet values.
type FacetKind int

const (
	// Mention facets count mentions of any status.
	Mention FacetKind = iota
	// Outcome facets count what happened: affirmed values, and "absent" (or "<value>: absent")
	// for values that are only negated. Hypothetical tags never reach them.
	Outcome
)

// String names the kind as the API writes it: "mention" or "outcome".
func (k FacetKind) String() string {
	if k == Outcome {
		return "outcome"
	}
	return "mention"
}

// MarshalText writes the kind as its name.
func (k FacetKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Facet describes one facet of the tag vocabulary (TAGS.md). Its methods are the one place
// that says how sentence tags roll up into document facet values: the classifier's
// document facets, eval's evidence, the index's filters and the web page all ask them.
type Facet struct {
	Name string `json:"name"`
	// Label is the facet's name for people: "CRS grade".
	Label string    `json:"label"`
	Kind  FacetKind `json:"kind"`
	// Values lists the canonical values when the facet has a closed set; nil means open.
	Values []string `json:"values,omitempty"`
	// AbsentSuffix reports whether a negated-only value is written "<value>: absent" rather
	// than replacing the value with "absent" (crs, icans).
	AbsentSuffix bool `json:"absent_suffix,omitempty"`
	// Graded marks grade facets, whose negated tags never reach the document facets: "no
	// grade ≥3 CRS" says nothing of grade 1.
	Graded bool `json:"graded,omitempty"`
}

var gradeValues = []string{"1", "2", "3", "4", "5", "2+", "3+", "4+"}

// facets is the tag vocabulary: the facets trialtag knows, in display order.
var facets = []Facet{
	{Name: "antigen", Label: "Antigen", Kind: Mention},
	{Name: "crs", Label: "CRS", Kind: Outcome, Values: []string{PresentValue}},
	{Name: "crs_grade", Label: "CRS grade", Kind: Outcome, Values: gradeValues, Graded: true},
	{Name: "icans", Label: "ICANS", Kind: Outcome, Values: []string{PresentValue}},
	{Name: "icans_grade", Label: "ICANS grade", Kind: Outcome, Values: gradeValues, Graded: true},
	{Name: "toxicity_treatment", Label: "Toxicity treatment", Kind: Outcome, AbsentSuffix: true},
	{Name: "adverse_event", Label: "Adverse event", Kind: Outcome, AbsentSuffix: true},
	{Name: "remission", Label: "Remission", Kind: Mention, Values: []string{
		"DORIS", "LLDAS", "SRI-4", "BICLA", "complete renal response", "partial renal response",
		"renal response", "drug-free remission", "serological remission", "complete response",
		"partial response", "MRD negativity"}},
	{Name: "disease", Label: "Disease", Kind: Mention},
	{Name: "product", Label: "Product", Kind: Mention},
	{Name: "trial_phase", Label: "Trial phase", Kind: Mention, Values: []string{"phase 1", "phase 1/2", "phase 2", "phase 2/3", "phase 3", "phase 4"}},
	{Name: "trial_id", Label: "Trial ID", Kind: Mention},
}

// Facets returns the tag vocabulary, in display order. The slice is the caller's own copy.
func Facets() []Facet {
	out := slices.Clone(facets)
	for i := range out {
		out[i].Values = slices.Clone(out[i].Values)
	}
	return out
}

// outcomeFacets are the names of the outcome facets (crs, crs_grade, …, adverse_event).
var outcomeFacets = func() map[string]bool {
	out := map[string]bool{}
	for _, f := range facets {
		if f.Kind == Outcome {
			out[f.Name] = true
		}
	}
	return out
}()

// isOutcome reports whether a facet is an outcome facet: one whose tags count what happened.
func isOutcome(facet string) bool { return outcomeFacets[facet] }

// LookupFacet returns the facet named name.
func LookupFacet(name string) (Facet, bool) {
	for _, f := range facets {
		if f.Name == name {
			return f, true
		}
	}
	return Facet{}, false
}

// FacetRank is the position of the facet named name in display order, or the number of
// facets for a name that is no facet.
func FacetRank(name string) int {
	for i, f := range facets {
		if f.Name == name {
			return i
		}
	}
	return len(facets)
}

// SortFacetNames sorts facet names in display order, names that are no facet last by name.
func SortFacetNames(names []string) {
	slices.SortStableFunc(names, func(a, b string) int {
		if ra, rb := FacetRank(a), FacetRank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
}

// validValue reports whether v is a value of facet f (always true for open facets).
func (f Facet) validValue(v string) bool {
	return v == NoValue || f.Values == nil || slices.Contains(f.Values, v)
}

// Counts reports whether a tag with this status gives the document its value: a mention of
// any status for a mention facet, an affirmed tag for an outcome facet.
func (f Facet) Counts(status string) bool {
	return f.Kind == Mention || status == Affirmed
}

// AbsentValue returns the document value that a tag value becomes when the document only
// negates it — "absent" for crs and icans, "<value>: absent" for the open outcome facets —
// and false for facets that negations never reach (mention and grade facets).
func (f Facet) AbsentValue(tagValue string) (string, bool) {
	switch {
	case f.Kind != Outcome || f.Graded:
		return "", false
	case f.AbsentSuffix:
		return tagValue + absentSuffix, true
	}
	return AbsentValue, true
}

// NegatedOnly reads a document value written by AbsentValue back: the tag value that the
// document only negates ("present" for "absent", "tocilizumab" for "tocilizumab: absent"),
// and false when value is not a negated-only value of this facet.
func (f Facet) NegatedOnly(value string) (tagValue string, ok bool) {
	switch {
	case f.Kind != Outcome || f.Graded:
		return "", false
	case f.AbsentSuffix:
		return cutSuffix(value, absentSuffix)
	}
	return PresentValue, value == AbsentValue
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) > len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return "", false
}

// Produces reports whether tag t gives the document the facet value value, given affirmed:
// whether the document has a counting tag of the tag's value. It is the inverse of
// [DocumentFacets], for showing the evidence of a value: a negated-only value ("absent",
// "neutropenia: absent") comes from the denials of the value itself ([Tag.DeniesValue]).
func (f Facet) Produces(t Tag, value string, affirmed bool) bool {
	if neg, ok := f.NegatedOnly(value); ok {
		return t.DeniesValue() && !affirmed && t.Value == neg
	}
	return t.Value == value && f.Counts(t.Status)
}

// DeniesValue reports whether t is a denial of its value itself: a negated tag whose denial
// no grade limits. "No grade ≥3 infections", "grade 4 neutropenia was not observed" and "no
// fatal infections" deny only those grades of the event ([Tag.DeniedGrade]) and say nothing
// of the others, as "no high-grade CRS" says nothing of grade 1 (TAGS.md), so they give the
// document no "<value>: absent". CRS and ICANS write their grades as tags of their own
// (crs_grade), so their denials of a grade never limit a crs or icans tag. A denial of every
// grade ("1+", "1-5") denies the value. Nor does a denial that counts the patients it spared
// short of all ("ICANS was absent in 18 of 20"): the others may have had it.
func (t Tag) DeniesValue() bool {
	return t.Status == Negated && !t.gradeLimited() && !t.PartlySpared()
}

// PartlySpared reports whether a negated tag's count is of the patients it spared, short of
// all of them ("ICANS was absent in 18 of 20"); a count of no known whole ("CRS did not
// occur in 12 patients") may be all of them.
func (t Tag) PartlySpared() bool {
	in := t.Incidence
	return t.Status == Negated && in != nil && in.N != nil && in.Of != nil && *in.N > 0 && *in.N < *in.Of
}

// gradeLimited reports whether a denial is limited to some grades ([Tag.DeniedGrade]).
func (t Tag) gradeLimited() bool { return limitingGrade(t.DeniedGrade) }

// Statuses of a tag (TAGS.md).
const (
	// Affirmed: it happened, or holds, in this report's patients.
	Affirmed = "affirmed"
	// Negated: this report says it did not happen.
	Negated = "negated"
	// Hypothetical: a plan, method, endpoint, definition, risk or permission.
	Hypothetical = "hypothetical"
	// Generic: general knowledge, another study's result, history before this study, or a
	// topic (a title, heading or keyword line).
	Generic = "generic"
)

// Statuses returns every status a tag can have.
func Statuses() []string { return []string{Affirmed, Negated, Hypothetical, Generic} }

// The values of the crs and icans facets, and the suffix of the negated-only values of the
// open outcome facets.
const (
	PresentValue = "present"
	AbsentValue  = "absent"
	absentSuffix = ": absent"
)

// NoValue is the value of vocabulary terms that match (and so win the longest match) but tag
// nothing: "very good partial response" must not read as "partial response".
const NoValue = "(none)"
