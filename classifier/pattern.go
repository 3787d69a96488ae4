package classifier

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
)

// The pattern language, one element per space-separated word:
//
//	word         a word, compared in normalised lower case ("grade", "≥", ";")
//	a|b|c        any of these words or phrases (write a phrase with hyphens: "did-not")
//	{class}      a term of a vocabulary class ({crs}, {antigen}); {a|b} either class
//	{grade}      a grade: "2", "II", "G2", "1–2", "1 or 2", "≥3", "3 or higher", "high-grade"
//	{code}       a code name as products and constructs are written: letters and digits in one
//	             word or joined by hyphens ("JCAR015", "XK-19", "4SCAR-GD2"), not a target
//	             antigen or a term of class product.not_code ("CD19", "4-1BB", "IL-6")
//	{number:n}   a number, in digits ("3", "12.5") or a term of the vocabulary class "number"
//	             ("three"), captured under the name after the colon (n, of, percent)
//	/regexp/     one word whose text (case kept) matches the regular expression
//	...N         up to N words (default 5; punctuation does not count), never across a barrier
//	!{class}     the next three words hold no term of that class (up to a closing bracket, ";",
//	             ",", "no" or "nor": what follows those is another item)
//	X?           the element X may be absent (a /regexp/ too: "/^[a-z]+$/?")
//	>>           the match ends here, and the elements after it must follow it (their captures
//	             count): "in 4 >> and 2 %" matches "in 4" only where "and 2 %" follows, and
//	             leaves those words to other matches
type elemKind int

const (
	elemWord elemKind = iota
	elemClass
	elemGrade
	elemRegexp
	elemGap
	elemNotAhead
	elemNumber
	elemCode
	elemAhead
)

// NumberClass is the vocabulary class whose terms are numbers written in words; its value
// is the number in digits ("three" → "3").
const NumberClass = "number"

type elem struct {
	kind     elemKind
	alts     [][]string // elemWord: alternatives, each a sequence of unit norms
	classes  []string   // elemClass, elemNotAhead
	re       *regexp.Regexp
	prefixes []string // elemRegexp: lower-case literal prefixes, one of which a match starts with; nil when unknown
	max      int      // elemGap
	optional bool
	name     string // the capture name: the class, "grade", or "" for words
	src      string
	firsts   map[string]bool // elemWord with many alternatives: their first units, for canStart
	// firstMask has the bit firstBit of each alternative's first unit: a unit whose bit is
	// not set starts none of them, found without a map lookup or a comparison of strings.
	firstMask uint64
	// fast answers an elemRegexp the common forms ("^\d+$", "^\d+(\.\d+)?$") without the
	// regexp engine, which signals would otherwise run on every unit; nil for other forms.
	fast func(string) bool
}

// fastRegexps are the regular expressions of patterns answered by code.
var fastRegexps = map[string]func(string) bool{
	`^\d+$`:                    allDigits,
	`^\d+(\.\d+)?$`:            isNumeral,
	`^(\d+|\d{1,3}(,\d{3})+)$`: func(u string) bool { return allDigits(u) || isThousands(u) }, // a count, "36" or "1,036"
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// matchRegexp reports whether a regexp element matches a unit's text as written.
func (e *elem) matchRegexp(cased string) bool {
	if e.fast != nil {
		return e.fast(cased)
	}
	return e.re.MatchString(cased)
}

// firstBit is a unit's bit in an elem's firstMask, from its first byte and its length.
func firstBit(u string) uint64 {
	if u == "" {
		return 1
	}
	return 1 << ((uint(u[0])*7 + uint(len(u))) & 63)
}

// manyAlts is how many alternatives an elemWord has before canStart looks its first unit up
// in a set rather than comparing each.
const manyAlts = 4

type patternError struct {
	offset int
	msg    string
}

func (e *patternError) Error() string { return e.msg }

// compilePattern parses a pattern; classes holds the known class names.
func compilePattern(src string, classes map[string]bool) ([]elem, *patternError) {
	var elems []elem
	offset := 0
	words := strings.Fields(src)
	if len(words) == 0 {
		return nil, &patternError{msg: "the pattern is empty"}
	}
	rest := src
	for _, w := range words {
		i := strings.Index(rest, w)
		offset += i
		rest = rest[i+len(w):]
		e, err := compileElem(w, classes)
		if err != nil {
			err.offset = offset
			return nil, err
		}
		offset += len(w)
		elems = append(elems, e)
	}
	anchored := false
	for _, e := range elems {
		if !e.optional && (e.kind == elemWord || e.kind == elemClass || e.kind == elemGrade || e.kind == elemRegexp || e.kind == elemNumber || e.kind == elemCode) {
			anchored = true
		}
	}
	if !anchored {
		return nil, &patternError{msg: "the pattern needs at least one required word, {class} or /regexp/ to anchor it"}
	}
	if elems[0].kind == elemGap || elems[len(elems)-1].kind == elemGap {
		return nil, &patternError{msg: "a gap (...) must stand between two elements"}
	}
	aheads := 0
	for i, e := range elems {
		if e.kind != elemAhead {
			continue
		}
		if aheads++; aheads > 1 || i == 0 || i == len(elems)-1 {
			return nil, &patternError{msg: "a pattern has at most one >>, between the words it matches and the words that must follow them"}
		}
	}
	return elems, nil
}

func compileElem(w string, classes map[string]bool) (elem, *patternError) {
	e := elem{src: w}
	// "x?" and "/?" are optional; so is "/regexp/?" (a word "…/?" that opens with "/")
	if len(w) > 1 && strings.HasSuffix(w, "?") && (!strings.HasSuffix(w, "/?") || len(w) > 3 && w[0] == '/') || w == "/?" {
		e.optional = true
		w = w[:len(w)-1]
	}
	switch {
	case w == ">>":
		if e.optional {
			return e, &patternError{msg: ">> cannot be optional"}
		}
		e.kind = elemAhead
	case strings.HasPrefix(w, "..."):
		e.kind = elemGap
		e.max = 5
		if n := w[3:]; n != "" {
			v, err := strconv.Atoi(n)
			if err != nil || v < 1 || v > 30 {
				return e, &patternError{msg: fmt.Sprintf("a gap is ... or ...N with N from 1 to 30, not %q", w)}
			}
			e.max = v
		}
		if e.optional {
			return e, &patternError{msg: "a gap is already optional; drop the ?"}
		}
	case strings.HasPrefix(w, "!{"):
		if !strings.HasSuffix(w, "}") {
			return e, &patternError{msg: fmt.Sprintf("unclosed brace in %q", w)}
		}
		e.kind = elemNotAhead
		e.classes = strings.Split(w[2:len(w)-1], "|")
		for _, c := range e.classes {
			if !classes[c] || c == "grade" {
				return e, &patternError{msg: fmt.Sprintf("unknown class %q in %q", c, w)}
			}
		}
	case strings.HasPrefix(w, "{"):
		if !strings.HasSuffix(w, "}") {
			return e, &patternError{msg: fmt.Sprintf("unclosed brace in %q", w)}
		}
		names := strings.Split(w[1:len(w)-1], "|")
		if len(names) == 1 && names[0] == "grade" {
			e.kind, e.name = elemGrade, "grade"
			break
		}
		if len(names) == 1 && names[0] == CodeCapture {
			e.kind, e.name = elemCode, CodeCapture
			break
		}
		if role, ok := strings.CutPrefix(w[1:len(w)-1], NumberClass+":"); ok || w == "{"+NumberClass+"}" {
			if !classes[NumberClass] {
				return e, &patternError{msg: fmt.Sprintf("%s needs a vocabulary of class %q (numbers in words)", w, NumberClass)}
			}
			if role == "" {
				role = NumberClass
			}
			e.kind, e.name = elemNumber, role
			break
		}
		e.kind = elemClass
		for _, c := range names {
			if c == "" || !classes[c] || c == "grade" {
				return e, &patternError{msg: fmt.Sprintf("unknown class %q in %q: no vocabulary defines it", c, w)}
			}
		}
		e.classes = names
		e.name = names[0]
	case isRegexpWord(w):
		re, err := regexp.Compile(`^(?:` + w[1:len(w)-1] + `)$`)
		if err != nil {
			return e, &patternError{msg: fmt.Sprintf("invalid regular expression %s: %v", w, err)}
		}
		e.kind, e.re = elemRegexp, re
		e.fast = fastRegexps[w[1:len(w)-1]]
		e.prefixes = literalPrefixes(w[1 : len(w)-1])
		e.name = matchCapture
	case strings.ContainsAny(w, "{}"):
		return e, &patternError{msg: fmt.Sprintf("stray brace in %q: write {class}", w)}
	default:
		e.kind = elemWord
		for _, alt := range strings.Split(w, "|") {
			if alt == "" {
				return e, &patternError{msg: fmt.Sprintf("empty alternative in %q", w)}
			}
			us := phraseUnits(alt)
			if len(us) == 0 {
				return e, &patternError{msg: fmt.Sprintf("%q has no words to match", alt)}
			}
			seq := make([]string, len(us))
			for i, u := range us {
				seq[i] = u.norm
			}
			e.alts = append(e.alts, seq)
		}
		for _, alt := range e.alts {
			e.firstMask |= firstBit(alt[0])
		}
		if len(e.alts) > manyAlts {
			e.firsts = make(map[string]bool, len(e.alts))
			for _, alt := range e.alts {
				e.firsts[alt[0]] = true
			}
		}
	}
	return e, nil
}

// literalPrefixes returns the literal prefixes (lower case) of the alternatives of a regular
// expression, or nil when one alternative has none: a cheap test before the regexp runs.
func literalPrefixes(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	subs := []*syntax.Regexp{re}
	if re.Op == syntax.OpAlternate {
		subs = re.Sub
	}
	var out []string
	for _, sub := range subs {
		p, _ := regexp.MustCompile(sub.String()).LiteralPrefix()
		if p == "" {
			return nil
		}
		out = append(out, strings.ToLower(p))
	}
	return out
}

func hasCapture(elems []elem, name string) bool {
	for _, e := range elems {
		if e.name == name || (e.kind == elemClass && containsStr(e.classes, name)) {
			return true
		}
	}
	return false
}

func captureNames(elems []elem) []string {
	var out []string
	for _, e := range elems {
		if e.name != "" {
			out = append(out, e.name)
		}
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// matchCapture is the capture name of a /regexp/ element: the word it read ($match).
const matchCapture = "match"

// capture is what one element of a pattern matched.
type capture struct {
	name       string
	class      string
	values     []string
	start, end int      // units
	spans      [][2]int // a list of grades: each value's item (gradeCap.spans)
}

// patternMatcher runs one pattern over one sentence.
type patternMatcher struct {
	s    *sentenceState
	p    *Pattern
	caps []capture
	// until, when above 0, is the unit a match must end at: the matcher backtracks until
	// one does (an arm rule's words fill the space between two counts exactly).
	until int
	// opening: a match must start at the sentence's first unit (an incidence rule's opening).
	opening bool
}

// run finds the pattern's matches, leftmost first and not overlapping.
func (m *patternMatcher) run(emit func(start, end int, caps []capture)) {
	n := len(m.s.units)
	if m.opening {
		n = min(n, 1)
	}
	first := &m.p.elems[0]
	words := first.kind == elemWord && !first.optional
	us := m.s.units
	for i := 0; i < n; i++ {
		if words && first.firstMask&firstBit(us[i].norm) == 0 {
			continue // most units start none of the words (canStart's first test, without the call)
		}
		if !first.optional && !m.s.canStart(first, i) {
			continue
		}
		m.caps = m.caps[:0]
		if end, ok := m.match(0, i); ok && end > i {
			emit(i, end, m.caps)
			i = end - 1
		}
	}
}

func (m *patternMatcher) match(ei, ui int) (int, bool) {
	elems := m.p.elems
	if ei == len(elems) {
		return ui, m.until <= 0 || ui == m.until
	}
	e := &elems[ei]
	us := m.s.units
	mark := len(m.caps)
	switch e.kind {
	case elemWord:
		for _, alt := range e.alts {
			if ui+len(alt) > len(us) {
				continue
			}
			ok := true
			for k, w := range alt {
				if us[ui+k].norm != w {
					ok = false
					break
				}
			}
			if ok {
				if end, ok := m.match(ei+1, ui+len(alt)); ok {
					return end, true
				}
				m.caps = m.caps[:mark]
			}
		}
	case elemClass:
		for _, h := range m.s.hitsAt(ui) {
			if !containsStr(e.classes, h.class) {
				continue
			}
			m.caps = append(m.caps, capture{name: e.name, class: h.class, values: []string{h.value}, start: h.start, end: h.end})
			if end, ok := m.match(ei+1, h.end); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
	case elemGrade:
		if g, ok := m.s.gradeListAt(ui); ok {
			m.caps = append(m.caps, capture{name: "grade", values: g.values, start: g.start, end: g.end, spans: g.spans})
			if end, ok := m.match(ei+1, g.end); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
	case elemCode:
		if v, end, ok := m.s.codeAt(ui); ok {
			m.caps = append(m.caps, capture{name: CodeCapture, values: []string{v}, start: ui, end: end})
			if end, ok := m.match(ei+1, end); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
	case elemRegexp:
		if ui < len(us) && e.matchRegexp(us[ui].cased) {
			m.caps = append(m.caps, capture{name: e.name, values: []string{us[ui].cased}, start: ui, end: ui + 1})
			if end, ok := m.match(ei+1, ui+1); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
	case elemGap:
		// Up to e.max words; punctuation in between is free.
		words := 0
		for k := 0; ui+k <= len(us); k++ {
			if k > 0 {
				if m.s.isBarrier(m.p, ui+k-1) {
					break
				}
				if us[ui+k-1].word {
					words++
				}
				if words > e.max {
					break
				}
			}
			if end, ok := m.match(ei+1, ui+k); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
		return 0, false
	case elemNumber:
		if ui < len(us) && (isNumeral(us[ui].norm) || isThousands(us[ui].norm)) && !codeNumber(us, ui) { // "12.5", "6,234"
			m.caps = append(m.caps, capture{name: e.name, values: []string{us[ui].norm}, start: ui, end: ui + 1})
			if end, ok := m.match(ei+1, ui+1); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
		for _, h := range m.s.numbersAt(ui) {
			m.caps = append(m.caps, capture{name: e.name, class: NumberClass, values: []string{h.value}, start: h.start, end: h.end})
			if end, ok := m.match(ei+1, h.end); ok {
				return end, true
			}
			m.caps = m.caps[:mark]
		}
	case elemNotAhead:
		for k := ui; k < ui+3 && k < len(us); k++ {
			if n := us[k].norm; n == ")" || n == "]" || n == ";" || n == "," || n == "no" || n == "nor" {
				break // "CRS in 80% (3% grade ≥3), ICANS …", "… at grade 3, ICANS in 9%", "no CRS above grade 1 and no ICANS": the grade's item ends
			}
			for _, h := range m.s.hitsAt(k) {
				if containsStr(e.classes, h.class) {
					if g, ok := m.s.gradeAt(h.end); ok && g.start == h.end {
						continue // "CRS grade ≥3 and ICANS grade ≥3": that term has its own grade after it
					}
					return 0, false
				}
			}
		}
		return m.match(ei+1, ui)
	case elemAhead:
		// The rest must follow, and what it captures counts, but the match ends here.
		until := m.until
		m.until = 0
		_, ok := m.match(ei+1, ui)
		m.until = until
		if ok && (until <= 0 || ui == until) {
			return ui, true
		}
		m.caps = m.caps[:mark]
		return 0, false
	}
	if e.optional {
		return m.match(ei+1, ui)
	}
	return 0, false
}

// isThousands reports whether a unit is a whole number with commas between its thousands,
// "6,234", "1,250,000".
func isThousands(u string) bool {
	head := strings.IndexByte(u, ',')
	if head < 1 || head > 3 || (len(u)-head)%4 != 0 {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; (i-head)%4 == 0 && i >= head {
			if c != ',' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isNumeral reports whether a unit is a number in digits: "3", "12.5" (decimals are one unit).
func isNumeral(u string) bool {
	if u == "" || u[0] < '0' || u[0] > '9' {
		return false
	}
	dot := false
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == '.' && !dot && i > 0 && i < len(u)-1:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return true
}

// codeNumber reports whether the number at unit i ends a code, glued (by a hyphen the units
// drop, or by nothing) to the letters before it ("HHV-6", "HPV-45", "COVID-19"): part of a
// name, no count. A count that a table's row label glued to itself before a bracketed
// number ("incidence41 (8.2%)", split by splitGluedCounts) is no code.
func codeNumber(us []unit, i int) bool {
	if i < 1 || us[i].space || !us[i-1].word {
		return false
	}
	if us[i].start == us[i-1].end && i+1 < len(us) && us[i+1].norm == "(" &&
		(gluedCountAt(us[i-1].cased+us[i].cased) == len(us[i-1].cased) || gluedCapsAt(us[i-1].cased+us[i].cased) == len(us[i-1].cased)) {
		return false // (or an outcome's term in capitals, "ICANS2 (16.7)", that splitGluedTerms split)
	}
	return strings.IndexFunc(us[i-1].norm, unicode.IsLetter) >= 0
}

// isRegexpWord reports whether a word of a pattern or word list is a /regexp/.
func isRegexpWord(w string) bool {
	return len(w) > 2 && strings.HasPrefix(w, "/") && strings.HasSuffix(w, "/")
}
