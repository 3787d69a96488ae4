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
	"strconv"

	"github.com/trialtag/trialtag/classifier"
)

// IncidenceTuple is what incidence is scored on, exactly: the outcome value and its count,
// denominator and percent ("-" where not given). A grade range the text counts as one
// ("grade 1 or 2 CRS in 11") is one value, "1-2".
type IncidenceTuple struct {
	Facet   string `json:"facet"`
	Value   string `json:"value"`
	N       string `json:"n"`
	Of      string `json:"of"`
	Percent string `json:"percent"`
}

func (t IncidenceTuple) String() string {
	return fmt.Sprintf("%s=%s %s/%s %s%%", t.Facet, t.Value, t.N, t.Of, t.Percent)
}

// NewIncidenceTuple writes a gold or tagged incidence as a tuple.
func NewIncidenceTuple(facet, value string, n, of *int, percent *float64) IncidenceTuple {
	num := func(p *int) string {
		if p == nil {
			return "-"
		}
		return strconv.Itoa(*p)
	}
	pct := "-"
	if percent != nil {
		pct = strconv.FormatFloat(*percent, 'f', -1, 64)
	}
	return IncidenceTuple{facet, value, num(n), num(of), pct}
}

// IncidenceTuples returns the incidence tuples a tagged document binds within [start, end)
// of its text (all of it with end < 0): affirmed and negated outcome tags with an
// incidence, the grade tags that share one incidence as one range value.
func IncidenceTuples(res *classifier.Result, start, end int) []IncidenceTuple {
	cvs := classifier.CountedValues(res.Sentences, start, end)
	out := make([]IncidenceTuple, 0, len(cvs))
	for _, cv := range cvs {
		out = append(out, NewIncidenceTuple(cv.Facet, cv.Value, cv.Incidence.N, cv.Incidence.Of, cv.Incidence.Percent))
	}
	return out
}

// ReadGoldIncidence reads the "incidence" lists of a gold file (the records [ReadGold]
// reads): per document id, the tuples it states, each {"facet", "value", "n", "of",
// "percent"} with null or absent for what the text does not give. Documents without the key
// are not in the map: their incidence is not annotated.
func ReadGoldIncidence(r io.Reader) (map[string][]IncidenceTuple, error) {
	out := map[string][]IncidenceTuple{}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, &LineError{n, err}
		}
		if t := bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))); len(t) > 0 {
			var rec struct {
				ID        string `json:"id"`
				Incidence *[]struct {
					Facet   string   `json:"facet"`
					Value   string   `json:"value"`
					N       *int     `json:"n"`
					Of      *int     `json:"of"`
					Percent *float64 `json:"percent"`
				} `json:"incidence"`
			}
			if jerr := json.Unmarshal(t, &rec); jerr != nil {
				return nil, &LineError{n, fmt.Errorf("not a gold record: %w", jerr)}
			}
			if rec.Incidence != nil {
				tuples := []IncidenceTuple{}
				for i, in := range *rec.Incidence {
					if in.Facet == "" || in.Value == "" {
						return nil, &LineError{n, fmt.Errorf("record %q: incidence %d needs a facet and a value", rec.ID, i+1)}
					}
					tuples = append(tuples, NewIncidenceTuple(in.Facet, in.Value, in.N, in.Of, in.Percent))
				}
				out[rec.ID] = tuples
			}
		}
		if err != nil {
			return out, nil
		}
	}
}

// IncidenceMismatch is a tuple the classifier gave that the gold lacks (false positive) or
// one the gold states that the classifier did not give (false negative).
type IncidenceMismatch struct {
	Doc   string         `json:"doc"`
	Tuple IncidenceTuple `json:"tuple"`
}

// IncidenceReport scores exact incidence tuples over the documents whose incidence the gold
// annotates.
type IncidenceReport struct {
	Documents      int                 `json:"documents"`
	Scores         Scores              `json:"scores"`
	FalsePositives []IncidenceMismatch `json:"false_positives"`
	FalseNegatives []IncidenceMismatch `json:"false_negatives"`
}

// ScoreIncidence compares the incidence tuples of results with the gold's, document by
// document (a multiset match of exact tuples).
func ScoreIncidence(gold map[string][]IncidenceTuple, results map[string]*classifier.Result) IncidenceReport {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rep := IncidenceReport{Documents: len(ids), FalsePositives: []IncidenceMismatch{}, FalseNegatives: []IncidenceMismatch{}}
	tp, fp, fn := 0, 0, 0
	for _, id := range ids {
		var got []IncidenceTuple
		if res := results[id]; res != nil {
			got = IncidenceTuples(res, 0, -1)
		}
		matched, fps, fns := MatchIncidence(got, gold[id])
		tp, fp, fn = tp+matched, fp+len(fps), fn+len(fns)
		for _, g := range fps {
			rep.FalsePositives = append(rep.FalsePositives, IncidenceMismatch{id, g})
		}
		for _, w := range fns {
			rep.FalseNegatives = append(rep.FalseNegatives, IncidenceMismatch{id, w})
		}
	}
	rep.Scores = NewScores(tp, fp, fn)
	return rep
}

// MatchIncidence matches tagged tuples against gold ones as multisets of exact tuples: how
// many match (each gold tuple once), the tagged ones that match none (false positives) and
// the gold ones left (false negatives).
func MatchIncidence(got, want []IncidenceTuple) (matched int, falsePos, falseNeg []IncidenceTuple) {
	want = slices.Clone(want)
	for _, g := range got {
		if i := slices.Index(want, g); i >= 0 {
			matched++
			want = slices.Delete(want, i, i+1)
			continue
		}
		falsePos = append(falsePos, g)
	}
	return matched, falsePos, want
}
