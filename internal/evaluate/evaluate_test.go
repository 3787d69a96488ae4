package evaluate

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

type docs = map[string]map[string][]string

const eps = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func sameScores(got, want Scores) bool {
	return got.TP == want.TP && got.FP == want.FP && got.FN == want.FN &&
		near(got.Precision, want.Precision) && near(got.Recall, want.Recall) && near(got.F1, want.F1)
}

func TestNewScores(t *testing.T) {
	tests := []struct {
		name       string
		tp, fp, fn int
		p, r, f1   float64
	}{
		{"nothing at all", 0, 0, 0, 1, 1, 1},
		{"perfect", 3, 0, 0, 1, 1, 1},
		{"only false positives", 0, 2, 0, 0, 0, 0},
		{"only false negatives", 0, 0, 2, 0, 0, 0},
		{"half and half", 1, 1, 1, 0.5, 0.5, 0.5},
		// P = 3/4, R = 3/5, F1 = 2·0.75·0.6/1.35 = 0.9/1.35 = 2/3.
		{"mixed", 3, 1, 2, 0.75, 0.6, 2.0 / 3},
		// P = 1, R = 1/4, F1 = 2·0.25/1.25 = 0.4.
		{"precise, low recall", 1, 0, 3, 1, 0.25, 0.4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Scores{tt.tp, tt.fp, tt.fn, tt.p, tt.r, tt.f1}
			if got := NewScores(tt.tp, tt.fp, tt.fn); !sameScores(got, want) {
				t.Errorf("NewScores(%d, %d, %d) = %+v, want %+v", tt.tp, tt.fp, tt.fn, got, want)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	type facetWant struct {
		scores Scores
		values map[string]Scores // nil: not checked
	}
	tests := []struct {
		name       string
		gold, pred docs
		ids        []string
		documents  int
		facets     map[string]facetWant // every facet of the report
		micro      Scores
		macro      Average
		fps, fns   []Mismatch
	}{
		{
			name: "two documents, three facets",
			gold: docs{
				"d1": {"crs": {"present"}, "crs_grade": {"1", "2"}},
				"d2": {"crs": {"absent"}, "antigen": {"CD19"}},
			},
			pred: docs{
				"d1": {"crs": {"present"}, "crs_grade": {"1", "3"}},
				"d2": {"crs": {"present"}, "antigen": {"CD19", "BCMA"}},
			},
			ids:       []string{"d1", "d2"},
			documents: 2,
			facets: map[string]facetWant{
				// crs: d1 present TP; d2 absent FN, present FP.
				"crs": {Scores{1, 1, 1, 0.5, 0.5, 0.5}, map[string]Scores{
					"absent":  {0, 0, 1, 0, 0, 0},
					"present": {1, 1, 0, 0.5, 1, 2.0 / 3},
				}},
				// crs_grade: 1 TP, 2 FN, 3 FP.
				"crs_grade": {Scores{1, 1, 1, 0.5, 0.5, 0.5}, map[string]Scores{
					"1": {1, 0, 0, 1, 1, 1},
					"2": {0, 0, 1, 0, 0, 0},
					"3": {0, 1, 0, 0, 0, 0},
				}},
				// antigen: CD19 TP, BCMA FP: P 1/2, R 1, F1 2/3.
				"antigen": {Scores{1, 1, 0, 0.5, 1, 2.0 / 3}, nil},
			},
			// TP 3, FP 3, FN 2: P 3/6, R 3/5, F1 2·0.5·0.6/1.1 = 6/11.
			micro: Scores{3, 3, 2, 0.5, 0.6, 6.0 / 11},
			// P (0.5+0.5+0.5)/3, R (0.5+0.5+1)/3, F1 (0.5+0.5+2/3)/3 = 5/9.
			macro: Average{0.5, 2.0 / 3, 5.0 / 9},
			fps:   []Mismatch{{"d1", "crs_grade", "3"}, {"d2", "antigen", "BCMA"}, {"d2", "crs", "present"}},
			fns:   []Mismatch{{"d1", "crs_grade", "2"}, {"d2", "crs", "absent"}},
		},
		{
			name:      "a facet annotated empty and predicted empty scores 1",
			gold:      docs{"d1": {"icans": {}, "crs": {"present"}}},
			pred:      docs{"d1": {"crs": {"present"}}},
			ids:       []string{"d1"},
			documents: 1,
			facets: map[string]facetWant{
				"icans": {Scores{0, 0, 0, 1, 1, 1}, map[string]Scores{}},
				"crs":   {Scores{1, 0, 0, 1, 1, 1}, nil},
			},
			micro: Scores{1, 0, 0, 1, 1, 1},
			macro: Average{1, 1, 1},
			fps:   []Mismatch{},
			fns:   []Mismatch{},
		},
		{
			name:      "predicted where the gold says nothing, and missed where nothing was predicted",
			gold:      docs{"d1": {"crs": {}, "icans": {"absent"}}},
			pred:      docs{"d1": {"crs": {"present"}}},
			ids:       []string{"d1"},
			documents: 1,
			facets: map[string]facetWant{
				"crs":   {Scores{0, 1, 0, 0, 0, 0}, nil},
				"icans": {Scores{0, 0, 1, 0, 0, 0}, nil},
			},
			micro: Scores{0, 1, 1, 0, 0, 0},
			macro: Average{0, 0, 0},
			fps:   []Mismatch{{"d1", "crs", "present"}},
			fns:   []Mismatch{{"d1", "icans", "absent"}},
		},
		{
			name: "only the given ids count, each once; duplicate values count once",
			gold: docs{
				"d1": {"antigen": {"CD19", "CD19"}},
				"d3": {"antigen": {"BCMA"}},
			},
			pred: docs{
				"d1": {"antigen": {"CD19"}},
				"d2": {"antigen": {"CD20"}},
				"d3": {"antigen": {"CD7"}},
			},
			ids:       []string{"d1", "d2", "d1", "d4"},
			documents: 3,
			facets: map[string]facetWant{
				// d1 CD19 TP; d2 CD20 FP (d2 has no gold record); d3 not compared; d4 has nothing.
				"antigen": {Scores{1, 1, 0, 0.5, 1, 2.0 / 3}, map[string]Scores{
					"CD19": {1, 0, 0, 1, 1, 1},
					"CD20": {0, 1, 0, 0, 0, 0},
				}},
			},
			micro: Scores{1, 1, 0, 0.5, 1, 2.0 / 3},
			macro: Average{0.5, 1, 2.0 / 3},
			fps:   []Mismatch{{"d2", "antigen", "CD20"}},
			fns:   []Mismatch{},
		},
		{
			name:      "no facets at all",
			gold:      docs{"d1": {}},
			pred:      docs{},
			ids:       []string{"d1"},
			documents: 1,
			facets:    map[string]facetWant{},
			micro:     Scores{0, 0, 0, 1, 1, 1},
			macro:     Average{1, 1, 1},
			fps:       []Mismatch{},
			fns:       []Mismatch{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := Compare(tt.gold, tt.pred, tt.ids)
			if rep.Documents != tt.documents {
				t.Errorf("Documents = %d, want %d", rep.Documents, tt.documents)
			}
			if len(rep.Facets) != len(tt.facets) {
				t.Errorf("%d facets, want %d: %+v", len(rep.Facets), len(tt.facets), rep.Facets)
			}
			for i, fs := range rep.Facets {
				if i > 0 && rep.Facets[i-1].Facet >= fs.Facet {
					t.Errorf("facets not sorted: %q before %q", rep.Facets[i-1].Facet, fs.Facet)
				}
			}
			for name, want := range tt.facets {
				fs, ok := rep.Facet(name)
				if !ok {
					t.Errorf("no facet %q", name)
					continue
				}
				if !sameScores(fs.Scores, want.scores) {
					t.Errorf("%s: %+v, want %+v", name, fs.Scores, want.scores)
				}
				if want.values == nil {
					continue
				}
				if len(fs.Values) != len(want.values) {
					t.Errorf("%s: %d values, want %d: %+v", name, len(fs.Values), len(want.values), fs.Values)
				}
				for _, vs := range fs.Values {
					w, ok := want.values[vs.Value]
					if !ok {
						t.Errorf("%s: unexpected value %q", name, vs.Value)
					} else if !sameScores(vs.Scores, w) {
						t.Errorf("%s=%s: %+v, want %+v", name, vs.Value, vs.Scores, w)
					}
				}
			}
			if !sameScores(rep.Micro, tt.micro) {
				t.Errorf("micro %+v, want %+v", rep.Micro, tt.micro)
			}
			if !near(rep.Macro.Precision, tt.macro.Precision) || !near(rep.Macro.Recall, tt.macro.Recall) || !near(rep.Macro.F1, tt.macro.F1) {
				t.Errorf("macro %+v, want %+v", rep.Macro, tt.macro)
			}
			if !reflect.DeepEqual(rep.FalsePositives, tt.fps) {
				t.Errorf("false positives %v, want %v", rep.FalsePositives, tt.fps)
			}
			if !reflect.DeepEqual(rep.FalseNegatives, tt.fns) {
				t.Errorf("false negatives %v, want %v", rep.FalseNegatives, tt.fns)
			}
		})
	}
}

func TestReadGold(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    docs
		wantErr string // "" for success
	}{
		{
			name: "records, blank lines, a byte order mark, extra keys and null lists",
			in: "\xef\xbb\xbf" + `{"id":"a","title":"ignored","facets":{"crs":["present"],"crs_grade":["1","2"]}}` + "\n\n" +
				`  {"id":"b","facets":{"icans":[],"crs":null}}  ` + "\r\n" +
				`{"id":"c","facets":{}}`,
			want: docs{
				"a": {"crs": {"present"}, "crs_grade": {"1", "2"}},
				"b": {"icans": {}, "crs": {}},
				"c": {},
			},
		},
		{name: "empty input", in: "", want: docs{}},
		{name: "malformed line", in: `{"id":"a","facets":{}}` + "\n\n" + `{"id": broken` + "\n", wantErr: "line 3: "},
		{name: "duplicate id", in: `{"id":"a","facets":{}}` + "\n" + `{"id":"b","facets":{}}` + "\n" + `{"id":"a","facets":{}}`,
			wantErr: `line 3: duplicate id "a" (first on line 1)`},
		{name: "no id", in: `{"facets":{}}`, wantErr: `line 1: no "id"`},
		{name: "empty id", in: `{"id":"","facets":{}}`, wantErr: `line 1: no "id"`},
		{name: "no facets", in: `{"id":"a","facet":{"crs":["present"]}}`, wantErr: `line 1: record "a" has no "facets" object`},
		{name: "a value that is not a list of strings", in: `{"id":"a","facets":{"crs":"present"}}`, wantErr: "line 1: "},
		{name: "an empty value", in: `{"id":"a","facets":{"crs":[""]}}`, wantErr: `line 1: record "a": facet "crs" has an empty value`},
		{name: "trailing data", in: `{"id":"a","facets":{}} {}`, wantErr: "line 1: "},
		{name: "not an object", in: `["a"]`, wantErr: "line 1: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadGold(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one starting %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGoldFacets(t *testing.T) {
	gold := docs{"a": {"crs": {"present"}}, "b": {"icans": {}, "crs": {}}, "c": {}}
	if got, want := GoldFacets(gold), []string{"crs", "icans"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GoldFacets = %v, want %v", got, want)
	}
}
