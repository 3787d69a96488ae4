package classifier_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/evaluate"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestIncidenceTuneErrors lists the incidence errors of the tune half of
// testdata/incidence/statements.jsonl only, for whoever adjusts the incidence rules: each
// sentence with a miss or a false positive, its gold and tagged tuples and the outcome tags
// in it, then the consistency-check failures of the tune sentences. It runs only when
// TRIALTAG_TUNE_ERRORS is set. It reads no line of the test half and never opens
// cart-heldout.jsonl: those are measured by TestIncidenceGold, never read.
func TestIncidenceTuneErrors(t *testing.T) {
	if os.Getenv("TRIALTAG_TUNE_ERRORS") == "" {
		t.Skip("set TRIALTAG_TUNE_ERRORS=1 to list the tune half's incidence errors")
	}
	// Only statements.jsonl, only its tune lines: cart-heldout.jsonl is never opened here.
	sents := readIncidenceSentences(t, incidenceGoldFiles, func(split string) bool { return split == "tune" })
	c := testrules.Default(t)
	docs := map[string]*classifier.Result{}
	var tp, fp, fn int
	var out, problems []string
	for _, is := range sents {
		res := tagIncidenceDocument(t, c, docs, is)
		var tags []string
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if tg.Start < is.start || tg.End > is.end {
					continue
				}
				x := fmt.Sprintf("%s=%s[%s %q]", tg.Facet, tg.Value, tg.Status, tg.Text)
				if in := tg.Incidence; in != nil {
					x += fmt.Sprintf("{%s by %s %q}", in, in.Rule, in.Text)
					if len(in.Problems) > 0 {
						problems = append(problems, fmt.Sprintf("%s %d-%d %s=%s %s: %s", is.doc, is.start, is.end, tg.Facet, tg.Value, in, strings.Join(in.Problems, "; ")))
					}
				}
				tags = append(tags, x)
			}
		}
		got := evaluate.IncidenceTuples(res, is.start, is.end)
		matched, fps, fns := evaluate.MatchIncidence(got, is.gold)
		tp, fp, fn = tp+matched, fp+len(fps), fn+len(fns)
		if len(fps)+len(fns) == 0 {
			continue
		}
		var lines []string
		for _, g := range fps {
			lines = append(lines, "    FP "+g.String())
		}
		for _, w := range fns {
			lines = append(lines, "    FN "+w.String())
		}
		out = append(out, fmt.Sprintf("%s %d-%d: %s\n    gold %v\n    got  %v\n    tags %s\n%s", is.doc, is.start, is.end,
			strings.Join(strings.Fields(res.Document.Text[is.start:is.end]), " "), is.gold, got, strings.Join(tags, " "), strings.Join(lines, "\n")))
	}
	t.Logf("incidence tune: P %.3f R %.3f (tp %d fp %d fn %d)\n%s", ratio(tp, tp+fp), ratio(tp, tp+fn), tp, fp, fn, strings.Join(out, "\n"))
	t.Logf("consistency-check failures in the tune sentences: %d\n  %s", len(problems), strings.Join(problems, "\n  "))
}
