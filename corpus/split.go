package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/tokenize"
)

// maxSentenceBytes bounds one sentence: longer runs without sentence punctuation (tables,
// broken extractions) are cut at a space so that no later stage sees unbounded input.
const maxSentenceBytes = 4096

// maxPunctRun bounds a run of punctuation handed to prose's tokenizer, which takes quadratic
// time on long runs; a longer run becomes one token of its own.
const maxPunctRun = 32

// Splitter splits document text into sections, sentences and tokens.
//
// Sentences come from prose's Punkt segmenter, run paragraph by paragraph (prose ignores
// newlines, so headings and menu lines would otherwise glue onto sentences), then corrected
// for the abbreviations of clinical literature ("et al.", "Fig.", "vs.", "approx.", "pts.").
// Tokens come from prose's tokenizer. Every offset is a byte offset into the text given.
//
// A Splitter is safe for concurrent use; prose loads its models once per process.
type Splitter struct {
	seg *segment.Segmenter
	tok *tokenize.Tokenizer
}

// NewSplitter returns a Splitter using prose's English models.
func NewSplitter() (*Splitter, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, fmt.Errorf("loading prose sentence model: %w", err)
	}
	return &Splitter{seg: seg, tok: tokenize.New()}, nil
}

// line is one line of the text with its offsets (End excludes the newline).
type line struct {
	start, end int
	text       string
}

func splitLines(text string) []line {
	var lines []line
	start := 0
	for start <= len(text) {
		i := strings.IndexByte(text[start:], '\n')
		end := len(text)
		next := len(text) + 1
		if i >= 0 {
			end = start + i
			next = end + 1
		}
		e := end
		if e > start && text[e-1] == '\r' {
			e--
		}
		lines = append(lines, line{start: start, end: e, text: text[start:e]})
		start = next
	}
	return lines
}

// Split returns the sentences of text in order, each with its section.
//
// Headings set the section of what follows and are not sentences themselves. Page furniture
// is kept as sentences of [SectionFurniture]; reference lists as [SectionReferences].
func (s *Splitter) Split(text string) []Sentence { return s.split(text, 0, 0) }

// SplitDocument splits the document's text as [Splitter.Split] does, and makes the lines of
// its title (Document.TitleStart to TitleEnd) sentences of [SectionTitle].
func (s *Splitter) SplitDocument(d *Document) []Sentence {
	if d.TitleEnd <= d.TitleStart || d.TitleEnd > len(d.Text) {
		return s.split(d.Text, 0, 0)
	}
	return s.split(d.Text, d.TitleStart, d.TitleEnd)
}

// split splits text; the lines inside [titleStart, titleEnd) are the title.
func (s *Splitter) split(text string, titleStart, titleEnd int) []Sentence {
	var out []Sentence
	section := SectionBody
	var para []line // the paragraph being gathered
	paraSection := section

	flush := func() {
		if len(para) == 0 {
			return
		}
		start, end := para[0].start, para[len(para)-1].end
		first := len(out)
		out = s.appendSentences(out, text, start, end, paraSection)
		para = para[:0]
		// A structured abstract run into one paragraph ("… therapy. Methods: We …
		// Results: Thirty-one …"): a sentence that starts with a heading label opens
		// that section, for it, the rest of the paragraph and what follows.
		for k := first; k < len(out); k++ {
			sec, labelEnd, ok := inlineHeading(out[k].Text)
			if !ok || k == first && paraSection == sec {
				out[k].Section = paraSection
				continue
			}
			paraSection, section = sec, sec
			if labelEnd < len(out[k].Text) {
				out[k].Start += labelEnd
				out[k].Text = out[k].Text[labelEnd:]
			}
			out[k].Section = sec
		}
	}
	add := func(l line, sec Section) {
		if len(para) > 0 && (paraSection != sec || !continues(para[len(para)-1].text, l.text)) {
			flush()
		}
		if len(para) == 0 {
			paraSection = sec
		}
		para = append(para, l)
	}
	emitWhole := func(l line, sec Section) {
		flush()
		st, en := trimSpan(text, l.start, l.end)
		if st < en {
			out = append(out, Sentence{Start: st, End: en, Section: sec, Text: text[st:en]})
			out = boundSentences(text, out, len(out)-1)
		}
	}

	lines := splitLines(text)
	keywordLines := 0 // lines of text read under a keywords label
	labelTop := ""    // "ABSTRACT" or "BODY": the part of the last pmc-style label
	// labelFirst is the first title of the last pmc-style label ("TRIAL DESIGN AND PATIENTS"
	// of "BODY.TRIAL DESIGN AND PATIENTS.RANDOMIZED TRIAL DESIGN"), and partSection the
	// section that title gave: a later label of another first title stands in that part,
	// not in the subsection the last label opened.
	labelFirst, partSection := "", SectionBody
	// abstractParas counts the paragraphs read under the last "ABSTRACT." label (-1 under
	// none), and nextTop[i] is the part of the first pmc-style label after line i, so that
	// a paragraph after the abstract's last one, before the body's first label, is known
	// for the article's unlabelled introduction.
	abstractParas, afterBlank := -1, false
	var nextTop []string
	for i := range lines {
		if t := strings.TrimSpace(lines[i].text); strings.HasSuffix(t, ":") && dottedLabel(t) {
			if nextTop == nil {
				nextTop = make([]string, len(lines))
			}
			top := t[:strings.IndexByte(t, '.')]
			for k := i - 1; k >= 0 && nextTop[k] == ""; k-- {
				nextTop[k] = top
			}
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		trimmed := strings.TrimSpace(l.text)
		if trimmed == "" {
			flush()
			if section == SectionKeywords && keywordLines > 0 {
				// A keyword list is one paragraph: what follows it, under no label this
				// splitter knows ("Safety"), is the body again, not more keywords.
				section = SectionBody
			}
			afterBlank = true
			continue
		}
		hsec, heading := headingSection(trimmed)
		pmcLabel := strings.HasSuffix(trimmed, ":") && dottedLabel(trimmed)
		if heading || pmcLabel || trimmed == "BODY:" {
			abstractParas = -1 // (a bare "BODY:" opens the body, whose parts no label names)
			if strings.HasPrefix(trimmed, "ABSTRACT.") {
				abstractParas = 0
			}
		} else if abstractParas >= 0 && (afterBlank || abstractParas == 0) {
			// "ABSTRACT.CONCLUSIONS:", its paragraph, a blank line and a paragraph with no
			// label before "BODY.METHODS:": the abstract has ended, and that paragraph
			// opens the article's introduction, which no label names
			if abstractParas >= 1 && nextTop != nil && nextTop[i] == "BODY" {
				flush()
				section, abstractParas = SectionBackground, -1
			} else {
				abstractParas++
			}
		}
		afterBlank = false
		if section != SectionKeywords {
			keywordLines = 0
		}
		if titleStart < titleEnd && l.start < titleEnd && l.end > titleStart {
			// A line of the title: the title section, whatever its words look like.
			st, en := max(l.start, titleStart), min(l.end, titleEnd)
			emitWhole(line{start: st, end: en, text: text[st:en]}, SectionTitle)
			continue
		}
		// Whole-line headings: "References", "Methods", "ABSTRACT.RESULTS:", "Embargo Policy".
		if heading {
			flush()
			if !(section == SectionResults && hsec == SectionMethods && resultsSubheading(trimmed)) {
				section = hsec
			}
			if dottedLabel(trimmed) {
				labelTop = trimmed[:strings.IndexByte(trimmed, '.')]
				labelFirst, partSection = firstTitle(trimmed), hsec
			}
			if hsec == SectionTitle {
				// "TITLE:" announces the next non-empty line; after it comes the body.
				for i+1 < len(lines) && strings.TrimSpace(lines[i+1].text) == "" {
					i++
				}
				if i+1 < len(lines) {
					i++
					emitWhole(lines[i], SectionTitle)
				}
				section = SectionBody
			}
			continue
		}
		if trimmed == "BODY:" {
			// a pmc-style label of the whole body, whose parts no label names: the body
			flush()
			section, labelTop, labelFirst, partSection = SectionBody, "BODY", "", SectionBody
			continue
		}
		if pmcLabel && len(trimmed) <= 300 && strings.Count(trimmed, ":") == 1 {
			// A pmc-style label no heading word names ("BODY.MEDICATION ADJUSTMENTS:") still
			// opens a part of the article: the kind its title names (labelSection), else a
			// subsection of the part before it ("BODY.SCREENING" after "BODY.METHODS"), but
			// never a run of the abstract's last section, or of back matter, into the body
			// ("ABSTRACT.CONCLUSIONS" then "BODY.TRIAL DESIGN"): that is the body, of no known
			// kind. (A label with a colon inside, "BODY.RESULTS.IMPACT: PATIENTS:", is an
			// inline heading's.)
			flush()
			top, first := trimmed[:strings.IndexByte(trimmed, '.')], firstTitle(trimmed)
			in := section
			fresh := top != labelTop || backMatter(section)
			if first != labelFirst && top == labelTop {
				in = partSection // "BODY.EFFICACY" after "BODY.TRIAL DESIGN AND PATIENTS.RANDOMIZED TRIAL DESIGN"
			}
			fresh = fresh || backMatter(in)
			section = labelSection(strings.TrimSuffix(trimmed, ":"), in, fresh)
			if first != labelFirst || fresh {
				partSection = labelSection(top+"."+first, in, fresh)
			}
			labelTop, labelFirst = top, first
			continue
		}
		if section == SectionFurniture && !isInlineHeading(trimmed) {
			emitWhole(l, SectionFurniture)
			continue
		}
		if IsFurnitureLine(trimmed) || isMenuItem(trimmed) {
			emitWhole(l, SectionFurniture)
			continue
		}
		// Inline headings: "Methods: Six patients ...".
		inline := false
		if sec, labelEnd, ok := inlineHeading(l.text); ok {
			flush()
			section, inline = sec, true
			if head := trimmed[:strings.IndexByte(trimmed, ':')]; dottedLabel(head) {
				// "BODY.M:ATERIALS AND METHODS": a pmc label whose capital the flattening set
				// apart opens its part as any label does
				if t := head[strings.LastIndexByte(head, '.')+1:]; len(t) == 1 {
					head += strings.Fields(trimmed[len(head)+1:] + " ")[0] // the letter set apart rejoins its word
				}
				labelTop, labelFirst, partSection = trimmed[:strings.IndexByte(trimmed, '.')], firstTitle(head), sec
			}
			l = line{start: l.start + labelEnd, end: l.end, text: l.text[labelEnd:]}
			if strings.TrimSpace(l.text) == "" {
				continue
			}
		}
		if section == SectionReferences {
			// One reference a line; never glue two together.
			flush()
		}
		if section == SectionKeywords {
			keywordLines++
		}
		if isTableRow(trimmed) {
			// "All grades | 40 (50.0) | 13 (65.0) |": a row of a table written with bars is a
			// sentence of its own, never glued to the rows around it.
			emitWhole(l, section)
			continue
		}
		if !inline && section != SectionKeywords && (len(para) == 0 || endsSentence(para[len(para)-1].text)) && isTopicHeading(trimmed, nextText(lines, i)) {
			emitWhole(l, SectionHeading)
			continue
		}
		add(l, section)
	}
	flush()
	for i := range out {
		out[i].Index = i
	}
	return out
}

// backMatter reports whether a section is the back matter of an article (disclosures, a
// reference list, furniture), after which a pmc-style label opens a part of its own.
func backMatter(s Section) bool {
	return s == SectionFurniture || s == SectionDisclosures || s == SectionReferences
}

// firstTitle returns the first title of a pmc-style label, after its "BODY." or
// "ABSTRACT." and any section number, without the colon: "TRIAL DESIGN" of "BODY.TRIAL
// DESIGN.RANDOMISATION:", "METHODOLOGY" of "BODY.4. METHODOLOGY.4.1. SAMPLE SIZE:".
func firstTitle(label string) string {
	t := strings.TrimSuffix(label, ":")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		t = t[i+1:]
	}
	t = sectionNumber.ReplaceAllString(t, "")
	if i := strings.IndexByte(t, '.'); i >= 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// sectionNumber matches a section number that opens a title ("2. ", "4.1. ").
var sectionNumber = regexp.MustCompile(`^\s*(\d+\.)+\s*`)

// nextText returns the text of the first non-empty line after line i ("" at the end).
func nextText(lines []line, i int) string {
	for k := i + 1; k < len(lines); k++ {
		if t := strings.TrimSpace(lines[k].text); t != "" {
			return t
		}
	}
	return ""
}

// maxTopicHeadingWords is the most words a line on its own may have to be a topic heading.
const maxTopicHeadingWords = 6

// isTopicHeading reports whether a line that starts a paragraph is a heading that names a
// topic: a Markdown heading ("## Neurotoxicity"), or a short line on its own — at most
// maxTopicHeadingWords words, a capital first, no figure, no sentence or clause punctuation
// at its end — over a line that starts a new paragraph (a capital or a bullet), as
// "Cytokine release syndrome" stands over the paragraph about it. A line with a figure is
// a table's row or a list's item, which speaks of patients.
func isTopicHeading(trimmed, next string) bool {
	if h := strings.TrimLeft(trimmed, "#"); h != trimmed && len(trimmed)-len(h) <= 6 && strings.HasPrefix(h, " ") {
		return strings.TrimSpace(h) != ""
	}
	trimmed = withoutSectionNumber(trimmed)
	if next == "" || len(trimmed) > 60 || !atMostWords(trimmed, maxTopicHeadingWords) || strings.ContainsFunc(trimmed, unicode.IsDigit) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(trimmed)
	last, _ := utf8.DecodeLastRuneInString(trimmed)
	if !unicode.IsUpper(first) || strings.ContainsRune(".!?:;,]%|", last) {
		return false
	}
	nr, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(nr) || isBullet(nr) || nr == '-' || nr == '#'
}

// withoutSectionNumber drops the number of a numbered heading, "10.2 " or "3. " ("10.2
// Cytokine release syndrome", "3. Results"), from the start of a line: numbers of one or two
// digits joined by dots, two levels or one with its dot, then a space and a capital. Any
// other line is returned as it is ("2.5 mg/kg", "3 patients").
func withoutSectionNumber(line string) string {
	i, levels := 0, 0
	for {
		j := i
		for j < len(line) && j-i < 3 && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if j == i || j-i > 2 {
			break
		}
		levels++
		i = j
		if i < len(line) && line[i] == '.' && i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	dot := i < len(line) && line[i] == '.'
	if dot {
		i++
	}
	if levels == 0 || levels == 1 && !dot || i >= len(line) || line[i] != ' ' {
		return line
	}
	rest := strings.TrimLeft(line[i:], " ")
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) {
		return line // "2.5 mg/kg": a figure and its unit
	}
	return rest
}

// isTableRow reports whether a line is a row of a table whose cells bars separate.
func isTableRow(trimmed string) bool {
	return strings.Count(trimmed, "|") >= 2
}

// continues reports whether next continues the paragraph that prev ends: a wrapped line
// rather than a new heading, title or list item.
func continues(prev, next string) bool {
	if endsSentence(prev) {
		return false
	}
	// "Event   Drug (n = 120)   Placebo (n = 118)" over "Anaemia   10 (8.3)   4 (3.4)", or,
	// one gap each, "Treatment   n (%)" over "Tocilizumab   27 (51.9)": rows of a table (not
	// wide-spaced prose, whose next line goes on with words)
	if gp, gn := columnGaps(prev), columnGaps(next); gp > 0 && gn > 0 && startsUpper(next) && !endsInFunctionWord(prev) &&
		(gp > 1 && gn > 1 || endsInCell(next)) {
		return false
	}
	nt := strings.TrimSpace(next)
	r, _ := utf8.DecodeRuneInString(nt)
	if isBullet(r) || markdownItem(nt) {
		return false
	}
	if unicode.IsLower(r) || unicode.IsDigit(r) || r == '(' || r == ',' || r == ';' {
		return true
	}
	// "Time to onset, days 4 (1-7)" then "Patients with ICANS": a line that ends with a
	// figure and a line that opens with a capitalised word are rows of a table or a legend,
	// not one wrapped line ("grade 3" then "CRS" still is one: an acronym goes on).
	if p := strings.TrimSpace(prev); p != "" && unicode.IsUpper(r) && startsWord(nt) {
		if last, _ := utf8.DecodeLastRuneInString(p); unicode.IsDigit(last) || last == ')' && endsWithFigure(p) || last == '%' {
			return false
		}
	}
	return len(strings.TrimSpace(prev)) >= 60
}

// ColumnGap is the least run of spaces that sets two cells of a table row apart, in a table
// whose columns spaces align ("Neutropenia   12 (8.0)   30 (20.3)").
const ColumnGap = 3

var columnGapSpaces = strings.Repeat(" ", ColumnGap)

// endsInCell reports whether a line ends with a table's cell: a number, or a number with its
// share in brackets ("27 (51.9)", "4 (20%)").
func endsInCell(line string) bool {
	t := strings.TrimSpace(line)
	last, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsDigit(last) || last == ')' && endsWithFigure(t)
}

// columnGaps counts the gaps between the cells of a table row whose columns runs of spaces
// or tabs set apart (runs of ColumnGap or more spaces, and tabs), up to two.
func columnGaps(line string) int {
	gaps := 0
	t := strings.TrimSpace(line)
	for i := 0; i < len(t) && gaps < 2; i++ {
		switch {
		case t[i] == '\t':
			gaps++
		case t[i] == ' ' && strings.HasPrefix(t[i:], columnGapSpaces):
			gaps++
			for i+1 < len(t) && t[i+1] == ' ' {
				i++
			}
		}
	}
	return gaps
}

// startsUpper reports whether a line opens with a capital letter, as a table row's label
// does ("4 of 30   patients" or "was seen in" go on a wrapped line).
func startsUpper(line string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(line))
	return unicode.IsUpper(r)
}

// functionWords end a line that a wrapped sentence goes on from ("was seen in").
var functionWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "with": true, "by": true, "and": true, "or": true, "but": true, "was": true, "were": true}

// endsInFunctionWord reports whether a line's last word is a function word.
func endsInFunctionWord(line string) bool {
	f := strings.Fields(line)
	return len(f) > 0 && functionWords[strings.ToLower(f[len(f)-1])]
}

// markdownItem reports whether a line is an item of a Markdown list, "- text" or "+ text"
// (a dash before a figure, "-0.5", is a sign).
func markdownItem(line string) bool {
	return len(line) > 1 && (line[0] == '-' || line[0] == '+') && (line[1] == ' ' || line[1] == '\t')
}

// startsWord reports whether a line opens with a capital and a small letter, a word rather
// than an acronym ("Patients", not "CRS").
func startsWord(line string) bool {
	rs := []rune(line)
	return len(rs) > 1 && unicode.IsUpper(rs[0]) && unicode.IsLower(rs[1])
}

// endsWithFigure reports whether a line ends with a bracket that holds only figures: "(1-7)",
// "(37%)", "(95% CI 2-5)" is not.
func endsWithFigure(line string) bool {
	open := strings.LastIndexByte(line, '(')
	if open < 0 {
		return false
	}
	for _, r := range line[open+1 : len(line)-1] {
		if !unicode.IsDigit(r) && !strings.ContainsRune(".,%–-— ", r) {
			return false
		}
	}
	return true
}

// appendSentences segments text[start:end] with prose and appends the corrected sentences.
func (s *Splitter) appendSentences(out []Sentence, text string, start, end int, sec Section) []Sentence {
	start, end = trimSpan(text, start, end)
	if start >= end {
		return out
	}
	chunk := text[start:end]
	raw := s.seg.Segment(chunk)
	first := len(out)
	for _, r := range raw {
		st, en := start+r.Start, start+r.End()
		if n := len(out); n > first && shouldMerge(out[n-1].Text, r.Text) {
			out[n-1].End = en
			out[n-1].Text = text[out[n-1].Start:en]
			continue
		}
		out = append(out, Sentence{Start: st, End: en, Section: sec, Text: text[st:en]})
	}
	out = splitAt(text, out, first, referenceCut)
	out = splitAt(text, out, first, groupLetterCut)
	out = splitAt(text, out, first, measureCut)
	out = splitAt(text, out, first, bracketedAbbreviationCut)
	return boundSentences(text, out, first)
}

// bracketedAbbreviationCut returns the offset in s just after the full stop that ends a
// sentence on a bracket whose words end in an abbreviation's period, with a capitalised word
// after it ("… for CRS (Park et al.). Pre-emptive …", "… (see Fig.). Grade 3 …"), or 0: the
// segmenter takes the period after the bracket for part of the abbreviation.
func bracketedAbbreviationCut(s string) int {
	for i := 2; i+2 < len(s); i++ {
		if s[i] != '.' || s[i-1] != ')' && s[i-1] != ']' || s[i-2] != '.' {
			continue
		}
		// the space after it may be a no-break space, and the next sentence may open on
		// a count ("(Park et al.). 10 of our 40 adults …")
		if r, ok := runeAfterSpace(s, i+1); ok && (unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return i + 1
		}
	}
	return 0
}

// splitAt cuts the sentences out[first:] where cut finds a sentence end the segmenter did not
// see (it returns the offset in a sentence's text just after that end, or 0): after a
// reference number glued to a full stop (referenceCut), after a group's letter
// (groupLetterCut), a measure (measureCut) or a bracket that ends in an abbreviation
// (bracketedAbbreviationCut).
func splitAt(text string, out []Sentence, first int, cut func(string) int) []Sentence {
	for i := first; i < len(out); i++ {
		s := out[i]
		if c := cut(s.Text); c > 0 {
			hs, he := trimSpan(text, s.Start, s.Start+c)
			ts, te := trimSpan(text, s.Start+c, s.End)
			if hs >= he || ts >= te {
				continue
			}
			out[i] = Sentence{Start: hs, End: he, Section: s.Section, Text: text[hs:he]}
			tail := Sentence{Start: ts, End: te, Section: s.Section, Text: text[ts:te]}
			out = append(out[:i+1], append([]Sentence{tail}, out[i+1:]...)...)
		}
	}
	return out
}

// groupLetterCut returns the offset in s just after the full stop that ends a sentence on a
// group named by a letter, with a capitalised word after it ("… in cohort B. Grade 3 CRS …",
// "… in arm A. No deaths …"), or 0: the segmenter takes the letter for an initial.
func groupLetterCut(s string) int {
	for i := 2; i+3 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' || s[i-2] != ' ' || s[i-1] < 'A' || s[i-1] > 'Z' {
			continue
		}
		w := strings.TrimRight(s[:i-2], " ")
		if !letterGroups[strings.ToLower(w[strings.LastIndexAny(w, " \t\n(")+1:])] {
			continue
		}
		if capitalAfter(s, i+1) {
			return i + 1
		}
	}
	return 0
}

// measureCut returns the offset in s just after the full stop that ends a sentence on a
// measure, a number and its unit, with a capitalised word after it ("… was 40 mg. Cytokine
// release syndrome …", "… at 2 h. ICANS …"), or 0: the segmenter takes some units for
// abbreviations.
func measureCut(s string) int {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != '.' || s[i+1] != ' ' {
			continue
		}
		w := s[:i]
		w = w[strings.LastIndexAny(w, " \t\n(")+1:]
		unit := strings.TrimLeft(w, "0123456789.,")
		num := w[:len(w)-len(unit)]
		if num == "" { // the number a word before: "40 mg."
			prev := strings.TrimRight(s[:i-len(w)], " ")
			num = prev[strings.LastIndexAny(prev, " \t\n(")+1:]
		}
		if !measureUnits[unit] || num == "" || !isDigit(num[len(num)-1]) {
			continue
		}
		if capitalAfter(s, i+1) {
			return i + 1
		}
	}
	return 0
}

// measureUnits are the units of a dose, a volume or a time a number may end a sentence on.
var measureUnits = map[string]bool{"mg": true, "g": true, "kg": true, "mcg": true, "µg": true, "μg": true, "ng": true,
	"ml": true, "mL": true, "dl": true, "dL": true, "h": true, "hr": true, "hrs": true, "min": true, "mmol": true,
	"IU": true, "mg/kg": true, "mg/m2": true, "mg/m²": true, "g/dL": true, "mg/dL": true, "mg/L": true, "g/L": true,
	"cells/kg": true, "mL/min": true}

// capitalAfter reports whether the first word after the spaces from offset k of s starts
// with a capital letter, as a sentence does.
func capitalAfter(s string, k int) bool {
	r, ok := runeAfterSpace(s, k)
	return ok && unicode.IsUpper(r)
}

// runeAfterSpace returns the first rune after the spaces (no-break spaces too) that start
// at offset k of s, or false when no space stands there or nothing follows.
func runeAfterSpace(s string, k int) (rune, bool) {
	j := k
	for j < len(s) {
		if s[j] == ' ' {
			j++
		} else if strings.HasPrefix(s[j:], "\u00a0") {
			j += len("\u00a0")
		} else {
			break
		}
	}
	if j == k || j >= len(s) {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return r, true
}

// letterGroups are the words that name a group of a study by a letter ("arm B", "cohort A").
var letterGroups = map[string]bool{"arm": true, "arms": true, "group": true, "groups": true, "cohort": true, "cohorts": true,
	"part": true, "panel": true, "stratum": true, "schedule": true, "regimen": true, "site": true}

// referenceCut returns the offset in s just after the first reference number glued to a
// sentence's full stop with a capitalised word after it (".14 Block", ".3,4 The",
// ".12-14 In"), or 0. A number after an abbreviation ("Fig.2") or inside a decimal ("0.27")
// is no reference.
func referenceCut(s string) int {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != '.' || !isDigit(s[i+1]) {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(prev) && prev != ')' && prev != ']' {
			continue
		}
		if unicode.IsLetter(prev) {
			w := s[:i]
			if k := strings.LastIndexAny(w, " \t\n(["); k >= 0 {
				w = w[k+1:]
			}
			w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) // "2Fig"
			if abbreviations[strings.ToLower(w)] || len(w) < 3 {
				continue // "Fig.2", "No.3", "p.12"
			}
		}
		j, digits := referenceNumberEnd(s, i+1)
		if digits == 0 || digits > 8 || j >= len(s) || s[j] != ' ' {
			continue
		}
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		if k < len(s) && unicode.IsUpper(r) {
			return j
		}
	}
	return 0
}

// referenceNumberEnd reads a run of reference numbers from s[j:] ("27", "3,4", "12-14",
// "12–14") and returns where it ends and how many digits it holds.
func referenceNumberEnd(s string, j int) (int, int) {
	digits := 0
	for j < len(s) {
		switch {
		case isDigit(s[j]):
			digits++
			j++
		case s[j] == ',' || s[j] == '-':
			j++
		case strings.HasPrefix(s[j:], "\u2013"):
			j += len("\u2013")
		default:
			return j, digits
		}
	}
	return j, digits
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// boundSentences cuts the sentences out[first:] that are longer than maxSentenceBytes at a
// space, so that no later stage sees unbounded input.
func boundSentences(text string, out []Sentence, first int) []Sentence {
	// Bound sentence length.
	for i := first; i < len(out); i++ {
		if out[i].End-out[i].Start <= maxSentenceBytes {
			continue
		}
		long := out[i]
		cut := cutPoint(text, long.Start, long.Start+maxSentenceBytes)
		head := Sentence{Start: long.Start, End: cut, Section: long.Section}
		hs, he := trimSpan(text, head.Start, head.End)
		ts, te := trimSpan(text, cut, long.End)
		head.Start, head.End, head.Text = hs, he, text[hs:he]
		tail := Sentence{Start: ts, End: te, Section: long.Section, Text: text[ts:te]}
		out[i] = head
		if ts < te {
			out = append(out[:i+1], append([]Sentence{tail}, out[i+1:]...)...)
		}
	}
	return out
}

// cutPoint finds a place at or before limit to cut a long sentence: the last space, or
// failing that the last rune boundary.
func cutPoint(text string, start, limit int) int {
	if i := strings.LastIndexAny(text[start:limit], " \t\n"); i > 0 {
		return start + i
	}
	for limit > start && !utf8.RuneStart(text[limit]) {
		limit--
	}
	if limit == start {
		return start + 1
	}
	return limit
}

// abbreviations end a prose "sentence" that should go on: the abbreviations of clinical and
// scientific writing. Keys are lower case, without the final period.
var abbreviations = map[string]bool{
	"fig": true, "figs": true, "e.g": true, "i.e": true, "eg": true, "ie": true, "vs": true,
	"cf": true, "approx": true, "pts": true, "pt": true, "ref": true, "refs": true, "resp": true,
	"incl": true, "tab": true, "suppl": true, "eq": true, "ca": true, "dr": true, "prof": true,
	"mo": true, "mos": true, "yr": true, "yrs": true, "wk": true, "wks": true,
	"max": true, "vol": true, "pp": true, "no": true, "nos": true, "st": true,
	"jr": true, "inc": true, "ltd": true, "co": true, "corp": true, "dept": true, "univ": true,
	"med": true, "hosp": true, "nat": true, "engl": true, "j": true, "ann": true, "rheum": true,
	"dis": true, "al": true, "sd": true, "iqr": true, "ci": true, "etc": true, "viz": true, "var": true, "spp": true,
	"sp": true, "subsp": true, "chap": true, "ed": true, "eds": true, "mrs": true, "mr": true,
}

// shouldMerge reports whether the next prose sentence continues prev: prev ends in an
// abbreviation, or next starts where no sentence starts (lower case, a closing bracket,
// punctuation, a digit after "no.").
func shouldMerge(prev, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if startsLowerWord(next) || r == ')' || r == ']' || r == ',' || r == ';' || r == ':' || r == '.' {
		return true
	}
	p := strings.TrimRight(prev, " ")
	if !strings.HasSuffix(p, ".") {
		return false
	}
	if floatLabel(p) {
		return true // "Table 2. Cytokine release syndrome by grade": a label opens its caption
	}
	// The last word of prev, without its final period and any opening bracket.
	w := p[:len(p)-1]
	if i := strings.LastIndexAny(w, " \t\n(["); i >= 0 {
		w = w[i+1:]
	}
	lw := strings.ToLower(w)
	switch {
	case lw == "al": // "et al."
		return !unicode.IsUpper(r) || strings.HasSuffix(strings.ToLower(p), "et al.") && looksLikeCitationTail(next)
	case lw == "no" || lw == "nos":
		return unicode.IsDigit(r)
	case abbreviations[lw]:
		return true
	case len(w) == 1 && unicode.IsUpper(rune(w[0])):
		// An initial: "J. Smith", "A.H.C. is".
		return true
	case strings.Count(w, ".") >= 1 && len(w) <= 8 && !strings.ContainsAny(w, "0123456789"):
		// Dotted abbreviations such as "A.H.C" or "U.S".
		return true
	}
	return false
}

// floatLabel reports whether s is only the label of a table or figure and its period:
// "Table 2.", "Table II.", "Figure 1.", "Supplementary Table S3.", "Fig. 4.".
func floatLabel(s string) bool {
	f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if len(f) == 3 && (f[0] == "Supplementary" || f[0] == "Supplemental") {
		f = f[1:]
	}
	if len(f) != 2 {
		return false
	}
	switch f[0] {
	case "Table", "TABLE", "Figure", "FIGURE", "Fig", "Fig.":
	default:
		return false
	}
	if strings.Trim(f[1], "IVX") == "" {
		return true // "Table II."
	}
	n := strings.TrimLeft(f[1], "SsAaEe") // "S3", "A1", "e2"
	n = strings.TrimRight(n, "abcdefABCDEF")
	if n == "" {
		return false
	}
	for _, r := range n {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// startsLowerWord reports whether s starts with a word in lower case only: a sentence never
// does, while "scRNA-seq" or "mRNA" may start one.
func startsLowerWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return false
	}
	for _, c := range s {
		if unicode.IsSpace(c) || unicode.IsPunct(c) {
			break
		}
		if unicode.IsUpper(c) || unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// looksLikeCitationTail reports whether s reads like the rest of a citation ("Nat Med. 2025")
// rather than a new sentence.
func looksLikeCitationTail(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	short := func(w string) bool { return len(strings.TrimSuffix(w, ".")) <= 6 }
	if strings.HasSuffix(f[0], ".") && short(f[0]) {
		return true // "Nat. Med. 28"
	}
	// "Nat Med. 2025": a short journal word, then an abbreviated one.
	return len(f) > 1 && short(f[0]) && strings.HasSuffix(f[1], ".") && short(f[1])
}

// trimSpan narrows [start,end) past surrounding white space.
func trimSpan(text string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// Tokens returns the prose tokens of the sentence, with byte offsets into the document
// text. Runs of punctuation longer than a few dozen bytes become single tokens (prose's
// tokenizer is quadratic on them).
func (s *Splitter) Tokens(sent Sentence) []Token {
	return s.tokens(sent.Text, sent.Start)
}

func (s *Splitter) tokens(text string, base int) []Token {
	var out []Token
	from := 0
	for from < len(text) {
		rs, re := nextPunctRun(text, from)
		if rs < 0 {
			out = s.appendProse(out, text[from:], base+from)
			break
		}
		out = s.appendProse(out, text[from:rs], base+from)
		out = append(out, Token{Text: text[rs:re], Start: base + rs, End: base + re})
		from = re
	}
	return out
}

func (s *Splitter) appendProse(out []Token, text string, base int) []Token {
	if strings.TrimSpace(text) == "" {
		return out
	}
	for _, t := range s.tok.Tokenize(text) {
		out = append(out, Token{Text: t.Text, Start: base + t.Start, End: base + t.Start + len(t.Text)})
	}
	return out
}

// nextPunctRun finds the next run of more than maxPunctRun punctuation or symbol bytes at or
// after from, or -1.
func nextPunctRun(text string, from int) (int, int) {
	runStart := -1
	for i := from; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		isP := unicode.IsPunct(r) || unicode.IsSymbol(r)
		if isP {
			if runStart < 0 {
				runStart = i
			}
		} else if runStart >= 0 {
			if i-runStart > maxPunctRun {
				return runStart, i
			}
			runStart = -1
		}
		i += size
	}
	if runStart >= 0 && len(text)-runStart > maxPunctRun {
		return runStart, len(text)
	}
	return -1, -1
}
