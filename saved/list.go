package saved

import (
	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
)

// List is the JSON of the saved searches in use: what `trialtag searches list --json`
// prints and GET /api/searches serves.
type List struct {
	// File is the saved-searches file; Exists is false when there is none (no searches).
	File   string   `json:"file"`
	Exists bool     `json:"exists"`
	Items  []Listed `json:"searches"`
}

// Listed is one saved search in a [List]: the search, where it is written, what its query
// is read as, its examples, and (from an index) its alerts.
type Listed struct {
	index.SavedSearch
	Description    string               `json:"description,omitempty"`
	Pos            classifier.Pos       `json:"pos"`
	Interpretation index.Interpretation `json:"interpretation"`
	Examples       ExampleCounts        `json:"examples"`
	// Alerts counts the search's alerts in the index's log, when the list was made with
	// them.
	Alerts *index.AlertCount `json:"alerts,omitempty"`
}

// ExampleCounts counts a search's examples of each kind.
type ExampleCounts struct {
	MustMatch    int `json:"must_match"`
	MustNotMatch int `json:"must_not_match"`
}

// NewList lists the searches of f (nil: no file at path) as p reads them (p built from f),
// with each search's alert counts when counts is not nil.
func NewList(path string, f *File, p *index.Percolator, counts map[string]index.AlertCount) *List {
	l := &List{File: path, Exists: f != nil, Items: []Listed{}}
	if f == nil {
		return l
	}
	read := map[string]index.Interpretation{}
	for _, ps := range p.Searches() {
		read[ps.Name] = ps.Interpretation
	}
	for _, s := range f.Searches {
		it := Listed{SavedSearch: s.SavedSearch, Description: s.Description, Pos: s.Pos, Interpretation: read[s.Name]}
		if it.Interpretation.Filters == nil {
			it.Interpretation.Filters = []index.InterpretedFilter{}
		}
		for _, ex := range s.Examples {
			if ex.Match {
				it.Examples.MustMatch++
			} else {
				it.Examples.MustNotMatch++
			}
		}
		if counts != nil {
			c := counts[s.Name]
			it.Alerts = &c
		}
		l.Items = append(l.Items, it)
	}
	return l
}
