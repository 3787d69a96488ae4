package index

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

// appendAlertJSON appends the JSON of a to b, byte for byte as encoding/json writes it (a
// test holds the two equal on every kind of alert and string), about four times faster:
// the alert log gets one line per match, a batch of new documents can bring tens of
// thousands, and reflection was half the cost of percolating while indexing. Alert's
// struct tags stay the one definition of the format; this only writes it.
func appendAlertJSON(b []byte, a *Alert) []byte {
	if y := a.Time.Year(); y < 0 || y > 9999 {
		// encoding/json refuses such times; let it say so.
		out, err := json.Marshal(a)
		if err != nil {
			return append(b, "null"...)
		}
		return append(b, out...)
	}
	b = append(b, `{"time":"`...)
	b = a.Time.AppendFormat(b, time.RFC3339Nano)
	b = append(b, `","search":`...)
	b = appendJSONString(b, a.Search)
	b = append(b, `,"document":`...)
	b = appendJSONString(b, a.Document)
	b = append(b, `,"filters":`...)
	if a.Filters == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range a.Filters {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"filter":`...)
			b = appendJSONString(b, f.Filter)
			if f.Text != "" {
				b = append(b, `,"text":`...)
				b = appendJSONString(b, f.Text)
			}
			if len(f.Sentences) > 0 {
				b = append(b, `,"sentences":`...)
				b = appendInts(b, f.Sentences)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if t := a.Text; t != nil {
		b = append(b, `,"text":{"query":`...)
		b = appendJSONString(b, t.Query)
		b = append(b, `,"terms":`...)
		if t.Terms == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for i, term := range t.Terms {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, term)
			}
			b = append(b, ']')
		}
		if len(t.Sentences) > 0 {
			b = append(b, `,"sentences":`...)
			b = appendInts(b, t.Sentences)
		}
		b = append(b, '}')
	}
	b = append(b, `,"sentences":`...)
	if a.Sentences == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range a.Sentences {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"index":`...)
			b = strconv.AppendInt(b, int64(s.Index), 10)
			if s.Section != "" {
				b = append(b, `,"section":`...)
				b = appendJSONString(b, string(s.Section))
			}
			b = append(b, `,"start":`...)
			b = strconv.AppendInt(b, int64(s.Start), 10)
			b = append(b, `,"end":`...)
			b = strconv.AppendInt(b, int64(s.End), 10)
			b = append(b, `,"text":`...)
			b = appendJSONString(b, s.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"query":`...)
	b = appendJSONString(b, a.Query)
	if a.Title != "" {
		b = append(b, `,"title":`...)
		b = appendJSONString(b, a.Title)
	}
	if a.Source != "" {
		b = append(b, `,"source":`...)
		b = appendJSONString(b, a.Source)
	}
	b = append(b, `,"hash":`...)
	b = appendJSONString(b, a.Hash)
	b = append(b, `,"change":`...)
	b = appendJSONString(b, a.Change)
	return append(b, '}')
}

func appendInts(b []byte, xs []int) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string, escaped as encoding/json escapes it by
// default: quotes, backslashes and control characters, "<", ">" and "&" (HTML-safe), U+2028
// and U+2029, and invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
