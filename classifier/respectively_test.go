package classifier_test

import (
	"slices"
	"strings"
	"testing"
)

// TestRespectiveGrades: a list of grades that "respectively" hands out gives each event of
// the list before it its own grade, not every grade to the event nearer the grades.
func TestRespectiveGrades(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"After the CAR-T cells, CRS and ICANS were grade 2 and 3, respectively, in the man who had both.", "crs_grade=2 icans_grade=3"},
		{"After the CAR-T cells, she had CRS and ICANS of grade 1 and 2, respectively.", "crs_grade=1 icans_grade=2"},
		{"After the CAR-T cells, ICANS and CRS peaked at grade 3 and grade 1, respectively.", "crs_grade=1 icans_grade=3"},
		{"After the CAR-T cells, the highest grades of ICANS and CRS were 4 and 2, respectively.", "crs_grade=2 icans_grade=4"},
		// no "respectively": the grades are shared, as the rules read them
		{"After the CAR-T cells, CRS and ICANS were grade 1 and 2.", "crs_grade=1 crs_grade=2 icans_grade=1 icans_grade=2"},
		// a range is one item: nothing to hand out
		{"After the CAR-T cells, CRS and ICANS were grade 1-2 in 6 and 2 women, respectively.", "crs_grade=1 crs_grade=2 icans_grade=1 icans_grade=2"},
		{"After the CAR-T cells, CRS and ICANS had maximum grades of 3 and 1, respectively.", "crs_grade=3 icans_grade=1"},
		{"After the CAR-T cells, the highest CRS and ICANS grades were 3 and 1, respectively.", "crs_grade=3 icans_grade=1"},
		{"After the CAR-T cells, CRS and ICANS were grade 2 and 2, respectively.", "crs_grade=2 icans_grade=2"},
		// a list whose first items name no term: the events take the last grades
		{"Fever, CRS and ICANS were grade 1, 2 and 3, respectively, after the CAR-T cells.", "crs_grade=2 icans_grade=3"},
		{"Fever and CRS were grade 1 and 2, respectively, after the CAR-T cells.", "crs_grade=2"},
		// one event's cases keep every grade
		{"After the CAR-T cells, the two cases of CRS were grade 3 and 2, respectively.", "crs_grade=2 crs_grade=3"},
		{"After the CAR-T cells, CRS arose in two adults; the two cases of CRS were grade 3 and 2, respectively.", "crs_grade=2 crs_grade=3"},
		// an out-of-order list handed to no events keeps its first grade, as before it was read
		{"After the CAR-T cells, the grades of the two cases were 3 and 1, respectively.", ""},
	} {
		var got []string
		for _, tg := range allTags(tagText(t, tc.text)) {
			if strings.HasSuffix(tg.Facet, "_grade") {
				got = append(got, tg.Facet+"="+tg.Value)
			}
		}
		slices.Sort(got)
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%q: grades %q, want %q", tc.text, g, tc.want)
		}
	}
}

// TestRespectiveGradesNoMadeUpGrade: an event before a list that is not the grades' list, or
// a list longer than the grades, gets no grade from "respectively".
func TestRespectiveGradesNoMadeUpGrade(t *testing.T) {
	for _, tc := range []struct{ text, never string }{
		{"After ICANS, CRS and fever were grade 1 and 2, respectively.", "icans_grade"},
		{"After the CAR-T cells, CRS and ICANS were grade 1, 2 and 3, respectively.", "crs_grade"},
		// a phrase before the list is no item of it: nothing to hand out
		{"After the cells, fever, CRS and ICANS were grade 1, 2 and 3, respectively.", "crs_grade"},
	} {
		for _, tg := range allTags(tagText(t, tc.text)) {
			if tg.Facet == tc.never {
				t.Errorf("%q: %s=%s, want no %s", tc.text, tg.Facet, tg.Value, tc.never)
			}
		}
	}
}
