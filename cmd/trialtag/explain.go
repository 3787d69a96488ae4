package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

func newExplainCmd(a *app) *cobra.Command {
	var (
		file     string
		sentence int
		asJSON   bool
	)
	cmd := &cobra.Command{
		Use:   "explain [flags] TEXT | --file F --sentence N",
		Short: "Show how a sentence was tagged: units, rules, captures, cues and near misses",
		Long: `Explain tags TEXT (each of its sentences) or sentence N (from 0) of a document file and
shows the normalised units the rules saw, every tag with the rule, pattern and captures
that made it and the incidence bound to it (the count, the rule and words that state it,
its arm and where an inferred denominator came from), every context cue with the words it
reaches and what it decided, for CRS and ICANS terms left without a grade or a cue the rules
that nearly applied and why not, and the counts an incidence rule read that no tag took.`,
		Example: `  trialtag explain "Grade ≥3 CRS was not observed; two patients had grade 1 CRS"
  trialtag explain --file corpus/seeds/002_05720a88e771276d.txt --sentence 15
  trialtag explain --json "No ICANS occurred."`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.loadConfig(cmd); err != nil {
				return err
			}
			var exps []*classifier.Explanation
			c, err := a.newClassifier()
			if err != nil {
				return err
			}
			switch {
			case file != "" && len(args) == 0:
				if !cmd.Flags().Changed("sentence") {
					return fmt.Errorf("%w: --file needs --sentence N (sentence numbers are in trialtag tag's output)", ErrConfig)
				}
				doc, err := loadOne(cmd, a, file)
				if err != nil {
					return err
				}
				ex, err := c.Explain(doc, sentence)
				if err != nil {
					return fmt.Errorf("%w: %w", ErrConfig, err)
				}
				exps = []*classifier.Explanation{ex}
			case file == "" && len(args) > 0:
				exps = c.ExplainText(strings.Join(args, " "))
			default:
				return fmt.Errorf("%w: give TEXT, or --file F --sentence N", ErrConfig)
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(exps)
			}
			for _, ex := range exps {
				printExplanation(out, ex, isTerminal(out))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&file, "file", "", "document file to take the sentence from")
	f.IntVar(&sentence, "sentence", 0, "sentence number (from 0) in --file")
	f.BoolVar(&asJSON, "json", false, "print the explanation as JSON")
	return cmd
}

// loadOne reads the single document of a file.
func loadOne(cmd *cobra.Command, a *app, path string) (*corpus.Document, error) {
	for doc, err := range corpus.Load(cmd.Context(), []string{path}, corpus.Options{Stdin: a.stdin}) {
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
		return doc, nil
	}
	return nil, fmt.Errorf("%w: %s holds no document", ErrConfig, path)
}

func printExplanation(w io.Writer, ex *classifier.Explanation, color bool) {
	s := ex.Sentence
	fmt.Fprintf(w, "sentence #%d [%s] %d–%d\n  %s\n", s.Index, s.Section, s.Start, s.End, s.Text)
	norms := make([]string, len(ex.Units))
	for i, u := range ex.Units {
		norms[i] = u.Norm
	}
	fmt.Fprintf(w, "units\n  %s\n", strings.Join(norms, " · "))
	if len(ex.Terms) > 0 {
		fmt.Fprintln(w, "terms")
		for _, t := range ex.Terms {
			fmt.Fprintf(w, "  %-28q {%s} = %s   %s\n", t.Text, t.Class, t.Value, t.Rule)
		}
	}
	fmt.Fprintln(w, "tags")
	if len(ex.Tags) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, t := range ex.Tags {
		line := fmt.Sprintf("%s=%s %s", t.Facet, t.Value, t.Status)
		if color {
			line = ansiBold + line + ansiReset
		}
		fmt.Fprintf(w, "  %s  %q  rule %s\n", line, t.Text, t.Rule)
		if t.Cue != "" {
			fmt.Fprintf(w, "      %s by %q (%s)\n", t.Status, t.Cue, t.StatusRule)
		}
		if t.Pattern != "" {
			fmt.Fprintf(w, "      pattern %s matched %q\n", t.Pattern, t.Match)
			for _, c := range t.Captures {
				fmt.Fprintf(w, "        %s = %q → %s\n", c.Name, c.Text, strings.Join(c.Values, ", "))
			}
		}
		if in := t.Incidence; in != nil {
			fmt.Fprintf(w, "      incidence %s\n", explainIncidence(in))
		}
	}
	if len(ex.Cues) > 0 {
		fmt.Fprintln(w, "cues")
		for _, c := range ex.Cues {
			fmt.Fprintf(w, "  %q %s %s (%s)\n", c.Text, c.Category, c.Direction, c.Rule)
			for _, sc := range c.Scopes {
				fmt.Fprintf(w, "      scope: %q\n", sc)
			}
			if len(c.Governs) > 0 {
				fmt.Fprintf(w, "      governs: %s\n", strings.Join(c.Governs, ", "))
			}
		}
	}
	if len(ex.NearMisses) > 0 {
		fmt.Fprintln(w, "near misses")
		for _, n := range ex.NearMisses {
			fmt.Fprintf(w, "  %q (%s) %s: %s\n", n.Term, n.Facet, n.Rule, n.Reason)
		}
	}
	if len(ex.UnboundCounts) > 0 {
		fmt.Fprintln(w, "counts bound to no tag")
		for _, c := range ex.UnboundCounts {
			fmt.Fprintf(w, "  %q (%s)\n", c.Text, c.Rule)
		}
	}
	fmt.Fprintln(w)
}

// explainIncidence writes an incidence with where it came from: the count, the rule and the
// words that state it, and what else the binding decided ("3/11 27% by incidence.n_of_m
// "3 of 11 patients (27%)"; arm 2 by arm.versus; of inferred from sentence 0").
func explainIncidence(in *classifier.Incidence) string {
	parts := []string{fmt.Sprintf("%s by %s %q", in.String(), in.Rule, in.Text)}
	if in.Unit != "" {
		parts = append(parts, "counts "+in.Unit)
	}
	if in.Grade != "" {
		parts = append(parts, "at grade "+in.Grade)
	}
	if in.Arm > 0 {
		arm := fmt.Sprintf("arm %d", in.Arm)
		if in.Join != "" {
			arm += " by " + in.Join
		}
		parts = append(parts, arm)
	}
	if in.Each {
		parts = append(parts, "one count each")
	}
	if in.Source == classifier.IncidenceInferred {
		from := "of inferred"
		if in.PopulationSentence != nil {
			from += fmt.Sprintf(" from sentence %d", *in.PopulationSentence)
		}
		if in.Whole != "" {
			from += " by " + in.Whole
		}
		parts = append(parts, from)
	} else if in.Whole != "" {
		parts = append(parts, "of read by "+in.Whole)
	}
	for _, p := range in.Problems {
		parts = append(parts, "problem: "+p)
	}
	return strings.Join(parts, "; ")
}
