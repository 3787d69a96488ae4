package scalebench

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is what a [Run] measured. Its JSON (encoding/json) is the command's --json
// output; durations are in seconds (fields ending _s) or milliseconds (_ms), sizes in
// bytes.
type Report struct {
	// Started is when the run began (UTC).
	Started time.Time `json:"started"`
	// Machine describes where it ran: figures from a busy machine are noisy.
	Machine Machine `json:"machine"`
	// Corpus is what was indexed, Index what indexing it took and made, Queries how the
	// searches went.
	Corpus  CorpusReport `json:"corpus"`
	Index   IndexReport  `json:"index"`
	Queries QueryReport  `json:"queries"`
}

// Machine describes the machine and program of a run.
type Machine struct {
	OS        string `json:"os"`
	Arch      string `json:"arch"`
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	// LoadAverage is the 1, 5 and 15 minute load when the run began ("" where unknown).
	LoadAverage string `json:"load_average,omitempty"`
}

// CorpusReport describes the generated corpus.
type CorpusReport struct {
	// Source is the corpus asked for (ctgov, pmc-rct, mixed), Sources the base collections
	// it drew on.
	Source  string   `json:"source"`
	Sources []string `json:"sources"`
	// Documents is how many documents were generated; Skipped how many inputs the
	// sources could not read (passed over).
	Documents int `json:"documents"`
	Skipped   int `json:"skipped"`
	// InputBytes is the size of the documents' text (UTF-8, title included where the
	// loader puts it into the text), the measure of the disk/input ratio.
	InputBytes int64 `json:"input_bytes"`
}

// IndexReport describes indexing the corpus into a new index.
type IndexReport struct {
	// Workers is the tagging goroutines asked for (0: one per CPU); Shards the index's.
	Workers int `json:"workers"`
	Shards  int `json:"shards"`
	// Seconds is the wall time from Create to Close, everything persisted;
	// DocsPerSecond the documents indexed per second of it.
	Seconds       float64 `json:"wall_s"`
	DocsPerSecond float64 `json:"docs_per_s"`
	// CPUSeconds is the process's CPU time over the same span (0 where unknown).
	CPUSeconds float64 `json:"cpu_s"`
	// Documents and Sentences are what the index holds after the run (index Stats).
	Documents uint64 `json:"documents"`
	Sentences uint64 `json:"sentences"`
	// DiskBytes is the index folder's size after Close; DiskPerInput its ratio to the
	// corpus's InputBytes.
	DiskBytes    int64   `json:"disk_bytes"`
	DiskPerInput float64 `json:"disk_per_input"`
	// PeakRSSBytes is the process's peak resident memory when indexing ended (VmHWM: its
	// own memory and the pages of the files it maps). PeakAnonBytes and PeakFileBytes are
	// the peaks of those two parts, sampled every 100 ms while indexing (Linux; else 0).
	PeakRSSBytes  int64 `json:"peak_rss_bytes"`
	PeakAnonBytes int64 `json:"peak_anon_bytes"`
	PeakFileBytes int64 `json:"peak_file_bytes"`
}

// QueryReport describes the searches run on the index.
type QueryReport struct {
	// OpenSeconds is how long Open took on the closed index.
	OpenSeconds float64 `json:"open_s"`
	// Repeat is how many times each query ran after its warm-up, Clients on how many
	// goroutines at once; Runs counts the timed searches.
	Repeat  int `json:"repeat"`
	Clients int `json:"clients"`
	Runs    int `json:"runs"`
	// Seconds is the wall time of the timed searches, PerSecond their throughput.
	Seconds   float64 `json:"wall_s"`
	PerSecond float64 `json:"queries_per_s"`
	// Classes gives the latency of each class of query (and facet count), Overall of all.
	Classes []Latency `json:"classes"`
	Overall Latency   `json:"overall"`
	// Queries gives each query's total and latency.
	Queries []QueryLatency `json:"queries"`
	// PeakRSSBytes is the process's peak resident memory at the end of the run.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
}

// Latency summarises the timed runs of a group of queries.
type Latency struct {
	// Class and Facets name the group ("selective", "none"); both are "" for all queries.
	Class  string `json:"class,omitempty"`
	Facets string `json:"facets,omitempty"`
	// Queries counts the queries of the group, Runs their timed runs.
	Queries int `json:"queries"`
	Runs    int `json:"runs"`
	// P50, P99 and Max are latencies in milliseconds (nearest rank).
	P50 float64 `json:"p50_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// QueryLatency is one query's total and latency.
type QueryLatency struct {
	// Label is the query as [Query.Label] writes it.
	Label string `json:"query"`
	Latency
	// Total is how many documents the query matched.
	Total uint64 `json:"total"`
}

// summarize returns the latency of runs (which it sorts), in milliseconds.
func summarize(runs []time.Duration) (p50, p99, max float64) {
	if len(runs) == 0 {
		return 0, 0, 0
	}
	slices.Sort(runs)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	return ms(percentile(runs, 50)), ms(percentile(runs, 99)), ms(runs[len(runs)-1])
}

// percentile returns the p-th percentile of sorted by nearest rank: the smallest value with
// at least p% of the values at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(float64(len(sorted)) * p / 100))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1]
}

// WriteText writes the report as plain text, aligned in columns, to paste into notes.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	m, c, ix, q := r.Machine, r.Corpus, r.Index, r.Queries
	fmt.Fprintf(&b, "trialtag scale benchmark, %s\n", r.Started.UTC().Format("2006-01-02 15:04 MST"))
	load := ""
	if m.LoadAverage != "" {
		load = ", load average " + m.LoadAverage + " at start"
	}
	fmt.Fprintf(&b, "machine   %s/%s, %d CPUs, %s%s\n", m.OS, m.Arch, m.CPUs, m.GoVersion, load)
	fmt.Fprintf(&b, "corpus    %s (%s): %d documents, %s of text, %d inputs skipped\n",
		c.Source, strings.Join(c.Sources, " + "), c.Documents, megabytes(c.InputBytes), c.Skipped)
	workers := "one worker per CPU"
	if ix.Workers > 0 {
		workers = fmt.Sprintf("%d workers", ix.Workers)
	}
	fmt.Fprintf(&b, "indexing  %d documents in %.1f s: %.0f docs/s, %s/s; CPU %.1f s (%s); %s\n",
		c.Documents, ix.Seconds, ix.DocsPerSecond, megabytes(int64(safeDiv(float64(c.InputBytes), ix.Seconds))),
		ix.CPUSeconds, perCPU(c.Documents, ix.CPUSeconds), workers)
	fmt.Fprintf(&b, "index     %d documents, %d tagged sentences, %d shard(s), %s on disk: %.2f × the input\n",
		ix.Documents, ix.Sentences, ix.Shards, megabytes(ix.DiskBytes), ix.DiskPerInput)
	fmt.Fprintf(&b, "memory    peak RSS %s after indexing, %s at the end", mebibytes(ix.PeakRSSBytes), mebibytes(q.PeakRSSBytes))
	if ix.PeakAnonBytes > 0 {
		fmt.Fprintf(&b, "; while indexing, the process's own memory peaked at %s, mapped index files at %s",
			mebibytes(ix.PeakAnonBytes), mebibytes(ix.PeakFileBytes))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "searches  %d queries × %d runs after one warm-up each, %d client(s): %d runs in %.1f s, %.1f queries/s; open %.2f s\n",
		len(q.Queries), q.Repeat, q.Clients, q.Runs, q.Seconds, q.PerSecond, q.OpenSeconds)

	b.WriteString("\n")
	classes := table{
		header: []string{"class", "facets", "queries", "runs", "p50 ms", "p99 ms", "max ms"},
		right:  []bool{false, false, true, true, true, true, true},
	}
	for _, l := range q.Classes {
		classes.add(l.Class, l.Facets, fmt.Sprint(l.Queries), fmt.Sprint(l.Runs), millis(l.P50), millis(l.P99), millis(l.Max))
	}
	o := q.Overall
	classes.add("all", "", fmt.Sprint(o.Queries), fmt.Sprint(o.Runs), millis(o.P50), millis(o.P99), millis(o.Max))
	classes.write(&b)

	b.WriteString("\n")
	queries := table{
		header: []string{"query", "class", "facets", "total", "p50 ms", "p99 ms", "max ms"},
		right:  []bool{false, false, false, true, true, true, true},
	}
	for _, l := range q.Queries {
		queries.add(l.Label, l.Class, l.Facets, fmt.Sprint(l.Total), millis(l.P50), millis(l.P99), millis(l.Max))
	}
	queries.write(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// table is a text table whose columns are padded to their widest cell.
type table struct {
	header []string
	right  []bool // which columns are right-aligned (numbers)
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write writes the header and rows, columns two spaces apart, no trailing blanks.
func (t *table) write(b *strings.Builder) {
	width := make([]int, len(t.header))
	for _, row := range append([][]string{t.header}, t.rows...) {
		for i, cell := range row {
			width[i] = max(width[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range append([][]string{t.header}, t.rows...) {
		var line strings.Builder
		for i, cell := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(cell))
			if t.right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteString("\n")
	}
}

// millis writes a latency in milliseconds with precision to suit it.
func millis(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.2f", ms)
	}
	return fmt.Sprintf("%.1f", ms)
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func mebibytes(n int64) string {
	if n <= 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
}

// perCPU writes the documents per CPU-second, or that the CPU time is unknown.
func perCPU(docs int, cpu float64) string {
	if cpu <= 0 {
		return "CPU time unknown"
	}
	return fmt.Sprintf("%.0f docs/CPU-s", float64(docs)/cpu)
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
