package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// cfgArgs puts an empty configuration before a command, so config.yaml in the working folder
// changes nothing.
func cfgArgs(tb testing.TB, args ...string) []string {
	tb.Helper()
	return append([]string{"--config", writeConfig(tb, "")}, args...)
}

// copyRules copies the default rule files (and their fixtures) into a new folder.
func copyRuleFolder(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	files, _ := filepath.Glob("../../rules/*.yaml")
	fixtures, _ := filepath.Glob("../../rules/testdata/*.txt")
	for _, f := range append(files, fixtures...) {
		rel, _ := filepath.Rel("../../rules", f)
		writeFile(tb, dir, rel, string(readFile(tb, f)))
	}
	return dir
}

func TestRulesTest(t *testing.T) {
	t.Run("built-in rules pass", func(t *testing.T) {
		r := runCLI(t, "", cfgArgs(t, "rules", "test")...)
		wantCode(t, r, exitOK)
		lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
		if last := lines[len(lines)-1]; !strings.HasSuffix(last, " passed, 0 failed") {
			t.Errorf("summary line %q", last)
		}
	})
	t.Run("a broken expectation fails with file:line", func(t *testing.T) {
		dir := copyRuleFolder(t)
		fx := writeFile(t, t.TempDir(), "extra.txt", "# want: crs_grade=2, ...\nGrade 1 CRS occurred in 3 patients.\n# ok: icans\nNo ICANS occurred.\n")
		r := runCLI(t, "", cfgArgs(t, "--rules", dir, "rules", "test", fx)...)
		wantCode(t, r, exitSkipped)
		wantContains(t, "stdout", r.stdout, fx+":2: crs_grade: expected crs_grade=2, got crs_grade=1/affirmed [crs.grade.before]",
			fx+":4: icans.term: expected no icans, got icans=present/negated [icans.term]", " passed, 2 failed")
	})
	t.Run("an unexpected tag fails with its rule", func(t *testing.T) {
		fx := writeFile(t, t.TempDir(), "extra.txt", "# want: crs=present\nGrade 1 CRS occurred in 3 patients.\n")
		r := runCLI(t, "", cfgArgs(t, "rules", "test", fx)...)
		wantCode(t, r, exitSkipped)
		wantContains(t, "stdout", r.stdout, fx+":2: crs.grade.before: unexpected crs_grade=1/affirmed: no # want: or # todo: item covers it",
			"Grade 1 CRS occurred in 3 patients.", " passed, 1 failed")
	})
	t.Run("a removed synonym breaks its example", func(t *testing.T) {
		dir := copyRuleFolder(t)
		p := filepath.Join(dir, "antigens.yaml")
		orig := string(readFile(t, p))
		src := strings.Replace(orig, "MSLN: [MSLN, mesothelin,", "MSLN: [MSLN,", 1)
		if src == orig {
			t.Fatal("antigens.yaml no longer lists mesothelin as the test expects")
		}
		writeFile(t, dir, "antigens.yaml", src)
		r := runCLI(t, "", cfgArgs(t, "--rules", dir, "rules", "test")...)
		wantCode(t, r, exitSkipped)
		wantContains(t, "stdout", r.stdout, filepath.Join(dir, "antigens.yaml")+":", "antigen.target: expected MSLN", "Mesothelin-directed CAR T cells were infused.")
	})
	t.Run("json", func(t *testing.T) {
		r := runCLI(t, "", cfgArgs(t, "rules", "test", "--json")...)
		wantCode(t, r, exitOK)
		var rep struct{ Passed, Failed, Todo int }
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		if rep.Passed < 200 || rep.Failed != 0 {
			t.Errorf("passed %d failed %d", rep.Passed, rep.Failed)
		}
	})
	t.Run("fixture syntax error", func(t *testing.T) {
		fx := writeFile(t, t.TempDir(), "bad.txt", "Text without a marker.\n")
		r := runCLI(t, "", cfgArgs(t, "rules", "test", fx)...)
		wantCode(t, r, exitUsage)
		wantContains(t, "stderr", r.stderr, "bad.txt:1: text with no # want:")
	})
}

func TestRulesLint(t *testing.T) {
	r := runCLI(t, "", cfgArgs(t, "rules", "lint")...)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout, "0 problems (0 errors, 0 warnings)")

	dir := copyRuleFolder(t)
	writeFile(t, dir, "zz_bad.yaml", `vocabularies:
  - id: zz.a
    facet: remission
    description: Two values for one form.
    terms:
      complete response: [total remission]
      partial response: [total remission]
    examples:
      match: [Total remission.]
`)
	r = runCLI(t, "", cfgArgs(t, "--rules", dir, "rules", "lint")...)
	wantCode(t, r, exitSkipped)
	bad := filepath.Join(dir, "zz_bad.yaml")
	wantContains(t, "stdout", r.stdout, bad+":2:5: warning: zz.a: no example of text the rule must not match",
		bad+":7:26: warning: zz.a: \"total remission\" means \"partial response\"", "2 problems (0 errors, 2 warnings)")

	r = runCLI(t, "", cfgArgs(t, "rules", "lint", "--json")...)
	wantCode(t, r, exitOK)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("lint --json on clean rules = %q, want []", r.stdout)
	}
}

func TestExplain(t *testing.T) {
	r := runCLI(t, "", cfgArgs(t, "explain", "Grade ≥3 CRS was not observed; two patients had grade 1 CRS")...)
	wantCode(t, r, exitOK)
	wantContains(t, "stdout", r.stdout,
		"crs_grade=3+ negated", `cue "was not observed"`, `scope: "Grade ≥3 CRS"`, "governs: crs_grade=3+",
		"crs_grade=1 affirmed", `{grade} = "grade 1" → 1`, "pattern {grade} ...3 {crs}",
		"units\n  grade · ≥ · 3 · crs")
	if strings.Contains(r.stdout, "crs=present negated") {
		t.Errorf("the negation of grade ≥3 must not negate CRS itself:\n%s", r.stdout)
	}

	t.Run("near miss", func(t *testing.T) {
		r := runCLI(t, "", cfgArgs(t, "explain", "CRS occurred in 5 patients and grade 3 neutropenia in 2.")...)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "near misses", "crs.grade.after", `"grade 3"`)
	})
	t.Run("incidences", func(t *testing.T) {
		r := runCLI(t, "", cfgArgs(t, "explain", "We treated 20 patients with CAR-T cells. CRS arose in 12 of 20 (60%) at the high dose versus 3 of 10 (30%) at the low dose, and tocilizumab was given to 5.")...)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout,
			`incidence 12/20 60% by incidence.n_of_m "12 of 20 (60%)"; arm 1`,
			`incidence 3/10 30% by incidence.n_of_m "3 of 10 (30%)"; arm 2 by arm.`,
			`"given to 5"; of inferred from sentence 0`)
		if strings.Contains(r.stdout, "counts bound to no tag") {
			t.Errorf("every count of this sentence is bound, yet some are listed as bound to none:\n%s", r.stdout)
		}
		r = runCLI(t, "", cfgArgs(t, "explain", "We treated 20 patients with CAR-T cells. CRS occurred in 12 patients, and 3 patients had a rash.")...)
		wantCode(t, r, exitOK)
		wantContains(t, "stdout", r.stdout, "counts bound to no tag", `"and 3 patients had" (incidence.`)
	})
	t.Run("file and sentence", func(t *testing.T) {
		seed := seedPath("002_05720a88e771276d")
		var idx string
		for _, d := range decodeJSONL(t, runTag(t, "--format", "jsonl", seed).stdout) {
			for _, s := range d.Sentences {
				if strings.HasPrefix(s.Text, "No high-grade cytokine release syndrome") {
					idx = strconv.Itoa(s.Index)
				}
			}
		}
		r := runCLI(t, "", cfgArgs(t, "explain", "--json", "--file", seed, "--sentence", idx)...)
		wantCode(t, r, exitOK)
		var exps []struct {
			Tags []struct{ Facet, Value, Status string }
		}
		if err := json.Unmarshal([]byte(r.stdout), &exps); err != nil || len(exps) != 1 {
			t.Fatalf("%v\n%s", err, r.stdout)
		}
		got := map[string]string{}
		for _, tg := range exps[0].Tags {
			got[tg.Facet+"="+tg.Value] = tg.Status
		}
		if got["crs_grade=3+"] != "negated" || got["icans_grade=3+"] != "negated" {
			t.Errorf("tags %v", got)
		}
	})
	t.Run("bad usage", func(t *testing.T) {
		wantCode(t, runCLI(t, "", cfgArgs(t, "explain")...), exitUsage)
		wantCode(t, runCLI(t, "", cfgArgs(t, "explain", "--file", seedPath("002_05720a88e771276d"))...), exitUsage)
		wantCode(t, runCLI(t, "", cfgArgs(t, "explain", "--file", seedPath("002_05720a88e771276d"), "--sentence", "9999")...), exitUsage)
	})
}

func TestContextCommand(t *testing.T) {
	cases := []struct{ target, sentence, want string }{
		{"ICANS", "No ICANS occurred in the study.", `negated (cue "No", cue.negated.forward)`},
		{"CRS", "Grade 1 CRS developed in 4 patients.", "affirmed"},
		{"CRS", "Patients will be monitored for CRS.", `hypothetical (cue "will be", cue.hypothetical.plan)`},
	}
	for _, c := range cases {
		r := runCLI(t, "", cfgArgs(t, "context", "--target", c.target, c.sentence)...)
		wantCode(t, r, exitOK)
		if strings.TrimSpace(r.stdout) != c.want {
			t.Errorf("context %q in %q = %q, want %q", c.target, c.sentence, r.stdout, c.want)
		}
	}
	in := `{"id":1,"sentence":"Extremities reveal no peripheral cyanosis or EDEMA.","target":"edema"}
{"id":"b","sentence":"The patient denies chest pain.","target":"chest pain"}
{"id":3,"sentence":"Fever was present.","target":"rash"}
`
	r := runCLI(t, in, cfgArgs(t, "context", "--jsonl", "-")...)
	wantCode(t, r, exitSkipped)
	want := `{"id":1,"status":"negated","cue":"no"}
{"id":"b","status":"negated","cue":"denies"}
`
	if r.stdout != want {
		t.Errorf("batch output:\n%s\nwant:\n%s", r.stdout, want)
	}
	wantContains(t, "stderr", r.stderr, "-:3: skipped: target not found")
	wantCode(t, runCLI(t, "", cfgArgs(t, "context", "--target", "x")...), exitUsage)
}
