package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

// seedGold is the table of the five seeds' expected document facets in TAGS.md, every column.
var seedGold = map[string]map[string][]string{
	"000_7842d42057d300b0": {
		"antigen": {"BCMA", "CD20"}, "crs": {"present"}, "crs_grade": {"1", "2"}, "icans": {"absent"},
		"toxicity_treatment": {"supportive care"}, "remission": {"complete response", "drug-free remission", "renal response"},
		"adverse_event": {"dose-limiting toxicity: absent"},
	},
	"001_7c1521d75b74a78c": {
		"antigen": {"BCMA", "CD19"}, "crs": {"present"}, "crs_grade": {"1"}, "icans": {"absent"},
		"toxicity_treatment": {"supportive care"}, "remission": {"DORIS", "LLDAS"},
		"adverse_event": {"anemia", "dose-limiting toxicity: absent", "neutropenia", "thrombocytopenia", "treatment-related death: absent"},
	},
	"002_05720a88e771276d": {
		"antigen": {"BCMA", "CD19"}, "crs": {}, "crs_grade": {}, "icans": {}, "toxicity_treatment": {},
		"remission":     {"complete renal response", "complete response", "DORIS", "drug-free remission", "serological remission"},
		"adverse_event": {},
	},
	"003_712c9c4fc3fafea0": {
		"antigen": {"CD19"}, "crs": {"present"}, "crs_grade": {"1"}, "icans": {"absent"}, "toxicity_treatment": {},
		"remission": {"complete renal response", "partial response", "renal response"}, "adverse_event": {},
	},
	"004_53fd14e8ab82a8c2": {
		"antigen": {"BCMA", "CD19"}, "crs": {"present"}, "crs_grade": {"1", "2"}, "icans": {"absent"},
		"toxicity_treatment": {"corticosteroids", "supportive care", "tocilizumab"}, "remission": {},
		"adverse_event": {"dose-limiting toxicity: absent", "lymphopenia", "neutropenia"},
	},
}

var seedGoldFacets = []string{"antigen", "crs", "crs_grade", "icans", "toxicity_treatment", "remission", "adverse_event"}

// writeGold writes seedGold, changed by edit, as a gold file in a new temporary folder.
func writeGold(tb testing.TB, edit func(map[string]map[string][]string)) string {
	tb.Helper()
	gold := map[string]map[string][]string{}
	for id, facets := range seedGold {
		gold[id] = map[string][]string{}
		for f, vals := range facets {
			gold[id][f] = slices.Clone(vals)
		}
	}
	if edit != nil {
		edit(gold)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		line, err := json.Marshal(map[string]any{"id": id, "facets": gold[id]})
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return writeFile(tb, tb.TempDir(), "gold.jsonl", b.String())
}

// evalReport is what a test reads back from eval --json.
type evalReport struct {
	Incidence *struct {
		Scores struct {
			TP int `json:"tp"`
			FP int `json:"fp"`
			FN int `json:"fn"`
		} `json:"scores"`
	} `json:"incidence"`
	Report struct {
		Documents int `json:"documents"`
		Facets    []struct {
			Facet string  `json:"facet"`
			TP    int     `json:"tp"`
			FP    int     `json:"fp"`
			FN    int     `json:"fn"`
			F1    float64 `json:"f1"`
		} `json:"facets"`
		Micro struct {
			F1 float64 `json:"f1"`
		} `json:"micro"`
		Macro struct {
			F1 float64 `json:"f1"`
		} `json:"macro"`
	} `json:"report"`
	Ignored        []string `json:"ignored"`
	FalsePositives []struct {
		Doc, Facet, Value string
		Tags              []jsonEvidence `json:"tags"`
	} `json:"false_positives"`
	FalseNegatives []struct {
		Doc, Facet, Value string
		FacetTags         []jsonEvidence `json:"facet_tags"`
	} `json:"false_negatives"`
	BelowMinF1 []string `json:"below_min_f1"`
}

type jsonEvidence struct {
	Sentence int    `json:"sentence"`
	Facet    string `json:"facet"`
	Value    string `json:"value"`
	Status   string `json:"status"`
	Rule     string `json:"rule"`
	Text     string `json:"text"`
	Snippet  string `json:"snippet"`
}

func decodeEval(tb testing.TB, out string) evalReport {
	tb.Helper()
	var rep evalReport
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&rep); err != nil {
		tb.Fatalf("eval --json output is not one JSON object: %v\n%.2000s", err, out)
	}
	if dec.More() {
		tb.Fatalf("eval --json printed more than one JSON value:\n%.2000s", out)
	}
	return rep
}

func runEval(tb testing.TB, args ...string) cliResult {
	tb.Helper()
	return runCLI(tb, "", append([]string{"--config", writeConfig(tb, ""), "eval"}, args...)...)
}

func TestEvalSeeds(t *testing.T) {
	t.Parallel()
	t.Run("the TAGS.md table scores 1", func(t *testing.T) {
		t.Parallel()
		gold := writeGold(t, nil)
		r := runEval(t, "--gold", gold, "--min-f1", "0.9", seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "Scored 5 documents", "micro", "macro")
		if strings.Contains(r.stdout, "False positives") || strings.Contains(r.stdout, "False negatives") {
			t.Errorf("stdout lists errors:\n%s", r.stdout)
		}
		j := runEval(t, "--gold", gold, "--json", seedsDir)
		wantCode(t, j, exitOK)
		rep := decodeEval(t, j.stdout)
		if rep.Report.Documents != 5 {
			t.Errorf("%d documents, want 5", rep.Report.Documents)
		}
		var facets []string
		for _, f := range rep.Report.Facets {
			facets = append(facets, f.Facet)
			if f.F1 != 1 || f.FP != 0 || f.FN != 0 {
				t.Errorf("%s: TP %d FP %d FN %d F1 %v, want F1 1", f.Facet, f.TP, f.FP, f.FN, f.F1)
			}
		}
		slices.Sort(facets)
		want := slices.Sorted(slices.Values(seedGoldFacets))
		if !slices.Equal(facets, want) {
			t.Errorf("scored facets %v, want the gold's %v (no others)", facets, want)
		}
		if rep.Report.Micro.F1 != 1 || rep.Report.Macro.F1 != 1 {
			t.Errorf("micro F1 %v, macro F1 %v, want 1", rep.Report.Micro.F1, rep.Report.Macro.F1)
		}
	})

	t.Run("a wrong value: evidence and --min-f1", func(t *testing.T) {
		t.Parallel()
		gold := writeGold(t, func(g map[string]map[string][]string) {
			g["004_53fd14e8ab82a8c2"]["crs_grade"] = []string{"1", "3"} // 2 is predicted, 3 is not
			g["002_05720a88e771276d"]["icans_grade"] = []string{"3+"}   // only negated in 002
		})
		r := runEval(t, "--gold", gold, "--min-f1", "0.99", seedsDir)
		wantCode(t, r, exitSkipped)
		wantContains(t, "stdout", r.stdout,
			"crs_grade by value:",
			"False positives (1)", "004_53fd14e8ab82a8c2  crs_grade=2",
			"False negatives (2)", "004_53fd14e8ab82a8c2  crs_grade=3: no sentence produced it",
			"002_05720a88e771276d  icans_grade=3+: no sentence produced it", "icans_grade=3+ only as negated",
		)
		wantContains(t, "stderr", r.stderr, "F1 below 0.99: ", "crs_grade ", "icans_grade ")
		if strings.Contains(r.stderr, "antigen") {
			t.Errorf("stderr names a facet that meets --min-f1: %s", r.stderr)
		}
		// The FP's evidence: the affirmed crs_grade=2 tag with its span marked.
		fp := regexp.MustCompile(`(?m)^    #\d+ \[\w+\] crs_grade=2 affirmed, rule crs\.grade\.\S+: .*\[.*2.*\]`)
		if !fp.MatchString(r.stdout) {
			t.Errorf("stdout does not show the tag behind crs_grade=2 (%s):\n%s", fp, r.stdout)
		}

		j := runEval(t, "--gold", gold, "--min-f1", "0.99", "--facets", "antigen,crs_grade", "--json", seedsDir)
		wantCode(t, j, exitSkipped)
		rep := decodeEval(t, j.stdout)
		if !slices.Equal(rep.BelowMinF1, []string{"crs_grade"}) {
			t.Errorf("below_min_f1 %v, want [crs_grade] (--facets limits the check)", rep.BelowMinF1)
		}
		if len(rep.FalsePositives) != 1 || len(rep.FalseNegatives) != 2 {
			t.Fatalf("%d false positives and %d false negatives, want 1 and 2", len(rep.FalsePositives), len(rep.FalseNegatives))
		}
		e := rep.FalsePositives[0]
		if e.Doc != "004_53fd14e8ab82a8c2" || e.Facet != "crs_grade" || e.Value != "2" || len(e.Tags) == 0 {
			t.Fatalf("false positive %+v, want 004 crs_grade=2 with its tags", e)
		}
		for _, tg := range e.Tags {
			if tg.Facet != "crs_grade" || tg.Value != "2" || tg.Status != classifier.Affirmed || !strings.Contains(tg.Snippet, "["+tg.Text+"]") {
				t.Errorf("evidence tag %+v, want an affirmed crs_grade=2 with its text marked in the snippet", tg)
			}
		}
		for _, fn := range rep.FalseNegatives {
			if fn.Facet == "icans_grade" {
				if len(fn.FacetTags) == 0 || fn.FacetTags[0].Status != classifier.Negated {
					t.Errorf("icans_grade=3+ evidence %+v, want the negated icans_grade tag", fn.FacetTags)
				}
			}
		}

		// Without --min-f1 the mismatches are no failure.
		wantCode(t, runEval(t, "--gold", gold, seedsDir), exitOK)
	})

	t.Run("documents not in the gold are ignored", func(t *testing.T) {
		t.Parallel()
		gold := writeGold(t, func(g map[string]map[string][]string) {
			delete(g, "000_7842d42057d300b0")
			delete(g, "003_712c9c4fc3fafea0")
		})
		r := runEval(t, "--gold", gold, "--min-f1", "0.9", "--json", seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stderr", r.stderr, "2 documents are not in", "000_7842d42057d300b0, 003_712c9c4fc3fafea0")
		rep := decodeEval(t, r.stdout)
		if rep.Report.Documents != 3 || len(rep.Ignored) != 2 {
			t.Errorf("%d documents scored, %d ignored, want 3 and 2", rep.Report.Documents, len(rep.Ignored))
		}
	})
}

func TestEvalErrors(t *testing.T) {
	t.Parallel()
	missing := writeGold(t, func(g map[string]map[string][]string) {
		g["999_not_a_seed"] = map[string][]string{"crs": {"present"}}
		g["998_not_a_seed"] = map[string][]string{}
	})
	badLine := writeFile(t, t.TempDir(), "bad.jsonl", `{"id":"a","facets":{}}`+"\n"+`{"id":"b","facets":{"crs":"present"}}`+"\n")
	dup := writeFile(t, t.TempDir(), "dup.jsonl", `{"id":"a","facets":{}}`+"\n"+`{"id":"a","facets":{}}`+"\n")
	good := writeGold(t, nil)
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"gold ids with no document", []string{"--gold", missing, seedsDir},
			[]string{"2 gold ids have no document", "998_not_a_seed, 999_not_a_seed"}},
		{"a malformed gold line", []string{"--gold", badLine, seedsDir}, []string{badLine + ":2: "}},
		{"a duplicate gold id", []string{"--gold", dup, seedsDir}, []string{dup + `:2: duplicate id "a" (first on line 1)`}},
		{"no --gold", []string{seedsDir}, []string{"--gold is required"}},
		{"a gold file that does not exist", []string{"--gold", good + ".nope", seedsDir}, []string{"gold file: "}},
		{"--min-f1 out of range", []string{"--gold", good, "--min-f1", "1.5", seedsDir}, []string{"--min-f1: 1.5 is not between 0 and 1"}},
		{"--facets without --min-f1", []string{"--gold", good, "--facets", "crs", seedsDir}, []string{"give --min-f1 too"}},
		{"--facets naming a facet the gold lacks", []string{"--gold", good, "--min-f1", "0.5", "--facets", "crs,icans_grade", seedsDir},
			[]string{`--facets: "icans_grade" is not a facet of the gold file`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runEval(t, tt.args...)
			wantCode(t, r, exitUsage)
			if r.stdout != "" {
				t.Errorf("stdout is not empty:\n%.1000s", r.stdout)
			}
			wantContains(t, "stderr", r.stderr, tt.want...)
		})
	}
}

// runRulesCmd runs "trialtag --config CFG rules ARGS..." as run does. Until root.go hangs diff
// and coverage under "rules" (addRulesSubcommands), it wires them there itself.
func runRulesCmd(tb testing.TB, args ...string) cliResult {
	tb.Helper()
	var out, errOut bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	root := newRootCmd(a)
	var rules *cobra.Command
	for _, c := range root.Commands() {
		if c.Name() == "rules" {
			rules = c
		}
	}
	if rules == nil {
		rules = &cobra.Command{Use: "rules"}
		root.AddCommand(rules)
	}
	wired := false
	for _, c := range rules.Commands() {
		wired = wired || c.Name() == "diff"
	}
	if !wired {
		addRulesSubcommands(rules, a)
	}
	root.SetArgs(append([]string{"--config", writeConfig(tb, ""), "rules"}, args...))
	root.SetIn(a.stdin)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.ExecuteContext(tb.Context())
	code := a.code
	if err != nil && code == 0 {
		writeErr(&errOut, err)
		code = exitUsage
	}
	return cliResult{code: code, stdout: out.String(), stderr: errOut.String()}
}

// copyRuleFiles copies ../../rules/*.yaml into a new folder, replacing old (which must occur
// once in file) with new in file.
func copyRuleFiles(tb testing.TB, file, old, new string) string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(rulesDir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no rule files in %s: %v", rulesDir, err)
	}
	dir := tb.TempDir()
	for _, p := range paths {
		src := string(readFile(tb, p))
		if filepath.Base(p) == file {
			if n := strings.Count(src, old); n != 1 {
				tb.Fatalf("%s holds %q %d times, want once: update this test to the rule files", p, old, n)
			}
			src = strings.Replace(src, old, new, 1)
		}
		writeFile(tb, dir, filepath.Base(p), src)
	}
	return dir
}

// tagSeeds tags the seeds with the rules in dir, straight through the classifier.
func tagSeeds(tb testing.TB, dir string) []*classifier.Result {
	tb.Helper()
	rs, err := classifier.Load(os.DirFS(dir))
	if err != nil {
		tb.Fatal(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		tb.Fatal(err)
	}
	var out []*classifier.Result
	for doc, err := range corpus.Load(tb.Context(), []string{seedsDir}, corpus.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, c.Tag(doc))
	}
	return out
}

func TestRulesDiff(t *testing.T) {
	t.Parallel()
	orig := copyRuleFiles(t, "", "", "")
	// Without the surface form "neurotoxicity" of icans.neurotoxicity.
	edited := copyRuleFiles(t, "icans.yaml", "\n        - neurotoxicity\n", "\n")

	// The expectation, from the classifier: every tag on the text "neurotoxicity" that the
	// icans.neurotoxicity term made, or that an ICANS pattern anchored on that term, is lost.
	type key struct {
		doc        string
		sent       int
		facet      string
		value      string
		status     string
		rule       string
		start, end int
	}
	before, after := tagSeeds(t, orig), tagSeeds(t, edited)
	wantLost := map[key]bool{}
	termTags := 0
	wantFacets := map[string]string{} // "doc: facet" → "+v -w" as printed
	for i, res := range before {
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if !strings.EqualFold(tg.Text, "neurotoxicity") || !strings.HasPrefix(tg.Facet, "icans") {
					continue
				}
				if tg.Rule == "icans.neurotoxicity" {
					termTags++
				}
				wantLost[key{res.Document.ID, s.Index, tg.Facet, tg.Value, tg.Status, tg.Rule, tg.Start, tg.End}] = true
			}
		}
		for _, f := range []string{"icans", "icans_grade"} {
			var parts []string
			for _, v := range after[i].Facets[f] {
				if !slices.Contains(res.Facets[f], v) {
					parts = append(parts, "+"+v)
				}
			}
			for _, v := range res.Facets[f] {
				if !slices.Contains(after[i].Facets[f], v) {
					parts = append(parts, "-"+v)
				}
			}
			if len(parts) > 0 {
				wantFacets[res.Document.ID+": "+f] = strings.Join(parts, " ")
			}
		}
	}
	if termTags == 0 || len(wantFacets) == 0 {
		t.Fatalf("the seeds have %d icans.neurotoxicity tags on \"neurotoxicity\" and %d icans facet changes: update this test",
			termTags, len(wantFacets))
	}

	t.Run("json", func(t *testing.T) {
		t.Parallel()
		r := runRulesCmd(t, "diff", "--base", orig, "--rules", edited, "--json", seedsDir)
		wantCode(t, r, exitOK)
		var got struct {
			Gained, Lost, Changed []struct {
				Doc        string
				Sentence   int
				Facet      string
				Value      string
				Status     string
				Rule       string
				Start, End int
				Text       string
				Snippet    string
			}
			Facets []struct {
				Doc, Facet     string
				Added, Removed []string
			}
			Summary struct {
				Documents, Gained, Lost, Changed int
				DocumentsChanged                 int `json:"documents_changed"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("not JSON: %v\n%.2000s", err, r.stdout)
		}
		if len(got.Gained)+len(got.Changed) != 0 {
			t.Errorf("gained %v, changed %v, want none", got.Gained, got.Changed)
		}
		gotLost := map[key]bool{}
		for _, l := range got.Lost {
			k := key{l.Doc, l.Sentence, l.Facet, l.Value, l.Status, l.Rule, l.Start, l.End}
			gotLost[k] = true
			if !wantLost[k] {
				t.Errorf("lost %+v, which is not a tag on \"neurotoxicity\"", l)
			}
			if !strings.Contains(l.Snippet, "["+l.Text+"]") {
				t.Errorf("snippet %q does not mark %q", l.Snippet, l.Text)
			}
		}
		for k := range wantLost {
			if !gotLost[k] {
				t.Errorf("tag %+v is not listed as lost", k)
			}
		}
		gotFacets := map[string]string{}
		for _, f := range got.Facets {
			var parts []string
			for _, v := range f.Added {
				parts = append(parts, "+"+v)
			}
			for _, v := range f.Removed {
				parts = append(parts, "-"+v)
			}
			gotFacets[f.Doc+": "+f.Facet] = strings.Join(parts, " ")
		}
		if fmt.Sprint(gotFacets) != fmt.Sprint(wantFacets) {
			t.Errorf("facet changes %v, want %v", gotFacets, wantFacets)
		}
		if s := got.Summary; s.Documents != 5 || s.Lost != len(wantLost) || s.DocumentsChanged != len(got.Facets) {
			t.Errorf("summary %+v, want 5 documents, %d lost, %d documents changed", s, len(wantLost), len(got.Facets))
		}
	})

	t.Run("text", func(t *testing.T) {
		t.Parallel()
		r := runRulesCmd(t, "diff", "--base", orig, "--rules", edited, seedsDir)
		wantCode(t, r, exitOK)
		want := []string{fmt.Sprintf("Tags lost (%d):", len(wantLost)), "\n  icans.neurotoxicity\n    icans\n", "[neurotoxicity]",
			"Document facets changed", fmt.Sprintf("0 tags gained, %d lost, 0 changed status; ", len(wantLost))}
		for df, change := range wantFacets {
			want = append(want, "  "+df+" "+change+"\n")
		}
		wantContains(t, "stdout", r.stdout, want...)
	})

	t.Run("the same rules differ in nothing", func(t *testing.T) {
		t.Parallel()
		r := runRulesCmd(t, "diff", "--base", orig, "--rules", orig, seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "No differences.", "0 tags gained, 0 lost, 0 changed status; 0 documents changed facets")
	})

	t.Run("a broken rule folder", func(t *testing.T) {
		t.Parallel()
		broken := t.TempDir()
		writeFile(t, broken, "broken.yaml", "vocabularies:\n  - id: x.one\n    facet: icans\n    description: A rule.\n    terms:\n      present: [term]\n    colour: red\n")
		for _, args := range [][]string{
			{"diff", "--base", broken, "--rules", orig, seedsDir},
			{"diff", "--base", orig, "--rules", broken, seedsDir},
		} {
			r := runRulesCmd(t, args...)
			wantCode(t, r, exitUsage)
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(broken) + `/broken\.yaml:7:5: `).MatchString(r.stderr) {
				t.Errorf("stderr does not name broken.yaml:7:5:\n%s", r.stderr)
			}
		}
		r := runRulesCmd(t, "diff", seedsDir)
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "--base is required")
	})
}

func TestRulesCoverage(t *testing.T) {
	t.Parallel()
	t.Run("seeds", func(t *testing.T) {
		t.Parallel()
		r := runRulesCmd(t, "coverage", seedsDir)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "Never fired (", "Most fired (", "Near misses (")
		if !regexp.MustCompile(`(?m)^  \S+ +(vocabulary|pattern) +rules/\w+\.yaml:\d+$`).MatchString(r.stdout) {
			t.Errorf("stdout lists no never-fired rule with its file:line:\n%s", r.stdout)
		}
		summary := regexp.MustCompile(`(?m)^5 documents, \d+ sentences: (\d+) of (\d+) rules fired, (\d+) never fired; \d+ near misses$`)
		if !summary.MatchString(r.stdout) {
			t.Errorf("no summary line matching %s:\n%s", summary, r.stdout)
		}

		j := runRulesCmd(t, "coverage", "--json", seedsDir)
		wantCode(t, j, exitOK)
		type rule struct {
			ID, Kind, File string
			Line, Fired    int
		}
		var got struct {
			Fired      []rule `json:"fired"`
			NeverFired []rule `json:"never_fired"`
		}
		if err := json.Unmarshal([]byte(j.stdout), &got); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if len(got.NeverFired) == 0 || len(got.Fired) == 0 {
			t.Fatalf("%d rules fired, %d never fired: want some of each on the seeds", len(got.Fired), len(got.NeverFired))
		}
		for _, rc := range got.NeverFired {
			if rc.Fired != 0 || rc.Line == 0 || rc.File == "" {
				t.Errorf("never fired: %+v", rc)
			}
		}
		fired := map[string]bool{}
		for i, rc := range got.Fired {
			fired[rc.ID] = true
			if rc.Fired == 0 || i > 0 && got.Fired[i-1].Fired < rc.Fired {
				t.Errorf("fired list not by count, most first: %+v", got.Fired)
				break
			}
		}
		for _, want := range []string{"icans.neurotoxicity", "antigen.target"} {
			if !fired[want] {
				t.Errorf("rule %s did not fire on the seeds", want)
			}
		}
	})

	t.Run("near misses", func(t *testing.T) {
		t.Parallel()
		doc := writeFile(t, t.TempDir(), "near.txt",
			"Durable remission was seen in most patients.\n\nGrade 2 CRS occurred in one patient.\n\nRemission lasted.\n")
		r := runRulesCmd(t, "coverage", "--json", doc)
		wantCode(t, r, exitOK)
		var got struct {
			NearMisses []struct {
				Doc      string
				Sentence int
				Topic    string
				Snippet  string
			} `json:"near_misses"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatal(err)
		}
		var topics []string
		for _, m := range got.NearMisses {
			topics = append(topics, m.Topic)
			if m.Doc != "near" || !strings.Contains(strings.ToLower(m.Snippet), "[remission]") {
				t.Errorf("near miss %+v", m)
			}
		}
		if !slices.Equal(topics, []string{"remission", "remission"}) {
			t.Errorf("near-miss topics %v, want two remission sentences (the CRS sentence is tagged)", topics)
		}
	})
}

// TestEvalRefs scores seed documents read through --refs from a data folder, as the
// project's evaluation sets read third-party texts, and checks the refs errors.
func TestEvalRefs(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	var refs strings.Builder
	for i, id := range seedIDs(t) {
		text := readFile(t, seedPath(id))
		// Every other seed sits in a folder of the data, the rest inside a bigger file.
		if i%2 == 0 {
			writeFile(t, filepath.Join(data, "sub"), id+".txt", string(text))
			fmt.Fprintf(&refs, `{"id": %q, "source": "sub/%s.txt", "sha256": %q}`+"\n", id, id, corpus.TextSHA256(string(text)))
			continue
		}
		pad := "Preamble that is not part of the document.\n\n"
		writeFile(t, data, id+".big.txt", pad+string(text)+"\n\nTrailer.\n")
		fmt.Fprintf(&refs, `{"id": %q, "source": "%s.big.txt", "start": %d, "end": %d, "sha256": %q}`+"\n",
			id, id, len(pad), len(pad)+len(text), corpus.TextSHA256(string(text)))
	}
	refsFile := writeFile(t, t.TempDir(), "refs.jsonl", refs.String())
	gold := writeGold(t, nil)

	r := runCLI(t, "", "eval", "--json", "--gold", gold, "--refs", refsFile, "--data", data)
	wantCode(t, r, 0)
	rep := decodeEval(t, r.stdout)
	if rep.Report.Documents != 5 || rep.Report.Micro.F1 != 1 {
		t.Errorf("scored %d documents, micro F1 %v; want 5 and 1", rep.Report.Documents, rep.Report.Micro.F1)
	}

	bad := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no data folder", []string{"--refs", refsFile}, 2, []string{"--refs " + refsFile + " points into a data folder"}},
		{"data folder missing", []string{"--refs", refsFile, "--data", filepath.Join(data, "nope")}, 2, []string{"is not a folder here"}},
		{"broken refs file", []string{"--refs", writeFile(t, t.TempDir(), "r.jsonl", `{"id": "x"}`), "--data", data}, 2, []string{"r.jsonl:1: x: no \"source\""}},
		{"changed text", []string{"--refs", writeFile(t, t.TempDir(), "r.jsonl", changedFirstHash(refs.String())), "--data", data},
			2, []string{"text differs from the one referenced", "gold ids have no document"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, "", append([]string{"eval", "--gold", gold}, tt.args...)...)
			wantCode(t, r, tt.code)
			wantContains(t, "stderr", r.stderr, tt.want...)
		})
	}
}

// changedFirstHash returns refs with the first hash replaced by another one.
func changedFirstHash(refs string) string {
	i := strings.Index(refs, `"sha256": "`) + len(`"sha256": "`)
	return refs[:i] + corpus.TextSHA256("something else") + refs[i+64:]
}

// TestEvalIncidence scores the incidence lists of a gold file: an exact tuple is a true
// positive, a wrong count a false positive and a false negative, each listed.
func TestEvalIncidence(t *testing.T) {
	t.Parallel()
	gold := filepath.Join(t.TempDir(), "gold.jsonl")
	rec := `{"id": "004_53fd14e8ab82a8c2", "facets": {"crs": ["present"]}, "incidence": [` +
		`{"facet": "crs_grade", "value": "2", "n": 2, "of": 6},` +
		`{"facet": "toxicity_treatment", "value": "tocilizumab", "n": 5, "of": 6}]}` + "\n"
	if err := os.WriteFile(gold, []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runEval(t, "--gold", gold, seedsDir)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "Incidence, exact (facet, value, n, of, percent) over 1 documents",
		"FN 004_53fd14e8ab82a8c2  toxicity_treatment=tocilizumab 5/6 -%",
		"FP 004_53fd14e8ab82a8c2  toxicity_treatment=tocilizumab 4/6 -%")
	j := runEval(t, "--gold", gold, "--json", seedsDir)
	rep := decodeEval(t, j.stdout)
	if rep.Incidence == nil || rep.Incidence.Scores.TP < 1 || rep.Incidence.Scores.FN != 1 {
		t.Fatalf("incidence report %+v, want the crs_grade=2 tuple found and the tocilizumab one missed", rep.Incidence)
	}
}

// TestEvalBratGold scores the seeds against a brat folder: written from the tags it
// agrees with them on every facet; a curator's correction shows as a mismatch; a broken
// file is an error at its line.
func TestEvalBratGold(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "gold")
	wantCode(t, runTag(t, "--format", "brat", "--out", dir, seedsDir), exitOK)

	r := runEval(t, "--gold", dir, "--json", seedsDir)
	wantCode(t, r, exitOK)
	rep := decodeEval(t, r.stdout)
	if rep.Report.Documents != 5 {
		t.Errorf("scored %d documents, want 5", rep.Report.Documents)
	}
	for _, f := range rep.Report.Facets {
		if f.FP+f.FN != 0 {
			t.Errorf("facet %s: %d FP, %d FN against gold written from the same tags", f.Facet, f.FP, f.FN)
		}
	}
	if len(rep.Report.Facets) < 12 {
		t.Errorf("%d facets scored; a brat folder names every facet", len(rep.Report.Facets))
	}

	// A curator says the tocilizumab of 004 was not given: its annotations become negated.
	ann := filepath.Join(dir, seed004+".ann")
	lines := strings.Split(string(readFile(t, ann)), "\n")
	var toci []string
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) == 3 && strings.HasPrefix(f[1], "toxicity_treatment ") && strings.EqualFold(f[2], "tocilizumab") {
			toci = append(toci, f[0])
		}
	}
	if len(toci) == 0 {
		t.Fatalf("no tocilizumab annotation in %s", ann)
	}
	for i, l := range lines {
		for _, id := range toci {
			if strings.HasSuffix(l, "\tStatus "+id+" affirmed") {
				lines[i] = strings.Replace(l, "affirmed", "negated", 1)
			}
		}
	}
	writeFile(t, dir, seed004+".ann", strings.Join(lines, "\n"))
	r = runEval(t, "--gold", dir, "--json", seedsDir)
	wantCode(t, r, exitOK)
	rep = decodeEval(t, r.stdout)
	var fp, fn []string
	for _, m := range rep.FalsePositives {
		fp = append(fp, m.Doc+" "+m.Facet+"="+m.Value)
	}
	for _, m := range rep.FalseNegatives {
		fn = append(fn, m.Doc+" "+m.Facet+"="+m.Value)
	}
	if !slices.Equal(fp, []string{seed004 + " toxicity_treatment=tocilizumab"}) ||
		!slices.Equal(fn, []string{seed004 + " toxicity_treatment=tocilizumab: absent"}) {
		t.Errorf("after the correction: false positives %v, false negatives %v; want tocilizumab, tocilizumab: absent", fp, fn)
	}

	// A typo in a type is reported at its line, and nothing is scored.
	writeFile(t, dir, seed004+".ann", "T1\tCRS 0 3\tx\n")
	r = runEval(t, "--gold", dir, seedsDir)
	wantCode(t, r, exitUsage)
	wantContains(t, "stderr", r.stderr, "gold folder: ", seed004+".ann:1: T1: type \"CRS\" is not a facet")
}
