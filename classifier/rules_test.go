package classifier_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestLoadBrokenRules: every seeded defect in testdata/broken is reported at once, each with
// file:line:col, and no rule set is returned.
func TestLoadBrokenRules(t *testing.T) {
	rs, err := classifier.Load(os.DirFS("testdata/broken"))
	if rs != nil {
		t.Fatal("a broken rule set was returned; nothing may be tagged with half a rule set")
	}
	if err == nil {
		t.Fatal("no error for broken rules")
	}
	msg := err.Error()
	wants := []string{
		"a_crs.yaml:7:5: broken.crs: unknown key \"catgory\"",
		"a_crs.yaml:10:5: broken.crs: duplicate rule id (first defined at a_crs.yaml:4:5)",
		"a_crs.yaml:16:12: broken.facet: unknown facet \"toxicity\"",
		"a_crs.yaml:24:7: broken.value: \"6\" is not a value of facet crs_grade",
		"a_crs.yaml:30:23: broken.pattern: pattern: unknown class \"cytokines\"",
		"a_crs.yaml:35:15: broken.regexp: pattern: invalid regular expression",
		"a_crs.yaml:37:5: broken.missing: missing \"pattern\"",
		"a_crs.yaml:37:5: broken.missing: missing \"value\"",
		"a_crs.yaml:43:14: broken.backspace: pattern holds the control character U+0008",
		"b_syntax.yaml:5:1: invalid YAML", // the unclosed "[" of line 5
	}
	for _, w := range wants {
		if !strings.Contains(msg, w) {
			t.Errorf("missing error %q in:\n%s", w, msg)
		}
	}
	var re *classifier.RuleError
	if !errors.As(err, &re) {
		t.Errorf("errors are not *RuleError: %T", err)
	}
}

// TestLoadYAMLErrorLine: a tab that breaks a rule file's YAML is reported at its own line,
// not at the line before (where the YAML library's message points).
func TestLoadYAMLErrorLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("vocabularies:\n")
	for i := 1; i <= 10; i++ { // lines 2 to 41
		fmt.Fprintf(&b, "  - id: v%d\n    facet: antigen\n    description: d\n    terms: {CD19: [CD19]}\n", i)
	}
	lines := strings.Split(b.String(), "\n")
	lines[40] = "\t" + strings.TrimLeft(lines[40], " ") // line 41
	_, err := classifier.Load(fstest.MapFS{"x.yaml": {Data: []byte(strings.Join(lines, "\n"))}})
	want := "x.yaml:41:1: invalid YAML: found a tab character that violates indentation"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestLoadErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"not a mapping", "- a\n- b\n", "x.yaml:1:1: rule file must be a mapping"},
		{"vocabulary without id", "vocabularies:\n  - facet: crs\n    description: d\n    terms: {present: [CRS]}\n", "x.yaml:2:5: vocabulary has no id"},
		{"empty pattern", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: ''\n    value: present\n", "p: pattern: the pattern is empty"},
		{"gap only", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'a ...3'\n    value: present\n", "a gap (...) must stand between two elements"},
		{"a difference with a literal", "vocabularies:\n  - id: w\n    class: number\n    description: d\n    terms: {'1': [one]}\nincidence:\n  - id: i\n    description: d\n    pattern: 'all but {number:except} of {number:of}'\n    n: '$of-2'\n", "i: $of-2: a difference is of two captures"},
		{"a difference of no capture", "vocabularies:\n  - id: w\n    class: number\n    description: d\n    terms: {'1': [one]}\nincidence:\n  - id: i\n    description: d\n    pattern: 'all but {number:except} of {number:of}'\n    n: '$of-$n'\n", "i: $n names no capture of the pattern"},
		{">> at the start", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: '>> a b'\n    value: present\n", "p: pattern: a pattern has at most one >>, between the words"},
		{"two >>", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'a >> b >> c'\n    value: present\n", "p: pattern: a pattern has at most one >>, between the words"},
		{"optional >>", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'a >>? b'\n    value: present\n", "p: pattern: >> cannot be optional"},
		{"bad direction", "cues:\n  - id: c\n    category: negated\n    direction: sideways\n    description: d\n    phrases: ['no']\n", "x.yaml:4:16: c: direction must be forward, backward or both"},
		{"crosses no terminator", "cues:\n  - id: c\n    category: generic\n    description: d\n    phrases: [history of]\n    crosses: [', or']\n", "c: crosses: \", or\" is no phrase of a terminator cue"},
		{"clause on an observed signal", "signals:\n  - id: s\n    category: observed\n    description: d\n    pattern: 'n ='\n    clause: true\n", "s: only a generic signal speaks for its clause"},
		{"own on a generic signal", "signals:\n  - id: s\n    category: generic\n    description: d\n    pattern: 'n ='\n    own: true\n", "s: only an observed signal names the report's own study"},
		{"yielding_only on a hypothetical rule", "sections:\n  - id: s\n    category: hypothetical\n    description: d\n    sections: [conclusions]\n    facets: [crs]\n    yielding_only: true\n", "s: yielding_only lets a possibility give way to knowledge: the rule's category must be generic"},
		{"unless_own with unless_observed", "sections:\n  - id: s\n    category: generic\n    description: d\n    sections: [background]\n    facets: [crs]\n    unless_observed: true\n    unless_own: true\n", "s: unless_own narrows unless_observed: give one of them"},
		{"whole_text outside an opening", "sections:\n  - id: s\n    category: generic\n    description: d\n    sections: [background]\n    facets: [crs]\n    whole_text: 4\n", "s: whole_text makes a whole text an opening: the rule's sections must name \"opening\""},
		{"whole_text of one sentence", "sections:\n  - id: s\n    category: generic\n    description: d\n    sections: [opening]\n    facets: [crs]\n    whole_text: 1\n", "s: whole_text"},
		{"after_other_work on a negation cue", "cues:\n  - id: c\n    category: negated\n    description: d\n    phrases: [however]\n    after_other_work: true\n", "c: only a generic cue continues another study's report"},
		{"yields_to_own on a negation", "cues:\n  - id: c\n    category: negated\n    description: d\n    phrases: [absent]\n    yields_to_own: true\n", "c: only a generic cue yields to the report's own study"},
		{"referents without refers_to", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'it was'\n    value: present\n    when:\n      referents: [crs]\n", "p: referents lists what refers_to chooses from"},
		{"opens_forward on a forward cue", "cues:\n  - id: c\n    category: exclude\n    direction: forward\n    description: d\n    phrases: [at baseline]\n    opens_forward: true\n", "c: opens_forward needs direction backward"},
		{"fronted on a backward negation", "cues:\n  - id: c\n    category: negated\n    direction: backward\n    description: d\n    phrases: [absent]\n    fronted: true\n", "c: only a forward negation heads a fronted phrase"},
		{"contrast on a generic cue", "cues:\n  - id: c\n    category: generic\n    description: d\n    phrases: [earlier reports]\n    contrast: true\n", "c: only a terminator opens a contrast"},
		{"opening_contrast on a generic cue", "cues:\n  - id: c\n    category: generic\n    description: d\n    phrases: [consistent with]\n    opening_contrast: true\n", "c: only a terminator without contrast opens a contrast at the sentence's start alone"},
		{"opening_contrast with contrast", "cues:\n  - id: t\n    category: terminator\n    description: d\n    phrases: [consistent with]\n    contrast: true\n    opening_contrast: true\n", "t: only a terminator without contrast"},
		{"needs_verb without subject verbs", "cues:\n  - id: c\n    category: negated\n    description: d\n    phrases: [none of]\n    needs_verb: true\n", "c: needs_verb needs subject_verbs"},
		{"terminator crosses", "cues:\n  - id: t\n    category: terminator\n    description: d\n    phrases: [but]\n    crosses: [but]\n", "t: only a cue with a reach"},
		{"no_count on a hypothetical cue", "cues:\n  - id: c\n    category: hypothetical\n    description: d\n    phrases: [may]\n    no_count: true\n", "x.yaml:6:15: c: only a negation cue can give no zero count"},
		{"claims without >>", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    claims: true\n", "x.yaml:5:13: i: claims keeps the numbers captured after >>"},
		{"reach without binds_after", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    reach: 3\n", "x.yaml:5:12: i: reach limits a count that binds after it"},
		{"reach out of range", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    binds_after: true\n    reach: 40\n", "i: reach must be a whole number from 1 to 14"},
		{"joins on an event rule", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    joins: [incidence.n_of_m]\n", "i: joins is for arm rules"},
		{"fits without a share", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} / {number:of}'\n    fits: true\n", "i: fits checks a share against its n of its whole"},
		{"denies without a zero", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n}'\n    denies: true\n", "i: denies is for an event rule whose count is n: '0'"},
		{"adjacent outside a list", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:percent} %'\n    adjacent: true\n", "i: adjacent is for a form that is otherwise a count only in a list"},
		{"bad unit", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    unit: doses\n", "i: unit must be patients or events"},
		{"bracket on an event rule", "incidence:\n  - id: i\n    description: d\n    pattern: 'and'\n    bracket: true\n", "i: bracket is for arm rules"},
		{"other_wholes on an event rule", "incidence:\n  - id: i\n    description: d\n    pattern: 'and'\n    other_wholes: true\n", "i: other_wholes is for arm rules"},
		{"a hyphenated barrier", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'grade ...3 CRS'\n    value: present\n    barriers: [follow-up]\n", `p: barrier "follow-up" has more than one word`},
		{"a regexp inside a phrase", "incidence:\n  - id: i\n    description: d\n    pattern: 'n = {number:n}'\n    not_after: [') /^\\d+$/']\n", "a /regexp/ stands alone in a word list"},
		{"same_whole on an event rule", "incidence:\n  - id: i\n    description: d\n    pattern: 'and'\n    same_whole: true\n", "i: same_whole is for arm rules"},
		{"a barrier of two words", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'grade ...3 CRS'\n    value: present\n    barriers: [patients with]\n", `p: barrier "patients with" has more than one word`},
		{"after_arms on an event rule", "incidence:\n  - id: i\n    description: d\n    pattern: 'and'\n    after_arms: true\n", "i: after_arms is for arm rules"},
		{"gapped on an arm rule", "incidence:\n  - id: i\n    kind: arm\n    description: d\n    pattern: 'and'\n    gapped: true\n", "i: gapped is for count rules"},
		{"a class in a vocabulary's word list", "vocabularies:\n  - id: v\n    facet: crs\n    description: d\n    terms: {present: [CRS]}\n    not_after: ['{number}']\n", "v: not_after: {number}: a class is no word"},
		{"a class in an incidence rule's word list", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    not_after: ['{crs}']\n", "i: not_after: {crs}: a class is no word"},
		{"whole without a denominator", "incidence:\n  - id: i\n    kind: whole\n    description: d\n    pattern: 'out of x ,'\n", "i: a whole rule needs a {number:of} capture"},
		{"echoes binding after", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} did'\n    binds_after: true\n    echoes: true\n", "x.yaml:6:13: i: echoes is for an event rule's count of the clause before it"},
		{"each on an arm rule", "incidence:\n  - id: i\n    kind: arm\n    description: d\n    pattern: 'x y'\n    each: true\n", "x.yaml:6:11: i: each is for an event rule's count of its outcomes"},
		{"unknown kind", "incidence:\n  - id: i\n    kind: part\n    description: d\n    pattern: '{number:n} x'\n", "x.yaml:3:11: i: kind must be event, population, arm or whole"},
		{"unit of a population", "incidence:\n  - id: i\n    kind: population\n    description: d\n    pattern: '{number:of} x'\n    unit: events\n", "i: a count of events is an event rule's"},
		{"backward subject verbs", "cues:\n  - id: c\n    category: negated\n    direction: backward\n    description: d\n    phrases: [none of]\n    subject_verbs: [had]\n", "x.yaml:7:20: c: subject_verbs start a forward reach"},
		{"backward frame", "cues:\n  - id: c\n    category: generic\n    direction: backward\n    description: d\n    phrases: [et al]\n    frame: true\n", "x.yaml:7:12: c: a frame reaches forward"},
		{"a cue pattern that does not compile", "cues:\n  - id: c\n    category: generic\n    description: d\n    patterns: ['in ...3']\n", "x.yaml:5:17: c: patterns: a gap (...) must stand between two elements"},
		{"a cue with neither phrases nor patterns", "cues:\n  - id: c\n    category: generic\n    description: d\n", "c: a cue group needs phrases or patterns"},
		{"ends of more than one word", "cues:\n  - id: c\n    category: generic\n    description: d\n    phrases: [history of]\n    ends: [active, in remission]\n", "x.yaml:6:20: c: ends: \"in remission\" is not one word"},
		{"ends on a terminator", "cues:\n  - id: c\n    category: terminator\n    description: d\n    phrases: [but]\n    ends: [active]\n", "c: only a cue with a reach (negated, hypothetical, generic, exclude) has words that end it"},
		{"if_signal of no lazy category", "documents:\n  - id: d\n    category: generic\n    description: d\n    kinds: [registry]\n    facets: [crs]\n    if_signal: [observed]\n", "x.yaml:7:17: d: if_signal: \"observed\" is no signal category a document rule can ask for"},
		{"cue unless_signal of no category", "cues:\n  - id: c\n    category: hypothetical\n    direction: forward\n    description: d\n    phrases: [incidence of]\n    unless_signal: [verb]\n", "x.yaml:7:21: c: unless_signal: \"verb\" is no signal category a cue can ask for"},
		{"cue except_sections of no section", "cues:\n  - id: c\n    category: hypothetical\n    direction: forward\n    description: d\n    phrases: [incidence of]\n    except_sections: [header]\n", "x.yaml:7:23: c: except_sections: \"header\" is no section"},
		{"signal except_sections of no section", "signals:\n  - id: s\n    category: generic\n    description: d\n    pattern: will\n    except_sections: [method]\n", "x.yaml:6:23: s: except_sections: \"method\" is no section"},
		{"signal of an unknown category", "signals:\n  - id: s\n    category: planned\n    description: d\n    pattern: will\n", "x.yaml:3:15: s: a signal's category must be observed, study, record_study, plan, future, predicate, progress, result, aim or generic"},
		{"only_observed with unless_observed", "documents:\n  - id: d\n    category: generic\n    description: d\n    kinds: [registry]\n    facets: [crs]\n    unless_observed: true\n    only_observed: true\n", "x.yaml:8:20: d: only_observed and unless_observed cannot both hold"},
		{"unknown except_sections", "documents:\n  - id: d\n    category: hypothetical\n    description: d\n    kinds: [registry]\n    facets: [crs]\n    except_sections: [results, outcomes]\n", "x.yaml:7:32: d: except_sections: \"outcomes\" is no section"},
		{"document_values with no document limit", "patterns:\n  - id: p\n    facet: crs\n    description: d\n    pattern: 'a'\n    value: present\n    when:\n      document_values: [present]\n", "x.yaml:8:24: p: document_values limits document_has or document_lacks, and there is neither"},
		{"document_values on an incidence rule", "incidence:\n  - id: i\n    description: d\n    pattern: '{number:n} x'\n    when:\n      document_lacks: [c]\n      document_values: [present]\n", "i: an incidence rule takes only document_has and document_lacks"},
		{"unknown capture", "vocabularies:\n  - id: v\n    facet: crs\n    description: d\n    terms: {present: [CRS]}\npatterns:\n  - id: p\n    facet: crs_grade\n    description: d\n    pattern: '{grade} {crs}'\n    value: $grades\n", "value $grades names no capture"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := classifier.Load(fstest.MapFS{"x.yaml": {Data: []byte(c.src)}})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
	if _, err := classifier.Load(fstest.MapFS{}); !errors.Is(err, classifier.ErrNoRules) {
		t.Errorf("empty folder: got %v, want ErrNoRules", err)
	}
}

// TestInDir: every rule error of a joined error (and a duplicate's first place) names the
// folder before its file; other errors and nil pass unchanged.
func TestInDir(t *testing.T) {
	dup := &classifier.RuleError{Pos: classifier.Pos{File: "b.yaml", Line: 3, Col: 5}, RuleID: "x", Msg: "duplicate id",
		Prev: &classifier.Pos{File: "a.yaml", Line: 1, Col: 5}}
	bad := &classifier.RuleError{Pos: classifier.Pos{File: "sub/c.yml", Line: 2, Col: 1}, Msg: "bad"}
	other := errors.New("listing rule files: permission denied")
	tests := []struct {
		name string
		err  error
		dir  string
		want string
	}{
		{"nil", nil, "r", ""},
		{"one", bad, "r/", "r/sub/c.yml:2:1: bad"},
		{"joined", errors.Join(dup, other, bad), "my rules",
			"my rules/b.yaml:3:5: x: duplicate id (first defined at my rules/a.yaml:1:5)\n" + other.Error() + "\nmy rules/sub/c.yml:2:1: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := classifier.InDir(tt.err, tt.dir)
			if tt.want == "" {
				if got != nil {
					t.Fatalf("InDir(nil) = %v", got)
				}
				return
			}
			if got == nil || got.Error() != tt.want {
				t.Errorf("InDir = %v\nwant %s", got, tt.want)
			}
			var re *classifier.RuleError
			if !errors.As(got, &re) {
				t.Error("the result holds no *RuleError")
			}
		})
	}
	if dup.File != "b.yaml" || dup.Prev.File != "a.yaml" {
		t.Errorf("InDir changed its argument: %+v %+v", dup.Pos, dup.Prev)
	}
}

// TestRuleFiles: the files Load reads are the *.yaml and *.yml files outside hidden and
// testdata folders, sorted; a folder without any is an empty list, and Load reports it.
func TestRuleFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"flat and nested", []string{"z.yaml", "a.yml", "sub/b.yaml", "notes.txt", "sub/deeper/c.yaml"}, []string{"a.yml", "sub/b.yaml", "sub/deeper/c.yaml", "z.yaml"}},
		{"hidden and testdata skipped", []string{"a.yaml", ".git/x.yaml", "testdata/t.yaml", "sub/testdata/u.yaml", ".swap.yaml"}, []string{".swap.yaml", "a.yaml"}},
		{"none", []string{"README.md"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = &fstest.MapFile{Data: []byte("description: x\n")}
			}
			got, err := classifier.RuleFiles(fsys)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("RuleFiles = %q, %v; want %q", got, err, tt.want)
			}
			if len(tt.want) == 0 {
				if _, err := classifier.Load(fsys); !errors.Is(err, classifier.ErrNoRules) {
					t.Errorf("Load of a folder without rule files: %v, want ErrNoRules", err)
				}
			}
		})
	}
}

// TestRuleSetSums: a rule set knows the SHA-256 of each file it was read from.
func TestRuleSetSums(t *testing.T) {
	rs, err := classifier.Load(os.DirFS("../rules"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Sums) != len(rs.Files) || len(rs.Files) == 0 {
		t.Fatalf("%d sums for %d files", len(rs.Sums), len(rs.Files))
	}
	for _, f := range rs.Files {
		b, err := os.ReadFile("../rules/" + f)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(b); rs.Sums[f] != hex.EncodeToString(sum[:]) {
			t.Errorf("Sums[%s] = %s, want the file's SHA-256", f, rs.Sums[f])
		}
	}
}

// TestDocumentValues: a document condition limited to some values (when.document_values)
// drops only the tags of those values; the rule's other values tag in any document.
func TestDocumentValues(t *testing.T) {
	fsys := fstest.MapFS{"x.yaml": {Data: []byte(`
vocabularies:
  - id: setting
    class: setting
    description: A trial whose anaemia is its endpoint.
    terms:
      setting: [malaria]
  - id: ae
    class: ae
    description: Events.
    terms:
      anemia: [anaemia]
      infection: [pneumonia]
patterns:
  - id: incidence_of
    facet: adverse_event
    description: An event whose incidence is given.
    pattern: 'incidence of {ae}'
    value: $ae
    when:
      document_lacks: [setting]
      document_values: [anemia]
`)}}
	rs, err := classifier.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := classifier.New(rs, testrules.Default(t).Splitter())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"The incidence of pneumonia was low. The incidence of anaemia was low.", "infection anemia"},
		{"In this malaria trial the incidence of pneumonia was low. The incidence of anaemia was low.", "infection"},
	} {
		var got []string
		for _, s := range c.Tag(&corpus.Document{ID: "d", Text: tc.text}).Sentences {
			for _, tag := range s.Tags {
				got = append(got, tag.Value)
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: tags %v, want %s", tc.text, got, tc.want)
		}
	}
}
