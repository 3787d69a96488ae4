package index

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"
)

// scaleQueries are the query classes of the scale benchmark: selective and broad free text,
// match-all, filters and a same-sentence search.
var scaleQueries = []struct {
	class string
	q     Query
}{
	{"selective", Query{Text: "tocilizumab"}},
	{"selective", Query{Text: "lupus nephritis"}},
	{"selective", Query{Filters: []Filter{{Facet: "antigen", Value: "CD19"}}}},
	{"broad", Query{Text: "cancer"}},
	{"broad", Query{Text: "patients"}},
	{"broad", Query{Text: "study"}},
	{"all", Query{}},
	{"filter", Query{Filters: []Filter{{Facet: "trial_phase", Value: "phase 2"}}}},
	{"filter", Query{Text: "chemotherapy", Filters: []Filter{{Facet: "trial_phase", Value: "phase 3"}}}},
	{"sentence", Query{Filters: []Filter{{Facet: "adverse_event", Value: "neutropenia"}, {Facet: "trial_phase", Value: "phase 2"}}, SameSentence: true}},
}

// BenchmarkScaleIndex runs the scale query classes, with no facets and with five, against
// the index in $TRIALTAG_BENCH_INDEX (built by `trialtag index`, e.g. from 100,000 registry
// records): the opt-in way to profile search at scale. It reports p50 and p99 per class.
func BenchmarkScaleIndex(b *testing.B) {
	dir := os.Getenv("TRIALTAG_BENCH_INDEX")
	if dir == "" {
		b.Skip("TRIALTAG_BENCH_INDEX names no index")
	}
	ix, err := OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for _, facets := range [][]string{{"none"}, benchFacets} {
		name := "facets0"
		if len(facets) > 1 {
			name = "facets5"
		}
		b.Run(name, func(b *testing.B) {
			// One pass first: what a snapshot's first search builds (facet bitmaps, the id
			// order) is not what a search costs.
			for _, sq := range scaleQueries {
				q := sq.q
				q.Facets = facets
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			lat := map[string][]time.Duration{}
			for b.Loop() {
				for _, sq := range scaleQueries {
					q := sq.q
					q.Facets = facets
					start := time.Now()
					if _, err := ix.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
					lat[sq.class] = append(lat[sq.class], time.Since(start))
					lat["all-classes"] = append(lat["all-classes"], time.Since(start))
				}
			}
			for class, ds := range lat {
				slices.Sort(ds)
				b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, class+"-p50-ms")
				b.ReportMetric(float64(ds[len(ds)*99/100].Microseconds())/1000, class+"-p99-ms")
			}
		})
	}
}
