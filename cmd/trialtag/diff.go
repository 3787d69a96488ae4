package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
)

// addRulesSubcommands adds diff and coverage to the "trialtag rules" command.
func addRulesSubcommands(rules *cobra.Command, a *app) {
	rules.AddCommand(newRulesDiffCmd(a), newRulesCoverageCmd(a))
}

func newRulesDiffCmd(a *app) *cobra.Command {
	var base string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "diff --base RULES_DIR [--rules RULES_DIR] [flags] [PATH...]",
		Short: "Show what a rule edit changes: tags gained and lost, document facets changed",
		Long: `Diff tags the documents twice, with the base rules (--base) and with the rules in use
(--rules, the rules key of the configuration, or the built-in rules), and prints what changes:
tags gained, lost and changed in status, grouped by rule and facet, each with its document,
sentence index and the sentence with the span [marked]; then the document facet values added
(+) and removed (-); then a summary line.

A tag is its document, sentence, facet, value, status and span; a tag whose status alone
changed shows as "changed status a→b".

Exit status: 0 (differences are no failure), 1 some inputs were skipped, 2 usage or
configuration error, such as a broken rule file (reported as file:line:col).`,
		Example: `  cp -r rules /tmp/rules-before   # then edit rules/
  trialtag rules diff --base /tmp/rules-before --rules rules corpus/seeds
  trialtag rules diff --base rules --rules my-rules --json abstracts/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRulesDiff(cmd, args, base, asJSON)
		},
	}
	cmd.Flags().StringVar(&base, "base", "", "folder of the rule files to compare against (required)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the differences as one JSON object")
	addCorpusFlags(cmd, a)
	return cmd
}

type diffSummary struct {
	Documents        int `json:"documents"`
	Gained           int `json:"gained"`
	Lost             int `json:"lost"`
	Changed          int `json:"changed"`
	DocumentsChanged int `json:"documents_changed"`
}

// diffJSON is what rules diff --json prints.
type diffJSON struct {
	Base    string               `json:"base"`
	Rules   string               `json:"rules"`
	Gained  []evaluate.DiffTag   `json:"gained"`
	Lost    []evaluate.DiffTag   `json:"lost"`
	Changed []evaluate.DiffTag   `json:"changed"`
	Facets  []evaluate.DiffFacet `json:"facets"`
	Summary diffSummary          `json:"summary"`
}

// loadRulesFolder loads the rule folder dir as loadRules would load it from the configuration.
func (a *app) loadRulesFolder(dir string) (*classifier.RuleSet, error) {
	b := *a
	b.cfg.Rules = dir
	return b.loadRules()
}

// rulesLabel names the rules in use: their folder, or "built-in".
func (a *app) rulesLabel() string {
	if a.cfg.Rules == "" {
		return "built-in"
	}
	return a.cfg.Rules
}

func (a *app) runRulesDiff(cmd *cobra.Command, args []string, base string, asJSON bool) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	if base == "" {
		return fmt.Errorf("rules diff: --base is required")
	}
	baseRS, err := a.loadRulesFolder(base)
	if err != nil {
		return err
	}
	newRS, err := a.loadRules()
	if err != nil {
		return err
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		return err
	}
	before, err := classifier.New(baseRS, sp)
	if err != nil {
		return err
	}
	after, err := classifier.New(newRS, sp)
	if err != nil {
		return err
	}
	docs, _, err := a.documents(cmd.Context(), args)
	if err != nil {
		return err
	}
	out := diffJSON{Base: base, Rules: a.rulesLabel(), Gained: []evaluate.DiffTag{}, Lost: []evaluate.DiffTag{}, Changed: []evaluate.DiffTag{}, Facets: []evaluate.DiffFacet{}}
	changedDocs := 0
	stats, err := tagEachDoc(docs, a.cfg.Workers, a.stderr,
		func(doc *corpus.Document) evaluate.DocDiff {
			sents := sp.SplitDocument(doc)
			return evaluate.Diff(before.TagSentences(doc, sents), after.TagSentences(doc, sents))
		},
		func(_ *corpus.Document, d evaluate.DocDiff) {
			out.Gained = append(out.Gained, d.Gained...)
			out.Lost = append(out.Lost, d.Lost...)
			out.Changed = append(out.Changed, d.Changed...)
			out.Facets = append(out.Facets, d.Facets...)
			if len(d.Facets) > 0 {
				changedDocs++
			}
		})
	if err != nil {
		return err
	}
	out.Summary = diffSummary{Documents: stats.docs, Gained: len(out.Gained), Lost: len(out.Lost), Changed: len(out.Changed), DocumentsChanged: changedDocs}
	for _, l := range [][]evaluate.DiffTag{out.Gained, out.Lost, out.Changed} {
		evaluate.SortChangesByRule(l)
	}
	if err := a.writeReport(asJSON, out, func(w io.Writer) { writeDiffText(w, out) }); err != nil {
		return err
	}
	a.noteSkipped(stats)
	return nil
}

func writeDiffText(w io.Writer, out diffJSON) {
	fmt.Fprintf(w, "Rules %s compared with base %s on %d documents\n", out.Rules, out.Base, out.Summary.Documents)
	section := func(title string, l []evaluate.DiffTag, line func(evaluate.DiffTag) string) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, len(l))
		rule, facet := "\x00", "\x00"
		for _, c := range l {
			if c.Rule != rule {
				rule, facet = c.Rule, "\x00"
				fmt.Fprintf(w, "  %s\n", c.Rule)
			}
			if c.Facet != facet {
				facet = c.Facet
				fmt.Fprintf(w, "    %s\n", c.Facet)
			}
			fmt.Fprintf(w, "      %s #%d [%s] %s: %s\n", c.Doc, c.Sentence, c.Section, line(c), c.Snippet)
		}
	}
	plain := func(c evaluate.DiffTag) string {
		return fmt.Sprintf("%s=%s %s%s", c.Facet, c.Value, c.Status, cueSuffix(c.Cue))
	}
	section("Tags lost", out.Lost, plain)
	section("Tags gained", out.Gained, plain)
	section("Tags that changed status", out.Changed, func(c evaluate.DiffTag) string {
		s := fmt.Sprintf("%s=%s changed status %s→%s%s", c.Facet, c.Value, c.OldStatus, c.Status, cueSuffix(c.Cue))
		if c.OldRule != "" {
			s += fmt.Sprintf(" (was rule %s)", c.OldRule)
		}
		return s
	})
	if len(out.Facets) > 0 {
		fmt.Fprintf(w, "\nDocument facets changed (%d documents):\n", out.Summary.DocumentsChanged)
		for _, f := range out.Facets {
			var parts []string
			for _, v := range f.Added {
				parts = append(parts, "+"+v)
			}
			for _, v := range f.Removed {
				parts = append(parts, "-"+v)
			}
			fmt.Fprintf(w, "  %s: %s %s\n", f.Doc, f.Facet, strings.Join(parts, " "))
		}
	}
	if len(out.Lost)+len(out.Gained)+len(out.Changed)+len(out.Facets) == 0 {
		fmt.Fprintln(w, "\nNo differences.")
	}
	s := out.Summary
	fmt.Fprintf(w, "\n%d tags gained, %d lost, %d changed status; %d documents changed facets\n", s.Gained, s.Lost, s.Changed, s.DocumentsChanged)
}
