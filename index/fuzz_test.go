package index

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// maxErrorBytes bounds the message of an error about a user's input: it quotes at most an
// excerpt of it (issue 13, point 11).
const maxErrorBytes = 300

// FuzzParseFilter: a filter is either refused with ErrBadQuery in a short message, or read
// with a facet and a value, both trimmed and not empty, that its String gives back.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"antigen=CD19", "antigen!=BCMA", "crs_grade=≥2", "crs_grade>=3", "year<2020", "date>=2023-05",
		" disease = lupus nephritis ", "adverse_event=neutropenia: absent", "crs_grade=3+/negated",
		"antigen", "=CD19", "antigen=", "a!=", "!=b", "a! =b", "a> =b", "a=< b", "a==b", "a=b!=c",
		"a=>=2", "a!=>3", strings.Repeat("x", 200) + "=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("ParseFilter(%q): %v, want ErrBadQuery", s, err)
			}
			if len(err.Error()) > maxErrorBytes {
				t.Errorf("ParseFilter(%q): error of %d bytes: %.400s", s, len(err.Error()), err)
			}
			return
		}
		if flt.Facet == "" || flt.Value == "" || flt.Facet != strings.TrimSpace(flt.Facet) || flt.Value != strings.TrimSpace(flt.Value) {
			t.Fatalf("ParseFilter(%q) = %#v: an empty or untrimmed facet or value", s, flt)
		}
		again, err := ParseFilter(flt.String())
		if err != nil || again != flt {
			t.Fatalf("ParseFilter(%q) = %#v, whose String %q reads back as %#v, %v", s, flt, flt.String(), again, err)
		}
	})
}

// FuzzInterpret reads any query with the default rules. A query in query-string syntax
// (IsQuerySyntax) is passed on unread; otherwise every filter names a tag facet, has a value,
// reads back from its String as the page and the CLI write it (facet=value), and comes from
// words of the query; the free text left is words of the query; a percent bound is a percent
// and bounds an outcome filter.
func FuzzInterpret(f *testing.F) {
	for _, s := range []string{
		"", "grade 2 CRS tocilizumab", "no ICANS", "no grade ≥3 CRS", "grade ≥2 (n=12)", "CD19 CAR-T in lupus nephritis",
		"neutropenia in more than 10% of patients", "without neutropenia", "crs_grade:2", `"cytokine release"`,
		"+crs:present -icans:present", "tocilizumab*", "/(a+)+b/", "a~2", "((((", "is it CRS?", "CD19+ phase 1/2",
		"NCT05030779", "high-grade CRS and ICANS ≥ 3 > 50%", "toci\u00adlizumab\u200b", "\xff grade 2 CRS",
	} {
		f.Add(s)
	}
	in := NewInterpreter(testrules.Default(f))
	f.Fuzz(func(t *testing.T, q string) {
		syntax := IsQuerySyntax(q)
		if IsQuerySyntax(" \t"+q+"\n") != syntax {
			t.Errorf("IsQuerySyntax changes with the white space around %q", q)
		}
		if syntax && !strings.ContainsAny(q, `:"+-*~/`) {
			t.Errorf("IsQuerySyntax(%q) without any character of the syntax", q)
		}
		query, interp := in.Interpret(q)
		trimmed := strings.TrimSpace(q)
		if syntax && trimmed != "" {
			if !interp.Syntax || query.Text != trimmed || len(query.Filters) > 0 || len(interp.Filters) > 0 {
				t.Fatalf("query syntax %q was read: %+v, %+v", q, query, interp)
			}
			return
		}
		if interp.Syntax {
			t.Errorf("%q is not query syntax, but the interpretation says so", q)
		}
		if query.Text != interp.Text {
			t.Errorf("%q: the text run %q is not the text shown %q", q, query.Text, interp.Text)
		}
		for _, w := range strings.Fields(query.Text) {
			if !strings.Contains(q, w) {
				t.Errorf("%q: free-text word %q is not in the query", q, w)
			}
		}
		if len(query.Filters) != len(interp.Filters) {
			t.Fatalf("%q: %d filters run, %d shown", q, len(query.Filters), len(interp.Filters))
		}
		outcome := false
		for i, fi := range interp.Filters {
			flt := fi.Filter
			if query.Filters[i] != flt {
				t.Errorf("%q: filter %d run %v, shown %v", q, i, query.Filters[i], flt)
			}
			fc, ok := classifier.LookupFacet(flt.Facet)
			if !ok || !IsFacet(flt.Facet) {
				t.Errorf("%q: filter %v names no tag facet", q, flt)
			}
			outcome = outcome || ok && fc.Kind == classifier.Outcome
			if back, err := ParseFilter(flt.String()); err != nil || back != flt {
				t.Errorf("%q: filter %#v writes as %q, which reads back as %#v, %v", q, flt, flt.String(), back, err)
			}
			if fi.Text == "" || !strings.Contains(q, fi.Text) || fi.Rule == "" {
				t.Errorf("%q: filter %v from text %q (rule %q), not words of the query", q, flt, fi.Text, fi.Rule)
			}
		}
		if query.MinPercent != interp.MinPercent || query.MinPercent < 0 || query.MinPercent > 100 {
			t.Errorf("%q: percent bound %v run, %v shown", q, query.MinPercent, interp.MinPercent)
		}
		if query.MinPercent > 0 && (!outcome || !strings.Contains(q, interp.MinPercentText)) {
			t.Errorf("%q: percent bound %v (%q) without an outcome filter or its words", q, query.MinPercent, interp.MinPercentText)
		}
		if utf8.ValidString(q) && !utf8.ValidString(query.Text) {
			t.Errorf("%q: free text %q is not valid UTF-8", q, query.Text)
		}
	})
}

// update rebuilds testdata/small-index (TestSmallIndex).
var update = flag.Bool("update", false, "rebuild testdata/small-index")

// smallIndexDir holds the index that FuzzOpenDamaged damages: two short made-up documents
// indexed in two commits, so that bolt holds an older snapshot too. It is kept in testdata,
// not built by each run, so that a damaged input the fuzzer finds does the same damage when
// it runs again as a seed (no two builds lay out their files alike).
const smallIndexDir = "testdata/small-index"

// indexFile is one file of an index folder, held in memory.
type indexFile struct {
	rel  string // path in the folder
	data []byte
}

// readIndexFiles returns the files under dir in path order.
func readIndexFiles(tb testing.TB, dir string) []indexFile {
	tb.Helper()
	var files []indexFile
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files = append(files, indexFile{rel: rel, data: b})
		return nil
	})
	if err != nil || len(files) == 0 {
		tb.Fatalf("reading the index in %s: %d files, %v", dir, len(files), err)
	}
	return files
}

// writeIndexFiles writes files into dir.
func writeIndexFiles(tb testing.TB, dir string, files []indexFile) {
	tb.Helper()
	for _, file := range files {
		p := filepath.Join(dir, file.rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, file.data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// buildSmallIndex builds the index of smallIndexDir in a new folder and returns the folder.
func buildSmallIndex(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "index")
	docs := []*corpus.Document{
		{ID: "a", Text: "Grade 2 CRS occurred in 3 of 10 patients; tocilizumab was given.", Source: "a"},
		{ID: "b", Text: "No ICANS was seen after CD19 CAR-T cells.", Source: "b"},
	}
	for i, d := range docs {
		var ix *Index
		var err error
		if i == 0 {
			meta := defaultMeta(tb)
			meta.Shards = 1 // the one-store layout the damage tests name files of, on any machine
			ix, err = Create(dir, meta)
		} else {
			ix, err = Open(dir)
		}
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := ix.Update(context.Background(), seqOf(items(tb, []*corpus.Document{d}))); err != nil {
			tb.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// TestSmallIndex checks that the index FuzzOpenDamaged damages opens, holds its two
// documents and has this package's mapping version; -update rebuilds it.
func TestSmallIndex(t *testing.T) {
	if *update {
		built := readIndexFiles(t, buildSmallIndex(t))
		if err := os.RemoveAll(smallIndexDir); err != nil {
			t.Fatal(err)
		}
		writeIndexFiles(t, smallIndexDir, built)
	}
	dir := filepath.Join(t.TempDir(), "index")
	writeIndexFiles(t, dir, readIndexFiles(t, smallIndexDir))
	ix, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("%s: %v (rebuild it: go test ./index -run TestSmallIndex -update)", smallIndexDir, err)
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil || st.Documents != 2 || ix.Meta().MappingVersion != MappingVersion {
		t.Fatalf("%s: %+v, %v, mapping version %d; want 2 documents, version %d (rebuild it: go test ./index -run TestSmallIndex -update)",
			smallIndexDir, st, err, ix.Meta().MappingVersion, MappingVersion)
	}
}

// FuzzOpenDamaged damages one file of a small index (bytes XORed with patch at an offset,
// or the file cut there) and opens it: Open either works, and then the index answers a
// search and its stats, or says ErrCorrupt or ErrNotIndex in one short line and leaves the
// files as they were. It never panics (bleve and bbolt do on some damage; index recovers).
func FuzzOpenDamaged(f *testing.F) {
	files := readIndexFiles(f, smallIndexDir)
	for i, file := range files {
		n := uint32(len(file.data))
		f.Add(uint8(i), uint32(0), []byte{0xff}, false)
		f.Add(uint8(i), n/2, []byte{0xff, 0x00, 0x13}, false)
		f.Add(uint8(i), n-n/4, []byte{0x01}, false)
		f.Add(uint8(i), n/2, []byte(nil), true)
	}
	f.Fuzz(func(t *testing.T, which uint8, at uint32, patch []byte, cut bool) {
		dir := filepath.Join(t.TempDir(), "index")
		damaged := int(which) % len(files)
		for i, file := range files {
			data := file.data
			if i == damaged {
				data = bytes.Clone(data)
				off := int(at % uint32(len(data)+1))
				if cut {
					data = data[:off]
				}
				for k := 0; k < len(patch) && off+k < len(data); k++ {
					data[off+k] ^= patch[k]
				}
			}
			writeIndexFiles(t, dir, []indexFile{{file.rel, data}})
		}
		before := hashTree(t, dir)
		ix, err := func() (ix *Index, err error) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("%s damaged: Open panicked: %v", files[damaged].rel, r)
				}
			}()
			return Open(dir)
		}()
		if err == nil {
			defer ix.Close()
			if _, err := ix.Stats(); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s damaged: Stats: %v", files[damaged].rel, err)
			}
			if _, err := ix.Search(context.Background(), Query{Text: "CRS"}); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s damaged: Search: %v", files[damaged].rel, err)
			}
			return
		}
		msg := strings.Replace(err.Error(), dir, "DIR", -1)
		switch {
		case !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotIndex):
			t.Errorf("%s damaged: Open: %v, want ErrCorrupt or ErrNotIndex", files[damaged].rel, msg)
		case strings.Contains(msg, "\n") || len(msg) > 600:
			t.Errorf("%s damaged: the error is not one short line: %.800s", files[damaged].rel, msg)
		}
		if after := hashTree(t, dir); !maps.Equal(before, after) {
			t.Errorf("%s damaged: opening changed the files", files[damaged].rel)
		}
	})
}
