package index

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A search of an index of several shards runs on every shard at once, each on a snapshot
// that answers the two statistics tf-idf reads — the number of documents and a term's
// document frequency — for the whole index ([globalReader]). A hit then scores what it
// would in one index of every document, whatever the number of shards, and the hits of
// all shards merge by score (or the search's order) and then id. An index of one shard is
// searched by bleve as it always was.

// globalReader is one shard's snapshot, seen by bleve's searchers with the statistics of
// the whole index. It embeds the snapshot itself so that every optional reader interface
// (regexp and fuzzy dictionaries, the optimisations of term readers) stays available.
type globalReader struct {
	*scorch.IndexSnapshot
	others []*scorch.IndexSnapshot // the other shards' snapshots of the same search
	all    []*scorch.IndexSnapshot // every shard's, this one first
	docs   uint64                  // the documents of every shard
}

// DocCount is the number of documents of the whole index.
func (g *globalReader) DocCount() (uint64, error) { return g.docs, nil }

// TermFieldReader reads the term's postings in this shard; when the search scores (freq
// is asked for), the reader's count is the term's document frequency in every shard.
func (g *globalReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	tfr, err := g.IndexSnapshot.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil || !freq {
		return tfr, err
	}
	inner, ok := tfr.(*scorch.IndexSnapshotTermFieldReader)
	if !ok {
		return tfr, nil
	}
	count := inner.Count()
	for _, o := range g.others {
		r, err := o.TermFieldReader(ctx, term, field, false, false, false)
		if err != nil {
			_ = tfr.Close()
			return nil, err
		}
		count += r.Count()
		_ = r.Close()
	}
	return &globalTermReader{IndexSnapshotTermFieldReader: inner, count: count}, nil
}

// globalTermReader is a shard's postings of a term with the term's document frequency in
// the whole index.
type globalTermReader struct {
	*scorch.IndexSnapshotTermFieldReader
	count uint64
}

// Count is the term's document frequency in every shard.
func (t *globalTermReader) Count() uint64 { return t.count }

// A term that expands to the terms of the dictionary (wildcards, regexps, fuzzy terms,
// prefixes, term and numeric ranges) expands to those of every shard: each shard's search
// then holds the same terms, weighs them the same and scores its hits as one index would.
// A term that only other shards hold finds no document here.

// FieldDict is the union of the field's terms in every shard.
func (g *globalReader) FieldDict(field string) (bindex.FieldDict, error) {
	return g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) { return s.FieldDict(field) })
}

// FieldDictRange is the union of every shard's terms of the field in the range.
func (g *globalReader) FieldDictRange(field string, lo, hi []byte) (bindex.FieldDict, error) {
	return g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) { return s.FieldDictRange(field, lo, hi) })
}

// FieldDictPrefix is the union of every shard's terms of the field with the prefix.
func (g *globalReader) FieldDictPrefix(field string, prefix []byte) (bindex.FieldDict, error) {
	return g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) { return s.FieldDictPrefix(field, prefix) })
}

// FieldDictRegexpAutomaton is the union of every shard's terms of the field that match.
func (g *globalReader) FieldDictRegexpAutomaton(field, pattern string) (bindex.FieldDict, bindex.RegexAutomaton, error) {
	var a bindex.RegexAutomaton
	d, err := g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) {
		d, sa, err := s.FieldDictRegexpAutomaton(field, pattern)
		if a == nil {
			a = sa
		}
		return d, err
	})
	return d, a, err
}

// FieldDictFuzzyAutomaton is the union of every shard's terms of the field within the
// edit distance.
func (g *globalReader) FieldDictFuzzyAutomaton(field, term string, fuzziness int, prefix string) (bindex.FieldDict, bindex.FuzzyAutomaton, error) {
	var a bindex.FuzzyAutomaton
	d, err := g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) {
		d, sa, err := s.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
		if a == nil {
			a = sa
		}
		return d, err
	})
	return d, a, err
}

// FieldDictRegexp is the union of every shard's terms of the field that match.
func (g *globalReader) FieldDictRegexp(field, pattern string) (bindex.FieldDict, error) {
	return g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) { return s.FieldDictRegexp(field, pattern) })
}

// FieldDictFuzzy is the union of every shard's terms of the field within the edit distance.
func (g *globalReader) FieldDictFuzzy(field, term string, fuzziness int, prefix string) (bindex.FieldDict, error) {
	return g.union(func(s *scorch.IndexSnapshot) (bindex.FieldDict, error) {
		return s.FieldDictFuzzy(field, term, fuzziness, prefix)
	})
}

// FieldDictContains says whether any shard holds a term of the field.
func (g *globalReader) FieldDictContains(field string) (bindex.FieldDictContains, error) {
	var ds []bindex.FieldDictContains
	for _, s := range g.all {
		d, err := s.FieldDictContains(field)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return anyContains(ds), nil
}

// anyContains is a dictionary that holds what any of its dictionaries holds.
type anyContains []bindex.FieldDictContains

func (a anyContains) Contains(key []byte) (bool, error) {
	for _, d := range a {
		if ok, err := d.Contains(key); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

func (a anyContains) BytesRead() uint64 {
	var n uint64
	for _, d := range a {
		n += d.BytesRead()
	}
	return n
}

// union merges the dictionaries open makes of every shard into one, in term order, each
// term once with its counts added up. It reads them as it goes: a limit that stops after
// so many terms reads no more of any.
func (g *globalReader) union(open func(s *scorch.IndexSnapshot) (bindex.FieldDict, error)) (bindex.FieldDict, error) {
	u := &unionDict{}
	for _, s := range g.all {
		d, err := open(s)
		if err == nil {
			u.dicts = append(u.dicts, d)
			var e *bindex.DictEntry
			if e, err = d.Next(); err == nil {
				u.heads = append(u.heads, e)
			}
		}
		if err != nil {
			_ = u.Close()
			return nil, err
		}
	}
	return u, nil
}

// unionDict is a k-way merge of the shards' dictionaries: heads[i] is the next entry of
// dicts[i], nil when it has no more.
type unionDict struct {
	dicts []bindex.FieldDict
	heads []*bindex.DictEntry
	cur   bindex.DictEntry
}

func (u *unionDict) Next() (*bindex.DictEntry, error) {
	first := -1
	for i, h := range u.heads {
		if h != nil && (first < 0 || h.Term < u.heads[first].Term) {
			first = i
		}
	}
	if first < 0 {
		return nil, nil
	}
	u.cur = *u.heads[first]
	u.cur.Count = 0
	for i, h := range u.heads {
		if h == nil || h.Term != u.cur.Term {
			continue
		}
		u.cur.Count += h.Count
		next, err := u.dicts[i].Next()
		if err != nil {
			return nil, err
		}
		u.heads[i] = next
	}
	return &u.cur, nil
}

func (u *unionDict) Close() error {
	var first error
	for _, d := range u.dicts {
		if err := d.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Cardinality is what the shards' dictionaries say, added up: terms that several shards
// hold count once for each (bleve reads it as an estimate).
func (u *unionDict) Cardinality() int {
	n := 0
	for _, d := range u.dicts {
		n += d.Cardinality()
	}
	return n
}

func (u *unionDict) BytesRead() uint64 {
	var n uint64
	for _, d := range u.dicts {
		n += d.BytesRead()
	}
	return n
}

// snapshots opens a reader of every shard's current snapshot; release closes them.
func (ix *Index) snapshots() (rs []bindex.IndexReader, release func(), err error) {
	release = func() {
		for _, r := range rs {
			_ = r.Close()
		}
	}
	for _, s := range ix.shards {
		adv, err := s.bi.Advanced()
		if err != nil {
			release()
			return nil, nil, err
		}
		r, err := adv.Reader()
		if err != nil {
			release()
			return nil, nil, err
		}
		rs = append(rs, r)
	}
	return rs, release, nil
}

// globalReaders wraps each shard's snapshot in a [globalReader]. A reader that is not a
// scorch snapshot (none is, today) is searched with its own statistics.
func globalReaders(rs []bindex.IndexReader) ([]bindex.IndexReader, error) {
	snaps := make([]*scorch.IndexSnapshot, len(rs))
	var docs uint64
	for i, r := range rs {
		n, err := r.DocCount()
		if err != nil {
			return nil, err
		}
		docs += n
		snaps[i], _ = r.(*scorch.IndexSnapshot)
	}
	out := make([]bindex.IndexReader, len(rs))
	for i, r := range rs {
		if snaps[i] == nil {
			out[i] = r
			continue
		}
		g := &globalReader{IndexSnapshot: snaps[i], docs: docs, all: []*scorch.IndexSnapshot{snaps[i]}}
		for j, o := range snaps {
			if j != i && o != nil {
				g.others = append(g.others, o)
				g.all = append(g.all, o)
			}
		}
		out[i] = g
	}
	return out, nil
}

// runSearch runs req on one reader as bleve's own search does for the requests of this
// package (no kNN, highlighting or bleve facets): the searcher, the top-n collection (with
// any document match handler in ctx) and the stored fields of the hits.
func runSearch(ctx context.Context, req *bleve.SearchRequest, r bindex.IndexReader, ix bleve.Index) (res *bleve.SearchResult, err error) {
	if req.Facets != nil || req.Highlight != nil {
		return nil, errors.New("a search of several shards counts facets itself and highlights nothing")
	}
	s, err := req.Query.Searcher(ctx, r, ix.Mapping(), search.SearcherOptions{
		IncludeTermVectors: req.IncludeLocations,
		Score:              req.Score,
	})
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := s.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	coll := collector.NewTopNCollector(req.Size, req.From, req.Sort)
	if err := coll.Collect(ctx, s, r); err != nil {
		return nil, err
	}
	hits := coll.Results()
	for _, h := range hits {
		if err, _ := bleve.LoadAndHighlightAllFields(h, req, "", r, nil); err != nil {
			return nil, err
		}
	}
	return &bleve.SearchResult{Hits: hits, Total: coll.Total(), MaxScore: coll.MaxScore()}, nil
}

// searchShards runs req on every shard at once and merges what they find: the hits in
// req's order (ties by id), then req's page of them; totals added up. ctxFor, when not nil,
// gives the context of each shard's search (a document match handler of its own).
func (ix *Index) searchShards(ctx context.Context, req *bleve.SearchRequest, ctxFor func(i int) context.Context) (*bleve.SearchResult, error) {
	if len(ix.shards) == 1 {
		c := ctx
		if ctxFor != nil {
			c = ctxFor(0)
		}
		return ix.shards[0].bi.SearchInContext(c, req)
	}
	rs, release, err := ix.snapshots()
	if err != nil {
		return nil, err
	}
	defer release()
	grs, err := globalReaders(rs)
	if err != nil {
		return nil, err
	}
	// Each shard finds the first From+Size hits of its own; the page is cut after merging.
	sub := *req
	sub.From, sub.Size = 0, req.From+req.Size
	results := make([]*bleve.SearchResult, len(ix.shards))
	err = ix.eachShard(func(i int, s *shard) error {
		c := ctx
		if ctxFor != nil {
			c = ctxFor(i)
		}
		// A sort order keeps what it reads of each hit in itself: one copy per shard.
		mine := sub
		mine.Sort = sub.Sort.Copy()
		res, err := runSearch(c, &mine, grs[i], s.bi)
		if err != nil {
			return ix.shardError(i, err)
		}
		results[i] = res
		return nil
	})
	if err != nil {
		return nil, err
	}
	return mergeResults(req, results), nil
}

// mergeResults merges the results of every shard for req: hits in req's order, ties by id
// (ids are unique across shards), then req's page.
func mergeResults(req *bleve.SearchRequest, results []*bleve.SearchResult) *bleve.SearchResult {
	out := &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1}}
	for _, r := range results {
		out.Hits = append(out.Hits, r.Hits...)
		out.Total += r.Total
		out.MaxScore = max(out.MaxScore, r.MaxScore)
	}
	out.Hits = sortHitsBy(req.Sort, out.Hits)
	from := min(req.From, len(out.Hits))
	out.Hits = out.Hits[from:min(from+req.Size, len(out.Hits))]
	return out
}

// sortHitsBy sorts hits in the order so, ties by id. (bleve's SortOrder.Compare breaks
// ties by hit number, which means nothing across shards.)
func sortHitsBy(so search.SortOrder, hits search.DocumentMatchCollection) search.DocumentMatchCollection {
	scoring, desc := so.CacheIsScore(), so.CacheDescending()
	slices.SortStableFunc(hits, func(a, b *search.DocumentMatch) int {
		for x := range so {
			c := 0
			if scoring[x] {
				// As bleve compares scores: NaN (a search of filters alone) ties.
				if a.Score < b.Score {
					c = -1
				} else if a.Score > b.Score {
					c = 1
				}
			} else {
				c = strings.Compare(a.Sort[x], b.Sort[x])
			}
			if c != 0 {
				if desc[x] {
					return -c
				}
				return c
			}
		}
		return strings.Compare(a.ID, b.ID)
	})
	return hits
}
