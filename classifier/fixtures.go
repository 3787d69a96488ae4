package classifier

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// A fixture file is annotated text for testing rules: a marker line states the tags the text
// line after it must get, must not get, or should get one day:
//
//	# want: crs_grade=1, icans=present/negated
//	Grade 1 CRS occurred in 4 patients; no ICANS was seen.
//	# ok: crs_grade=3+
//	Grade 3 neutropenia and CRS were reported.
//	# todo: crs_grade=2
//	CRS peaked at the second grade.
//
// An expectation is facet, facet=value or facet=value/status; several are separated by
// commas. Other lines starting with # are comments. Each text line is tagged as a document of
// its own.

// Expectation is one facet=value/status of a fixture marker.
type Expectation struct {
	Facet  string `json:"facet"`
	Value  string `json:"value,omitempty"`
	Status string `json:"status,omitempty"`
}

func (e Expectation) String() string {
	s := e.Facet
	if e.Value != "" {
		s += "=" + e.Value
	}
	if e.Status != "" {
		s += "/" + e.Status
	}
	return s
}

func (e Expectation) matches(t Tag) bool {
	return t.Facet == e.Facet && (e.Value == "" || t.Value == e.Value) && (e.Status == "" || t.Status == e.Status)
}

// Fixture marker kinds.
const (
	FixtureWant = "want" // the text must get the tag
	FixtureOK   = "ok"   // the text must not get the tag
	FixtureTodo = "todo" // a known gap: reported, never a failure
)

// FixtureResult is the outcome of one expectation of a fixture file.
type FixtureResult struct {
	File   string      `json:"file"`
	Line   int         `json:"line"` // the line of the text
	Kind   string      `json:"kind"`
	Expect Expectation `json:"expect"`
	Text   string      `json:"text"`
	Passed bool        `json:"passed"`
	// Rule names the rule that made an unwanted tag (ok), or "" .
	Rule string `json:"rule,omitempty"`
	// Got lists the text's tags of the expectation's facet, as facet=value/status [rule].
	Got []string `json:"got"`
}

// Failed reports whether the result counts as a failure (a todo never does).
func (r FixtureResult) Failed() bool { return !r.Passed && r.Kind != FixtureTodo }

type fixtureCase struct {
	line   int
	text   string
	expect map[string][]Expectation
}

// ParseFixture reads a fixture file; errors name the file and line.
func ParseFixture(name string, src []byte) ([]fixtureCase, error) {
	var cases []fixtureCase
	pending := map[string][]Expectation{}
	pendingLine := 0
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			continue
		}
		if strings.HasPrefix(trimmed, "#") {
			body := strings.TrimSpace(strings.TrimPrefix(trimmed, "#"))
			kind, rest, ok := strings.Cut(body, ":")
			kind = strings.TrimSpace(kind)
			if !ok || (kind != FixtureWant && kind != FixtureOK && kind != FixtureTodo) {
				continue // a comment
			}
			for _, part := range strings.Split(rest, ",") {
				part = strings.TrimSpace(part)
				if part == "" {
					continue
				}
				e, err := parseExpectation(part)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, n, err)
				}
				pending[kind] = append(pending[kind], e)
			}
			pendingLine = n
			continue
		}
		if len(pending) == 0 {
			return nil, fmt.Errorf("%s:%d: text with no # want:, # ok: or # todo: line before it", name, n)
		}
		cases = append(cases, fixtureCase{line: n, text: line, expect: pending})
		pending = map[string][]Expectation{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("%s:%d: a marker with no text after it", name, pendingLine)
	}
	return cases, nil
}

func parseExpectation(s string) (Expectation, error) {
	var e Expectation
	fv := s
	// A status ends the expectation after the last "/"; values such as "phase 1/2" keep theirs.
	if i := strings.LastIndexByte(s, '/'); i >= 0 {
		switch st := strings.TrimSpace(s[i+1:]); st {
		case Affirmed, Negated, Hypothetical:
			fv, e.Status = s[:i], st
		}
	}
	facet, value, _ := strings.Cut(fv, "=")
	e.Facet, e.Value = strings.TrimSpace(facet), strings.TrimSpace(value)
	if _, ok := LookupFacet(e.Facet); !ok {
		return e, fmt.Errorf("unknown facet %q in %q", e.Facet, s)
	}
	return e, nil
}

// RunFixtures runs the fixture files (*.txt) found under the given paths of fsys (files or
// folders; "." for all), in path order.
func (c *Classifier) RunFixtures(fsys fs.FS, paths ...string) ([]FixtureResult, error) {
	var files []string
	for _, p := range paths {
		err := fs.WalkDir(fsys, p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && path.Ext(q) == ".txt" {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("fixtures: %w", err)
		}
	}
	sort.Strings(files)
	var out []FixtureResult
	for _, f := range files {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("fixtures: %w", err)
		}
		cases, err := ParseFixture(f, src)
		if err != nil {
			return nil, err
		}
		for _, fc := range cases {
			out = append(out, c.runFixtureCase(f, fc)...)
		}
	}
	return out, nil
}

func (c *Classifier) runFixtureCase(file string, fc fixtureCase) []FixtureResult {
	res := c.tagText(fc.text)
	tags := []Tag{}
	for _, s := range res.Sentences {
		tags = append(tags, s.Tags...)
	}
	var out []FixtureResult
	for _, kind := range []string{FixtureWant, FixtureOK, FixtureTodo} {
		for _, e := range fc.expect[kind] {
			r := FixtureResult{File: file, Line: fc.line, Kind: kind, Expect: e, Text: fc.text, Got: []string{}}
			found := false
			for _, t := range tags {
				if t.Facet == e.Facet {
					r.Got = append(r.Got, fmt.Sprintf("%s=%s/%s [%s]", t.Facet, t.Value, t.Status, t.Rule))
				}
				if e.matches(t) {
					if !found {
						r.Rule = t.Rule
					}
					found = true
				}
			}
			r.Passed = found == (kind != FixtureOK)
			if kind != FixtureOK {
				r.Rule = ""
			}
			out = append(out, r)
		}
	}
	return out
}

// String renders a failed result as file:line: rule-or-facet: expected … got ….
func (r FixtureResult) String() string {
	who := r.Expect.Facet
	if r.Rule != "" {
		who = r.Rule
	}
	got := "nothing"
	if len(r.Got) > 0 {
		got = strings.Join(r.Got, ", ")
	}
	switch r.Kind {
	case FixtureOK:
		return fmt.Sprintf("%s:%d: %s: expected no %s, got %s", r.File, r.Line, who, r.Expect, got)
	case FixtureTodo:
		if r.Passed {
			return fmt.Sprintf("%s:%d: %s: todo %s now passes: make it a want", r.File, r.Line, who, r.Expect)
		}
		return fmt.Sprintf("%s:%d: %s: todo %s (known gap), got %s", r.File, r.Line, who, r.Expect, got)
	}
	return fmt.Sprintf("%s:%d: %s: expected %s, got %s", r.File, r.Line, who, r.Expect, got)
}
