package corpus

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// defaultMaxDocBytes is the document size limit when Options.MaxDocBytes is 0.
	defaultMaxDocBytes = 16 << 20
	// sniffBytes is how much of an input is looked at to detect its format and binary content.
	sniffBytes = 8 << 10
	// loadBufferBytes is the read buffer of each input.
	loadBufferBytes = 64 << 10
	// maxTitleLineBytes is the longest first line of a text file taken as its title.
	maxTitleLineBytes = 250
)

var utf8BOM = []byte("\xef\xbb\xbf")

// Options bound what [Load] reads.
type Options struct {
	// MaxDocBytes is the size limit of a single document: a file, a JSONL line, a MEDLINE
	// record or a PubMed XML article larger than this is skipped with a *SkipError.
	// 0 means 16 MiB.
	MaxDocBytes int64
	// Stdin is what the path "-" reads. The library never touches os.Stdin itself; when
	// Stdin is nil, "-" is skipped.
	Stdin io.Reader
	// TitleOutsideText leaves a title that the text does not hold out of the text (in
	// Document.Title only). By default it is put before the text, so that it is tagged.
	TitleOutsideText bool
}

func (o Options) maxDocBytes() int64 {
	if o.MaxDocBytes > 0 {
		return o.MaxDocBytes
	}
	return defaultMaxDocBytes
}

// Load reads documents from files, folders (walked recursively, in lexical order, hidden
// files and folders skipped) and "-" ([Options.Stdin]).
//
// It yields each [Document] in input order, or a *[SkipError] for an input or record that
// could not be read, then goes on. Multi-record files (JSONL, MEDLINE, PubMed XML) are
// streamed record by record, with memory proportional to the largest record.
//
// An empty input yields one Document with empty Text. The only other errors Load yields
// come from ctx: when it is cancelled, Load yields ctx.Err() (wrapped) and stops.
func Load(ctx context.Context, paths []string, opts Options) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		l := &loader{ctx: ctx, max: opts.maxDocBytes(), stdin: opts.Stdin, titleOutside: opts.TitleOutsideText, yield: yield}
		for _, p := range paths {
			if !l.loadPath(p) {
				return
			}
		}
	}
}

// DetectFormat picks the format of a file from its name and its first bytes.
//
// A known extension decides (.html, .htm, .xhtml; .jsonl, .ndjson; .medline, .nbib; .xml;
// .md, .markdown; .txt, .text), except that a .txt or .text file whose first non-blank line
// starts with "PMID-" is MEDLINE. Otherwise the first bytes decide: an HTML doctype or
// <html> tag, "<PubmedArticleSet" within the first 1 KiB, a leading '{' (JSON Lines) or a
// leading "PMID-" line; anything else is plain text.
func DetectFormat(name string, head []byte) Format {
	head = bytes.TrimPrefix(head, utf8BOM)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".medline", ".nbib":
		return FormatMedline
	case ".xml":
		return FormatPubMedXML
	case ".md", ".markdown":
		return FormatMarkdown
	case ".txt", ".text":
		if startsMedline(head) {
			return FormatMedline
		}
		return FormatText
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n\f")
	switch {
	case looksHTML(trimmed):
		return FormatHTML
	case bytes.Contains(head[:min(len(head), 1024)], []byte("<PubmedArticleSet")):
		return FormatPubMedXML
	case len(trimmed) > 0 && trimmed[0] == '{':
		return FormatJSONL
	case startsMedline(head):
		return FormatMedline
	}
	return FormatText
}

// looksHTML reports whether b (leading space trimmed) starts an HTML page.
func looksHTML(b []byte) bool {
	b = b[:min(len(b), 1024)]
	lower := bytes.ToLower(b)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return true
	}
	// XHTML: an XML declaration, then the doctype or the html element.
	return bytes.HasPrefix(lower, []byte("<?xml")) &&
		(bytes.Contains(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<html")))
}

// startsMedline reports whether the first non-blank line of head starts with "PMID-".
func startsMedline(head []byte) bool {
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return bytes.HasPrefix(line, []byte("PMID-"))
	}
	return false
}

// loader holds the state of one run of Load.
type loader struct {
	ctx   context.Context
	max   int64
	stdin io.Reader
	// titleOutside: see Options.TitleOutsideText.
	titleOutside bool
	yield        func(*Document, error) bool
	done         bool // yield returned false, or the context error was yielded
}

// alive reports whether loading goes on. When the context is cancelled it yields the
// context's error once and reports false from then on.
func (l *loader) alive() bool {
	if l.done {
		return false
	}
	if err := l.ctx.Err(); err != nil {
		l.done = true
		l.yield(nil, fmt.Errorf("corpus: loading stopped: %w", err))
		return false
	}
	return true
}

// emit yields a document, with its title placed in its text, and reports whether loading
// goes on.
func (l *loader) emit(d *Document) bool {
	d.placeTitle(l.titleOutside)
	return l.emitPlaced(d)
}

// emitPlaced yields a document whose title is placed already, with its kind.
func (l *loader) emitPlaced(d *Document) bool {
	if !l.alive() {
		return false
	}
	d.Kind = kindOf(d)
	if !l.yield(d, nil) {
		l.done = true
	}
	return !l.done
}

// skip yields a skip error and reports whether loading goes on.
func (l *loader) skip(e *SkipError) bool {
	if !l.alive() {
		return false
	}
	if !l.yield(nil, e) {
		l.done = true
	}
	return !l.done
}

// loadPath loads one path given to Load.
func (l *loader) loadPath(p string) bool {
	if !l.alive() {
		return false
	}
	if p == "-" {
		if l.stdin == nil {
			return l.skip(&SkipError{Source: "-", Kind: SkipUnreadable, Reason: "no standard input to read (Options.Stdin is nil)"})
		}
		return l.loadStream(loadInput{source: "-", base: "stdin", id: "stdin", size: -1}, l.stdin)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return l.skip(&SkipError{Source: p, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
	}
	if fi.IsDir() {
		return l.walk(p)
	}
	return l.loadFile(p)
}

// walk loads the files under the folder root in lexical order, skipping hidden entries.
// Symbolic links to files are read; symbolic links to folders are not followed.
func (l *loader) walk(root string) bool {
	walkRoot := root
	if lfi, err := os.Lstat(root); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a root that is a link; a trailing separator makes it.
		walkRoot = root + string(filepath.Separator)
	}
	ok := true
	stop := func(goOn bool) error {
		if !goOn {
			ok = false
			return filepath.SkipAll
		}
		return nil
	}
	// WalkDir only returns what the callback returns: nil or SkipAll, which it turns into nil.
	_ = filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
		if !l.alive() {
			return stop(false)
		}
		if err != nil {
			if d != nil && d.IsDir() {
				return stop(l.skip(&SkipError{Source: path, Kind: SkipUnreadable, Reason: "cannot read folder", Err: err}))
			}
			return stop(l.skip(&SkipError{Source: path, Kind: SkipUnreadable, Reason: "cannot read", Err: err}))
		}
		if path != walkRoot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			fi, err := os.Stat(path)
			switch {
			case err != nil:
				return stop(l.skip(&SkipError{Source: path, Kind: SkipUnreadable, Reason: "cannot follow symbolic link", Err: err}))
			case fi.IsDir():
				return stop(l.skip(&SkipError{Source: path, Kind: SkipFolder, Reason: "symbolic link to a folder, not followed"}))
			case !fi.Mode().IsRegular():
				return nil
			}
		case !d.Type().IsRegular():
			return nil // sockets, devices, named pipes found in a folder are not documents
		}
		return stop(l.loadFile(path))
	})
	return ok
}

// loadInput describes one input being loaded.
type loadInput struct {
	source string // the path, or "-"
	name   string // the name DetectFormat sees ("" for standard input)
	base   string // base name for default record ids
	id     string // id of a single-document input
	size   int64  // size in bytes, or -1 when unknown
}

// recordSource is the Document.Source of the record starting on line n.
func (in loadInput) recordSource(n int) string { return fmt.Sprintf("%s:%d", in.source, n) }

// loadFile loads one file that is not a folder.
func (l *loader) loadFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return l.skip(&SkipError{Source: path, Kind: SkipUnreadable, Reason: "cannot open", Err: err})
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return l.skip(&SkipError{Source: path, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
	}
	if fi.IsDir() {
		return l.skip(&SkipError{Source: path, Kind: SkipFolder, Reason: "is a folder"})
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	base := filepath.Base(path)
	in := loadInput{
		source: path,
		name:   base,
		base:   base,
		id:     strings.TrimSuffix(base, filepath.Ext(base)),
		size:   size,
	}
	return l.loadStream(in, f)
}

// loadStream checks an input, detects its format and loads it.
func (l *loader) loadStream(in loadInput, r io.Reader) bool {
	br := bufio.NewReaderSize(r, loadBufferBytes)
	head, err := peekHead(br)
	if err != nil {
		return l.skip(&SkipError{Source: in.source, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
	}
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return l.skip(&SkipError{Source: in.source, Kind: SkipNotUTF8, Reason: "UTF-16 text is not supported; convert it to UTF-8"})
	}
	bom := 0
	if bytes.HasPrefix(head, utf8BOM) {
		bom = len(utf8BOM)
		if _, err := br.Discard(bom); err != nil {
			return l.skip(&SkipError{Source: in.source, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
		}
		if in.size >= 0 {
			in.size -= int64(bom)
		}
		if head, err = peekHead(br); err != nil {
			return l.skip(&SkipError{Source: in.source, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return l.skip(&SkipError{Source: in.source, Kind: SkipBinary, Reason: "binary file"})
	}
	format := DetectFormat(in.name, head)
	if len(head) == 0 {
		return l.emit(&Document{ID: in.id, Source: in.source, Format: format})
	}
	switch format {
	case FormatJSONL:
		return l.loadJSONL(in, br)
	case FormatMedline:
		return l.loadMedline(in, br)
	case FormatPubMedXML:
		return l.loadPubMedXML(in, br)
	}
	return l.loadSingle(in, format, br, bom)
}

// peekHead returns the first sniffBytes of br (fewer at the end of the input) without
// consuming them.
func peekHead(br *bufio.Reader) ([]byte, error) {
	head, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("reading the first bytes: %w", err)
	}
	return head, nil
}

// loadSingle loads an input that is one document: text, Markdown or HTML. bom is the
// length of the byte-order mark already consumed, for error offsets.
func (l *loader) loadSingle(in loadInput, format Format, br *bufio.Reader, bom int) bool {
	if in.size > l.max {
		return l.skip(oversizeSkip(in.source, 0, in.size, l.max))
	}
	data, err := io.ReadAll(io.LimitReader(br, l.max+1))
	if err != nil {
		return l.skip(&SkipError{Source: in.source, Kind: SkipUnreadable, Reason: "cannot read", Err: err})
	}
	if int64(len(data)) > l.max {
		// The size was unknown (a pipe) or the file grew: count the rest without keeping it.
		rest, _ := io.Copy(io.Discard, br)
		return l.skip(oversizeSkip(in.source, 0, int64(len(data))+rest, l.max))
	}
	if off := invalidUTF8Offset(data); off >= 0 {
		return l.skip(&SkipError{Source: in.source, Kind: SkipNotUTF8, Reason: fmt.Sprintf("not valid UTF-8 text (byte offset %d)", off+bom)})
	}
	d := &Document{ID: in.id, Source: in.source, Format: format}
	text := string(data)
	switch format {
	case FormatHTML:
		var h1 string
		var citation bool
		d.Text, d.Title, h1, citation, d.Meta = extractHTML(text)
		// The page's own heading is its title in the text; a citation_title the text lacks
		// is put before it, but never a <title>, which is often the site's name.
		if !d.findTitle(d.Title) && !d.findTitle(h1) && citation {
			d.prependTitle(d.Title, l.titleOutside)
		}
		return l.emitPlaced(d)
	case FormatMarkdown:
		d.Text, d.Title = text, markdownTitle(text)
	default:
		d.Text, d.Title = text, textTitle(text)
	}
	return l.emit(d)
}

// oversizeSkip is the skip error for a document of n bytes over the limit max.
func oversizeSkip(source string, line int, n, max int64) *SkipError {
	return &SkipError{Source: source, Line: line, Kind: SkipTooLarge, Reason: fmt.Sprintf("document is %d bytes, over the limit of %d", n, max)}
}

// invalidUTF8Offset returns the byte offset of the first invalid UTF-8 sequence in b, or -1.
func invalidUTF8Offset(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// textTitle returns the title of a plain-text document: a first line "TITLE:" followed by
// the title (the pmc-rct layout), the words of a first line "# Title", or a short first
// line that does not end with a period, is followed by a blank line and is not page
// furniture nor a lower Markdown heading ("## Safety"). It returns "" otherwise.
func textTitle(text string) string {
	next := &textCursor{rest: text}
	first, ok := next.nonBlank()
	if !ok {
		return ""
	}
	if rest, found := strings.CutPrefix(first, "TITLE:"); found {
		if rest = strings.TrimSpace(rest); rest != "" {
			return rest
		}
		title, _ := next.nonBlank()
		return title
	}
	if md := markdownTitle(first); md != "" {
		first = md // "# Title": the title is its words, as findTitle reads the line
	} else if atxText(first) != first {
		return "" // "## Safety": a heading of the text, not its title
	}
	if len(first) > maxTitleLineBytes || strings.HasSuffix(first, ".") || IsFurnitureLine(first) {
		return pageTitle(text)
	}
	if after, ok := next.line(); !ok || strings.TrimSpace(after) != "" {
		if ok && titleOverText(first, strings.TrimSpace(after)) {
			return first // "Late cytopenias after CAR-T cells" right above its text
		}
		return pageTitle(text)
	}
	if len(strings.Fields(first)) < minPageTitleWords && strings.Contains(text[:min(len(text), pageTitleScan)], "\n\n"+first+"\n") {
		// A short first line the page repeats is a site's name ("ACR Meeting Abstracts")
		// over a page whose own title comes after the menus.
		if t := pageTitle(text); t != "" {
			return t
		}
	}
	return first
}

// titleOverText reports whether a first line with text right under it, no blank line
// between, is a title: a few words, no heading, that end with no punctuation or word that
// goes on to the next line, over a line that opens a sentence and is longer than it (a
// paragraph written on one line, or a hard-wrapped one whose lines are all longer than a
// title). A wrapped paragraph's first line is as long as the next and ends anywhere.
func titleOverText(first, next string) bool {
	words := strings.Fields(first)
	if len(words) < minTextTitleWords || next == "" || !unicode.IsUpper([]rune(next)[0]) {
		return false
	}
	if _, heading := headingSection(first); heading {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if strings.ContainsAny(last[len(last)-1:], ".,;:-–(") || continuingWords[last] {
		return false
	}
	return len(next) > textLineBytes || 10*len(first) <= 8*len(next)
}

// minTextTitleWords is the fewest words of a title right above its text.
const minTextTitleWords = 4

// textLineBytes is how long a line is that holds a paragraph unwrapped: a title above it
// is shorter than anything wrapped.
const textLineBytes = 160

// continuingWords end a line whose sentence goes on in the next: no title ends with them.
var continuingWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "and": true, "or": true, "in": true, "on": true,
	"to": true, "for": true, "with": true, "by": true, "from": true, "at": true, "as": true, "is": true, "are": true, "was": true,
	"were": true, "that": true, "which": true, "who": true, "than": true, "but": true, "nor": true, "after": true, "before": true}

// Page titles: how far into a saved page its title is looked for, and how long it is.
const (
	pageTitleScan     = 16 << 10
	minPageTitleWords = 6
	maxPageTitleWords = 40
	// bodyParagraphWords: a paragraph this long is the text itself; a title comes before it.
	bodyParagraphWords = 40
)

// pageTitle finds the title of a page saved as text, under its menus and site name: the
// first line standing alone between blank lines, of minPageTitleWords to maxPageTitleWords
// words, that does not end with a period, is no furniture, bullet or "Label:" line, and
// comes before the first paragraph of body text. It returns "" when there is none.
func pageTitle(text string) string {
	text = text[:min(len(text), pageTitleScan)]
	var para []string
	check := func() string {
		if len(para) != 1 {
			return ""
		}
		l := strings.TrimSpace(para[0])
		n := len(strings.Fields(l))
		switch {
		case n < minPageTitleWords || n > maxPageTitleWords || len(l) > maxTitleLineBytes:
		case strings.HasSuffix(l, ".") || IsFurnitureLine(l):
		case strings.ContainsRune("•·▪◦*-0123456789", []rune(l)[0]):
		case strings.Contains(strings.SplitN(l, " ", 3)[0], ":"):
		default:
			return l
		}
		return ""
	}
	for l := range strings.Lines(text) {
		if strings.TrimSpace(l) != "" {
			para = append(para, l)
			if len(strings.Fields(l)) >= bodyParagraphWords {
				return "" // the body began with no title before it
			}
			continue
		}
		if t := check(); t != "" {
			return t
		}
		para = para[:0]
	}
	return "" // a last line is no title: a title stands over text
}

// markdownTitle returns the text of the first level-1 ATX heading ("# Title") outside
// code fences, or "".
func markdownTitle(text string) string {
	fence := ""
	for l := range strings.Lines(text) {
		l = strings.TrimRight(l, "\r\n")
		indented := strings.TrimLeft(l, " ")
		if len(l)-len(indented) > 3 {
			continue
		}
		if fence != "" {
			if strings.HasPrefix(indented, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(indented, "```") || strings.HasPrefix(indented, "~~~") {
			fence = indented[:3]
			continue
		}
		rest, ok := strings.CutPrefix(indented, "# ")
		if !ok {
			continue
		}
		title := strings.TrimSpace(rest)
		// An optional closing sequence of #s, preceded by a space.
		if t := strings.TrimRight(title, "#"); t != title && (t == "" || strings.HasSuffix(t, " ")) {
			title = strings.TrimSpace(t)
		}
		if title != "" {
			return title
		}
	}
	return ""
}

// textCursor hands out the lines of a text one by one, without their line endings.
type textCursor struct{ rest string }

// line returns the next line, and false at the end of the text.
func (c *textCursor) line() (string, bool) {
	if c.rest == "" {
		return "", false
	}
	l, rest, _ := strings.Cut(c.rest, "\n")
	c.rest = rest
	return strings.TrimSuffix(l, "\r"), true
}

// nonBlank returns the next line that is not blank, trimmed.
func (c *textCursor) nonBlank() (string, bool) {
	for {
		l, ok := c.line()
		if !ok {
			return "", false
		}
		if l = strings.TrimSpace(l); l != "" {
			return l, true
		}
	}
}

// lineReader reads lines of at most max bytes from a stream, keeping at most one line in
// memory. Longer lines are read through and discarded.
type lineReader struct {
	r   *bufio.Reader
	max int64
	buf []byte
	n   int // number of the line last returned, from 1
}

func newLineReader(r *bufio.Reader, max int64) *lineReader {
	return &lineReader{r: r, max: max}
}

// next returns the next line without its line ending ("\n" or "\r\n"); the slice is only
// valid until the following call. If the line is longer than max, next returns a nil line
// and the line's length in long. At the end of the input it returns io.EOF.
func (lr *lineReader) next() (line []byte, long int64, err error) {
	lr.buf = lr.buf[:0]
	var size int64
	read := false
	for {
		frag, err := lr.r.ReadSlice('\n')
		read = read || len(frag) > 0
		ended := err == nil
		if ended {
			frag = frag[:len(frag)-1]
		}
		size += int64(len(frag))
		if size <= lr.max {
			if ended && len(lr.buf) == 0 {
				line = frag // the whole line is in the read buffer: no copy
			} else {
				lr.buf = append(lr.buf, frag...)
				line = lr.buf
			}
		}
		switch {
		case ended:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if !read {
				return nil, 0, io.EOF
			}
		default:
			return nil, 0, fmt.Errorf("reading line %d: %w", lr.n+1, err)
		}
		lr.n++
		if size > lr.max {
			return nil, size, nil
		}
		return bytes.TrimSuffix(line, []byte("\r")), 0, nil
	}
}
