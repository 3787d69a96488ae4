package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/export"
)

// formatter turns tagged documents into output bytes. format is called from many
// goroutines at once (each document is formatted by the worker that tagged it); the bytes are
// written in input order, after the header, with the separator between two documents, and
// the footer ends them.
type formatter interface {
	header() []byte
	format(*classifier.Result) ([]byte, error)
	separator() []byte
	footer() []byte
}

// tagFormats are the formats of "tag" that write to standard output; brat writes a folder
// (--out).
var tagFormats = []string{"jsonl", "table", "csv", "safety", string(export.BioCXML), string(export.BioCJSON), string(export.PubTator)}

func newFormatter(format string, color bool) (formatter, error) {
	switch format {
	case "jsonl":
		return jsonlFormatter{}, nil
	case "table":
		return tableFormatter{color: color}, nil
	case "csv":
		return csvFormatter{}, nil
	case "safety":
		return safetyFormatter{}, nil
	}
	if f, err := export.ParseFormat(format); err == nil && !f.Folder() {
		s, err := export.NewStream(f, export.Options{Date: time.Now()})
		if err != nil {
			return nil, err
		}
		return exportFormatter{s}, nil
	}
	return nil, fmt.Errorf("%w: unknown format %q (%s)", ErrConfig, format, strings.Join(tagFormats, ", "))
}

// unframed is the frame of the formats whose documents need nothing around or between them.
type unframed struct{}

func (unframed) separator() []byte { return nil }
func (unframed) footer() []byte    { return nil }

// exportFormatter writes a collection in a format of the export package (BioC, PubTator).
type exportFormatter struct{ s *export.Stream }

func (f exportFormatter) header() []byte                              { return f.s.Header() }
func (f exportFormatter) format(r *classifier.Result) ([]byte, error) { return f.s.Document(r) }
func (f exportFormatter) separator() []byte                           { return f.s.Separator() }
func (f exportFormatter) footer() []byte                              { return f.s.Footer() }

// safetyFormatter writes each document's safety table (classifier.Result.Safety) as CSV:
// one row per outcome value, with its incidence when the text gives one.
type safetyFormatter struct{ unframed }

func (safetyFormatter) header() []byte {
	return []byte("id,facet,value,grade,status,n,of,percent,of_source,sentence,evidence,problems\n")
}

func (safetyFormatter) format(r *classifier.Result) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for _, row := range r.Safety() {
		var n, of, pct, src, problems string
		if in := row.Incidence; in != nil {
			if in.N != nil {
				n = strconv.Itoa(*in.N)
			}
			if in.Of != nil {
				of, src = strconv.Itoa(*in.Of), in.Source
			}
			if in.Percent != nil {
				pct = strconv.FormatFloat(*in.Percent, 'f', -1, 64)
			}
			problems = strings.Join(in.Problems, "; ")
		}
		if err := cw.Write([]string{row.Document, row.Facet, row.Value, row.Grade, row.Status, n, of, pct, src,
			strconv.Itoa(row.Sentence), row.Evidence, problems}); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

type jsonlFormatter struct{ unframed }

func (jsonlFormatter) header() []byte { return nil }

func (jsonlFormatter) format(r *classifier.Result) ([]byte, error) {
	b, err := json.Marshal(r.JSON()) // the JSON POST /api/tag returns too
	return append(b, '\n'), err
}

type csvFormatter struct{ unframed }

func (csvFormatter) header() []byte {
	return []byte("id,sentence,section,facet,value,status,cue,start,end,text,rule\n")
}

func (csvFormatter) format(r *classifier.Result) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for _, s := range r.Sentences {
		for _, t := range s.Tags {
			if err := cw.Write([]string{r.Document.ID, strconv.Itoa(s.Index), string(t.Section), t.Facet, t.Value,
				t.Status, t.Cue, strconv.Itoa(t.Start), strconv.Itoa(t.End), t.Text, t.Rule}); err != nil {
				return nil, err
			}
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// tableFormatter prints a readable report: the document's facets, then each tagged sentence
// with its tag spans marked (in colour on a terminal, in [brackets] otherwise).
type tableFormatter struct {
	unframed
	color bool
}

const (
	ansiReset = "\033[0m"
	ansiBold  = "\033[1m"
	ansiDim   = "\033[2m"
	ansiGreen = "\033[1;32m"
	ansiRed   = "\033[1;31m"
	ansiGrey  = "\033[2;3m"
	ansiBlue  = "\033[3;34m"
)

func (t tableFormatter) style(status string) (string, string) {
	if !t.color {
		switch status {
		case classifier.Negated:
			return "[~", "]"
		case classifier.Hypothetical:
			return "[?", "]"
		case classifier.Generic:
			return "[^", "]"
		}
		return "[", "]"
	}
	switch status {
	case classifier.Negated:
		return ansiRed, ansiReset
	case classifier.Hypothetical:
		return ansiGrey, ansiReset
	case classifier.Generic:
		return ansiBlue, ansiReset
	}
	return ansiGreen, ansiReset
}

func (tableFormatter) header() []byte { return nil }

func (t tableFormatter) format(r *classifier.Result) ([]byte, error) {
	b := &bytes.Buffer{}
	head := r.Document.ID
	if r.Document.Title != "" {
		head += " — " + r.Document.Title
	}
	if t.color {
		head = ansiBold + head + ansiReset
	}
	fmt.Fprintf(b, "%s\n  source: %s\n", head, r.Document.Source)
	if m := metaLine(r.Document.Meta); m != "" {
		fmt.Fprintf(b, "  record: %s\n", m)
	}
	if m := r.Document.Meta; m != nil && len(m.Problems) > 0 {
		fmt.Fprintf(b, "  record problems: %s\n", strings.Join(m.Problems, "; "))
	}
	names := make([]string, 0, len(r.Facets))
	for _, f := range classifier.Facets() {
		if _, ok := r.Facets[f.Name]; ok {
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		fmt.Fprintln(b, "  facets: none")
	}
	for _, n := range names {
		fmt.Fprintf(b, "  %-19s %s\n", n+":", strings.Join(r.Facets[n], ", "))
	}
	for _, s := range r.Sentences {
		if len(s.Tags) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n  #%d [%s] %s\n", s.Index, s.Section, t.highlight(s))
		for _, tg := range s.Tags {
			line := fmt.Sprintf("%s=%s %s", tg.Facet, tg.Value, tg.Status)
			if tg.Cue != "" {
				line += fmt.Sprintf(" (cue %q)", tg.Cue)
			}
			rule := "  " + tg.Rule
			if t.color {
				rule = ansiDim + rule + ansiReset
			}
			fmt.Fprintf(b, "      %s%s\n", line, rule)
		}
	}
	fmt.Fprintln(b)
	return b.Bytes(), nil
}

// highlight marks the tag spans of a sentence; overlapping spans are merged and take the
// status of the first tag.
func (t tableFormatter) highlight(s classifier.Sentence) string {
	type span struct {
		start, end int
		status     string
	}
	var spans []span
	for _, tg := range s.Tags {
		spans = append(spans, span{tg.Start - s.Start, tg.End - s.Start, tg.Status})
	}
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	var merged []span
	for _, sp := range spans {
		if n := len(merged); n > 0 && sp.start < merged[n-1].end {
			if sp.end > merged[n-1].end {
				merged[n-1].end = sp.end
			}
			continue
		}
		merged = append(merged, sp)
	}
	var b strings.Builder
	pos := 0
	for _, sp := range merged {
		if sp.start < pos || sp.end > len(s.Text) {
			continue
		}
		open, close := t.style(sp.status)
		b.WriteString(s.Text[pos:sp.start])
		b.WriteString(open)
		b.WriteString(s.Text[sp.start:sp.end])
		b.WriteString(close)
		pos = sp.end
	}
	b.WriteString(s.Text[pos:])
	return b.String()
}
