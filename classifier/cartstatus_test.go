package classifier_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// cartStatusHeadings are the heading lines that put a sentence of cart_status.tsv in its
// section ("" for a title or a registry record, which the document says otherwise).
var cartStatusHeadings = map[string]string{
	"title": "", "registry": "",
	"abstract-background": "Background", "abstract-methods": "Methods", "abstract-results": "Results",
	"abstract-conclusions": "Conclusions", "introduction": "Introduction", "methods": "Methods",
	"results": "Results", "discussion": "Discussion",
}

// TestCarTStatusSentences measures the status of CAR-T toxicity terms in own sentences of
// every section of a publication and of registry records (testdata/status/cart_status.tsv):
// each sentence stands under its heading in a document whose title names CAR-T cells (a
// title is the title; a registry sentence is a registry record). Even rows were tuned on;
// odd rows are held out, read as figures only.
func TestCarTStatusSentences(t *testing.T) {
	c := testrules.Default(t)
	type score struct{ right, all int }
	scores := map[string]*score{"tune": {}, "held out": {}}
	row := 0
	for _, tr := range readTSV(t, "status/cart_status.tsv", 4, "section, sentence, target and status") {
		line, cols := tr.line, tr.cols
		section, sentence, target, want := cols[0], cols[1], cols[2], cols[3]
		heading, ok := cartStatusHeadings[section]
		if !ok {
			t.Fatalf("cart_status.tsv:%d: unknown section %q", line, section)
		}
		const title = "A report on CAR-T cells"
		doc := &corpus.Document{ID: "s", Source: "s", Title: title}
		switch section {
		case "title":
			doc.Text, doc.TitleEnd = sentence, len(sentence)
		case "registry":
			doc.Text, doc.Kind = title+"\n"+sentence, corpus.KindRegistry
			doc.TitleEnd = len(title)
		default:
			doc.Text, doc.TitleEnd = title+"\n"+heading+"\n"+sentence, len(title)
		}
		if !strings.Contains(sentence, target) {
			t.Fatalf("cart_status.tsv:%d: target %q is not in its sentence", line, target)
		}
		at := strings.Index(doc.Text, sentence) + strings.Index(sentence, target)
		got := "none"
		res, err := c.StatusAt(doc, at, at+len(target))
		switch {
		case err == nil:
			got = res.Status
		case !errors.Is(err, classifier.ErrTargetNotFound):
			t.Fatalf("cart_status.tsv:%d: %v", line, err)
		}
		half := "tune"
		if row%2 == 1 {
			half = "held out"
		}
		row++
		s := scores[half]
		s.all++
		if got == want {
			s.right++
		} else if testing.Verbose() && half == "tune" {
			t.Logf("%s %q: want %s, got %s (%s %s): %s", section, target, want, got, res.Rule, res.Cue, sentence)
		}
	}
	// Floors just under the figures of 2026-12-02: before any rule was tuned on the set
	// (tune 0.912, held out 0.850; with the rules of the session's start 0.900 and 0.850),
	// then with the rules for its tune half (tune 0.950, held out 0.838).
	floors := map[string]float64{"tune": 0.95, "held out": 0.83}
	for _, half := range []string{"tune", "held out"} {
		s := scores[half]
		acc := ratio(s.right, s.all)
		t.Logf("%s: %d sentences, accuracy %.3f", half, s.all, acc)
		if acc < floors[half] {
			t.Errorf("%s: accuracy %.3f under the floor %.2f", half, acc, floors[half])
		}
	}
}
