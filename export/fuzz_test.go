package export_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// FuzzParseBrat feeds ParseBrat any text and .ann: it never panics, and what it accepts has
// spans inside the text that Result can slice.
func FuzzParseBrat(f *testing.F) {
	f.Add(bratText, "T1\tcrs 3 6\tCRS\nA1\tStatus T1 negated\n#1\tAnnotatorNotes T1\tpresent | cue: No\n")
	f.Add(bratText, "T1\tantigen 32 36;44 50\tCAR⁺ Second\n#1\tAnnotatorNotes T1\tCD19\n")
	f.Add("é\r\n≥", "T1\tcrs 0 1\té\r\nA1\tSection T1 references\r\n")
	f.Add("", "T1\tcrs 0 0\t\n")
	f.Fuzz(func(t *testing.T, text, ann string) {
		d, err := export.ParseBrat("fuzz", "fuzz.ann", []byte(text), []byte(ann))
		if err != nil {
			return
		}
		n := utf8.RuneCountInString(text)
		for _, a := range d.Annotations {
			for _, sp := range a.Spans {
				if sp.Start < 0 || sp.End < sp.Start || sp.End > n {
					t.Fatalf("accepted span %v outside %d characters", sp, n)
				}
			}
		}
		for _, s := range d.Result().Sentences {
			for _, tag := range s.Tags {
				if text[tag.Start:tag.End] != tag.Text {
					t.Fatalf("tag %+v is not its text", tag)
				}
			}
		}
	})
}

// FuzzBratRoundTrip writes one tag over any span of any text as brat and reads it back:
// brat's own check of the text always passes, and a span on one line comes back as it was.
func FuzzBratRoundTrip(f *testing.F) {
	f.Add("Grade ≥3 CRS did not occur.", 6, 12)
	f.Add("cytokine release\r\nsyndrome 🧪", 0, 26)
	f.Add("  \n x \n  ", 0, 9)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if !utf8.ValidString(text) || len(text) == 0 {
			return
		}
		start, end := min(max(a, 0), len(text)), min(max(b, 0), len(text))
		if start > end {
			start, end = end, start
		}
		for start > 0 && start < len(text) && !utf8.RuneStart(text[start]) {
			start--
		}
		for end < len(text) && !utf8.RuneStart(text[end]) {
			end++
		}
		tag := classifier.Tag{Facet: "crs", Value: "present", Status: classifier.Negated, Cue: "no | not", Start: start,
			End: end, Text: text[start:end], Rule: "crs.term", Section: corpus.SectionResults}
		r := &classifier.Result{Document: &corpus.Document{ID: "fuzz", Text: text},
			Sentences: []classifier.Sentence{{Sentence: corpus.Sentence{Start: 0, End: len(text), Text: text}, Tags: []classifier.Tag{tag}}}}
		b2, err := export.EncodeBrat(r)
		if strings.Contains(tag.Text, "\n") && strings.TrimSpace(tag.Text) == "" {
			if err == nil {
				t.Fatalf("white space across a line break was written:\n%s", b2.Ann)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		d, err := export.ParseBrat("fuzz", "fuzz.ann", b2.Text, b2.Ann)
		if err != nil {
			t.Fatalf("brat's check fails on what was written: %v\n%s", err, b2.Ann)
		}
		back := d.Result().Sentences[0].Tags[0]
		if back.Status != tag.Status || back.Section != tag.Section || back.Cue != tag.Cue || back.Value != tag.Value {
			t.Errorf("read back %+v, wrote %+v", back, tag)
		}
		if !strings.Contains(tag.Text, "\n") && (back.Start != start || back.End != end) {
			t.Errorf("span %d-%d came back as %d-%d", start, end, back.Start, back.End)
		}
	})
}
