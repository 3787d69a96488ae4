package export

import (
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/classifier"
)

// pubtatorDocument writes r in PubTator's tab format (see the package documentation). Its
// offsets have been checked.
func pubtatorDocument(r *classifier.Result) []byte {
	doc := r.Document
	text := doc.Text
	id := pubtatorID(doc.ID)
	k := pubtatorSplit(doc.Text, doc.TitleEnd)
	title, abstract := text[:k], ""
	if k < len(text) {
		abstract = text[k+1:] // the separator is one ASCII byte, one character
	}
	var b strings.Builder
	b.WriteString(id + "|t|" + flatten(title) + "\n")
	b.WriteString(id + "|a|" + flatten(abstract) + "\n")
	c := &chars{text: text}
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			cols := []string{id, strconv.Itoa(c.at(t.Start)), strconv.Itoa(c.at(t.End)), flatten(t.Text),
				t.Facet, flatten(t.Value), t.Status, t.Rule}
			if t.Cue != "" {
				cols = append(cols, flatten(t.Cue))
			}
			b.WriteString(strings.Join(cols, "\t") + "\n")
		}
	}
	return []byte(b.String())
}

// pubtatorSplit returns the byte offset of the character that separates the title line
// from the abstract line: the white space right after the title, when the document knows
// where its title ends, else the first line break; with neither, the end of the text (the
// whole text is the title line). Title, one space and abstract are the text again.
func pubtatorSplit(text string, titleEnd int) int {
	if titleEnd > 0 && titleEnd < len(text) && strings.IndexByte(" \t\r\n", text[titleEnd]) >= 0 {
		return titleEnd
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return i
	}
	return len(text)
}

// pubtatorID is the document id as PubTator lines can hold it: no "|", tab or line break.
func pubtatorID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '|' || r == '\t' || r == '\n' || r == '\r' {
			return '_'
		}
		return r
	}, id)
}

// flatten writes line breaks and tabs as spaces, one for one, so that the text stays on
// its line and in its column and its characters keep their offsets.
func flatten(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t', '\v', '\f', '\u0085', '\u2028', '\u2029':
			return ' '
		}
		return r
	}, s)
}
