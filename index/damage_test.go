package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// twoCommits builds an index over the seeds in two runs, each closed, so that bolt's
// previous transaction holds an older snapshot than its last.
func twoCommits(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "src")
	docs := loadDocs(t, seedsDir)
	ix, err := Create(src, oneShard(t)) // the store's own checks; TestCorrupt damages shards
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, docs[:2]))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(src); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, docs[2:]))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return src
}

// boltPageSize reads the page size from bolt's first meta page.
func boltPageSize(t *testing.T, path string) int64 {
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 28 {
		t.Fatalf("reading %s: %v", path, err)
	}
	return int64(binary.LittleEndian.Uint32(b[24:28]))
}

// TestStoreWentBack: when the newest of bolt's two meta pages is damaged, bolt opens its
// previous transaction and bleve an older snapshot, whose own write generation agrees with
// it. Here the store is put back to the first of two commits (its root.bolt and segments),
// which is what such a damaged page does when that transaction held the last snapshot:
// the index must refuse to open rather than serve fewer documents, and let the next write
// delete segments (issue 13, point 4).
func TestStoreWentBack(t *testing.T) {
	base := t.TempDir()
	src := filepath.Join(base, "src")
	docs := loadDocs(t, seedsDir)
	ix, err := Create(src, oneShard(t)) // the store's own checks; TestCorrupt damages shards
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, docs[:2]))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(base, "first")
	copyDir(t, src, first)
	if ix, err = Open(src); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, docs[2:]))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The store goes back: the first commit's root.bolt and segments, the second's record.
	store, old := filepath.Join(src, bleveStoreDir), filepath.Join(first, bleveStoreDir)
	entries, _ := os.ReadDir(old)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(old, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(store, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := hashTree(t, src)
	for name, open := range map[string]func(string) (*Index, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		ix, err := open(src)
		if err == nil {
			st, _ := ix.Stats()
			ix.Close()
			t.Fatalf("%s: an index whose store went back opened, with %d documents of %d", name, st.Documents, len(docs))
		}
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "went back to write") || !strings.Contains(err.Error(), "5 documents") {
			t.Fatalf("%s: %v, want ErrCorrupt saying the store went back from 5 documents", name, err)
		}
	}
	if after := hashTree(t, src); !maps.Equal(before, after) {
		t.Errorf("opening changed the files")
	}
}

// TestDamagedBoltPages overwrites each page of root.bolt in turn: Open either works or
// reports ErrCorrupt in one line; it never panics (bbolt asserts on damaged pages) and
// never changes the files (issue 13, point 3).
func TestDamagedBoltPages(t *testing.T) {
	src := twoCommits(t)
	bolt := filepath.Join(src, bleveStoreDir, bleveRootBolt)
	ps := boltPageSize(t, bolt)
	st, err := os.Stat(bolt)
	if err != nil {
		t.Fatal(err)
	}
	pages := st.Size() / ps
	corrupt := 0
	for page := int64(2); page < pages; page++ {
		dir := filepath.Join(t.TempDir(), "copy")
		copyDir(t, src, dir)
		writeAt(t, filepath.Join(dir, bleveStoreDir, bleveRootBolt), page*ps, bytes.Repeat([]byte{0xFF, 0x00, 0x13}, int(ps)/3))
		before := hashTree(t, dir)
		ix, err := func() (ix *Index, err error) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("page %d damaged: Open panicked: %v", page, r)
				}
			}()
			return Open(dir)
		}()
		switch {
		case err == nil:
			if _, err := ix.Search(context.Background(), Query{Text: "CRS"}); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Errorf("page %d damaged: Search: %v", page, err)
			}
			ix.Close()
			continue
		case !errors.Is(err, ErrCorrupt):
			t.Errorf("page %d damaged: Open: %v, want ErrCorrupt", page, err)
		case strings.Contains(err.Error(), "\n") || len(err.Error()) > 600:
			t.Errorf("page %d damaged: the error is not one short line: %.800s", page, err)
		}
		corrupt++
		if after := hashTree(t, dir); !maps.Equal(before, after) {
			t.Errorf("page %d damaged: opening changed the files", page)
		}
	}
	t.Logf("%d pages of %d: %d reported corrupt, the rest unused or harmless", pages-2, pages, corrupt)
}

// TestOpenDamagedFiles damages the small test index in ways that ended the program before
// Open checked for them (found by FuzzOpenDamaged; the offsets are those it found in this
// fixture, and the test holds for any rebuild of it): Open reports ErrCorrupt, naming what
// is damaged, and changes no file.
func TestOpenDamagedFiles(t *testing.T) {
	files := readIndexFiles(t, smallIndexDir)
	var segments []string
	var used int64
	for _, f := range files {
		switch {
		case filepath.Ext(f.rel) == ".zap":
			segments = append(segments, filepath.ToSlash(f.rel))
		case filepath.Base(f.rel) == bleveRootBolt:
			m, ok := readBoltMeta(bytes.NewReader(f.data), 0)
			if !ok {
				t.Fatalf("%s: no valid first meta page", f.rel)
			}
			used = int64(m.pgid) * int64(m.pageSize)
		}
	}
	if len(segments) < 2 || used == 0 {
		t.Fatalf("%s: %d segments, root.bolt uses %d bytes; want 2 segments and a root.bolt", smallIndexDir, len(segments), used)
	}
	cut := min(131073, used-1)
	flip := func(off int) func([]byte) []byte {
		return func(b []byte) []byte { b[min(off, len(b)-1)] ^= '1'; return b }
	}
	tests := []struct {
		name   string
		file   string
		damage func([]byte) []byte
		want   string
	}{
		{
			// bbolt read a page past the end of the file through its memory map: SIGBUS.
			name: "root.bolt cut short", file: "store/root.bolt",
			damage: func(b []byte) []byte { return b[:cut] },
			want:   fmt.Sprintf("store/root.bolt is cut short: %d bytes, but its last commit uses %d", cut, used),
		},
		{
			// zap trusted a length in the segment and allocated 32 GB: out of memory.
			name: "a segment's length flipped", file: segments[0], damage: flip(779),
			want: "segment " + filepath.Base(segments[0]) + " fails its checksum",
		},
		{
			name: "another segment's length flipped", file: segments[1], damage: flip(676),
			want: "segment " + filepath.Base(segments[1]) + " fails its checksum",
		},
		{
			name: "the commit record names a file outside the store", file: commitFile,
			damage: func([]byte) []byte {
				return []byte(`{"generation":3,"documents":2,"segments":["../index_meta.json"]}`)
			},
			want: `trialtag_commit.json: segment "../index_meta.json"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			found := false
			for _, f := range files {
				if f.rel == filepath.FromSlash(tt.file) {
					f.data, found = tt.damage(bytes.Clone(f.data)), true
				}
				writeIndexFiles(t, dir, []indexFile{f})
			}
			if !found {
				t.Fatalf("no %s in %s", tt.file, smallIndexDir)
			}
			before := hashTree(t, dir)
			ix, err := Open(dir)
			if err == nil {
				ix.Close()
				t.Fatalf("Open worked; want ErrCorrupt: %s", tt.want)
			}
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open: %v; want ErrCorrupt: %s", err, tt.want)
			}
			if after := hashTree(t, dir); !maps.Equal(before, after) {
				t.Errorf("opening changed the files")
			}
		})
	}
}
