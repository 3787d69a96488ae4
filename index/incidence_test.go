package index

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestSearchIncidence checks the percent bound and the incidence sort on documents of our
// own with known incidences.
func TestSearchIncidence(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "low", Text: "Results: After CD19 CAR-T cells, grade 3 CRS occurred in 1 of 20 patients (5%). Neutropenia occurred in 18 of 20 patients (90%)."},
		{ID: "high", Text: "Results: After CD19 CAR-T cells, grade 3 CRS occurred in 6 of 20 patients (30%)."},
		{ID: "mid", Text: "Results: After BCMA CAR-T cells, grade 3 CRS developed in 3 of 25 patients."},
		{ID: "none", Text: "Results: After BCMA CAR-T cells, grade 3 CRS was seen."},
	}
	for _, d := range docs {
		d.Source = d.ID + ".txt"
	}
	ix, _ := buildIndex(t, docs)
	in := NewInterpreter(testrules.Default(t))
	tests := []struct {
		name    string
		req     Request
		want    []string // ids in order
		wantErr bool
	}{
		{name: "bound on a value", req: Request{Filters: []string{"crs_grade=3"}, MinPercent: 10, Sort: SortID}, want: []string{"high", "mid"}},
		{name: "bound from the query", req: Request{Query: "grade 3 CRS in more than 12% of patients", Sort: SortID}, want: []string{"high"}},
		{name: "bound on a grade range", req: Request{Filters: []string{"crs_grade>=3"}, MinPercent: 4, Sort: SortID}, want: []string{"high", "low", "mid"}},
		{name: "bound on another facet", req: Request{Query: "neutropenia > 50%"}, want: []string{"low"}},
		{name: "sort by incidence", req: Request{Filters: []string{"crs_grade=3"}, Sort: SortIncidence}, want: []string{"high", "mid", "low", "none"}},
		{name: "bound with no outcome filter", req: Request{Query: "*", MinPercent: 10}, wantErr: true},
		{name: "bound over 100", req: Request{Filters: []string{"crs_grade=3"}, MinPercent: 120}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Answer(context.Background(), in, tt.req)
			if tt.wantErr {
				if !errors.Is(err, ErrBadQuery) {
					t.Fatalf("err %v, want ErrBadQuery", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("hits %v, want %v (min_percent %g)", ids, tt.want, res.MinPercent)
			}
		})
	}
}
