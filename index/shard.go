package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
)

// shardsFile, in the folder of an index of two shards or more, says how many it has; each
// shard is a bleve index in a folder of its own ([shardDir]). An index of one shard is the
// bleve index in the folder itself, as every index was before shards: such an index keeps
// opening as it is.
const shardsFile = "trialtag_shards.json"

// MaxShards bounds the shard count of an index: what a user may ask for, and what a shards
// file may say.
const MaxShards = 256

// shard is one bleve index of an [Index]: a folder with its own store, lock, write
// generation, commit record and columns. Every document lives in one shard with its
// sentence documents ([Index.shardOf]).
type shard struct {
	dir string // the shard's folder: the index's own folder when it has one shard
	bi  bleve.Index
	gen uint64 // the write generation the shard holds: opened at, then last written (atomic)

	// cols are the facet bitmaps and id order of the shard's snapshot searched last.
	cols atomic.Pointer[columns]
}

// shardsJSON is the JSON of [shardsFile].
type shardsJSON struct {
	Shards int `json:"shards"`
}

// shardDir is the folder of shard i of an index of several shards.
func shardDir(dir string, i int) string {
	return filepath.Join(dir, fmt.Sprintf("shard-%d", i))
}

// defaultShards is the shard count of an index created without one: one per core, since
// a search runs on every shard at once.
func defaultShards() int {
	return min(runtime.NumCPU(), MaxShards)
}

// shardDirs returns the folders of the shards of the index in dir: dir itself for an
// index of one shard, or those its shards file names. It returns none for a folder with
// neither (or no folder), and [ErrCorrupt] for a shards file that cannot be read or that
// is missing beside shard folders.
func shardDirs(dir string) ([]string, error) {
	if !isDir(dir) {
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, bleveMetaFile)); err == nil {
		return []string{dir}, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, shardsFile))
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := os.Stat(filepath.Join(shardDir(dir, 0), bleveMetaFile)); serr == nil {
			return nil, fmt.Errorf("%w: %s is missing beside the shard folders", ErrCorrupt, shardsFile)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, shardsFile, err)
	}
	var sj shardsJSON
	if err := json.Unmarshal(b, &sj); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCorrupt, shardsFile, err)
	}
	if sj.Shards < 2 || sj.Shards > MaxShards {
		return nil, fmt.Errorf("%w: %s: %d shards", ErrCorrupt, shardsFile, sj.Shards)
	}
	dirs := make([]string, sj.Shards)
	for i := range dirs {
		dirs[i] = shardDir(dir, i)
	}
	return dirs, nil
}

// writeShardsFile records n shards in dir, synced before any shard is made: a folder with
// shard folders but no shards file would not open as an index at all.
func writeShardsFile(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, _ := json.Marshal(shardsJSON{Shards: n})
	f, err := os.Create(filepath.Join(dir, shardsFile))
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// shardKey is the id a bleve document is routed by: a sentence document's parent, so that
// a document and its sentences share a shard.
func shardKey(id string) string {
	if p, ok := parentOf(id); ok {
		return p
	}
	return id
}

// shardOf returns the shard that holds (or will hold) the bleve document id: FNV-1a of
// the document's id modulo the shard count, fixed at creation.
func (ix *Index) shardOf(id string) *shard {
	if len(ix.shards) == 1 {
		return ix.shards[0]
	}
	h := fnv.New32a()
	h.Write([]byte(shardKey(id)))
	return ix.shards[h.Sum32()%uint32(len(ix.shards))]
}

// shardBatch is a write to every shard: each bleve document goes to the batch of its
// shard, an internal value to all of them.
type shardBatch struct {
	ix *Index
	bs map[*shard]*bleve.Batch
}

// newBatch starts an empty write to the index's shards.
func (ix *Index) newBatch() *shardBatch {
	b := &shardBatch{ix: ix, bs: make(map[*shard]*bleve.Batch, len(ix.shards))}
	for _, s := range ix.shards {
		b.bs[s] = s.bi.NewBatch()
	}
	return b
}

// Index adds (or replaces) the bleve document id.
func (b *shardBatch) Index(id string, data any) error {
	return b.bs[b.ix.shardOf(id)].Index(id, data)
}

// Delete removes the bleve document id.
func (b *shardBatch) Delete(id string) { b.bs[b.ix.shardOf(id)].Delete(id) }

// SetInternal sets an internal value in every shard.
func (b *shardBatch) SetInternal(key, val []byte) {
	for _, bb := range b.bs {
		bb.SetInternal(key, val)
	}
}

// Size counts the documents and deletions of the write, across shards.
func (b *shardBatch) Size() int {
	n := 0
	for _, bb := range b.bs {
		n += bb.Size()
	}
	return n
}

// Reset empties the write.
func (b *shardBatch) Reset() {
	for _, bb := range b.bs {
		bb.Reset()
	}
}

// execute writes each shard's batch, all at once, with the write generation gen. The error
// is that of the first shard in order that failed; the others are written all the same
// (each shard is consistent alone: a document and its sentences share one shard's batch),
// and a shard records gen only once its batch is written.
func (b *shardBatch) execute(gen uint64) error {
	g := []byte(strconv.FormatUint(gen, 10))
	return b.ix.eachShard(func(i int, s *shard) error {
		bb := b.bs[s]
		bb.SetInternal([]byte(genKey), g)
		if err := s.bi.Batch(bb); err != nil {
			return b.ix.shardError(i, err)
		}
		atomic.StoreUint64(&s.gen, gen)
		return nil
	})
}

// shardError names shard i in err when the index has several.
func (ix *Index) shardError(i int, err error) error {
	if len(ix.shards) > 1 {
		return fmt.Errorf("shard %d: %w", i, err)
	}
	return err
}

// eachShard runs f on every shard at once and returns the error of the first shard in
// order that failed.
func (ix *Index) eachShard(f func(i int, s *shard) error) error {
	if len(ix.shards) == 1 {
		return f(0, ix.shards[0])
	}
	errs := make([]error, len(ix.shards))
	var wg sync.WaitGroup
	for i, s := range ix.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[i] = fmt.Errorf("%w: %v", ErrCorrupt, r)
				}
			}()
			errs[i] = f(i, s)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
