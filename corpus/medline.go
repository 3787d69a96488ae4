package corpus

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// medlineRecord is the part of a MEDLINE record being read that Load keeps.
type medlineRecord struct {
	start    int    // line the record starts on
	size     int64  // bytes in the record so far
	field    string // tag of the field that continuation lines extend, if kept
	pmid     strings.Builder
	title    strings.Builder
	abstract strings.Builder
	badLine  int // first line that is not valid UTF-8, or 0
}

// loadMedline streams a MEDLINE input (PubMed's "PMID- / TI  - / AB  -" export). Records
// are separated by blank lines, or start at a second PMID line.
func (l *loader) loadMedline(in loadInput, br *bufio.Reader) bool {
	lr := newLineReader(br, l.max)
	var rec *medlineRecord
	finish := func() bool {
		r := rec
		rec = nil
		if r == nil {
			return true
		}
		d, skip := r.document(in, l.max)
		if skip != nil {
			return l.skip(skip)
		}
		return l.emit(d)
	}
	for {
		if !l.alive() {
			return false
		}
		line, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			return finish()
		}
		if err != nil {
			if !finish() {
				return false
			}
			return l.skip(&SkipError{Source: in.source, Line: lr.n + 1, Kind: SkipUnreadable, Reason: "cannot read the rest of the file", Err: err})
		}
		if long == 0 && len(bytes.TrimSpace(line)) == 0 {
			if !finish() {
				return false
			}
			continue
		}
		tag, value, isTag := medlineField(line)
		if rec != nil && isTag && tag == "PMID" && rec.pmid.Len() > 0 {
			// A new record without a blank line before it.
			if !finish() {
				return false
			}
		}
		if rec == nil {
			rec = &medlineRecord{start: lr.n}
		}
		rec.add(lr.n, line, long, tag, value, isTag, l.max)
	}
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
		var b *strings.Builder
		switch tag {
		case "PMID":
			b = &r.pmid
		case "TI":
			b = &r.title
		case "AB":
			b = &r.abstract
		default:
			return
		}
		r.field = tag
		if b.Len() > 0 {
			b.WriteString("\n\n") // a repeated field: a new paragraph
		}
		b.Write(value)
		return
	}
	var b *strings.Builder
	switch r.field {
	case "PMID":
		b = &r.pmid
	case "TI":
		b = &r.title
	case "AB":
		b = &r.abstract
	default:
		return
	}
	if cont := bytes.TrimSpace(line); len(cont) > 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(cont)
	}
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
	case r.pmid.Len() == 0:
		return skip(SkipMalformed, "MEDLINE record has no PMID")
	case r.title.Len() == 0 && r.abstract.Len() == 0:
		return skip(SkipMalformed, "MEDLINE record has no title (TI) and no abstract (AB)")
	}
	d := &Document{
		ID:     r.pmid.String(),
		Title:  r.title.String(),
		Text:   r.abstract.String(),
		Source: in.recordSource(r.start),
		Format: FormatMedline,
	}
	if d.Text == "" {
		d.Text = d.Title
	}
	return d, nil
}
