package classifier_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestIncidenceTuneErrors lists the incidence errors of the tune half of
// testdata/incidence/statements.jsonl only, for whoever adjusts the incidence rules: each
// sentence with a miss or a false positive, its gold and tagged tuples and the outcome tags
// in it, then the consistency-check failures of the tune sentences. It runs only when TRIALTAG_TUNE_ERRORS is set. It reads no line of the test half
// and never opens cart-heldout.jsonl: those are measured by TestIncidenceGold, never read.
func TestIncidenceTuneErrors(t *testing.T) {
	if os.Getenv("TRIALTAG_TUNE_ERRORS") == "" {
		t.Skip("set TRIALTAG_TUNE_ERRORS=1 to list the tune half's incidence errors")
	}
	type sentKey struct {
		doc        string
		start, end int
	}
	f, err := os.Open(filepath.Join("..", "testdata", "incidence", "statements.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold := map[sentKey][]evaluate.IncidenceTuple{}
	first := map[sentKey]incidenceStatement{}
	var sents []sentKey
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var s incidenceStatement
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		if s.Split != "tune" {
			continue // the test half is never read here
		}
		k := sentKey{s.Source + "#" + s.Record, s.Start, s.End}
		if _, ok := first[k]; !ok {
			first[k] = s
			sents = append(sents, k)
		}
		if !s.Negative {
			gold[k] = append(gold[k], evaluate.NewIncidenceTuple(s.Facet, s.Value, s.N, s.Of, s.Percent))
		}
	}
	c := testrules.Default(t)
	docs := map[string]*classifier.Result{}
	var tp, fp, fn int
	var out, problems []string
	for _, k := range sents {
		res := docs[k.doc]
		if res == nil {
			res = c.Tag(&corpus.Document{ID: k.doc, Text: incidenceDocument(t, first[k]), Source: first[k].Source})
			docs[k.doc] = res
		}
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if in := tg.Incidence; in != nil && tg.Start >= k.start && tg.End <= k.end && len(in.Problems) > 0 {
					problems = append(problems, fmt.Sprintf("%s %d-%d %s=%s %s: %s", k.doc, k.start, k.end, tg.Facet, tg.Value, in, strings.Join(in.Problems, "; ")))
				}
			}
		}
		got := evaluate.IncidenceTuples(res, k.start, k.end)
		want := slices.Clone(gold[k])
		var lines []string
		for _, g := range got {
			if i := slices.Index(want, g); i >= 0 {
				tp++
				want = slices.Delete(want, i, i+1)
				continue
			}
			fp++
			lines = append(lines, "    FP "+g.String())
		}
		for _, w := range want {
			fn++
			lines = append(lines, "    FN "+w.String())
		}
		if len(lines) == 0 {
			continue
		}
		var tags []string
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if tg.Start >= k.start && tg.End <= k.end {
					x := fmt.Sprintf("%s=%s[%s %q]", tg.Facet, tg.Value, tg.Status, tg.Text)
					if tg.Incidence != nil {
						x += fmt.Sprintf("{%s by %s %q}", tg.Incidence, tg.Incidence.Rule, tg.Incidence.Text)
					}
					tags = append(tags, x)
				}
			}
		}
		out = append(out, fmt.Sprintf("%s %d-%d: %s\n    gold %v\n    got  %v\n    tags %s\n%s", k.doc, k.start, k.end,
			strings.Join(strings.Fields(res.Document.Text[k.start:k.end]), " "), gold[k], got, strings.Join(tags, " "), strings.Join(lines, "\n")))
	}
	t.Logf("incidence tune: P %.3f R %.3f (tp %d fp %d fn %d)\n%s", ratio(tp, tp+fp), ratio(tp, tp+fn), tp, fp, fn, strings.Join(out, "\n"))
	t.Logf("consistency-check failures in the tune sentences: %d\n  %s", len(problems), strings.Join(problems, "\n  "))
}
