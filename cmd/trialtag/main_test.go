package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Paths into the repository, relative to this package's folder (where go test runs).
const (
	seedsDir = "../../corpus/seeds"
	rulesDir = "../../rules"
	seed004  = "004_53fd14e8ab82a8c2"
)

// goodText is a small document that yields tags, used next to inputs that are skipped.
const goodText = "Grade 2 CRS occurred after CAR-T infusion; tocilizumab was given.\n"

func TestMain(m *testing.M) {
	// The environment the tests happen to run in must not configure the runs under test: the
	// TRIALTAG_<KEY> variables are cleared here, and the tests that need one set it with
	// t.Setenv.
	for _, k := range configKeys {
		os.Unsetenv("TRIALTAG_" + strings.ToUpper(k))
	}
	os.Exit(m.Run())
}

// ---- helpers ----

// cliResult is what one run of the command produced.
type cliResult struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command with args, stdin as its standard input.
func runCLI(tb testing.TB, stdin string, args ...string) cliResult {
	tb.Helper()
	var out, errOut bytes.Buffer
	code := run(tb.Context(), args, strings.NewReader(stdin), &out, &errOut)
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

// runTag runs "trialtag --config CFG tag ARGS..." with an empty configuration file of its own,
// so that no config.yaml in the working folder changes the result.
func runTag(tb testing.TB, args ...string) cliResult {
	tb.Helper()
	return runTagStdin(tb, "", args...)
}

func runTagStdin(tb testing.TB, stdin string, args ...string) cliResult {
	tb.Helper()
	return runCLI(tb, stdin, append([]string{"--config", writeConfig(tb, ""), "tag"}, args...)...)
}

// writeConfig writes a configuration file with body into a new temporary folder.
func writeConfig(tb testing.TB, body string) string {
	tb.Helper()
	return writeFile(tb, tb.TempDir(), "config.yaml", "# trialtag test configuration\n"+body)
}

// writeFile writes content to dir/name, creating folders as needed, and returns the path.
func writeFile(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// wantCode fails tb when the run did not exit with code, showing what it printed.
func wantCode(tb testing.TB, r cliResult, code int) {
	tb.Helper()
	if r.code != code {
		tb.Fatalf("exit code %d, want %d\nstderr:\n%s\nstdout (start):\n%.3000s", r.code, code, r.stderr, r.stdout)
	}
}

// wantContains fails tb unless s holds each of subs.
func wantContains(tb testing.TB, what, s string, subs ...string) {
	tb.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			tb.Errorf("%s does not contain %q; it is:\n%s", what, sub, s)
		}
	}
}

// seedPath is the path of a seed document by id.
func seedPath(id string) string { return filepath.Join(seedsDir, id+".txt") }

// seedIDs lists the seed documents' ids in file-name order.
func seedIDs(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(seedsDir)
	if err != nil {
		tb.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		ids = append(ids, strings.TrimSuffix(e.Name(), filepath.Ext(e.Name())))
	}
	if len(ids) != 5 {
		tb.Fatalf("%s holds %d documents, want the 5 seeds: %v", seedsDir, len(ids), ids)
	}
	return ids
}

// jsonDoc, jsonSentence and jsonTag are what a test reads back from --format jsonl.
type jsonDoc struct {
	ID        string              `json:"id"`
	Title     string              `json:"title"`
	Source    string              `json:"source"`
	Facets    map[string][]string `json:"facets"`
	Sentences []jsonSentence      `json:"sentences"`
}

type jsonSentence struct {
	Index   int       `json:"index"`
	Start   int       `json:"start"`
	End     int       `json:"end"`
	Section string    `json:"section"`
	Text    string    `json:"text"`
	Tags    []jsonTag `json:"tags"`
}

type jsonTag struct {
	Facet   string `json:"facet"`
	Value   string `json:"value"`
	Status  string `json:"status"`
	Cue     string `json:"cue"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Rule    string `json:"rule"`
	Section string `json:"section"`
}

var (
	docKeys      = []string{"facets", "id", "sentences", "source", "title"}
	sentenceKeys = []string{"end", "index", "section", "start", "tags", "text"}
	tagKeys      = []string{"end", "facet", "rule", "start", "status", "text", "value"} // at least
)

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// decodeJSONL parses --format jsonl output, checking each line's keys: exactly docKeys on a
// document, exactly sentenceKeys on a sentence, at least tagKeys on a tag, and lists (never
// null) for sentences and tags.
func decodeJSONL(tb testing.TB, out string) []jsonDoc {
	tb.Helper()
	if out == "" {
		return nil
	}
	var docs []jsonDoc
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			tb.Fatalf("line %d is not a JSON object: %v\n%.500s", i+1, err, line)
		}
		if got := sortedKeys(raw); !slices.Equal(got, docKeys) {
			tb.Errorf("line %d: keys %v, want %v", i+1, got, docKeys)
		}
		if string(raw["facets"]) == "null" {
			tb.Errorf("line %d: facets is null, want an object", i+1)
		}
		if s := string(raw["sentences"]); s == "null" {
			tb.Errorf("line %d: sentences is null, want a list", i+1)
		}
		var sents []map[string]json.RawMessage
		if err := json.Unmarshal(raw["sentences"], &sents); err != nil {
			tb.Fatalf("line %d: sentences: %v", i+1, err)
		}
		for j, s := range sents {
			if got := sortedKeys(s); !slices.Equal(got, sentenceKeys) {
				tb.Errorf("line %d sentence %d: keys %v, want %v", i+1, j, got, sentenceKeys)
			}
			if string(s["tags"]) == "null" {
				tb.Errorf("line %d sentence %d: tags is null, want a list", i+1, j)
			}
			var tags []map[string]json.RawMessage
			if err := json.Unmarshal(s["tags"], &tags); err != nil {
				tb.Fatalf("line %d sentence %d: tags: %v", i+1, j, err)
			}
			for k, tg := range tags {
				for _, key := range tagKeys {
					if _, ok := tg[key]; !ok {
						tb.Errorf("line %d sentence %d tag %d: no %q in %v", i+1, j, k, key, sortedKeys(tg))
					}
				}
			}
		}
		var d jsonDoc
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			tb.Fatalf("line %d: %v", i+1, err)
		}
		docs = append(docs, d)
	}
	return docs
}

func docIDs(docs []jsonDoc) []string {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids
}

func docByID(tb testing.TB, docs []jsonDoc, id string) jsonDoc {
	tb.Helper()
	for _, d := range docs {
		if d.ID == id {
			return d
		}
	}
	tb.Fatalf("no document %q among %v", id, docIDs(docs))
	return jsonDoc{}
}

// checkOffsets checks that every sentence and tag of d is the slice of text its offsets name,
// that sentences are numbered in order, and that tags lie inside their sentence.
func checkOffsets(tb testing.TB, d jsonDoc, text []byte) {
	tb.Helper()
	prevEnd := 0
	for i, s := range d.Sentences {
		if s.Index != i {
			tb.Errorf("%s: sentence %d has index %d", d.ID, i, s.Index)
		}
		if s.Start < prevEnd || s.Start > s.End || s.End > len(text) {
			tb.Errorf("%s: sentence %d: bad span [%d,%d) (previous end %d, text length %d)", d.ID, i, s.Start, s.End, prevEnd, len(text))
			continue
		}
		prevEnd = s.End
		if got := string(text[s.Start:s.End]); got != s.Text {
			tb.Errorf("%s: sentence %d: text %q, but bytes[%d:%d] are %q", d.ID, i, s.Text, s.Start, s.End, got)
		}
		if s.Section == "" {
			tb.Errorf("%s: sentence %d has no section", d.ID, i)
		}
		for _, tg := range s.Tags {
			if tg.Start < s.Start || tg.Start > tg.End || tg.End > s.End {
				tb.Errorf("%s: sentence %d: tag %s=%s span [%d,%d) is outside the sentence [%d,%d)", d.ID, i, tg.Facet, tg.Value, tg.Start, tg.End, s.Start, s.End)
				continue
			}
			if got := string(text[tg.Start:tg.End]); got != tg.Text {
				tb.Errorf("%s: sentence %d: tag %s=%s text %q, but bytes[%d:%d] are %q", d.ID, i, tg.Facet, tg.Value, tg.Text, tg.Start, tg.End, got)
			}
			switch tg.Status {
			case "affirmed":
			case "negated", "hypothetical", "generic":
				if tg.Cue == "" {
					tb.Errorf("%s: sentence %d: %s tag %s=%s names no cue", d.ID, i, tg.Status, tg.Facet, tg.Value)
				}
			default:
				tb.Errorf("%s: sentence %d: tag %s=%s has status %q", d.ID, i, tg.Facet, tg.Value, tg.Status)
			}
		}
	}
}

// ---- tag: output formats ----

// seedFacets is the table "The five seeds: expected document facets" of TAGS.md: for these
// facets the lists are exact (nil: the document has no such facet).
var seedFacets = []struct {
	id                                   string
	antigen, crs, crsGrade, icans, toxTx []string
	remission, adverseEvent, diseaseHas  []string
}{
	{
		id:      "000_7842d42057d300b0",
		antigen: []string{"BCMA", "CD20"}, crs: []string{"present"}, crsGrade: []string{"1", "2"},
		icans: []string{"absent"}, toxTx: []string{"supportive care"},
		remission:    []string{"complete response", "drug-free remission", "renal response"},
		adverseEvent: []string{"dose-limiting toxicity: absent"},
		diseaseHas:   []string{"inflammatory myopathy", "lupus nephritis", "multiple sclerosis", "NMOSD", "SLE"},
	},
	{
		id:      "001_7c1521d75b74a78c",
		antigen: []string{"BCMA", "CD19"}, crs: []string{"present"}, crsGrade: []string{"1"},
		icans: []string{"absent"}, toxTx: []string{"supportive care"},
		remission:    []string{"DORIS", "LLDAS"},
		adverseEvent: []string{"anemia", "dose-limiting toxicity: absent", "neutropenia", "thrombocytopenia", "treatment-related death: absent"},
		diseaseHas:   []string{"SLE"},
	},
	{
		id:         "002_05720a88e771276d",
		antigen:    []string{"BCMA", "CD19"},
		remission:  []string{"complete renal response", "complete response", "DORIS", "drug-free remission", "serological remission"},
		diseaseHas: []string{"lupus nephritis", "SLE"},
	},
	{
		id:      "003_712c9c4fc3fafea0",
		antigen: []string{"CD19"}, crs: []string{"present"}, crsGrade: []string{"1"}, icans: []string{"absent"},
		remission:  []string{"complete renal response", "partial response", "renal response"},
		diseaseHas: []string{"lupus nephritis", "SLE"},
	},
	{
		id:      seed004,
		antigen: []string{"BCMA", "CD19"}, crs: []string{"present"}, crsGrade: []string{"1", "2"},
		icans: []string{"absent"}, toxTx: []string{"corticosteroids", "supportive care", "tocilizumab"},
		adverseEvent: []string{"dose-limiting toxicity: absent", "lymphopenia", "neutropenia"},
		diseaseHas:   []string{"inflammatory myopathy", "lupus nephritis", "multiple myeloma", "SLE", "systemic sclerosis"},
	},
}

func TestTagJSONLSeeds(t *testing.T) {
	t.Parallel()
	r := runTag(t, "--format", "jsonl", seedsDir)
	wantCode(t, r, exitOK)
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
	if n := strings.Count(r.stdout, "\n"); n != 5 {
		t.Errorf("%d lines, want 5", n)
	}
	docs := decodeJSONL(t, r.stdout)
	ids := seedIDs(t)
	if got := docIDs(docs); !slices.Equal(got, ids) {
		t.Fatalf("ids %v, want %v (file-name order)", got, ids)
	}

	t.Run("sources and offsets", func(t *testing.T) {
		for _, d := range docs {
			if want := seedPath(d.ID); d.Source != want {
				t.Errorf("%s: source %q, want %q", d.ID, d.Source, want)
			}
			if len(d.Sentences) == 0 {
				t.Errorf("%s: no sentences", d.ID)
			}
			checkOffsets(t, d, readFile(t, seedPath(d.ID)))
		}
	})

	for _, want := range seedFacets {
		t.Run("facets/"+want.id, func(t *testing.T) {
			d := docByID(t, docs, want.id)
			for _, c := range []struct {
				facet string
				want  []string
			}{
				{"antigen", want.antigen}, {"crs", want.crs}, {"crs_grade", want.crsGrade},
				{"icans", want.icans}, {"toxicity_treatment", want.toxTx},
				{"remission", want.remission}, {"adverse_event", want.adverseEvent},
			} {
				if got := d.Facets[c.facet]; !slices.Equal(got, c.want) {
					t.Errorf("%s = %q, want %q (TAGS.md)", c.facet, got, c.want)
				}
			}
			for _, v := range want.diseaseHas {
				if !slices.Contains(d.Facets["disease"], v) {
					t.Errorf("disease %q lacks %q (TAGS.md)", d.Facets["disease"], v)
				}
			}
		})
	}
}

func TestTagCSV(t *testing.T) {
	t.Parallel()
	r := runTag(t, "--format", "csv", seedsDir)
	wantCode(t, r, exitOK)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	header := []string{"id", "sentence", "section", "facet", "value", "status", "cue", "start", "end", "text", "rule"}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		t.Fatalf("header %q, want %q", rows[:min(len(rows), 1)], header)
	}
	rows = rows[1:]
	if len(rows) == 0 {
		t.Fatal("no rows after the header")
	}

	// One row per tag, documents in input order, each row's text the bytes it names.
	ids := seedIDs(t)
	texts := map[string][]byte{}
	for _, id := range ids {
		texts[id] = readFile(t, seedPath(id))
	}
	lastDoc := 0
	found := false
	for i, row := range rows {
		id := row[0]
		k := slices.Index(ids, id)
		if k < 0 {
			t.Fatalf("row %d: unknown id %q", i+1, id)
		}
		if k < lastDoc {
			t.Errorf("row %d: %s after %s: not in input order", i+1, id, ids[lastDoc])
		}
		lastDoc = k
		start, err1 := strconv.Atoi(row[7])
		end, err2 := strconv.Atoi(row[8])
		if err1 != nil || err2 != nil || start > end || end > len(texts[id]) {
			t.Errorf("row %d: bad offsets %q, %q", i+1, row[7], row[8])
			continue
		}
		if got := string(texts[id][start:end]); got != row[9] {
			t.Errorf("row %d: text %q, but bytes[%d:%d] are %q", i+1, row[9], start, end, got)
		}
		if row[5] != "affirmed" && row[6] == "" {
			t.Errorf("row %d: %s tag without a cue: %q", i+1, row[5], row)
		}
		if id == seed004 && row[3] == "toxicity_treatment" && row[4] == "tocilizumab" && row[5] == "affirmed" {
			found = true
		}
	}
	if !found {
		t.Errorf("no affirmed toxicity_treatment=tocilizumab row for %s", seed004)
	}

	// The same tags as the JSONL output.
	j := runTag(t, "--format", "jsonl", seedsDir)
	wantCode(t, j, exitOK)
	tags := 0
	for _, d := range decodeJSONL(t, j.stdout) {
		for _, s := range d.Sentences {
			tags += len(s.Tags)
		}
	}
	if tags != len(rows) {
		t.Errorf("%d CSV rows, but the JSONL output holds %d tags", len(rows), tags)
	}
}

func TestTagTable(t *testing.T) {
	t.Parallel()
	r := runTag(t, "--format", "table", seedPath(seed004))
	wantCode(t, r, exitOK)
	out := r.stdout
	for _, re := range []string{
		`(?m)^` + seed004 + `$`,
		`(?m)^  source: ` + regexp.QuoteMeta(seedPath(seed004)) + `$`,
		`(?m)^  crs_grade:\s+1, 2$`,
		`(?m)^  toxicity_treatment:\s+corticosteroids, supportive care, tocilizumab$`,
		`(?m)^  icans:\s+absent$`,
		// "No neurotoxicity was observed." marks the negated span with [~...].
		`\[~neurotoxicity\]`,
		// "We conducted a phase 1, open-label ... trial to evaluate ..." is hypothetical.
		`\[\?phase 1\]`,
		`(?m)^      icans=present negated \(cue "[^"]+"\)`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("table output does not match %s", re)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("table output holds ANSI escapes, but stdout is not a terminal")
	}
	if t.Failed() {
		t.Logf("output:\n%s", out)
	}
}

func TestTagWorkersKeepOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var want []string
	for i := range 30 {
		id := fmt.Sprintf("doc_%02d", i)
		want = append(want, id)
		var b strings.Builder
		fmt.Fprintf(&b, "Document %d\n\n", i)
		// Sizes vary, so that with several workers later documents can finish first.
		for k := range 1 + (i*7)%11*2 {
			fmt.Fprintf(&b, "Grade %d CRS occurred after CAR-T infusion in %d patients; no ICANS was seen. ", k%4+1, k+i)
		}
		writeFile(t, dir, id+".txt", b.String())
	}
	var first string
	for _, workers := range []string{"1", "4", "8"} {
		t.Run("workers="+workers, func(t *testing.T) {
			r := runTag(t, "--format", "jsonl", "--workers", workers, dir)
			wantCode(t, r, exitOK)
			if got := docIDs(decodeJSONL(t, r.stdout)); !slices.Equal(got, want) {
				t.Errorf("ids %v,\nwant %v", got, want)
			}
			if first == "" {
				first = r.stdout
			} else if r.stdout != first {
				t.Error("output differs from the output with --workers 1")
			}
		})
	}
	t.Run("paths in argument order", func(t *testing.T) {
		order := []string{"doc_29", "doc_03", "doc_17", "doc_00"}
		args := []string{"--format", "jsonl", "--workers", "4"}
		for _, id := range order {
			args = append(args, filepath.Join(dir, id+".txt"))
		}
		r := runTag(t, args...)
		wantCode(t, r, exitOK)
		if got := docIDs(decodeJSONL(t, r.stdout)); !slices.Equal(got, order) {
			t.Errorf("ids %v, want %v", got, order)
		}
	})
}

func TestTagStdin(t *testing.T) {
	t.Parallel()
	const text = "After CAR-T infusion, no ICANS occurred. Grade 2 CRS was treated with tocilizumab.\n"
	good := writeFile(t, t.TempDir(), "good.txt", goodText)

	t.Run("jsonl", func(t *testing.T) {
		r := runTagStdin(t, text, "--format", "jsonl", "-")
		wantCode(t, r, exitOK)
		docs := decodeJSONL(t, r.stdout)
		if len(docs) != 1 {
			t.Fatalf("%d documents, want 1", len(docs))
		}
		d := docs[0]
		if d.ID != "stdin" || d.Source != "-" {
			t.Errorf("id %q source %q, want stdin and -", d.ID, d.Source)
		}
		checkOffsets(t, d, []byte(text))
		for facet, want := range map[string][]string{
			"icans":              {"absent"},
			"crs_grade":          {"2"},
			"toxicity_treatment": {"tocilizumab"},
		} {
			if got := d.Facets[facet]; !slices.Equal(got, want) {
				t.Errorf("%s = %q, want %q", facet, got, want)
			}
		}
	})
	t.Run("csv", func(t *testing.T) {
		r := runTagStdin(t, text, "--format", "csv", "-")
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "stdin,0,body,icans,present,negated,")
	})
	t.Run("safety with an adverse event's grade", func(t *testing.T) {
		r := runTagStdin(t, "After CAR-T cells, infections (40%; grade 3/4: 15%) were frequent.\n", "--format", "safety", "-")
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "id,facet,value,grade,status,n,of,percent,")
		wantContains(t, "stdout", r.stdout, "stdin,adverse_event,infection,,affirmed,,,40,")
		wantContains(t, "stdout", r.stdout, "stdin,adverse_event,infection,3-4,affirmed,,,15,")
	})
	t.Run("stdin among files", func(t *testing.T) {
		r := runTagStdin(t, text, "--format", "jsonl", good, "-", good)
		wantCode(t, r, exitOK)
		if got, want := docIDs(decodeJSONL(t, r.stdout)), []string{"good", "stdin", "good"}; !slices.Equal(got, want) {
			t.Errorf("ids %v, want %v", got, want)
		}
	})
	t.Run("empty", func(t *testing.T) {
		r := runTagStdin(t, "", "--format", "jsonl", "-")
		wantCode(t, r, exitOK)
		if want := `{"id":"stdin","title":"","source":"-","facets":{},"sentences":[]}` + "\n"; r.stdout != want {
			t.Errorf("stdout %q, want %q", r.stdout, want)
		}
	})
}

// ---- tag: skipped inputs (exit 1) ----

func TestTagSkippedInputs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		files   map[string]string // file name → content, in a new temporary folder
		args    func(dir string) []string
		config  string // configuration file body
		wantIDs []string
		// wantErr are the stderr lines (after "trialtag: " and the folder) that must appear.
		wantErr []string
	}{
		{
			name: "binary and non-UTF-8 files next to a good one",
			files: map[string]string{
				"a_good.txt":   goodText,
				"b_binary.txt": "PK\x03\x04\x00\x00\x00binary\x00content",
				"c_latin1.txt": "Caf\xe9 au lait: grade 2 CRS.\n",
			},
			args:    func(dir string) []string { return []string{dir} },
			wantIDs: []string{"a_good"},
			wantErr: []string{"b_binary.txt: skipped: binary file", "c_latin1.txt: skipped: not valid UTF-8"},
		},
		{
			name:    "a path that does not exist",
			files:   map[string]string{"a_good.txt": goodText},
			args:    func(dir string) []string { return []string{filepath.Join(dir, "nope.txt"), dir} },
			wantIDs: []string{"a_good"},
			wantErr: []string{"nope.txt: skipped: cannot read"},
		},
		{
			name: "a JSONL file with a malformed line",
			files: map[string]string{"records.jsonl": `{"id":"r1","title":"One","text":"Grade 1 CRS occurred."}` + "\n" +
				`{"id": broken` + "\n" +
				`{"id":"r3","text":"No ICANS occurred after CAR-T."}` + "\n"},
			args:    func(dir string) []string { return []string{dir} },
			wantIDs: []string{"r1", "r3"},
			wantErr: []string{"records.jsonl:2: skipped: "},
		},
		{
			name:    "--max-doc-size",
			files:   map[string]string{"a_small.txt": "CRS.\n", "b_big.txt": goodText},
			args:    func(dir string) []string { return []string{"--max-doc-size", "10B", dir} },
			wantIDs: []string{"a_small"},
			wantErr: []string{fmt.Sprintf("b_big.txt: skipped: document is %d bytes, over the limit of 10", len(goodText))},
		},
		{
			name:    "max_doc_size in the configuration",
			files:   map[string]string{"a_small.txt": "CRS.\n", "b_big.txt": goodText},
			config:  "max_doc_size: 10B\n",
			args:    func(dir string) []string { return []string{dir} },
			wantIDs: []string{"a_small"},
			wantErr: []string{fmt.Sprintf("b_big.txt: skipped: document is %d bytes, over the limit of 10", len(goodText))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, content := range tt.files {
				writeFile(t, dir, name, content)
			}
			args := append([]string{"--config", writeConfig(t, tt.config), "tag", "--format", "jsonl"}, tt.args(dir)...)
			r := runCLI(t, "", args...)
			wantCode(t, r, exitSkipped)
			if got := docIDs(decodeJSONL(t, r.stdout)); !slices.Equal(got, tt.wantIDs) {
				t.Errorf("printed %v, want %v", got, tt.wantIDs)
			}
			for _, w := range tt.wantErr {
				wantContains(t, "stderr", r.stderr, "trialtag: "+dir+string(filepath.Separator)+w)
			}
			wantContains(t, "stderr", r.stderr, fmt.Sprintf("skipped %d inputs", len(tt.wantErr)))
		})
	}
}

// TestTagMedlineJunk: lines of a MEDLINE export that are not MEDLINE are reported with
// their line and make the exit status 1, like a malformed JSON Lines record; the records
// around them are still tagged.
func TestTagMedlineJunk(t *testing.T) {
	t.Parallel()
	const rec = "PMID- 1\nTI  - Grade 1 CRS occurred.\nSO  - J. 2020.\n" // lines 1-3
	tests := []struct {
		name     string
		export   string
		wantCode int
		wantIDs  []string
		wantErr  []string // stderr lines, after "trialtag: " and the file's path
	}{
		{
			// After a field that is not kept (SO), junk was dropped without a word, exit 0.
			name:     "junk after the last field of a record",
			export:   rec + strings.Repeat("pasted junk\n", 1000) + "\nPMID- 2\nTI  - No ICANS occurred.\n",
			wantCode: exitSkipped,
			wantIDs:  []string{"1", "2"},
			wantErr:  []string{":4: skipped: 1000 lines (4 to 1003) are not MEDLINE fields", "skipped 1 inputs"},
		},
		{
			name:     "an empty PMID",
			export:   rec + "\nPMID- \nTI  - An orphan title.\nPMID- 3\nTI  - No ICANS occurred.\n",
			wantCode: exitSkipped,
			wantIDs:  []string{"1", "3"},
			wantErr:  []string{":5: skipped: MEDLINE record has an empty PMID", "skipped 1 inputs"},
		},
		{
			name:     "a clean export",
			export:   "\n" + rec + "\nPMID- 2\nTI  - No ICANS\n      occurred.\n\n",
			wantCode: exitOK,
			wantIDs:  []string{"1", "2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, t.TempDir(), "export.medline", tt.export)
			r := runTag(t, "--format", "jsonl", path)
			wantCode(t, r, tt.wantCode)
			var ids []string
			for line := range strings.Lines(r.stdout) {
				var d struct{ ID string }
				if err := json.Unmarshal([]byte(line), &d); err != nil {
					t.Fatalf("output line %q: %v", line, err)
				}
				ids = append(ids, d.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) {
				t.Errorf("tagged %v, want %v", ids, tt.wantIDs)
			}
			for _, w := range tt.wantErr {
				if strings.HasPrefix(w, ":") {
					w = "trialtag: " + path + w
				}
				wantContains(t, "stderr", r.stderr, w)
			}
			if len(tt.wantErr) == 0 && strings.Contains(r.stderr, "skipped") {
				t.Errorf("stderr reports a skip:\n%s", r.stderr)
			}
		})
	}
}

// ---- usage and configuration errors (exit 2) ----

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", goodText)
	notAFolder := writeFile(t, dir, "rules.yaml", "description: x\n")
	missing := filepath.Join(dir, "missing")
	tests := []struct {
		name       string
		args       []string
		wantStderr []string
	}{
		{"unknown format", []string{"tag", "--format", "xml", good},
			[]string{`format: "xml" is not jsonl, table, csv, safety, bioc-xml, bioc-json, pubtator or brat`}},
		{"brat without a folder", []string{"tag", "--format", "brat", good},
			[]string{"--format brat writes a folder: name it with --out DIR"}},
		{"a folder for a stream format", []string{"tag", "--format", "pubtator", "--out", filepath.Join(dir, "out"), good},
			[]string{"--out is for --format brat; the format pubtator writes to standard output"}},
		{"force without a folder", []string{"tag", "--format", "jsonl", "--force", good},
			[]string{"--force is for writing into the --out folder"}},
		{"brat into a folder that holds files", []string{"tag", "--format", "brat", "--out", dir, good},
			[]string{"brat folder " + dir + ": folder is not empty", "or give --force to write into it"}},
		{"config with an unknown key", []string{"--config", writeConfig(t, "format: csv\ncolour: red\n"), "tag", good},
			[]string{`unknown key "colour"`, "known keys: rules, corpus, format, workers, max_doc_size"}},
		{"config file that does not exist", []string{"--config", missing + ".yaml", "tag", good},
			[]string{"configuration error", missing + ".yaml"}},
		{"config that is not YAML", []string{"--config", writeConfig(t, "format: [csv\n"), "tag", good},
			[]string{"configuration error"}},
		{"bad max-doc-size", []string{"tag", "--max-doc-size", "lots", good},
			[]string{`max_doc_size: "lots" is not a size`}},
		{"negative workers", []string{"tag", "--workers", "-1", good},
			[]string{"workers: -1 is negative"}},
		{"workers not a number", []string{"tag", "--workers", "many", good},
			[]string{"--workers"}},
		{"rules folder that does not exist", []string{"tag", "--rules", missing, good},
			[]string{"rules folder", missing, "no such file or directory"}},
		{"rules folder that is a file", []string{"tag", "--rules", notAFolder, good},
			[]string{"rules folder " + notAFolder + ": not a folder"}},
		{"rules folder without rule files", []string{"tag", "--rules", t.TempDir(), good},
			[]string{"no rule files (*.yaml) found"}},
		{"unknown flag", []string{"tag", "--bogus", good},
			[]string{"unknown flag: --bogus"}},
		{"unknown command", []string{"frobnicate"},
			[]string{`unknown command "frobnicate"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := tt.args
			if !slices.Contains(args, "--config") {
				args = append([]string{"--config", writeConfig(t, "")}, args...)
			}
			r := runCLI(t, "", args...)
			wantCode(t, r, exitUsage)
			if r.stdout != "" {
				t.Errorf("stdout is not empty:\n%.1000s", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "trialtag: ") {
				t.Errorf("stderr does not start with \"trialtag: \": %q", r.stderr)
			}
			wantContains(t, "stderr", r.stderr, tt.wantStderr...)
		})
	}
}

// brokenRules is a rule file with two mistakes: an unknown key and a rule id used twice.
const brokenRules = `description: A rule file with two mistakes.
vocabularies:
  - id: broken.one
    facet: icans
    description: The first rule.
    terms:
      present: [brokenterm]
    colour: red
  - id: broken.one
    facet: icans
    description: The same id again.
    terms:
      present: [otherterm]
`

// posOf is the 1-based line and column of the n-th (from 1) occurrence of sub in src.
func posOf(tb testing.TB, src, sub string, n int) (line, col int) {
	tb.Helper()
	off := -1
	for range n {
		i := strings.Index(src[off+1:], sub)
		if i < 0 {
			tb.Fatalf("%q occurs fewer than %d times", sub, n)
		}
		off += 1 + i
	}
	line = 1 + strings.Count(src[:off], "\n")
	col = 1 + off - (strings.LastIndex(src[:off], "\n") + 1)
	return line, col
}

func TestRulesErrorsNamePositions(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "broken.yaml", brokenRules)
	good := writeFile(t, t.TempDir(), "good.txt", goodText)

	unknownLine, unknownCol := posOf(t, brokenRules, "colour:", 1)
	dupLine, dupCol := posOf(t, brokenRules, "id: broken.one", 2)
	file := dir + "/broken.yaml"
	want := []*regexp.Regexp{
		regexp.MustCompile(fmt.Sprintf(`(?m)^%s:%d:%d: .*unknown key "colour"`, regexp.QuoteMeta(file), unknownLine, unknownCol)),
		regexp.MustCompile(fmt.Sprintf(`(?m)^%s:%d:%d: .*duplicate rule id`, regexp.QuoteMeta(file), dupLine, dupCol)),
	}
	lineRe := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:\d+:\d+: `)

	for _, tt := range []struct{ name, rules string }{
		{"folder", dir},
		{"folder with a trailing slash", dir + "/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runTag(t, "--rules", tt.rules, good)
			wantCode(t, r, exitUsage)
			if r.stdout != "" {
				t.Errorf("stdout is not empty:\n%.1000s", r.stdout)
			}
			for _, re := range want {
				if !re.MatchString(r.stderr) {
					t.Errorf("stderr does not match %s:\n%s", re, r.stderr)
				}
			}
			// The first line names the folder; every other line is one error at file:line:col.
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			wantContains(t, "the first stderr line", lines[0], "rules in "+tt.rules)
			for _, l := range lines[1:] {
				if !lineRe.MatchString(l) {
					t.Errorf("stderr line %q does not start with %s:LINE:COL:", l, file)
				}
			}
		})
	}
}

// copyRules copies the repository's rule files into a new temporary folder, applying edit
// (old → new, each of which must occur exactly once) to the file named file.
func copyRules(tb testing.TB, file, old, new string) string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(rulesDir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no rule files in %s: %v", rulesDir, err)
	}
	dir := tb.TempDir()
	edited := false
	for _, p := range paths {
		src := string(readFile(tb, p))
		if filepath.Base(p) == file {
			if n := strings.Count(src, old); n != 1 {
				tb.Fatalf("%s holds %q %d times, want once: update this test to the rule files", p, old, n)
			}
			src = strings.Replace(src, old, new, 1)
			edited = true
		}
		writeFile(tb, dir, filepath.Base(p), src)
	}
	if file != "" && !edited {
		tb.Fatalf("no rule file %s in %s", file, rulesDir)
	}
	return dir
}

func TestRulesOverride(t *testing.T) {
	t.Parallel()
	doc := seedPath(seed004)
	builtin := runTag(t, "--format", "jsonl", doc)
	wantCode(t, builtin, exitOK)
	base := decodeJSONL(t, builtin.stdout)[0]
	if got := base.Facets["icans"]; !slices.Equal(got, []string{"absent"}) {
		t.Fatalf("built-in rules: icans = %q, want [absent] (from \"No neurotoxicity was observed.\")", got)
	}

	t.Run("an unchanged copy tags like the built-in rules", func(t *testing.T) {
		t.Parallel()
		r := runTag(t, "--format", "jsonl", "--rules", copyRules(t, "", "", ""), doc)
		wantCode(t, r, exitOK)
		if r.stdout != builtin.stdout {
			t.Error("output with a copy of rules/ differs from the output with the built-in rules")
		}
	})

	// Without the surface form "neurotoxicity", "No neurotoxicity was observed." says nothing
	// of ICANS, and 004 has no icans facet at all.
	noNeurotox := copyRules(t, "icans.yaml", "\n        - neurotoxicity\n", "\n")
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"--rules after tag", []string{"--config", writeConfig(t, ""), "tag", "--format", "jsonl", "--rules", noNeurotox, doc}},
		{"--rules before tag", []string{"--config", writeConfig(t, ""), "--rules", noNeurotox, "tag", "--format", "jsonl", doc}},
		{"rules in the configuration", []string{"--config", writeConfig(t, "rules: "+strconv.Quote(noNeurotox)+"\n"), "tag", "--format", "jsonl", doc}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, "", tt.args...)
			wantCode(t, r, exitOK)
			d := decodeJSONL(t, r.stdout)[0]
			if got, ok := d.Facets["icans"]; ok {
				t.Errorf("icans = %q, want no icans facet once \"neurotoxicity\" is not a surface form", got)
			}
			for _, s := range d.Sentences {
				for _, tg := range s.Tags {
					if strings.EqualFold(tg.Text, "neurotoxicity") {
						t.Errorf("sentence %d still tags %q (%s=%s, rule %s)", s.Index, tg.Text, tg.Facet, tg.Value, tg.Rule)
					}
				}
			}
			// Everything else stays.
			for _, facet := range []string{"crs", "crs_grade", "toxicity_treatment", "antigen"} {
				if got, want := d.Facets[facet], base.Facets[facet]; !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q as with the built-in rules", facet, got, want)
				}
			}
		})
	}
}

// ---- configuration precedence (these tests set the environment and the working folder, so
// they do not run in parallel) ----

func TestConfigPrecedence(t *testing.T) {
	good := writeFile(t, t.TempDir(), "a_good.txt", goodText)
	csvConfig := writeConfig(t, "format: csv\n")

	isCSV := func(out string) bool { return strings.HasPrefix(out, "id,sentence,section,") }
	isJSONL := func(out string) bool { return strings.HasPrefix(out, `{"id":"a_good",`) }
	isTable := func(out string) bool { return strings.HasPrefix(out, "a_good\n  source: ") }

	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		check    func(string) bool
		what     string
	}{
		{"config file", nil,
			[]string{"--config", csvConfig, "tag", good}, exitOK, isCSV, "csv"},
		{"environment over config file", map[string]string{"TRIALTAG_FORMAT": "jsonl"},
			[]string{"--config", csvConfig, "tag", good}, exitOK, isJSONL, "jsonl"},
		{"flag over environment and config file", map[string]string{"TRIALTAG_FORMAT": "jsonl"},
			[]string{"--config", csvConfig, "tag", "--format", "table", good}, exitOK, isTable, "table"},
		{"flag over config file", nil,
			[]string{"--config", csvConfig, "tag", "--format", "jsonl", good}, exitOK, isJSONL, "jsonl"},
		{"TRIALTAG_MAX_DOC_SIZE", map[string]string{"TRIALTAG_MAX_DOC_SIZE": "10B"},
			[]string{"--config", csvConfig, "tag", good}, exitSkipped, func(string) bool { return true }, "anything"},
		{"--max-doc-size over TRIALTAG_MAX_DOC_SIZE", map[string]string{"TRIALTAG_MAX_DOC_SIZE": "10B"},
			[]string{"--config", csvConfig, "tag", "--max-doc-size", "1KiB", good}, exitOK, isCSV, "csv"},
		{"TRIALTAG_WORKERS checked", map[string]string{"TRIALTAG_WORKERS": "-3"},
			[]string{"--config", csvConfig, "tag", good}, exitUsage, func(out string) bool { return out == "" }, "nothing"},
		{"TRIALTAG_RULES honored", map[string]string{"TRIALTAG_RULES": filepath.Join(t.TempDir(), "missing")},
			[]string{"--config", csvConfig, "tag", good}, exitUsage, func(out string) bool { return out == "" }, "nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := runCLI(t, "", tt.args...)
			wantCode(t, r, tt.wantCode)
			if !tt.check(r.stdout) {
				t.Errorf("stdout is not %s:\n%.500s", tt.what, r.stdout)
			}
		})
	}

	t.Run("config.yaml in the working folder", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "config.yaml", "format: csv\n")
		t.Chdir(dir)
		r := runCLI(t, "", "tag", good)
		wantCode(t, r, exitOK)
		if !isCSV(r.stdout) {
			t.Errorf("stdout is not csv:\n%.500s", r.stdout)
		}
		r = runCLI(t, "", "--config", writeConfig(t, "format: table\n"), "tag", good)
		wantCode(t, r, exitOK)
		if !isTable(r.stdout) {
			t.Errorf("with --config, stdout is not table:\n%.500s", r.stdout)
		}
	})
}

func TestDefaultCorpus(t *testing.T) {
	t.Run("corpus/seeds from the repository root", func(t *testing.T) {
		t.Chdir("../..")
		r := runCLI(t, "", "tag", "--format", "jsonl")
		wantCode(t, r, exitOK)
		docs := decodeJSONL(t, r.stdout)
		if len(docs) != 5 {
			t.Fatalf("%d documents, want the 5 seeds", len(docs))
		}
		for _, d := range docs {
			if want := filepath.Join("corpus", "seeds", d.ID+".txt"); d.Source != want {
				t.Errorf("source %q, want %q", d.Source, want)
			}
		}
	})
	t.Run("no corpus folder", func(t *testing.T) {
		t.Chdir(t.TempDir())
		r := runCLI(t, "", "tag")
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, `no path given and the corpus folder "corpus/seeds" cannot be read`)
	})
}

// ---- help ----

func TestHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"--help", []string{"--help"}, []string{strings.TrimSpace(longHelp), "Available Commands:", "tag ", "--config", "--rules"}},
		{"no arguments", nil, []string{strings.TrimSpace(longHelp), "Available Commands:"}},
		{"tag --help", []string{"tag", "--help"}, []string{
			"Exit status: 0 when every input was tagged", "Examples:",
			"trialtag tag --format csv export.medline > tags.csv", "--format", "--workers", "--max-doc-size", "--rules",
		}},
		{"help tag", []string{"help", "tag"}, []string{"Examples:"}},
		{"--version", []string{"--version"}, []string{"trialtag version "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, "", tt.args...)
			wantCode(t, r, exitOK)
			wantContains(t, "stdout", r.stdout, tt.want...)
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
		})
	}
}

// ---- unit tests: ParseSize, Config ----

func TestParseSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    int64
		wantErr bool
	}{
		{in: "16MiB", want: 16 << 20},
		{in: "16mib", want: 16 << 20},
		{in: " 16 MiB ", want: 16 << 20},
		{in: "1GiB", want: 1 << 30},
		{in: "8KiB", want: 8 << 10},
		{in: "1.5KiB", want: 1536},
		{in: "500KB", want: 500_000},
		{in: "0.5MB", want: 500_000},
		{in: "2GB", want: 2_000_000_000},
		{in: "8K", want: 8 << 10},
		{in: "3M", want: 3 << 20},
		{in: "1G", want: 1 << 30},
		{in: "10B", want: 10},
		{in: "10b", want: 10},
		{in: "1024", want: 1024},
		{in: "", wantErr: true},
		{in: "   ", wantErr: true},
		{in: "MiB", wantErr: true},
		{in: "lots", wantErr: true},
		{in: "16XB", wantErr: true},
		{in: "0", wantErr: true},
		{in: "0B", wantErr: true},
		{in: "-1MiB", wantErr: true},
		{in: "1e400", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "Inf", wantErr: true},
		{in: "1e30", wantErr: true},
		{in: "0.5B", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.in), func(t *testing.T) {
			t.Parallel()
			got, err := ParseSize(tt.in)
			var problem string
			switch {
			case tt.wantErr && err == nil:
				problem = fmt.Sprintf("ParseSize(%q) = %d, want an error", tt.in, got)
			case !tt.wantErr && err != nil:
				problem = fmt.Sprintf("ParseSize(%q): %v", tt.in, err)
			case !tt.wantErr && got != tt.want:
				problem = fmt.Sprintf("ParseSize(%q) = %d, want %d", tt.in, got, tt.want)
			case err != nil && !strings.Contains(err.Error(), "size"):
				problem = fmt.Sprintf("ParseSize(%q) error %q does not say it wants a size", tt.in, err)
			}
			if problem != "" {
				t.Error(problem)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want []string // substrings of the error, one per bad key; none: valid
	}{
		{"defaults", DefaultConfig(), nil},
		{"jsonl", with(DefaultConfig(), func(c *Config) { c.Format = "jsonl" }), nil},
		{"table", with(DefaultConfig(), func(c *Config) { c.Format = "table" }), nil},
		{"csv", with(DefaultConfig(), func(c *Config) { c.Format = "csv" }), nil},
		{"workers and max_doc_size", with(DefaultConfig(), func(c *Config) { c.Workers = 8; c.MaxDocSize = "1GB" }), nil},
		{"unknown format", with(DefaultConfig(), func(c *Config) { c.Format = "xml" }), []string{`format: "xml"`}},
		{"format is case-sensitive", with(DefaultConfig(), func(c *Config) { c.Format = "JSONL" }), []string{`format: "JSONL"`}},
		{"negative workers", with(DefaultConfig(), func(c *Config) { c.Workers = -1 }), []string{"workers: -1 is negative"}},
		{"bad max_doc_size", with(DefaultConfig(), func(c *Config) { c.MaxDocSize = "big" }), []string{`max_doc_size: "big"`}},
		{"empty max_doc_size", with(DefaultConfig(), func(c *Config) { c.MaxDocSize = "" }), []string{"max_doc_size: empty size"}},
		{"memory_limit off", with(DefaultConfig(), func(c *Config) { c.MemoryLimit = "OFF" }), nil},
		{"memory_limit 1GiB", with(DefaultConfig(), func(c *Config) { c.MemoryLimit = "1GiB" }), nil},
		{"bad memory_limit", with(DefaultConfig(), func(c *Config) { c.MemoryLimit = "lots" }), []string{`memory_limit: "lots"`}},
		{"shards 4", with(DefaultConfig(), func(c *Config) { c.Shards = 4 }), nil},
		{"negative shards", with(DefaultConfig(), func(c *Config) { c.Shards = -1 }), []string{"shards: -1 is not from 0"}},
		{"too many shards", with(DefaultConfig(), func(c *Config) { c.Shards = 100000 }), []string{"shards: 100000 is not from 0"}},
		{"every problem at once", Config{Format: "xml", Workers: -2, MaxDocSize: "-"},
			[]string{"format:", "workers:", "max_doc_size:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Errorf("Validate(%+v): %v", tt.cfg, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate(%+v) = nil, want an error naming %q", tt.cfg, tt.want)
			}
			if !errors.Is(err, ErrConfig) {
				t.Errorf("error %v is not ErrConfig", err)
			}
			wantContains(t, "the error", err.Error(), tt.want...)
		})
	}
}

func TestLoadConfig(t *testing.T) {
	t.Parallel()
	env := func(vars map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) {
			v, ok := vars[k]
			return v, ok
		}
	}
	tests := []struct {
		name    string
		file    string // configuration file body; "-" for a file that does not exist
		env     map[string]string
		want    Config
		wantErr []string
	}{
		{name: "empty file", file: "", want: DefaultConfig()},
		{name: "every key",
			file: "rules: r\ncorpus: c\nformat: csv\nworkers: 3\nmax_doc_size: 1MB\n",
			want: with(DefaultConfig(), func(c *Config) { c.Rules, c.Corpus, c.Format, c.Workers, c.MaxDocSize = "r", "c", "csv", 3, "1MB" })},
		{name: "environment over file",
			file: "format: csv\nworkers: 3\n",
			env:  map[string]string{"TRIALTAG_FORMAT": "table", "TRIALTAG_WORKERS": "5", "TRIALTAG_MAX_DOC_SIZE": "2KiB", "TRIALTAG_CORPUS": "docs"},
			want: with(DefaultConfig(), func(c *Config) { c.Corpus, c.Format, c.Workers, c.MaxDocSize = "docs", "table", 5, "2KiB" })},
		{name: "environment only", file: "",
			env:  map[string]string{"TRIALTAG_RULES": "/rules"},
			want: with(DefaultConfig(), func(c *Config) { c.Rules = "/rules" })},
		{name: "other variables ignored", file: "",
			env:  map[string]string{"TRIALTAG_COLOUR": "red", "FORMAT": "csv"},
			want: DefaultConfig()},
		{name: "unknown keys", file: "format: csv\ncolour: red\nsize: 3\n",
			wantErr: []string{`unknown key "colour", "size"`}},
		{name: "missing file", file: "-", wantErr: []string{"reading", "missing.yaml"}},
		{name: "workers not a number in the environment", file: "",
			env: map[string]string{"TRIALTAG_WORKERS": "many"}, wantErr: []string{"workers"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "missing.yaml")
			if tt.file != "-" {
				path = writeConfig(t, tt.file)
			}
			got, err := LoadConfig(path, env(tt.env))
			if len(tt.wantErr) > 0 {
				if err == nil {
					t.Fatalf("LoadConfig = %+v, want an error", got)
				}
				if !errors.Is(err, ErrConfig) {
					t.Errorf("error %v is not ErrConfig", err)
				}
				wantContains(t, "the error", err.Error(), tt.wantErr...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("LoadConfig = %+v, want %+v", got, tt.want)
			}
		})
	}

	t.Run("asks for TRIALTAG_<KEY> of every key", func(t *testing.T) {
		t.Parallel()
		var asked []string
		_, err := LoadConfig(writeConfig(t, ""), func(k string) (string, bool) {
			asked = append(asked, k)
			return "", false
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(asked)
		want := []string{"TRIALTAG_ADDR", "TRIALTAG_CORPUS", "TRIALTAG_DATA", "TRIALTAG_FORMAT", "TRIALTAG_HOSTS", "TRIALTAG_INDEX", "TRIALTAG_MAX_DOC_SIZE",
			"TRIALTAG_MAX_QUERY_BYTES", "TRIALTAG_MAX_QUERY_CLAUSES", "TRIALTAG_MAX_QUERY_EXPANSION", "TRIALTAG_MAX_QUERY_EXPENSIVE", "TRIALTAG_MAX_QUERY_TERMS", "TRIALTAG_MEMORY_LIMIT", "TRIALTAG_RULES", "TRIALTAG_SEARCHES", "TRIALTAG_SEARCH_LIMIT", "TRIALTAG_SHARDS", "TRIALTAG_WORKERS"}
		if !slices.Equal(asked, want) {
			t.Errorf("looked up %v, want %v", asked, want)
		}
	})
}

// with returns c changed by edit.
func with(c Config, edit func(*Config)) Config {
	edit(&c)
	return c
}
