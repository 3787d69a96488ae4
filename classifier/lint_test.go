package classifier_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/rules"
)

// TestLintSeededDefects: rules lint finds every defect seeded in testdata/lint, each at its
// line and column.
func TestLintSeededDefects(t *testing.T) {
	issues, err := classifier.LintFS(os.DirFS("testdata/lint"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, i := range issues {
		got = append(got, fmt.Sprintf("%d:%d %s %s", i.Line, i.Col, i.Severity, i.Check))
	}
	wants := []string{
		"4:5 warning examples",          // lint.crs has no nomatch example
		"4:5 warning unused-exact-case", // CRS is not a form of lint.crs
		"8:44 warning duplicate-form",
		"18:26 warning ambiguous-form",
		"22:5 error load", // lint.typo: missing "description"
		"24:5 error load", // lint.typo: unknown key "descripton"
		"32:15 warning never-matches",
		"49:20 warning shadowed-cue",
	}
	for _, w := range wants {
		found := false
		for _, g := range got {
			if g == w {
				found = true
			}
		}
		if !found {
			t.Errorf("lint missed %q; got:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

// TestLintDefaultRulesClean holds the default rule set to a clean lint.
func TestLintDefaultRulesClean(t *testing.T) {
	issues, err := classifier.LintFS(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range issues {
		t.Errorf("%s", i)
	}
}
