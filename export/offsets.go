package export

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
)

// ErrOffset marks a tag or sentence whose byte offsets do not fit its document's text: out
// of range, inside a character, or over other text than the tag's own. Nothing is written
// for such a document.
var ErrOffset = errors.New("offsets do not fit the text")

// chars converts byte offsets of one text into character (code point) offsets. It counts
// on from the last offset it was asked about, so offsets asked in rising order, as tags and
// sentences come, cost one pass over the text in all.
type chars struct {
	text       string
	byte, char int
}

// at returns the character offset of byte offset b, which must lie on a character
// boundary of the text (see checkSpan).
func (c *chars) at(b int) int {
	if b < c.byte {
		c.byte, c.char = 0, 0
	}
	c.char += utf8.RuneCountInString(c.text[c.byte:b])
	c.byte = b
	return c.char
}

// checkSpan reports whether [start, end) is a span of text on character boundaries.
func checkSpan(text string, start, end int) error {
	switch {
	case start < 0 || end < start || end > len(text):
		return fmt.Errorf("%w: %d-%d is outside the text (%d bytes)", ErrOffset, start, end, len(text))
	case !boundary(text, start) || !boundary(text, end):
		return fmt.Errorf("%w: %d-%d cuts a character", ErrOffset, start, end)
	}
	return nil
}

func boundary(text string, i int) bool {
	return i == len(text) || utf8.RuneStart(text[i])
}

// checkResult checks every sentence and tag of r against its document text: each span lies
// on character boundaries and each tag's text is the text of its span.
func checkResult(r *classifier.Result) error {
	if r == nil || r.Document == nil {
		return errors.New("no document")
	}
	text := r.Document.Text
	for _, s := range r.Sentences {
		if err := checkSpan(text, s.Start, s.End); err != nil {
			return fmt.Errorf("document %s: sentence %d: %w", r.Document.ID, s.Index, err)
		}
		for _, t := range s.Tags {
			if err := checkSpan(text, t.Start, t.End); err != nil {
				return fmt.Errorf("document %s: sentence %d: tag %s=%s: %w", r.Document.ID, s.Index, t.Facet, t.Value, err)
			}
			if text[t.Start:t.End] != t.Text {
				return fmt.Errorf("document %s: sentence %d: tag %s=%s: %w: the text at %d-%d is %q, not %q",
					r.Document.ID, s.Index, t.Facet, t.Value, ErrOffset, t.Start, t.End, text[t.Start:t.End], t.Text)
			}
		}
	}
	return nil
}

// byteIndex converts character (code point) offsets of one text into byte offsets,
// counting on from the last offset it was asked about, like chars the other way.
type byteIndex struct {
	text       string
	byte, char int
}

// at returns the byte offset of character offset ch, or the text's length for an offset
// past its end.
func (x *byteIndex) at(ch int) int {
	if ch < x.char {
		x.byte, x.char = 0, 0
	}
	for x.char < ch && x.byte < len(x.text) {
		_, size := utf8.DecodeRuneInString(x.text[x.byte:])
		x.byte += size
		x.char++
	}
	return x.byte
}
