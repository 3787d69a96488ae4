package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// StoredDocument is a document as the index holds it: text, sentences and tags exactly as
// they were indexed.
//
// Its JSON, what GET /api/documents/{id} serves, is the document JSON of `trialtag tag`
// ([classifier.DocumentJSON]: id, title, source, facets, sentences) and the stored fields.
type StoredDocument struct {
	classifier.DocumentJSON
	Format corpus.Format `json:"format,omitempty"`
	Text   string        `json:"text"`
	// TitleStart and TitleEnd: where the title stands in Text (corpus.Document).
	TitleStart int `json:"-"`
	TitleEnd   int `json:"-"`
	// Hash is the content hash given to [Index.Update]; RulesFingerprint the fingerprint of
	// the rules it was tagged with.
	Hash             string `json:"hash"`
	RulesFingerprint string `json:"rules_fingerprint"`
}

// Result returns the stored document as a tagged document, as [classifier.Classifier.Tag]
// returned it when it was indexed.
func (d *StoredDocument) Result() *classifier.Result {
	return &classifier.Result{
		Document: &corpus.Document{ID: d.ID, Title: d.Title, Text: d.Text, Source: d.Source, Format: d.Format,
			Meta: d.Meta, Kind: d.Kind, TitleStart: d.TitleStart, TitleEnd: d.TitleEnd},
		Sentences: d.Sentences,
		Facets:    d.Facets,
	}
}

// Document returns the document with this id, or an error wrapping [ErrNotFound]. The id
// may also be any other id the document is known by: its PMID, PMC id, DOI or a registry
// number its record lists.
func (ix *Index) Document(id string) (doc *StoredDocument, err error) {
	doc, err = ix.document(id)
	if !errors.Is(err, ErrNotFound) || validID(id) != "" {
		return doc, err
	}
	if other, ok := ix.resolveID(id); ok && other != id {
		return ix.document(other)
	}
	return doc, err
}

// resolveID finds the document known by another id (the ids field), and reports whether
// one is.
func (ix *Index) resolveID(id string) (string, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return "", false
	}
	dj := bleve.NewDisjunctionQuery(termQ(fieldIDs, id, 1), termQ(fieldIDs, strings.ToLower(id), 1))
	bq := bleve.NewBooleanQuery()
	bq.AddMust(termQ(fieldType, typeDoc, 0), dj)
	req := bleve.NewSearchRequestOptions(bq, 1, 0, false)
	req.SortBy([]string{"_id"})
	res, err := ix.searchShards(context.Background(), req, nil)
	if err != nil || len(res.Hits) == 0 {
		return "", false
	}
	return res.Hits[0].ID, true
}

// document reads the document whose index id is id.
func (ix *Index) document(id string) (doc *StoredDocument, err error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, ErrClosed
	}
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("reading document %s: %w: %v", id, ErrCorrupt, r)
		}
	}()
	if validID(id) != "" {
		return nil, fmt.Errorf("reading document %q: %w", id, ErrNotFound)
	}
	bd, err := ix.shardOf(id).bi.Document(id)
	if err != nil {
		return nil, fmt.Errorf("reading document %s: %w", id, err)
	}
	if bd == nil {
		return nil, fmt.Errorf("reading document %s: %w", id, ErrNotFound)
	}
	d := &StoredDocument{DocumentJSON: classifier.DocumentJSON{ID: id}}
	var data string
	bd.VisitFields(func(f bindex.Field) {
		v := string(f.Value())
		switch f.Name() {
		case fieldTitle:
			d.Title = v
		case fieldText:
			d.Text = v
		case fieldSource:
			d.Source = v
		case fieldHash:
			d.Hash = v
		case fieldRules:
			d.RulesFingerprint = v
		case fieldData:
			data = v
		}
	})
	var sd storedData
	if err := json.Unmarshal([]byte(data), &sd); err != nil {
		return nil, fmt.Errorf("reading document %s: %w: stored data: %w", id, ErrCorrupt, err)
	}
	d.Format = sd.Format
	d.Meta = sd.Meta
	d.Kind = sd.Kind
	if sd.TitleEnd > sd.TitleStart && sd.TitleEnd <= len(d.Text) {
		d.TitleStart, d.TitleEnd = sd.TitleStart, sd.TitleEnd
	}
	d.Facets = sd.Facets
	if d.Facets == nil {
		d.Facets = map[string][]string{}
	}
	d.Sentences = make([]classifier.Sentence, len(sd.Sentences))
	for i, s := range sd.Sentences {
		if s.Start < 0 || s.End > len(d.Text) || s.Start > s.End {
			return nil, fmt.Errorf("reading document %s: %w: sentence %d outside the text", id, ErrCorrupt, s.Index)
		}
		d.Sentences[i] = classifier.Sentence{
			Sentence: corpus.Sentence{Index: s.Index, Start: s.Start, End: s.End, Section: s.Section, Text: d.Text[s.Start:s.End]},
			Tags:     s.Tags,
		}
		if d.Sentences[i].Tags == nil {
			d.Sentences[i].Tags = []classifier.Tag{}
		}
	}
	return d, nil
}
