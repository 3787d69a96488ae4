package index

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's meta page (go.etcd.io/bbolt, file format 2), the first two pages of root.bolt: a
// 16-byte page header, then magic, version, page size and flags (4 bytes each), the root
// bucket (page and sequence), the freelist page, the high-water page id, the transaction
// id and an FNV-1a checksum of the fields before it (8 bytes each, little-endian). The
// package reads it itself because it may not import bbolt.
const (
	boltMagic       = 0xED0CDAED
	boltVersion     = 2
	boltPageHeader  = 16
	boltMetaSummed  = 56 // bytes of the meta before its checksum
	boltMetaBytes   = boltPageHeader + boltMetaSummed + 8
	boltDefaultPage = 4096
)

// boltMeta is what checkBoltSize reads of a meta page.
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // the high-water mark: pages 0 to pgid-1 are in use
	txid     uint64
}

// readBoltMeta reads the meta page at off, and reports whether it is one bbolt accepts.
func readBoltMeta(f io.ReaderAt, off int64) (boltMeta, bool) {
	var b [boltMetaBytes]byte
	if _, err := f.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	m := b[boltPageHeader:]
	le := binary.LittleEndian
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion {
		return boltMeta{}, false
	}
	h := fnv.New64a()
	h.Write(m[:boltMetaSummed])
	if h.Sum64() != le.Uint64(m[boltMetaSummed:]) {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: le.Uint32(m[8:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// checkBoltSize reports a root.bolt shorter than the pages its meta says are in use (a
// copy or a disk that ran out of room). bbolt reads pages through a memory map without
// checking them against the file's size, and reading a page past the end of the file
// faults (SIGBUS), which ends the program. A file whose meta pages are both damaged is
// left to bbolt, which reports it.
func checkBoltSize(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	// bbolt finds the second meta page one page in: at the first meta's page size, or at
	// the system's when the first is damaged; it uses the valid meta of the later
	// transaction.
	m0, ok0 := readBoltMeta(f, 0)
	second := int64(os.Getpagesize())
	if ok0 && m0.pageSize > 0 {
		second = int64(m0.pageSize)
	} else if second <= 0 {
		second = boltDefaultPage
	}
	m1, ok1 := readBoltMeta(f, second)
	use, ok := m0, ok0
	if ok1 && (!ok0 || m1.txid > m0.txid) {
		use, ok = m1, true
	}
	if !ok {
		return nil
	}
	if need := float64(use.pgid) * float64(use.pageSize); need > float64(st.Size()) {
		return fmt.Errorf("%w: %s/%s is cut short: %d bytes, but its last commit uses %.0f; "+
			"restore it or rebuild the index with trialtag index --reindex", ErrCorrupt, bleveStoreDir, bleveRootBolt, st.Size(), need)
	}
	return nil
}
