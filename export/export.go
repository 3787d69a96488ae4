package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/trialtag/trialtag/classifier"
)

// Format names an output format.
type Format string

// The formats this package writes.
const (
	BioCXML  Format = "bioc-xml"  // BioC XML collection
	BioCJSON Format = "bioc-json" // BioC JSON collection
	PubTator Format = "pubtator"  // PubTator tab format
	Brat     Format = "brat"      // brat standoff: a folder of .txt and .ann files (BratFolder)
)

// Formats returns every format, in the order the documentation lists them.
func Formats() []Format { return []Format{BioCXML, BioCJSON, PubTator, Brat} }

// ErrUnknownFormat marks a format name this package does not know.
var ErrUnknownFormat = errors.New("unknown format")

// ParseFormat returns the format named name.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats() {
		if string(f) == name {
			return f, nil
		}
	}
	names := make([]string, len(Formats()))
	for i, f := range Formats() {
		names[i] = string(f)
	}
	return "", fmt.Errorf("%w %q (%s)", ErrUnknownFormat, name, strings.Join(names, ", "))
}

// Folder reports whether the format is written as a folder of files ([BratFolder]) rather
// than as one stream ([Stream]).
func (f Format) Folder() bool { return f == Brat }

// Options say what a collection says about itself.
type Options struct {
	// Source names where the collection comes from (BioC <source>); "" means "trialtag".
	Source string
	// Date is when the collection was made (BioC <date>, written yyyymmdd); the zero time
	// writes no date.
	Date time.Time
}

func (o Options) source() string {
	if o.Source == "" {
		return "trialtag"
	}
	return o.Source
}

func (o Options) date() string {
	if o.Date.IsZero() {
		return ""
	}
	return o.Date.Format("20060102")
}

// Stream writes documents in one format as one collection: [Stream.Header], then each
// document's bytes ([Stream.Document]) with [Stream.Separator] between two documents, then
// [Stream.Footer]. The documents' bytes may be made concurrently and in any order; only
// their writing must keep the order. [Write] does all of it for documents at hand.
type Stream struct {
	format Format
	opts   Options
}

// NewStream returns the stream of format f. Brat is a folder, not a stream: use
// [CreateBratFolder] for it.
func NewStream(f Format, opts Options) (*Stream, error) {
	switch f {
	case BioCXML, BioCJSON, PubTator:
		return &Stream{format: f, opts: opts}, nil
	case Brat:
		return nil, fmt.Errorf("format %s writes a folder of files, not a stream", f)
	}
	return nil, fmt.Errorf("%w %q", ErrUnknownFormat, f)
}

// Format returns the stream's format.
func (s *Stream) Format() Format { return s.format }

// Header returns what comes before the first document.
func (s *Stream) Header() []byte {
	switch s.format {
	case BioCXML:
		return biocXMLHeader(s.opts)
	case BioCJSON:
		return biocJSONHeader(s.opts)
	}
	return nil
}

// Document returns one document in the stream's format. It fails, writing nothing, when a
// tag or sentence does not fit the document's text ([ErrOffset]).
func (s *Stream) Document(r *classifier.Result) ([]byte, error) {
	if err := checkResult(r); err != nil {
		return nil, err
	}
	switch s.format {
	case BioCXML:
		return biocXMLDocument(r)
	case BioCJSON:
		return biocJSONDocument(r)
	}
	return pubtatorDocument(r), nil
}

// Separator returns what stands between two documents.
func (s *Stream) Separator() []byte {
	switch s.format {
	case BioCJSON:
		return []byte(",\n")
	case PubTator:
		return []byte("\n")
	}
	return nil
}

// Footer returns what comes after the last document.
func (s *Stream) Footer() []byte {
	switch s.format {
	case BioCXML:
		return []byte("</collection>\n")
	case BioCJSON:
		return []byte("]}\n")
	}
	return nil
}

// Write writes results to w as one collection in format f (any format but [Brat]).
func Write(w io.Writer, f Format, results []*classifier.Result, opts Options) error {
	s, err := NewStream(f, opts)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.Write(s.Header())
	for i, r := range results {
		b, err := s.Document(r)
		if err != nil {
			return fmt.Errorf("writing %s: %w", f, err)
		}
		if i > 0 {
			buf.Write(s.Separator())
		}
		buf.Write(b)
	}
	buf.Write(s.Footer())
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("writing %s: %w", f, err)
	}
	return nil
}
