package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"

	"github.com/trialtag/trialtag/internal/rusage"
)

// ctgovDocs loads the 5,000 registry descriptions of the shared data, or skips.
func ctgovDocs(b *testing.B) []*corpus.Document {
	b.Helper()
	path := shareddata.Path(b, "ctgov/ctgov-5000.jsonl")
	return loadDocs(b, path)
}

func docBytes(docs []*corpus.Document) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text) + len(d.Title))
	}
	return n
}

// BenchmarkIndex tags and indexes the 5,000 registry descriptions into a new index, and
// closes it (everything persisted). It reports documents per second and the index's size on
// disk.
func BenchmarkIndex(b *testing.B) {
	docs := ctgovDocs(b)
	c := testrules.Default(b)
	meta := defaultMeta(b)
	var size int64
	var elapsed, cpu time.Duration
	var st Stats
	n := 0
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "index")
		start, cpu0 := time.Now(), rusage.CPUTime()
		ix, err := Create(dir, meta)
		if err != nil {
			b.Fatal(err)
		}
		us, err := ix.TagAndUpdate(context.Background(), c, seqOf(docs), 0)
		if err != nil {
			b.Fatal(err)
		}
		if us.Added != len(docs) {
			b.Fatalf("added %d of %d", us.Added, len(docs))
		}
		if st, err = ix.Stats(); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		cpu += rusage.CPUTime() - cpu0
		n++
		if size, err = DiskSize(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs)*n)/elapsed.Seconds(), "docs/s")
	if cpu > 0 {
		// Throughput per CPU-second: what a busy machine cannot take away. Twice this is
		// the ceiling on two idle cores.
		b.ReportMetric(float64(len(docs)*n)/cpu.Seconds(), "docs/cpu-s")
	}
	b.ReportMetric(float64(docBytes(docs)*int64(n))/elapsed.Seconds()/1e6, "MB/s")
	b.ReportMetric(float64(size)/1e6, "MB-on-disk")
	b.ReportMetric(float64(size)/float64(docBytes(docs)), "size/text")
	b.ReportMetric(float64(st.Sentences), "sentence-docs")
}

// benchQueries are searches over registry descriptions: free text, interpreted filters and
// both, each counting five facets.
var benchQueries = []Query{
	{Text: "breast cancer"},
	{Text: "lupus"},
	{Text: "CAR-T"},
	{Text: "vaccine immunogenicity"},
	{Text: "type 2 diabetes insulin"},
	{Text: "pain after surgery"},
	{Text: "\"randomized controlled trial\""},
	{Text: "depression"},
	{Text: "HIV"},
	{Text: "children asthma"},
	{Filters: []Filter{{Facet: "trial_phase", Value: "phase 2"}}},
	{Filters: []Filter{{Facet: "disease", Value: "multiple myeloma"}}},
	{Filters: []Filter{{Facet: "antigen", Value: "CD19"}}},
	{Filters: []Filter{{Facet: "adverse_event", Value: "neutropenia"}}},
	{Text: "chemotherapy", Filters: []Filter{{Facet: "trial_phase", Value: "phase 3"}}},
	{Text: "lymphoma", Filters: []Filter{{Facet: "antigen", Value: "CD19"}, {Facet: "trial_phase", Value: "phase 1"}}},
	{Text: "+disease:\"multiple sclerosis\" relapse"},
	{Filters: []Filter{{Facet: "crs_grade", Value: "≥2"}}},
	{Filters: []Filter{{Facet: "adverse_event", Value: "neutropenia"}, {Facet: "trial_phase", Value: "phase 2"}}, SameSentence: true},
	{},
}

var benchFacets = []string{"disease", "trial_phase", "antigen", "adverse_event", "remission"}

// BenchmarkSearchFiveFacets runs 200 searches (the queries above, ten times) with five facet
// counts over the 5,000 registry descriptions and reports the latency's p50 and p99.
func BenchmarkSearchFiveFacets(b *testing.B) {
	benchLatency(b, benchQueries, true)
}

// incidenceQueries are searches with a percent bound or sorted by incidence.
var incidenceQueries = []Query{
	{Filters: []Filter{{Facet: "adverse_event", Value: "neutropenia"}}, MinPercent: 5},
	{Filters: []Filter{{Facet: "crs_grade", Value: "≥3"}}, MinPercent: 1},
	{Filters: []Filter{{Facet: "crs", Value: "present"}}, MinPercent: 10, Sort: SortIncidence},
	{Filters: []Filter{{Facet: "adverse_event", Value: "neutropenia"}}, Sort: SortIncidence},
	{Text: "lymphoma", Filters: []Filter{{Facet: "crs", Value: "present"}}, MinPercent: 20},
}

// BenchmarkSearchIncidence runs searches with a percent bound (and sorted by incidence) over
// the 5,000 registry descriptions and reports the latency's p50 and p99.
func BenchmarkSearchIncidence(b *testing.B) {
	benchLatency(b, incidenceQueries, false)
}

// benchLatency indexes the 5,000 registry descriptions, runs queries ten times per
// iteration (with five facet counts when facets is set) and reports p50 and p99 latency.
func benchLatency(b *testing.B, queries []Query, facets bool) {
	docs := ctgovDocs(b)
	ix, err := Create(filepath.Join(b.TempDir(), "index"), defaultMeta(b))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.TagAndUpdate(context.Background(), testrules.Default(b), seqOf(docs), 0); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var lat []time.Duration
	hits := 0
	for b.Loop() {
		for range 10 {
			for _, q := range queries {
				if facets {
					q.Facets = benchFacets
				}
				start := time.Now()
				res, err := ix.Search(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				hits += len(res.Hits)
			}
		}
	}
	if facets && hits == 0 {
		b.Fatal("no query found anything")
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat)), "queries")
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
}

// BenchmarkOpen measures Open (with its checksum pass over every segment) on the index of
// the 5,000 registry descriptions.
func BenchmarkOpen(b *testing.B) {
	docs := ctgovDocs(b)
	dir := filepath.Join(b.TempDir(), "index")
	ix, err := Create(dir, defaultMeta(b))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := ix.TagAndUpdate(context.Background(), testrules.Default(b), seqOf(docs), 0); err != nil {
		b.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateUnchanged re-runs an update of the 5,000 registry descriptions over an index
// that holds them all: the cost of `trialtag index` when nothing changed (hashing and one
// look-up per document, no tagging).
func BenchmarkUpdateUnchanged(b *testing.B) {
	docs := ctgovDocs(b)
	ix, err := Create(filepath.Join(b.TempDir(), "index"), defaultMeta(b))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	c := testrules.Default(b)
	if _, err := ix.TagAndUpdate(context.Background(), c, seqOf(docs), 0); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		st, err := ix.TagAndUpdate(context.Background(), c, seqOf(docs), 0)
		if err != nil {
			b.Fatal(err)
		}
		if st.Unchanged != len(docs) {
			b.Fatalf("%+v", st)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
