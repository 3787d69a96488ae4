package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

func TestReopen(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	ix, dir := buildIndex(t, docs)
	meta := ix.Meta()
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := ix.Search(context.Background(), Query{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Search after Close: %v, want ErrClosed", err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Meta() != meta {
		t.Errorf("Meta after reopen = %+v, want %+v", ix.Meta(), meta)
	}
	if ix.Stale(defaultMeta(t)) || ix.MappingStale() {
		t.Error("a freshly built index is stale")
	}
	// The custom analyzer works after reopening: CAR-T is one term and its parts.
	for _, text := range []string{"CAR-T", "\"CAR T cells\""} {
		res, err := ix.Search(context.Background(), Query{Text: text, Facets: []string{"none"}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Errorf("%s: no hits after reopening", text)
		}
	}
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != uint64(len(docs)) || st.Sentences == 0 || st.DiskBytes == 0 {
		t.Errorf("Stats = %+v", st)
	}
}

func TestOpenOrCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := OpenOrCreate(dir, defaultMeta(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, loadDocs(t, seedsDir)))); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, err = OpenOrCreate(dir, Meta{RulesFingerprint: "other"})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Stale(Meta{RulesFingerprint: "other"}) {
		t.Error("OpenOrCreate with another fingerprint: not stale")
	}
	if n, _ := ix.countType(typeDoc); n != 5 {
		t.Errorf("OpenOrCreate replaced the index: %d documents", n)
	}
	if _, err := Create(dir, defaultMeta(t)); !errors.Is(err, ErrExists) {
		t.Errorf("Create on an existing index: %v, want ErrExists", err)
	}
	if _, err := Create(t.TempDir(), Meta{MappingVersion: MappingVersion + 1}); err == nil {
		t.Error("Create with a future mapping version succeeded")
	}
}

func TestMetaStaleAndRulesChange(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	// An index tagged under older rules ("rules-v1") meets the current ones.
	old := Meta{MappingVersion: MappingVersion, RulesFingerprint: "rules-v1"}
	ix, err := Create(filepath.Join(t.TempDir(), "ix"), old)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.Update(ctx, seqOf(items(t, docs))); err != nil {
		t.Fatal(err)
	}
	cur := defaultMeta(t)
	cur.Shards = len(ix.shards) // what Meta says of the index: the count Create chose
	if ix.Stale(old) {
		t.Fatal("stale against its own metadata")
	}
	if !ix.Stale(cur) {
		t.Fatal("another rules fingerprint is not stale")
	}
	if ix.MappingStale() {
		t.Fatal("the mapping is stale")
	}
	if !ix.Stale(Meta{MappingVersion: MappingVersion + 1, RulesFingerprint: old.RulesFingerprint}) {
		t.Fatal("another mapping version is not stale")
	}
	if err := ix.SetMeta(Meta{MappingVersion: MappingVersion + 1, RulesFingerprint: "x"}); !errors.Is(err, ErrStale) {
		t.Fatalf("SetMeta with another mapping version: %v, want ErrStale", err)
	}
	// Tagging with rules the index does not know of is refused until SetMeta.
	if _, err := ix.TagAndUpdate(ctx, testrules.Default(t), seqOf(docs), 2); !errors.Is(err, ErrRulesChanged) {
		t.Fatalf("TagAndUpdate with other rules: %v, want ErrRulesChanged", err)
	}
	if err := ix.SetMeta(cur); err != nil {
		t.Fatal(err)
	}
	if ix.Stale(cur) || ix.Meta() != cur {
		t.Fatalf("after SetMeta: meta %+v", ix.Meta())
	}
	if n, err := ix.Outdated(); err != nil || n != uint64(len(docs)) {
		t.Fatalf("Outdated = %d, %v; want %d", n, err, len(docs))
	}
	need, err := ix.NeedsUpdate(docs[0].ID, ContentHash(docs[0]))
	if err != nil || !need {
		t.Fatalf("NeedsUpdate after a rules change = %v, %v; want true", need, err)
	}
	st, err := ix.TagAndUpdate(ctx, testrules.Default(t), seqOf(docs), 2)
	if err != nil {
		t.Fatal(err)
	}
	if st != (UpdateStats{Updated: len(docs)}) {
		t.Fatalf("re-tagging after a rules change: %+v", st)
	}
	if n, _ := ix.Outdated(); n != 0 {
		t.Fatalf("Outdated after re-tagging = %d", n)
	}
	d, err := ix.Document(docs[0].ID)
	if err != nil || d.RulesFingerprint != cur.RulesFingerprint {
		t.Fatalf("stored fingerprint = %q, %v", d.RulesFingerprint, err)
	}
	// The new fingerprint survives reopening.
	dir := ix.Dir()
	ix.Close()
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := cur
	want.Shards = len(ix.shards)
	if ix.Meta() != want {
		t.Errorf("meta after reopening = %+v, want %+v", ix.Meta(), want)
	}
}

func TestIncrementalUpdate(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	dir := filepath.Join(t.TempDir(), "ix")
	ix, err := Create(dir, defaultMeta(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	c := testrules.Default(t)
	st, err := ix.TagAndUpdate(ctx, c, seqOf(docs), 0)
	if err != nil || st != (UpdateStats{Added: 5}) {
		t.Fatalf("first update: %+v, %v", st, err)
	}
	st, err = ix.TagAndUpdate(ctx, c, seqOf(docs), 0)
	if err != nil || st != (UpdateStats{Unchanged: 5}) {
		t.Fatalf("second update: %+v, %v", st, err)
	}
	before, _ := ix.Stats()

	// 004 changes: tocilizumab goes, a sentence about CD7 comes. Its old sentence documents
	// must go with it.
	changed := *docs[4]
	changed.Text = strings.ReplaceAll(changed.Text, "Tocilizumab was administered to 4 patients", "Nothing was administered to 4 patients") +
		"\n\nOne patient later received CD7 CAR-T cells."
	mixed := []*corpus.Document{docs[0], docs[1], &changed}
	st, err = ix.Update(ctx, seqOf(items(t, mixed)))
	if err != nil || st != (UpdateStats{Updated: 1, Unchanged: 2}) {
		t.Fatalf("update with one change: %+v, %v", st, err)
	}
	res, err := ix.Search(ctx, Query{Filters: []Filter{{Facet: "toxicity_treatment", Value: "tocilizumab"}}})
	if err != nil || res.Total != 0 {
		t.Fatalf("tocilizumab after it was removed: %d hits, %v", res.Total, err)
	}
	res, err = ix.Search(ctx, Query{Filters: []Filter{{Facet: "antigen", Value: "CD7"}}})
	if err != nil || res.Total != 1 || res.Hits[0].ID != changed.ID {
		t.Fatalf("CD7 after it was added: %+v, %v", res, err)
	}
	// Same-sentence filters run on sentence documents: no stale sentence may survive.
	res, err = ix.Search(ctx, Query{Filters: []Filter{{Facet: "toxicity_treatment", Value: "tocilizumab"}}, SameSentence: true})
	if err != nil || res.Total != 0 {
		t.Fatalf("tocilizumab sentence after it was removed: %d hits, %v", res.Total, err)
	}
	after, _ := ix.Stats()
	if after.Documents != before.Documents {
		t.Errorf("documents %d → %d", before.Documents, after.Documents)
	}
	want := countTaggedSentences(t, append(docs[:4:4], &changed))
	if after.Sentences != want {
		t.Errorf("sentence documents = %d, want %d", after.Sentences, want)
	}
	// The same id twice in one update: the last wins.
	again := changed
	again.Text += "\n\nA further patient had grade 4 ICANS."
	st, err = ix.Update(ctx, seqOf(items(t, []*corpus.Document{&changed, &again})))
	if err != nil || st.Updated != 1 {
		t.Fatalf("same id twice: %+v, %v", st, err)
	}
	d, err := ix.Document(changed.ID)
	if err != nil || d.Text != again.Text {
		t.Fatalf("same id twice: stored text is not the last one (%v)", err)
	}
	if after, _ := ix.Stats(); after.Sentences != countTaggedSentences(t, append(docs[:4:4], &again)) {
		t.Errorf("same id twice: %d sentence documents", after.Sentences)
	}
}

// countTaggedSentences counts the sentences that get a sentence document.
func countTaggedSentences(t *testing.T, docs []*corpus.Document) uint64 {
	var n uint64
	for _, it := range items(t, docs) {
		for _, s := range it.Result.Sentences {
			if len(s.Tags) > 0 && s.Section.CountsForFacets() {
				n++
			}
		}
	}
	return n
}

func TestUpdateCancelled(t *testing.T) {
	ix, _ := buildIndex(t, loadDocs(t, seedsDir)[:1])
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.TagAndUpdate(ctx, testrules.Default(t), seqOf(loadDocs(t, seedsDir)), 2)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled update: %v", err)
	}
}

func TestPrune(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	ix, _ := buildIndex(t, docs)
	gone := map[string]bool{docs[1].Source: true, docs[3].Source: true}
	n, err := ix.Prune(func(id, source string) bool { return !gone[source] })
	if err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v; want 2", n, err)
	}
	st, _ := ix.Stats()
	if st.Documents != 3 {
		t.Errorf("%d documents after pruning 2 of 5", st.Documents)
	}
	if st.Sentences != countTaggedSentences(t, []*corpus.Document{docs[0], docs[2], docs[4]}) {
		t.Errorf("%d sentence documents left", st.Sentences)
	}
	if _, err := ix.Document(docs[1].ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("pruned document: %v, want ErrNotFound", err)
	}
	if n, err := ix.Prune(func(string, string) bool { return true }); err != nil || n != 0 {
		t.Errorf("Prune keeping all = %d, %v", n, err)
	}
}

func TestDocumentRoundTrip(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	ix, _ := buildIndex(t, docs)
	for _, it := range items(t, docs) {
		want := it.Result
		d, err := ix.Document(want.Document.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Hash != it.Hash || d.RulesFingerprint != ix.Meta().RulesFingerprint {
			t.Errorf("%s: hash %q, rules %q", d.ID, d.Hash, d.RulesFingerprint)
		}
		got := d.Result()
		if *got.Document != *want.Document {
			t.Errorf("%s: document %+v, want %+v", d.ID, got.Document, want.Document)
		}
		if g, w := mustJSON(t, noEmptyTags(got.Sentences)), mustJSON(t, noEmptyTags(want.Sentences)); g != w {
			t.Errorf("%s: sentences differ after the round trip", d.ID)
		}
		if g, w := mustJSON(t, got.Facets), mustJSON(t, want.Facets); g != w {
			t.Errorf("%s: facets %s, want %s", d.ID, g, w)
		}
	}
	for _, id := range []string{"nope", "", sentenceID(docs[0].ID, 1)} {
		if _, err := ix.Document(id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Document(%q): %v, want ErrNotFound", id, err)
		}
	}
}

// noEmptyTags writes empty tag lists as nil: the index does not keep the difference.
func noEmptyTags(ss []classifier.Sentence) []classifier.Sentence {
	out := slices.Clone(ss)
	for i := range out {
		if len(out[i].Tags) == 0 {
			out[i].Tags = nil
		}
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBadIDs(t *testing.T) {
	ix, _ := buildIndex(t, loadDocs(t, seedsDir)[:1])
	for _, id := range []string{"", "a\x00b"} {
		r := &classifier.Result{Document: &corpus.Document{ID: id, Text: "x", Source: "s"}}
		if _, err := ix.Update(context.Background(), seqOf([]Item{{Result: r, Hash: "h"}})); err == nil {
			t.Errorf("Update accepted id %q", id)
		}
	}
	if _, err := ix.Search(context.Background(), Query{Filters: []Filter{{Facet: "nope", Value: "x"}}}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("unknown facet: %v, want ErrBadQuery", err)
	}
	if _, err := ix.Search(context.Background(), Query{Facets: []string{"nope"}}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("unknown facet count: %v, want ErrBadQuery", err)
	}
	if _, err := ix.Search(context.Background(), Query{Text: "title:\"unclosed"}); !errors.Is(err, ErrBadQuery) {
		t.Errorf("bad syntax: %v, want ErrBadQuery", err)
	}
}

func TestLocked(t *testing.T) {
	ix, dir := buildIndex(t, loadDocs(t, seedsDir)[:1])
	start := time.Now()
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("a second Open of an open index succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("ErrLocked took %v", d)
	}
	if err := Remove(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("Remove of an open index: %v, want ErrLocked", err)
	}
	// The first Index still works, and after Close the folder opens again.
	if _, err := ix.Search(context.Background(), Query{}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	again, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestNotIndex(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	other := filepath.Join(tmp, "other")
	os.MkdirAll(filepath.Join(other, "sub"), 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("keep me"), 0o644)
	for _, dir := range []string{filepath.Join(tmp, "missing"), file, t.TempDir(), other} {
		if _, err := Open(dir); !errors.Is(err, ErrNotIndex) {
			t.Errorf("Open(%s): %v, want ErrNotIndex", dir, err)
		}
		if err := Remove(dir); !errors.Is(err, ErrNotIndex) && !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Remove(%s): %v, want ErrNotIndex", dir, err)
		}
	}
	if _, err := os.Stat(filepath.Join(other, "notes.txt")); err != nil {
		t.Errorf("a failed Open or Remove touched a folder that is no index: %v", err)
	}
	if _, err := Create(other, defaultMeta(t)); !errors.Is(err, ErrExists) {
		t.Errorf("Create in a non-empty folder: %v, want ErrExists", err)
	}
}

// TestCorrupt damages copies of an index in several ways, in an index of one shard and in
// one shard of an index of three: each must fail to open with ErrCorrupt and leave every
// file as it was.
func TestCorrupt(t *testing.T) {
	for _, shards := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d shards", shards), func(t *testing.T) { testCorrupt(t, shards) })
	}
}

func testCorrupt(t *testing.T, shards int) {
	src := filepath.Join(t.TempDir(), "src")
	meta := defaultMeta(t)
	meta.Shards = shards
	ix, err := Create(src, meta)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Update(context.Background(), seqOf(items(t, loadDocs(t, seedsDir)))); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The folder damaged: the index's own, or its second shard's.
	damaged := func(dir string) string {
		if shards == 1 {
			return dir
		}
		return shardDir(dir, 1)
	}

	garbage := []byte("this is not what the file held \x00\x01\x02\x03 garbage garbage garbage")
	damage := map[string]func(t *testing.T, dir string){
		"garbage in index_meta.json": func(t *testing.T, dir string) {
			writeAt(t, filepath.Join(damaged(dir), bleveMetaFile), 0, garbage)
		},
		"garbage in root.bolt": func(t *testing.T, dir string) {
			// Over both of bolt's meta pages: with one left, bolt recovers by itself.
			writeAt(t, filepath.Join(damaged(dir), bleveStoreDir, bleveRootBolt), 0, bytes.Repeat(garbage, 16<<10/len(garbage)+1))
		},
		"segment missing": func(t *testing.T, dir string) {
			if err := os.Remove(largestSegment(t, damaged(dir))); err != nil {
				t.Fatal(err)
			}
		},
	}
	if shards > 1 {
		damage["shard missing"] = func(t *testing.T, dir string) {
			if err := os.RemoveAll(damaged(dir)); err != nil {
				t.Fatal(err)
			}
		}
		damage["garbage in the shards file"] = func(t *testing.T, dir string) {
			writeAt(t, filepath.Join(dir, shardsFile), 0, garbage)
		}
		damage["shards file missing"] = func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, shardsFile)); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, fn := range damage {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			copyDir(t, src, dir)
			fn(t, dir)
			before := hashTree(t, dir)
			ix, err := Open(dir)
			if err == nil {
				ix.Close()
				t.Fatal("a damaged index opened")
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open: %v, want ErrCorrupt", err)
			}
			if _, err := OpenOrCreate(dir, defaultMeta(t)); !errors.Is(err, ErrCorrupt) {
				t.Fatalf("OpenOrCreate: %v, want ErrCorrupt", err)
			}
			if after := hashTree(t, dir); !maps.Equal(before, after) {
				t.Errorf("opening changed the files:\nbefore %v\nafter  %v", before, after)
			}
			if err := Remove(dir); err != nil {
				t.Errorf("Remove of a corrupt index: %v", err)
			}
		})
	}
}

func writeAt(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// largestSegment returns the largest segment file of the index's current snapshot.
func largestSegment(t *testing.T, dir string) string {
	t.Helper()
	bi, err := openBleve(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	defer bi.Close()
	adv, err := bi.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var segs []string
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		segs = append(segs, ss.Segment().(interface{ Path() string }).Path())
	}
	if len(segs) == 0 {
		t.Fatal("no segment files")
	}
	slices.SortFunc(segs, func(a, b string) int {
		sa, _ := os.Stat(a)
		sb, _ := os.Stat(b)
		return int(sb.Size() - sa.Size())
	})
	return segs[0]
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// hashTree maps each file under dir to a hash of its content.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, f := range readIndexFiles(t, dir) {
		out[f.rel] = sha256.Sum256(f.data)
	}
	return out
}

// TestConcurrentUse searches from several goroutines while documents are updated and
// pruned; run it with -race.
func TestConcurrentUse(t *testing.T) {
	docs := loadDocs(t, seedsDir)
	ix, _ := buildIndex(t, docs[:2])
	ctx := context.Background()
	done := make(chan struct{})
	errs := make(chan error, 8)
	for g := range 4 {
		go func() {
			queries := []Query{
				{Text: "CAR-T"},
				{Filters: []Filter{{Facet: "icans", Value: "absent"}}},
				{Filters: []Filter{{Facet: "crs_grade", Value: "1"}, {Facet: "antigen", Value: "BCMA"}}, SameSentence: true},
			}
			for i := 0; ; i++ {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				if _, err := ix.Search(ctx, queries[(g+i)%len(queries)]); err != nil {
					errs <- err
					return
				}
				if _, err := ix.Document(docs[0].ID); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for range 3 {
		if _, err := ix.TagAndUpdate(ctx, testrules.Default(t), seqOf(docs), 2); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.Prune(func(id, _ string) bool { return id != docs[4].ID }); err != nil {
			t.Fatal(err)
		}
	}
	close(done)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenReadOnly(t *testing.T) {
	ix, dir := buildIndex(t, loadDocs(t, seedsDir))
	if _, err := OpenReadOnly(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("OpenReadOnly while a writer has it: %v, want ErrLocked", err)
	}
	ix.Close()
	before := hashTree(t, dir)
	r1, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	defer r2.Close()
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Fatalf("Open while readers have it: %v, want ErrLocked", err)
	}
	res, err := r2.Search(context.Background(), Query{Filters: []Filter{{Facet: "antigen", Value: "CD20"}}})
	if err != nil || res.Total != 1 {
		t.Fatalf("read-only search: %+v, %v", res, err)
	}
	if _, err := r1.Update(context.Background(), seqOf(items(t, loadDocs(t, seedsDir)[:1]))); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Update on a read-only index: %v, want ErrReadOnly", err)
	}
	if _, err := r1.Prune(func(string, string) bool { return false }); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Prune on a read-only index: %v, want ErrReadOnly", err)
	}
	if err := r1.SetMeta(r1.Meta()); !errors.Is(err, ErrReadOnly) {
		t.Errorf("SetMeta on a read-only index: %v, want ErrReadOnly", err)
	}
	r1.Close()
	r2.Close()
	if !maps.Equal(before, hashTree(t, dir)) {
		t.Error("read-only use changed the index's files")
	}
}
