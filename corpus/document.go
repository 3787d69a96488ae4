package corpus

import (
	"fmt"
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
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
	// Meta is what the record says about itself (date, journal, publication types, ids), or
	// nil when its format gives nothing.
	Meta *Meta `json:"meta,omitempty"`
	// Kind is the kind of document its loader knows it to be: [KindRegistry] for a
	// ClinicalTrials.gov record, "" when the loader cannot tell. Rules may give the outcome
	// tags of a kind a status (a registry record describes a plan).
	Kind string `json:"kind,omitempty"`
	// TitleStart and TitleEnd are the byte range of the title in Text, when Text holds it
	// (TitleEnd 0: it does not). The splitter makes that range the title section, so a
	// title is tagged once, with offsets into Text like every other sentence.
	TitleStart int `json:"-"`
	TitleEnd   int `json:"-"`
}

// KindRegistry is the kind of a trial registry record (ClinicalTrials.gov): a plan, with no
// results.
const KindRegistry = "registry"

// KindInterview is the kind of an interview or a panel's transcript: lines that open with
// a speaker's turn ("Dr. Graff:", "**Dr. Turck:**", "Q:"). What the speakers say is
// opinion and knowledge, unless they report their own patients.
const KindInterview = "interview"

// KindReview is the kind of a narrative review told under topic headings ("Pathophysiology",
// "Grading", "Management") with no Methods or Results of its own: it speaks of what is
// known and of other studies.
const KindReview = "review"

// kindOf tells the kind of a loaded document: a record that is no publication (no journal,
// no PMID) and whose id is a ClinicalTrials.gov number (NCT and 8 digits), or whose text
// carries two or more of a registry record's field headings on lines of their own ("Brief
// Summary", "Primary Outcome Measures"), is a registry record; a text with two or more
// speakers' turns is an interview.
func kindOf(d *Document) string {
	id := d.ID
	publication := d.Meta != nil && (d.Meta.Journal != "" || d.Meta.PMID != "" || len(d.Meta.PublicationTypes) > 0)
	registryID := len(id) == 11 && strings.HasPrefix(id, "NCT") && strings.Trim(id[3:], "0123456789") == ""
	switch {
	case registryID && !publication:
		return KindRegistry
	case registryID:
		return ""
	case speakerTurns(d.Text) >= 2:
		return KindInterview
	case !publication && registryFields(d.Text) >= 2:
		return KindRegistry
	case reviewTopics(d.Text) >= 3:
		return KindReview
	}
	return ""
}

// reviewTopicHeadings are headings by which a narrative review orders what is known of a
// toxicity; an original report's own sections (Methods, Results, a case) are none of them.
var reviewTopicHeadings = map[string]bool{
	"pathophysiology": true, "pathogenesis": true, "mechanisms": true, "mechanism of action": true,
	"epidemiology": true, "incidence": true, "incidence and risk factors": true, "risk factors": true,
	"clinical presentation": true, "clinical features": true, "diagnosis": true, "grading": true,
	"grading systems": true, "management": true, "treatment": true, "prevention": true, "prophylaxis": true,
	"future directions": true, "future perspectives": true, "outlook": true, "open questions": true,
}

// reviewTopics counts the distinct review topic headings (reviewTopicHeadings) on lines of
// their own, or 0 when a line heads the text's own Methods or Results (or a case).
func reviewTopics(text string) int {
	seen := map[string]bool{}
	for label := range headingLines(text, 4, 40) {
		if sec, ok := sectionOfLabel(label); ok && (sec == SectionMethods || sec == SectionResults) {
			return 0
		}
		if k := strings.ToLower(label); reviewTopicHeadings[k] {
			seen[k] = true
		}
	}
	return len(seen)
}

// headingLines yields the lines of text that may be headings: trimmed, opening with a
// capital, minLen to maxLen bytes long, each without the colon after it.
func headingLines(text string, minLen, maxLen int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for line := range strings.Lines(text) {
			l := strings.TrimSpace(line)
			if len(l) < minLen || len(l) > maxLen || l[0] < 'A' || l[0] > 'Z' {
				continue
			}
			if !yield(strings.TrimRight(l, ": ")) {
				return
			}
		}
	}
}

// registryFieldHeadings are headings only a trial registry record has (ClinicalTrials.gov's
// field names); an article's "Study design" or "Eligibility criteria" is no sign of one.
var registryFieldHeadings = map[string]bool{
	"brief summary": true, "detailed description": true, "official title": true, "brief title": true,
	"primary outcome measure": true, "primary outcome measures": true, "secondary outcome measure": true,
	"secondary outcome measures": true, "other outcome measures": true, "arms and interventions": true,
	"study type": true, "recruitment status": true, "overall status": true, "arm group": true,
	"primary purpose": true, "intervention model": true,
}

// registryFields counts the distinct registry field headings (registryFieldHeadings) that
// stand on lines of their own, a colon after them allowed.
func registryFields(text string) int {
	seen := map[string]bool{}
	for label := range headingLines(text, 9, 28) {
		if k := strings.ToLower(label); registryFieldHeadings[k] {
			seen[k] = true
		}
	}
	return len(seen)
}

// TextDocument returns text as the document Load makes of a plain-text file named id: its
// title read from its opening lines as a text file's is, its range in the text, and its
// kind. Rule examples and tests build documents with it, so they see titles as users' files do.
func TextDocument(id, text string) *Document {
	d := &Document{ID: id, Source: id, Format: FormatText, Text: text, Title: textTitle(text)}
	d.placeTitle(false)
	d.Kind = kindOf(d)
	return d
}

// titleSearchBytes is how far into a text a title line already written there is looked for.
const titleSearchBytes = 4 << 10

// placeTitle makes sure the document's text holds its title, once, and records where: a
// line near the start of the text that reads as the title (a plain-text first line, an
// HTML h1, a Markdown "# Title") is the title; otherwise the title is put before the text,
// set off by a blank line, unless outside is true (the text must stay as the record has it).
func (d *Document) placeTitle(outside bool) {
	if !d.findTitle(d.Title) {
		d.prependTitle(d.Title, outside)
	}
}

// findTitle looks for a line near the start of the text that reads as title and makes it
// the title's range.
func (d *Document) findTitle(title string) bool {
	want := strings.TrimSpace(title)
	if want == "" {
		return false
	}
	limit := min(len(d.Text), titleSearchBytes)
	for start := 0; start < limit; {
		end := strings.IndexByte(d.Text[start:], '\n')
		if end < 0 {
			end = len(d.Text)
		} else {
			end += start
		}
		if lead, n, ok := titleLine(d.Text[start:end], want); ok {
			d.TitleStart, d.TitleEnd = start+lead, start+lead+n
			return true
		}
		start = end + 1
	}
	return false
}

// prependTitle puts title before the text, unless outside is true, and makes it the
// title's range.
func (d *Document) prependTitle(title string, outside bool) {
	title = strings.TrimSpace(title)
	if title == "" || outside {
		return
	}
	if strings.TrimSpace(d.Text) == "" {
		d.Text = title
	} else {
		d.Text = title + "\n\n" + d.Text
	}
	d.TitleStart, d.TitleEnd = 0, len(title)
}

// titleLine reports whether line reads as the title want, once a Markdown "#" (and its
// closing "#"s) or a "TITLE:" label is set aside, and where in line the title stands.
func titleLine(line, want string) (lead, n int, ok bool) {
	head := atxText(strings.TrimLeft(line, " \t"))
	rest := head
	if r, found := strings.CutPrefix(rest, "TITLE:"); found {
		rest = strings.TrimLeft(r, " \t")
	}
	rest = strings.TrimRight(rest, " \t\r")
	if t := strings.TrimRight(rest, "#"); t != rest && (t == "" || strings.HasSuffix(t, " ")) {
		rest = strings.TrimRight(t, " ")
	}
	if rest == "" || !sameTitle(rest, want) {
		return 0, 0, false
	}
	return len(line) - len(head) + strings.Index(head, rest), len(rest), true
}

// atxText returns a Markdown ATX heading line ("## Safety") without its opening "#"s and the
// blanks after them; any other line ("#CARTcell", a hashtag) as it is.
func atxText(line string) string {
	rest := strings.TrimLeft(line, "#")
	if rest == line || len(line)-len(rest) > 6 || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return line
	}
	return strings.TrimLeft(rest, " \t")
}

// sameTitle reports whether a and b are the same title ignoring case and the amount of
// white space, without allocating: most lines it is asked about are not the title.
func sameTitle(a, b string) bool {
	for {
		a, b = strings.TrimLeftFunc(a, unicode.IsSpace), strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
		// A run of spaces in one is a run of spaces in the other.
		sa, sb := a != "" && isSpaceStart(a), b != "" && isSpaceStart(b)
		if sa != sb && strings.TrimSpace(a) != "" && strings.TrimSpace(b) != "" {
			return false
		}
	}
}

func isSpaceStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
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
	SectionObjectives  Section = "objectives" // a study's aims and purpose, not what is known
	SectionMethods     Section = "methods"
	SectionResults     Section = "results"
	SectionConclusions Section = "conclusions"
	SectionDiscussion  Section = "discussion"
	SectionKeywords    Section = "keywords"
	// SectionHeading is a heading line that names a topic, not a section of a known kind:
	// "## Cytokine release syndrome", or a short line on its own ("Neurotoxicity") over a
	// paragraph. The section around it goes on after it.
	SectionHeading     Section = "heading"
	SectionDisclosures Section = "disclosures"
	SectionReferences  Section = "references"
	SectionFurniture   Section = "furniture"
)

// Sections returns every section a [Splitter] assigns, in the order they are declared.
func Sections() []Section {
	return []Section{SectionBody, SectionTitle, SectionAbstract, SectionBackground, SectionObjectives, SectionMethods,
		SectionResults, SectionConclusions, SectionDiscussion, SectionKeywords, SectionHeading, SectionDisclosures,
		SectionReferences, SectionFurniture}
}

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

// speakerTurn matches a line that opens with a speaker's turn: a doctor or professor by name
// ("Dr. Melissa Johnson:", "**Prof. Lee:**") or a question and its answer ("Q:", "A:").
var speakerTurn = regexp.MustCompile(`^\**\s*(?:(?:Dr|Prof|Professor|Doctor)\.?\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}|Q|A|Question|Answer)\s*:`)

// interviewerTurn matches a line that opens with an interviewer's question under an
// acronym, the outlet's ("ILCN: What should clinicians know …?"): a turn only in a text
// that has a named speaker's turn as well (a structured abstract's "OBJECTIVE: Does …?" is
// none).
var interviewerTurn = regexp.MustCompile(`^\**\s*\p{Lu}{2,10}\s*:\s.*\?\s*$`)

// speakerTurns counts the lines of text that open with a speaker's turn, up to two: named
// speakers and questions and answers, and an acronym's question where a named speaker
// answers.
func speakerTurns(text string) int {
	n, named, asked := 0, false, false
	for line := range strings.Lines(text) {
		l := strings.TrimLeft(line, "* ")
		if l == "" || l[0] < 'A' || l[0] > 'Z' {
			continue // a turn opens with a capital: skip the regular expressions
		}
		colon := strings.IndexByte(l, ':')
		if colon < 0 || colon > 40 {
			continue // a speaker's label is short and ends with a colon
		}
		if strings.ContainsRune("DPQA", rune(l[0])) && speakerTurn.MatchString(line) {
			n++
			named = named || l[0] == 'D' || l[0] == 'P'
		} else if colon <= 12 && strings.HasSuffix(strings.TrimRight(l, " \t\r\n"), "?") && interviewerTurn.MatchString(line) {
			asked = true
		}
		if n >= 2 || named && asked {
			return 2
		}
	}
	return n
}
