package index

import (
	"fmt"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// TestMergeCap: bleve's merges of a shard never make a segment of more than maxSegmentDocs
// documents. Every one-document write is a segment, and the merger gathers ten at a time,
// so without the cap 300 writes become segments of 100 and more.
func TestMergeCap(t *testing.T) {
	defer func(old int) { maxSegmentDocs = old }(maxSegmentDocs)
	maxSegmentDocs = 40
	ix, err := Create(t.TempDir()+"/index", oneShard(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	bi := ix.shards[0].bi
	const writes = 300
	for i := range writes {
		id := fmt.Sprintf("d%03d", i)
		if err := bi.Index(id, map[string]interface{}{fieldType: typeDoc, "text": "merge cap test " + id}); err != nil {
			t.Fatal(err)
		}
	}
	// Wait for the merger to gather the segments (it works in the background).
	var sizes []uint64
	for deadline := time.Now().Add(20 * time.Second); ; {
		sizes = segmentSizes(t, ix)
		if len(sizes) <= writes/maxSegmentDocs*3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(sizes) > writes/maxSegmentDocs*3 {
		t.Fatalf("%d segments after 20 s: the merger did not run", len(sizes))
	}
	var total uint64
	for _, n := range sizes {
		total += n
		if n > uint64(maxSegmentDocs) {
			t.Errorf("a segment of %d documents, over the cap of %d (segments %v)", n, maxSegmentDocs, sizes)
		}
	}
	if total != writes {
		t.Errorf("segments hold %d documents, want %d", total, writes)
	}
}

// segmentSizes returns the live documents of each segment of the index's first shard.
func segmentSizes(t *testing.T, ix *Index) []uint64 {
	t.Helper()
	rs, release, err := ix.snapshots()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	snap, ok := rs[0].(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader %T is no scorch snapshot", rs[0])
	}
	var sizes []uint64
	for _, ss := range snap.Segments() {
		sizes = append(sizes, ss.Count())
	}
	return sizes
}
