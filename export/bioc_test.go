package export_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// A reader of BioC, written from the DTD and PubTator's BioC JSON, apart from the
// writer's types: the test decodes what a BioC tool would.

type biocInfon struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type biocLocation struct {
	Offset int `xml:"offset,attr" json:"offset"`
	Length int `xml:"length,attr" json:"length"`
}

type biocAnnotation struct {
	ID        string            `xml:"id,attr" json:"id"`
	XMLInfons []biocInfon       `xml:"infon" json:"-"`
	Infons    map[string]string `xml:"-" json:"infons"`
	Locations []biocLocation    `xml:"location" json:"locations"`
	Text      string            `xml:"text" json:"text"`
}

type biocPassage struct {
	XMLInfons   []biocInfon       `xml:"infon" json:"-"`
	Infons      map[string]string `xml:"-" json:"infons"`
	Offset      int               `xml:"offset" json:"offset"`
	Text        string            `xml:"text" json:"text"`
	Annotations []biocAnnotation  `xml:"annotation" json:"annotations"`
}

type biocDocument struct {
	ID        string            `xml:"id" json:"id"`
	XMLInfons []biocInfon       `xml:"infon" json:"-"`
	Infons    map[string]string `xml:"-" json:"infons"`
	Passages  []biocPassage     `xml:"passage" json:"passages"`
}

type biocCollection struct {
	XMLName   xml.Name          `xml:"collection" json:"-"`
	Source    string            `xml:"source" json:"source"`
	Date      string            `xml:"date" json:"date"`
	Key       string            `xml:"key" json:"key"`
	XMLInfons []biocInfon       `xml:"infon" json:"-"`
	Infons    map[string]string `xml:"-" json:"infons"`
	Documents []biocDocument    `xml:"document" json:"documents"`
}

func infonMap(in []biocInfon) map[string]string {
	m := map[string]string{}
	for _, kv := range in {
		m[kv.Key] = kv.Value
	}
	return m
}

// readBioC decodes a BioC collection in XML or JSON, with the infons of XML as maps too.
func readBioC(tb testing.TB, format export.Format, b []byte) biocCollection {
	tb.Helper()
	var c biocCollection
	if format == export.BioCJSON {
		if err := json.Unmarshal(b, &c); err != nil {
			tb.Fatalf("decoding BioC JSON: %v\n%.2000s", err, b)
		}
		return c
	}
	if err := xml.Unmarshal(b, &c); err != nil {
		tb.Fatalf("decoding BioC XML: %v\n%.2000s", err, b)
	}
	c.Infons = infonMap(c.XMLInfons)
	for i := range c.Documents {
		d := &c.Documents[i]
		d.Infons = infonMap(d.XMLInfons)
		for j := range d.Passages {
			p := &d.Passages[j]
			p.Infons = infonMap(p.XMLInfons)
			for k := range p.Annotations {
				p.Annotations[k].Infons = infonMap(p.Annotations[k].XMLInfons)
			}
		}
	}
	return c
}

// biocTags checks a BioC document against the text it was written from, in characters:
// each passage's text stands at its offset and each annotation's location covers its
// text, inside its passage. It returns the annotations as tags.
func biocTags(tb testing.TB, d biocDocument, docText string) []wantTag {
	tb.Helper()
	text := []rune(docText)
	var out []wantTag
	for _, p := range d.Passages {
		pr := []rune(p.Text)
		if got := runeSlice(text, p.Offset, p.Offset+len(pr)); got != p.Text {
			tb.Errorf("document %s: passage %q at %d: the text there is %q", d.ID, p.Infons["type"], p.Offset, got)
		}
		if p.Infons["type"] == "" {
			tb.Errorf("document %s: a passage at %d has no type", d.ID, p.Offset)
		}
		for _, a := range p.Annotations {
			if len(a.Locations) != 1 {
				tb.Errorf("document %s: annotation %s has %d locations, want 1", d.ID, a.ID, len(a.Locations))
				continue
			}
			loc := a.Locations[0]
			end := loc.Offset + loc.Length
			if got := runeSlice(pr, loc.Offset-p.Offset, end-p.Offset); got != a.Text {
				tb.Errorf("document %s: annotation %s at %d+%d: passage text there is %q, annotation text %q", d.ID, a.ID, loc.Offset, loc.Length, got, a.Text)
			}
			if a.Infons["type"] != a.Infons["facet"] {
				tb.Errorf("document %s: annotation %s: type %q is not its facet %q", d.ID, a.ID, a.Infons["type"], a.Infons["facet"])
			}
			out = append(out, wantTag{Facet: a.Infons["facet"], Value: a.Infons["value"], Status: a.Infons["status"],
				Rule: a.Infons["rule"], Cue: a.Infons["cue"], Start: loc.Offset, End: end, Text: a.Text})
		}
	}
	return out
}

// TestBioCRoundTrip writes the seeds and our own non-ASCII documents in BioC XML and JSON
// and reads them back: the same tags at the same places, in characters.
func TestBioCRoundTrip(t *testing.T) {
	results := corpusResults(t)
	date := time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)
	for _, format := range []export.Format{export.BioCXML, export.BioCJSON} {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Write(&buf, format, results, export.Options{Date: date}); err != nil {
				t.Fatal(err)
			}
			c := readBioC(t, format, buf.Bytes())
			if c.Source != "trialtag" || c.Date != "20261203" || c.Key != "trialtag" || c.Infons["offset_unit"] != "character" {
				t.Errorf("collection source %q, date %q, key %q, infons %v", c.Source, c.Date, c.Key, c.Infons)
			}
			if len(c.Documents) != len(results) {
				t.Fatalf("%d documents, want %d", len(c.Documents), len(results))
			}
			nonASCII := false
			for i, r := range results {
				d := c.Documents[i]
				if d.ID != r.Document.ID || d.Infons["source"] != r.Document.Source {
					t.Errorf("document %d: id %q, source %q; want %q, %q", i, d.ID, d.Infons["source"], r.Document.ID, r.Document.Source)
				}
				checkTags(t, string(format), r.Document.ID, wantTags(r), biocTags(t, d, r.Document.Text))
				checkPassages(t, d, r)
				nonASCII = nonASCII || hasNonASCIIOffsets(r)
			}
			if !nonASCII {
				t.Error("no tag stands after a character of more than one byte: the test checks no conversion")
			}
		})
	}
}

// checkPassages checks that the passages are the runs of sentences of one section, in order.
func checkPassages(tb testing.TB, d biocDocument, r *classifier.Result) {
	tb.Helper()
	var want []string
	for i, s := range r.Sentences {
		if i == 0 || s.Section != r.Sentences[i-1].Section {
			want = append(want, string(s.Section))
		}
	}
	var got []string
	for _, p := range d.Passages {
		got = append(got, p.Infons["type"])
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		tb.Errorf("document %s: passages %v, want %v", d.ID, got, want)
	}
}

// TestBioCOwnDocument pins what BioC says of our own sentences: the title passage, the
// character offsets after "⁺", "🧪", "é" and "≥", the incidence infons and a cue.
func TestBioCOwnDocument(t *testing.T) {
	r := tagged(t, ownDocument(false))
	for _, format := range []export.Format{export.BioCXML, export.BioCJSON} {
		t.Run(string(format), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.Write(&buf, format, []*classifier.Result{r}, export.Options{}); err != nil {
				t.Fatal(err)
			}
			d := readBioC(t, format, buf.Bytes()).Documents[0]
			if d.Passages[0].Infons["type"] != "title" || d.Passages[0].Offset != 0 || d.Passages[0].Text != ownTitle {
				t.Errorf("first passage %+v, want the title at 0", d.Passages[0])
			}
			var grade1, grade3, neutropenia *biocAnnotation
			for _, p := range d.Passages {
				for i, a := range p.Annotations {
					switch {
					case a.Infons["facet"] == "adverse_event" && a.Infons["value"] == "neutropenia":
						neutropenia = &p.Annotations[i]
					case a.Infons["facet"] == "crs_grade" && a.Infons["value"] == "1":
						grade1 = &p.Annotations[i]
					case a.Infons["facet"] == "crs_grade" && a.Infons["value"] == "3+":
						grade3 = &p.Annotations[i]
					}
				}
			}
			if grade1 == nil || grade3 == nil || neutropenia == nil {
				t.Fatalf("no crs_grade 1 and 3+ and neutropenia annotations in %+v", d.Passages)
			}
			// "No grade 4 neutropenia": a denial of one grade says which.
			if neutropenia.Infons["incidence_grade"] != "4" || neutropenia.Infons["denied_grade"] != "4" || neutropenia.Infons["status"] != classifier.Negated {
				t.Errorf("neutropenia infons %v: want negated with incidence_grade and denied_grade 4", neutropenia.Infons)
			}
			// "Grade ≥3 CRS" starts after the title, two line breaks and the first sentence.
			want := len([]rune(ownTitle + "\n\n" + "Résumé: twelve patients received anti-CD19 CAR⁺ T cells.\n\n"))
			if loc := grade3.Locations[0]; loc.Offset != want || loc.Length != len([]rune("Grade ≥3 CRS")) {
				t.Errorf("crs_grade=3+ at %d+%d, want %d+%d", loc.Offset, loc.Length, want, len([]rune("Grade ≥3 CRS")))
			}
			if grade3.Infons["status"] != classifier.Negated || grade3.Infons["cue"] == "" {
				t.Errorf("crs_grade=3+ infons %v: want negated with its cue", grade3.Infons)
			}
			for k, v := range map[string]string{"incidence_n": "3", "incidence_of": "12", "incidence_percent": "25", "incidence_source": "stated"} {
				if grade1.Infons[k] != v {
					t.Errorf("crs_grade=1 infon %s = %q, want %q (infons %v)", k, grade1.Infons[k], v, grade1.Infons)
				}
			}
			// A negated outcome counts zero, over the population the text gives.
			for k, v := range map[string]string{"incidence_n": "0", "incidence_of": "12", "incidence_source": "inferred"} {
				if grade3.Infons[k] != v {
					t.Errorf("crs_grade=3+ infon %s = %q, want %q (infons %v)", k, grade3.Infons[k], v, grade3.Infons)
				}
			}
			if _, ok := grade3.Infons["incidence_percent"]; ok {
				t.Errorf("crs_grade=3+ infons %v: a percent the text does not give", grade3.Infons)
			}
			ids := map[string]bool{}
			for _, p := range d.Passages {
				for _, a := range p.Annotations {
					if ids[a.ID] {
						t.Errorf("annotation id %s twice", a.ID)
					}
					ids[a.ID] = true
					if _, err := strconv.Atoi(a.ID); err != nil {
						t.Errorf("annotation id %q is not a number", a.ID)
					}
				}
			}
		})
	}
}

// TestBioCXMLShape checks what a DTD-following reader needs beyond decoding: the header,
// and the order of the children of document, passage and annotation.
func TestBioCXMLShape(t *testing.T) {
	var buf bytes.Buffer
	if err := export.Write(&buf, export.BioCXML, []*classifier.Result{tagged(t, ownDocument(false))}, export.Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasPrefix(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE collection SYSTEM \"BioC.dtd\">\n<collection>\n") ||
		!strings.HasSuffix(out, "</collection>\n") {
		t.Errorf("header or footer wrong:\n%.300s\n…\n%s", out, out[max(0, len(out)-100):])
	}
	// Each element's children in the DTD's order, checked on the first of each.
	order := map[string][]string{
		"collection": {"<source>", "<date>", "<key>", "<infon", "<document>"},
		"document":   {"<id>", "<infon", "<passage>"},
		"passage":    {"<infon", "<offset>", "<text>", "<annotation"},
		"annotation": {"<infon", "<location", "<text>"},
	}
	for elem, children := range order {
		start := strings.Index(out, "<"+elem)
		if start < 0 {
			t.Errorf("no <%s>", elem)
			continue
		}
		pos := start
		for _, c := range children {
			i := strings.Index(out[pos:], c)
			if i < 0 {
				t.Errorf("<%s>: no %s after %s", elem, c, out[start:pos])
				break
			}
			pos += i
		}
	}
}

// TestBioCDocumentWithoutSentences checks that a document with no sentence still has the
// passage the DTD asks for.
func TestBioCDocumentWithoutSentences(t *testing.T) {
	r := &classifier.Result{Document: &corpus.Document{ID: "blank", Text: "  "}}
	for _, format := range []export.Format{export.BioCXML, export.BioCJSON} {
		var buf bytes.Buffer
		if err := export.Write(&buf, format, []*classifier.Result{r}, export.Options{}); err != nil {
			t.Fatal(err)
		}
		d := readBioC(t, format, buf.Bytes()).Documents[0]
		if len(d.Passages) != 1 || d.Passages[0].Text != "  " || d.Passages[0].Infons["type"] != "body" {
			t.Errorf("%s: passages %+v, want one body passage with the text", format, d.Passages)
		}
	}
}
