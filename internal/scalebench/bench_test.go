package scalebench

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkScale10k indexes 10,000 registry records (the 5,000 of the shared data, twice,
// under fresh ids) and times the default queries on them. It runs only when TRIALTAG_DATA
// names the shared data folder:
//
//	TRIALTAG_DATA=/work/shared/data go test -run '^$' -bench Scale10k ./internal/scalebench
func BenchmarkScale10k(b *testing.B) {
	benchScale(b, 10_000)
}

// BenchmarkScale does the same at the size TRIALTAG_SCALE asks for (100000, 1000000: minutes
// to hours), and skips when it is unset. TRIALTAG_SCALE_SOURCE picks the corpus (default
// ctgov).
func BenchmarkScale(b *testing.B) {
	s := os.Getenv("TRIALTAG_SCALE")
	if s == "" {
		b.Skip("set TRIALTAG_SCALE (e.g. 100000) to run this")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		b.Fatalf("TRIALTAG_SCALE=%s: want a number of documents", s)
	}
	benchScale(b, n)
}

func benchScale(b *testing.B, n int) {
	data := os.Getenv("TRIALTAG_DATA")
	if data == "" {
		b.Skip("set TRIALTAG_DATA to the shared data folder to run this")
	}
	source := os.Getenv("TRIALTAG_SCALE_SOURCE")
	if source == "" {
		source = SourceCtgov
	}
	sources, err := OpenSources(data, source)
	if err != nil {
		b.Fatal(err)
	}
	var rep *Report
	for b.Loop() {
		rep, err = Run(b.Context(), Config{
			Sources: sources, Source: source, N: n,
			Dir: filepath.Join(b.TempDir(), "index"),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(rep.Index.DocsPerSecond, "docs/s")
	b.ReportMetric(float64(rep.Index.DiskBytes)/1e6, "MB-on-disk")
	b.ReportMetric(rep.Index.DiskPerInput, "disk/input")
	b.ReportMetric(float64(rep.Queries.PeakRSSBytes)/(1<<20), "peak-RSS-MiB")
	b.ReportMetric(rep.Queries.Overall.P50, "p50-ms")
	b.ReportMetric(rep.Queries.Overall.P99, "p99-ms")
	b.ReportMetric(rep.Queries.PerSecond, "queries/s")
}
