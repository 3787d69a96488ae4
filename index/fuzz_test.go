package index

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/testrules"
)

// maxErrorBytes bounds the message of an error about a user's input: it quotes at most an
// excerpt of it (issue 13, point 11).
const maxErrorBytes = 300

// FuzzParseFilter: a filter is either refused with ErrBadQuery in a short message, or read
// with a facet and a value, both trimmed and not empty, that its String gives back.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"antigen=CD19", "antigen!=BCMA", "crs_grade=≥2", "crs_grade>=3", "year<2020", "date>=2023-05",
		" disease = lupus nephritis ", "adverse_event=neutropenia: absent", "crs_grade=3+/negated",
		"antigen", "=CD19", "antigen=", "a!=", "!=b", "a! =b", "a> =b", "a=< b", "a==b", "a=b!=c",
		"a=>=2", "a!=>3", strings.Repeat("x", 200) + "=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := ParseFilter(s)
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Errorf("ParseFilter(%q): %v, want ErrBadQuery", s, err)
			}
			if len(err.Error()) > maxErrorBytes {
				t.Errorf("ParseFilter(%q): error of %d bytes: %.400s", s, len(err.Error()), err)
			}
			return
		}
		if flt.Facet == "" || flt.Value == "" || flt.Facet != strings.TrimSpace(flt.Facet) || flt.Value != strings.TrimSpace(flt.Value) {
			t.Fatalf("ParseFilter(%q) = %#v: an empty or untrimmed facet or value", s, flt)
		}
		again, err := ParseFilter(flt.String())
		if err != nil || again != flt {
			t.Fatalf("ParseFilter(%q) = %#v, whose String %q reads back as %#v, %v", s, flt, flt.String(), again, err)
		}
	})
}

// FuzzInterpret reads any query with the default rules. A query in query-string syntax
// (IsQuerySyntax) is passed on unread; otherwise every filter names a tag facet, has a value,
// reads back from its String as the page and the CLI write it (facet=value), and comes from
// words of the query; the free text left is words of the query; a percent bound is a percent
// and bounds an outcome filter.
func FuzzInterpret(f *testing.F) {
	for _, s := range []string{
		"", "grade 2 CRS tocilizumab", "no ICANS", "no grade ≥3 CRS", "grade ≥2 (n=12)", "CD19 CAR-T in lupus nephritis",
		"neutropenia in more than 10% of patients", "without neutropenia", "crs_grade:2", `"cytokine release"`,
		"+crs:present -icans:present", "tocilizumab*", "/(a+)+b/", "a~2", "((((", "is it CRS?", "CD19+ phase 1/2",
		"NCT05030779", "high-grade CRS and ICANS ≥ 3 > 50%", "toci\u00adlizumab\u200b", "\xff grade 2 CRS",
	} {
		f.Add(s)
	}
	in := NewInterpreter(testrules.Default(f))
	f.Fuzz(func(t *testing.T, q string) {
		syntax := IsQuerySyntax(q)
		if IsQuerySyntax(" \t"+q+"\n") != syntax {
			t.Errorf("IsQuerySyntax changes with the white space around %q", q)
		}
		if syntax && !strings.ContainsAny(q, `:"+-*~/`) {
			t.Errorf("IsQuerySyntax(%q) without any character of the syntax", q)
		}
		query, interp := in.Interpret(q)
		trimmed := strings.TrimSpace(q)
		if syntax && trimmed != "" {
			if !interp.Syntax || query.Text != trimmed || len(query.Filters) > 0 || len(interp.Filters) > 0 {
				t.Fatalf("query syntax %q was read: %+v, %+v", q, query, interp)
			}
			return
		}
		if interp.Syntax {
			t.Errorf("%q is not query syntax, but the interpretation says so", q)
		}
		if query.Text != interp.Text {
			t.Errorf("%q: the text run %q is not the text shown %q", q, query.Text, interp.Text)
		}
		for _, w := range strings.Fields(query.Text) {
			if !strings.Contains(q, w) {
				t.Errorf("%q: free-text word %q is not in the query", q, w)
			}
		}
		if len(query.Filters) != len(interp.Filters) {
			t.Fatalf("%q: %d filters run, %d shown", q, len(query.Filters), len(interp.Filters))
		}
		outcome := false
		for i, fi := range interp.Filters {
			flt := fi.Filter
			if query.Filters[i] != flt {
				t.Errorf("%q: filter %d run %v, shown %v", q, i, query.Filters[i], flt)
			}
			fc, ok := classifier.LookupFacet(flt.Facet)
			if !ok || !IsFacet(flt.Facet) {
				t.Errorf("%q: filter %v names no tag facet", q, flt)
			}
			outcome = outcome || ok && fc.Kind == classifier.Outcome
			if back, err := ParseFilter(flt.String()); err != nil || back != flt {
				t.Errorf("%q: filter %#v writes as %q, which reads back as %#v, %v", q, flt, flt.String(), back, err)
			}
			if fi.Text == "" || !strings.Contains(q, fi.Text) || fi.Rule == "" {
				t.Errorf("%q: filter %v from text %q (rule %q), not words of the query", q, flt, fi.Text, fi.Rule)
			}
		}
		if query.MinPercent != interp.MinPercent || query.MinPercent < 0 || query.MinPercent > 100 {
			t.Errorf("%q: percent bound %v run, %v shown", q, query.MinPercent, interp.MinPercent)
		}
		if query.MinPercent > 0 && (!outcome || !strings.Contains(q, interp.MinPercentText)) {
			t.Errorf("%q: percent bound %v (%q) without an outcome filter or its words", q, query.MinPercent, interp.MinPercentText)
		}
		if utf8.ValidString(q) && !utf8.ValidString(query.Text) {
			t.Errorf("%q: free text %q is not valid UTF-8", q, query.Text)
		}
	})
}
