package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/index"
)

const seed000 = "000_7842d42057d300b0"

// ---- helpers ----

// indexInto runs "trialtag index --index DIR ARGS..." with an empty configuration.
func indexInto(tb testing.TB, dir string, args ...string) cliResult {
	tb.Helper()
	return runCLI(tb, "", cfgArgs(tb, append([]string{"index", "--index", dir}, args...)...)...)
}

// indexSeeds indexes the seeds into a new index folder and returns the folder.
func indexSeeds(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "index")
	r := indexInto(tb, dir, seedsDir)
	wantCode(tb, r, exitOK)
	wantContains(tb, "stdout", r.stdout, "5 added, 0 updated, 0 unchanged, 0 skipped", "the index holds 5 documents")
	return dir
}

// searchIn runs "trialtag search --index DIR ARGS..." with an empty configuration.
func searchIn(tb testing.TB, dir string, args ...string) cliResult {
	tb.Helper()
	return runCLI(tb, "", cfgArgs(tb, append([]string{"search", "--index", dir}, args...)...)...)
}

// searchJSON runs a search with --format json and decodes it.
func searchJSON(tb testing.TB, dir string, args ...string) (*index.Response, cliResult) {
	tb.Helper()
	r := searchIn(tb, dir, append(args, "--format", "json")...)
	wantCode(tb, r, exitOK)
	var resp index.Response
	if err := json.Unmarshal([]byte(r.stdout), &resp); err != nil {
		tb.Fatalf("decoding the search JSON: %v\n%s", err, r.stdout)
	}
	return &resp, r
}

func responseIDs(r *index.Response) []string {
	ids := []string{}
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// snapshot hashes every file under dir, to show that a command left an index untouched.
func snapshot(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		sum := sha256.Sum256(readFile(tb, p))
		out[p] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func wantUntouched(tb testing.TB, before map[string]string, dir string) {
	tb.Helper()
	after := snapshot(tb, dir)
	if len(after) != len(before) {
		tb.Errorf("the index folder held %d files, now %d", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			tb.Errorf("%s changed or went away", p)
		}
	}
}

// copySeeds copies the seed documents into a new folder.
func copySeeds(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, id := range seedIDs(tb) {
		writeFile(tb, dir, id+".txt", string(readFile(tb, seedPath(id))))
	}
	return dir
}

// ---- search ----

// TestSearchSeeds holds the expectations over the seeds, through the CLI.
func TestSearchSeeds(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	tagged := map[string]bool{}
	for _, d := range decodeJSONL(t, runTag(t, "--format", "jsonl", seedsDir).stdout) {
		tagged[d.ID] = true
	}
	tests := []struct {
		name  string
		args  []string
		check func(t *testing.T, r *index.Response)
	}{
		{"grade 2 CRS tocilizumab ranks 004 first", []string{"grade 2 CRS tocilizumab"}, func(t *testing.T, r *index.Response) {
			if ids := responseIDs(r); len(ids) == 0 || ids[0] != seed004 {
				t.Errorf("hits %q, want %s first", ids, seed004)
			}
			var got []string
			for _, f := range r.Interpretation.Filters {
				got = append(got, f.Filter.String())
			}
			if want := []string{"crs_grade=2", "toxicity_treatment=tocilizumab"}; !slices.Equal(got, want) {
				t.Errorf("interpretation %q, want %q (not three loose words)", got, want)
			}
			if r.Interpretation.Text != "" {
				t.Errorf("free text %q, want none", r.Interpretation.Text)
			}
		}},
		{"two words as one argument each", []string{"grade", "2", "CRS", "tocilizumab"}, func(t *testing.T, r *index.Response) {
			if r.Query != "grade 2 CRS tocilizumab" || len(r.Hits) == 0 || r.Hits[0].ID != seed004 {
				t.Errorf("query %q, hits %q", r.Query, responseIDs(r))
			}
		}},
		{"the crs_grade facet over the seeds", []string{"*", "--facets", "crs_grade"}, func(t *testing.T, r *index.Response) {
			want := []index.FacetCount{{Value: "1", Count: 4}, {Value: "2", Count: 2}}
			if r.Total != 5 || !slices.Equal(r.Facets["crs_grade"], want) {
				t.Errorf("total %d, crs_grade %v; want 5 documents and %v", r.Total, r.Facets["crs_grade"], want)
			}
		}},
		{"--filter antigen=CD20 returns only 000", []string{"*", "--filter", "antigen=CD20"}, func(t *testing.T, r *index.Response) {
			if ids := responseIDs(r); !slices.Equal(ids, []string{seed000}) {
				t.Errorf("hits %q, want only %s", ids, seed000)
			}
		}},
		{"a filter alone", []string{"--filter", "antigen=CD20", "--filter", "crs=present"}, func(t *testing.T, r *index.Response) {
			if ids := responseIDs(r); !slices.Equal(ids, []string{seed000}) {
				t.Errorf("hits %q, want only %s", ids, seed000)
			}
		}},
		{"no ICANS returns the four documents whose icans is absent", []string{"no ICANS"}, func(t *testing.T, r *index.Response) {
			ids := responseIDs(r)
			slices.Sort(ids)
			if want := []string{seed000, "001_7c1521d75b74a78c", "003_712c9c4fc3fafea0", seed004}; !slices.Equal(ids, want) {
				t.Errorf("hits %q, want %q", ids, want)
			}
			if f := r.Interpretation.Filters; len(f) != 1 || f[0].Filter.String() != "icans=absent" {
				t.Errorf("interpretation %+v, want icans=absent", f)
			}
		}},
		{"--literal keeps free text only", []string{"--literal", "grade 2 CRS tocilizumab"}, func(t *testing.T, r *index.Response) {
			in := r.Interpretation
			if !in.Literal || len(in.Filters) != 0 || in.Text != "grade 2 CRS tocilizumab" {
				t.Errorf("interpretation %+v, want literal free text only", in)
			}
			if ids := responseIDs(r); len(ids) == 0 || ids[0] != seed004 {
				t.Errorf("hits %q, want %s first", ids, seed004)
			}
		}},
		{"query-string syntax passes through", []string{"+crs_grade:2 +antigen:CD19"}, func(t *testing.T, r *index.Response) {
			if !r.Interpretation.Syntax || !slices.Equal(responseIDs(r), []string{seed004}) {
				t.Errorf("syntax %v, hits %q", r.Interpretation.Syntax, responseIDs(r))
			}
		}},
		{"--limit and --offset", []string{"*", "--limit", "2", "--offset", "1", "--facets", "none"}, func(t *testing.T, r *index.Response) {
			if r.Total != 5 || len(r.Hits) != 2 || len(r.Facets) != 0 {
				t.Errorf("total %d, %d hits, facets %v; want 5, 2, none", r.Total, len(r.Hits), r.Facets)
			}
		}},
		{"--same-sentence", []string{"CRS tocilizumab", "--same-sentence"}, func(t *testing.T, r *index.Response) {
			for _, h := range r.Hits {
				if len(h.Sentences) == 0 {
					t.Errorf("hit %s shows no sentence", h.ID)
				}
			}
		}},
	}
	for _, tt := range tests {
		// One index, one process at a time: these run in turn.
		t.Run(tt.name, func(t *testing.T) {
			r, res := searchJSON(t, dir, tt.args...)
			if res.stderr != "" {
				t.Errorf("stderr: %s", res.stderr)
			}
			for _, h := range r.Hits {
				if !tagged[h.ID] {
					t.Errorf("hit id %q is not an id trialtag tag gives", h.ID)
				}
				if h.Facets == nil || h.Sentences == nil || h.Source == "" {
					t.Errorf("hit %s lacks facets, sentences or source", h.ID)
				}
			}
			tt.check(t, r)
		})
	}

	t.Run("text output", func(t *testing.T) {
		r := searchIn(t, dir, "grade 2 CRS tocilizumab")
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout,
			`query "grade 2 CRS tocilizumab" read as:`, "crs_grade=2", `from "grade 2 CRS"`, "toxicity_treatment=tocilizumab",
			"1. "+seed004, "score ", "[Tocilizumab]", "crs_grade:          1, 2", "\nfacets\n")
	})
	t.Run("text output, literal", func(t *testing.T) {
		r := searchIn(t, dir, "--literal", "tocilizumab", "--facets", "none")
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, `query "tocilizumab", read literally: free text "tocilizumab"`)
		if strings.Contains(r.stdout, "toxicity_treatment=tocilizumab") || strings.Contains(r.stdout, "\nfacets\n") {
			t.Errorf("a literal search shows an interpretation or facets:\n%s", r.stdout)
		}
	})
	t.Run("nothing matches", func(t *testing.T) {
		r := searchIn(t, dir, "--literal", "zzzunknownword")
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "no documents match")
	})
}

func TestSearchErrors(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown facet in --filter", []string{"CRS", "--filter", "colour=red"}, []string{`unknown facet "colour"`, "antigen, crs"}},
		{"--filter without a value", []string{"CRS", "--filter", "antigen"}, []string{"want facet=value"}},
		{"unknown facet in --facets", []string{"CRS", "--facets", "crs,colour"}, []string{`unknown facet "colour"`}},
		{"no query", nil, []string{"give a QUERY"}},
		{"blank query", []string{"  "}, []string{"give a QUERY"}},
		{"--format", []string{"CRS", "--format", "xml"}, []string{`--format "xml"`}},
		{"--limit 0", []string{"CRS", "--limit", "0"}, []string{"search_limit: 0"}},
		{"bad query syntax", []string{`title:"unclosed`}, []string{"unterminated quote"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := searchIn(t, dir, tt.args...)
			wantCode(t, r, exitUsage)
			wantContains(t, "stderr", r.stderr, tt.want...)
			if r.stdout != "" {
				t.Errorf("stdout: %s", r.stdout)
			}
		})
	}
}

func TestSearchBuildsTheIndexFirst(t *testing.T) {
	t.Parallel()
	abs, err := filepath.Abs(seedsDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "state", "index")
	cfg := writeConfig(t, "corpus: "+strconv.Quote(abs)+"\nindex: "+strconv.Quote(dir)+"\n")
	r := runCLI(t, "", "--config", cfg, "search", "grade 2 CRS tocilizumab", "--format", "json")
	wantCode(t, r, exitOK)
	wantContains(t, "stderr", r.stderr, "no index in "+dir+" yet: indexing "+abs+" first", "5 added")
	var resp index.Response
	if err := json.Unmarshal([]byte(r.stdout), &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Hits) == 0 || resp.Hits[0].ID != seed004 {
		t.Errorf("hits %q, want %s first", responseIDs(&resp), seed004)
	}
	r = runCLI(t, "", "--config", cfg, "search", "no ICANS")
	wantCode(t, r, exitOK)
	if r.stderr != "" {
		t.Errorf("the second search says: %s", r.stderr)
	}

	t.Run("without a corpus folder", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "index")
		cfg := writeConfig(t, "corpus: "+strconv.Quote(filepath.Join(t.TempDir(), "missing"))+"\nindex: "+strconv.Quote(dir)+"\n")
		r := runCLI(t, "", "--config", cfg, "search", "CRS")
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "no index in "+dir+" yet, and cannot build one", "corpus folder")
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s was created", dir)
		}
	})
}

// ---- index ----

func TestIndexIncremental(t *testing.T) {
	t.Parallel()
	docs := copySeeds(t)
	dir := filepath.Join(t.TempDir(), "index")
	step := func(t *testing.T, code int, args []string, stdout ...string) cliResult {
		t.Helper()
		r := indexInto(t, dir, args...)
		wantCode(t, r, code)
		wantContains(t, "stdout", r.stdout, stdout...)
		return r
	}
	total := func(t *testing.T, args ...string) *index.Response {
		t.Helper()
		r, _ := searchJSON(t, dir, append([]string{"*", "--facets", "none"}, args...)...)
		return r
	}

	step(t, exitOK, []string{docs}, "5 added, 0 updated, 0 unchanged, 0 skipped")
	step(t, exitOK, []string{docs}, "0 added, 0 updated, 5 unchanged, 0 skipped")

	p := filepath.Join(docs, seed004+".txt")
	writeFile(t, docs, seed004+".txt", string(readFile(t, p))+"\nGrade 4 CRS occurred in one patient.\n")
	writeFile(t, docs, "new.txt", goodText)
	step(t, exitOK, []string{docs}, "1 added, 1 updated, 4 unchanged, 0 skipped")
	if r := total(t, "--filter", "crs_grade=4"); !slices.Equal(responseIDs(r), []string{seed004}) {
		t.Errorf("after the edit, crs_grade=4 finds %q", responseIDs(r))
	}

	writeFile(t, docs, "binary.txt", "\x00\x01")
	r := step(t, exitSkipped, []string{docs}, "0 added, 0 updated, 6 unchanged, 1 skipped (1 binary file)")
	wantContains(t, "stderr", r.stderr, "binary.txt: skipped: binary file")
	os.Remove(filepath.Join(docs, "binary.txt"))

	// --prune: only documents under the given paths whose files are gone.
	other := writeFile(t, t.TempDir(), "other.txt", goodText)
	step(t, exitOK, []string{other}, "1 added")
	if err := os.Remove(filepath.Join(docs, "new.txt")); err != nil {
		t.Fatal(err)
	}
	step(t, exitOK, []string{docs}, "0 added, 0 updated, 5 unchanged")
	if r := total(t); r.Total != 7 {
		t.Errorf("without --prune the index holds %d documents, want 7", r.Total)
	}
	step(t, exitOK, []string{"--prune", docs}, "5 unchanged, 0 skipped, 1 pruned", "the index holds 6 documents")
	if err := os.Remove(other); err != nil {
		t.Fatal(err)
	}
	step(t, exitOK, []string{"--prune", docs}, "5 unchanged, 0 skipped\n", "the index holds 6 documents")

	// A rule change re-tags what it must: without "neurotoxicity", 004's "No neurotoxicity
	// was observed." no longer makes its icans absent.
	rules := copyRules(t, "icans.yaml", "\n        - neurotoxicity\n", "\n")
	r = step(t, exitOK, []string{"--rules", rules, filepath.Join(docs, seed004+".txt")}, "0 added, 1 updated, 0 unchanged")
	wantContains(t, "stderr", r.stderr, "the rules changed since", "5 documents of other paths are still tagged with older rules")
	r = step(t, exitOK, []string{"--rules", rules, docs}, "0 added, 4 updated, 1 unchanged")
	wantContains(t, "stderr", r.stderr, "1 document of another path is still tagged with older rules")
	res, out := searchJSON(t, dir, "no ICANS", "--rules", rules)
	if ids := responseIDs(res); slices.Contains(ids, seed004) || !slices.Contains(ids, seed000) {
		t.Errorf("with the changed rules, no ICANS finds %q, want %s and not %s", ids, seed000, seed004)
	}
	if out.stderr != "" {
		t.Errorf("stderr: %s", out.stderr)
	}

	// The index is now stale for the built-in rules: search says so, and still answers.
	_, out = searchJSON(t, dir, "no ICANS")
	wantContains(t, "stderr", out.stderr, "note: index "+dir+" was tagged with other rules than those in use", "trialtag index")

	step(t, exitOK, []string{"--reindex", docs}, "5 added, 0 updated, 0 unchanged", "the index holds 5 documents")
	if r := total(t); r.Total != 5 {
		t.Errorf("after --reindex the index holds %d documents, want 5", r.Total)
	}
}

func TestIndexErrorsLeaveTheIndexAlone(t *testing.T) {
	t.Parallel()
	commands := [][]string{
		{"search", "CRS"},
		{"index", seedsDir},
		{"serve", "--addr", "127.0.0.1:0"},
	}
	runAll := func(t *testing.T, dir string, want ...string) {
		t.Helper()
		for _, args := range commands {
			full := append([]string{args[0], "--index", dir}, args[1:]...)
			r := runCLI(t, "", cfgArgs(t, full...)...)
			wantCode(t, r, exitUsage)
			wantContains(t, args[0]+" stderr", r.stderr, want...)
		}
	}

	t.Run("locked", func(t *testing.T) {
		t.Parallel()
		dir := indexSeeds(t)
		ix, err := index.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		// The open Index of this test may write its root.bolt itself; the segments and the
		// documents show that the commands left the index alone.
		before := snapshot(t, dir)
		for p := range before {
			if filepath.Base(p) == "root.bolt" { // of the index, or of each of its shards
				delete(before, p)
			}
		}
		runAll(t, dir, "index is locked", `a running "trialtag serve"?`)
		r := indexInto(t, dir, "--reindex", seedsDir)
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "locked")
		after := snapshot(t, dir)
		for p, h := range before {
			if after[p] != h {
				t.Errorf("%s changed or went away", p)
			}
		}
		if st, err := ix.Stats(); err != nil || st.Documents != 5 {
			t.Errorf("the index holds %d documents (%v), want 5", st.Documents, err)
		}
	})

	t.Run("corrupt", func(t *testing.T) {
		t.Parallel()
		dir := indexSeeds(t)
		segs, err := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
		if more, _ := filepath.Glob(filepath.Join(dir, "shard-*", "store", "*.zap")); err == nil {
			segs = append(segs, more...) // an index of several shards
		}
		if err != nil || len(segs) == 0 {
			t.Fatalf("no segment files in %s: %v", dir, err)
		}
		b := readFile(t, segs[0])
		b[len(b)/2] ^= 0xff
		if err := os.WriteFile(segs[0], b, 0o600); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, dir)
		runAll(t, dir, "index is corrupt", "left as it is", "trialtag index --reindex")
		wantUntouched(t, before, dir)

		// Rebuilt on request.
		r := indexInto(t, dir, "--reindex", seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "5 added")
		if res, _ := searchJSON(t, dir, "grade 2 CRS tocilizumab"); len(res.Hits) == 0 || res.Hits[0].ID != seed004 {
			t.Errorf("after --reindex: hits %q", responseIDs(res))
		}
	})

	t.Run("not an index", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		writeFile(t, dir, "notes.txt", "my notes\n")
		before := snapshot(t, dir)
		runAll(t, dir, "not a trialtag index")
		r := indexInto(t, dir, "--reindex", seedsDir)
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "not a trialtag index")
		wantUntouched(t, before, dir)
	})
}

// TestSearchMetadata: filters on what records say about themselves, sorting by date, the
// metadata line of a hit, and an error for a bad sort.
func TestSearchMetadata(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "index")
	wantCode(t, indexInto(t, dir, filepath.Join("..", "..", "index", "testdata", "meta", "docs")), exitOK)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"reviews excluded since 2023", []string{"*", "--filter", "publication_type!=Review", "--filter", "year>=2023"}, []string{"39100003"}},
		{"a publication type", []string{"--filter", "publication_type=review"}, []string{"39100002"}},
		{"newest first", []string{"*", "--sort", "newest", "--facets", "none"}, []string{"39100003", "39100002", "39100001", "NCT09100004"}},
		{"a date range", []string{"--filter", "date>=2023-07", "--filter", "date<2024"}, []string{"39100002"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := searchJSON(t, dir, tt.args...)
			if got := responseIDs(resp); !slices.Equal(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}
	r := searchIn(t, dir, "--filter", "year=2021")
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "2021-03 · Invent Rheum · Case Reports · PMID 39100001 · PMC9100001 · doi: 10.9999/ir.2021.1")
	r = searchIn(t, dir, "*", "--sort", "best")
	wantCode(t, r, exitUsage)
	wantContains(t, "stderr", r.stderr, `sort "best": want relevance, newest, oldest, id or incidence`)
}

// TestSearchExport writes a search's hits, as indexed, in the export formats.
func TestSearchExport(t *testing.T) {
	t.Parallel()
	dir := indexSeeds(t)
	resp, _ := searchJSON(t, dir, "tocilizumab", "--limit", "3")
	ids := responseIDs(resp)
	if len(ids) == 0 {
		t.Fatal("no hits for tocilizumab")
	}
	// The documents as tagged, for their tags.
	var paths []string
	for _, id := range ids {
		paths = append(paths, seedPath(id))
	}
	jsonl := runTag(t, append([]string{"--format", "jsonl"}, paths...)...)
	wantCode(t, jsonl, exitOK)
	want := jsonlTags(t, jsonl.stdout)
	for _, format := range []string{"bioc-xml", "bioc-json", "pubtator"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			r := searchIn(t, dir, "tocilizumab", "--limit", "3", "--format", format)
			wantCode(t, r, exitOK)
			sameDocs(t, format, readExport(t, format, r.stdout), want)
		})
	}
	t.Run("brat", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "hits")
		r := searchIn(t, dir, "tocilizumab", "--limit", "3", "--format", "brat", "--out", out)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "wrote "+strconv.Itoa(len(ids))+" of ")
		for _, id := range ids {
			if _, err := os.Stat(filepath.Join(out, id+".ann")); err != nil {
				t.Error(err)
			}
		}
		again := searchIn(t, dir, "tocilizumab", "--format", "brat", "--out", out)
		wantCode(t, again, exitUsage)
		wantContains(t, "stderr", again.stderr, "folder is not empty")
	})
	t.Run("errors", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{{"--format", "brat"}, {"--format", "xml"}, {"--format", "json", "--out", t.TempDir()}} {
			r := searchIn(t, dir, append([]string{"tocilizumab"}, args...)...)
			wantCode(t, r, exitUsage)
		}
	})
}

// TestIndexShards: --shards sets the shard count of a new index; searches answer the same
// JSON whatever the count; an existing index keeps its count and says so when asked for
// another.
func TestIndexShards(t *testing.T) {
	t.Parallel()
	var answers []string
	for _, n := range []string{"1", "3"} {
		dir := filepath.Join(t.TempDir(), "index")
		r := indexInto(t, dir, "--shards", n, seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "5 added", "the index holds 5 documents")
		ix, err := index.OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := ix.Meta().Shards; strconv.Itoa(got) != n {
			t.Errorf("--shards %s built %d shards", n, got)
		}
		ix.Close()
		res, _ := searchJSON(t, dir, "grade 2 CRS tocilizumab", "--facets", "crs_grade,antigen")
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		answers = append(answers, string(b))
		if n == "3" {
			r := indexInto(t, dir, "--shards", "2", seedsDir)
			wantCode(t, r, exitOK)
			wantContains(t, "stderr", r.stderr, "has 3 shards, fixed when it was built: --reindex builds it with 2")
			r = indexInto(t, dir, "--reindex", "--shards", "2", seedsDir)
			wantCode(t, r, exitOK)
			ix, err := index.OpenReadOnly(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := ix.Meta().Shards; got != 2 {
				t.Errorf("--reindex --shards 2 built %d shards", got)
			}
			ix.Close()
		}
	}
	if answers[0] != answers[1] {
		t.Errorf("3 shards answer\n%s\n1 shard answers\n%s", answers[1], answers[0])
	}
}
