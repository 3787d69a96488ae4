package evaluate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
)

// CoreFacets returns the facets that evaluation gates check unless told otherwise: the
// toxicity and remission facets trialtag exists for, and the antigen.
func CoreFacets() []string {
	return []string{"antigen", "crs", "crs_grade", "icans", "icans_grade", "toxicity_treatment", "remission"}
}

// LineError is an error in one line of a gold file.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// ReadGold reads a gold file: JSON Lines of {"id": "...", "facets": {"facet": ["value", ...]}}.
// Blank lines are skipped and other keys of a record are ignored. A facet given with an empty
// list (or null) stays in the map with an empty list: the document was annotated for that facet
// and has no value. An error names the 1-based line of the record at fault (a *[LineError]); an id that occurs
// twice is an error.
func ReadGold(r io.Reader) (map[string]map[string][]string, error) {
	gold := map[string]map[string][]string{}
	firstLine := map[string]int{}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, &LineError{n, err}
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			id, facets, perr := parseRecord(t)
			if perr != nil {
				return nil, &LineError{n, perr}
			}
			if first, dup := firstLine[id]; dup {
				return nil, &LineError{n, fmt.Errorf("duplicate id %q (first on line %d)", id, first)}
			}
			firstLine[id] = n
			gold[id] = facets
		}
		if err != nil { // io.EOF
			return gold, nil
		}
	}
}

func parseRecord(line []byte) (string, map[string][]string, error) {
	var rec struct {
		ID     *string             `json:"id"`
		Facets map[string][]string `json:"facets"`
	}
	if err := json.Unmarshal(line, &rec); err != nil {
		return "", nil, fmt.Errorf("not a gold record {\"id\",\"facets\"}: %w", err)
	}
	if rec.ID == nil || *rec.ID == "" {
		return "", nil, errors.New(`no "id" (a non-empty string)`)
	}
	if rec.Facets == nil {
		return "", nil, fmt.Errorf(`record %q has no "facets" object`, *rec.ID)
	}
	for f, vals := range rec.Facets {
		if f == "" {
			return "", nil, fmt.Errorf("record %q: a facet with an empty name", *rec.ID)
		}
		if vals == nil {
			rec.Facets[f] = []string{}
		}
		for _, v := range vals {
			if v == "" {
				return "", nil, fmt.Errorf("record %q: facet %q has an empty value", *rec.ID, f)
			}
		}
	}
	return *rec.ID, rec.Facets, nil
}

// GoldFacets lists, sorted, the facets that some record of gold names (with values or with
// an empty list): the facets the gold annotates.
func GoldFacets(gold map[string]map[string][]string) []string {
	set := map[string]bool{}
	for _, facets := range gold {
		for f := range facets {
			set[f] = true
		}
	}
	return sortedKeys(set)
}

// Scores are the counts of one facet, one value, or all facets together, with the ratios
// derived from them (see the package documentation for zero denominators).
type Scores struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// NewScores computes precision, recall and F1 from the counts.
func NewScores(tp, fp, fn int) Scores {
	s := Scores{TP: tp, FP: fp, FN: fn}
	if tp == 0 && fp == 0 && fn == 0 {
		s.Precision, s.Recall, s.F1 = 1, 1, 1
		return s
	}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Average is a macro average: the mean precision, recall and F1 over facets.
type Average struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ValueScore are the scores of one value of a facet.
type ValueScore struct {
	Value string `json:"value"`
	Scores
}

// FacetScore are the scores of one facet, with those of each of its values that occur in the
// gold or the predictions (sorted by value).
type FacetScore struct {
	Facet string `json:"facet"`
	Scores
	Values []ValueScore `json:"values"`
}

// Mismatch is one false positive or false negative: a value of a facet of a document.
type Mismatch struct {
	Doc   string `json:"doc"`
	Facet string `json:"facet"`
	Value string `json:"value"`
}

// Report is the outcome of [Compare].
type Report struct {
	// Documents is how many documents were compared.
	Documents int `json:"documents"`
	// Facets holds every facet that occurs in the gold or the predictions, sorted by name.
	Facets []FacetScore `json:"facets"`
	Micro  Scores       `json:"micro"`
	Macro  Average      `json:"macro"`
	// FalsePositives and FalseNegatives list the mismatches in the order of the ids given to
	// Compare, then by facet and value.
	FalsePositives []Mismatch `json:"false_positives"`
	FalseNegatives []Mismatch `json:"false_negatives"`
}

// Facet returns the scores of the named facet.
func (r Report) Facet(name string) (FacetScore, bool) {
	for _, f := range r.Facets {
		if f.Facet == name {
			return f, true
		}
	}
	return FacetScore{}, false
}

// Compare scores predicted against gold over the documents ids (each counted once; a document
// missing from either map has no values there). Values are compared as sets per document and
// facet; a facet counts as occurring when a compared record of either map has it as a key.
func Compare(gold, predicted map[string]map[string][]string, ids []string) Report {
	type counts struct{ tp, fp, fn int }
	facetCounts := map[string]*counts{}
	valueCounts := map[string]map[string]*counts{}
	get := func(facet string) *counts {
		c := facetCounts[facet]
		if c == nil {
			c = &counts{}
			facetCounts[facet] = c
			valueCounts[facet] = map[string]*counts{}
		}
		return c
	}
	getValue := func(facet, value string) *counts {
		get(facet)
		c := valueCounts[facet][value]
		if c == nil {
			c = &counts{}
			valueCounts[facet][value] = c
		}
		return c
	}
	rep := Report{FalsePositives: []Mismatch{}, FalseNegatives: []Mismatch{}}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		rep.Documents++
		g, p := gold[id], predicted[id]
		facets := map[string]bool{}
		for f := range g {
			facets[f] = true
		}
		for f := range p {
			facets[f] = true
		}
		for _, f := range sortedKeys(facets) {
			fc := get(f)
			gv, pv := toSet(g[f]), toSet(p[f])
			for _, v := range sortedKeys(union(gv, pv)) {
				vc := getValue(f, v)
				switch {
				case gv[v] && pv[v]:
					fc.tp++
					vc.tp++
				case pv[v]:
					fc.fp++
					vc.fp++
					rep.FalsePositives = append(rep.FalsePositives, Mismatch{id, f, v})
				default:
					fc.fn++
					vc.fn++
					rep.FalseNegatives = append(rep.FalseNegatives, Mismatch{id, f, v})
				}
			}
		}
	}
	var tp, fp, fn int
	var sumP, sumR, sumF float64
	names := make([]string, 0, len(facetCounts))
	for f := range facetCounts {
		names = append(names, f)
	}
	sort.Strings(names)
	rep.Facets = make([]FacetScore, 0, len(names))
	for _, f := range names {
		c := facetCounts[f]
		fs := FacetScore{Facet: f, Scores: NewScores(c.tp, c.fp, c.fn), Values: []ValueScore{}}
		values := make([]string, 0, len(valueCounts[f]))
		for v := range valueCounts[f] {
			values = append(values, v)
		}
		sort.Strings(values)
		for _, v := range values {
			vc := valueCounts[f][v]
			fs.Values = append(fs.Values, ValueScore{Value: v, Scores: NewScores(vc.tp, vc.fp, vc.fn)})
		}
		rep.Facets = append(rep.Facets, fs)
		tp, fp, fn = tp+c.tp, fp+c.fp, fn+c.fn
		sumP, sumR, sumF = sumP+fs.Precision, sumR+fs.Recall, sumF+fs.F1
	}
	rep.Micro = NewScores(tp, fp, fn)
	if n := float64(len(names)); n > 0 {
		rep.Macro = Average{Precision: sumP / n, Recall: sumR / n, F1: sumF / n}
	} else {
		rep.Macro = Average{Precision: 1, Recall: 1, F1: 1}
	}
	return rep
}

func toSet(vals []string) map[string]bool {
	s := make(map[string]bool, len(vals))
	for _, v := range vals {
		s[v] = true
	}
	return s
}

func union(a, b map[string]bool) map[string]bool {
	u := make(map[string]bool, len(a)+len(b))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
