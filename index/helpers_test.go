package index

import (
	"context"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// seedsDir holds the project's five seed documents.
const seedsDir = "../corpus/seeds"

// defaultMeta is the metadata of an index built with the default rules.
func defaultMeta(tb testing.TB) Meta {
	tb.Helper()
	return Meta{MappingVersion: MappingVersion, RulesFingerprint: testrules.Default(tb).RuleSet().Fingerprint}
}

// oneShard is defaultMeta for an index of one shard: bleve's files in the index's folder.
func oneShard(tb testing.TB) Meta {
	tb.Helper()
	m := defaultMeta(tb)
	m.Shards = 1
	return m
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
	c := testrules.Default(tb)
	out := make([]Item, len(docs))
	for i, d := range docs {
		out[i] = Item{Result: c.Tag(d), Hash: ContentHash(d)}
	}
	return out
}

// buildIndex creates an index in a fresh temporary folder and indexes docs into it.
func buildIndex(tb testing.TB, docs []*corpus.Document) (*Index, string) {
	tb.Helper()
	return buildIndexShards(tb, docs, 0)
}

// buildIndexShards is buildIndex with n shards (0: one per core).
func buildIndexShards(tb testing.TB, docs []*corpus.Document, n int) (*Index, string) {
	tb.Helper()
	dir := tb.TempDir() + "/index"
	meta := defaultMeta(tb)
	meta.Shards = n
	ix, err := Create(dir, meta)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	if _, err := ix.Update(context.Background(), seqOf(items(tb, docs))); err != nil {
		tb.Fatal(err)
	}
	return ix, dir
}
