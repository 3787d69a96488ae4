package export_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// pubtatorDoc is a document of a PubTator file as a reader of the format sees it.
type pubtatorDoc struct {
	id, title, abstract string
	tags                []wantTag
}

// readPubTator reads PubTator's tab format: per document a title and an abstract line
// (ID|t|…, ID|a|…) and annotation lines (ID, start, end, text, type, identifier, then
// trialtag's status, rule and cue), documents separated by blank lines.
func readPubTator(tb testing.TB, b []byte) []pubtatorDoc {
	tb.Helper()
	var docs []pubtatorDoc
	var cur *pubtatorDoc
	for n, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		n++
		switch {
		case line == "":
			cur = nil
		case strings.Contains(line, "|t|") && cur == nil:
			id, title, _ := strings.Cut(line, "|t|")
			docs = append(docs, pubtatorDoc{id: id, title: title})
			cur = &docs[len(docs)-1]
		case cur == nil:
			tb.Fatalf("line %d: %q outside a document", n, line)
		case strings.HasPrefix(line, cur.id+"|a|"):
			cur.abstract = strings.TrimPrefix(line, cur.id+"|a|")
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 8 || len(cols) > 9 || cols[0] != cur.id {
				tb.Fatalf("line %d: %q is not an annotation line of %s with 8 or 9 columns", n, line, cur.id)
			}
			start, err1 := strconv.Atoi(cols[1])
			end, err2 := strconv.Atoi(cols[2])
			if err1 != nil || err2 != nil {
				tb.Fatalf("line %d: offsets %q %q", n, cols[1], cols[2])
			}
			t := wantTag{Start: start, End: end, Text: cols[3], Facet: cols[4], Value: cols[5], Status: cols[6], Rule: cols[7]}
			if len(cols) == 9 {
				t.Cue = cols[8]
			}
			cur.tags = append(cur.tags, t)
		}
	}
	return docs
}

// oneLine is text with line breaks and tabs as spaces, as PubTator lines hold it.
func oneLine(s string) string {
	return strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)
}

// TestPubTatorRoundTrip writes the seeds and our own documents as PubTator and reads them
// back: title, a space and abstract are the document text, character for character, and
// each annotation's offsets there hold its text.
func TestPubTatorRoundTrip(t *testing.T) {
	results := corpusResults(t)
	var buf bytes.Buffer
	if err := export.Write(&buf, export.PubTator, results, export.Options{}); err != nil {
		t.Fatal(err)
	}
	docs := readPubTator(t, buf.Bytes())
	if len(docs) != len(results) {
		t.Fatalf("%d documents, want %d", len(docs), len(results))
	}
	for i, r := range results {
		d := docs[i]
		id := strings.NewReplacer("|", "_", "\t", "_").Replace(r.Document.ID)
		if d.id != id {
			t.Errorf("document %d: id %q, want %q", i, d.id, id)
		}
		whole := []rune(d.title + " " + d.abstract)
		if string(whole) != oneLine(r.Document.Text) {
			t.Errorf("document %s: title + space + abstract is not the text:\n%q\n%q", d.id, string(whole), oneLine(r.Document.Text))
		}
		for _, tag := range d.tags {
			if got := runeSlice(whole, tag.Start, tag.End); got != tag.Text {
				t.Errorf("document %s: %s=%s at %d-%d: the text there is %q, the annotation's %q", d.id, tag.Facet, tag.Value, tag.Start, tag.End, got, tag.Text)
			}
		}
		want := wantTags(r)
		for j := range want {
			want[j].Text = oneLine(want[j].Text)
		}
		checkTags(t, "pubtator", r.Document.ID, want, d.tags)
	}
}

// TestPubTatorTitleLine checks where the title line ends: after the title the document knows,
// else at the first line break, else at the end of the text.
func TestPubTatorTitleLine(t *testing.T) {
	cases := []struct {
		name                 string
		doc                  corpus.Document
		wantTitle, wantAbstr string
	}{
		{"title range", corpus.Document{ID: "a", Text: "CAR⁺ cells\n\nNo CRS.", TitleEnd: len("CAR⁺ cells")}, "CAR⁺ cells", " No CRS."},
		{"title with a heading mark", corpus.Document{ID: "b", Text: "# Lupus\nBody.", TitleStart: 2, TitleEnd: 7}, "# Lupus", "Body."},
		{"no title: the first line", corpus.Document{ID: "c", Text: "First line\r\nsecond ≥3\n"}, "First line ", "second ≥3 "},
		{"one line", corpus.Document{ID: "d", Text: "Grade ≥3 CRS did not occur."}, "Grade ≥3 CRS did not occur.", ""},
		{"title running to the end", corpus.Document{ID: "e", Text: "Only a title", TitleEnd: 12}, "Only a title", ""},
		{"id with a bar and a tab", corpus.Document{ID: "x|y\tz", Text: "T\nA"}, "T", "A"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			r := &classifier.Result{Document: &tc.doc}
			if err := export.Write(&buf, export.PubTator, []*classifier.Result{r}, export.Options{}); err != nil {
				t.Fatal(err)
			}
			docs := readPubTator(t, buf.Bytes())
			if len(docs) != 1 || docs[0].title != tc.wantTitle || docs[0].abstract != tc.wantAbstr {
				t.Errorf("read %+v, want title %q, abstract %q\n%s", docs, tc.wantTitle, tc.wantAbstr, buf.String())
			}
			if strings.ContainsAny(docs[0].id, "|\t") {
				t.Errorf("id %q holds a separator", docs[0].id)
			}
		})
	}
}
