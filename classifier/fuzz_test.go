package classifier_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// FuzzParseRules: the rule parser never panics, and it either returns a rule set or errors,
// never both.
func FuzzParseRules(f *testing.F) {
	for _, dir := range []string{"../rules", "testdata/broken"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("patterns:\n  - id: p\n    facet: crs_grade\n    description: d\n    pattern: '{grade} ...3 {x'\n    value: $grade\n"))
	f.Add([]byte("cues: [{id: c, category: negated, phrases: [no], description: d, scope: 99}]"))
	f.Fuzz(func(t *testing.T, src []byte) {
		rs, err := classifier.Parse([]string{"f.yaml"}, map[string][]byte{"f.yaml": src})
		if (rs == nil) == (err == nil) {
			t.Fatalf("Parse returned rule set %v and error %v", rs != nil, err)
		}
	})
}

// FuzzTag: tagging any text never panics, and every tag's offsets lie inside its sentence and
// give back its text.
func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"Grade ≥3 CRS was not observed; two patients had grade 1 CRS.",
		"No high-grade cytokine release syndrome or neurotoxicity was reported.",
		"CD19⁻BCMA⁺ cells; grade I-II ICANS; NCT05030779.",
		"grade grade grade 1 or or 2 - - ≥ ≥ CRS ((((",
		"Methods: tocilizumab\n\n• Home\nReferences\n1. x",
	} {
		f.Add(s)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		c := testrules.Default(t)
		r := c.TagSentences(&corpus.Document{ID: "f", Text: text}, sp.Split(text))
		for _, s := range r.Sentences {
			for _, tg := range s.Tags {
				if tg.Start < s.Start || tg.End > s.End || tg.Start >= tg.End || text[tg.Start:tg.End] != tg.Text {
					t.Fatalf("tag %+v outside sentence %d [%d,%d)", tg, s.Index, s.Start, s.End)
				}
			}
		}
	})
}
