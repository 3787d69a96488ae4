package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/rules"
)

func newRulesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "Test, lint and compare rule files",
		Long: `Commands for people who tune rule files: run their examples and fixtures (test), find
every problem at once (lint), see what an edit changes on a corpus (diff), and find rules
that never fire and sentences no rule reached (coverage).`,
	}
	cmd.AddCommand(newRulesTestCmd(a), newRulesLintCmd(a))
	addRulesSubcommands(cmd, a)
	return cmd
}

// rulesFS returns the rule folder in use as an fs.FS and a name for it ("built-in" for the
// embedded rules).
func (a *app) rulesFS() (fs.FS, string) {
	if a.cfg.Rules == "" {
		return rules.FS, "built-in"
	}
	return os.DirFS(a.cfg.Rules), a.cfg.Rules
}

func newRulesTestCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "test [flags] [FIXTURE...]",
		Short: "Run the examples inside the rules and the annotated fixture files",
		Long: `Test runs every example written inside the rule files (examples: match / nomatch) and
every fixture file: the rule folder's testdata/*.txt, and any FIXTURE files or folders given.
A fixture is a text line after a marker line that states what it must get:

  # want: crs_grade=1, icans=present/negated
  Grade 1 CRS occurred in 4 patients; no ICANS was seen.
  # ok: crs_grade
  Grade 3 neutropenia and CRS occurred.
  # todo: crs_grade=2        (a known gap: reported, not a failure)

A line with a # want: marker must get nothing else: any tag no # want: or # todo: item
covers fails as "unexpected", with its rule. "..." in a # want: marker allows any other
tag, facet=* any tag of that facet; "!facet=value/status" in a # todo: marker records a
known wrong tag.

Each failure prints as file:line: rule-id: expected … got …, then a summary line
"N passed, M failed". Exit status 1 when anything failed.`,
		Example: `  trialtag rules test
  trialtag rules test --rules my-rules/ my-fixtures/
  trialtag rules test --json | jq '.failed'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRulesTest(cmd, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print results as JSON")
	return cmd
}

type rulesTestReport struct {
	Examples []classifier.ExampleResult `json:"examples"`
	Fixtures []classifier.FixtureResult `json:"fixtures"`
	Passed   int                        `json:"passed"`
	Failed   int                        `json:"failed"`
	Todo     int                        `json:"todo"`
}

func (a *app) runRulesTest(cmd *cobra.Command, args []string, asJSON bool) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	rep := rulesTestReport{Examples: c.RunExamples()}
	fsys, _ := a.rulesFS()
	if st, err := fs.Stat(fsys, "testdata"); err == nil && st.IsDir() {
		res, err := c.RunFixtures(fsys, "testdata")
		if err != nil {
			return a.prefixed(err)
		}
		for i := range res {
			res[i].File = a.ruleFile(res[i].File)
		}
		rep.Fixtures = append(rep.Fixtures, res...)
	}
	for _, p := range args {
		st, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("%w: fixture %w", ErrConfig, err)
		}
		dir, name := filepath.Dir(p), filepath.Base(p)
		if st.IsDir() {
			dir, name = p, "."
		}
		res, err := c.RunFixtures(os.DirFS(dir), name)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", ErrConfig, dir, err)
		}
		for i := range res {
			res[i].File = filepath.Join(dir, res[i].File)
		}
		rep.Fixtures = append(rep.Fixtures, res...)
	}
	out := cmd.OutOrStdout()
	for _, r := range rep.Examples {
		if r.Passed {
			rep.Passed++
			continue
		}
		rep.Failed++
		if !asJSON {
			fmt.Fprintf(out, "%s:%d: %s: %s, got %s\n    %s\n", a.ruleFile(r.Example.File), r.Example.Line, r.Rule, r.Msg, gotList(r.Got), r.Example.Text)
		}
	}
	for _, r := range rep.Fixtures {
		switch {
		case r.Kind == classifier.FixtureTodo:
			rep.Todo++
			if !asJSON && r.Passed {
				fmt.Fprintln(out, r)
			}
		case r.Passed:
			rep.Passed++
		default:
			rep.Failed++
			if !asJSON {
				fmt.Fprintf(out, "%s\n    %s\n", r, r.Text)
			}
		}
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		if rep.Todo > 0 {
			fmt.Fprintf(out, "%d todo (known gaps, not failures)\n", rep.Todo)
		}
		fmt.Fprintf(out, "%d passed, %d failed\n", rep.Passed, rep.Failed)
	}
	if rep.Failed > 0 {
		a.code = exitSkipped
	}
	return nil
}

// ruleFile puts the rules folder before a rule file name, so positions can be opened.
func (a *app) ruleFile(name string) string {
	if a.cfg.Rules == "" {
		return "rules/" + name
	}
	return filepath.Join(a.cfg.Rules, name)
}

func (a *app) prefixed(err error) error {
	if a.cfg.Rules == "" {
		return err
	}
	return classifier.InDir(err, a.cfg.Rules)
}

func gotList(got []string) string {
	if len(got) == 0 {
		return "nothing"
	}
	b, _ := json.Marshal(got)
	return string(b)
}

func newRulesLintCmd(a *app) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint [flags]",
		Short: "Report every problem of the rule files at once, with file:line:col",
		Long: `Lint reads the rule folder (built-in, or --rules DIR) and reports every problem at once:
what stops it loading (unknown keys, missing fields, duplicate ids, invalid patterns, values
outside their facet) and what is off though it loads (rules without a positive or a negative
example, one surface form mapped to two values, patterns that can never match normalised
text, cues shadowed by the same words elsewhere). Exit status 1 when it found anything.`,
		Example: `  trialtag rules lint
  trialtag rules lint --rules my-rules/ --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.loadConfig(cmd); err != nil {
				return err
			}
			fsys, _ := a.rulesFS()
			issues, err := classifier.LintFS(fsys)
			if err != nil {
				if errors.Is(err, classifier.ErrNoRules) {
					return fmt.Errorf("%w: %s: %w", ErrConfig, a.cfg.Rules, err)
				}
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				if issues == nil {
					issues = []classifier.Issue{}
				}
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(issues); err != nil {
					return err
				}
			} else {
				errs := 0
				for _, i := range issues {
					i.File = a.ruleFile(i.File)
					fmt.Fprintln(out, i)
					if i.Severity == classifier.SeverityError {
						errs++
					}
				}
				fmt.Fprintf(out, "%d problems (%d errors, %d warnings)\n", len(issues), errs, len(issues)-errs)
			}
			if len(issues) > 0 {
				a.code = exitSkipped
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the problems as JSON")
	return cmd
}
