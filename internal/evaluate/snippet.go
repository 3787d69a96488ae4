package evaluate

import (
	"strings"
	"unicode/utf8"

	"github.com/trialtag/trialtag/corpus"
)

// snippetBytes is about how many bytes of a sentence a snippet shows.
const snippetBytes = 200

// MarkedSnippet returns the sentence with the span [start, end) (document offsets) marked in
// [brackets], whitespace runs made single spaces, cut to about 200 bytes around the span.
// With start == end == -1 nothing is marked.
func MarkedSnippet(s corpus.Sentence, start, end int) string {
	text := s.Text
	a, b := start-s.Start, end-s.Start
	mark := start >= 0 && a >= 0 && b <= len(text) && a <= b
	if !mark {
		a, b = 0, 0
	}
	before, span, after := CollapseSpaces(text[:a]), CollapseSpaces(text[a:b]), CollapseSpaces(text[b:])
	before = strings.TrimLeft(before, " ")
	after = strings.TrimRight(after, " ")
	room := max(snippetBytes-len(span), 60)
	keepBefore, keepAfter := room/2, room-room/2
	if len(before) < keepBefore {
		keepAfter += keepBefore - len(before)
		keepBefore = len(before)
	}
	if len(after) < keepAfter {
		keepBefore = min(len(before), keepBefore+keepAfter-len(after))
		keepAfter = len(after)
	}
	if keepBefore < len(before) {
		i := len(before) - keepBefore
		for i < len(before) && !utf8.RuneStart(before[i]) {
			i++
		}
		before = "…" + before[i:]
	}
	if keepAfter < len(after) {
		i := keepAfter
		for i > 0 && !utf8.RuneStart(after[i]) {
			i--
		}
		after = after[:i] + "…"
	}
	if !mark {
		return before + after
	}
	return before + "[" + span + "]" + after
}

// CollapseSpaces turns every run of white space into one space.
func CollapseSpaces(s string) string {
	if !strings.ContainsAny(s, "\t\n\v\f\r  ") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0xA0 || r == 0x2028 || r == 0x2029 {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
