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
	d := &Document{Text: text, Source: in.recordSource(n), Format: FormatJSONL}
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
