package main

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
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

// diffTag is a tag gained, lost or changed in status.
type diffTag struct {
	Doc      string         `json:"doc"`
	Sentence int            `json:"sentence"`
	Section  corpus.Section `json:"section"`
	Facet    string         `json:"facet"`
	Value    string         `json:"value"`
	Status   string         `json:"status"`
	// OldStatus is the status with the base rules, for a changed status.
	OldStatus string `json:"old_status,omitempty"`
	Cue       string `json:"cue,omitempty"`
	// Rule made the tag: with the base rules for a lost tag, with the new rules otherwise.
	Rule    string `json:"rule"`
	OldRule string `json:"old_rule,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
	Snippet string `json:"snippet"`
}

// diffFacet is a document facet whose values changed.
type diffFacet struct {
	Doc     string   `json:"doc"`
	Facet   string   `json:"facet"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

type docDiff struct {
	gained, lost, changed []diffTag
	facets                []diffFacet
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
	Base    string      `json:"base"`
	Rules   string      `json:"rules"`
	Gained  []diffTag   `json:"gained"`
	Lost    []diffTag   `json:"lost"`
	Changed []diffTag   `json:"changed"`
	Facets  []diffFacet `json:"facets"`
	Summary diffSummary `json:"summary"`
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
	out := diffJSON{Base: base, Rules: a.rulesLabel(), Gained: []diffTag{}, Lost: []diffTag{}, Changed: []diffTag{}, Facets: []diffFacet{}}
	changedDocs := 0
	stats, err := tagEachDoc(docs, a.cfg.Workers, a.stderr,
		func(doc *corpus.Document) docDiff {
			sents := sp.Split(doc.Text)
			return diffResults(before.TagSentences(doc, sents), after.TagSentences(doc, sents))
		},
		func(_ *corpus.Document, d docDiff) {
			out.Gained = append(out.Gained, d.gained...)
			out.Lost = append(out.Lost, d.lost...)
			out.Changed = append(out.Changed, d.changed...)
			out.Facets = append(out.Facets, d.facets...)
			if len(d.facets) > 0 {
				changedDocs++
			}
		})
	if err != nil {
		return err
	}
	out.Summary = diffSummary{Documents: stats.docs, Gained: len(out.Gained), Lost: len(out.Lost), Changed: len(out.Changed), DocumentsChanged: changedDocs}
	for _, l := range [][]diffTag{out.Gained, out.Lost, out.Changed} {
		sortChangesByRule(l)
	}
	if err := a.writeReport(asJSON, out, func(w io.Writer) { writeDiffText(w, out) }); err != nil {
		return err
	}
	a.noteSkipped(stats)
	return nil
}

// diffTagKey identifies a tag within a document apart from its status: the classifier keeps one
// tag per sentence, facet, value and span.
type diffTagKey struct {
	sentence   int
	facet      string
	value      string
	start, end int
}

// diffResults compares one document tagged with the base rules (oldRes) and the new rules (newRes);
// both were tagged from the same sentences.
func diffResults(oldRes, newRes *classifier.Result) docDiff {
	var d docDiff
	doc := newRes.Document.ID
	type located struct {
		s classifier.Sentence
		t classifier.Tag
	}
	index := func(r *classifier.Result) (map[diffTagKey]located, []diffTagKey) {
		m := map[diffTagKey]located{}
		var order []diffTagKey
		for _, s := range r.Sentences {
			for _, t := range s.Tags {
				k := diffTagKey{s.Index, t.Facet, t.Value, t.Start, t.End}
				if _, dup := m[k]; !dup {
					order = append(order, k)
				}
				m[k] = located{s, t}
			}
		}
		return m, order
	}
	change := func(l located) diffTag {
		return diffTag{Doc: doc, Sentence: l.s.Index, Section: l.s.Section, Facet: l.t.Facet, Value: l.t.Value,
			Status: l.t.Status, Cue: l.t.Cue, Rule: l.t.Rule, Start: l.t.Start, End: l.t.End, Text: l.t.Text,
			Snippet: markedSnippet(l.s.Sentence, l.t.Start, l.t.End)}
	}
	oldTags, oldOrder := index(oldRes)
	newTags, newOrder := index(newRes)
	for _, k := range oldOrder {
		if _, ok := newTags[k]; !ok {
			d.lost = append(d.lost, change(oldTags[k]))
		}
	}
	for _, k := range newOrder {
		n := newTags[k]
		o, ok := oldTags[k]
		switch {
		case !ok:
			d.gained = append(d.gained, change(n))
		case o.t.Status != n.t.Status:
			c := change(n)
			c.OldStatus = o.t.Status
			if o.t.Rule != n.t.Rule {
				c.OldRule = o.t.Rule
			}
			d.changed = append(d.changed, c)
		}
	}
	facets := map[string]bool{}
	for f := range oldRes.Facets {
		facets[f] = true
	}
	for f := range newRes.Facets {
		facets[f] = true
	}
	names := make([]string, 0, len(facets))
	for f := range facets {
		names = append(names, f)
	}
	sortFacetNames(names)
	for _, f := range names {
		added := valuesNotIn(newRes.Facets[f], oldRes.Facets[f])
		removed := valuesNotIn(oldRes.Facets[f], newRes.Facets[f])
		if len(added)+len(removed) > 0 {
			d.facets = append(d.facets, diffFacet{Doc: doc, Facet: f, Added: added, Removed: removed})
		}
	}
	return d
}

// valuesNotIn returns the values of a that are not in b, in a's order (never nil).
func valuesNotIn(a, b []string) []string {
	out := []string{}
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}

// sortChangesByRule orders changes by rule id, then facet, keeping input order within each.
func sortChangesByRule(l []diffTag) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Rule != l[j].Rule {
			return l[i].Rule < l[j].Rule
		}
		return l[i].Facet < l[j].Facet
	})
}

func writeDiffText(w io.Writer, out diffJSON) {
	fmt.Fprintf(w, "Rules %s compared with base %s on %d documents\n", out.Rules, out.Base, out.Summary.Documents)
	section := func(title string, l []diffTag, line func(diffTag) string) {
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
	plain := func(c diffTag) string {
		return fmt.Sprintf("%s=%s %s%s", c.Facet, c.Value, c.Status, cueSuffix(evidenceTag{Cue: c.Cue}))
	}
	section("Tags lost", out.Lost, plain)
	section("Tags gained", out.Gained, plain)
	section("Tags that changed status", out.Changed, func(c diffTag) string {
		s := fmt.Sprintf("%s=%s changed status %s→%s%s", c.Facet, c.Value, c.OldStatus, c.Status, cueSuffix(evidenceTag{Cue: c.Cue}))
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
