package classifier

import "slices"

// FacetKind says how a facet's sentence tags become document facet values.
type FacetKind int

const (
	// Mention facets count mentions of any status.
	Mention FacetKind = iota
	// Outcome facets count what happened: affirmed values, and "absent" (or "<value>: absent")
	// for values that are only negated. Hypothetical tags never reach them.
	Outcome
)

// Facet describes one facet of the tag vocabulary (TAGS.md).
type Facet struct {
	Name string
	Kind FacetKind
	// Values lists the canonical values when the facet has a closed set; nil means open.
	Values []string
	// AbsentSuffix reports whether a negated-only value is written "<value>: absent" rather
	// than replacing the value with "absent" (crs, icans).
	AbsentSuffix bool
	// Graded marks grade facets, whose negated tags never reach the document facets: "no
	// grade ≥3 CRS" says nothing of grade 1.
	Graded bool
}

var gradeValues = []string{"1", "2", "3", "4", "5", "2+", "3+", "4+"}

// Facets is the tag vocabulary: the facets trialtag knows, in display order.
var Facets = []Facet{
	{Name: "antigen", Kind: Mention},
	{Name: "crs", Kind: Outcome, Values: []string{"present"}},
	{Name: "crs_grade", Kind: Outcome, Values: gradeValues, Graded: true},
	{Name: "icans", Kind: Outcome, Values: []string{"present"}},
	{Name: "icans_grade", Kind: Outcome, Values: gradeValues, Graded: true},
	{Name: "toxicity_treatment", Kind: Outcome, AbsentSuffix: true},
	{Name: "adverse_event", Kind: Outcome, AbsentSuffix: true},
	{Name: "remission", Kind: Mention, Values: []string{
		"DORIS", "LLDAS", "SRI-4", "BICLA", "complete renal response", "partial renal response",
		"renal response", "drug-free remission", "serological remission", "complete response",
		"partial response", "MRD negativity"}},
	{Name: "disease", Kind: Mention},
	{Name: "product", Kind: Mention},
	{Name: "trial_phase", Kind: Mention, Values: []string{"phase 1", "phase 1/2", "phase 2", "phase 2/3", "phase 3", "phase 4"}},
	{Name: "trial_id", Kind: Mention},
}

// LookupFacet returns the facet named name.
func LookupFacet(name string) (Facet, bool) {
	for _, f := range Facets {
		if f.Name == name {
			return f, true
		}
	}
	return Facet{}, false
}

// validValue reports whether v is a value of facet f (always true for open facets).
func (f Facet) validValue(v string) bool {
	return v == NoValue || f.Values == nil || slices.Contains(f.Values, v)
}

// Statuses of a tag.
const (
	Affirmed     = "affirmed"
	Negated      = "negated"
	Hypothetical = "hypothetical"
)

// NoValue is the value of vocabulary terms that match (and so win the longest match) but tag
// nothing: "very good partial response" must not read as "partial response".
const NoValue = "(none)"
