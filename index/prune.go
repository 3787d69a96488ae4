package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Searching one common word by relevance (free text "patients" over a registry) would score
// every document that holds it to find the best few. A pruned search scores only the
// documents that can be among them, and returns the same hits with the same scores.
//
// A one-word search is bleve's disjunction of the word in the text and in the title (the
// query analyzer may add the word's other number: "patients", "patient"), scored by bleve's
// tf-idf: for each field, the sum over the terms a document holds of √freq × norm × idf ×
// the term's query weight, times the share of the field's terms it holds; then the fields'
// sum times the share of fields it holds. The weights are the query's (idf, boost, query
// norm over every term); freq and norm are the document's. For each block of pruneBlock
// internal document numbers, a snapshot keeps the highest score of a document of the block
// ([wordBounds]: one pass over the word's postings, computing what bleve would score without
// its per-hit machinery, kept for as long as the weights stay the same). The search scores
// the blocks of highest bound first until it holds a page of hits, then, in document order,
// every block whose bound reaches the worst hit kept so far: a block below it cannot hold a
// hit that would rank (a tie would: ties rank by id, so a block at the bound is scored).
// Scores are bleve's own (its searcher, advanced to each block), the hit set for the total
// and the facet counts is the union of the word's postings, so results are those of a full
// search.

// pruneMinPostings is the fewest postings of a word (in its text and title, over every
// shard) for a search of it to be pruned: scoring fewer costs less than the bounds.
const pruneMinPostings = 4096

// pruneBlock is how many internal document numbers a block of bounds covers.
const pruneBlock = 256

// pruneFirstRound is the fewest blocks the first round of a pruned search scores, and
// pruneRoundGrowth how many times more each next round may: a round costs a new bleve
// searcher (a term reader per segment), a block a few microseconds.
const (
	pruneFirstRound  = 8
	pruneRoundGrowth = 4
)

// pruneCacheWords is the most words whose bounds a snapshot keeps.
const pruneCacheWords = 64

// boundSlack widens every block's bound: the bound and bleve's score add and multiply the
// same numbers in another order, so they may differ in their last bits.
const boundSlack = 1e-9

// prunable is a search a pruned search answers: one word of free text, by relevance, with
// no filter, id or exclusion. Its clauses are bleve's: one per field, each a disjunction of
// the word's terms.
type prunable struct {
	word    string
	clauses []pruneClause
}

// pruneClause is the word in one field: its terms, and its boost.
type pruneClause struct {
	field string
	boost float64
	terms []string
}

// prunableOf returns what makes q's plan prunable, or false. The plan's free text must be
// exactly what [textQuery] builds for one word: a match on the text and one on the title
// (no phrase), on the terms of the query analyzer.
func prunableOf(q Query, p *plan, m mapping.IndexMapping) (prunable, bool) {
	if q.Sort != "" && q.Sort != SortRelevance {
		return prunable{}, false
	}
	if p.text == nil || len(p.must) != 1 || p.must[0] != p.text || !p.untyped ||
		len(p.should) > 0 || len(p.mustNot) > 0 || len(p.sentence) > 0 {
		return prunable{}, false
	}
	if im, ok := m.(*mapping.IndexMappingImpl); !ok || (im.ScoringModel != "" && im.ScoringModel != bindex.TFIDFScoring) {
		return prunable{}, false // the bounds are of tf-idf scores
	}
	dj, ok := p.text.(*query.DisjunctionQuery)
	if !ok || len(dj.Disjuncts) != 2 || dj.Min != 1 {
		return prunable{}, false
	}
	an := m.AnalyzerNamed(QueryAnalyzer)
	if an == nil {
		return prunable{}, false
	}
	pw := prunable{}
	for i, field := range []string{fieldText, fieldTitle} {
		mq, ok := dj.Disjuncts[i].(*query.MatchQuery)
		if !ok || mq.FieldVal != field || mq.Analyzer != QueryAnalyzer || mq.Fuzziness != 0 ||
			mq.Operator != query.MatchQueryOperatorOr || i > 0 && mq.Match != pw.word {
			return prunable{}, false
		}
		pw.word = mq.Match
		c := pruneClause{field: field, boost: mq.BoostVal.Value()}
		for _, tok := range an.Analyze([]byte(mq.Match)) {
			c.terms = append(c.terms, string(tok.Term))
		}
		if len(c.terms) == 0 {
			return prunable{}, false
		}
		pw.clauses = append(pw.clauses, c)
	}
	return pw, true
}

// weights returns what each term of the word weighs in bleve's score on r (idf × boost ×
// idf × query norm, clause by clause, term by term), and how many postings the word has
// in r's index.
func (pw prunable) weights(ctx context.Context, r bindex.IndexReader) ([][]float64, uint64, error) {
	docs, err := r.DocCount()
	if err != nil {
		return nil, 0, err
	}
	var sum float64
	var postings uint64
	idfs := make([][]float64, len(pw.clauses))
	for i, c := range pw.clauses {
		for _, t := range c.terms {
			// As bleve's term searcher asks (a [globalReader] counts every shard's postings
			// only for a reader that scores).
			tfr, err := r.TermFieldReader(ctx, []byte(t), c.field, true, true, false)
			if err != nil {
				return nil, 0, err
			}
			n := tfr.Count()
			_ = tfr.Close()
			idf := 1 + math.Log(float64(docs)/float64(n+1))
			idfs[i] = append(idfs[i], idf)
			sum += c.boost * idf * c.boost * idf
			postings += n
		}
	}
	norm := 1 / math.Sqrt(sum)
	ws := make([][]float64, len(pw.clauses))
	for i, c := range pw.clauses {
		for _, idf := range idfs[i] {
			ws[i] = append(ws[i], idf*(c.boost*idf*norm))
		}
	}
	return ws, postings, nil
}

// wordBounds is what a snapshot keeps of one word for pruned searches.
type wordBounds struct {
	weights [][]float64     // the weights the bounds are for
	hits    *roaring.Bitmap // the documents that hold the word in their text or title
	count   []uint32        // per block, how many of hits it holds
	bound   []float64       // per block, the highest score of a document of it, widened by boundSlack
}

// boundsOf returns the bounds of pw with weights ws in the snapshot, reading them when it
// holds none for these weights.
func (c *columns) boundsOf(ctx context.Context, pw prunable, ws [][]float64) (*wordBounds, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wb, ok := c.words[pw.word]; ok && slices.EqualFunc(wb.weights, ws, slices.Equal) {
		return wb, nil
	}
	wb, err := c.readBounds(ctx, pw, ws)
	if err != nil {
		return nil, err
	}
	if c.words == nil || len(c.words) >= pruneCacheWords {
		c.words = map[string]*wordBounds{} // a new set of words: the searches moved on
	}
	c.words[pw.word] = wb
	return wb, nil
}

// readBounds reads the postings of every term of pw at once, in document order, and scores
// each document as bleve would with weights ws.
func (c *columns) readBounds(ctx context.Context, pw prunable, ws [][]float64) (*wordBounds, error) {
	type cursor struct {
		tfr    bindex.TermFieldReader
		tfd    bindex.TermFieldDoc
		at     *bindex.TermFieldDoc
		n      uint32
		clause int
		weight float64
	}
	var cs []*cursor
	defer func() {
		for _, cu := range cs {
			_ = cu.tfr.Close()
		}
	}()
	next := func(cu *cursor) error {
		var err error
		if cu.at, err = cu.tfr.Next(cu.tfd.Reset()); err != nil || cu.at == nil {
			return err
		}
		cu.n, err = docNumber(cu.at.ID)
		return err
	}
	for i, cl := range pw.clauses {
		for j, t := range cl.terms {
			tfr, err := c.reader.TermFieldReader(ctx, []byte(t), cl.field, true, true, false)
			if err != nil {
				return nil, fmt.Errorf("reading the postings of %s:%s: %w", cl.field, t, err)
			}
			cu := &cursor{tfr: tfr, clause: i, weight: ws[i][j]}
			cs = append(cs, cu)
			if err := next(cu); err != nil {
				return nil, fmt.Errorf("reading the postings of %s:%s: %w", cl.field, t, err)
			}
		}
	}
	wb := &wordBounds{weights: ws, hits: roaring.New()}
	buf := make([]uint32, 0, 4096)
	sums := make([]float64, len(pw.clauses))
	held := make([]int, len(pw.clauses))
	for {
		n, any := uint32(math.MaxUint32), false
		for _, cu := range cs {
			if cu.at != nil && cu.n <= n {
				n, any = cu.n, true
			}
		}
		if !any {
			break
		}
		clear(sums)
		clear(held)
		for _, cu := range cs {
			if cu.at == nil || cu.n != n {
				continue
			}
			sums[cu.clause] += math.Sqrt(float64(cu.at.Freq)) * cu.at.Norm * cu.weight
			held[cu.clause]++
			if err := next(cu); err != nil {
				return nil, fmt.Errorf("reading the postings of %s: %w", pw.word, err)
			}
		}
		var score float64
		fields := 0
		for i, cl := range pw.clauses {
			if held[i] > 0 {
				score += sums[i] * float64(held[i]) / float64(len(cl.terms))
				fields++
			}
		}
		score *= float64(fields) / float64(len(pw.clauses))
		b := int(n / pruneBlock)
		for len(wb.bound) <= b {
			wb.bound = append(wb.bound, 0)
			wb.count = append(wb.count, 0)
		}
		wb.bound[b] = max(wb.bound[b], score*(1+boundSlack))
		wb.count[b]++
		if buf = append(buf, n); len(buf) == cap(buf) {
			wb.hits.AddMany(buf)
			buf = buf[:0]
		}
	}
	wb.hits.AddMany(buf)
	return wb, nil
}

// searchPruned answers a prunable search: each shard keeps its best hits from the blocks
// that can hold them, the hit sets are the word's postings. ok is false when the word is
// too rare for pruning to pay; nothing ran then.
func (ix *Index) searchPruned(ctx context.Context, q Query, pw prunable, req *bleve.SearchRequest, facets []facetSpec) (hits search.DocumentMatchCollection, total uint64, counts map[string][]FacetCount, ok bool, err error) {
	req.SortBy([]string{"-_score"}) // ties by id, as mergeResults breaks them
	hcs := ix.newCollectors(ctx, facets)
	keep := q.Offset + q.Limit
	results := make([]*bleve.SearchResult, len(ix.shards))
	err = ix.withReaders(func(rs []bindex.IndexReader) error {
		grs, err := globalReaders(rs)
		if err != nil {
			return err
		}
		ws, postings, err := pw.weights(ctx, grs[0])
		if err != nil {
			return err
		}
		at := ix.pruneAt
		if at == 0 {
			at = pruneMinPostings
		}
		if postings < at {
			return nil
		}
		ok = true
		return ix.eachShard(func(i int, s *shard) error {
			res, err := pruneShard(ctx, pw, ws, req, keep, hcs[i], rs[i], grs[i], s)
			if err != nil {
				return ix.shardError(i, err)
			}
			results[i] = res
			return nil
		})
	})
	if err != nil || !ok {
		return nil, 0, nil, ok, err
	}
	res := mergeResults(req, results)
	return res.Hits, res.Total, mergeCounts(facets, hcs), true, nil
}

// pruneShard finds the best keep hits of one shard (snapshot snap, searched through r, which
// scores as the whole index does) and counts hc's facets against the word's documents.
func pruneShard(ctx context.Context, pw prunable, ws [][]float64, req *bleve.SearchRequest, keep int, hc *hitCollector, snap, r bindex.IndexReader, s *shard) (*bleve.SearchResult, error) {
	cols := s.columnsFor(snap)
	wb, err := cols.boundsOf(ctx, pw, ws)
	if err != nil {
		return nil, err
	}
	hc.hits, hc.keep, hc.byScore = wb.hits, keep, true
	hc.best = bestHits{cols: cols, ctx: ctx}
	if err := hc.countFacets(cols); err != nil {
		return nil, err
	}
	res := &bleve.SearchResult{Total: wb.hits.GetCardinality()}
	if keep <= 0 || wb.hits.IsEmpty() {
		return res, nil
	}
	bounds := wb.bound
	blocks := make([]int, 0, len(wb.count))
	for b := range wb.count {
		if wb.count[b] > 0 {
			blocks = append(blocks, b)
		}
	}
	// Blocks in order of bound, in rounds: the first holds a page of hits and at least
	// pruneFirstRound blocks, each next one up to pruneRoundGrowth times as many. A round
	// is one searcher, which only moves forward, so its blocks are scored in document
	// order. Once the worst kept hit scores above the next block's bound, no block left can
	// hold a better one.
	slices.SortFunc(blocks, func(a, b int) int {
		if c := cmp.Compare(bounds[b], bounds[a]); c != 0 {
			return c
		}
		return a - b
	})
	below := func(b int) bool { return len(hc.best.ms) >= keep && bounds[b] < hc.best.ms[0].Score }
	for next, size := 0, pruneFirstRound; next < len(blocks) && !below(blocks[next]); {
		end, held := next, 0
		for end < len(blocks) && (held < keep || end-next < size) && !below(blocks[end]) {
			held += int(wb.count[blocks[end]])
			end++
		}
		round := slices.Clone(blocks[next:end])
		slices.Sort(round)
		if err := scoreBlocks(ctx, req, r, s, hc, round, below); err != nil {
			return nil, err
		}
		size = pruneRoundGrowth * (end - next)
		next = end
	}
	if err := hc.best.err; err != nil {
		return nil, err
	}
	// The kept hits as bleve returns them: ids and stored fields.
	for _, d := range hc.best.ms {
		if d.ID, err = r.ExternalID(d.IndexInternalID); err != nil {
			return nil, fmt.Errorf("reading document ids: %w", err)
		}
		if err, _ := bleve.LoadAndHighlightAllFields(d, req, "", r, nil); err != nil {
			return nil, err
		}
		res.MaxScore = max(res.MaxScore, d.Score)
	}
	res.Hits = hc.best.ms
	hc.best.ms, hc.best.nums = nil, nil
	return res, nil
}

// scoreBlocks scores with bleve's own searcher of req on r every hit in the blocks (in
// increasing order) that skip, when not nil, does not rule out at the time, and hands each
// to hc's best hits.
func scoreBlocks(ctx context.Context, req *bleve.SearchRequest, r bindex.IndexReader, s *shard, hc *hitCollector, blocks []int, skip func(b int) bool) (err error) {
	if len(blocks) == 0 {
		return nil
	}
	sr, err := req.Query.Searcher(ctx, r, s.bi.Mapping(), search.SearcherOptions{Score: req.Score})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := sr.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	sc := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+hc.keep+1, 0),
		IndexReader:       r,
	}
	// cur is the searcher's last hit, not yet handed on: the first of a later block, or nil.
	var cur *search.DocumentMatch
	var curN uint32
	started := false
	for _, b := range blocks {
		if skip != nil && skip(b) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		lo, hi := uint32(b)*pruneBlock, uint32(b+1)*pruneBlock
		if !started || cur != nil && curN < lo {
			if cur != nil {
				sc.DocumentMatchPool.Put(cur)
			}
			if cur, err = sr.Advance(sc, internalID(lo)); err != nil {
				return err
			}
			started = true
		}
		for cur != nil {
			if curN, err = docNumber(cur.IndexInternalID); err != nil {
				return err
			}
			if curN >= hi {
				break
			}
			hc.scored++
			if err := hc.keepBest(sc, cur, curN); err != nil {
				return err
			}
			if cur, err = sr.Next(sc); err != nil {
				return err
			}
		}
		if cur == nil {
			return nil // the searcher has no hit left
		}
	}
	if cur != nil {
		sc.DocumentMatchPool.Put(cur)
	}
	return nil
}
