package index

import (
	"context"
	"sync"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

// seedsDir holds the project's five seed documents.
const seedsDir = "../corpus/seeds"

var (
	defaultOnce sync.Once
	defaultC    *classifier.Classifier
	defaultErr  error
)

// defaultClassifier compiles the built-in rules once for the package's tests.
func defaultClassifier(tb testing.TB) *classifier.Classifier {
	tb.Helper()
	defaultOnce.Do(func() {
		rs, err := classifier.Load(rules.FS)
		if err != nil {
			defaultErr = err
			return
		}
		sp, err := corpus.NewSplitter()
		if err != nil {
			defaultErr = err
			return
		}
		defaultC, defaultErr = classifier.New(rs, sp)
	})
	if defaultErr != nil {
		tb.Fatalf("default rules: %v", defaultErr)
	}
	return defaultC
}

// defaultMeta is the metadata of an index built with the default rules.
func defaultMeta(tb testing.TB) Meta {
	tb.Helper()
	return Meta{MappingVersion: MappingVersion, RulesFingerprint: defaultClassifier(tb).RuleSet().Fingerprint}
}

// loadDocs reads documents the way `trialtag tag` does, so ids match its ids.
func loadDocs(tb testing.TB, paths ...string) []*corpus.Document {
	tb.Helper()
	var docs []*corpus.Document
	for d, err := range corpus.Load(context.Background(), paths, corpus.Options{}) {
		if err != nil {
			tb.Fatalf("loading %v: %v", paths, err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		tb.Fatalf("no documents in %v", paths)
	}
	return docs
}

// seqOf yields the elements of a slice.
func seqOf[T any](xs []T) func(func(T) bool) {
	return func(yield func(T) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

// items tags documents with the default rules.
func items(tb testing.TB, docs []*corpus.Document) []Item {
	tb.Helper()
	c := defaultClassifier(tb)
	out := make([]Item, len(docs))
	for i, d := range docs {
		out[i] = Item{Result: c.Tag(d), Hash: ContentHash(d)}
	}
	return out
}

// buildIndex creates an index in a fresh temporary folder and indexes docs into it.
func buildIndex(tb testing.TB, docs []*corpus.Document) (*Index, string) {
	tb.Helper()
	dir := tb.TempDir() + "/index"
	ix, err := Create(dir, defaultMeta(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(context.Background(), seqOf(items(tb, docs))); err != nil {
		tb.Fatal(err)
	}
	return ix, dir
}
