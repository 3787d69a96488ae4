package saved_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/testrules"
	"github.com/trialtag/trialtag/saved"
)

// TestShippedSearches loads the repository's searches.yaml and runs its examples: each
// search has examples on both sides, and every one passes.
func TestShippedSearches(t *testing.T) {
	f, err := saved.Load("../searches.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := testrules.Default(t)
	p, err := f.Percolator(index.NewInterpreter(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Test(context.Background(), p, c)
	if err != nil {
		t.Fatal(err)
	}
	sides := map[string][2]int{}
	for _, r := range res {
		if !r.Passed {
			t.Errorf("%s: %s: %s: %q", r.Pos, r.Search, r.Problem(), r.Text)
		}
		n := sides[r.Search]
		if r.Example.Match {
			n[0]++
		} else {
			n[1]++
		}
		sides[r.Search] = n
	}
	for _, s := range f.Searches {
		if n := sides[s.Name]; n[0] == 0 || n[1] == 0 {
			t.Errorf("%s: %d examples that must match, %d that must not: want some of each", s.Name, n[0], n[1])
		}
	}
}

// TestParseErrors checks that each problem of a file is reported at its line and column,
// all at once.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown key", "searches:\n  - name: a\n    query: CRS\n    colour: blue\n",
			[]string{`f.yaml:4:5: a: unknown key "colour" in a saved search`}},
		{"unknown top key", "search:\n  - name: a\n",
			[]string{`f.yaml:1:1: unknown key "search" in the saved-searches file`}},
		{"no name", "searches:\n  - query: CRS\n",
			[]string{"f.yaml:2:5: a saved search needs a name"}},
		{"bad name", "searches:\n  - name: a/b\n    query: CRS\n",
			[]string{`f.yaml:2:11: a/b: a name holds letters, digits, spaces and . _ - only, not '/'`}},
		{"repeated name", "searches:\n  - name: a\n    query: CRS\n  - name: a\n    query: ICANS\n",
			[]string{"f.yaml:4:11: a: another saved search has this name (first at f.yaml:2:11)"}},
		{"no query", "searches:\n  - name: a\n",
			[]string{"f.yaml:2:5: a: a saved search needs a query"}},
		{"not a list", "searches: CRS\n",
			[]string{`f.yaml:1:11: searches must be a list, not the value "CRS"`}},
		{"bad flag", "searches:\n  - name: a\n    query: CRS\n    same_sentence: maybe\n",
			[]string{`f.yaml:4:20: a: same_sentence must be true or false, not "maybe"`}},
		{"bad bound", "searches:\n  - name: a\n    query: CRS\n    min_percent: 120\n",
			[]string{`f.yaml:4:18: a: min_percent must be a number from 0 to 100, not "120"`}},
		{"empty example", "searches:\n  - name: a\n    query: CRS\n    examples:\n      must_match: [{title: ''}]\n",
			[]string{"f.yaml:5:20: a: an example needs a text"}},
		{"bad example key", "searches:\n  - name: a\n    query: CRS\n    examples:\n      should_match: [x]\n",
			[]string{`f.yaml:5:7: a: unknown key "should_match" in examples`}},
		{"control character", "searches:\n  - name: a\n    query: \"CRS\\b\"\n",
			[]string{"f.yaml:3:12: a: query holds the control character U+0008"}},
		{"tab", "searches:\n  - name: a\n\tquery: CRS\n",
			[]string{"f.yaml:3:1: invalid YAML: found a tab character that violates indentation"}},
		{"several", "searches:\n  - name: a\n    colour: x\n  - name: ''\n    query: y\n",
			[]string{`f.yaml:2:5: a: a saved search needs a query`, `f.yaml:3:5: a: unknown key "colour"`, "f.yaml:4:11: a saved search needs a name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := saved.Parse("f.yaml", []byte(tt.src))
			checkErrors(t, err, tt.want)
		})
	}
}

// checkErrors checks that err holds one *saved.Error per want, in order, each starting with
// (or, past its position, containing) its want.
func checkErrors(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %q", want)
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	if len(list) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(list), len(want), err)
	}
	for i, e := range list {
		var se *saved.Error
		if !errors.As(e, &se) {
			t.Errorf("error %d is %T, not *saved.Error", i, e)
		}
		if !strings.HasPrefix(e.Error(), want[i]) {
			t.Errorf("error %d:\n got %s\nwant %s…", i, e, want[i])
		}
	}
}

// TestPercolatorErrors checks that a search the index cannot run is reported where its
// query or the bad filter is written.
func TestPercolatorErrors(t *testing.T) {
	src := `searches:
  - name: ok
    query: CRS
  - name: bad facet
    query: CRS
    filters:
      - year>=2020
      - colour=blue
  - name: bad bound
    query: CD19
    min_percent: 10
  - name: no words
    query: "(((("
`
	f, err := saved.Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Percolator(index.NewInterpreter(testrules.Default(t)), nil)
	checkErrors(t, err, []string{
		`f.yaml:8:9: bad facet: unknown facet "colour"`,
		"f.yaml:10:12: bad bound: min_percent 10 needs a filter on an outcome value",
		`f.yaml:13:12: no words: the query "((((" has no words`,
	})
	if !errors.Is(err, index.ErrBadQuery) {
		t.Errorf("%v does not wrap index.ErrBadQuery", err)
	}
}

// TestExamples checks that an example that fails says why, and that examples carry what
// their record says about itself to the search's filters.
func TestExamples(t *testing.T) {
	src := `searches:
  - name: crs 2024
    query: CRS
    filters: [year>=2024, publication_type!=Review]
    examples:
      must_match:
        - {text: Grade 2 CRS occurred., date: 2024-05}
        - {text: Grade 2 CRS occurred., date: "2023"}
        - No CRS occurred.
      must_not_match:
        - {text: Grade 2 CRS occurred., date: "2024", publication_types: [Review]}
        - {text: Grade 2 CRS occurred., title: A title, date: "2025"}
`
	f, err := saved.Parse("f.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := testrules.Default(t)
	p, err := f.Percolator(index.NewInterpreter(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Test(context.Background(), p, c)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line    int
		passed  bool
		problem string
	}{
		{7, true, ""},
		{8, false, "must match, but does not"},
		{9, false, "must match, but does not"},
		{11, true, ""},
		{12, false, "must not match, but does (crs=present; year>=2024; publication_type!=Review)"},
	}
	if len(res) != len(want) {
		t.Fatalf("%d results, want %d", len(res), len(want))
	}
	for i, r := range res {
		if r.Line != want[i].line || r.Passed != want[i].passed || r.Problem() != want[i].problem {
			t.Errorf("result %d: line %d, passed %v, %q; want %+v", i, r.Line, r.Passed, r.Problem(), want[i])
		}
	}
	if res[4].Match == nil || len(res[4].Match.Sentences) == 0 {
		t.Errorf("a failing must-not example does not show what matched: %+v", res[4].Match)
	}
}

// TestCheckReportsAll checks that Check reports the problems of the file's structure and
// of its queries together, in file order.
func TestCheckReportsAll(t *testing.T) {
	path := filepath.Join(t.TempDir(), "searches.yaml")
	src := "searches:\n  - name: a\n    query: CRS\n    filters: [colour=blue]\n  - name: b\n    colour: x\n  - name: a\n    query: ICANS\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, p, err := saved.Check(path, index.NewInterpreter(testrules.Default(t)), nil)
	if f != nil || p != nil {
		t.Error("a file with problems gave a File or a Percolator")
	}
	checkErrors(t, err, []string{
		path + `:4:15: a: unknown facet "colour"`,
		path + ":5:5: b: a saved search needs a query",
		path + `:6:5: b: unknown key "colour"`,
		path + ":7:11: a: another saved search has this name (first at " + path + ":2:11)",
	})
	if _, _, err := saved.Check(filepath.Join(t.TempDir(), "none.yaml"), nil, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v, want fs.ErrNotExist", err)
	}
}
