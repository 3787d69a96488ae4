package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// The BioC model, as the BioC DTD and the BioC JSON of PubTator lay it out. The same
// values marshal to XML and to JSON; what only one of them writes is marked "-" for the
// other (JSON writes empty sentence, annotation and relation lists, which XML leaves out).

type biocInfon struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// biocInfons are key-value pairs in order: <infon key="k">v</infon> elements in XML, one
// object in JSON.
type biocInfons []biocInfon

func (in *biocInfons) add(key, value string) { *in = append(*in, biocInfon{key, value}) }

// MarshalJSON writes the infons as one object, keys in their order.
func (in biocInfons) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range in {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeJSONString(&b, kv.Key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := writeJSONString(&b, kv.Value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeJSONString writes s as a JSON string, leaving <, > and & as they are.
func writeJSONString(b *bytes.Buffer, s string) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

type biocLocation struct {
	Offset int `xml:"offset,attr" json:"offset"`
	Length int `xml:"length,attr" json:"length"`
}

type biocAnnotation struct {
	ID        string         `xml:"id,attr" json:"id"`
	Infons    biocInfons     `xml:"infon" json:"infons"`
	Locations []biocLocation `xml:"location" json:"locations"`
	Text      string         `xml:"text" json:"text"`
}

type biocPassage struct {
	Infons      biocInfons       `xml:"infon" json:"infons"`
	Offset      int              `xml:"offset" json:"offset"`
	Text        string           `xml:"text" json:"text"`
	Sentences   []struct{}       `xml:"-" json:"sentences"`
	Annotations []biocAnnotation `xml:"annotation" json:"annotations"`
	Relations   []struct{}       `xml:"-" json:"relations"`
}

type biocDocument struct {
	XMLName     xml.Name      `xml:"document" json:"-"`
	ID          string        `xml:"id" json:"id"`
	Infons      biocInfons    `xml:"infon" json:"infons"`
	Passages    []biocPassage `xml:"passage" json:"passages"`
	Annotations []struct{}    `xml:"-" json:"annotations"`
	Relations   []struct{}    `xml:"-" json:"relations"`
}

// collectionInfons are the infons of every collection: how its offsets count.
func collectionInfons() biocInfons {
	return biocInfons{{"offset_unit", "character"}}
}

// biocKey names the scheme the collection's infons follow (BioC <key>): trialtag's tags,
// described in its README.
const biocKey = "trialtag"

// newBioCDocument builds the BioC document of r, whose offsets have been checked.
func newBioCDocument(r *classifier.Result) biocDocument {
	doc := r.Document
	d := biocDocument{ID: doc.ID, Annotations: []struct{}{}, Relations: []struct{}{}, Passages: []biocPassage{}}
	d.Infons.add("source", doc.Source)
	if doc.Kind != "" {
		d.Infons.add("kind", doc.Kind)
	}
	if m := doc.Meta; m != nil {
		for _, kv := range [][2]string{{"pmid", m.PMID}, {"pmcid", m.PMCID}, {"doi", m.DOI}, {"date", m.Date}, {"journal", m.Journal}} {
			if kv[1] != "" {
				d.Infons.add(kv[0], kv[1])
			}
		}
	}
	c := &chars{text: doc.Text}
	next := 1 // annotation ids, unique in the document
	for i := 0; i < len(r.Sentences); {
		first := r.Sentences[i]
		j := i + 1
		for j < len(r.Sentences) && r.Sentences[j].Section == first.Section {
			j++
		}
		last := r.Sentences[j-1]
		p := biocPassage{Offset: c.at(first.Start), Text: doc.Text[first.Start:last.End],
			Sentences: []struct{}{}, Annotations: []biocAnnotation{}, Relations: []struct{}{}}
		p.Infons.add("type", string(first.Section))
		for _, s := range r.Sentences[i:j] {
			for _, t := range s.Tags {
				start := c.at(t.Start)
				a := biocAnnotation{ID: strconv.Itoa(next), Text: t.Text,
					Locations: []biocLocation{{Offset: start, Length: c.at(t.End) - start}}}
				next++
				a.Infons = tagInfons(t)
				p.Annotations = append(p.Annotations, a)
			}
		}
		d.Passages = append(d.Passages, p)
		i = j
	}
	if len(d.Passages) == 0 { // the DTD wants a passage: the whole text, untagged
		p := biocPassage{Text: doc.Text, Sentences: []struct{}{}, Annotations: []biocAnnotation{}, Relations: []struct{}{}}
		p.Infons.add("type", string(corpus.SectionBody))
		d.Passages = append(d.Passages, p)
	}
	return d
}

// tagInfons are what BioC says of a tag: its facet (as "type", which BioC tools group
// annotations by, and as "facet"), value, status, rule, cue, incidence and denied grade.
func tagInfons(t classifier.Tag) biocInfons {
	in := biocInfons{{"type", t.Facet}, {"facet", t.Facet}, {"value", t.Value}, {"status", t.Status}, {"rule", t.Rule}}
	if t.Cue != "" {
		in.add("cue", t.Cue)
	}
	if inc := t.Incidence; inc != nil {
		if inc.N != nil {
			in.add("incidence_n", strconv.Itoa(*inc.N))
		}
		if inc.Of != nil {
			in.add("incidence_of", strconv.Itoa(*inc.Of))
			if inc.Source != "" {
				in.add("incidence_source", inc.Source)
			}
		}
		if inc.Percent != nil {
			in.add("incidence_percent", strconv.FormatFloat(*inc.Percent, 'f', -1, 64))
		}
		if inc.Grade != "" {
			in.add("incidence_grade", inc.Grade)
		}
	}
	if t.DeniedGrade != "" {
		in.add("denied_grade", t.DeniedGrade)
	}
	return in
}

func biocXMLHeader(o Options) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE collection SYSTEM "BioC.dtd">` + "\n<collection>\n")
	for _, kv := range [][2]string{{"source", o.source()}, {"date", o.date()}, {"key", biocKey}} {
		b.WriteString("  <" + kv[0] + ">")
		_ = xml.EscapeText(&b, []byte(kv[1])) // a bytes.Buffer does not fail
		b.WriteString("</" + kv[0] + ">\n")
	}
	for _, in := range collectionInfons() {
		b.WriteString(`  <infon key="`)
		_ = xml.EscapeText(&b, []byte(in.Key))
		b.WriteString(`">`)
		_ = xml.EscapeText(&b, []byte(in.Value))
		b.WriteString("</infon>\n")
	}
	return b.Bytes()
}

func biocXMLDocument(r *classifier.Result) ([]byte, error) {
	var b bytes.Buffer
	enc := xml.NewEncoder(&b)
	enc.Indent("  ", "  ")
	if err := enc.Encode(newBioCDocument(r)); err != nil {
		return nil, fmt.Errorf("document %s: %w", r.Document.ID, err)
	}
	b.WriteByte('\n')
	// The encoder writes every line feed of text as a character reference. In element
	// content a line feed may stand as it is (only CR must stay a reference, or XML
	// readers would fold CR LF into LF), so put them back for people who read the file.
	// Every "&#xA;" is such a line feed: an ampersand of the text itself is "&amp;", and
	// no attribute value here holds a line feed.
	return bytes.ReplaceAll(b.Bytes(), []byte("&#xA;"), []byte("\n")), nil
}

func biocJSONHeader(o Options) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for _, kv := range [][2]string{{"source", o.source()}, {"date", o.date()}, {"key", biocKey}} {
		_ = writeJSONString(&b, kv[0]) // strings cannot fail
		b.WriteByte(':')
		_ = writeJSONString(&b, kv[1])
		b.WriteByte(',')
	}
	in, _ := collectionInfons().MarshalJSON()
	b.WriteString(`"infons":`)
	b.Write(in)
	b.WriteString(`,"documents":[` + "\n")
	return b.Bytes()
}

func biocJSONDocument(r *classifier.Result) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(newBioCDocument(r)); err != nil {
		return nil, fmt.Errorf("document %s: %w", r.Document.ID, err)
	}
	b.Truncate(b.Len() - 1) // Encode's newline: the stream's separator or footer follows
	return b.Bytes(), nil
}
