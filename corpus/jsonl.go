package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// jsonlRecord is one line of a JSON Lines input. The fields are decoded in a second step so
// that a field of the wrong type gets a precise reason.
type jsonlRecord struct {
	ID    json.RawMessage `json:"id"`
	Title json.RawMessage `json:"title"`
	Text  json.RawMessage `json:"text"`

	// Optional metadata, as a registry or literature export may carry it.
	Date             json.RawMessage `json:"date"`
	Journal          json.RawMessage `json:"journal"`
	Authors          json.RawMessage `json:"authors"`
	PublicationTypes json.RawMessage `json:"publication_types"`
	MeSH             json.RawMessage `json:"mesh"`
	Keywords         json.RawMessage `json:"keywords"`
	DOI              json.RawMessage `json:"doi"`
	PMID             json.RawMessage `json:"pmid"`
	PMCID            json.RawMessage `json:"pmcid"`
	Phase            json.RawMessage `json:"phase"`
	Status           json.RawMessage `json:"status"`
	StartDate        json.RawMessage `json:"start_date"`
}

// meta reads the record's optional metadata keys; a key of the wrong type is named as a
// problem, never fatal.
func (rec *jsonlRecord) meta() *Meta {
	m := &Meta{}
	str := func(key string, raw json.RawMessage) string {
		var v string
		if len(raw) == 0 || string(raw) == "null" {
			return ""
		}
		if !jsonlString(raw, &v) {
			if len(raw) > 0 && (raw[0] == '-' || '0' <= raw[0] && raw[0] <= '9') {
				return string(raw) // a number, as written: a year, a PMID
			}
			m.problem(key, string(raw), "not a string")
			return ""
		}
		return strings.TrimSpace(v)
	}
	list := func(key string, raw json.RawMessage) []string {
		if len(raw) == 0 || string(raw) == "null" {
			return nil
		}
		var vs []string
		if err := json.Unmarshal(raw, &vs); err != nil {
			if s := str(key, raw); s != "" {
				return []string{s}
			}
			return nil
		}
		return vs
	}
	if d := str("date", rec.Date); d != "" {
		m.setDate("date", d)
	} else if d := str("start_date", rec.StartDate); d != "" {
		m.setDate("start_date", d)
	}
	m.Journal = str("journal", rec.Journal)
	for _, a := range list("authors", rec.Authors) {
		m.Authors = addUnique(m.Authors, a)
	}
	for _, t := range list("publication_types", rec.PublicationTypes) {
		m.addPublicationType("publication_types", t)
	}
	for _, h := range list("mesh", rec.MeSH) {
		m.MeSH = addUnique(m.MeSH, h)
	}
	for _, k := range list("keywords", rec.Keywords) {
		m.Keywords = addUnique(m.Keywords, k)
	}
	if v := str("doi", rec.DOI); v != "" {
		m.setDOI("doi", v)
	}
	m.PMID = str("pmid", rec.PMID)
	if v := str("pmcid", rec.PMCID); v != "" {
		m.setPMCID("pmcid", v)
	}
	m.Phase = str("phase", rec.Phase)
	m.Status = str("status", rec.Status)
	return m.orNil()
}

// loadJSONL streams a JSON Lines input, one {"id","title","text"} object per line.
func (l *loader) loadJSONL(in loadInput, br *bufio.Reader) bool {
	lr := newLineReader(br, l.max)
	for {
		if !l.alive() {
			return false
		}
		line, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return l.skip(&SkipError{Source: in.source, Line: lr.n + 1, Kind: SkipUnreadable, Reason: "cannot read the rest of the file", Err: err})
		}
		if long > 0 {
			if !l.skip(&SkipError{Source: in.source, Line: lr.n, Kind: SkipTooLarge, Reason: fmt.Sprintf("line is %d bytes, over the limit of %d", long, l.max)}) {
				return false
			}
			continue
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		d, skip := parseJSONLRecord(in, lr.n, line)
		if skip != nil {
			if !l.skip(skip) {
				return false
			}
			continue
		}
		if !l.emit(d) {
			return false
		}
	}
}

// parseJSONLRecord parses line n of a JSON Lines input.
func parseJSONLRecord(in loadInput, n int, line []byte) (*Document, *SkipError) {
	skip := func(reason string, err error) (*Document, *SkipError) {
		kind := SkipMalformed
		if strings.HasPrefix(reason, "not valid UTF-8") {
			kind = SkipNotUTF8
		}
		return nil, &SkipError{Source: in.source, Line: n, Kind: kind, Reason: reason, Err: err}
	}
	if off := invalidUTF8Offset(line); off >= 0 {
		return skip(fmt.Sprintf("not valid UTF-8 text (byte offset %d in the line)", off), nil)
	}
	if line[0] != '{' {
		return skip("not a JSON object", nil)
	}
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return skip("malformed JSON", err)
	}
	var text string
	if !jsonlString(rec.Text, &text) {
		return skip(`no "text" string`, nil)
	}
	d := &Document{Text: text, Source: in.recordSource(n), Format: FormatJSONL, Meta: rec.meta()}
	jsonlString(rec.Title, &d.Title)
	d.Title = strings.TrimSpace(d.Title)
	switch {
	case jsonlString(rec.ID, &d.ID):
	case len(rec.ID) > 0 && (rec.ID[0] == '-' || '0' <= rec.ID[0] && rec.ID[0] <= '9'):
		d.ID = string(rec.ID) // a numeric id, as written
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("%s:%d", in.base, n)
	}
	return d, nil
}

// jsonlString decodes raw into s if raw is a JSON string, and reports whether it was.
func jsonlString(raw json.RawMessage, s *string) bool {
	if len(raw) == 0 || raw[0] != '"' {
		return false
	}
	return json.Unmarshal(raw, s) == nil
}
