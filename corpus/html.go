package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// htmlDropped are the elements whose content is not page text. The h1 of a header is kept.
var htmlDropped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"nav": true, "footer": true, "aside": true, "form": true, "button": true,
	"select": true, "iframe": true, "header": true, "textarea": true,
}

// htmlRawText are the elements the tokenizer reads as raw text up to their end tag, even
// when written as self-closing ("<script/>").
var htmlRawText = map[string]bool{
	"script": true, "style": true, "noscript": true, "iframe": true, "textarea": true,
	"title": true, "noembed": true, "noframes": true, "xmp": true,
}

// htmlBlocks are the elements that end a line.
var htmlBlocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "br": true, "li": true,
	"tr": true, "table": true, "ul": true, "ol": true, "blockquote": true, "pre": true,
	"dd": true, "dt": true, "dl": true, "figcaption": true, "figure": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"hr": true, "address": true, "details": true, "summary": true, "caption": true,
	"center": true, "fieldset": true, "body": true,
	// dropped elements that are blocks: their text goes, the line break stays
	"nav": true, "footer": true, "aside": true, "form": true, "header": true,
}

// htmlParagraphs are the blocks set off by blank lines.
var htmlParagraphs = map[string]bool{
	"p": true, "blockquote": true, "pre": true, "table": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// htmlBullet starts the line of a list item.
const htmlBullet = "  • "

// maxHTMLTitleBytes caps the text kept for a title, should a <title> or <h1> not be closed.
const maxHTMLTitleBytes = 1024

// extractHTML returns the text of an HTML page, its title (the citation_title meta tag,
// else the <title>, else the first <h1>) and what its citation_* meta tags say. The text has
// one line per block, blank lines between paragraphs and after headings, list items
// bulleted, white space collapsed and entities decoded.
// h1 is the page's first <h1>, whatever the title; citationTitle says the title came from a
// citation_title tag.
func extractHTML(page string) (text, title, h1 string, citationTitle bool, meta *Meta) {
	e := &htmlExtractor{meta: &Meta{}}
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: a strings.Reader has no other errors
		}
		switch tt {
		case html.TextToken:
			e.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if tag == "meta" {
				if hasAttr {
					e.metaTag(z)
				}
				continue
			}
			if tt == html.SelfClosingTagToken && !htmlRawText[tag] {
				e.start(tag)
				e.end(tag)
				continue
			}
			e.start(tag)
		case html.EndTagToken:
			name, _ := z.TagName()
			e.end(string(name))
		}
	}
	e.endLine()
	if e.out.Len() > 0 {
		e.out.WriteByte('\n')
	}
	h1 = collapseTitleSpace(e.h1.String())
	title = collapseTitleSpace(e.citationTitle)
	citationTitle = title != ""
	if title == "" {
		title = collapseTitleSpace(e.title.String())
	}
	if title == "" {
		title = h1
	}
	return e.out.String(), title, h1, citationTitle, e.meta.orNil()
}

// metaTag reads a <meta name="citation_…" content="…"> tag (Highwire Press tags, which
// publishers and PubMed Central put on article pages), and the Dublin Core date and
// identifier where no citation tag gives them.
func (e *htmlExtractor) metaTag(z *html.Tokenizer) {
	var name, content string
	for {
		k, v, more := z.TagAttr()
		switch string(k) {
		case "name", "property":
			name = strings.ToLower(strings.TrimSpace(string(v)))
		case "content":
			content = strings.Join(strings.Fields(string(v)), " ")
		}
		if !more {
			break
		}
	}
	if content == "" {
		return
	}
	m := e.meta
	switch name {
	case "citation_title":
		if e.citationTitle == "" {
			e.citationTitle = content
		}
	case "citation_publication_date", "citation_date", "citation_online_date", "citation_cover_date", "dc.date":
		if m.Date == "" && m.DateWritten == "" {
			m.setDate(name, content)
		}
	case "citation_journal_title":
		m.Journal = content
	case "citation_journal_abbrev":
		m.JournalAbbrev = content
	case "citation_author":
		m.Authors = addUnique(m.Authors, content)
	case "citation_doi":
		m.setDOI(name, content)
	case "dc.identifier":
		if m.DOI == "" && strings.Contains(content, "10.") {
			m.setDOI(name, content)
		}
	case "citation_pmid":
		m.PMID = content
	case "citation_keywords":
		for _, k := range strings.FieldsFunc(content, func(r rune) bool { return r == ';' || r == ',' }) {
			m.Keywords = addUnique(m.Keywords, k)
		}
	}
}

// htmlExtractor holds the state of extractHTML.
type htmlExtractor struct {
	out     strings.Builder
	line    []byte // the line being built
	started bool   // line has content (and its prefix)
	space   bool   // a space is due before the next character of the line
	blank   bool   // a blank line is due before the next line
	prefix  string // written before the line's first character

	dropped []string       // open dropped elements, innermost last
	open    map[string]int // number of each tag in dropped
	pre     int            // open <pre> elements
	li      int            // open <li> elements
	lists   []int          // li at the start of each open <ul> or <ol>
	h1      strings.Builder
	inH1    int
	h1Done  bool
	title   strings.Builder
	inTitle bool
	titled  bool // a <title> was read

	meta          *Meta  // what the page's citation_* meta tags say
	citationTitle string // the citation_title meta tag
}

// visible reports whether text at this point is page text: outside dropped elements, or in
// an h1 inside header elements only.
func (e *htmlExtractor) visible() bool {
	if len(e.dropped) == 0 {
		return true
	}
	return e.inH1 > 0 && e.open["header"] == len(e.dropped)
}

// drop opens a dropped element.
func (e *htmlExtractor) drop(tag string) {
	if e.open == nil {
		e.open = make(map[string]int)
	}
	e.dropped = append(e.dropped, tag)
	e.open[tag]++
}

// undrop closes the innermost open dropped element tag, and those opened inside it, and
// reports whether there was one. Each element is closed once, so the work is linear in the
// page size even for hostile markup.
func (e *htmlExtractor) undrop(tag string) bool {
	if e.open[tag] == 0 {
		return false
	}
	i := len(e.dropped) - 1
	for e.dropped[i] != tag {
		i--
	}
	for _, t := range e.dropped[i:] {
		e.open[t]--
	}
	e.dropped = e.dropped[:i]
	return true
}

// start handles a start tag.
func (e *htmlExtractor) start(tag string) {
	switch {
	case tag == "title":
		if !e.titled && len(e.dropped) == 0 {
			e.inTitle = true
		} else {
			e.drop(tag) // an svg title, or a second title
		}
		return
	case htmlDropped[tag]:
		if htmlBlocks[tag] {
			e.endLine()
		}
		e.drop(tag)
		return
	case tag == "h1":
		e.inH1++ // before the visibility test: an h1 inside a header is kept
	}
	if !e.visible() {
		return
	}
	e.block(tag)
	switch tag {
	case "li":
		// A list item ends the one before it at its level, closed or not.
		e.li = e.listBase() + 1
		e.prefix = htmlBullet
	case "ul", "ol":
		e.lists = append(e.lists, e.li)
	case "pre":
		e.pre++
	case "td", "th":
		e.softBreak()
	}
}

// end handles an end tag.
func (e *htmlExtractor) end(tag string) {
	switch {
	case tag == "title" && e.inTitle:
		e.inTitle = false
		e.titled = true
		return
	case tag == "title" || htmlDropped[tag]:
		if e.undrop(tag) && htmlBlocks[tag] {
			e.endLine()
		}
		return
	case tag == "h1":
		if e.inH1 == 0 {
			return // a stray end tag
		}
		if e.visible() {
			e.block(tag)
			if strings.TrimSpace(e.h1.String()) != "" {
				e.h1Done = true
			}
		}
		e.inH1--
		return
	}
	if !e.visible() {
		return
	}
	switch tag {
	case "br":
		return // handled at its start
	case "li":
		e.endLine()
		e.prefix = ""
		if e.li > e.listBase() {
			e.li--
		}
	case "ul", "ol":
		if n := len(e.lists); n > 0 {
			e.li = e.lists[n-1]
			e.lists = e.lists[:n-1]
		}
	case "pre":
		if e.pre > 0 {
			e.pre--
		}
	case "td", "th":
		e.softBreak()
	}
	e.block(tag)
}

// listBase is the number of list items open around the innermost open list.
func (e *htmlExtractor) listBase() int {
	if n := len(e.lists); n > 0 {
		return e.lists[n-1]
	}
	return 0
}

// block ends the line if tag is a block element, and asks for a blank line after a
// paragraph (except inside list items, which stay one per line). A <br> at the start of
// a line asks for a blank line.
func (e *htmlExtractor) block(tag string) {
	switch {
	case tag == "br":
		if e.started {
			e.endLine()
		} else if e.out.Len() > 0 {
			e.blank = true
		}
	case htmlParagraphs[tag]:
		e.endLine()
		if e.out.Len() > 0 && e.li == 0 {
			e.blank = true
		}
	case htmlBlocks[tag]:
		e.endLine()
	}
}

// softBreak separates table cells with a space.
func (e *htmlExtractor) softBreak() {
	if e.started {
		e.space = true
	}
}

// text handles character data.
func (e *htmlExtractor) text(s string) {
	if e.inTitle {
		appendCapped(&e.title, s)
		return
	}
	if !e.visible() {
		return
	}
	if e.inH1 > 0 && !e.h1Done {
		appendCapped(&e.h1, s)
	}
	for _, r := range s {
		if r == '\n' && e.pre > 0 {
			if e.started {
				e.endLine()
			} else if e.out.Len() > 0 {
				e.blank = true
			}
			continue
		}
		if unicode.IsSpace(r) {
			if e.started {
				e.space = true
			}
			continue
		}
		if !e.started {
			e.line = append(e.line, e.prefix...)
			e.started = true
		} else if e.space {
			e.line = append(e.line, ' ')
		}
		e.space = false
		e.line = utf8.AppendRune(e.line, r) // invalid bytes become U+FFFD
	}
}

// endLine writes out the line being built, if it has content.
func (e *htmlExtractor) endLine() {
	e.space = false
	if !e.started {
		return
	}
	if e.out.Len() > 0 {
		e.out.WriteByte('\n')
		if e.blank {
			e.out.WriteByte('\n')
		}
	}
	e.out.Write(e.line)
	e.line = e.line[:0]
	e.started = false
	e.blank = false
	e.prefix = ""
}

// appendCapped appends s to b up to maxHTMLTitleBytes, cutting at a character boundary.
func appendCapped(b *strings.Builder, s string) {
	room := maxHTMLTitleBytes - b.Len()
	if room <= 0 {
		return
	}
	if len(s) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	b.WriteString(s)
}

// collapseTitleSpace trims s and replaces each run of white space in it with one space; invalid
// UTF-8 becomes U+FFFD.
func collapseTitleSpace(s string) string {
	return strings.ToValidUTF8(strings.Join(strings.Fields(s), " "), "\uFFFD")
}
