package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// medlineRecord is the part of a MEDLINE record being read that Load keeps.
type medlineRecord struct {
	start   int    // line the record starts on
	size    int64  // bytes in the record so far
	field   string // tag of the field that continuation lines extend, if kept
	values  map[string][]string
	badLine int // first line that is not valid UTF-8, or 0
}

// medlineKept are the MEDLINE fields a record keeps: its id, title and abstract, and the
// fields of its Meta.
var medlineKept = map[string]bool{
	"PMID": true, "TI": true, "AB": true, "DP": true, "DEP": true, "TA": true, "JT": true,
	"AU": true, "FAU": true, "PT": true, "MH": true, "OT": true, "AID": true, "LID": true,
	"PMC": true, "SI": true,
}

// medlineExcerptBytes is how much of a junk line a report quotes.
const medlineExcerptBytes = 40

// maxPendingJunk is the most runs of junk inside one record that are reported apart.
const maxPendingJunk = 16

// medlineContinuation is how a continuation line starts: more of the field above.
var medlineContinuation = []byte("      ")

// loadMedline streams a MEDLINE input (PubMed's "PMID- / TI  - / AB  -" export). Records
// are separated by blank lines, and every PMID line starts one.
//
// A MEDLINE line is blank, a field ("TAG - value", the tag padded to four characters), or
// a continuation: six spaces, then more of the field on the line above. Any other line is
// junk; so is a continuation with no field above it (after a blank or junk line). Junk is
// never part of a record: each run of it, up to the next field line (blank lines do not end
// it), is reported once with its first line, after the record it lies in.
func (l *loader) loadMedline(in loadInput, br *bufio.Reader) bool {
	lr := newLineReader(br, l.max)
	var (
		rec     *medlineRecord
		junk    *medlineJunk   // the run of junk being read
		pending []*medlineJunk // runs of junk that wait for the record they lie in
		inField bool           // the line above is a field or its continuation
	)
	finish := func() bool {
		r := rec
		rec = nil
		if r != nil {
			d, skip := r.document(in, l.max)
			ok := skip == nil && l.emit(d) || skip != nil && l.skip(skip)
			if !ok {
				return false
			}
		}
		for len(pending) > 0 {
			j := pending[0]
			pending = pending[1:]
			if !l.skip(j.skip(in)) {
				return false
			}
		}
		return true
	}
	endJunk := func() bool {
		j := junk
		junk = nil
		if j == nil {
			return true
		}
		if rec != nil {
			// Memory stays bounded whatever a record holds: past a few runs, the
			// runs of one record are told as one.
			if len(pending) == maxPendingJunk {
				p := pending[len(pending)-1]
				p.lines += j.lines
				p.last = j.last
			} else {
				pending = append(pending, j)
			}
			return true
		}
		return l.skip(j.skip(in))
	}
	for {
		if !l.alive() {
			return false
		}
		line, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			return finish() && endJunk()
		}
		if err != nil {
			if !finish() || !endJunk() {
				return false
			}
			return l.skip(&SkipError{Source: in.source, Line: lr.n + 1, Kind: SkipUnreadable, Reason: "cannot read the rest of the file", Err: err})
		}
		if long == 0 && len(bytes.TrimSpace(line)) == 0 {
			inField = false
			if !finish() {
				return false
			}
			continue
		}
		tag, value, isTag := medlineField(line)
		// A line over the size limit cannot be looked at: it counts as a field, so that
		// its record is reported as too large.
		isTag = isTag || long > 0
		if !isTag && !(inField && bytes.HasPrefix(line, medlineContinuation)) {
			inField = false
			if junk == nil {
				junk = &medlineJunk{first: lr.n, excerpt: medlineExcerpt(line)}
			}
			junk.last = lr.n
			junk.lines++
			continue
		}
		if isTag && tag == "PMID" && !finish() {
			return false
		}
		if !endJunk() {
			return false
		}
		if rec == nil {
			rec = &medlineRecord{start: lr.n}
		}
		inField = true
		rec.add(lr.n, line, long, tag, value, isTag, l.max)
	}
}

// medlineJunk is a run of lines in a MEDLINE input that are not MEDLINE.
type medlineJunk struct {
	first, last int    // lines of the first and last junk line
	lines       int    // junk lines in the run (blank lines between them not counted)
	excerpt     string // the start of the first one
}

// skip is the report of the run.
func (j *medlineJunk) skip(in loadInput) *SkipError {
	reason := fmt.Sprintf(`line is not a MEDLINE field ("TAG - value") or continuation line: %q`, j.excerpt)
	if j.lines > 1 {
		reason = fmt.Sprintf(`%d lines (%d to %d) are not MEDLINE fields ("TAG - value") or continuation lines; the first: %q`,
			j.lines, j.first, j.last, j.excerpt)
	}
	return &SkipError{Source: in.source, Line: j.first, Kind: SkipMalformed, Reason: reason}
}

// medlineExcerpt is the start of a junk line for a report: at most medlineExcerptBytes,
// cut at a character boundary, with "…" when cut.
func medlineExcerpt(line []byte) string {
	if len(line) <= medlineExcerptBytes {
		return string(line)
	}
	n := medlineExcerptBytes
	for n > 0 && !utf8.RuneStart(line[n]) {
		n--
	}
	return string(line[:n]) + "…"
}

// medlineField splits a MEDLINE field line "TAG - value" (the tag padded to four
// characters) and reports whether line is one.
func medlineField(line []byte) (tag string, value []byte, ok bool) {
	if len(line) < 5 || line[4] != '-' || (len(line) > 5 && line[5] != ' ') {
		return "", nil, false
	}
	t := bytes.TrimRight(line[:4], " ")
	if len(t) == 0 || t[0] < 'A' || t[0] > 'Z' {
		return "", nil, false
	}
	for _, c := range t {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", nil, false
		}
	}
	return string(t), bytes.TrimSpace(line[5:]), true
}

// add adds line n to the record: a field line (isTag) or a continuation line. long is the
// line's length if it was too long to be read.
func (r *medlineRecord) add(n int, line []byte, long int64, tag string, value []byte, isTag bool, max int64) {
	if long > 0 {
		r.size += long
	} else {
		r.size += int64(len(line)) + 1
	}
	if r.size > max {
		return // the record is skipped: keep counting its size, nothing else
	}
	if r.badLine == 0 && !utf8.Valid(line) {
		r.badLine = n
	}
	if isTag {
		r.field = ""
		if !medlineKept[tag] {
			return
		}
		r.field = tag
		if r.values == nil {
			r.values = map[string][]string{}
		}
		r.values[tag] = append(r.values[tag], medlineText(value))
		return
	}
	vals := r.values[r.field]
	if r.field == "" || len(vals) == 0 {
		return
	}
	if cont := medlineText(line); cont != "" {
		last := &vals[len(vals)-1]
		if *last != "" {
			*last += " "
		}
		*last += cont
	}
}

// medlineText is a field value as a record keeps it: C0 control characters other than tab,
// and DEL, taken out (vertical tab, form feed and carriage return become spaces, the others
// go), white space trimmed. A control character in an export is damage, never text.
func medlineText(b []byte) string {
	isControl := func(c byte) bool { return c < 0x20 && c != '\t' || c == 0x7f }
	if !slices.ContainsFunc(b, isControl) {
		return string(bytes.TrimSpace(b))
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		switch {
		case c == '\v' || c == '\f' || c == '\r':
			out = append(out, ' ')
		case !isControl(c):
			out = append(out, c)
		}
	}
	return string(bytes.TrimSpace(out))
}

// joined returns the values of a field, repeats as paragraphs.
func (r *medlineRecord) joined(tag string) string {
	return strings.Join(r.values[tag], "\n\n")
}

// meta reads the record's Meta from its fields.
func (r *medlineRecord) meta() *Meta {
	m := &Meta{PMID: r.joined("PMID")}
	if dp := r.values["DP"]; len(dp) > 0 {
		m.setDate("DP", dp[0])
	} else if dep := r.values["DEP"]; len(dep) > 0 {
		m.setDate("DEP", dep[0])
	}
	m.Journal = strings.Join(r.values["JT"], " ")
	m.JournalAbbrev = strings.Join(r.values["TA"], " ")
	authors := r.values["FAU"]
	if len(authors) == 0 {
		authors = r.values["AU"]
	}
	for _, a := range authors {
		m.Authors = addUnique(m.Authors, a)
	}
	for _, t := range r.values["PT"] {
		m.addPublicationType("PT", t)
	}
	for _, h := range r.values["MH"] {
		// "Antigens, CD19/*immunology": the descriptor, without its qualifiers and the
		// major-topic star.
		d, _, _ := strings.Cut(h, "/")
		m.MeSH = addUnique(m.MeSH, strings.TrimLeft(d, "*"))
	}
	for _, k := range r.values["OT"] {
		m.Keywords = addUnique(m.Keywords, k)
	}
	for _, id := range append(r.values["AID"], r.values["LID"]...) {
		// "10.1056/NEJMoa1234567 [doi]", "S0140-6736(23)00001-1 [pii]".
		if v, ok := strings.CutSuffix(strings.TrimSpace(id), "[doi]"); ok && m.DOI == "" {
			m.setDOI("AID", v)
		}
	}
	if pmc := r.values["PMC"]; len(pmc) > 0 {
		m.setPMCID("PMC", pmc[0])
	}
	for _, si := range r.values["SI"] {
		m.addRegistryID(si)
	}
	return m.orNil()
}

// document turns the record into a Document, or says why it is skipped.
func (r *medlineRecord) document(in loadInput, max int64) (*Document, *SkipError) {
	skip := func(kind SkipKind, reason string) (*Document, *SkipError) {
		return nil, &SkipError{Source: in.source, Line: r.start, Kind: kind, Reason: reason}
	}
	switch {
	case r.size > max:
		return nil, oversizeSkip(in.source, r.start, r.size, max)
	case r.badLine > 0:
		return skip(SkipNotUTF8, fmt.Sprintf("not valid UTF-8 text (line %d)", r.badLine))
	case len(r.values["PMID"]) == 0:
		return skip(SkipMalformed, "MEDLINE record has no PMID")
	case r.joined("PMID") == "":
		return skip(SkipMalformed, "MEDLINE record has an empty PMID")
	case r.joined("TI") == "" && r.joined("AB") == "":
		return skip(SkipMalformed, "MEDLINE record has no title (TI) and no abstract (AB)")
	}
	d := &Document{
		ID:     r.joined("PMID"),
		Title:  r.joined("TI"),
		Text:   r.joined("AB"),
		Source: in.recordSource(r.start),
		Format: FormatMedline,
		Meta:   r.meta(),
	}
	if d.Text == "" {
		d.Text = d.Title
	}
	return d, nil
}
