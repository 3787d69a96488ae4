package index

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzers of the text fields, registered with bleve in init so that an index that
// names them opens in any program that imports this package.
const (
	// TextAnalyzer analyses the title and text of documents at index time: it keeps every
	// word (no stop words: "no", "not", "without" stay), keeps "≥" and "≤", and indexes a
	// compound such as "CAR-T", "CD19", "SRI-4" or "1–2" whole and in its parts.
	TextAnalyzer = "trialtag"
	// QueryAnalyzer analyses free text at query time: the same words, but a compound only
	// whole, so "CD19" finds "CD19" and "anti-CD19" without also matching every "CD" and
	// every "19".
	QueryAnalyzer = "trialtag_query"
)

func init() {
	for name, a := range map[string]analysis.Analyzer{
		TextAnalyzer:  textAnalyzer{query: false},
		QueryAnalyzer: textAnalyzer{query: true},
	} {
		err := registry.RegisterAnalyzer(name, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
			return a, nil
		})
		if err != nil {
			// Only a second registration under the same name fails, which is a bug in the
			// program, not bad input.
			panic(fmt.Sprintf("index: registering analyzer %s: %v", name, err))
		}
	}
}

// maxTermBytes is the longest term indexed: longer runs (encoded data, URLs without
// separators) are skipped rather than stored as huge terms.
const maxTermBytes = 128

// textAnalyzer is trialtag's word analyzer; see [TextAnalyzer] and [QueryAnalyzer].
//
// It cuts text into compounds: runs of letters and digits joined by single hyphens, dashes
// or slashes ("CAR-T", "anti-CD19", "1–2", "I/II"); a period or comma between digits stays
// inside a run ("3.5", "CLDN18.2", "1,000"). A run splits further into pieces where letters
// meet digits ("CD19" → "cd", "19"). At index time it emits every piece at its own position,
// then each multi-piece run and each multi-run compound at the position of its last piece,
// so that phrases match across both spellings: "CAR-T cells" (car@1 t@2 car-t@2 cells@3)
// matches the phrases "car t cells" and "car-t cells". At query time it emits only the
// whole compound, at the same position, so positions stay comparable.
//
// Every term is lower-cased; dashes inside a compound become "-"; "≥", "⩾", "≧" and ">="
// become "≥" ("≤" likewise); a possessive "'s" is dropped. At query time a word written in
// lower case (or with only its first letter capital) also matches its other number, as an
// alternative at the same position: "patient" finds "patients" and "therapies" finds
// "therapy". Acronyms ("ICANS", "CRs") are never touched, nor is any word shorter than four
// letters, and the index holds only the words as written, lower-cased.
type textAnalyzer struct{ query bool }

// Analyze implements [analysis.Analyzer].
func (a textAnalyzer) Analyze(input []byte) analysis.TokenStream {
	t := tokenizer{in: input, query: a.query}
	t.run()
	return t.out
}

// piece is a stretch of letters or of digits inside a run.
type piece struct{ start, end int }

// runSpan is a run of a compound: word runes, with '.' or ',' kept between digits.
type runSpan struct {
	start, end int
	p0, p1     int // its pieces: tokenizer.pieces[p0:p1]
}

type tokenizer struct {
	in    []byte
	query bool
	out   analysis.TokenStream
	pos   int

	// Reused buffers: the runs and pieces of the current compound, a slab of tokens and an
	// arena for lower-cased terms, so that a text costs a handful of allocations.
	runs   []runSpan
	pieces []piece
	slab   []analysis.Token
	arena  []byte
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsNumber(r)
}

// isMark reports whether r is a combining mark, which never starts a new piece.
func isMark(r rune) bool { return r >= 0x300 && unicode.Is(unicode.Mn, r) }

// isJoiner reports whether r joins two runs into a compound.
func isJoiner(r rune) bool {
	switch r {
	case '-', '/', '‐', '‑', '‒', '–', '−':
		return true
	}
	return false
}

func (t *tokenizer) runeAt(i int) (rune, int) {
	if i >= len(t.in) {
		return utf8.RuneError, 0
	}
	if c := t.in[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(t.in[i:])
}

func (t *tokenizer) run() {
	t.out = make(analysis.TokenStream, 0, len(t.in)/5+1)
	t.slab = make([]analysis.Token, 0, len(t.in)/5+1)
	t.arena = make([]byte, 0, len(t.in)/4+16)
	i := 0
	for i < len(t.in) {
		r, n := t.runeAt(i)
		switch {
		case isWordRune(r):
			i = t.compound(i)
			continue
		case r == '≥' || r == '⩾' || r == '≧':
			t.emitSymbol(symGE, i, i+n)
		case r == '≤' || r == '⩽' || r == '≦':
			t.emitSymbol(symLE, i, i+n)
		case r == '>' || r == '<':
			sym := symGT
			if r == '<' {
				sym = symLT
			}
			if nr, nn := t.runeAt(i + n); nr == '=' {
				sym = symGE
				if r == '<' {
					sym = symLE
				}
				t.emitSymbol(sym, i, i+n+nn)
				i += n + nn
				continue
			}
			t.emitSymbol(sym, i, i+n)
		}
		i += n
	}
}

var (
	symGE = []byte("≥")
	symLE = []byte("≤")
	symGT = []byte(">")
	symLT = []byte("<")
)

func (t *tokenizer) emitSymbol(term []byte, start, end int) {
	t.pos++
	t.emit(term, start, end, t.pos, analysis.Single)
}

func (t *tokenizer) emit(term []byte, start, end, pos int, typ analysis.TokenType) {
	if len(term) == 0 || len(term) > maxTermBytes {
		return
	}
	if len(t.slab) == cap(t.slab) {
		t.slab = make([]analysis.Token, 0, 256)
	}
	t.slab = append(t.slab, analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ})
	t.out = append(t.out, &t.slab[len(t.slab)-1])
}

// lower returns b lower-cased: b itself when it has no upper-case letter, else a copy in
// the arena. Terms may share the input's bytes: nothing after the analyzer changes them.
func (t *tokenizer) lower(b []byte) []byte {
	ascii, upper := true, false
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if ascii && !upper {
		return b
	}
	start := len(t.arena)
	if ascii {
		for _, c := range b {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			t.arena = append(t.arena, c)
		}
	} else {
		for _, r := range string(b) {
			t.arena = utf8.AppendRune(t.arena, unicode.ToLower(r))
		}
	}
	return t.arena[start:len(t.arena):len(t.arena)]
}

// compound reads the compound starting at i, emits its tokens and returns where it ends.
func (t *tokenizer) compound(i int) int {
	t.runs, t.pieces = t.runs[:0], t.pieces[:0]
	for {
		rs := runSpan{start: i, p0: len(t.pieces)}
		pstart, pdigit := i, false
		first := true
		for i < len(t.in) {
			r, n := t.runeAt(i)
			if isWordRune(r) {
				d := isDigitRune(r)
				if first {
					pdigit, first = d, false
				} else if d != pdigit && !isMark(r) {
					t.pieces = append(t.pieces, piece{pstart, i})
					pstart, pdigit = i, d
				}
				i += n
				continue
			}
			if (r == '.' || r == ',') && pdigit && !first {
				if nr, _ := t.runeAt(i + n); isDigitRune(nr) {
					i += n
					continue
				}
			}
			break
		}
		t.pieces = append(t.pieces, piece{pstart, i})
		rs.end, rs.p1 = i, len(t.pieces)
		t.runs = append(t.runs, rs)
		// A joiner followed by a word rune continues the compound.
		r, n := t.runeAt(i)
		if !isJoiner(r) {
			break
		}
		if nr, _ := t.runeAt(i + n); !isWordRune(nr) {
			break
		}
		i += n
	}
	end := i
	// A possessive 's after the compound is dropped.
	if r, n := t.runeAt(end); r == '\'' || r == '’' {
		if s, sn := t.runeAt(end + n); s == 's' || s == 'S' {
			if nr, _ := t.runeAt(end + n + sn); !isWordRune(nr) {
				i = end + n + sn
			}
		}
	}

	runs := t.runs
	simple := len(runs) == 1 && runs[0].p1-runs[0].p0 == 1
	for _, rs := range runs {
		for _, p := range t.pieces[rs.p0:rs.p1] {
			t.pos++
			if t.query && !simple {
				continue
			}
			raw := t.in[p.start:p.end]
			t.emit(t.lower(raw), p.start, p.end, t.pos, pieceType(raw))
			if simple && t.query {
				if other := t.otherNumber(raw); other != nil {
					t.emit(other, p.start, p.end, t.pos, analysis.AlphaNumeric)
				}
			}
		}
		if rs.p1-rs.p0 > 1 && (!t.query || len(runs) == 1) {
			t.emit(t.lower(t.in[rs.start:rs.end]), rs.start, rs.end, t.pos, analysis.AlphaNumeric)
		}
	}
	if len(runs) > 1 {
		start := len(t.arena)
		t.arena = appendCompound(t.arena, t.in[runs[0].start:end])
		t.emit(t.arena[start:len(t.arena):len(t.arena)], runs[0].start, end, t.pos, analysis.AlphaNumeric)
	}
	return i
}

func pieceType(b []byte) analysis.TokenType {
	r, _ := utf8.DecodeRune(b)
	if isDigitRune(r) {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// normalizeCompound lower-cases a compound and writes its dashes as "-".
func normalizeCompound(b []byte) []byte { return appendCompound(nil, b) }

// appendCompound appends b lower-cased, with its dashes written as "-", to dst.
func appendCompound(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		if isJoiner(r) && r != '/' {
			r = '-'
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// functionWords have no grammatical number worth matching.
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`about above after also among before being below between
		both during each from have into less more most only onto over some such than that
		their them then there these they this those under upon very were what when where
		which while with within without`) {
		functionWords[w] = true
	}
}

// otherNumber returns the other grammatical number of a word written in lower case or with
// only its first letter capital, lower-cased: the singular of a plural ("patients",
// "Patients" → "patient"; "therapies" → "therapy") or the plural of a singular ("patient" →
// "patients", "therapy" → "therapies", "virus" → "viruses"). It returns nil for acronyms
// ("ICANS", "CRs"), words with digits and words shorter than four letters.
func (t *tokenizer) otherNumber(b []byte) []byte {
	if len(b) < 4 {
		return nil
	}
	for i, c := range b {
		if (c < 'a' || c > 'z') && (i > 0 || c < 'A' || c > 'Z') {
			return nil
		}
	}
	start := len(t.arena)
	w := t.lower(b)
	if functionWords[string(w)] {
		return nil
	}
	switch {
	case w[len(w)-1] == 's' && !bytes.HasSuffix(w, []byte("ss")) && !bytes.HasSuffix(w, []byte("us")) && !bytes.HasSuffix(w, []byte("is")):
		if len(w) > 4 && bytes.HasSuffix(w, []byte("ies")) {
			t.arena = append(append(t.arena, w[:len(w)-3]...), 'y')
			return t.arena[start:len(t.arena):len(t.arena)]
		}
		return w[: len(w)-1 : len(w)-1]
	case w[len(w)-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		t.arena = append(append(t.arena, w[:len(w)-1]...), "ies"...)
	case w[len(w)-1] == 's' || w[len(w)-1] == 'x' || w[len(w)-1] == 'z' || bytes.HasSuffix(w, []byte("ch")) || bytes.HasSuffix(w, []byte("sh")):
		t.arena = append(append(t.arena, w...), "es"...)
	default:
		t.arena = append(append(t.arena, w...), 's')
	}
	return t.arena[start:len(t.arena):len(t.arena)]
}
