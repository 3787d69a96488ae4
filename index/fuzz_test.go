package index

import (
	"errors"
	"strings"
	"testing"
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
