package index

import (
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// releaseEvery is how often a writer gives back the pages of segment files it has read.
const releaseEvery = 100 * time.Millisecond

// Writing an index reads its segment files through memory maps: bleve merges segments in
// the background, reading each input whole. Every page read stays in the process's
// resident set until the file is unmapped, so on a large index the merges of big segments
// put gigabytes of file pages into the writer's RSS (a million records: 0.8 GB with one
// shard, 2 GB with two merging at once), although they are the kernel's page cache, not
// memory the process owns. While it writes, an Index drops its mappings of those pages
// every releaseEvery (madvise MADV_DONTNEED on the read-only maps: the pages stay in the
// page cache, and a read that needs one again finds it there), so that its RSS follows its
// batch, not its corpus. A segment is only released while a snapshot that holds it is
// open, so its map cannot go away meanwhile.

// releaseSegmentPages drops the process's mappings of the pages of every segment file of
// every shard's current snapshot.
func (ix *Index) releaseSegmentPages() {
	_ = ix.guard(func() error {
		rs, release, err := ix.snapshots()
		if err != nil {
			return err
		}
		defer release()
		for _, r := range rs {
			snap, ok := r.(*scorch.IndexSnapshot)
			if !ok {
				continue
			}
			for _, ss := range snap.Segments() {
				if m, ok := ss.Segment().(interface{ Data() []byte }); ok {
					releaseMapped(m.Data())
				}
			}
		}
		return nil
	})
}

// releasingPages runs releaseSegmentPages every releaseEvery until stop is called.
func (ix *Index) releasingPages() (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(releaseEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ix.releaseSegmentPages()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
