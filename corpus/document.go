package corpus

import (
	"fmt"
)

// Format names the input format a document was read from.
type Format string

// The input formats [Load] understands.
const (
	FormatText      Format = "text"       // plain text
	FormatMarkdown  Format = "markdown"   // Markdown, read as text
	FormatHTML      Format = "html"       // an HTML page, text extracted
	FormatJSONL     Format = "jsonl"      // JSON Lines, one {"id","title","text"} per line
	FormatMedline   Format = "medline"    // PubMed MEDLINE export (PMID-, TI  -, AB  -)
	FormatPubMedXML Format = "pubmed-xml" // PubMed XML (PubmedArticleSet)
)

// multiRecord reports whether a file of this format holds many documents, each with its
// own id.
func (f Format) multiRecord() bool {
	return f == FormatJSONL || f == FormatMedline || f == FormatPubMedXML
}

// Document is one text to tag: an abstract, an article page, a registry record.
//
// Every offset that trialtag reports (sentences, tokens, tags) is a byte offset into Text.
// For HTML input Text is the extracted text, not the markup.
type Document struct {
	// ID identifies the document: the file name without its extension, or the PMID or JSON id
	// of a record inside a multi-record file.
	ID string `json:"id"`
	// Title is the document's title where the input names one, or "".
	Title string `json:"title,omitempty"`
	// Text is the document's text, valid UTF-8.
	Text string `json:"-"`
	// Source says where the document came from: a file path, "path:line" for a record of a
	// multi-record file, or "-" for standard input.
	Source string `json:"source"`
	// Format is the format the document was read as.
	Format Format `json:"format,omitempty"`
}

// Section names the part of a document a sentence belongs to.
//
// Sections come from structured-abstract headings ("Methods:", "ABSTRACT.RESULTS:") and from
// recognised page parts. [SectionFurniture] sentences (menus, share buttons, copyright and
// embargo notices) yield no tags; [SectionReferences] sentences are tagged but do not count
// towards document facets.
type Section string

// The sections a [Splitter] assigns.
const (
	SectionBody        Section = "body" // text under no recognised heading
	SectionTitle       Section = "title"
	SectionAbstract    Section = "abstract"
	SectionBackground  Section = "background"
	SectionMethods     Section = "methods"
	SectionResults     Section = "results"
	SectionConclusions Section = "conclusions"
	SectionDiscussion  Section = "discussion"
	SectionKeywords    Section = "keywords"
	SectionDisclosures Section = "disclosures"
	SectionReferences  Section = "references"
	SectionFurniture   Section = "furniture"
)

// CountsForFacets reports whether tags in sentences of this section count towards a
// document's facets: furniture and reference lists do not.
func (s Section) CountsForFacets() bool {
	return s != SectionFurniture && s != SectionReferences
}

// Sentence is one sentence of a document with its byte offsets into [Document.Text].
type Sentence struct {
	// Index is the sentence's position in the document, from 0.
	Index int `json:"index"`
	// Start and End are byte offsets into the document text, End exclusive.
	Start int `json:"start"`
	End   int `json:"end"`
	// Section is the part of the document the sentence is in.
	Section Section `json:"section"`
	// Text is the document text between Start and End.
	Text string `json:"text"`
}

// Token is a token of a sentence with its byte offsets into [Document.Text].
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// SkipError says why an input, or one record of it, was not read. Loading goes on after
// it: the caller reports it and counts the input as skipped.
type SkipError struct {
	// Source names the input: a path, or "-" for standard input.
	Source string
	// Line is the 1-based line of the record in Source, or 0 when the whole input is skipped.
	Line int
	// Kind is what sort of problem it is, for counting alike skips together.
	Kind SkipKind
	// Reason says what is wrong, in words a user can act on.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

func (e *SkipError) Error() string {
	loc := e.Source
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Source, e.Line)
	}
	if e.Err != nil {
		return fmt.Sprintf("%s: skipped: %s: %v", loc, e.Reason, e.Err)
	}
	return fmt.Sprintf("%s: skipped: %s", loc, e.Reason)
}

func (e *SkipError) Unwrap() error { return e.Err }

// SkipKind is what sort of problem made an input be skipped.
type SkipKind int

// The kinds of [SkipError]. Its String is a short label for a summary ("3 binary file").
const (
	SkipOther       SkipKind = iota // not one of the kinds below
	SkipUnreadable                  // cannot open or read a file, folder, link or standard input
	SkipFolder                      // a folder (or a link to one) where a file was expected
	SkipBinary                      // a binary file
	SkipNotUTF8                     // text that is not UTF-8 (or is UTF-16)
	SkipTooLarge                    // a document or record over Options.MaxDocBytes
	SkipMalformed                   // a record that is not what its format says
	SkipRefMismatch                 // a Ref whose record, byte range or text does not match
)

var skipKindLabels = [...]string{
	SkipOther:       "other",
	SkipUnreadable:  "cannot read",
	SkipFolder:      "is a folder",
	SkipBinary:      "binary file",
	SkipNotUTF8:     "not valid UTF-8",
	SkipTooLarge:    "over max_doc_size",
	SkipMalformed:   "malformed record",
	SkipRefMismatch: "reference does not match the data folder",
}

func (k SkipKind) String() string {
	if k >= 0 && int(k) < len(skipKindLabels) {
		return skipKindLabels[k]
	}
	return fmt.Sprintf("SkipKind(%d)", int(k))
}
