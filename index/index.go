package index

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Errors that Create, Open and the methods of [Index] wrap; test for them with [errors.Is].
var (
	// ErrNotIndex: the folder does not exist, or holds no index, or a bleve index that
	// trialtag did not build.
	ErrNotIndex = errors.New("not a trialtag index")
	// ErrCorrupt: the index files are damaged. Open never repairs or rebuilds an index; it
	// leaves the files as they are for the user to inspect, remove ([Remove]) or restore.
	ErrCorrupt = errors.New("index is corrupt")
	// ErrLocked: another Index value, in this process or another, has the index open.
	ErrLocked = errors.New("index is locked by another process (or another open Index)")
	// ErrExists: Create was given a folder that exists and is not empty.
	ErrExists = errors.New("folder exists and is not empty")
	// ErrStale: the index was built with another mapping version and must be rebuilt.
	ErrStale = errors.New("index was built with another mapping version; rebuild it")
	// ErrRulesChanged: documents were to be tagged with rules other than those the index
	// records; call [Index.SetMeta] first (the next update then re-tags every document).
	ErrRulesChanged = errors.New("the rules differ from those the index was built with")
	// ErrNotFound: no document has the id.
	ErrNotFound = errors.New("document not found")
	// ErrBadQuery: a query or filter cannot be run (unknown facet, bad syntax).
	ErrBadQuery = errors.New("bad query")
	// ErrReadOnly: a write to an Index opened with [OpenReadOnly].
	ErrReadOnly = errors.New("index is open read-only")
	// ErrClosed: the Index was closed.
	ErrClosed = errors.New("index is closed")
)

// lockTimeout is how long Open waits for the index lock before it reports [ErrLocked].
const lockTimeout = "300ms"

// Internal keys (bleve's key-value store beside the index).
const (
	metaKey        = "trialtag.meta"
	mappingFPKey   = "trialtag.mapping"
	genKey         = "trialtag.gen" // counts writes; see checkLatestSnapshot
	bleveMetaFile  = "index_meta.json"
	bleveStoreDir  = "store"
	bleveRootBolt  = "root.bolt"
	zapFooterBytes = 4 // the CRC-32 that ends every segment file
)

// Meta says what an index was built with. It is stored inside the index.
type Meta struct {
	// MappingVersion is the [MappingVersion] the index was created with.
	MappingVersion int `json:"mapping_version"`
	// RulesFingerprint is the fingerprint of the rule set ([classifier.RuleSet.Fingerprint])
	// that documents are tagged with. Documents indexed under another fingerprint are
	// re-tagged by the next [Index.Update] that sees them.
	RulesFingerprint string `json:"rules_fingerprint"`
	// Shards is the number of bleve indexes the documents are spread over, fixed when the
	// index is created: [Create] with 0 makes one per core. Searches run on every shard at
	// once and score as one index would; writes go to every shard at once.
	Shards int `json:"shards,omitempty"`
}

// Index is a trialtag search index in a folder: bleve's scorch store with trialtag's
// mapping, metadata and query layer.
//
// An Index is safe for concurrent use: any number of Search, Document and NeedsUpdate
// calls may run while one writer (Update, Prune, SetMeta) runs; writers wait for each
// other. Only one Index value may have a folder open at a time, in any process: a second
// Open reports [ErrLocked].
type Index struct {
	dir    string
	shards []*shard // one bleve index each; see shard.go

	writeMu sync.Mutex // one writer at a time

	mu        sync.RWMutex
	meta      Meta
	mappingFP string // the fingerprint of the mapping the index was built with
	gen       uint64 // the write generation, stored with every batch
	openedGen uint64 // gen when opened: Close records a commit when it has grown
	readOnly  bool
	closed    bool

	// perc runs on every document Update adds or updates; alerts records what it finds.
	perc   *Percolator
	alerts *alertLog

	// pruneAt is the fewest documents holding a word for a search of it to be pruned;
	// 0 stands for pruneMinPostings (tests move it).
	pruneAt uint64
}

// SetPercolator makes every later [Index.Update] (and [Index.TagAndUpdate]) run p on the
// documents it adds or updates, before it writes them, and record each match in the
// index's alert log ([AlertsFile], read with [ReadAlerts]). Documents left unchanged are
// not percolated. A nil p, or one with no searches, turns percolation off: updates then do
// no work for it at all.
func (ix *Index) SetPercolator(p *Percolator) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.perc = p
}

// percolator returns the Percolator in force, or nil when none has searches.
func (ix *Index) percolator() *Percolator {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.perc.Len() == 0 {
		return nil
	}
	return ix.perc
}

// Create makes a new index in dir, which must not exist or be empty, and stores meta in
// it. A zero meta.MappingVersion means [MappingVersion]; any other version than that is an
// error, since this package can only build its own.
func Create(dir string, meta Meta) (*Index, error) {
	if meta.MappingVersion == 0 {
		meta.MappingVersion = MappingVersion
	}
	if meta.MappingVersion != MappingVersion {
		return nil, fmt.Errorf("creating index %s: mapping version %d: this program builds version %d", dir, meta.MappingVersion, MappingVersion)
	}
	if meta.Shards == 0 {
		meta.Shards = defaultShards()
	}
	if meta.Shards < 1 || meta.Shards > MaxShards {
		return nil, fmt.Errorf("creating index %s: %d shards: from 1 to %d", dir, meta.Shards, MaxShards)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && !onlyAlerts(entries):
		return nil, fmt.Errorf("creating index %s: %w", dir, ErrExists)
	case err == nil && len(entries) == 0:
		// An empty folder: bleve creates it itself.
		if err := os.Remove(dir); err != nil {
			return nil, fmt.Errorf("creating index %s: %w", dir, err)
		}
	case err == nil:
		// The alert log that Clear kept: bleve builds beside it.
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	im, err := newMapping()
	if err != nil {
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	fp, err := mappingFingerprint(im)
	if err != nil {
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	ix := &Index{dir: dir, meta: meta, mappingFP: fp, alerts: newAlertLog(dir)}
	fail := func(err error) (*Index, error) {
		// Half an index would open as "not a trialtag index", or a damaged one: remove what
		// was made here, but not an alert log kept from before.
		for _, s := range ix.shards {
			_ = s.bi.Close()
		}
		_ = removeAllButAlerts(dir)
		return nil, fmt.Errorf("creating index %s: %w", dir, err)
	}
	dirs := []string{dir}
	if meta.Shards > 1 {
		if err := writeShardsFile(dir, meta.Shards); err != nil {
			return fail(err)
		}
		dirs = dirs[:0]
		for i := range meta.Shards {
			dirs = append(dirs, shardDir(dir, i))
		}
	}
	for _, d := range dirs {
		bi, err := bleve.NewUsing(d, im, scorch.Name, bleve.Config.DefaultKVStore, scorchConfig(false))
		if err != nil {
			return fail(err)
		}
		ix.shards = append(ix.shards, &shard{dir: d, bi: bi})
	}
	if err := ix.storeMeta(meta, fp); err != nil {
		return fail(err)
	}
	return ix, nil
}

// OpenOrCreate opens the index in dir, or creates it with meta when dir holds none (see
// [IsEmpty]). It never replaces an existing index: a corrupt or locked one is an error,
// and a stale one is opened as it is (see [Index.Stale]).
func OpenOrCreate(dir string, meta Meta) (*Index, error) {
	empty, err := IsEmpty(dir)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	if empty {
		return Create(dir, meta)
	}
	return Open(dir)
}

// IsEmpty reports whether dir holds no index: it does not exist, is empty, or holds only
// the alert log that [Clear] keeps.
func IsEmpty(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, nil
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) && !isDir(dir) {
			return false, nil // a file: Open says what is wrong with it
		}
		return false, err
	}
	return onlyAlerts(entries), nil
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// onlyAlerts reports whether a folder's entries are none, or only the alert log.
func onlyAlerts(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if e.Name() != AlertsFile {
			return false
		}
	}
	return true
}

// Open opens the existing index in dir. It reports [ErrNotIndex] when dir holds no
// trialtag index, [ErrLocked] when another Index has it open (after a short wait, not a
// hang), and [ErrCorrupt] when its files are damaged: Open checks the checksum of every
// segment file before bleve reads it for real. Open never rebuilds, repairs or deletes
// anything; an index built with another mapping or rule set opens, and [Index.Stale] says so.
func Open(dir string) (*Index, error) { return open(dir, false) }

// OpenReadOnly opens the existing index in dir for searching only, with the same checks as
// [Open]. Any number of read-only Index values, in any processes, may have a folder open
// at once; a writer ([Open]) waits for none of them and reports [ErrLocked] instead, and
// while a writer has it open OpenReadOnly reports [ErrLocked] too. Update, Prune and
// SetMeta fail with [ErrReadOnly].
func OpenReadOnly(dir string) (*Index, error) { return open(dir, true) }

func open(dir string, readOnly bool) (*Index, error) {
	// bleve reads bolt and segment files through memory maps, and a damaged file can send
	// it past the end of one: in this goroutine such a fault panics, and the steps below
	// recover it as ErrCorrupt, instead of ending the program.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w: %w", dir, ErrNotIndex, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("opening index %s: %w: not a folder", dir, ErrNotIndex)
	}
	dirs, err := shardDirs(dir)
	if err != nil {
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	if dirs == nil {
		return nil, fmt.Errorf("opening index %s: %w: no %s", dir, ErrNotIndex, bleveMetaFile)
	}
	// Every shard is checked read-only before any is opened for writing: a writable open
	// deletes files bleve does not know, and a damaged shard must leave every file as found.
	ix := &Index{dir: dir, readOnly: readOnly}
	closeAll := func() {
		for _, s := range ix.shards {
			_ = s.bi.Close()
		}
	}
	for i, d := range dirs {
		s, meta, fp, err := checkShard(d)
		if err != nil && len(dirs) > 1 && errors.Is(err, ErrNotIndex) {
			err = fmt.Errorf("opening index %s: %w: shard %d of %d: %v", dir, ErrCorrupt, i, len(dirs), err)
		}
		if err == nil && i > 0 && fp != ix.mappingFP {
			_ = s.bi.Close()
			err = fmt.Errorf("opening index %s: %w: shard %d was built with another mapping than shard 0", dir, ErrCorrupt, i)
		}
		if err != nil {
			closeAll()
			return nil, err
		}
		if i == 0 {
			ix.meta, ix.mappingFP = meta, fp
		}
		ix.shards = append(ix.shards, s)
		ix.gen = max(ix.gen, s.gen)
	}
	ix.meta.Shards = len(ix.shards)
	if readOnly {
		return ix, nil
	}
	closeAll()
	for i, s := range ix.shards {
		bi, err := openBleve(s.dir, false)
		if err != nil {
			for _, o := range ix.shards[:i] {
				_ = o.bi.Close()
			}
			return nil, err
		}
		s.bi = bi
	}
	ix.alerts = newAlertLog(dir)
	ix.openedGen = ix.gen
	return ix, nil
}

// checkShard opens the bleve index of one shard (the index's own folder when it has one)
// read-only, after checking its layout and the checksums of its committed segments, and
// checks its metadata, snapshot and commit record, as [Open] says.
func checkShard(dir string) (*shard, Meta, string, error) {
	if err := checkLayout(dir); err != nil {
		return nil, Meta{}, "", err
	}
	// Segments known intact at the last close are checked before bleve reads them: bleve
	// trusts the lengths in a segment, and one flipped bit can make it allocate gigabytes.
	checked, err := checkCommittedSegments(dir)
	if err != nil {
		return nil, Meta{}, "", fmt.Errorf("opening index %s: %w", dir, err)
	}
	// A read-only open takes the lock shared (so a writer elsewhere makes it fail), and
	// unlike a writable open it deletes no files, so a damaged index is reported exactly as
	// found.
	ro, err := openBleve(dir, true)
	if err != nil {
		return nil, Meta{}, "", err
	}
	meta, fp, gen, err := checkOpened(dir, ro, checked)
	if err != nil {
		_ = ro.Close()
		return nil, Meta{}, "", fmt.Errorf("opening index %s: %w", dir, err)
	}
	return &shard{dir: dir, bi: ro, gen: gen}, meta, fp, nil
}

// checkOpened reads trialtag's metadata from the index bleve opened read-only and checks
// that bleve loaded the latest snapshot, that the store did not go back, and the segment
// files not checked yet. A panic (a fault reading a damaged file) is ErrCorrupt.
func checkOpened(dir string, ro bleve.Index, checked map[string]bool) (meta Meta, fp string, gen uint64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: reading the index: %s; rebuild it with trialtag index --reindex", ErrCorrupt, firstLine(fmt.Sprint(r)))
		}
	}()
	meta, fp, gen, err = readMeta(ro)
	if err == nil {
		err = checkLatestSnapshot(dir, gen)
	}
	if err == nil {
		err = checkCommit(dir, gen)
	}
	if err == nil {
		err = verifySegments(ro, checked)
	}
	return meta, fp, gen, err
}

// checkLayout tells a folder without an index from a damaged index before bleve sees it.
func checkLayout(dir string) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("opening index %s: %w: %w", dir, ErrNotIndex, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("opening index %s: %w: not a folder", dir, ErrNotIndex)
	}
	b, err := os.ReadFile(filepath.Join(dir, bleveMetaFile))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("opening index %s: %w: no %s", dir, ErrNotIndex, bleveMetaFile)
	}
	if err != nil {
		return fmt.Errorf("opening index %s: %w", dir, err)
	}
	typ, err := bleveIndexType(b)
	if err != nil {
		return fmt.Errorf("opening index %s: %w: %s: %w", dir, ErrCorrupt, bleveMetaFile, err)
	}
	if typ != "" && typ != scorch.Name {
		return fmt.Errorf("opening index %s: %w: index type %q, want %q", dir, ErrNotIndex, typ, scorch.Name)
	}
	if _, err := os.Stat(filepath.Join(dir, bleveStoreDir, bleveRootBolt)); err != nil {
		// Without its root file a writable open would start an empty index and delete the
		// segments it does not know: report it instead.
		return fmt.Errorf("opening index %s: %w: %w", dir, ErrCorrupt, err)
	}
	if err := checkBoltSize(filepath.Join(dir, bleveStoreDir, bleveRootBolt)); err != nil {
		return fmt.Errorf("opening index %s: %w", dir, err)
	}
	return nil
}

// bleveIndexType reads the index type from bleve's index_meta.json: JSON followed by the id
// of a file writer and the id's length (4 bytes, big-endian). It returns "" when a custom
// file writer (encryption) makes the JSON unreadable here, leaving the check to bleve.
func bleveIndexType(b []byte) (string, error) {
	var m struct {
		IndexType string `json:"index_type"`
	}
	err := json.Unmarshal(b, &m)
	if err == nil {
		return m.IndexType, nil
	}
	if len(b) < 4 {
		return "", err
	}
	n := int(binary.BigEndian.Uint32(b[len(b)-4:]))
	end := len(b) - 4 - n
	if n < 0 || end < 0 {
		return "", err
	}
	if n > 0 {
		return "", nil
	}
	if err := json.Unmarshal(b[:end], &m); err != nil {
		return "", err
	}
	if m.IndexType == "" {
		return "", errors.New("no index type")
	}
	return m.IndexType, nil
}

// maxSegmentDocs caps the bleve documents (documents and sentences) of a segment that
// bleve's merges make. Merging holds a term's postings, positions included, in memory
// while it writes them, so without a cap the largest merge, and the writer's memory, grew
// with the corpus: at a million registry records (two shards of a million bleve documents
// each) its own memory peaked at 321 MiB under a 256 MiB limit, 265 MiB with this cap. The
// cap leaves more segments per shard (24 each at a million records over 2 shards), which
// the searches measured at that size do not feel.
var maxSegmentDocs = 400_000 // a variable for tests

// scorchConfig is the configuration every shard is created and opened with: the lock's
// timeout, the merge plan's segment cap, and read-only when asked.
func scorchConfig(readOnly bool) map[string]interface{} {
	cfg := map[string]interface{}{
		"bolt_timeout":           lockTimeout,
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentSize": maxSegmentDocs},
	}
	if readOnly {
		cfg["read_only"] = true
	}
	return cfg
}

// openBleve opens the bleve index, turning its errors and panics into ours.
func openBleve(dir string, readOnly bool) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("opening index %s: %w: %s", dir, ErrCorrupt, firstLine(fmt.Sprint(r)))
		}
	}()
	bi, err = bleve.OpenUsing(dir, scorchConfig(readOnly))
	if err != nil {
		err = classifyOpenError(err)
		if errors.Is(err, ErrCorrupt) {
			// bleve blames what it read last (often "error parsing mapping JSON", with the
			// whole mapping after it): a damaged segment file is the likelier cause.
			if cause := damagedSegment(dir); cause != nil {
				return nil, fmt.Errorf("opening index %s: %w", dir, cause)
			}
			return nil, fmt.Errorf("opening index %s: %w: %s", dir, ErrCorrupt, firstLine(strings.TrimPrefix(err.Error(), ErrCorrupt.Error()+": ")))
		}
		return nil, fmt.Errorf("opening index %s: %w", dir, err)
	}
	return bi, nil
}

// classifyOpenError wraps a bleve open error in the sentinel that describes it.
func classifyOpenError(err error) error {
	switch {
	case errors.Is(err, bleve.ErrorIndexPathDoesNotExist), errors.Is(err, bleve.ErrorIndexMetaMissing):
		return fmt.Errorf("%w: %w", ErrNotIndex, err)
	case isLockTimeout(err):
		return fmt.Errorf("%w: %w", ErrLocked, err)
	}
	return fmt.Errorf("%w: %w", ErrCorrupt, err)
}

// isLockTimeout reports whether err is bbolt's lock timeout (bbolt's ErrTimeout, whose
// text is "timeout"; this package may not import bbolt itself).
func isLockTimeout(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e.Error() == "timeout" {
			return true
		}
	}
	return strings.HasSuffix(err.Error(), ": timeout")
}

// readMeta reads trialtag's metadata from a bleve index.
func readMeta(bi bleve.Index) (m Meta, mappingFP string, gen uint64, err error) {
	get := func(key string) ([]byte, error) {
		b, err := bi.GetInternal([]byte(key))
		if err != nil {
			return nil, fmt.Errorf("%w: reading metadata: %w", ErrCorrupt, err)
		}
		return b, nil
	}
	b, err := get(metaKey)
	if err != nil {
		return m, "", 0, err
	}
	if b == nil {
		return m, "", 0, fmt.Errorf("%w: a bleve index without trialtag metadata", ErrNotIndex)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, "", 0, fmt.Errorf("%w: metadata: %w", ErrCorrupt, err)
	}
	fp, err := get(mappingFPKey)
	if err != nil {
		return m, "", 0, err
	}
	g, err := get(genKey)
	if err != nil {
		return m, "", 0, err
	}
	if g != nil {
		if gen, err = strconv.ParseUint(string(g), 10, 64); err != nil {
			return m, "", 0, fmt.Errorf("%w: metadata: write generation %q", ErrCorrupt, g)
		}
	}
	return m, string(fp), gen, nil
}

// checkLatestSnapshot makes sure bleve loaded the latest snapshot of the index. When a
// segment of the latest snapshot cannot be opened, bleve logs it and quietly loads an older
// snapshot instead. Every write of this package stores a new write generation with its
// data, so the snapshot loaded must carry the generation of the newest snapshot on disk.
func checkLatestSnapshot(dir string, loaded uint64) (err error) {
	defer func() {
		// bbolt asserts what it reads from a damaged page by panicking ("assertion failed:
		// Page expected to be …").
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s/%s has a damaged page (%s); rebuild the index with trialtag index --reindex",
				ErrCorrupt, bleveStoreDir, bleveRootBolt, firstLine(fmt.Sprint(r)))
		}
	}()
	points, err := scorch.RollbackPoints(filepath.Join(dir, bleveStoreDir))
	if err != nil {
		return fmt.Errorf("%w: reading snapshots: %w", ErrCorrupt, err)
	}
	if len(points) == 0 {
		return nil
	}
	latest := uint64(0)
	if g := points[0].GetInternal([]byte(genKey)); g != nil {
		if latest, err = strconv.ParseUint(string(g), 10, 64); err != nil {
			return fmt.Errorf("%w: latest snapshot: write generation %q", ErrCorrupt, g)
		}
	}
	if latest != loaded {
		return fmt.Errorf("%w: the latest snapshot (write %d) cannot be loaded, only an older one (write %d)", ErrCorrupt, latest, loaded)
	}
	return nil
}

// verifySegments checks that every segment file of the snapshot bleve loaded is there and
// whole: its CRC-32 matches the one in its last four bytes. Bleve checks only a segment's
// footer when it opens it, so damage inside would surface later as wrong results or a
// panic in mid-search. Files of no snapshot (left by merges, or by a writer that died) are
// not checked: a writable open deletes them, as bleve always does. Nor are those in
// checked, whose names [checkCommittedSegments] has checked already.
func verifySegments(bi bleve.Index, checked map[string]bool) error {
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil
	}
	var paths []string
	for _, ss := range snap.Segments() {
		p, ok := ss.Segment().(interface{ Path() string })
		if !ok {
			continue
		}
		if checked[filepath.Base(p.Path())] {
			continue
		}
		paths = append(paths, p.Path())
	}
	return checkSegmentFiles(paths)
}

// checkSegmentFiles checks segment files with checkSegmentFile, on every core: the check
// reads each file whole, so an index's open time grows with its size. The error is that of
// the first damaged file in paths' order, whichever finished first.
func checkSegmentFiles(paths []string) error {
	errs := make([]error, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = checkSegmentFile(paths[i])
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkSegmentFile compares a segment file's CRC-32 (IEEE, over everything but the last
// four bytes) with the one stored in those bytes.
func checkSegmentFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: segment %s: %w", ErrCorrupt, filepath.Base(path), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if st.Size() < zapFooterBytes {
		return fmt.Errorf("%w: segment %s is truncated", ErrCorrupt, filepath.Base(path))
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, st.Size()-zapFooterBytes); err != nil {
		return fmt.Errorf("%w: reading segment %s: %w", ErrCorrupt, filepath.Base(path), err)
	}
	var tail [zapFooterBytes]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return fmt.Errorf("%w: reading segment %s: %w", ErrCorrupt, filepath.Base(path), err)
	}
	if got, want := h.Sum32(), binary.BigEndian.Uint32(tail[:]); got != want {
		return fmt.Errorf("%w: segment %s fails its checksum (%08x, want %08x)", ErrCorrupt, filepath.Base(path), got, want)
	}
	return nil
}

// Remove deletes the index in dir, for rebuilding it. It refuses (with [ErrNotIndex]) a
// folder that does not look like a bleve index, so that a wrong --index flag cannot delete
// someone's documents. It works on corrupt and stale indexes; it fails with [ErrLocked] if
// another Index has the folder open.
func Remove(dir string) error {
	if err := checkRemovable(dir); err != nil {
		return fmt.Errorf("removing index %s: %w", dir, err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("removing index %s: %w", dir, err)
	}
	return nil
}

// checkRemovable reports [ErrNotIndex] for a folder that does not look like an index (of
// one shard: bleve's files; of several: the shards file), and [ErrLocked] when another
// Index has one of its shards open.
func checkRemovable(dir string) error {
	dirs, err := shardDirs(dir)
	if err != nil && !errors.Is(err, ErrCorrupt) {
		return err
	}
	if err == nil && dirs == nil {
		return fmt.Errorf("%w: no %s", ErrNotIndex, bleveMetaFile)
	}
	if len(dirs) == 1 {
		if _, err := os.Stat(filepath.Join(dir, bleveStoreDir)); err != nil {
			return fmt.Errorf("%w: %w", ErrNotIndex, err)
		}
	}
	for _, d := range dirs {
		if ro, err := openBleve(d, true); errors.Is(err, ErrLocked) {
			return err
		} else if err == nil {
			_ = ro.Close()
		}
	}
	return nil
}

// Clear deletes the index in dir for a rebuild, as [Remove] does, but keeps its alert log
// ([AlertsFile]): the alerts recorded stay, and a document indexed again unchanged is not
// alerted again. It returns how many alerts it kept (0 when there was no log). [Create]
// and [OpenOrCreate] build a new index beside the log.
func Clear(dir string) (int, error) {
	if err := checkRemovable(dir); err != nil {
		return 0, fmt.Errorf("clearing index %s: %w", dir, err)
	}
	kept, _ := ReadAlerts(dir, AlertQuery{}) // a damaged line is kept too, just not counted
	if err := removeAllButAlerts(dir); err != nil {
		return 0, fmt.Errorf("clearing index %s: %w", dir, err)
	}
	return len(kept), nil
}

// removeAllButAlerts removes everything in dir but the alert log.
func removeAllButAlerts(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == AlertsFile {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// storeMeta writes meta and the mapping fingerprint into the index.
func (ix *Index) storeMeta(meta Meta, mappingFP string) error {
	b, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("encoding metadata: %w", err)
	}
	batch := ix.newBatch()
	batch.SetInternal([]byte(metaKey), b)
	batch.SetInternal([]byte(mappingFPKey), []byte(mappingFP))
	if err := ix.writeBatch(batch); err != nil {
		return fmt.Errorf("storing metadata: %w", err)
	}
	return nil
}

// Dir returns the folder of the index.
func (ix *Index) Dir() string { return ix.dir }

// Meta returns what the index was built with.
func (ix *Index) Meta() Meta {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.meta
}

// Stale reports whether the index was built with another mapping or rule set than
// current: its mapping version, its mapping's fingerprint, or its rules fingerprint
// differs. A stale mapping needs a rebuild ([Remove], then [Create]); a stale rule set needs
// [Index.SetMeta] and an [Index.Update] of every document, which re-tags each one whose
// stored fingerprint differs.
func (ix *Index) Stale(current Meta) bool {
	if current.MappingVersion == 0 {
		current.MappingVersion = MappingVersion
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.mappingStaleLocked(current.MappingVersion) || ix.meta.RulesFingerprint != current.RulesFingerprint
}

// MappingStale reports whether the index must be rebuilt because this program's mapping
// differs from the one the index was built with.
func (ix *Index) MappingStale() bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.mappingStaleLocked(MappingVersion)
}

func (ix *Index) mappingStaleLocked(version int) bool {
	if ix.meta.MappingVersion != version {
		return true
	}
	im, err := newMapping()
	if err != nil {
		return true
	}
	fp, err := mappingFingerprint(im)
	return err != nil || fp != ix.mappingFP
}

// SetMeta records a new rule-set fingerprint: from then on [Index.NeedsUpdate] and
// [Index.Update] treat documents tagged under another fingerprint as changed. It fails with
// [ErrStale] if the index's mapping is stale, since no update can fix that.
func (ix *Index) SetMeta(m Meta) error {
	if m.MappingVersion == 0 {
		m.MappingVersion = MappingVersion
	}
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.RLock()
	stale, fp := ix.mappingStaleLocked(m.MappingVersion), ix.mappingFP
	ix.mu.RUnlock()
	if stale {
		return fmt.Errorf("setting metadata of %s: %w", ix.dir, ErrStale)
	}
	m.Shards = len(ix.shards) // fixed at creation
	if err := ix.storeMeta(m, fp); err != nil {
		return fmt.Errorf("setting metadata of %s: %w", ix.dir, err)
	}
	ix.mu.Lock()
	ix.meta = m
	ix.mu.Unlock()
	return nil
}

// Close closes the index, waiting for bleve to persist what was written. Calls after the
// first return nil.
func (ix *Index) Close() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	written := !ix.readOnly && ix.gen != ix.openedGen
	return ix.eachShard(func(i int, s *shard) error {
		var rec commitRecord
		ok := written
		if ok {
			docs, err := s.countType(typeDoc)
			ok = err == nil
			rec = commitRecord{Generation: atomic.LoadUint64(&s.gen), Documents: docs}
		}
		if err := s.bi.Close(); err != nil {
			return fmt.Errorf("closing index %s: %w", s.dir, err)
		}
		if ok {
			rec.Segments = intactSegments(s.dir)
			// bleve has persisted every batch now: record what the store must hold.
			if err := writeCommit(s.dir, rec); err != nil {
				return fmt.Errorf("closing index %s: recording the commit: %w", s.dir, err)
			}
		}
		return nil
	})
}

// firstLine returns the first line of s, at most 200 bytes of it.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Stats describes an index.
type Stats struct {
	// Documents is the number of trialtag documents; Sentences the number of tagged
	// sentences indexed beside them.
	Documents, Sentences uint64
	// DiskBytes is the size of the index folder.
	DiskBytes int64
}

// Stats counts the documents and sentences of the index and measures its folder.
func (ix *Index) Stats() (Stats, error) {
	var st Stats
	var err error
	if st.Documents, err = ix.countType(typeDoc); err != nil {
		return st, err
	}
	if st.Sentences, err = ix.countType(typeSent); err != nil {
		return st, err
	}
	st.DiskBytes, err = DiskSize(ix.dir)
	return st, err
}

// DiskSize returns the total size of the files under dir. A file that goes while it counts
// is not counted: bleve merges the segments of an open index in the background and deletes
// the merged ones.
func DiskSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measuring %s: %w", dir, err)
	}
	return n, nil
}

func (ix *Index) countType(typ string) (uint64, error) {
	counts := make([]uint64, len(ix.shards))
	err := ix.guard(func() error {
		return ix.eachShard(func(i int, s *shard) (err error) {
			counts[i], err = s.countType(typ)
			return err
		})
	})
	var n uint64
	for _, c := range counts {
		n += c
	}
	return n, err
}

// search runs a bleve request without a deadline.
func (ix *Index) search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return ix.searchCtx(context.Background(), req)
}

// countType counts one shard's bleve documents of a type, without taking the index's
// locks (Close holds them; Index.countType adds up every shard's under them).
func (s *shard) countType(typ string) (uint64, error) {
	q := bleve.NewTermQuery(typ)
	q.SetField(fieldType)
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	res, err := s.bi.Search(req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// damagedSegment returns the first segment file of dir's store that is truncated or fails
// its checksum, or nil.
func damagedSegment(dir string) error {
	files, _ := filepath.Glob(filepath.Join(dir, bleveStoreDir, "*.zap"))
	for _, f := range files {
		if err := checkSegmentFile(f); err != nil {
			return fmt.Errorf("%w; rebuild the index with trialtag index --reindex", err)
		}
	}
	return nil
}
