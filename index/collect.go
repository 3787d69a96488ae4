package index

import (
	"container/heap"
	"context"
	"fmt"
	"math"
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
	ix      *Index
	ctx     context.Context
	facets  []facetSpec
	keep    int  // relevance: the best keep hits (offset + limit) are kept here
	byScore bool // relevance order: keep the best hits here; otherwise bleve sorts them

	hits   *roaring.Bitmap
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
	cols := hc.ix.columnsFor(sc.IndexReader)
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
		if f.grade {
			hc.counts[f.name] = tc.atLeastCounts(hc.hits)
		} else {
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

// searchAll answers a search of every document by relevance or id without a pass over the
// documents: every document scores the same, so the hits are the first by id, the total is
// the number of documents and hc's facet counts are the sizes of the values' bitmaps, all
// from the snapshot's columns. The page of hits is then read by id with req's fields.
func (ix *Index) searchAll(ctx context.Context, q Query, req *bleve.SearchRequest, hc *hitCollector) (search.DocumentMatchCollection, uint64, error) {
	var ids []string
	var total uint64
	err := ix.withReader(func(r bindex.IndexReader) error {
		cols := ix.columnsFor(r)
		rt, err := cols.rankTable(ctx)
		if err != nil {
			return err
		}
		total = uint64(len(rt.order))
		for _, n := range rt.order[min(q.Offset, len(rt.order)):min(q.Offset+q.Limit, len(rt.order))] {
			id, err := r.ExternalID(internalID(n))
			if err != nil {
				return fmt.Errorf("reading document ids: %w", err)
			}
			ids = append(ids, id)
		}
		hc.hits = rt.docs
		return hc.countFacets(cols)
	})
	if err != nil || len(ids) == 0 {
		return nil, total, err
	}
	page := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	page.Fields = req.Fields
	page.SortBy([]string{"_id"})
	res, err := ix.searchCtx(ctx, page)
	if err != nil {
		return nil, 0, err
	}
	for _, dm := range res.Hits {
		dm.Score = 0 // what a search of every document scores (bleve: NaN, shown as 0)
	}
	return res.Hits, total, nil
}
