package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
)

func newRulesCoverageCmd(a *app) *cobra.Command {
	var asJSON bool
	var top int
	cmd := &cobra.Command{
		Use:   "coverage [flags] [PATH...]",
		Short: "Find rules that never fire and sentences about CRS, ICANS or remission that got no tag",
		Long: `Coverage tags the documents and lists the rules that can make tags (vocabularies that
emit tags, and patterns) that never fired, with their file:line; the rules that fired most,
with how many tags each made; and near misses: sentences (outside page furniture and reference
lists) that mention CRS, ICANS/neurotoxicity or a remission criterion by keyword but got no tag
of that facet (crs or crs_grade; icans or icans_grade; remission). A summary line ends it.

Cue rules are not listed: tags do not name the cue rule that gave them their status.

Exit status: 0, 1 some inputs were skipped, 2 usage or configuration error.`,
		Example: `  trialtag rules coverage corpus/seeds
  trialtag rules coverage --top 0 --json abstracts/ | jq '.never_fired[].id'`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runRulesCoverage(cmd, args, asJSON, top)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the coverage as one JSON object")
	cmd.Flags().IntVar(&top, "top", 20, "how many of the most fired rules to list (0: all)")
	addCorpusFlags(cmd, a)
	return cmd
}

// coverageRule is a rule that can make tags, with how many it made.
type coverageRule struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"` // vocabulary or pattern
	Facet string `json:"facet"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Fired int    `json:"fired"`
}

type coverageSummary struct {
	Documents  int `json:"documents"`
	Sentences  int `json:"sentences"`
	Rules      int `json:"rules"`
	Fired      int `json:"fired"`
	NeverFired int `json:"never_fired"`
	NearMisses int `json:"near_misses"`
}

// coverageJSON is what rules coverage --json prints.
type coverageJSON struct {
	Rules string `json:"rules"`
	// Fired lists every rule that fired, most tags first.
	Fired      []coverageRule      `json:"fired"`
	NeverFired []coverageRule      `json:"never_fired"`
	NearMisses []evaluate.NearMiss `json:"near_misses"`
	Summary    coverageSummary     `json:"summary"`
}

// ruleFileLabel is where a rule file is shown: inside the rules folder, or under rules/ for the
// built-in rules (which are the repository's rules/ folder).
func (a *app) ruleFileLabel(file string) string {
	dir := a.cfg.Rules
	if dir == "" {
		dir = "rules"
	}
	return strings.TrimSuffix(dir, "/") + "/" + file
}

func (a *app) runRulesCoverage(cmd *cobra.Command, args []string, asJSON bool, top int) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	if top < 0 {
		return fmt.Errorf("--top: %d is negative", top)
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	docs, _, err := a.documents(cmd.Context(), args)
	if err != nil {
		return err
	}
	var rules []coverageRule
	byID := map[string]int{}
	rs := c.RuleSet()
	for _, v := range rs.Vocabularies {
		if v.Emit && v.Facet != "" {
			byID[v.ID] = len(rules)
			rules = append(rules, coverageRule{ID: v.ID, Kind: "vocabulary", Facet: v.Facet, File: a.ruleFileLabel(v.File), Line: v.Line})
		}
	}
	for _, p := range rs.Patterns {
		byID[p.ID] = len(rules)
		rules = append(rules, coverageRule{ID: p.ID, Kind: "pattern", Facet: p.Facet, File: a.ruleFileLabel(p.File), Line: p.Line})
	}
	out := coverageJSON{Rules: a.rulesLabel(), Fired: []coverageRule{}, NeverFired: []coverageRule{}, NearMisses: []evaluate.NearMiss{}}
	sentences := 0
	stats, err := tagEachDoc(docs, a.cfg.Workers, a.stderr,
		func(doc *corpus.Document) evaluate.DocCoverage { return evaluate.Cover(tagDoc(c, doc)) },
		func(_ *corpus.Document, dc evaluate.DocCoverage) {
			sentences += dc.Sentences
			for id, n := range dc.Fired {
				i, ok := byID[id]
				if !ok { // a rule of another kind (none today): list it too
					i = len(rules)
					byID[id] = i
					rules = append(rules, coverageRule{ID: id, Kind: "other"})
				}
				rules[i].Fired += n
			}
			out.NearMisses = append(out.NearMisses, dc.NearMisses...)
		})
	if err != nil {
		return err
	}
	for _, r := range rules {
		if r.Fired == 0 {
			out.NeverFired = append(out.NeverFired, r)
		} else {
			out.Fired = append(out.Fired, r)
		}
	}
	sort.SliceStable(out.Fired, func(i, j int) bool {
		if out.Fired[i].Fired != out.Fired[j].Fired {
			return out.Fired[i].Fired > out.Fired[j].Fired
		}
		return out.Fired[i].ID < out.Fired[j].ID
	})
	out.Summary = coverageSummary{Documents: stats.docs, Sentences: sentences, Rules: len(rules), Fired: len(out.Fired),
		NeverFired: len(out.NeverFired), NearMisses: len(out.NearMisses)}

	if err := a.writeReport(asJSON, out, func(w io.Writer) { writeCoverageText(w, out, top) }); err != nil {
		return err
	}
	a.noteSkipped(stats)
	return nil
}

func writeCoverageText(w io.Writer, out coverageJSON, top int) {
	s := out.Summary
	fmt.Fprintf(w, "Rules %s on %d documents (%d sentences)\n", out.Rules, s.Documents, s.Sentences)
	width := 8
	for _, r := range out.NeverFired {
		width = max(width, len(r.ID))
	}
	for _, r := range out.Fired {
		width = max(width, len(r.ID))
	}
	fmt.Fprintf(w, "\nNever fired (%d of %d rules):\n", s.NeverFired, s.Rules)
	if len(out.NeverFired) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, r := range out.NeverFired {
		fmt.Fprintf(w, "  %-*s  %-10s  %s:%d\n", width, r.ID, r.Kind, r.File, r.Line)
	}
	shown := out.Fired
	if top > 0 && len(shown) > top {
		shown = shown[:top]
	}
	fmt.Fprintf(w, "\nMost fired (%d of the %d rules that fired), tags made:\n", len(shown), s.Fired)
	for _, r := range shown {
		fmt.Fprintf(w, "  %7d  %-*s  %s\n", r.Fired, width, r.ID, r.Kind)
	}
	fmt.Fprintf(w, "\nNear misses (%d): sentences that mention CRS, ICANS or remission by keyword with no tag of that facet\n", s.NearMisses)
	for _, m := range out.NearMisses {
		fmt.Fprintf(w, "  %s #%d [%s] %s: %s\n", m.Doc, m.Sentence, m.Section, m.Topic, m.Snippet)
	}
	fmt.Fprintf(w, "\n%d documents, %d sentences: %d of %d rules fired, %d never fired; %d near misses\n",
		s.Documents, s.Sentences, s.Fired, s.Rules, s.NeverFired, s.NearMisses)
}
