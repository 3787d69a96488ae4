package corpus_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
)

// benchPMCTexts reads pmc-rct articles in name order until it holds at least limit bytes. It
// skips b when the shared data is absent.
func benchPMCTexts(b *testing.B, limit int64) (texts []string, size int64) {
	b.Helper()
	dir := shareddata.Path(b, "pmc-rct")
	files, err := filepath.Glob(filepath.Join(dir, "PMC*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		if size >= limit {
			break
		}
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		size += int64(len(data))
	}
	if len(texts) == 0 {
		b.Skipf("no PMC*.txt files in %s", dir)
	}
	return texts, size
}

// reportDocRate reports documents per second over the timed part of b.
func reportDocRate(b *testing.B, docs int) {
	b.Helper()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(docs)/s, "docs/s")
	}
}

// BenchmarkSplit splits about 5 MB of randomised-trial articles per iteration.
func BenchmarkSplit(b *testing.B) {
	texts, size := benchPMCTexts(b, 5<<20)
	sp := testSplitter(b)
	b.SetBytes(size)
	b.ReportAllocs()
	docs, sents, iters := 0, 0, 0
	for b.Loop() {
		for _, text := range texts {
			sents += len(sp.Split(text))
		}
		docs += len(texts)
		iters++
	}
	reportDocRate(b, docs)
	b.ReportMetric(float64(sents)/float64(iters), "sentences/op")
}

// BenchmarkTokens splits about 2 MB of articles per iteration and tokenizes every sentence:
// the work the tagger does before matching.
func BenchmarkTokens(b *testing.B) {
	texts, size := benchPMCTexts(b, 2<<20)
	sp := testSplitter(b)
	b.SetBytes(size)
	b.ReportAllocs()
	docs, toks, iters := 0, 0, 0
	for b.Loop() {
		for _, text := range texts {
			for _, s := range sp.Split(text) {
				toks += len(sp.Tokens(s))
			}
		}
		docs += len(texts)
		iters++
	}
	reportDocRate(b, docs)
	b.ReportMetric(float64(toks)/float64(iters), "tokens/op")
}

// BenchmarkLoadJSONL streams the 5,000 ClinicalTrials.gov records of ctgov-5000.jsonl
// (14 MB) per iteration.
func BenchmarkLoadJSONL(b *testing.B) {
	path := shareddata.Path(b, filepath.Join("ctgov", "ctgov-5000.jsonl"))
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	ctx := context.Background()
	docs := 0
	for b.Loop() {
		n := 0
		for doc, err := range corpus.Load(ctx, []string{path}, corpus.Options{}) {
			if err != nil {
				b.Fatalf("Load: %v", err)
			}
			if doc.Text == "" {
				b.Fatalf("%s: empty text", doc.Source)
			}
			n++
		}
		if n != 5000 {
			b.Fatalf("loaded %d documents, want 5000", n)
		}
		docs += n
	}
	reportDocRate(b, docs)
}
