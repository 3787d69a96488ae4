package classifier

import "slices"

// SafetyRow is one line of a document's safety table: an outcome value the document states
// for its own patients (observed, or stated absent) and, when the text gives it, how many
// had it. The evidence is the sentence that gives the incidence, else the first that states
// the value.
type SafetyRow struct {
	Document string `json:"document"`
	Facet    string `json:"facet"`
	// Value is the facet value as the document facets write it ("2", "tocilizumab",
	// "absent" for an outcome stated absent).
	Value     string     `json:"value"`
	Status    string     `json:"status"`
	Incidence *Incidence `json:"incidence,omitempty"`
	Sentence  int        `json:"sentence"`
	Evidence  string     `json:"evidence"`
}

// Safety returns the document's safety table: one row per outcome facet and value with an
// affirmed or negated tag in a section that counts for facets, in facet order and then
// text order. Of several incidences of one value it keeps the most complete (n with its
// denominator over n alone over a percentage alone), the first of equals.
func (r *Result) Safety() []SafetyRow {
	type key struct{ facet, value, status string }
	rows := map[key]*SafetyRow{}
	var order []key
	for _, s := range r.Sentences {
		if !s.Section.CountsForFacets() {
			continue
		}
		for _, t := range s.Tags {
			f, ok := LookupFacet(t.Facet)
			if !ok || f.Kind != Outcome || t.Status != Affirmed && t.Status != Negated {
				continue
			}
			value := t.Value
			if t.Status == Negated {
				if absent, ok := f.AbsentValue(t.Value); ok {
					value = absent
				}
			}
			k := key{t.Facet, value, t.Status}
			row := rows[k]
			if row == nil {
				row = &SafetyRow{Document: r.Document.ID, Facet: t.Facet, Value: value, Status: t.Status,
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
