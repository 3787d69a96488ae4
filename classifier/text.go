package classifier

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trialtag/trialtag/corpus"
)

// unit is the piece of text rules match: a run of letters and digits (with decimal points
// kept inside numbers) or a single punctuation mark, taken from a prose token and normalised.
// Offsets point into the original document text.
type unit struct {
	norm  string // normalised, lower case: what vocabularies and patterns compare
	cased string // normalised, case kept: for exact-case terms
	start int
	end   int
	space bool // white space comes before the unit
	word  bool // letters or digits, not punctuation
}

// normRune maps a rune to its normalised form: Unicode dashes and minus signs to "-", the
// comparison signs to "≥" and "≤", superscript and subscript digits and signs to their plain
// forms, the micro sign to μ, typographic apostrophes to "'". It returns 0 for runes that
// stay as they are.
func normRune(r rune) rune {
	switch r {
	case '‐', '‑', '‒', '–', '—', '―', '−', '⁻', '₋', '﹣', '－', '⁃':
		return '-'
	case '⁺', '₊', '＋':
		return '+'
	case '≧', '⩾', '≥':
		return '≥'
	case '≦', '⩽', '≤':
		return '≤'
	case 'µ':
		return 'μ'
	case '’', '‘', '′':
		return '\''
	case '⁰', '₀':
		return '0'
	case '¹', '₁':
		return '1'
	case '²', '₂':
		return '2'
	case '³', '₃':
		return '3'
	case '⁴', '₄':
		return '4'
	case '⁵', '₅':
		return '5'
	case '⁶', '₆':
		return '6'
	case '⁷', '₇':
		return '7'
	case '⁸', '₈':
		return '8'
	case '⁹', '₉':
		return '9'
	case '\u00a0':
		return ' '
	}
	return 0
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// appendUnits splits one token (text at byte offset base of the document) into units.
func appendUnits(out []unit, text string, base int, space bool) []unit {
	var cased strings.Builder
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if n := normRune(r); n != 0 {
			r = n
		}
		if r == ' ' || unicode.IsSpace(r) {
			i += size
			space = true
			continue
		}
		if !isWordRune(r) {
			p := text[i : i+size]
			if rn, _ := utf8.DecodeRuneInString(p); rn != r {
				p = string(r)
			}
			out = append(out, unit{norm: p, cased: p, start: base + i, end: base + i + size, space: space})
			space = false
			i += size
			continue
		}
		// A word: letters, digits and marks; a point or comma between digits stays inside
		// ("1.5", "CLDN18.2", "1,134").
		st := i
		rewritten := false // a rune of the run was normalised: build the text anew
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if n := normRune(r); n != 0 {
				r = n
				rewritten = true
			}
			if isWordRune(r) {
				i += size
				continue
			}
			if (r == '.' || r == ',') && i+size < len(text) && i > st {
				prev, _ := utf8.DecodeLastRuneInString(text[st:i])
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if n := normRune(prev); n != 0 {
					prev = n
				}
				if n := normRune(next); n != 0 {
					next = n
				}
				if unicode.IsDigit(prev) && unicode.IsDigit(next) {
					i += size
					continue
				}
			}
			break
		}
		c := text[st:i]
		if rewritten {
			cased.Reset()
			for _, r := range c {
				if n := normRune(r); n != 0 {
					r = n
				}
				cased.WriteRune(r)
			}
			c = cased.String()
		}
		// A contraction splits as prose splits it: "don't" is "do" + "n't".
		if len(c) > 1 && (c[len(c)-1] == 'n' || c[len(c)-1] == 'N') && isContractionT(text[i:]) {
			out = append(out, unit{norm: lower(c[:len(c)-1]), cased: c[:len(c)-1], start: base + st, end: base + i - 1, space: space, word: true})
			out = append(out, unit{norm: lower(c[len(c)-1:]), cased: c[len(c)-1:], start: base + i - 1, end: base + i, word: true})
			space = false
			continue
		}
		out = append(out, unit{norm: lower(c), cased: c, start: base + st, end: base + i, space: space, word: true})
		space = false
	}
	return out
}

// lower is strings.ToLower without an allocation for text that is already lower case ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// isContractionT reports whether s starts with "'t" or "’t" followed by a non-letter.
func isContractionT(s string) bool {
	var rest string
	switch {
	case strings.HasPrefix(s, "'t") || strings.HasPrefix(s, "'T"):
		rest = s[2:]
	case strings.HasPrefix(s, "’t") || strings.HasPrefix(s, "’T"):
		rest = s[len("’t"):]
	default:
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !isWordRune(r)
}

// finishUnits applies the rewrites that need neighbours: ">=" and "=>" become "≥", "<=" "≤";
// a hyphen inside a word ("CAR-T", "SRI-4", "anti-CD19", "drug-free") is dropped so that
// "CAR-T" and "CAR T" match alike, while a hyphen between two numbers ("1-2") stays as a range;
// "vs." is one unit, "vs", as "vs" is ("12% vs. 20%" is a comparison, not two sentences' ends).
func finishUnits(us []unit) []unit {
	us = splitGluedCounts(us)
	out := us[:0]
	for i := 0; i < len(us); i++ {
		u := us[i]
		if (u.norm == ">" || u.norm == "<") && i+1 < len(us) && us[i+1].norm == "=" && !us[i+1].space {
			if u.norm == ">" {
				u.norm, u.cased = "≥", "≥"
			} else {
				u.norm, u.cased = "≤", "≤"
			}
			u.end = us[i+1].end
			i++
		}
		// "45.5 percent", "12 per cent": the sign as a word
		if u.norm == "percent" && len(out) > 0 && isNumber(out[len(out)-1].norm) {
			u.norm, u.word = "%", false
		}
		if u.norm == "per" && i+1 < len(us) && us[i+1].norm == "cent" && len(out) > 0 && isNumber(out[len(out)-1].norm) {
			u.norm, u.word, u.end = "%", false, us[i+1].end
			i++
		}
		if u.norm == "vs" && i+1 < len(us) && us[i+1].norm == "." && !us[i+1].space {
			u.end = us[i+1].end
			i++
		}
		if u.norm == "-" && !u.space && len(out) > 0 && i+1 < len(us) && !us[i+1].space {
			prev, next := out[len(out)-1], us[i+1]
			if prev.word && next.word && !(isNumber(prev.norm) && isNumber(next.norm)) {
				continue
			}
		}
		out = append(out, u)
	}
	return out
}

// splitGluedCounts splits a word that a table's row label glued to its first cell's count,
// before a bracketed number ("Infections12(0.9)7(0.5)", "incidence41 (12.5%)"), into the
// label and the count (an n/N cell too: "pneumonia31/256 (12.1)"), and the last cell of a
// row (a p value) glued to the next row's capitalised label ("0.62Pneumonia"), into the
// number and the label.
func splitGluedCounts(us []unit) []unit {
	return splitUnits(us, func(i int) int {
		if i+2 < len(us) && us[i+1].norm == "(" && isNumber(us[i+2].norm) {
			return gluedCountAt(us[i].cased)
		}
		if i+3 < len(us) && us[i+1].norm == "/" && !us[i+1].space && allDigits(us[i+2].norm) && us[i+3].norm == "(" {
			return gluedCountAt(us[i].cased) // an n/N cell: "pneumonia31/256 (12.1)"
		}
		return gluedLabelAt(us[i].cased)
	})
}

// splitUnits splits each word unit i in two at the byte at(i) returns (0: no split), the
// second part glued to the first. Only a word whose text was not rewritten is asked: its
// bytes are the document's. The units are copied only when there is one to split.
func splitUnits(us []unit, at func(i int) int) []unit {
	var out []unit // nil until a unit splits
	for i, u := range us {
		k := 0
		if u.word && u.end-u.start == len(u.cased) {
			k = at(i)
		}
		if k == 0 {
			if out != nil {
				out = append(out, u)
			}
			continue
		}
		if out == nil {
			out = make([]unit, 0, len(us)+4)
			out = append(out, us[:i]...)
		}
		w, n := u, u
		w.norm, w.cased, w.end = lower(u.cased[:k]), u.cased[:k], u.start+k
		n.norm, n.cased, n.start, n.space = lower(u.cased[k:]), u.cased[k:], u.start+k, false
		out = append(out, w, n)
	}
	if out == nil {
		return us
	}
	return out
}

// gluedCountAt returns where the digits start in a word of at least four letters (a capital
// first at most, the rest lower case) that digits end with no space, "Infections12" or
// "incidence41", or 0: codes ("CD19", "HHV6", "IL6") and words without digits stay whole.
func gluedCountAt(s string) int {
	k := 0
	for k < len(s) && ('a' <= s[k] && s[k] <= 'z' || k == 0 && 'A' <= s[k] && s[k] <= 'Z') {
		k++
	}
	if k < 4 || k == len(s) {
		return 0
	}
	for j := k; j < len(s); j++ {
		if s[j] < '0' || s[j] > '9' {
			return 0
		}
	}
	return k
}

// gluedLabelAt returns where the word starts in a number (digits with at most one decimal
// point, a digit last) that a capitalised word of at least four letters follows with no space,
// "0.62Pneumonia", or 0: units ("5mg", "2Gy") and codes stay whole.
func gluedLabelAt(s string) int {
	k, dots := 0, 0
	for k < len(s) && ('0' <= s[k] && s[k] <= '9' || s[k] == '.' && k > 0) {
		if s[k] == '.' {
			dots++
		}
		k++
	}
	if k == 0 || dots > 1 || s[k-1] == '.' || len(s)-k < 4 || s[k] < 'A' || s[k] > 'Z' {
		return 0
	}
	for j := k + 1; j < len(s); j++ {
		if s[j] < 'a' || s[j] > 'z' {
			return 0
		}
	}
	return k
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' && r != ',' {
			return false
		}
	}
	return true
}

// sentenceUnits turns prose tokens of a sentence into units.
func sentenceUnits(doc string, toks []corpus.Token) []unit {
	us := make([]unit, 0, len(toks)+len(toks)/4)
	prevEnd := -1
	for _, t := range toks {
		space := prevEnd >= 0 && t.Start > prevEnd
		us = appendUnits(us, doc[t.Start:t.End], t.Start, space || prevEnd < 0)
		prevEnd = t.End
	}
	return finishUnits(us)
}

// phraseUnits splits a phrase written in a rule file the same way text is split, so that a
// vocabulary entry matches text however the tokenizer cut it.
func phraseUnits(s string) []unit {
	return finishUnits(appendUnits(nil, s, 0, true))
}

// Normalize returns the normalised, lower-case form rules see for text, units separated by
// single spaces. It is what `trialtag explain` shows and what vocabulary entries are compared
// in.
func Normalize(text string) string {
	us := phraseUnits(text)
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.norm
	}
	return strings.Join(parts, " ")
}
