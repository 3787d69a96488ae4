package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// commitFile records, outside bleve's store, what the index held when it was last closed
// after writing: its write generation and its documents. bleve keeps its snapshots in one
// bolt file; when that file's newest meta page is damaged, bolt quietly opens an older
// transaction, and bleve an older snapshot, whose own write generation agrees with it.
// Only a record kept elsewhere tells that commits were lost.
//
// It is written at Close, when bleve has persisted every batch: a writer killed before
// then leaves the record of the close before, which is never newer than what the store
// holds, so a kill -9 never makes an index refuse to open.
const commitFile = "trialtag_commit.json"

// commitRecord is the JSON of [commitFile].
type commitRecord struct {
	Generation uint64 `json:"generation"`
	Documents  uint64 `json:"documents"`
	// Segments are the segment files in the store that were intact at the close: Open
	// checks them before bleve reads them (absent in records of older versions).
	Segments []string `json:"segments,omitempty"`
}

// readCommit reads the commit record of dir; ok is false when there is none (an index
// written by an older trialtag, or never closed after a write).
func readCommit(dir string) (rec commitRecord, ok bool, err error) {
	b, err := os.ReadFile(filepath.Join(dir, commitFile))
	if errors.Is(err, fs.ErrNotExist) {
		return rec, false, nil
	}
	if err != nil {
		return rec, false, err
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, false, fmt.Errorf("%w: %s: %w", ErrCorrupt, commitFile, err)
	}
	return rec, true, nil
}

// checkCommit compares the write generation of the snapshot bleve loaded with the commit
// record: a store older than the record lost commits.
func checkCommit(dir string, loaded uint64) error {
	rec, ok, err := readCommit(dir)
	if err != nil || !ok {
		return err
	}
	if rec.Generation > loaded {
		return fmt.Errorf("%w: %s/%s went back to write %d, but the index was last closed at write %d with %d documents: "+
			"the store lost its latest commits (a damaged page); nothing was changed; rebuild it with trialtag index --reindex",
			ErrCorrupt, bleveStoreDir, bleveRootBolt, loaded, rec.Generation, rec.Documents)
	}
	return nil
}

// intactSegments returns the names of the segment files in dir's store that pass their
// checksum, sorted. A file a killed writer left half-written, which bleve has not deleted
// yet, is left out: it must not make the next open refuse the index.
func intactSegments(dir string) []string {
	paths, _ := filepath.Glob(filepath.Join(dir, bleveStoreDir, "*.zap"))
	var names []string
	for _, p := range paths {
		if checkSegmentFile(p) == nil {
			names = append(names, filepath.Base(p))
		}
	}
	return names
}

// checkCommittedSegments checks, before bleve reads them, the segment files that the
// commit record lists and that are still there, and returns their names. Segments written
// since the last close (by a writer that was killed, perhaps in the middle of one) are not
// checked here: bleve may never load them, and a writable open deletes those it does not.
// A listed file that is gone was merged away since, or is missing, which bleve reports.
func checkCommittedSegments(dir string) (map[string]bool, error) {
	rec, ok, err := readCommit(dir)
	if err != nil || !ok {
		return nil, err
	}
	checked := map[string]bool{}
	var paths []string
	for _, name := range rec.Segments {
		if name != filepath.Base(name) || filepath.Ext(name) != ".zap" {
			return nil, fmt.Errorf("%w: %s: segment %s", ErrCorrupt, commitFile, Excerpt(name))
		}
		path := filepath.Join(dir, bleveStoreDir, name)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		paths = append(paths, path)
		checked[name] = true
	}
	if err := checkSegmentFiles(paths); err != nil {
		return nil, fmt.Errorf("%w; rebuild the index with trialtag index --reindex", err)
	}
	return checked, nil
}

// writeCommit replaces the commit record of dir, atomically: a new file, synced, renamed
// over the old one.
func writeCommit(dir string, rec commitRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, commitFile+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, commitFile)); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
