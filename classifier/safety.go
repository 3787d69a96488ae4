package classifier

import (
	"fmt"
	"slices"
)

// SafetyRow is one line of a document's safety table: an outcome value the document states
// for its own patients (observed, or stated absent) and, when the text gives it, how many
// had it. The evidence is the sentence that gives the incidence, else the first that states
// the value.
type SafetyRow struct {
	Document string `json:"document"`
	Facet    string `json:"facet"`
	// Value is the facet value as the document facets write it ("2", "tocilizumab",
	// "absent" for an outcome stated absent); a denial limited to some grades keeps the
	// event's value, with those grades as Grade and Status negated.
	Value string `json:"value"`
	// Grade is an adverse event's grade when its incidence is of one grade ("3-4" for
	// "grade 3/4 neutropenia in 40%"), or the grades its denial is limited to: a row of its
	// own beside the event's any-grade row.
	Grade     string     `json:"grade,omitempty"`
	Status    string     `json:"status"`
	Incidence *Incidence `json:"incidence,omitempty"`
	Sentence  int        `json:"sentence"`
	Evidence  string     `json:"evidence"`
}

// CountedValue is one outcome value a document counts: an affirmed or negated tag with an
// incidence, or the grade tags that share one incidence as one range value ("grade 3–5 CRS
// in 7 patients" is one count of CRS grade "3-5", not seven patients with each grade).
type CountedValue struct {
	Facet  string
	Value  string // a range "lo-hi" for grades that share an incidence
	Status string
	// Sentence is the index of the sentence of the first tag; Start and End are the
	// byte range of that tag.
	Sentence   int
	Start, End int
	Incidence  *Incidence
	key        string // the incidence's span, status and (ungraded) value
	members    int    // how many tags it stands for
}

// CountedValues returns the values a tagged document counts within the byte range
// [start, end) of its text (all of it with end < 0), in text order: what a safety table and
// an incidence score read.
func CountedValues(sents []Sentence, start, end int) []CountedValue {
	type group struct {
		cv     CountedValue
		values []string
	}
	groups := map[string]*group{}
	var order []string
	for _, s := range sents {
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, tg := range s.Tags {
			if tg.Incidence == nil || tg.Start < start || end >= 0 && tg.End > end {
				continue
			}
			if tg.Status != Affirmed && tg.Status != Negated {
				continue
			}
			key := countKey(tg)
			g := groups[key]
			if g == nil {
				g = &group{cv: CountedValue{Facet: tg.Facet, Status: tg.Status, Sentence: s.Index, Start: tg.Start, End: tg.End, Incidence: tg.Incidence, key: key}}
				groups[key] = g
				order = append(order, key)
			}
			if !slices.Contains(g.values, tg.Value) { // two mentions one count counts are one value
				g.values = append(g.values, tg.Value)
			}
		}
	}
	out := make([]CountedValue, 0, len(order))
	for _, k := range order {
		g := groups[k]
		g.cv.Value, g.cv.members = g.values[0], len(g.values)
		if len(g.values) > 1 {
			SortValues(g.values)
			g.cv.Value = g.values[0] + "-" + g.values[len(g.values)-1]
		}
		out = append(out, g.cv)
	}
	return out
}

// countKey groups the tags of one count: the incidence's span and the status, and the value
// of an ungraded facet (the grades a count shares are one range); a count of each item of a
// list ("one each of sepsis and pneumonia") is each tag's own.
func countKey(tg Tag) string {
	key := fmt.Sprintf("%s@%d-%d/%s", tg.Facet, tg.Incidence.Start, tg.Incidence.End, tg.Status)
	if f, _ := LookupFacet(tg.Facet); !f.Graded {
		key += "/" + tg.Value
	}
	if tg.Incidence.Each {
		key += fmt.Sprintf("#%d", tg.Start)
	}
	return key
}

// Safety returns the document's safety table: one row per outcome facet and value (and
// adverse-event grade, SafetyRow.Grade) with an affirmed or negated tag in a section that
// counts for facets, in facet order and then text order; grades that share one count are one
// row of their range ("3-5"), as CountedValues reads them. Of several incidences of one value
// it keeps the most complete (n with its denominator over n alone over a percentage alone),
// the first of equals. A denial that counts nobody ("none died of CRS", "patients without
// ICANS") is no row where the document affirms the same value: it says what the event was
// not, or of whom, and the affirmed row holds the event; a zero count (an arm with none)
// keeps its row.
func (r *Result) Safety() []SafetyRow {
	type key struct{ facet, value, grade, status string }
	rows := map[key]*SafetyRow{}
	var order []key
	affirmed := map[[2]string]bool{} // facet, tag value
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			if t.Status == Affirmed && s.Section.CountsForFacets() {
				affirmed[[2]string{t.Facet, t.Value}] = true
			}
		}
	}
	ranges := map[string]CountedValue{}
	for _, cv := range CountedValues(r.Sentences, 0, -1) {
		if cv.members > 1 {
			ranges[cv.key] = cv
		}
	}
	for _, s := range r.Sentences {
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, t := range s.Tags {
			f, ok := LookupFacet(t.Facet)
			if !ok || f.Kind != Outcome || t.Status != Affirmed && t.Status != Negated ||
				t.Status == Negated && t.Incidence == nil && affirmed[[2]string{t.Facet, t.Value}] {
				continue
			}
			value := t.Value
			if t.Incidence != nil {
				if cv, ok := ranges[countKey(t)]; ok {
					value = cv.Value
				}
			}
			if t.Status == Negated && !t.gradeLimited() { // "absent", "absent in 2 of 6"
				if absent, ok := f.AbsentValue(t.Value); ok {
					value = absent
				}
			}
			grade := t.DeniedGrade // "no grade ≥3 infections": infection, 3+, negated
			if t.Incidence != nil && grade == "" {
				grade = t.Incidence.Grade
			}
			k := key{t.Facet, value, grade, t.Status}
			row := rows[k]
			if row == nil {
				row = &SafetyRow{Document: r.Document.ID, Facet: t.Facet, Value: value, Grade: grade, Status: t.Status,
					Sentence: s.Index, Evidence: s.Text}
				rows[k] = row
				order = append(order, k)
			}
			if completeness(t.Incidence) > completeness(row.Incidence) {
				row.Incidence, row.Sentence, row.Evidence = t.Incidence, s.Index, s.Text
			}
		}
	}
	facetRank := map[string]int{}
	for i, f := range Facets() {
		facetRank[f.Name] = i
	}
	out := make([]SafetyRow, 0, len(order))
	for _, k := range order {
		out = append(out, *rows[k])
	}
	slices.SortStableFunc(out, func(a, b SafetyRow) int { return facetRank[a.Facet] - facetRank[b.Facet] })
	return out
}

// completeness ranks what an incidence says: nothing 0, a percentage (or a count of
// episodes, not of patients) 1, a count 2, a count with its denominator 3.
func completeness(in *Incidence) int {
	switch {
	case in == nil:
		return 0
	case in.Unit == UnitEvents:
		return 1
	case in.N != nil && in.Of != nil:
		return 3
	case in.N != nil:
		return 2
	}
	return 1
}
