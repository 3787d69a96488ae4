package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bindex "github.com/blevesearch/bleve_index_api"
)

// facetSpec is one facet a search counts: a keyword field (term counts) or a grade's
// highest value (range counts ≥1 … ≥5).
type facetSpec struct {
	name  string // as asked and answered: "crs", "crs_grade_range"
	field string
	grade bool
	size  int
}

// hitCollector takes part in bleve's collection of a search's hits (through bleve's
// document match handler hook): it keeps the hit set as a bitmap, counts the facets
// against it from the snapshot's [columns] once every hit is seen, and, for a search by
// relevance, keeps the best hits itself so that ties in score are broken by id without
// bleve loading every hit's id.
type hitCollector struct {
	shard   *shard
	ctx     context.Context
	facets  []facetSpec
	keep    int  // relevance: the best keep hits (offset + limit) are kept here
	byScore bool // relevance order: keep the best hits here; otherwise bleve sorts them
	every   bool // count every value of a term facet, not the top ones: shards' counts merge

	hits   *roaring.Bitmap
	scored int // hits a pruned search scored (prune.go)
	best   bestHits
	counts map[string][]FacetCount
}

// bestHits is a heap of hits whose top is the worst kept hit.
type bestHits struct {
	ms    []*search.DocumentMatch
	nums  []uint32 // internal numbers, beside ms
	ranks *rankColumn
	cols  *columns
	ctx   context.Context
	err   error
}

func (b *bestHits) Len() int { return len(b.ms) }

// worse reports whether hit i ranks after hit j: a lower score, or the same score and a
// later id.
func (b *bestHits) worse(mi, mj *search.DocumentMatch, ni, nj uint32) bool {
	// As bleve compares scores: neither lower nor higher (NaN, which a filter-only search
	// scores, included) is a tie.
	if mi.Score < mj.Score {
		return true
	}
	if mi.Score > mj.Score {
		return false
	}
	if b.ranks == nil && b.err == nil {
		b.ranks, b.err = b.cols.rankTable(b.ctx)
	}
	if b.err != nil {
		return ni > nj
	}
	return b.ranks.of(ni) > b.ranks.of(nj)
}

func (b *bestHits) Less(i, j int) bool { return b.worse(b.ms[i], b.ms[j], b.nums[i], b.nums[j]) }
func (b *bestHits) Swap(i, j int) {
	b.ms[i], b.ms[j] = b.ms[j], b.ms[i]
	b.nums[i], b.nums[j] = b.nums[j], b.nums[i]
}
func (b *bestHits) Push(x any) {} // unused: hits are appended and fixed in place
func (b *bestHits) Pop() any   { return nil }

// makeHandler is a [search.MakeDocumentMatchHandler]: bleve calls it once per search with
// the search's context (its snapshot), and the handler with each hit, then with nil.
func (hc *hitCollector) makeHandler(sc *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	next, loadID, err := collector.MakeTopNDocumentMatchHandler(sc)
	if err != nil {
		return nil, false, err
	}
	cols := hc.shard.columnsFor(sc.IndexReader)
	hc.hits = roaring.New()
	hc.best = bestHits{cols: cols, ctx: hc.ctx}
	var buf []uint32
	return func(d *search.DocumentMatch) error {
		if d != nil {
			n, err := docNumber(d.IndexInternalID)
			if err != nil {
				return err
			}
			if buf = append(buf, n); len(buf) == 4096 {
				hc.hits.AddMany(buf)
				buf = buf[:0]
			}
			if !hc.byScore {
				return next(d)
			}
			return hc.keepBest(sc, d, n)
		}
		hc.hits.AddMany(buf)
		buf = buf[:0]
		if err := hc.countFacets(cols); err != nil {
			return err
		}
		if hc.byScore {
			if err := hc.flushBest(next); err != nil {
				return err
			}
		}
		return next(nil)
	}, loadID, nil
}

// keepBest keeps d when it is among the best hits so far, and gives back to the pool
// the hit that leaves.
func (hc *hitCollector) keepBest(sc *search.SearchContext, d *search.DocumentMatch, n uint32) error {
	b := &hc.best
	if hc.keep <= 0 {
		sc.DocumentMatchPool.Put(d)
		return nil
	}
	if len(b.ms) < hc.keep {
		b.ms = append(b.ms, d)
		b.nums = append(b.nums, n)
		heap.Fix(b, len(b.ms)-1)
		return b.err
	}
	if !b.worse(b.ms[0], d, b.nums[0], n) {
		sc.DocumentMatchPool.Put(d)
		return b.err
	}
	sc.DocumentMatchPool.Put(b.ms[0])
	b.ms[0], b.nums[0] = d, n
	heap.Fix(b, 0)
	return b.err
}

// flushBest hands the kept hits to bleve's own collection, numbered in id order so that
// bleve's final sort (score, then hit number) puts ties in id order.
func (hc *hitCollector) flushBest(next search.DocumentMatchHandler) error {
	b := &hc.best
	if b.ranks == nil && tied(b.ms) {
		// Kept hits may tie with each other without having been compared.
		var err error
		if b.ranks, err = b.cols.rankTable(hc.ctx); err != nil {
			return err
		}
	}
	for i, d := range b.ms {
		if b.ranks != nil {
			d.HitNumber = uint64(b.ranks.of(b.nums[i])) + 1
		}
		if err := next(d); err != nil {
			return err
		}
	}
	b.ms, b.nums = nil, nil
	return nil
}

// countFacets counts every facet asked for against the hit set.
func (hc *hitCollector) countFacets(cols *columns) error {
	hc.counts = map[string][]FacetCount{}
	for _, f := range hc.facets {
		tc, err := cols.field(hc.ctx, f.field, f.grade)
		if err != nil {
			return err
		}
		switch {
		case f.grade:
			hc.counts[f.name] = tc.atLeastCounts(hc.hits)
		case hc.every:
			hc.counts[f.name] = tc.termCounts(hc.hits, math.MaxInt)
		default:
			hc.counts[f.name] = tc.termCounts(hc.hits, f.size)
		}
	}
	return nil
}

// gradeField returns the numeric field of a grade range facet ("crs_grade_range" →
// "maxgrade_crs"), or false.
func gradeField(name string) (string, bool) {
	base, ok := strings.CutSuffix(name, rangeFacetSuffix)
	if !ok {
		return "", false
	}
	short, ok := gradeFacets[base]
	if !ok {
		return "", false
	}
	return prefixMaxGrade + short, true
}

// tied reports whether two of ms have the same score, or a score that compares as no
// number does (NaN).
func tied(ms []*search.DocumentMatch) bool {
	seen := make(map[float64]bool, len(ms))
	for _, d := range ms {
		if seen[d.Score] || math.IsNaN(d.Score) {
			return true
		}
		seen[d.Score] = true
	}
	return false
}

// newCollectors makes the hit collector of each shard for a search counting facets.
func (ix *Index) newCollectors(ctx context.Context, facets []facetSpec) []*hitCollector {
	hcs := make([]*hitCollector, len(ix.shards))
	for i, s := range ix.shards {
		hcs[i] = &hitCollector{shard: s, ctx: ctx, facets: facets, every: len(ix.shards) > 1}
	}
	return hcs
}

// mergeCounts adds up the facet counts of every shard's collector: term facets the most
// frequent first (ties by value) and at most their size, grade ranges in order.
func mergeCounts(facets []facetSpec, hcs []*hitCollector) map[string][]FacetCount {
	if len(hcs) == 1 {
		return hcs[0].counts
	}
	out := make(map[string][]FacetCount, len(facets))
	for _, f := range facets {
		sum := map[string]int{}
		for _, hc := range hcs {
			for _, c := range hc.counts[f.name] {
				sum[c.Value] += c.Count
			}
		}
		counts := make([]FacetCount, 0, len(sum))
		for v, n := range sum {
			counts = append(counts, FacetCount{Value: v, Count: n})
		}
		if f.grade {
			// "≥1" … "≥5": in order of the bound.
			slices.SortFunc(counts, func(a, b FacetCount) int { return strings.Compare(a.Value, b.Value) })
		} else {
			counts = topCounts(counts, f.size)
		}
		out[f.name] = counts
	}
	return out
}

// searchAll answers a search of every document by relevance or id without a pass over the
// documents: every document scores the same, so the hits are the first by id, the total is
// the number of documents and the facet counts are the sizes of the values' bitmaps, all
// from each shard's columns (the first ids of each shard merge into the page's). The page
// of hits is then read by id with req's fields.
func (ix *Index) searchAll(ctx context.Context, q Query, req *bleve.SearchRequest, facets []facetSpec) (search.DocumentMatchCollection, uint64, map[string][]FacetCount, error) {
	hcs := ix.newCollectors(ctx, facets)
	shardIDs := make([][]string, len(ix.shards))
	totals := make([]uint64, len(ix.shards))
	err := ix.withReaders(func(rs []bindex.IndexReader) error {
		// Each shard's columns on a core of its own (the first search of a snapshot reads them).
		return ix.eachShard(func(i int, s *shard) error {
			r := rs[i]
			cols := s.columnsFor(r)
			rt, err := cols.rankTable(ctx)
			if err != nil {
				return err
			}
			totals[i] = uint64(len(rt.order))
			for _, n := range rt.order[:min(q.Offset+q.Limit, len(rt.order))] {
				id, err := r.ExternalID(internalID(n))
				if err != nil {
					return fmt.Errorf("reading document ids: %w", err)
				}
				shardIDs[i] = append(shardIDs[i], id)
			}
			hcs[i].hits = rt.docs
			return hcs[i].countFacets(cols)
		})
	})
	var total uint64
	for _, n := range totals {
		total += n
	}
	if err != nil {
		return nil, total, nil, err
	}
	counts := mergeCounts(facets, hcs)
	ids := slices.Concat(shardIDs...)
	slices.Sort(ids)
	ids = ids[min(q.Offset, len(ids)):min(q.Offset+q.Limit, len(ids))]
	if len(ids) == 0 {
		return nil, total, counts, nil
	}
	page := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	page.Fields = req.Fields
	page.SortBy([]string{"_id"})
	res, err := ix.searchCtx(ctx, page)
	if err != nil {
		return nil, 0, nil, err
	}
	for _, dm := range res.Hits {
		dm.Score = 0 // what a search of every document scores (bleve: NaN, shown as 0)
	}
	return res.Hits, total, counts, nil
}
