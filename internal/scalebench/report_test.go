package scalebench

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of four is the second", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of twenty is the last", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 99, 20 * time.Millisecond},
		{"p99 of a hundred", ms(hundred...), 99, 99 * time.Millisecond},
		{"p50 of a hundred", ms(hundred...), 50, 50 * time.Millisecond},
		{"p100", ms(1, 2, 3), 100, 3 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("percentile(%v, %v) = %v, want %v", tt.sorted, tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	runs := []time.Duration{3 * time.Millisecond, 1 * time.Millisecond, 2 * time.Millisecond, 1500 * time.Microsecond}
	p50, p99, mx := summarize(runs)
	if p50 != 1.5 || p99 != 3 || mx != 3 {
		t.Errorf("summarize = %v, %v, %v; want 1.5, 3, 3", p50, p99, mx)
	}
	if p50, p99, mx := summarize(nil); p50 != 0 || p99 != 0 || mx != 0 {
		t.Errorf("summarize(nil) = %v, %v, %v", p50, p99, mx)
	}
}

// sampleReport is a report with made-up figures.
func sampleReport() *Report {
	lat := func(class, facets string, queries, runs int, p50, p99, max float64) Latency {
		return Latency{Class: class, Facets: facets, Queries: queries, Runs: runs, P50: p50, P99: p99, Max: max}
	}
	return &Report{
		Started: time.Date(2026, 12, 1, 17, 5, 0, 0, time.UTC),
		Machine: Machine{OS: "linux", Arch: "amd64", CPUs: 2, GoVersion: "go1.26.8", LoadAverage: "1.50 1.20 0.90"},
		Corpus:  CorpusReport{Source: "mixed", Sources: []string{"ctgov", "pmc-rct"}, Documents: 10000, InputBytes: 28_000_000},
		Index: IndexReport{
			Seconds: 50, DocsPerSecond: 200, CPUSeconds: 80, Documents: 10000, Sentences: 61234, Shards: 2,
			DiskBytes: 140_000_000, DiskPerInput: 5, PeakRSSBytes: 500 << 20,
		},
		Queries: QueryReport{
			OpenSeconds: 0.25, Repeat: 20, Clients: 2, Runs: 80, Seconds: 4, PerSecond: 20,
			Classes: []Latency{
				lat("selective", "none", 1, 20, 0.5, 1.25, 2),
				lat("broad", "5", 1, 20, 12.5, 40, 123.45),
			},
			Overall: lat("", "", 2, 40, 3, 40, 123.45),
			Queries: []QueryLatency{
				{Label: `"narcolepsy"`, Latency: lat("selective", "none", 1, 20, 0.5, 1.25, 2), Total: 7},
				{Label: `"patients" crs=present`, Latency: lat("broad", "5", 1, 20, 12.5, 40, 123.45), Total: 9876},
			},
			PeakRSSBytes: 600 << 20,
		},
	}
}

func TestWriteText(t *testing.T) {
	var b strings.Builder
	if err := sampleReport().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	want := `trialtag scale benchmark, 2026-12-01 17:05 UTC
machine   linux/amd64, 2 CPUs, go1.26.8, load average 1.50 1.20 0.90 at start
corpus    mixed (ctgov + pmc-rct): 10000 documents, 28.0 MB of text, 0 inputs skipped
indexing  10000 documents in 50.0 s: 200 docs/s, 0.6 MB/s; CPU 80.0 s (125 docs/CPU-s); one worker per CPU
index     10000 documents, 61234 tagged sentences, 2 shard(s), 140.0 MB on disk: 5.00 × the input
memory    peak RSS 500 MiB after indexing, 600 MiB at the end
searches  2 queries × 20 runs after one warm-up each, 2 client(s): 80 runs in 4.0 s, 20.0 queries/s; open 0.25 s

class      facets  queries  runs  p50 ms  p99 ms  max ms
selective  none          1    20    0.50    1.25    2.00
broad      5             1    20    12.5    40.0   123.5
all                      2    40    3.00    40.0   123.5

query                   class      facets  total  p50 ms  p99 ms  max ms
"narcolepsy"            selective  none        7    0.50    1.25    2.00
"patients" crs=present  broad      5        9876    12.5    40.0   123.5
`
	if got := b.String(); got != want {
		t.Errorf("report:\n%s\nwant:\n%s", got, want)
	}
}

func TestReportJSON(t *testing.T) {
	b, err := json.Marshal(sampleReport())
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) any {
		var v any = back
		for _, k := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		}
		return v
	}
	checks := []struct {
		path []string
		want any
	}{
		{[]string{"corpus", "documents"}, 10000.0},
		{[]string{"index", "docs_per_s"}, 200.0},
		{[]string{"index", "disk_per_input"}, 5.0},
		{[]string{"index", "peak_rss_bytes"}, float64(500 << 20)},
		{[]string{"queries", "overall", "p99_ms"}, 40.0},
		{[]string{"queries", "queries_per_s"}, 20.0},
		{[]string{"machine", "load_average"}, "1.50 1.20 0.90"},
	}
	for _, c := range checks {
		if got := get(c.path...); got != c.want {
			t.Errorf("%s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	q := get("queries", "queries").([]any)[1].(map[string]any)
	if q["query"] != `"patients" crs=present` || q["total"] != 9876.0 || q["class"] != "broad" || q["p50_ms"] != 12.5 {
		t.Errorf("a query's JSON: %v", q)
	}
}

func TestParseVmHWM(t *testing.T) {
	status := "Name:\tscalebench\nVmPeak:\t  900000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\n"
	got, err := parseVmHWM(strings.NewReader(status))
	if err != nil || got != 123456*1024 {
		t.Errorf("parseVmHWM = %d, %v; want %d", got, err, 123456*1024)
	}
	for _, bad := range []string{"Name:\tx\n", "VmHWM:\t12 MB\n", "VmHWM:\tlots kB\n"} {
		if _, err := parseVmHWM(strings.NewReader(bad)); err == nil {
			t.Errorf("parseVmHWM(%q): no error", bad)
		}
	}
}

func TestPeakRSS(t *testing.T) {
	if n := peakRSS(); n < 0 {
		t.Errorf("peakRSS = %d", n)
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tscalebench\nVmHWM:\t  2048 kB\nRssAnon:\t  1000 kB\nRssFile:\t   24 kB\n"
	got, err := parseStatus(strings.NewReader(status), "RssAnon", "RssFile")
	if err != nil || got["RssAnon"] != 1000*1024 || got["RssFile"] != 24*1024 {
		t.Errorf("parseStatus = %v, %v", got, err)
	}
	if _, err := parseStatus(strings.NewReader(status), "RssShmem"); err == nil {
		t.Error("parseStatus found a line the status lacks")
	}
	if _, err := parseStatus(strings.NewReader("RssAnon:\t12 MB\n"), "RssAnon"); err == nil {
		t.Error("parseStatus read a unit other than kB")
	}
}

// TestMemSampler: on Linux the sampler sees the memory a test allocates and keeps it.
func TestMemSampler(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc/self/status")
	}
	m := startMemSampler(time.Millisecond, true)
	defer m.close()
	buf := make([]byte, 64<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	anon, _ := m.peaks()
	if anon < 64<<20 {
		t.Errorf("peak process memory %d bytes with 64 MiB held", anon)
	}
	buf = nil
	if again, _ := m.peaks(); again < anon {
		t.Errorf("the peak fell from %d to %d", anon, again)
	}
	m.close()
	var prof bytes.Buffer
	if err := m.heapProfile(&prof); err != nil {
		t.Fatal(err)
	}
	// pprof writes a gzipped protocol buffer.
	if b := prof.Bytes(); len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("heap profile of %d bytes is not gzip", prof.Len())
	}
}

// TestMemSamplerNoProfile: a sampler not asked to profile writes no profile.
func TestMemSamplerNoProfile(t *testing.T) {
	m := startMemSampler(time.Millisecond, false)
	m.peaks()
	m.close()
	var prof bytes.Buffer
	if err := m.heapProfile(&prof); err != nil || prof.Len() != 0 {
		t.Errorf("heap profile of %d bytes (%v) from a sampler not profiling", prof.Len(), err)
	}
}
