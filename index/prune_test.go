package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/trialtag/trialtag/corpus"
)

// pruneWords are the words of the synthetic corpus of the pruning tests, the most frequent
// first: plain words, words the query analyzer also reads in their other number, and the
// words of a few tags.
var pruneWords = strings.Fields(`the of patients study and grade cytokine release syndrome
	in was patient studies response treated infusion tocilizumab neurotoxicity cells dose
	fever with remission trial cohort lymphoma myeloma CD19 BCMA relapsed refractory
	median follow-up months durable toxicity events observed rare`)

// syntheticDocs makes n documents of words drawn with a skewed frequency (seeded: the same
// corpus every run), titles of 2 to 12 words and texts of 3 to 10 sentences, so that
// impacts (frequency and length) vary from document to document.
func syntheticDocs(seed uint64, first, n int) []*corpus.Document {
	rng := rand.New(rand.NewPCG(seed, 7))
	word := func() string {
		// P(word i) ∝ 1/(i+1)
		for {
			i := rng.IntN(len(pruneWords))
			if rng.Float64() < 1/float64(i+1) {
				return pruneWords[i]
			}
		}
	}
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		return strings.Join(ws, " ")
	}
	docs := make([]*corpus.Document, n)
	for i := range docs {
		var text strings.Builder
		for range 3 + rng.IntN(8) {
			s := words(4 + rng.IntN(12))
			text.WriteString(strings.ToUpper(s[:1]) + s[1:] + ". ")
		}
		docs[i] = &corpus.Document{
			ID:     fmt.Sprintf("syn%05d", first+i),
			Title:  words(2 + rng.IntN(11)),
			Text:   text.String(),
			Source: "synthetic",
		}
	}
	return docs
}

// TestPrunedSearchAgrees runs one-word searches pruned and in full on the same index and
// requires the same JSON: hits, scores, order, totals and facets; on one shard and three,
// after an update that replaces and adds documents (deleted documents in old segments).
func TestPrunedSearchAgrees(t *testing.T) {
	queries := []Query{}
	for _, w := range []string{"the", "of", "patients", "patient", "Patients", "study", "grade", "cytokine", "CD19", "rare", "absent"} {
		for _, page := range [][2]int{{0, 10}, {0, 1}, {7, 5}, {0, 100}, {400, 30}} {
			queries = append(queries, Query{Text: w, Offset: page[0], Limit: page[1]})
		}
		queries = append(queries, Query{Text: w, Prose: true, Facets: []string{"crs", "toxicity_treatment", "antigen"}, FacetSize: 3})
	}
	run := func(t *testing.T, ix *Index, pruneAt uint64) []string {
		t.Helper()
		ix.pruneAt = pruneAt
		var out []string
		for _, q := range queries {
			out = append(out, fmt.Sprintf("%+v → %s", q, searchJSON(t, ix, q)))
		}
		return out
	}
	compare := func(t *testing.T, ix *Index) {
		t.Helper()
		pruned, full := run(t, ix, 1), run(t, ix, math.MaxUint64)
		for i := range queries {
			if pruned[i] != full[i] {
				t.Errorf("pruned search differs:\n%s\nfull:\n%s", pruned[i], full[i])
			}
		}
	}
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("shards=%d", shards), func(t *testing.T) {
			ix, _ := buildIndexShards(t, syntheticDocs(1, 0, 900), shards)
			// A second segment, and the first one's copies of replaced documents deleted.
			more := append(syntheticDocs(2, 0, 150), syntheticDocs(3, 900, 300)...)
			if _, err := ix.Update(context.Background(), seqOf(items(t, more))); err != nil {
				t.Fatal(err)
			}
			compare(t, ix)
		})
	}
}

// TestPruneBounds checks the bounds a pruned search relies on against bleve's own scores:
// no hit of a block scores above its bound, the bound is the best hit's score (not a loose
// one), and the best few are bleve's best few.
func TestPruneBounds(t *testing.T) {
	ix, _ := buildIndexShards(t, syntheticDocs(4, 0, 1200), 1)
	ctx := context.Background()
	for _, w := range []string{"the", "patients", "study", "grade", "cytokine"} {
		err := withPrunable(t, ix, Query{Text: w, Limit: 10}, func(pw prunable, ws [][]float64, req *bleve.SearchRequest, rs, grs []bindex.IndexReader) error {
			s := ix.shards[0]
			wb, err := s.columnsFor(rs[0]).boundsOf(ctx, pw, ws)
			if err != nil {
				return err
			}
			// Every hit, scored by bleve.
			all := bleve.NewSearchRequestOptions(req.Query, int(wb.hits.GetCardinality())+1, 0, false)
			res, err := s.bi.SearchInContext(ctx, all)
			if err != nil {
				return err
			}
			if res.Total != wb.hits.GetCardinality() {
				t.Errorf("%q: bleve finds %d documents, the bounds hold %d", w, res.Total, wb.hits.GetCardinality())
			}
			best := make([]float64, len(wb.bound))
			for _, h := range res.Hits {
				// The hit's number in the snapshot the bounds were read from: a merge after
				// it renumbers the documents the search (a newer snapshot) returns.
				iid, err := rs[0].InternalID(h.ID)
				if err != nil {
					return err
				}
				n, err := docNumber(iid)
				if err != nil {
					return err
				}
				b := int(n / pruneBlock)
				if h.Score > wb.bound[b] {
					t.Errorf("%q: %s scores %v, above its block's bound %v", w, h.ID, h.Score, wb.bound[b])
				}
				best[b] = max(best[b], h.Score)
			}
			for b := range best {
				if wb.count[b] > 0 && wb.bound[b] > best[b]*(1+1e-6) {
					t.Errorf("%q: block %d's bound %v is above its best hit's score %v", w, b, wb.bound[b], best[b])
				}
			}
			hc := ix.newCollectors(ctx, nil)[0]
			top, err := pruneShard(ctx, pw, ws, req, 10, hc, rs[0], grs[0], s)
			if err != nil {
				return err
			}
			if len(top.Hits) != min(10, len(res.Hits)) {
				t.Fatalf("%q: %d best hits, want %d", w, len(top.Hits), min(10, len(res.Hits)))
			}
			// Kept hits come in heap order; bleve's in order of score.
			slices.SortFunc(top.Hits, func(a, b *search.DocumentMatch) int { return cmp.Compare(b.Score, a.Score) })
			for i, h := range top.Hits {
				if h.Score != res.Hits[i].Score {
					t.Errorf("%q: best hit %d scores %v, bleve's %v", w, i, h.Score, res.Hits[i].Score)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestPrunableOf says which searches are pruned: one word of free text by relevance, and
// nothing else.
func TestPrunableOf(t *testing.T) {
	ix, _ := buildIndexShards(t, syntheticDocs(5, 0, 20), 1)
	cases := []struct {
		q    Query
		want bool
	}{
		{Query{Text: "patients"}, true},
		{Query{Text: "  study  ", Offset: 10, Limit: 5}, true},
		{Query{Text: "CD19", Prose: true}, true},
		{Query{Text: "cytokine release"}, false},                                              // a phrase clause
		{Query{Text: "patients", Sort: SortID}, false},                                        // not by relevance
		{Query{Text: "patients", Filters: []Filter{{Facet: "crs", Value: "present"}}}, false}, // a filter
		{Query{Text: "patients", Filters: []Filter{{Facet: "crs", Value: "present", Exclude: true}}}, false},
		{Query{Text: "patients", IDs: []string{"syn00001"}}, false},
		{Query{Text: "title:patients"}, false}, // query syntax
		{Query{Text: "patient*"}, false},
		{Query{}, false},
	}
	for _, c := range cases {
		q, p, _, err := ix.request(context.Background(), c.q)
		if err != nil {
			t.Fatalf("%+v: %v", c.q, err)
		}
		if _, got := prunableOf(q, p, ix.shards[0].bi.Mapping()); got != c.want {
			t.Errorf("%+v: prunable %v, want %v", c.q, got, c.want)
		}
	}
}

// TestPruneSkips is the point of pruning: when a few documents stand out (the word in a
// short title) among thousands that hold it once in a long text, the best hits are found by
// scoring the blocks that hold them, not every document.
func TestPruneSkips(t *testing.T) {
	filler := pruneWords[:len(pruneWords)-1]
	filler = slices.DeleteFunc(slices.Clone(filler), func(w string) bool { return strings.HasPrefix(w, "patient") })
	docs := make([]*corpus.Document, 3000)
	for i := range docs {
		var text strings.Builder
		text.WriteString("Patients ")
		for j := range 40 {
			text.WriteString(filler[(i+j*7)%len(filler)] + " ")
		}
		text.WriteString(".")
		title := filler[i%len(filler)] + " " + filler[(i+3)%len(filler)] + " " + filler[(i+5)%len(filler)]
		if i%500 == 250 {
			title = "patients"
		}
		docs[i] = &corpus.Document{ID: fmt.Sprintf("skew%05d", i), Title: title, Text: text.String(), Source: "synthetic"}
	}
	ix, _ := buildIndexShards(t, docs, 1)
	ctx := context.Background()
	err := withPrunable(t, ix, Query{Text: "patients", Limit: 5}, func(pw prunable, ws [][]float64, req *bleve.SearchRequest, rs, grs []bindex.IndexReader) error {
		hc := ix.newCollectors(ctx, nil)[0]
		top, err := pruneShard(ctx, pw, ws, req, 5, hc, rs[0], grs[0], ix.shards[0])
		if err != nil {
			return err
		}
		if top.Total != 3000 || len(top.Hits) != 5 {
			return fmt.Errorf("%d documents, %d hits; want 3000, 5", top.Total, len(top.Hits))
		}
		for _, h := range top.Hits {
			if n, _ := fmt.Sscanf(h.ID, "skew%d", new(int)); n != 1 || !strings.HasSuffix(h.ID, "250") && !strings.HasSuffix(h.ID, "750") {
				t.Errorf("best hit %s: want a document with the word in its title", h.ID)
			}
		}
		// Five blocks hold the standouts; a sixth may be scored first for lack of a page.
		if hc.scored > 6*pruneBlock {
			t.Errorf("the best 5 of 3000 hits took scoring %d documents", hc.scored)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// searchJSON runs q and returns its results' JSON, without the time it took.
func searchJSON(t *testing.T, ix *Index, q Query) string {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	res.Took = 0
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withPrunable runs f with what a pruned search of q works from: the search as prunable, the
// weights of its terms, its bleve request, and each shard's snapshot alone and as the whole
// index scores it.
func withPrunable(t *testing.T, ix *Index, q Query, f func(pw prunable, ws [][]float64, req *bleve.SearchRequest, rs, grs []bindex.IndexReader) error) error {
	t.Helper()
	ctx := context.Background()
	q, p, req, err := ix.request(ctx, q)
	if err != nil {
		return err
	}
	pw, ok := prunableOf(q, p, ix.shards[0].bi.Mapping())
	if !ok {
		return fmt.Errorf("%+v: a one-word search is not prunable", q)
	}
	return ix.withReaders(func(rs []bindex.IndexReader) error {
		grs, err := globalReaders(rs)
		if err != nil {
			return err
		}
		ws, _, err := pw.weights(ctx, grs[0])
		if err != nil {
			return err
		}
		return f(pw, ws, req, rs, grs)
	})
}
