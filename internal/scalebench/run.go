package scalebench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/rules"

	"github.com/trialtag/trialtag/internal/rusage"
)

// DefaultRepeat is how many times [Run] times each query when [Config.Repeat] is 0.
const DefaultRepeat = 20

// Config says what a [Run] builds and asks.
type Config struct {
	// Sources are the base collections of the corpus ([OpenSources]); Source names the
	// corpus in the report.
	Sources []Source
	Source  string
	// N is the number of documents to generate and index (at least 1).
	N int
	// Dir is the folder of the new index; like [index.Create] it must not exist or be
	// empty. Run leaves the index there: removing it is the caller's choice.
	Dir string
	// Workers is the tagging goroutines (0: one per CPU), as in `trialtag index --workers`.
	Workers int
	// Shards is the new index's shard count (0: one per CPU), as `trialtag index --shards`.
	Shards int
	// IndexMemoryLimit is the soft memory limit (bytes) while indexing, as `trialtag index`
	// sets memory_limit; 0 leaves the process's limit as it is. The searches run without
	// it, as `trialtag serve` does.
	IndexMemoryLimit int64
	// Repeat is how many times each query is timed after one warm-up run (0: DefaultRepeat),
	// and Clients how many goroutines run the timed searches at once (0: 1).
	Repeat, Clients int
	// Queries are the searches to time; nil means [DefaultQueries].
	Queries []Query
	// Classifier tags the documents and interprets the queries; nil means the built-in
	// rules (package rules) with the default splitter, as `trialtag index` uses.
	Classifier *classifier.Classifier
	// Progress, when set, receives a line per tenth of the corpus read and per phase.
	Progress io.Writer
	// HeapProfile, when set, receives a heap profile (pprof's format) taken while indexing
	// when the process's own memory (RssAnon) was at its peak; Linux only. What it shows
	// is the heap as of the garbage collection before that moment.
	HeapProfile io.Writer
}

// Run builds the corpus cfg asks for, indexes it into a new index in cfg.Dir, closes it,
// opens it again and times the queries on it, and reports what it measured. It uses only
// package index's public API, as cmd/trialtag does: [index.Create], [index.Index.TagAndUpdate],
// [index.Index.Stats], [index.Index.Close], [index.DiskSize], [index.Open] and
// [index.Index.Answer].
//
// Peak memory is the whole process's, so a Run in a process that has done other work
// reports that work's peak when it was higher. Cancelling ctx stops the run with its error;
// the index folder keeps what was written.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.N < 1 {
		return nil, fmt.Errorf("scale run: %d documents asked for; want at least 1", cfg.N)
	}
	if cfg.Repeat < 0 || cfg.Clients < 0 || cfg.Workers < 0 {
		return nil, fmt.Errorf("scale run: repeat %d, clients %d, workers %d: none may be negative", cfg.Repeat, cfg.Clients, cfg.Workers)
	}
	if cfg.Repeat == 0 {
		cfg.Repeat = DefaultRepeat
	}
	if cfg.Clients == 0 {
		cfg.Clients = 1
	}
	if cfg.Queries == nil {
		cfg.Queries = DefaultQueries()
	}
	if cfg.Progress == nil {
		cfg.Progress = io.Discard
	}
	c := cfg.Classifier
	if c == nil {
		var err error
		if c, err = builtinClassifier(); err != nil {
			return nil, err
		}
	}
	rep := &Report{
		Started: time.Now().UTC(),
		Machine: Machine{
			OS: runtime.GOOS, Arch: runtime.GOARCH, CPUs: runtime.NumCPU(),
			GoVersion: runtime.Version(), LoadAverage: loadAverage(),
		},
		Corpus: CorpusReport{Source: cfg.Source},
	}
	for _, s := range cfg.Sources {
		rep.Corpus.Sources = append(rep.Corpus.Sources, s.Name)
	}
	if err := buildIndex(ctx, cfg, c, rep); err != nil {
		return nil, err
	}
	if err := timeQueries(ctx, cfg, c, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// builtinClassifier compiles the built-in rules with the default splitter.
func builtinClassifier() (*classifier.Classifier, error) {
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		return nil, fmt.Errorf("sentence splitter: %w", err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	return c, nil
}

// buildIndex generates the corpus and indexes it into a new index in cfg.Dir, from Create
// to Close, and fills in rep's corpus and index parts.
func buildIndex(ctx context.Context, cfg Config, c *classifier.Classifier, rep *Report) error {
	fmt.Fprintf(cfg.Progress, "indexing %d %s documents into %s\n", cfg.N, cfg.Source, cfg.Dir)
	if cfg.IndexMemoryLimit > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(cfg.IndexMemoryLimit))
	}
	start, cpu0 := time.Now(), rusage.CPUTime()
	mem := startMemSampler(100*time.Millisecond, cfg.HeapProfile != nil)
	defer mem.close()
	meta := index.Meta{MappingVersion: index.MappingVersion, RulesFingerprint: c.RuleSet().Fingerprint, Shards: cfg.Shards}
	ix, err := index.Create(cfg.Dir, meta)
	if err != nil {
		return fmt.Errorf("scale run: %w", err)
	}
	closed := false
	defer func() {
		if !closed {
			_ = ix.Close() // after an error, which is what gets reported
		}
	}()

	// docs runs on TagAndUpdate's feeding goroutine, which has ended when it returns: the
	// counts below are safe to read then.
	var genErr error
	step := max(cfg.N/10, 1)
	docs := func(yield func(*corpus.Document) bool) {
		for d, err := range Generate(ctx, cfg.N, cfg.Sources) {
			if err != nil {
				var skip *corpus.SkipError
				if errors.As(err, &skip) {
					rep.Corpus.Skipped++
					fmt.Fprintf(cfg.Progress, "skipped: %v\n", err)
					continue
				}
				genErr = err
				return
			}
			rep.Corpus.Documents++
			rep.Corpus.InputBytes += int64(len(d.Text))
			if n := rep.Corpus.Documents; n%step == 0 || n == cfg.N {
				fmt.Fprintf(cfg.Progress, "read %d/%d documents (%.0f s)\n", n, cfg.N, time.Since(start).Seconds())
			}
			if !yield(d) {
				return
			}
		}
	}
	st, err := ix.TagAndUpdate(ctx, c, docs, cfg.Workers)
	if err == nil {
		err = genErr
	}
	if err != nil {
		return fmt.Errorf("scale run: indexing into %s: %w", cfg.Dir, err)
	}
	if st.Added != cfg.N {
		return fmt.Errorf("scale run: indexing into %s: %d documents added of %d generated (%d updated, %d unchanged)",
			cfg.Dir, st.Added, cfg.N, st.Updated, st.Unchanged)
	}
	stats, err := ix.Stats()
	if err != nil {
		return fmt.Errorf("scale run: counting %s: %w", cfg.Dir, err)
	}
	closed = true
	if err := ix.Close(); err != nil {
		return fmt.Errorf("scale run: closing %s: %w", cfg.Dir, err)
	}
	elapsed, cpu := time.Since(start), rusage.CPUTime()-cpu0
	disk, err := index.DiskSize(cfg.Dir)
	if err != nil {
		return fmt.Errorf("scale run: %w", err)
	}
	rep.Index = IndexReport{
		Workers:       cfg.Workers,
		Shards:        ix.Meta().Shards,
		Seconds:       elapsed.Seconds(),
		DocsPerSecond: float64(cfg.N) / elapsed.Seconds(),
		CPUSeconds:    cpu.Seconds(),
		Documents:     stats.Documents,
		Sentences:     stats.Sentences,
		DiskBytes:     disk,
		DiskPerInput:  safeDiv(float64(disk), float64(rep.Corpus.InputBytes)),
		PeakRSSBytes:  peakRSS(),
	}
	rep.Index.PeakAnonBytes, rep.Index.PeakFileBytes = mem.peaks()
	if cfg.HeapProfile != nil {
		mem.close()
		if err := mem.heapProfile(cfg.HeapProfile); err != nil {
			return fmt.Errorf("scale run: writing the heap profile: %w", err)
		}
	}
	fmt.Fprintf(cfg.Progress, "indexed %d documents in %.1f s\n", cfg.N, elapsed.Seconds())
	return nil
}

// timeQueries opens the index in cfg.Dir, runs each query once to warm up and then
// cfg.Repeat times on cfg.Clients goroutines, and fills in rep's query part. A query whose
// total changes between runs is an error: nothing writes to the index meanwhile.
func timeQueries(ctx context.Context, cfg Config, c *classifier.Classifier, rep *Report) error {
	start := time.Now()
	ix, err := index.Open(cfg.Dir)
	if err != nil {
		return fmt.Errorf("scale run: %w", err)
	}
	defer ix.Close()
	opened := time.Since(start)
	interp := index.NewInterpreter(c)
	queries := cfg.Queries

	fmt.Fprintf(cfg.Progress, "searching: %d queries, one warm-up and %d timed runs each, %d client(s)\n", len(queries), cfg.Repeat, cfg.Clients)
	totals := make([]uint64, len(queries))
	for i, q := range queries {
		resp, err := ix.Answer(ctx, interp, q.Request)
		if err != nil {
			return fmt.Errorf("scale run: query %s (facets %s): %w", q.Label(), q.Facets(), err)
		}
		totals[i] = resp.Total
	}

	// The timed runs go round the query set Repeat times, so that each query's runs are
	// spread over the whole phase and a busy spell of the machine hits every query alike.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	lat := make([][][]time.Duration, cfg.Clients) // per client, per query
	var (
		wg       sync.WaitGroup
		errOnce  sync.Once
		firstErr error
	)
	fail := func(err error) {
		errOnce.Do(func() { firstErr = err; cancel() })
	}
	timed := time.Now()
	for w := range cfg.Clients {
		lat[w] = make([][]time.Duration, len(queries))
		wg.Go(func() {
			for i := range jobs {
				q := queries[i]
				t0 := time.Now()
				resp, err := ix.Answer(ctx, interp, q.Request)
				d := time.Since(t0)
				switch {
				case err != nil:
					fail(fmt.Errorf("scale run: query %s (facets %s): %w", q.Label(), q.Facets(), err))
					continue
				case resp.Total != totals[i]:
					fail(fmt.Errorf("scale run: query %s (facets %s) found %d documents, %d in its warm-up", q.Label(), q.Facets(), resp.Total, totals[i]))
					continue
				}
				lat[w][i] = append(lat[w][i], d)
			}
		})
	}
feed:
	for range cfg.Repeat {
		for i := range queries {
			select {
			case jobs <- i:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	wall := time.Since(timed)
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("scale run: searching: %w", err)
	}

	qr := QueryReport{
		OpenSeconds: opened.Seconds(),
		Repeat:      cfg.Repeat,
		Clients:     cfg.Clients,
		Seconds:     wall.Seconds(),
	}
	// Classes are reported in the order their first query comes in the set.
	type group struct {
		class, facets string
	}
	var order []group
	byGroup := map[group]*[]time.Duration{}
	queriesIn := map[group]int{}
	var all []time.Duration
	for i, q := range queries {
		var runs []time.Duration
		for w := range lat {
			runs = append(runs, lat[w][i]...)
		}
		g := group{q.Class, q.Facets()}
		if byGroup[g] == nil {
			order = append(order, g)
			byGroup[g] = new([]time.Duration)
		}
		*byGroup[g] = append(*byGroup[g], runs...)
		queriesIn[g]++
		all = append(all, runs...)
		l := Latency{Class: q.Class, Facets: q.Facets(), Queries: 1, Runs: len(runs)}
		l.P50, l.P99, l.Max = summarize(runs)
		qr.Queries = append(qr.Queries, QueryLatency{Label: q.Label(), Latency: l, Total: totals[i]})
	}
	for _, g := range order {
		runs := *byGroup[g]
		l := Latency{Class: g.class, Facets: g.facets, Queries: queriesIn[g], Runs: len(runs)}
		l.P50, l.P99, l.Max = summarize(runs)
		qr.Classes = append(qr.Classes, l)
	}
	qr.Runs = len(all)
	qr.PerSecond = safeDiv(float64(len(all)), wall.Seconds())
	qr.Overall = Latency{Queries: len(queries), Runs: len(all)}
	qr.Overall.P50, qr.Overall.P99, qr.Overall.Max = summarize(all)
	if err := ix.Close(); err != nil {
		return fmt.Errorf("scale run: closing %s: %w", cfg.Dir, err)
	}
	qr.PeakRSSBytes = peakRSS()
	rep.Queries = qr
	fmt.Fprintf(cfg.Progress, "searched: %d runs in %.1f s\n", qr.Runs, wall.Seconds())
	return nil
}
