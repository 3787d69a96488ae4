package classifier_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// FuzzParseRules: the rule parser never panics; it returns either a rule set or errors,
// never both, and every error is a *RuleError in the file parsed, at a line of it.
//
// Its seeds are small (see ruleSeeds): the fuzzer spends its time on what each input
// exercises, and a whole rule file (up to 33 KB) made every run, and every minimisation of a
// new input, slow enough to stall it (17 runs in 45 s).
func FuzzParseRules(f *testing.F) {
	for _, seed := range ruleSeeds(f) {
		f.Add(seed)
	}
	f.Add([]byte("patterns:\n  - id: p\n    facet: crs_grade\n    description: d\n    pattern: '{grade} ...3 {x'\n    value: $grade\n"))
	f.Add([]byte("cues: [{id: c, category: negated, phrases: [no], description: d, scope: 99}]"))
	f.Add([]byte("vocabularies:\n\t- id: tab\n"))
	f.Add([]byte("a: &x [*x]\nb: *x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		rs, err := classifier.Parse([]string{"f.yaml"}, map[string][]byte{"f.yaml": src})
		if (rs == nil) == (err == nil) {
			t.Fatalf("Parse returned rule set %v and error %v", rs != nil, err)
		}
		if err == nil {
			return
		}
		lines := yamlLines(src)
		for _, e := range joined(err) {
			var re *classifier.RuleError
			switch {
			case !errors.As(e, &re):
				t.Errorf("error %v (%T) is not a *RuleError", e, e)
			case re.File != "f.yaml" || re.Line < 1 || re.Line > lines:
				t.Errorf("error at %s, outside f.yaml's %d lines: %v", re.Pos, lines, re)
			}
		}
	})
}

// yamlLines counts the lines of src as YAML does: a line ends at "\r\n", "\n" or "\r", and
// go.yaml.in/yaml/v3 also breaks at NEL, LS and PS.
func yamlLines(src []byte) int {
	n := 1
	for i := 0; i < len(src); i++ {
		switch {
		case src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n':
			i++
			n++
		case src[i] == '\r' || src[i] == '\n':
			n++
		case bytes.HasPrefix(src[i:], []byte("\u0085")) || bytes.HasPrefix(src[i:], []byte("\u2028")) || bytes.HasPrefix(src[i:], []byte("\u2029")):
			n++
		}
	}
	return n
}

// joined returns the errors err joins (errors.Join), or err itself.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// maxRuleSeedBytes bounds each seed of FuzzParseRules.
const maxRuleSeedBytes = 600

// ruleSeeds returns small rule files for FuzzParseRules: the broken test files, and for each
// kind of rule in the built-in rules (vocabularies, patterns, cues, …) its first two rules
// that fit in maxRuleSeedBytes, each alone in a file.
func ruleSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	broken, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	files, _ := filepath.Glob(filepath.Join("..", "rules", "*.yaml"))
	if len(broken) == 0 || len(files) == 0 {
		tb.Fatalf("no rule files to seed from: %d broken, %d built-in", len(broken), len(files))
	}
	for _, p := range broken {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	perKind := map[string]int{}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			tb.Fatalf("%s: not a YAML mapping: %v", p, err)
		}
		root := doc.Content[0].Content
		for i := 0; i+1 < len(root); i += 2 {
			key, list := root[i], root[i+1]
			if list.Kind != yaml.SequenceNode {
				continue
			}
			for _, item := range list.Content {
				if perKind[key.Value] == 2 {
					break
				}
				one := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key, {Kind: yaml.SequenceNode, Content: []*yaml.Node{item}}}}
				out, err := yaml.Marshal(one)
				if err != nil || len(out) > maxRuleSeedBytes {
					continue
				}
				seeds = append(seeds, out)
				perKind[key.Value]++
			}
		}
	}
	return seeds
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
		"| Event | Grade 1 | Grade ≥3 |\n|---|---|---|\n| CRS | 4 (10) | 0 |\n| Grade 3 events | | |\n| ICANS || 1 (2) |\nCRS 2 (5) 1 (3)\n",
		"Dr. A: CRS?\nDr. B: grade was 1 in 9 patients, 2 in 5, and 3 in 1.\n",
		"Patient 4: CRS grade 1,", "ICANS grade 1, 2 and ≥", "CRS grade 1, 2 or >",
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
