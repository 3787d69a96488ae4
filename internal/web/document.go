package web

import (
	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
)

// Document is the JSON of a tagged document, as `trialtag tag --format jsonl` prints one per
// line: POST /api/tag returns it.
type Document struct {
	ID        string              `json:"id"`
	Title     string              `json:"title"`
	Source    string              `json:"source"`
	Facets    map[string][]string `json:"facets"`
	Sentences []Sentence          `json:"sentences"`
}

// Sentence is a sentence of a [Document] with its tags. Offsets are byte offsets into the
// document's text.
type Sentence struct {
	Index   int              `json:"index"`
	Start   int              `json:"start"`
	End     int              `json:"end"`
	Section corpus.Section   `json:"section"`
	Text    string           `json:"text"`
	Tags    []classifier.Tag `json:"tags"`
}

// NewDocument turns a tagged document into its JSON: empty facets and tags are {} and [],
// never null.
func NewDocument(r *classifier.Result) Document {
	d := Document{ID: r.Document.ID, Title: r.Document.Title, Source: r.Document.Source, Facets: r.Facets,
		Sentences: make([]Sentence, len(r.Sentences))}
	if d.Facets == nil {
		d.Facets = map[string][]string{}
	}
	for i, s := range r.Sentences {
		tags := s.Tags
		if tags == nil {
			tags = []classifier.Tag{}
		}
		d.Sentences[i] = Sentence{Index: s.Index, Start: s.Start, End: s.End, Section: s.Section, Text: s.Text, Tags: tags}
	}
	return d
}

// StoredDocument is the JSON of GET /api/documents/{id}: the document as indexed, in the
// shape of [Document], with its whole text and the fingerprint of the rules it was tagged
// with.
type StoredDocument struct {
	Document
	Format           corpus.Format `json:"format,omitempty"`
	Text             string        `json:"text"`
	RulesFingerprint string        `json:"rules_fingerprint"`
}

// NewStoredDocument turns a document read from the index into its JSON.
func NewStoredDocument(d *index.StoredDocument) StoredDocument {
	return StoredDocument{
		Document:         NewDocument(d.Result()),
		Format:           d.Format,
		Text:             d.Text,
		RulesFingerprint: d.RulesFingerprint,
	}
}
