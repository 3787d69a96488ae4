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
