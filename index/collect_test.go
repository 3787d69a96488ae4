package index

import (
	"context"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/trialtag/trialtag/classifier"
)

// bleveFacets asks bleve itself for the facets of q: the way facets were counted before
// the index counted them with bitmaps, kept to check that both agree.
func bleveFacets(req *bleve.SearchRequest, q Query) {
	names := q.Facets
	if len(names) == 0 {
		for _, f := range classifier.Facets() {
			names = append(names, f.Name)
		}
	}
	for _, name := range names {
		if field, ok := gradeField(name); ok {
			fr := bleve.NewFacetRequest(field, 5)
			for n := 1; n <= 5; n++ {
				min := float64(n)
				fr.AddNumericRange("≥"+strconv.Itoa(n), &min, nil)
			}
			req.AddFacet(name, fr)
			continue
		}
		req.AddFacet(name, bleve.NewFacetRequest(name, q.FacetSize))
	}
}

// bleveCounts turns a bleve facet result into counts in the index's order.
func bleveCounts(name string, fr *search.FacetResult) []FacetCount {
	out := []FacetCount{}
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			out = append(out, FacetCount{Value: t.Term, Count: t.Count})
		}
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].Count != out[j].Count {
				return out[i].Count > out[j].Count
			}
			return out[i].Value < out[j].Value
		})
	}
	if strings.HasSuffix(name, rangeFacetSuffix) {
		for _, r := range fr.NumericRanges {
			if r.Count > 0 {
				out = append(out, FacetCount{Value: r.Name, Count: r.Count})
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	}
	return out
}

// TestCollectorAgreesWithBleve: the hits (in order, ties by id) and the facet counts that
// Search makes with its own collector and bitmaps are those bleve makes when it sorts by
// score then id and counts facets from doc values itself (in an index of one shard, which
// bleve searches alone; TestShardsAgree holds several shards to one).
func TestCollectorAgreesWithBleve(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/docs")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no documents: %v", err)
	}
	ix, _ := buildIndexShards(t, loadDocs(t, dirs...), 1)
	all := append(append([]string{}, MetaFacets...), "crs_grade_range", "icans_grade_range")
	for _, f := range classifier.Facets() {
		all = append(all, f.Name)
	}
	queries := []Query{
		{},                 // every document, all scores equal: ties by id throughout
		{Text: "CAR-T"},    // free text
		{Text: "patients"}, // broad free text
		{Text: "grade cytokine release syndrome"},
		{Filters: []Filter{{Facet: "crs", Value: "present"}}},
		{Filters: []Filter{{Facet: "crs", Value: "present"}}, Offset: 2, Limit: 3},
		{Text: "patients", Filters: []Filter{{Facet: "crs", Value: "present"}}},
		{Filters: []Filter{{Facet: "crs_grade", Value: "≥2"}}},
		{Text: "cells", Sort: SortNewest},
		{Sort: SortID, Offset: 1},
		{Filters: []Filter{{Facet: "crs", Value: "present", Exclude: true}}},
	}
	ctx := context.Background()
	for _, facets := range [][]string{nil, all, {"antigen", "journal"}} {
		for _, q := range queries {
			q.Facets, q.FacetSize = facets, 3
			if q.Limit == 0 {
				q.Limit = 1000
			}
			name := q.Text + " " + filtersString(q.Filters) + " " + q.Sort + " " + strings.Join(facets, ",")
			got, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			q, _, req, err := ix.request(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			bleveFacets(req, q)
			want, err := ix.searchCtx(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs, wantIDs []string
			for _, h := range got.Hits {
				gotIDs = append(gotIDs, h.ID)
			}
			for _, h := range want.Hits {
				wantIDs = append(wantIDs, h.ID)
			}
			if !slices.Equal(gotIDs, wantIDs) {
				t.Errorf("%s: hits\n got %v\nwant %v", name, gotIDs, wantIDs)
			}
			if got.Total != want.Total {
				t.Errorf("%s: total %d, want %d", name, got.Total, want.Total)
			}
			if len(wantIDs) < 2 {
				t.Errorf("%s: %d hits: the case checks no order", name, len(wantIDs))
			}
			for fname, fr := range want.Facets {
				if w := bleveCounts(fname, fr); !slices.Equal(got.Facets[fname], w) {
					t.Errorf("%s: facet %s\n got %v\nwant %v", name, fname, got.Facets[fname], w)
				}
			}
			if len(got.Facets) != len(want.Facets) {
				t.Errorf("%s: %d facets, want %d", name, len(got.Facets), len(want.Facets))
			}
		}
	}
}

func filtersString(fs []Filter) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.String())
	}
	return strings.Join(s, ",")
}

// TestWarm: Warm reads the facet columns and the id order of the current snapshot, and a
// search after it uses them.
func TestWarm(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/docs")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no documents: %v", err)
	}
	built, dir := buildIndex(t, loadDocs(t, dirs...))
	// Closed and opened again: everything persisted, the snapshot stays the same.
	if err := built.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	var cols []*columns
	for i, s := range ix.shards {
		c := s.cols.Load()
		if c == nil || c.ranks == nil {
			t.Fatalf("Warm left shard %d no id order", i)
		}
		for _, f := range append(append([]string{}, MetaFacets...), "crs", "antigen", prefixMaxGrade+"crs") {
			if c.terms[f] == nil {
				t.Errorf("Warm did not read facet field %s of shard %d", f, i)
			}
		}
		cols = append(cols, c)
	}
	if _, err := ix.Search(context.Background(), Query{Text: "patients"}); err != nil {
		t.Fatal(err)
	}
	for i, s := range ix.shards {
		if s.cols.Load() != cols[i] {
			t.Errorf("a search of the same snapshot read shard %d's columns again", i)
		}
	}
}
