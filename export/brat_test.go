package export_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// writeBrat writes results into a new brat folder and returns its path.
func writeBrat(tb testing.TB, results []*classifier.Result) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "brat")
	f, err := export.CreateBratFolder(dir, false)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range results {
		b, err := export.EncodeBrat(r)
		if err != nil {
			tb.Fatal(err)
		}
		if err := f.Write(b); err != nil {
			tb.Fatal(err)
		}
	}
	if f.Len() != len(results) {
		tb.Fatalf("the folder says %d documents, want %d", f.Len(), len(results))
	}
	return dir
}

// TestBratRoundTrip writes the seeds and our own documents as brat files and reads them
// back: the same tags (facet, value, status, section, rule, cue, span) and the same document
// facets, which is what eval --gold DIR scores against.
func TestBratRoundTrip(t *testing.T) {
	results := corpusResults(t)
	dir := writeBrat(t, results)
	docs, err := export.ReadBratFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := export.ReadBratGold(dir)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*export.BratDocument{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	if len(docs) != len(results) || len(gold) != len(results) {
		t.Fatalf("read %d documents (%d gold), want %d", len(docs), len(gold), len(results))
	}
	nonASCII, deniedGrades, spared := false, 0, 0
	for _, r := range results {
		d := byID[r.Document.ID]
		if d == nil {
			t.Errorf("document %q was not read back", r.Document.ID)
			continue
		}
		text := strings.ReplaceAll(r.Document.Text, "\r", " ")
		if d.Text != text {
			t.Errorf("document %s: the .txt is not the text with CR as spaces", d.ID)
		}
		// The spans in characters, checked here as brat checks them.
		runes := []rune(d.Text)
		for _, a := range d.Annotations {
			var parts []string
			for _, sp := range a.Spans {
				parts = append(parts, runeSlice(runes, sp.Start, sp.End))
			}
			if strings.Join(parts, " ") != a.Text {
				t.Errorf("document %s: %s: spans %v hold %q, the annotation %q", d.ID, a.ID, a.Spans, parts, a.Text)
			}
		}
		// The tags, read back with byte offsets into the .txt.
		// The tags come back whole but for their incidence (kept as the note's text); a
		// denial limited to some grades keeps them.
		back := d.Result()
		var got, want []classifier.Tag
		var gotSpared, wantSpared []string
		for _, s := range back.Sentences {
			for _, tag := range s.Tags {
				if tag.Incidence != nil {
					gotSpared = append(gotSpared, tag.Incidence.String())
				}
				tag.Incidence = nil
				got = append(got, tag)
			}
		}
		var incidences []string
		for _, s := range r.Sentences {
			for _, tag := range s.Tags {
				tag.Text = strings.ReplaceAll(tag.Text, "\r", " ")
				in := ""
				if tag.Incidence != nil {
					in = tag.Incidence.String()
				}
				incidences = append(incidences, in)
				if tag.DeniedGrade != "" {
					deniedGrades++
				}
				if tag.PartlySpared() {
					wantSpared = append(wantSpared, tag.Incidence.String())
				}
				tag.Incidence = nil
				want = append(want, tag)
				nonASCII = nonASCII || utf8.RuneCountInString(r.Document.Text[:tag.Start]) != tag.Start
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("document %s: %d tags read back, %d written", d.ID, len(got), len(want))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("  #%d\n    got  %+v\n    want %+v", i, got[i], want[i])
				}
			}
		}
		for i, a := range d.Annotations {
			if i < len(incidences) && a.Incidence != incidences[i] {
				t.Errorf("document %s: %s: incidence %q, want %q", d.ID, a.ID, a.Incidence, incidences[i])
			}
		}
		if !slices.Equal(gotSpared, wantSpared) {
			t.Errorf("document %s: the denials read back spare %q, written %q", d.ID, gotSpared, wantSpared)
		}
		spared += len(wantSpared)
		// The document facets, and the gold record with every facet named.
		for _, f := range classifier.Facets() {
			wantVals := r.Facets[f.Name]
			if !slices.Equal(back.Facets[f.Name], wantVals) {
				t.Errorf("document %s: facet %s %v, tagged %v", d.ID, f.Name, back.Facets[f.Name], wantVals)
			}
			g, ok := gold[d.ID][f.Name]
			if !ok || !slices.Equal(g, wantVals) {
				t.Errorf("document %s: gold %s = %v (named: %v), want %v", d.ID, f.Name, g, ok, wantVals)
			}
		}
	}
	if !nonASCII {
		t.Error("no tag stands after a character of more than one byte: the test checks no conversion")
	}
	if deniedGrades == 0 || spared == 0 {
		t.Errorf("%d denials limited to some grades, %d that spare some: the test checks none of a kind read back", deniedGrades, spared)
	}
	conf := string(readFileT(t, filepath.Join(dir, export.BratConfName)))
	for _, want := range []string{"[entities]\nantigen\ncrs\n", "<OVERLAP>", "Status\tArg:<ENTITY>, Value:affirmed|negated|hypothetical|generic",
		"Section\tArg:<ENTITY>, Value:body|title|"} {
		if !strings.Contains(conf, want) {
			t.Errorf("%s does not hold %q:\n%s", export.BratConfName, want, conf)
		}
	}
}

func readFileT(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestBratOwnDocument pins the .ann of a line of our own: character offsets after "⁺" and
// "🧪", a tag across a line break as two fragments, and the notes.
func TestBratOwnDocument(t *testing.T) {
	b, err := export.EncodeBrat(tagged(t, ownDocument(false)))
	if err != nil {
		t.Fatal(err)
	}
	if b.Name != "own%2F%C3%BCn%C3%AFcode%201" {
		t.Errorf("file name %q", b.Name)
	}
	ann := string(b.Ann)
	text := ownDocument(false).Text
	at := func(sub string) int { return len([]rune(text[:strings.Index(text, sub)])) }
	g3, g2 := at("Grade ≥3 CRS"), at("grade 2 cytokine")
	span := func(start int, s string) string {
		return strconv.Itoa(start) + " " + strconv.Itoa(start+len([]rune(s)))
	}
	for _, want := range []string{
		"T1\tdisease 28 33\tlupus\nA1\tStatus T1 affirmed\nA2\tSection T1 title\n#1\tAnnotatorNotes T1\tSLE | rule: disease.autoimmune\n",
		"\tcrs_grade " + span(g3, "Grade ≥3 CRS") + "\tGrade ≥3 CRS\n",
		"\tAnnotatorNotes T4\t1 | rule: crs.grade.before | incidence: 3/12 25%\n",
		"cue: did not occur",
		"\tAnnotatorNotes T10\tneutropenia | rule: adverse_event.term | cue: No | incidence: 0/12 | denied grade: 4\n",
		"\tcrs_grade " + span(g2, "grade 2 cytokine release") + ";" + span(g2+len([]rune("grade 2 cytokine release\n")), "syndrome") +
			"\tgrade 2 cytokine release syndrome\n",
	} {
		if !strings.Contains(ann, want) {
			t.Errorf(".ann does not hold %q:\n%s", want, ann)
		}
	}
}

// TestBratName checks that every id gives a plain file name that reads back as the id.
func TestBratName(t *testing.T) {
	cases := []struct{ id, name string }{
		{"000_7842d42057d300b0", "000_7842d42057d300b0"},
		{"NCT05030779", "NCT05030779"},
		{"10.1000/xyz.123", "10.1000%2Fxyz.123"},
		{".hidden", "%2Ehidden"},
		{"..", "%2E."},
		{"50% less", "50%25%20less"},
		{"Müller", "M%C3%BCller"},
		{"a\\b:c*?", "a%5Cb%3Ac%2A%3F"},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			name, err := export.BratName(tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if name != tc.name {
				t.Errorf("BratName(%q) = %q, want %q", tc.id, name, tc.name)
			}
			if back := export.BratID(name); back != tc.id {
				t.Errorf("BratID(%q) = %q, want %q", name, back, tc.id)
			}
		})
	}
	if _, err := export.BratName(""); err == nil {
		t.Error("an empty id gave a file name")
	}
	if _, err := export.BratName(strings.Repeat("é", 100)); err == nil {
		t.Error("an id of 600 escaped bytes gave a file name")
	}
	if got := export.BratID("plain%zzname%4"); got != "plain%zzname%4" {
		t.Errorf("a name with no valid escape reads as %q", got)
	}
}

// TestBratFolder checks when a folder is written: a new or empty one always, one holding
// anything only when forced, never a file; and never one document over another.
func TestBratFolder(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		force   bool
		wantErr error // nil: written
	}{
		{"new folder, parents too", func(t *testing.T, dir string) {}, false, nil},
		{"empty folder", func(t *testing.T, dir string) { mkdir(t, dir) }, false, nil},
		{"folder with a file", func(t *testing.T, dir string) { writeT(t, filepath.Join(dir, "notes.txt"), "mine") }, false, export.ErrFolderNotEmpty},
		{"folder with a folder", func(t *testing.T, dir string) { mkdir(t, filepath.Join(dir, "sub")) }, false, export.ErrFolderNotEmpty},
		{"folder with a file, forced", func(t *testing.T, dir string) { writeT(t, filepath.Join(dir, "notes.txt"), "mine") }, true, nil},
	}
	r := tagged(t, ownDocument(false))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "a", "brat")
			tc.prepare(t, dir)
			before, _ := os.ReadDir(dir)
			f, err := export.CreateBratFolder(dir, tc.force)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				after, _ := os.ReadDir(dir)
				if len(after) != len(before) {
					t.Errorf("a refused folder was written into: %d entries, had %d", len(after), len(before))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := export.EncodeBrat(r)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Write(b); err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{export.BratConfName, b.Name + ".txt", b.Name + ".ann"} {
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
			if tc.force && string(readFileT(t, filepath.Join(dir, "notes.txt"))) != "mine" {
				t.Error("a forced write changed a file that is not its own")
			}
		})
	}
	t.Run("a file, not a folder", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "file")
		writeT(t, p, "x")
		if _, err := export.CreateBratFolder(p, true); err == nil {
			t.Error("a file was taken for a folder")
		}
	})
	t.Run("two documents, one file name", func(t *testing.T) {
		f, err := export.CreateBratFolder(t.TempDir(), true)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range []string{"Doc-1", "doc-1"} {
			b, err := export.EncodeBrat(&classifier.Result{Document: &corpus.Document{ID: id, Text: "text " + id}})
			if err != nil {
				t.Fatal(err)
			}
			err = f.Write(b)
			if i == 0 && err != nil {
				t.Fatal(err)
			}
			if i == 1 && (err == nil || !strings.Contains(err.Error(), "would share")) {
				t.Errorf("the second document was written over the first (error %v)", err)
			}
		}
		if got := string(readFileT(t, filepath.Join(f.Dir(), "Doc-1.txt"))); got != "text Doc-1" {
			t.Errorf("Doc-1.txt holds %q", got)
		}
	})
}

func mkdir(tb testing.TB, dir string) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
}

func writeT(tb testing.TB, path, content string) {
	tb.Helper()
	mkdir(tb, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// TestParseBrat reads .ann files a curator may have written: what holds and what is an
// error, each error at its line.
const bratText = "No CRS; grade ≥3 neutropenia in CAR⁺ cells.\nSecond line"

func TestParseBrat(t *testing.T) {
	cases := []struct {
		name string
		ann  string
		// want: the annotations as "facet=value/status/section", or the error's parts.
		want    []string
		wantErr []string
	}{
		{"defaults: affirmed, body, the facet's only value", "T1\tcrs 3 6\tCRS\n", []string{"crs=present/affirmed/body"}, nil},
		{"attributes, note and CR LF lines", "T1\tcrs 3 6\tCRS\r\nA1\tStatus T1 negated\r\nA2\tSection T1 results\r\n#1\tAnnotatorNotes T1\tpresent | rule: crs.abbreviation | cue: No\r\n",
			[]string{"crs=present/negated/results"}, nil},
		{"characters after ≥", "T1\tadverse_event 17 28\tneutropenia\n#1\tAnnotatorNotes T1\tneutropenia\n", []string{"adverse_event=neutropenia/affirmed/body"}, nil},
		{"fragments across the line break", "T1\tantigen 32 36;44 50\tCAR⁺ Second\n#1\tAnnotatorNotes T1\tCD19\n", []string{"antigen=CD19/affirmed/body"}, nil},
		{"others ignored: relations, events, other attributes and notes", "T1\tcrs 3 6\tCRS\nT2\tcrs_grade 8 16\tgrade ≥3\n#1\tAnnotatorNotes T2\t3+\nR1\tSame Arg1:T1 Arg2:T2\nA1\tConfidence T1 high\n#2\tComment T1\tcheck\n*\tEquiv T1 T2\n",
			[]string{"crs=present/affirmed/body", "crs_grade=3+/affirmed/body"}, nil},
		{"a text that is not the span's", "T1\tcrs 0 6\tNo CRS\nT2\tcrs 3 6\tCRS!\n", nil, []string{"doc.ann:2: T2: its text \"CRS!\""}},
		{"unknown type", "T1\tCRS 3 6\tCRS\n", nil, []string{"doc.ann:1: T1: type \"CRS\" is not a facet"}},
		{"span outside the text", "T1\tcrs 3 600\tCRS\n", nil, []string{"doc.ann:1: T1: span 3-600 is outside the text"}},
		{"bad status and section", "T1\tcrs 3 6\tCRS\nA1\tStatus T1 maybe\nA2\tSection T1 intro\n", nil,
			[]string{"doc.ann:2: A1: Status \"maybe\" is none of", "doc.ann:3: A2: Section \"intro\" is not a section"}},
		{"absent is no tag value", "T1\tcrs 3 6\tCRS\n#1\tAnnotatorNotes T1\tabsent\n", nil, []string{"doc.ann:1: T1: \"absent\" is not a value of crs (present); a negated mention is its value with Status negated"}},
		{"no value for an open facet", "T1\tadverse_event 17 28\tneutropenia\n", nil, []string{"doc.ann:1: T1: adverse_event has no value"}},
		{"attribute of a missing annotation", "A1\tStatus T9 negated\n", nil, []string{"doc.ann:1: T9 is not a text-bound annotation"}},
		{"an id twice", "T1\tcrs 3 6\tCRS\nT1\tcrs 3 6\tCRS\n", nil, []string{"doc.ann:2: id T1 is used twice (first on line 1)"}},
		{"two statuses", "T1\tcrs 3 6\tCRS\nA1\tStatus T1 negated\nA2\tStatus T1 affirmed\n", nil, []string{"doc.ann:3: A2: T1 has a second Status (first on line 2)"}},
		{"not a line", "just words\n", nil, []string{"doc.ann:1: not an annotation line"}},
		{"a denial of some grades", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | cue: no | denied grade: 3+\n",
			[]string{"adverse_event=neutropenia/negated/body denied 3+"}, nil},
		{"a denied grade on no denial", "T1\tadverse_event 17 28\tneutropenia\n#1\tAnnotatorNotes T1\tneutropenia | denied grade: 3+\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"3+\" on an annotation of adverse_event whose Status is affirmed"}},
		{"a denied grade of CRS, whose grades are annotations of their own", "T1\tcrs 3 6\tCRS\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tpresent | denied grade: 3+\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"3+\" on an annotation of crs whose Status is negated"}},
		{"a denied grade of every grade", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | denied grade: 1-5\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"1-5\" limits nothing"}},
		{"a denied grade past the last", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | denied grade: 5+\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"5+\" limits nothing"}},
		{"a count of the spared on no denial", "T1\tadverse_event 17 28\tneutropenia\n#1\tAnnotatorNotes T1\tneutropenia | spared: 18/20\n", nil,
			[]string{"doc.ann:1: T1: spared \"18/20\" on an annotation whose Status is affirmed"}},
		{"a count of the spared that is all", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | spared: 20/20\n", nil,
			[]string{"doc.ann:1: T1: spared \"20/20\" is not short of all"}},
		{"a count of the spared that is no count", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | spared: ten\n", nil,
			[]string{"doc.ann:1: T1: spared \"ten\" is not a count"}},
		{"a share of the spared that is no share", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | spared: 18/20 NaN%\n", nil,
			[]string{"doc.ann:1: T1: spared \"18/20 NaN%\" is not a count"}},
		{"a denied range upside down", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | denied grade: 4-3\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"4-3\" limits nothing"}},
		{"a denied grade that is none", "T1\tadverse_event 17 28\tneutropenia\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tneutropenia | denied grade: severe\n", nil,
			[]string{"doc.ann:1: T1: denied grade \"severe\" is not a grade"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := export.ParseBrat("doc", "doc.ann", []byte(bratText), []byte(tc.ann))
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; read %+v", d.Annotations)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not hold %q", err, w)
					}
				}
				var be *export.BratError
				if !errors.As(err, &be) {
					t.Errorf("error %v is no *BratError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range d.Annotations {
				g := a.Facet + "=" + a.Value + "/" + a.Status + "/" + string(a.Section)
				if a.DeniedGrade != "" {
					g += " denied " + a.DeniedGrade
				}
				got = append(got, g)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("read %v, want %v", got, tc.want)
			}
		})
	}
}

// TestReadBratFolderErrors checks a folder read as gold: every problem of every file at
// once, and nothing read from a broken folder.
func TestReadBratFolderErrors(t *testing.T) {
	dir := t.TempDir()
	writeT(t, filepath.Join(dir, "a.txt"), bratText)
	writeT(t, filepath.Join(dir, "a.ann"), "T1\tCRS 3 6\tCRS\n")
	writeT(t, filepath.Join(dir, "sub", "b.ann"), "T1\tcrs 3 6\tCRS\n") // no b.txt
	writeT(t, filepath.Join(dir, "sub", "a.txt"), bratText)
	writeT(t, filepath.Join(dir, "sub", "a.ann"), "T1\tcrs 3 6\tCRS\n") // a second a
	docs, err := export.ReadBratFolder(dir)
	if err == nil {
		t.Fatalf("no error; read %d documents", len(docs))
	}
	for _, want := range []string{"a.ann:1: T1: type \"CRS\"", "b.ann: its text file", "document a is also"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not hold %q", err, want)
		}
	}
	if docs != nil {
		t.Errorf("read %d documents from a broken folder", len(docs))
	}
	if _, err := export.ReadBratFolder(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .ann files") {
		t.Errorf("an empty folder: error %v", err)
	}
}

// TestOffsetErrors checks that a tag that does not fit its text stops its document in every
// format, with nothing written.
func TestOffsetErrors(t *testing.T) {
	text := "Grade ≥3 CRS."
	cases := []struct {
		name string
		tag  classifier.Tag
	}{
		{"text not at the span", classifier.Tag{Facet: "crs", Value: "present", Start: 0, End: 5, Text: "CRS"}},
		{"span cuts ≥", classifier.Tag{Facet: "crs", Value: "present", Start: 7, End: 9, Text: text[7:9]}},
		{"span past the end", classifier.Tag{Facet: "crs", Value: "present", Start: 10, End: 40, Text: "CRS."}},
	}
	for _, tc := range cases {
		r := &classifier.Result{Document: &corpus.Document{ID: "bad", Text: text},
			Sentences: []classifier.Sentence{{Sentence: corpus.Sentence{Start: 0, End: len(text), Text: text},
				Tags: []classifier.Tag{tc.tag}}}}
		for _, f := range export.Formats() {
			t.Run(tc.name+"/"+string(f), func(t *testing.T) {
				var err error
				if f.Folder() {
					_, err = export.EncodeBrat(r)
				} else {
					var s *export.Stream
					if s, err = export.NewStream(f, export.Options{}); err != nil {
						t.Fatal(err)
					}
					_, err = s.Document(r)
				}
				if !errors.Is(err, export.ErrOffset) || !strings.Contains(err.Error(), "document bad") {
					t.Errorf("error %v, want ErrOffset naming the document", err)
				}
			})
		}
	}
}
