package classifier

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"slices"
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
//
// A text line with a # want: marker must get nothing else: every tag it gets must be
// covered by an expectation of its # want: or # todo: markers (same facet, and the value
// and status where they are given), or it fails as unexpected, naming the tag and its rule
// (a tag an # ok: item forbids fails as that item instead).
// Two items of a # want: marker loosen this, and require nothing themselves:
//
//	# want: toxicity_treatment=tocilizumab, ...    "...": any other tag is fine
//	# want: crs=present, disease=*                 facet=*: any tag of the facet is fine
//
// (facet=*/status allows the facet's tags of that status only.) Use them when a line is
// about one facet and the others are beside the point and plausible. A wrong tag is
// recorded instead: "!" before an item of a # todo: marker names a tag the text gets today
// and should not (a known wrong tag, reported but not failing, and told to become an # ok:
// once it is gone):
//
//	# want: toxicity_treatment=tocilizumab/negated
//	# todo: !crs=present/negated
//	No patient required tocilizumab for CRS.
//
// Lines with only # ok: or # todo: markers check only what they name.

// Expectation is one facet=value/status of a fixture marker.
type Expectation struct {
	Facet  string `json:"facet"`
	Value  string `json:"value,omitempty"`
	Status string `json:"status,omitempty"`
	// Not marks a known wrong tag of a # todo: marker (written !facet=value/status): the
	// text gets it today and should not.
	Not bool `json:"not,omitempty"`
}

func (e Expectation) String() string {
	s := e.Facet
	if e.Not {
		s = "!" + s
	}
	if e.Value != "" {
		s += "=" + e.Value
	}
	if e.Status != "" {
		s += "/" + e.Status
	}
	return s
}

// AnyValue is the value of a facet-wide wildcard expectation (facet=*), which allows any tag
// of the facet on a # want: line without requiring one.
const AnyValue = "*"

// AnyOther is the # want: item that allows any tag the line's expectations do not name.
const AnyOther = "..."

func (e Expectation) matches(t Tag) bool {
	return t.Facet == e.Facet && (e.Value == "" || e.Value == AnyValue || t.Value == e.Value) && (e.Status == "" || t.Status == e.Status)
}

// wildcard reports whether e only allows tags (facet=*) and requires none.
func (e Expectation) wildcard() bool { return e.Value == AnyValue }

// Fixture marker kinds.
const (
	FixtureWant = "want" // the text must get the tag
	FixtureOK   = "ok"   // the text must not get the tag
	FixtureTodo = "todo" // a known gap: reported, never a failure
	// FixtureUnexpected is the result of a tag that a # want: line got but none of its
	// # want: or # todo: expectations covers; its Expect is the tag itself.
	FixtureUnexpected = "unexpected"
)

// FixtureResult is the outcome of one expectation of a fixture file.
type FixtureResult struct {
	File   string      `json:"file"`
	Line   int         `json:"line"` // the line of the text
	Kind   string      `json:"kind"`
	Expect Expectation `json:"expect"`
	Text   string      `json:"text"`
	Passed bool        `json:"passed"`
	// Rule names the rule that made an unwanted tag (ok, unexpected), or "".
	Rule string `json:"rule,omitempty"`
	// Got lists the text's tags of the expectation's facet, as facet=value/status [rule].
	Got []string `json:"got"`
}

// Failed reports whether the result counts as a failure (a todo never does).
func (r FixtureResult) Failed() bool { return !r.Passed && r.Kind != FixtureTodo }

type fixtureCase struct {
	line     int
	text     string
	expect   map[string][]Expectation
	anyOther bool // the # want: marker ends in "...": tags beyond the expectations are fine
}

// ParseFixture reads a fixture file; errors name the file and line.
func ParseFixture(name string, src []byte) ([]fixtureCase, error) {
	var cases []fixtureCase
	pending := map[string][]Expectation{}
	pendingAny := false
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
				if part == AnyOther {
					if kind != FixtureWant {
						return nil, fmt.Errorf("%s:%d: %q belongs in a # want: marker only", name, n, AnyOther)
					}
					pendingAny = true
					continue
				}
				e, err := parseExpectation(part)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, n, err)
				}
				if e.wildcard() && kind != FixtureWant {
					return nil, fmt.Errorf("%s:%d: %q belongs in a # want: marker only", name, n, part)
				}
				if e.Not && kind != FixtureTodo {
					return nil, fmt.Errorf("%s:%d: %q: a known wrong tag (!) belongs in a # todo: marker only; use # ok: for a tag the text must not get", name, n, part)
				}
				pending[kind] = append(pending[kind], e)
			}
			if pendingAny && len(pending[FixtureWant]) == 0 {
				// "# want: ..." alone still marks the line, so that it is no text without a marker.
				pending[FixtureWant] = []Expectation{}
			}
			pendingLine = n
			continue
		}
		if len(pending) == 0 {
			return nil, fmt.Errorf("%s:%d: text with no # want:, # ok: or # todo: line before it", name, n)
		}
		cases = append(cases, fixtureCase{line: n, text: line, expect: pending, anyOther: pendingAny})
		pending = map[string][]Expectation{}
		pendingAny = false
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
	if rest, ok := strings.CutPrefix(s, "!"); ok {
		e.Not, fv = true, strings.TrimSpace(rest)
	}
	// A status ends the expectation after the last "/"; values such as "phase 1/2" keep theirs.
	if i := strings.LastIndexByte(fv, '/'); i >= 0 {
		if st := strings.TrimSpace(fv[i+1:]); slices.Contains(Statuses(), st) {
			fv, e.Status = fv[:i], st
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
			if e.wildcard() {
				continue // allows, requires nothing
			}
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
			absent := kind == FixtureOK || e.Not
			r.Passed = found != absent
			if !absent {
				r.Rule = ""
			}
			out = append(out, r)
		}
	}
	if _, strict := fc.expect[FixtureWant]; strict && !fc.anyOther {
		out = append(out, unexpectedTags(file, fc, tags)...)
	}
	return out
}

// unexpectedTags returns a failed result for each distinct tag (facet, value, status, rule)
// that no # want: or # todo: expectation of the case covers. A tag an # ok: item forbids
// fails there already and is not reported twice.
func unexpectedTags(file string, fc fixtureCase, tags []Tag) []FixtureResult {
	covers := append(append(append([]Expectation{}, fc.expect[FixtureWant]...), fc.expect[FixtureTodo]...), fc.expect[FixtureOK]...)
	var out []FixtureResult
	seen := map[string]bool{}
	for _, t := range tags {
		covered := false
		for _, e := range covers {
			if e.matches(t) {
				covered = true
				break
			}
		}
		key := fmt.Sprintf("%s=%s/%s [%s]", t.Facet, t.Value, t.Status, t.Rule)
		if covered || seen[key] {
			continue
		}
		seen[key] = true
		r := FixtureResult{File: file, Line: fc.line, Kind: FixtureUnexpected, Text: fc.text, Rule: t.Rule,
			Expect: Expectation{Facet: t.Facet, Value: t.Value, Status: t.Status}, Got: []string{}}
		for _, u := range tags {
			if u.Facet == t.Facet {
				r.Got = append(r.Got, fmt.Sprintf("%s=%s/%s [%s]", u.Facet, u.Value, u.Status, u.Rule))
			}
		}
		out = append(out, r)
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
	case FixtureUnexpected:
		return fmt.Sprintf("%s:%d: %s: unexpected %s: no # want: or # todo: item covers it", r.File, r.Line, who, r.Expect)
	case FixtureTodo:
		if r.Passed && r.Expect.Not {
			return fmt.Sprintf("%s:%d: %s: todo %s now passes: make it an ok", r.File, r.Line, who, r.Expect)
		}
		if r.Passed {
			return fmt.Sprintf("%s:%d: %s: todo %s now passes: make it a want", r.File, r.Line, who, r.Expect)
		}
		if r.Expect.Not {
			return fmt.Sprintf("%s:%d: %s: todo %s (known wrong tag), got %s", r.File, r.Line, who, r.Expect, got)
		}
		return fmt.Sprintf("%s:%d: %s: todo %s (known gap), got %s", r.File, r.Line, who, r.Expect, got)
	}
	return fmt.Sprintf("%s:%d: %s: expected %s, got %s", r.File, r.Line, who, r.Expect, got)
}
