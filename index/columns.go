package index

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/trialtag/trialtag/classifier"
)

// columns is what searches keep of one snapshot of the index, built the first time a
// search needs it and dropped with the snapshot: for each facet field, the documents that
// carry each value as a bitmap of bleve's internal document numbers, and the order of the
// documents' ids. Facet counts are then intersections with a search's hit set, not a visit
// of every hit's doc values, and ties in score are broken by id without loading the id of
// every hit. A snapshot never changes, so neither does what is built from it.
type columns struct {
	reader bindex.IndexReader // the snapshot: identity only, its owner closes it

	mu    sync.Mutex
	terms map[string]*termColumn
	ranks *rankColumn
	words map[string]*wordBounds // the bounds of pruned searches (prune.go)
}

// termColumn is one facet field of a snapshot: its values in order (terms of a keyword
// field, or numbers of a numeric one), each with its documents.
type termColumn struct {
	values []string  // keyword fields
	nums   []float64 // numeric fields
	docs   []*roaring.Bitmap
}

// rankColumn orders the trialtag documents of a snapshot by id: rank[n] is the place in
// id order of the document whose internal number is n (MaxUint32 for sentence documents).
// A dense array, four bytes per bleve document, because ties are looked up per hit.
type rankColumn struct {
	rank  []uint32
	docs  *roaring.Bitmap // the documents (not their sentences)
	order []uint32        // the documents' internal numbers in id order
}

// columnsFor returns the columns of the shard's snapshot r, making them when r is not the
// snapshot of the last ones. A [globalReader] stands for the snapshot it wraps: columns
// count within the shard.
func (s *shard) columnsFor(r bindex.IndexReader) *columns {
	if g, ok := r.(*globalReader); ok {
		r = g.IndexSnapshot
	}
	if c := s.cols.Load(); c != nil && c.reader == r {
		return c
	}
	c := &columns{reader: r, terms: map[string]*termColumn{}}
	s.cols.Store(c)
	return c
}

// internalID is bleve's internal id of document number n (scorch: 8 bytes, big-endian).
func internalID(n uint32) bindex.IndexInternalID {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	return b[:]
}

// docNumber reads bleve's internal document number (scorch: 8 bytes, big-endian).
func docNumber(id bindex.IndexInternalID) (uint32, error) {
	if len(id) != 8 {
		return 0, fmt.Errorf("%w: an internal document id of %d bytes", ErrCorrupt, len(id))
	}
	n := binary.BigEndian.Uint64(id)
	if n > math.MaxUint32 {
		return 0, fmt.Errorf("internal document number %d is past what one shard can count (%d)", n, uint32(math.MaxUint32))
	}
	return uint32(n), nil
}

// field returns the column of a facet field, reading it from the snapshot the first time.
// numericField reads prefix-coded numbers (only their full-precision terms).
func (c *columns) field(ctx context.Context, name string, numericField bool) (*termColumn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if tc, ok := c.terms[name]; ok {
		return tc, nil
	}
	dict, err := c.reader.FieldDict(name)
	if err != nil {
		return nil, fmt.Errorf("reading the values of %s: %w", name, err)
	}
	defer dict.Close()
	tc := &termColumn{}
	for {
		de, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("reading the values of %s: %w", name, err)
		}
		if de == nil {
			break
		}
		if numericField {
			pc := numeric.PrefixCoded(de.Term)
			if shift, err := pc.Shift(); err != nil || shift != 0 {
				continue // a coarser term of the same numbers
			}
			i, err := pc.Int64()
			if err != nil {
				continue
			}
			tc.nums = append(tc.nums, numeric.Int64ToFloat64(i))
		} else {
			tc.values = append(tc.values, de.Term)
		}
		bm, err := c.postings(ctx, name, de.Term)
		if err != nil {
			return nil, err
		}
		tc.docs = append(tc.docs, bm)
	}
	c.terms[name] = tc
	return tc, nil
}

// postings returns the documents that hold term in field.
func (c *columns) postings(ctx context.Context, field, term string) (*roaring.Bitmap, error) {
	tfr, err := c.reader.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return nil, fmt.Errorf("reading the documents of %s:%s: %w", field, term, err)
	}
	defer tfr.Close()
	bm := roaring.New()
	var buf []uint32
	var tfd bindex.TermFieldDoc
	for {
		d, err := tfr.Next(tfd.Reset())
		if err != nil {
			return nil, fmt.Errorf("reading the documents of %s:%s: %w", field, term, err)
		}
		if d == nil {
			break
		}
		n, err := docNumber(d.ID)
		if err != nil {
			return nil, err
		}
		if buf = append(buf, n); len(buf) == cap(buf) && len(buf) >= 4096 {
			bm.AddMany(buf)
			buf = buf[:0]
		}
	}
	bm.AddMany(buf)
	return bm, nil
}

// rankTable returns the id order of the snapshot's documents, building it the first time
// it is asked.
func (c *columns) rankTable(ctx context.Context) (*rankColumn, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ranks != nil {
		return c.ranks, nil
	}
	docs, err := c.postings(ctx, fieldType, typeDoc)
	if err != nil {
		return nil, err
	}
	if docs.IsEmpty() {
		c.ranks = &rankColumn{docs: docs}
		return c.ranks, nil
	}
	type entry struct {
		id string
		n  uint32
	}
	entries := make([]entry, 0, docs.GetCardinality())
	it := docs.Iterator()
	for it.HasNext() {
		n := it.Next()
		id, err := c.reader.ExternalID(internalID(n))
		if err != nil {
			return nil, fmt.Errorf("reading document ids: %w", err)
		}
		entries = append(entries, entry{id, n})
	}
	sort.Slice(entries, func(a, b int) bool { return entries[a].id < entries[b].id })
	rank := make([]uint32, docs.Maximum()+1)
	for i := range rank {
		rank[i] = math.MaxUint32
	}
	order := make([]uint32, len(entries))
	for r, e := range entries {
		rank[e.n] = uint32(r)
		order[r] = e.n
	}
	c.ranks = &rankColumn{rank: rank, docs: docs, order: order}
	return c.ranks, nil
}

// of returns the id order of the document n (documents the table does not know, which a
// search of documents never finds, come last).
func (rc *rankColumn) of(n uint32) uint32 {
	if int(n) >= len(rc.rank) {
		return math.MaxUint32
	}
	return rc.rank[n]
}

// termCounts counts hits per value of a column: the most frequent first (ties by value),
// at most size, values no hit has left out.
func (tc *termColumn) termCounts(hits *roaring.Bitmap, size int) []FacetCount {
	out := []FacetCount{}
	for i, bm := range tc.docs {
		if n := hits.AndCardinality(bm); n > 0 {
			out = append(out, FacetCount{Value: tc.values[i], Count: int(n)})
		}
	}
	return topCounts(out, size)
}

// topCounts sorts counts the most frequent first (ties by value) and keeps at most size.
func topCounts(out []FacetCount, size int) []FacetCount {
	slices.SortFunc(out, func(a, b FacetCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
	if len(out) > size {
		out = out[:size]
	}
	return out
}

// atLeastCounts counts the hits whose number is at least 1, 2, … 5: the grade range
// facets ("≥1" … "≥5"), in that order, ranges no hit falls in left out.
func (tc *termColumn) atLeastCounts(hits *roaring.Bitmap) []FacetCount {
	out := []FacetCount{}
	for n := 1; n <= 5; n++ {
		count := 0
		for i, bm := range tc.docs {
			if tc.nums[i] >= float64(n) {
				count += int(hits.AndCardinality(bm))
			}
		}
		if count > 0 {
			out = append(out, FacetCount{Value: fmt.Sprintf("≥%d", n), Count: count})
		}
	}
	return out
}

// Warm reads what searches of the index's current state count on (the documents of every
// facet value, the documents' id order) so that the first user's search does not wait for
// it: on a million documents, about a second. It is a search of every document, counting
// every facet; a server calls it once it has opened the index. An index written after it
// is read again by the first search that follows.
func (ix *Index) Warm(ctx context.Context) error {
	facets := append(append([]string{}, MetaFacets...), "crs_grade"+rangeFacetSuffix, "icans_grade"+rangeFacetSuffix)
	for _, f := range classifier.Facets() {
		facets = append(facets, f.Name)
	}
	_, err := ix.Search(ctx, Query{Facets: facets, Limit: 1, Sentences: 1})
	return err
}
