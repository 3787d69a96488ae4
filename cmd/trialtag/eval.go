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
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
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
		Use:   "eval --gold GOLD.jsonl [flags] [PATH...]",
		Short: "Score document facets against a gold file",
		Long: `Eval tags the documents and compares their facets with a gold file: JSON Lines of
{"id": "...", "facets": {"crs": ["present"], "icans": []}}, one record per document.

Only the facets the gold file names (in any record, even with an empty list) are scored; a
facet a record leaves out counts as empty for that document. Documents whose id is not in the
gold file are ignored (noted on stderr); a gold id with no document is an error.

It prints precision, recall and F1 per facet, their micro and macro averages, the values of
facets with errors, and for every false positive the sentences and tags that produced it, for
every false negative the facet's tags in that document (such as a value that was only
negated). P, R and F1 are 1 for a facet with no gold and no predicted values.

Exit status: 0 scored (and every checked facet meets --min-f1), 1 a facet is below --min-f1
(named on stderr) or some inputs were skipped, 2 usage or configuration error, a bad gold
file, or gold ids with no document.`,
		Example: `  trialtag eval --gold gold.jsonl corpus/seeds
  trialtag eval --gold gold.jsonl --min-f1 0.9 abstracts/
  trialtag eval --gold gold.jsonl --min-f1 0.8 --facets crs,icans --json abstracts/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runEval(cmd, args, ef)
		},
	}
	f := cmd.Flags()
	f.StringVar(&ef.gold, "gold", "", "gold file: JSON Lines of {\"id\",\"facets\"} (required)")
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

// ---- evidence: the tags behind a facet value ----

// evidenceTag is one tag shown as evidence, with where it stands.
type evidenceTag struct {
	Sentence int            `json:"sentence"`
	Section  corpus.Section `json:"section"`
	Facet    string         `json:"facet"`
	Value    string         `json:"value"`
	Status   string         `json:"status"`
	Cue      string         `json:"cue,omitempty"`
	Rule     string         `json:"rule"`
	Start    int            `json:"start"`
	End      int            `json:"end"`
	Text     string         `json:"text"`
	// Snippet is the sentence, trimmed, with the tag's span [marked].
	Snippet string `json:"snippet"`
}

func newEvidenceTag(s classifier.Sentence, t classifier.Tag) evidenceTag {
	return evidenceTag{Sentence: s.Index, Section: s.Section, Facet: t.Facet, Value: t.Value, Status: t.Status,
		Cue: t.Cue, Rule: t.Rule, Start: t.Start, End: t.End, Text: t.Text, Snippet: markedSnippet(s.Sentence, t.Start, t.End)}
}

// facetProducers returns the tags of res that give its facet the value (classifier's
// Result.Producers) as evidence.
func facetProducers(res *classifier.Result, facet, value string) []evidenceTag {
	var out []evidenceTag
	for _, ta := range res.Producers(facet, value) {
		out = append(out, newEvidenceTag(*ta.Sentence, ta.Tag))
	}
	return out
}

// tagsOfFacet returns every tag of facet in res, in any section and with any status.
func tagsOfFacet(res *classifier.Result, facet string) []evidenceTag {
	var out []evidenceTag
	for _, s := range res.Sentences {
		for _, t := range s.Tags {
			if t.Facet == facet {
				out = append(out, newEvidenceTag(s, t))
			}
		}
	}
	return out
}

// snippetBytes is about how many bytes of a sentence a snippet shows.
const snippetBytes = 200

// markedSnippet returns the sentence with the span [start, end) (document offsets) marked in
// [brackets], whitespace runs made single spaces, cut to about snippetBytes bytes around the
// span. With start == end == -1 nothing is marked.
func markedSnippet(s corpus.Sentence, start, end int) string {
	text := s.Text
	a, b := start-s.Start, end-s.Start
	mark := start >= 0 && a >= 0 && b <= len(text) && a <= b
	if !mark {
		a, b = 0, 0
	}
	before, span, after := collapseSpaces(text[:a]), collapseSpaces(text[a:b]), collapseSpaces(text[b:])
	before = strings.TrimLeft(before, " ")
	after = strings.TrimRight(after, " ")
	room := max(snippetBytes-len(span), 60)
	keepBefore, keepAfter := room/2, room-room/2
	if len(before) < keepBefore {
		keepAfter += keepBefore - len(before)
		keepBefore = len(before)
	}
	if len(after) < keepAfter {
		keepBefore = min(len(before), keepBefore+keepAfter-len(after))
		keepAfter = len(after)
	}
	if keepBefore < len(before) {
		i := len(before) - keepBefore
		for i < len(before) && !utf8.RuneStart(before[i]) {
			i++
		}
		before = "…" + before[i:]
	}
	if keepAfter < len(after) {
		i := keepAfter
		for i > 0 && !utf8.RuneStart(after[i]) {
			i--
		}
		after = after[:i] + "…"
	}
	if !mark {
		return before + after
	}
	return before + "[" + span + "]" + after
}

// collapseSpaces turns every run of white space into one space.
func collapseSpaces(s string) string {
	if !strings.ContainsAny(s, "\t\n\v\f\r  ") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0xA0 || r == 0x2028 || r == 0x2029 {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// ---- eval ----

// fpEvidence is a false positive with the tags that produced the value.
type fpEvidence struct {
	evaluate.Mismatch
	Tags []evidenceTag `json:"tags"`
}

// fnEvidence is a false negative with every tag of its facet in that document.
type fnEvidence struct {
	evaluate.Mismatch
	FacetTags []evidenceTag `json:"facet_tags"`
}

// evalJSON is what eval --json prints.
type evalJSON struct {
	Gold   string          `json:"gold"`
	Report evaluate.Report `json:"report"`
	// Ignored lists the ids of documents that are not in the gold file.
	Ignored        []string     `json:"ignored"`
	FalsePositives []fpEvidence `json:"false_positives"`
	FalseNegatives []fnEvidence `json:"false_negatives"`
	MinF1          *float64     `json:"min_f1,omitempty"`
	// BelowMinF1 lists the checked facets whose F1 is below MinF1.
	BelowMinF1 []string `json:"below_min_f1"`
}

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
	gold, err := readGoldFile(ef.gold)
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
			return c.Tag(doc)
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
	ids := make([]string, 0, len(gold))
	var missing []string
	for id := range gold {
		ids = append(ids, id)
		if results[id] == nil {
			missing = append(missing, id)
		}
	}
	sort.Strings(ids)
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("%d gold ids have no document in %s: %s", len(missing), label, strings.Join(missing, ", "))
	}

	predicted := make(map[string]map[string][]string, len(results))
	for id, res := range results {
		p := map[string][]string{}
		for _, f := range goldFacets {
			if vals, ok := res.Facets[f]; ok {
				p[f] = vals
			}
		}
		predicted[id] = p
	}
	rep := evaluate.Compare(gold, predicted, ids)
	out := evalJSON{Gold: ef.gold, Report: rep, Ignored: ignored, FalsePositives: []fpEvidence{}, FalseNegatives: []fnEvidence{},
		BelowMinF1: []string{}}
	if out.Ignored == nil {
		out.Ignored = []string{}
	}
	for _, m := range rep.FalsePositives {
		ev := facetProducers(results[m.Doc], m.Facet, m.Value)
		if ev == nil {
			ev = []evidenceTag{}
		}
		out.FalsePositives = append(out.FalsePositives, fpEvidence{m, ev})
	}
	for _, m := range rep.FalseNegatives {
		ev := tagsOfFacet(results[m.Doc], m.Facet)
		if ev == nil {
			ev = []evidenceTag{}
		}
		out.FalseNegatives = append(out.FalseNegatives, fnEvidence{m, ev})
	}
	type below struct {
		facet string
		f1    float64
	}
	var failed []below
	if checkF1 {
		threshold := ef.minF1
		out.MinF1 = &threshold
		var notScored []string
		for _, name := range checked {
			fs, ok := rep.Facet(name)
			if !ok {
				notScored = append(notScored, name)
				continue
			}
			if fs.F1 < ef.minF1 {
				failed = append(failed, below{name, fs.F1})
				out.BelowMinF1 = append(out.BelowMinF1, name)
			}
		}
		if len(notScored) > 0 {
			fmt.Fprintf(a.stderr, "trialtag: note: --min-f1 does not check %s: not in the gold file\n", strings.Join(notScored, ", "))
		}
	}

	if err := a.writeReport(ef.json, out, func(w io.Writer) { writeEvalText(w, out) }); err != nil {
		return err
	}
	if len(failed) > 0 {
		parts := make([]string, len(failed))
		for i, b := range failed {
			parts[i] = fmt.Sprintf("%s %.3f", b.facet, b.f1)
		}
		fmt.Fprintf(a.stderr, "trialtag: F1 below %g: %s\n", ef.minF1, strings.Join(parts, ", "))
	}
	if len(failed) > 0 || stats.skipped > 0 {
		a.code = exitSkipped
	}
	return nil
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

// joinFirst joins the first n items and says how many more there are.
func joinFirst(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// sortFacetNames sorts facet names in display order, unknown ones last by name.
func sortFacetNames(names []string) {
	sort.SliceStable(names, func(i, j int) bool {
		ri, rj := classifier.FacetRank(names[i]), classifier.FacetRank(names[j])
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
}

func writeScoreLine(w io.Writer, width int, indent, name string, s evaluate.Scores) {
	fmt.Fprintf(w, "%s%-*s %5d %5d %5d  %5.3f  %5.3f  %5.3f\n", indent, width-len(indent), name, s.TP, s.FP, s.FN, s.Precision, s.Recall, s.F1)
}

func writeEvalText(w io.Writer, out evalJSON) {
	rep := out.Report
	names := make([]string, len(rep.Facets))
	byName := map[string]evaluate.FacetScore{}
	for i, f := range rep.Facets {
		names[i] = f.Facet
		byName[f.Facet] = f
	}
	sortFacetNames(names)
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
				fmt.Fprintf(w, "    #%d [%s] %s=%s %s%s, rule %s: %s\n", t.Sentence, t.Section, t.Facet, t.Value, t.Status, cueSuffix(t), t.Rule, t.Snippet)
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
				fmt.Fprintf(w, "    %s=%s %s%s%s in #%d [%s], rule %s: %s\n", t.Facet, t.Value, lead, how, cueSuffix(t), t.Sentence, t.Section, t.Rule, t.Snippet)
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

func cueSuffix(t evidenceTag) string {
	if t.Cue == "" {
		return ""
	}
	return fmt.Sprintf(" (cue %q)", t.Cue)
}
