package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// TestShardsAgree: an index of several shards answers every search exactly as an index of
// one does — the same hits in the same order with the same scores (tf-idf reads the whole
// index's statistics in every shard), totals, sentences and facet counts — after indexing,
// after updating documents and after pruning some.
func TestShardsAgree(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/docs")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no documents: %v", err)
	}
	docs := loadDocs(t, append(dirs, seedsDir)...)
	all := append(append([]string{}, MetaFacets...), "crs_grade_range", "icans_grade_range")
	for _, f := range classifier.Facets() {
		all = append(all, f.Name)
	}
	queries := []Query{
		{},
		{Offset: 3, Limit: 4},
		{Text: "CAR-T"},
		{Text: "patients"},
		{Text: "patients", Offset: 2, Limit: 3},
		{Text: "grade cytokine release syndrome tocilizumab"},
		{Text: `"cytokine release"`, Prose: true},
		{Text: "+crs -icans"},
		{Text: "neuro*"},
		{Text: "tocilizumb~1"},
		{Filters: []Filter{{Facet: "crs", Value: "present"}}},
		{Filters: []Filter{{Facet: "icans", Value: "absent"}}, Offset: 1, Limit: 2},
		{Filters: []Filter{{Facet: "crs_grade", Value: "≥2"}}, Sort: SortIncidence},
		{Filters: []Filter{{Facet: "crs", Value: "present"}, {Facet: "toxicity_treatment", Value: "tocilizumab"}}},
		{Filters: []Filter{{Facet: "crs", Value: "present"}, {Facet: "toxicity_treatment", Value: "tocilizumab"}}, SameSentence: true},
		{Filters: []Filter{{Facet: "crs", Value: "present", Exclude: true}}},
		{Text: "cells", Sort: SortNewest},
		{Text: "cells", Sort: SortOldest, Offset: 1},
		{Sort: SortID, Offset: 1, Limit: 5},
		{IDs: []string{docs[0].ID, docs[len(docs)-1].ID}},
	}
	run := func(ix *Index) []string {
		t.Helper()
		var out []string
		for _, facets := range [][]string{nil, all} {
			for _, q := range queries {
				q.Facets, q.FacetSize = facets, 4
				out = append(out, searchJSON(t, ix, q))
			}
		}
		return out
	}
	one, _ := buildIndexShards(t, docs, 1)
	three, dir := buildIndexShards(t, docs, 3)
	compare := func(stage string) {
		t.Helper()
		want, got := run(one), run(three)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: search %d of %d differs with 3 shards:\n got %s\nwant %s", stage, i, len(want), got[i], want[i])
			}
		}
		a, err1 := one.Stats()
		b, err2 := three.Stats()
		if err1 != nil || err2 != nil || a.Documents != b.Documents || a.Sentences != b.Sentences {
			t.Errorf("%s: stats %+v (%v), want %+v (%v)", stage, b, err2, a, err1)
		}
	}
	compare("indexed")

	// Every shard holds documents, and each document's sentences beside it.
	for i, s := range three.shards {
		if n, err := s.countType(typeDoc); err != nil || n == 0 {
			t.Errorf("shard %d holds %d documents (%v)", i, n, err)
		}
	}

	// Two documents change (their sentences move within their shard), two go.
	changed := []*corpus.Document{}
	for _, d := range docs[:2] {
		c := *d
		c.Text = d.Text + "\n\nGrade 3 cytokine release syndrome occurred in two patients and resolved with tocilizumab."
		changed = append(changed, &c)
	}
	for _, ix := range []*Index{one, three} {
		if _, err := ix.Update(context.Background(), seqOf(items(t, changed))); err != nil {
			t.Fatal(err)
		}
		gone := map[string]bool{docs[2].ID: true, docs[3].ID: true}
		if n, err := ix.Prune(func(id, _ string) bool { return !gone[id] }); err != nil || n != 2 {
			t.Fatalf("Prune = %d, %v", n, err)
		}
	}
	compare("updated and pruned")

	// Closed and opened again, read-only: the same.
	if err := three.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, shardsFile)); err != nil {
		t.Fatalf("an index of 3 shards has no shards file: %v", err)
	}
	reopened, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	if reopened.Meta().Shards != 3 {
		t.Errorf("reopened with %d shards, want 3", reopened.Meta().Shards)
	}
	three = reopened
	compare("reopened")
	for _, d := range changed {
		got, err := reopened.Document(d.ID)
		if err != nil || got.Text != d.Text {
			t.Errorf("Document(%s) after the update: %v", d.ID, err)
		}
	}
	if !reflect.DeepEqual(reopened.Meta(), Meta{MappingVersion: MappingVersion, RulesFingerprint: one.Meta().RulesFingerprint, Shards: 3}) {
		t.Errorf("meta %+v", reopened.Meta())
	}
}

// TestShardsExpansionLimit: a query's expansion (wildcards, fuzzy terms) is bounded by the
// terms of the whole index, as every shard's search expands to all of them: the smallest
// limit a query passes is the same with 1 and 3 shards.
func TestShardsExpansionLimit(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	one, _ := buildIndexShards(t, docs, 1)
	three, _ := buildIndexShards(t, docs, 3)
	smallest := func(ix *Index, text string) int {
		t.Helper()
		for n := 1; n <= 500; n++ {
			lim := DefaultLimits
			lim.Expansion = n
			_, err := ix.Search(context.Background(), Query{Text: text, Limits: &lim})
			if err == nil {
				return n
			}
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("%q: %v", text, err)
			}
		}
		t.Fatalf("%q needs a limit above 500", text)
		return 0
	}
	for _, text := range []string{"neuro*", "cyto*", "patient~2", "/lymph.*/"} {
		a, b := smallest(one, text), smallest(three, text)
		if a != b {
			t.Errorf("%q passes a limit of %d terms with 3 shards, %d with 1", text, b, a)
		}
		if a < 2 {
			t.Errorf("%q expands to %d term: the case checks nothing", text, a)
		}
	}
}

// TestShardRouting: which shard holds a document is part of every index built: FNV-1a of
// its id modulo the shard count, its sentence documents beside it. A change here would
// make existing indexes look for documents in the wrong shard.
func TestShardRouting(t *testing.T) {
	ix := &Index{shards: []*shard{{dir: "0"}, {dir: "1"}, {dir: "2"}}}
	for _, tt := range []struct {
		id    string
		shard string
	}{
		{"NCT02547948", "2"},
		{"39100001", "0"},
		{"001_7c1521d75b74a78c", "1"},
		{"PMC1234567", "0"},
	} {
		if got := ix.shardOf(tt.id).dir; got != tt.shard {
			t.Errorf("document %s in shard %s, want %s", tt.id, got, tt.shard)
		}
		if got := ix.shardOf(sentenceID(tt.id, 7)).dir; got != tt.shard {
			t.Errorf("a sentence of %s in shard %s, want %s", tt.id, got, tt.shard)
		}
	}
}

// TestShardsRefuseBleveFacets: a bleve request with bleve's own facets cannot be fanned out
// (each shard would count its own, and nothing would add them up): refused, not dropped.
func TestShardsRefuseBleveFacets(t *testing.T) {
	ix, _ := buildIndexShards(t, loadDocs(t, seedsDir), 2)
	req := bleve.NewSearchRequest(bleve.NewMatchAllQuery())
	req.AddFacet("crs", bleve.NewFacetRequest("crs", 5))
	if _, err := ix.searchCtx(context.Background(), req); err == nil {
		t.Error("a request with bleve facets ran on two shards")
	}
	one, _ := buildIndexShards(t, loadDocs(t, seedsDir), 1)
	if _, err := one.searchCtx(context.Background(), req); err != nil {
		t.Errorf("one shard, bleve's own search: %v", err)
	}
}
