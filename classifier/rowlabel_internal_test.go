package classifier

import (
	"strings"
	"testing"
)

// TestAnyGradeLabel checks where the words that make a row count every grade of its event
// end, and that other words after a label are left alone.
func TestAnyGradeLabel(t *testing.T) {
	for _, tc := range []struct {
		after string // the units after the row's outcome, space-separated
		want  int
	}{
		{"of any grade 134 ( 88.2 )", 3},
		{"any grade 134 ( 88.2 )", 2},
		{"( any grade ) 12 ( 20.0 )", 4},
		{"of all grades 9 ( 15 )", 3},
		{"( any grade 12", 0},       // an unclosed bracket: no label words
		{"of grade 3 2 ( 3.3 )", 0}, // a grade, not every grade
		{"134 ( 88.2 )", 0},
		{"", 0},
	} {
		var us []unit
		for _, w := range strings.Fields(tc.after) {
			us = append(us, unit{norm: w, word: w[0] >= 'a' && w[0] <= 'z'})
		}
		if got := anyGradeLabel(us, 0); got != tc.want {
			t.Errorf("anyGradeLabel(%q) = %d, want %d", tc.after, got, tc.want)
		}
	}
}

// TestOtherWholes checks when two counts joined by "and" are of different wholes, stated
// or put by their shares.
func TestOtherWholes(t *testing.T) {
	hit := func(n, of int, pct float64) incidenceHit {
		var h incidenceHit
		if n >= 0 {
			h.n = &n
		}
		if of > 0 {
			h.of = &of
		}
		if pct > 0 {
			h.pct = &pct
		}
		return h
	}
	for _, tc := range []struct {
		name string
		a, b incidenceHit
		want bool
	}{
		{"stated, different", hit(4, 20, 0), hit(7, 25, 0), true},
		{"stated, the same", hit(9, 30, 0), hit(6, 30, 0), false},
		{"shares of about 96 and 288", hit(39, 0, 40.6), hit(97, 0, 33.7), true},
		{"shares of one whole of 30", hit(12, 0, 40), hit(6, 0, 20), false},
		{"one stated, one not", hit(4, 20, 0), hit(7, 0, 35), false},
		{"a share without its count", hit(-1, 0, 40), hit(6, 0, 20), false},
		{"a zero", hit(0, 0, 0), hit(6, 0, 20), false},
	} {
		if got := otherWholes(tc.a, tc.b); got != tc.want {
			t.Errorf("%s: otherWholes = %v, want %v", tc.name, got, tc.want)
		}
	}
}
