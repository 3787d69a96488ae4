package classifier_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestRuleFixtures runs the annotated fixture files of the default rules (rules/testdata): the
// same checks "trialtag rules test" runs.
func TestRuleFixtures(t *testing.T) {
	results, err := testrules.Default(t).RunFixtures(os.DirFS("../rules"), "testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 50 {
		t.Fatalf("only %d fixture expectations ran", len(results))
	}
	for _, r := range results {
		if r.Failed() {
			t.Errorf("%s\n  text: %s", r, r.Text)
		} else if r.Kind == "todo" {
			t.Logf("%s", r)
		}
	}
}

// TestFixtureStrictWant checks the fixture markers one case at a time: a # want: line fails on
// any tag no # want: or # todo: item covers, "..." and facet=* allow others, # ok: and # todo:
// keep their meaning, and "!" in a # todo: records a known wrong tag.
func TestFixtureStrictWant(t *testing.T) {
	c := testrules.Default(t)
	tests := []struct {
		name string
		src  string
		// want lists every result as "kind expectation pass|FAIL [rule]", in order.
		want []string
	}{
		{
			name: "every tag named",
			src:  "# want: crs=present/affirmed, crs_grade=1/affirmed\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs=present/affirmed pass", "want crs_grade=1/affirmed pass"},
		},
		{
			name: "an unexpected tag fails and names its rule",
			src:  "# want: crs_grade=1\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs_grade=1 pass", "unexpected crs=present/affirmed FAIL [crs.abbreviation]"},
		},
		{
			name: "a facet without value covers every tag of the facet",
			src:  "# want: crs, crs_grade\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs pass", "want crs_grade pass"},
		},
		{
			name: "a status that differs does not cover",
			src:  "# want: crs=present/negated, crs_grade=1\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs=present/negated FAIL", "want crs_grade=1 pass", "unexpected crs=present/affirmed FAIL [crs.abbreviation]"},
		},
		{
			name: "three dots allow any other tag",
			src:  "# want: crs_grade=1, ...\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs_grade=1 pass"},
		},
		{
			name: "three dots alone require nothing",
			src:  "# want: ...\nThe weather was fine.\n",
			want: nil,
		},
		{
			name: "facet=* allows the facet and requires nothing",
			src:  "# want: antigen=GPRC5D, disease=*, product=*\nGPRC5D-directed CAR T cells induced responses in myeloma.\n",
			want: []string{"want antigen=GPRC5D pass"},
		},
		{
			name: "facet=* allows no other facet",
			src:  "# want: crs_grade=*\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"unexpected crs=present/affirmed FAIL [crs.abbreviation]"},
		},
		{
			name: "facet=*/status allows that status only",
			src:  "# want: toxicity_treatment=tocilizumab/negated, crs=*/negated\nNo patient required tocilizumab for CRS.\n",
			want: []string{"want toxicity_treatment=tocilizumab/negated pass", "unexpected crs=present/hypothetical FAIL [crs.abbreviation]"},
		},
		{
			name: "ok passes and is not strict",
			src:  "# ok: crs_grade\nGrade 3 neutropenia and CRS were the most frequent events.\n",
			want: []string{"ok crs_grade pass"},
		},
		{
			name: "ok fails on the tag it forbids",
			src:  "# ok: icans\nNo ICANS occurred.\n",
			want: []string{"ok icans FAIL [icans.term]"},
		},
		{
			name: "ok beside want",
			src:  "# want: crs_grade=3+/negated\n# ok: crs=present/negated\nNo grade ≥3 CRS occurred.\n",
			want: []string{"want crs_grade=3+/negated pass", "ok crs=present/negated pass"},
		},
		{
			name: "a tag an ok item forbids fails once, as ok",
			src:  "# want: crs_grade=1\n# ok: crs\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs_grade=1 pass", "ok crs FAIL [crs.abbreviation]"},
		},
		{
			name: "todo alone never fails and is not strict",
			src:  "# todo: crs_grade=1\nEvery patient had CRS of the gentlest kind.\n",
			want: []string{"todo crs_grade=1 FAIL"},
		},
		{
			name: "a todo item covers its tag on a want line",
			src:  "# want: crs\n# todo: crs_grade=1\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs pass", "todo crs_grade=1 pass"},
		},
		{
			name: "a known wrong tag in todo is covered and reported",
			src:  "# want: adverse_event=infection/affirmed\n# todo: !adverse_event=infection/generic\nAfter CAR-T cells, infections were recorded in 12 adults (30%), typically viral.\n",
			want: []string{"want adverse_event=infection/affirmed FAIL", "todo !adverse_event=infection/generic FAIL [adverse_event.term]"},
		},
		{
			name: "a known wrong tag that is gone passes",
			src:  "# want: crs_grade=1, crs\n# todo: !icans\nGrade 1 CRS occurred in 4 patients.\n",
			want: []string{"want crs_grade=1 pass", "want crs pass", "todo !icans pass"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.RunFixtures(fstest.MapFS{"f.txt": {Data: []byte(tt.src)}}, ".")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range res {
				s := r.Kind + " " + r.Expect.String()
				if r.Passed {
					s += " pass"
				} else {
					s += " FAIL"
				}
				if r.Rule != "" {
					s += " [" + r.Rule + "]"
				}
				got = append(got, s)
				if r.Kind == classifier.FixtureTodo && r.Failed() {
					t.Errorf("a todo counts as a failure: %s", r)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("results\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestFixtureUnexpectedMessage holds the form of an unexpected tag's failure line.
func TestFixtureUnexpectedMessage(t *testing.T) {
	res, err := testrules.Default(t).RunFixtures(fstest.MapFS{"f.txt": {Data: []byte("# want: crs_grade=1\nGrade 1 CRS occurred in 4 patients.\n")}}, ".")
	if err != nil {
		t.Fatal(err)
	}
	want := "f.txt:2: crs.abbreviation: unexpected crs=present/affirmed: no # want: or # todo: item covers it"
	if len(res) != 2 || res[1].String() != want || !res[1].Failed() {
		t.Fatalf("results %v, want the second to print %q", res, want)
	}
}

// TestFixtureLooseItemsParse checks where "...", facet=* and !facet may stand.
func TestFixtureLooseItemsParse(t *testing.T) {
	tests := []struct {
		src     string
		wantErr string
	}{
		{src: "# want: crs, ...\nCRS.\n"},
		{src: "# want: ...\nCRS.\n"},
		{src: "# want: disease=*/affirmed\nCRS.\n"},
		{src: "# todo: !crs=present/negated\nCRS.\n"},
		{src: "# ok: crs, ...\nCRS.\n", wantErr: `f.txt:1: "..." belongs in a # want: marker only`},
		{src: "# todo: ...\nCRS.\n", wantErr: `f.txt:1: "..." belongs in a # want: marker only`},
		{src: "# ok: disease=*\nCRS.\n", wantErr: `f.txt:1: "disease=*" belongs in a # want: marker only`},
		{src: "# want: !crs\nCRS.\n", wantErr: `f.txt:1: "!crs": a known wrong tag (!) belongs in a # todo: marker only`},
		{src: "# todo: !nofacet\nCRS.\n", wantErr: `f.txt:1: unknown facet "nofacet"`},
	}
	for _, tt := range tests {
		_, err := classifier.ParseFixture("f.txt", []byte(tt.src))
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%q: %v", tt.src, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.wantErr)
		}
	}
}
