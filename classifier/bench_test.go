package classifier_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// benchDocs loads up to limit bytes of real registry text (ctgov) or article text (pmc-rct).
func benchDocs(b *testing.B, kind string, limit int) ([]*corpus.Document, int) {
	b.Helper()
	var docs []*corpus.Document
	n := 0
	switch kind {
	case "ctgov":
		f, err := os.Open(shareddata.Path(b, "ctgov/ctgov-5000.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() && n < limit {
			var d struct{ ID, Title, Text string }
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				b.Fatal(err)
			}
			docs = append(docs, &corpus.Document{ID: d.ID, Title: d.Title, Text: d.Text})
			n += len(d.Text)
		}
	case "pmc-rct":
		files, _ := filepath.Glob(filepath.Join(shareddata.Path(b, "pmc-rct"), "PMC*.txt"))
		sort.Strings(files)
		for _, p := range files {
			if n >= limit {
				break
			}
			t, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, &corpus.Document{ID: filepath.Base(p), Text: string(t)})
			n += len(t)
		}
	}
	return docs, n
}

// BenchmarkTag is end-to-end tagging on one core: splitting, tokenizing, matching, context,
// document facets.
func BenchmarkTag(b *testing.B) {
	c := testrules.Default(b)
	for _, kind := range []string{"ctgov", "pmc-rct"} {
		b.Run(kind, func(b *testing.B) {
			docs, n := benchDocs(b, kind, 4<<20)
			b.SetBytes(int64(n))
			lat := make([]time.Duration, 0, len(docs))
			b.ResetTimer()
			for b.Loop() {
				lat = lat[:0]
				for _, d := range docs {
					t0 := time.Now()
					c.Tag(d)
					lat = append(lat, time.Since(t0))
				}
			}
			b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs/doc")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs/doc")
		})
	}
}

// BenchmarkMatch is the rules alone: sentences are split and tokenized beforehand, so this
// measures term lookup, patterns and context.
func BenchmarkMatch(b *testing.B) {
	c := testrules.Default(b)
	docs, n := benchDocs(b, "ctgov", 4<<20)
	sp := c.Splitter()
	sents := make([][]corpus.Sentence, len(docs))
	for i, d := range docs {
		sents[i] = sp.Split(d.Text)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			c.TagSentences(d, sents[i])
		}
	}
}

// BenchmarkTagParallel tags with every core, as "trialtag tag" does.
func BenchmarkTagParallel(b *testing.B) {
	c := testrules.Default(b)
	docs, n := benchDocs(b, "ctgov", 4<<20)
	b.SetBytes(int64(n))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, d := range docs {
				c.Tag(d)
			}
		}
	})
}

// BenchmarkCompile measures loading and compiling the default rules (what a rules reload costs).
func BenchmarkCompile(b *testing.B) {
	sp, err := corpus.NewSplitter()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rs, err := classifier.Load(os.DirFS("../rules"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := classifier.New(rs, sp); err != nil {
			b.Fatal(err)
		}
	}
}
