package export_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

const seedsDir = "../corpus/seeds"

// Sentences of our own with characters of more than one byte: "≥" (3 bytes), "⁺" (3), "é"
// (2) and an emoji outside the Basic Multilingual Plane (4 bytes; one code point, two
// UTF-16 units), each before some tags so that byte and character offsets part early.
const (
	ownTitle = "CAR⁺ T cells for refractory lupus 🧪: a first report"
	ownBody  = "Résumé: twelve patients received anti-CD19 CAR⁺ T cells.\n\n" +
		"Grade ≥3 CRS did not occur; grade 1 CRS developed in 3 of 12 patients (25%).\n" +
		"No ICANS was observed, and tocilizumab was not needed.\n" +
		"One patient had grade 2 cytokine release\nsyndrome after infusion. No grade 4 neutropenia was seen. Anaemia was absent in 10 of 12 patients."
)

// ownDocument is our own non-ASCII document, its title before its text as the loaders put
// it; crlf writes its line breaks as CR LF.
func ownDocument(crlf bool) *corpus.Document {
	text := ownTitle + "\n\n" + ownBody
	if crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return &corpus.Document{ID: "own/ünïcode 1", Title: ownTitle, Text: text, Source: "export_test",
		TitleStart: 0, TitleEnd: len(ownTitle)}
}

// tagged tags doc with the built-in rules.
func tagged(tb testing.TB, doc *corpus.Document) *classifier.Result {
	tb.Helper()
	return testrules.Default(tb).Tag(doc)
}

// corpusResults tags every document of the seeds and our own documents (LF and CR LF).
func corpusResults(tb testing.TB) []*classifier.Result {
	tb.Helper()
	var out []*classifier.Result
	for doc, err := range corpus.Load(tb.Context(), []string{seedsDir}, corpus.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, tagged(tb, doc))
	}
	own := tagged(tb, ownDocument(false))
	crlf := ownDocument(true)
	crlf.ID = "own-crlf"
	out = append(out, own, tagged(tb, crlf))
	if len(out) != 7 {
		tb.Fatalf("%d documents, want the 5 seeds and 2 of our own", len(out))
	}
	return out
}

// wantTag is a tag as a format should give it back: offsets in characters.
type wantTag struct {
	Facet, Value, Status, Rule, Cue string
	Start, End                      int // characters
	Text                            string
}

// charTag converts a tag's byte offsets into character offsets of text, without the
// package's own conversion.
func charTag(text string, t classifier.Tag) wantTag {
	return wantTag{Facet: t.Facet, Value: t.Value, Status: t.Status, Rule: t.Rule, Cue: t.Cue,
		Start: utf8.RuneCountInString(text[:t.Start]), End: utf8.RuneCountInString(text[:t.End]), Text: t.Text}
}

// wantTags lists r's tags in document order, in characters.
func wantTags(r *classifier.Result) []wantTag {
	var out []wantTag
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			out = append(out, charTag(r.Document.Text, t))
		}
	}
	return out
}

// runeSlice is text[start:end] in characters.
func runeSlice(text []rune, start, end int) string {
	if start < 0 || end < start || end > len(text) {
		return "<outside the text>"
	}
	return string(text[start:end])
}

// checkTags compares the tags a format gave back with those it was given.
func checkTags(tb testing.TB, format, id string, want, got []wantTag) {
	tb.Helper()
	if !slices.Equal(got, want) {
		tb.Errorf("%s: document %s: read back %d tags, wrote %d", format, id, len(got), len(want))
		for i := range max(len(got), len(want)) {
			var g, w wantTag
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				tb.Errorf("  #%d\n    got  %+v\n    want %+v", i, g, w)
			}
		}
	}
}

// hasNonASCIIOffsets reports whether some tag of r stands after a character of more than
// one byte, so that its byte and character offsets differ.
func hasNonASCIIOffsets(r *classifier.Result) bool {
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			if utf8.RuneCountInString(r.Document.Text[:t.Start]) != t.Start {
				return true
			}
		}
	}
	return false
}
