package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
	"github.com/trialtag/trialtag/internal/evaluate"
)

// addEvalCommands registers the evaluation commands on the root command: eval. The rules
// subcommands diff and coverage hang under "trialtag rules" through addRulesSubcommands.
func addEvalCommands(root *cobra.Command, a *app) {
	root.AddCommand(newEvalCmd(a))
}

type evalFlags struct {
	gold   string
	json   bool
	minF1  float64
	facets []string
}

func newEvalCmd(a *app) *cobra.Command {
	var ef evalFlags
	cmd := &cobra.Command{
		Use:   "eval --gold GOLD.jsonl|BRAT_DIR [flags] [PATH...]",
		Short: "Score document facets against a gold file or a folder of brat files",
		Long: `Eval tags the documents and compares their facets with a gold file: JSON Lines of
{"id": "...", "facets": {"crs": ["present"], "icans": []}}, one record per document.

The gold may also be a folder of brat files (ID.txt and ID.ann, as "tag --format brat"
writes them and curators correct them): each document's facets come from its annotations
(type = facet, note = value, Status and Section attributes) the way tags roll up into
document facets, and every facet is scored. A broken .ann is reported at its line.

Only the facets the gold file names (in any record, even with an empty list) are scored; a
facet a record leaves out counts as empty for that document. Documents whose id is not in the
gold file are ignored (noted on stderr); a gold id with no document is an error.

It prints precision, recall and F1 per facet, their micro and macro averages, the values of
facets with errors, and for every false positive the sentences and tags that produced it, for
every false negative the facet's tags in that document (such as a value that was only
negated). P, R and F1 are 1 for a facet with no gold and no predicted values.

A record may also list its incidence: "incidence": [{"facet": "crs_grade", "value": "2",
"n": 3, "of": 11, "percent": 27}] (null or absent where the text gives none; a grade range
counted as one is "1-2"). Exact (facet, value, n, of, percent) tuples of those documents are
then scored too, with every mismatch listed.

Exit status: 0 scored (and every checked facet meets --min-f1), 1 a facet is below --min-f1
(named on stderr) or some inputs were skipped, 2 usage or configuration error, a bad gold
file, or gold ids with no document.`,
		Example: `  trialtag eval --gold gold.jsonl corpus/seeds
  trialtag eval --gold curated-brat/ abstracts/
  trialtag eval --gold gold.jsonl --min-f1 0.9 abstracts/
  trialtag eval --gold gold.jsonl --min-f1 0.8 --facets crs,icans --json abstracts/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runEval(cmd, args, ef)
		},
	}
	f := cmd.Flags()
	f.StringVar(&ef.gold, "gold", "", "gold file: JSON Lines of {\"id\",\"facets\"}, or a folder of brat files (required)")
	f.BoolVar(&ef.json, "json", false, "print the report and the evidence as one JSON object")
	f.Float64Var(&ef.minF1, "min-f1", 0, "exit 1 when a checked facet's F1 is below this (0 to 1)")
	f.StringSliceVar(&ef.facets, "facets", nil, "facets --min-f1 checks (default "+strings.Join(evaluate.CoreFacets(), ",")+")")
	addCorpusFlags(cmd, a)
	return cmd
}

// addCorpusFlags adds the flags that say which documents are read and how they are tagged.
func addCorpusFlags(cmd *cobra.Command, a *app) {
	f := cmd.Flags()
	addConfigFlag(f, "workers")
	addConfigFlag(f, "max_doc_size")
	addConfigFlag(f, "data")
	f.StringVar(&a.refsFile, "refs", "", "also read the documents this refs file (JSON Lines of {\"id\",\"source\",…}) points at in the data folder")
}

// pathsOrCorpus are the paths a command reads: its arguments, or the configured corpus folder.
func (a *app) pathsOrCorpus(args []string) ([]string, error) {
	if len(args) > 0 {
		return args, nil
	}
	if _, err := os.Stat(a.cfg.Corpus); err != nil {
		return nil, fmt.Errorf("%w: no path given and the corpus folder %q cannot be read: %w", ErrConfig, a.cfg.Corpus, err)
	}
	return []string{a.cfg.Corpus}, nil
}

// documents returns the documents a corpus command reads, and a label that names them: the
// paths given (or the corpus folder, when neither paths nor --refs are given), then the
// documents that --refs points at in the data folder.
func (a *app) documents(ctx context.Context, args []string) (iter.Seq2[*corpus.Document, error], string, error) {
	if a.refsFile == "" {
		paths, err := a.pathsOrCorpus(args)
		if err != nil {
			return nil, "", err
		}
		return corpus.Load(ctx, paths, a.corpusOptions()), strings.Join(paths, " "), nil
	}
	refs, err := corpus.ReadRefsFile(a.refsFile)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if a.cfg.Data == "" {
		return nil, "", fmt.Errorf("%w: --refs %s points into a data folder: name it with --data or the config key data", ErrConfig, a.refsFile)
	}
	if st, err := os.Stat(a.cfg.Data); err != nil || !st.IsDir() {
		return nil, "", fmt.Errorf("%w: data folder %q (for --refs %s) is not a folder here", ErrConfig, a.cfg.Data, a.refsFile)
	}
	opts := a.corpusOptions()
	label := a.refsFile + " in " + a.cfg.Data
	if len(args) > 0 {
		label = strings.Join(args, " ") + " and " + label
	}
	return func(yield func(*corpus.Document, error) bool) {
		if len(args) > 0 {
			for doc, err := range corpus.Load(ctx, args, opts) {
				if !yield(doc, err) {
					return
				}
			}
		}
		for doc, err := range corpus.LoadRefs(ctx, refs, a.cfg.Data, opts) {
			if !yield(doc, err) {
				return
			}
		}
	}, label, nil
}

func (a *app) corpusOptions() corpus.Options {
	maxDoc, _ := ParseSize(a.cfg.MaxDocSize)
	return corpus.Options{MaxDocBytes: maxDoc, Stdin: a.stdin}
}

// ---- eval ----

func (a *app) runEval(cmd *cobra.Command, args []string, ef evalFlags) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	if ef.gold == "" {
		return fmt.Errorf("eval: --gold is required")
	}
	checkF1 := cmd.Flags().Changed("min-f1")
	if checkF1 && (ef.minF1 < 0 || ef.minF1 > 1) {
		return fmt.Errorf("--min-f1: %v is not between 0 and 1", ef.minF1)
	}
	if cmd.Flags().Changed("facets") && !checkF1 {
		return fmt.Errorf("--facets names the facets --min-f1 checks: give --min-f1 too")
	}
	gold, goldInc, err := readGold(ef.gold)
	if err != nil {
		return err
	}
	goldFacets := evaluate.GoldFacets(gold)
	for _, f := range goldFacets {
		if _, ok := classifier.LookupFacet(f); !ok {
			fmt.Fprintf(a.stderr, "trialtag: note: gold facet %q is not a facet trialtag knows; it will have no predictions\n", f)
		}
	}
	checked := evaluate.CoreFacets()
	if cmd.Flags().Changed("facets") {
		checked = nil
		for _, f := range ef.facets {
			if f = strings.TrimSpace(f); f == "" {
				continue
			}
			if !slices.Contains(goldFacets, f) {
				return fmt.Errorf("--facets: %q is not a facet of the gold file (it has %s)", f, strings.Join(goldFacets, ", "))
			}
			checked = append(checked, f)
		}
		if len(checked) == 0 {
			return fmt.Errorf("--facets: no facet named")
		}
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	docs, label, err := a.documents(cmd.Context(), args)
	if err != nil {
		return err
	}

	results := map[string]*classifier.Result{}
	var ignored, twice []string
	stats, err := tagEachDoc(docs, a.cfg.Workers, a.stderr,
		func(doc *corpus.Document) *classifier.Result {
			if _, ok := gold[doc.ID]; !ok {
				return nil
			}
			return tagDoc(c, doc)
		},
		func(doc *corpus.Document, res *classifier.Result) {
			switch {
			case res == nil:
				ignored = append(ignored, doc.ID)
			case results[doc.ID] != nil:
				twice = append(twice, doc.ID)
			default:
				results[doc.ID] = res
			}
		})
	if err != nil {
		return err
	}
	if stats.skipped > 0 {
		fmt.Fprintf(a.stderr, "trialtag: read %d documents, skipped %d inputs\n", stats.docs, stats.skipped)
	}
	if len(ignored) > 0 {
		fmt.Fprintf(a.stderr, "trialtag: note: %d documents are not in %s and were not scored: %s\n",
			len(ignored), ef.gold, joinFirst(ignored, 10))
	}
	if len(twice) > 0 {
		fmt.Fprintf(a.stderr, "trialtag: note: documents read more than once (the first was scored): %s\n", joinFirst(twice, 10))
	}
	var missing []string
	for id := range gold {
		if results[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("%d gold ids have no document in %s: %s", len(missing), label, strings.Join(missing, ", "))
	}

	var minF1 *float64
	if checkF1 {
		minF1 = &ef.minF1
	}
	out := evaluate.Evaluate(gold, results, checked, minF1)
	out.Gold = ef.gold
	if len(goldInc) > 0 {
		rep := evaluate.ScoreIncidence(goldInc, results)
		out.Incidence = &rep
	}
	if ignored != nil {
		out.Ignored = ignored
	}
	if len(out.NotChecked) > 0 {
		fmt.Fprintf(a.stderr, "trialtag: note: --min-f1 does not check %s: not in the gold file\n", strings.Join(out.NotChecked, ", "))
	}

	if err := a.writeReport(ef.json, out, func(w io.Writer) { writeEvalText(w, out) }); err != nil {
		return err
	}
	if len(out.BelowMinF1) > 0 {
		parts := make([]string, len(out.BelowMinF1))
		for i, name := range out.BelowMinF1 {
			fs, _ := out.Report.Facet(name)
			parts[i] = fmt.Sprintf("%s %.3f", name, fs.F1)
		}
		fmt.Fprintf(a.stderr, "trialtag: F1 below %g: %s\n", ef.minF1, strings.Join(parts, ", "))
	}
	if len(out.BelowMinF1) > 0 || stats.skipped > 0 {
		a.code = exitSkipped
	}
	return nil
}

// readGold reads the gold of --gold: a folder of brat files (facets only), or a gold file
// with its incidence lists.
func readGold(path string) (map[string]map[string][]string, map[string][]evaluate.IncidenceTuple, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		gold, err := export.ReadBratGold(path)
		if err != nil {
			return nil, nil, fmt.Errorf("gold folder: %w", err)
		}
		return gold, nil, nil
	}
	gold, err := readGoldFile(path)
	if err != nil {
		return nil, nil, err
	}
	inc, err := readGoldIncidence(path)
	if err != nil {
		return nil, nil, err
	}
	return gold, inc, nil
}

func readGoldFile(path string) (map[string]map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gold file: %w", err)
	}
	defer f.Close()
	gold, err := evaluate.ReadGold(f)
	var le *evaluate.LineError
	if errors.As(err, &le) {
		return nil, fmt.Errorf("gold file %s:%d: %w", path, le.Line, le.Err)
	}
	if err != nil {
		return nil, fmt.Errorf("gold file %s: %w", path, err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("gold file %s: no records", path)
	}
	return gold, nil
}

// readGoldIncidence reads the incidence lists of a gold file (see evaluate.ReadGoldIncidence).
func readGoldIncidence(path string) (map[string][]evaluate.IncidenceTuple, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gold file: %w", err)
	}
	defer f.Close()
	inc, err := evaluate.ReadGoldIncidence(f)
	var le *evaluate.LineError
	if errors.As(err, &le) {
		return nil, fmt.Errorf("gold file %s:%d: %w", path, le.Line, le.Err)
	}
	if err != nil {
		return nil, fmt.Errorf("gold file %s: %w", path, err)
	}
	return inc, nil
}

// writeIncidenceText prints the incidence scores and every mismatched tuple.
func writeIncidenceText(w io.Writer, width int, rep *evaluate.IncidenceReport) {
	fmt.Fprintf(w, "\nIncidence, exact (facet, value, n, of, percent) over %d documents:\n", rep.Documents)
	writeScoreLine(w, width, "", "incidence", rep.Scores)
	for _, m := range rep.FalsePositives {
		fmt.Fprintf(w, "  FP %s  %s\n", m.Doc, m.Tuple)
	}
	for _, m := range rep.FalseNegatives {
		fmt.Fprintf(w, "  FN %s  %s\n", m.Doc, m.Tuple)
	}
}

// joinFirst joins the first n items and says how many more there are.
func joinFirst(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func writeScoreLine(w io.Writer, width int, indent, name string, s evaluate.Scores) {
	fmt.Fprintf(w, "%s%-*s %5d %5d %5d  %5.3f  %5.3f  %5.3f\n", indent, width-len(indent), name, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
}

func writeEvalText(w io.Writer, out evaluate.Outcome) {
	rep := out.Report
	names := make([]string, len(rep.Facets))
	byName := map[string]evaluate.FacetScore{}
	for i, f := range rep.Facets {
		names[i] = f.Facet
		byName[f.Facet] = f
	}
	classifier.SortFacetNames(names)
	width := 20 // of the name column
	for _, f := range rep.Facets {
		width = max(width, len(f.Facet))
		if f.FP+f.FN > 0 {
			for _, v := range f.Values {
				width = max(width, 2+len(v.Value))
			}
		}
	}
	fmt.Fprintf(w, "Scored %d documents against %s\n\n", rep.Documents, out.Gold)
	fmt.Fprintf(w, "%-*s %5s %5s %5s  %5s  %5s  %5s\n", width, "facet", "TP", "FP", "FN", "P", "R", "F1")
	for _, n := range names {
		writeScoreLine(w, width, "", n, byName[n].Scores)
	}
	writeScoreLine(w, width, "", "micro", rep.Micro)
	fmt.Fprintf(w, "%-*s %5s %5s %5s  %5.3f  %5.3f  %5.3f\n", width, "macro", "", "", "", rep.Macro.Precision, rep.Macro.Recall, rep.Macro.F1)
	if out.Incidence != nil {
		writeIncidenceText(w, width, out.Incidence)
	}

	for _, n := range names {
		fs := byName[n]
		if fs.FP+fs.FN == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s by value:\n", n)
		for _, v := range fs.Values {
			writeScoreLine(w, width, "  ", v.Value, v.Scores)
		}
	}

	if len(out.FalsePositives) > 0 {
		fmt.Fprintf(w, "\nFalse positives (%d): predicted, not in the gold\n", len(out.FalsePositives))
		for _, e := range out.FalsePositives {
			fmt.Fprintf(w, "\n  %s  %s=%s\n", e.Doc, e.Facet, e.Value)
			if len(e.Tags) == 0 {
				fmt.Fprintln(w, "    (no counting tag found)")
			}
			for _, t := range e.Tags {
				fmt.Fprintf(w, "    #%d [%s] %s=%s %s%s, rule %s: %s\n", t.Sentence, t.Section, t.Facet, t.Value, t.Status, cueSuffix(t.Cue), t.Rule, t.Snippet)
			}
		}
	}
	if len(out.FalseNegatives) > 0 {
		fmt.Fprintf(w, "\nFalse negatives (%d): in the gold, not predicted\n", len(out.FalseNegatives))
		for _, e := range out.FalseNegatives {
			if len(e.FacetTags) == 0 {
				fmt.Fprintf(w, "\n  %s  %s=%s: no sentence produced it, and no sentence has a %s tag\n", e.Doc, e.Facet, e.Value, e.Facet)
				continue
			}
			fmt.Fprintf(w, "\n  %s  %s=%s: no sentence produced it; the document's %s tags:\n", e.Doc, e.Facet, e.Value, e.Facet)
			f, _ := classifier.LookupFacet(e.Facet)
			_, isAbsent := f.NegatedOnly(e.Value)
			for _, t := range e.FacetTags {
				how := t.Status
				if !t.Section.CountsForFacets() {
					how += " in " + string(t.Section) + " (does not count)"
				}
				lead := ""
				if t.Value == e.Value && !isAbsent {
					lead = "only as "
				}
				fmt.Fprintf(w, "    %s=%s %s%s%s in #%d [%s], rule %s: %s\n", t.Facet, t.Value, lead, how, cueSuffix(t.Cue), t.Sentence, t.Section, t.Rule, t.Snippet)
			}
		}
	}
	if out.MinF1 != nil {
		if len(out.BelowMinF1) == 0 {
			fmt.Fprintf(w, "\nEvery checked facet has F1 ≥ %g\n", *out.MinF1)
		} else {
			fmt.Fprintf(w, "\nF1 below %g: %s\n", *out.MinF1, strings.Join(out.BelowMinF1, ", "))
		}
	}
}

// cueSuffix shows the cue that gave a tag its status, if any.
func cueSuffix(cue string) string {
	if cue == "" {
		return ""
	}
	return fmt.Sprintf(" (cue %q)", cue)
}
